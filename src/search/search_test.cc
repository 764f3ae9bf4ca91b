#include "bantin/search.h"

#include <filesystem>
#include <fstream>

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "bantin/ingest.h"
#include "bantin/store.h"

namespace bantin {
namespace {

namespace fs = std::filesystem;

// `dir`/in.jsonl stored into `dir`/db and indexed (`*indexed`: the documents the index got);
// the folder's searcher, null after a failed step (the test fails there).
std::unique_ptr<Searcher> IngestAndOpen(const std::string& dir, size_t* indexed = nullptr) {
  auto store = Store::Open(dir + "/db", {.create = true});
  EXPECT_TRUE(store.has_value());
  if (!store) return nullptr;
  auto read = Ingest(**store, {dir + "/in.jsonl"}, {});
  EXPECT_TRUE(read.has_value());
  auto n = Reindex(dir + "/db");
  EXPECT_TRUE(n.has_value()) << n.error().ToString();
  if (!read || !n) return nullptr;
  if (indexed != nullptr) *indexed = *n;
  auto s = Searcher::Open(dir + "/db");
  EXPECT_TRUE(s.has_value()) << s.error().ToString();
  return s ? std::move(*s) : nullptr;
}

class SearchTest : public ::testing::Test {
 protected:
  // One folder per test: ctest runs the tests of this file in parallel processes.
  std::string dir_ = testing::TempDir() + "/search_test_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::unique_ptr<Searcher> searcher_;

  void SetUp() override {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ + "/in.jsonl")
        << R"({"id":"a","title":"Đàm phán hòa bình Nga Mỹ","body":"Hai bên đàm phán tại Istanbul.","date":"2025-04-10","source":"TASS"})" "\n"
        << R"({"id":"b","title":"Đảm bảo an ninh","body":"Nga đảm bảo an ninh cho đường ống.","date":"2025-05-01","source":"VnE"})" "\n"
        << R"({"id":"c","title":"Đường phố Hà Nội","body":"Dương và đương sự đi trên đường.","source":"VnE"})" "\n"
        << R"({"id":"d","title":"Tin Ukraine","body":"Nga và Ukraine đàm phán về hòa bình.","date":"2025-06-01","source":"TASS"})" "\n";
    size_t indexed = 0;
    searcher_ = IngestAndOpen(dir_, &indexed);
    ASSERT_NE(searcher_, nullptr);
    EXPECT_EQ(indexed, 4u);
  }

  std::vector<std::string> Ids(std::string_view query, SearchOptions options = {}) {
    auto r = searcher_->Search(query, options);
    EXPECT_TRUE(r.has_value()) << r.error().ToString();
    std::vector<std::string> ids;
    if (r) {
      for (const auto& h : r->hits) ids.push_back(h.id);
    }
    return ids;
  }
};

TEST_F(SearchTest, FoldedQueriesFindEveryFormExactFormsRankFirst) {
  // "dam" typed without diacritics finds đàm and đảm.
  auto plain = Ids("dam");
  EXPECT_EQ(plain.size(), 3u);
  // Typed with diacritics: đàm ranks above đảm.
  auto exact = Ids("đàm");
  ASSERT_GE(exact.size(), 2u);
  EXPECT_TRUE(exact[0] == "a" || exact[0] == "d");
  EXPECT_EQ(exact.back(), "b");
  // đ folds to d, which FTS5 never does.
  auto duong = Ids("duong");
  EXPECT_EQ(duong.size(), 2u);  // b (đường), c (đường, dương, đương)
  auto typed = Ids("dương");
  ASSERT_FALSE(typed.empty());
  EXPECT_EQ(typed[0], "c");
}

TEST_F(SearchTest, PhrasesExclusionAndFilters) {
  EXPECT_EQ(Ids("\"hòa bình\" -ukraine"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(Ids("\"hoa binh nga\""), (std::vector<std::string>{"a"}));  // across title words
  EXPECT_TRUE(Ids("\"bình hòa\"").empty());
  SearchOptions tass;
  tass.source = "TASS";
  auto t = Ids("nga", tass);
  EXPECT_EQ(t.size(), 2u);
  SearchOptions dated;
  dated.from = *Date::Parse("2025-05-01");
  dated.to = *Date::Parse("2025-05-31");
  EXPECT_EQ(Ids("nga", dated), (std::vector<std::string>{"b"}));
  SearchOptions nowhere;
  nowhere.source = "Nowhere";
  EXPECT_TRUE(Ids("nga", nowhere).empty());
}

TEST_F(SearchTest, SnippetOffsetsPointAtTheMatchedWords) {
  auto r = searcher_->Search("istanbul dam phan", {});
  ASSERT_TRUE(r.has_value());
  ASSERT_FALSE(r->hits.empty());
  auto store = Store::Open(dir_ + "/db", {}).value();
  for (const SearchHit& h : r->hits) {
    std::string text = store->Get(h.id)->article.text;
    EXPECT_EQ(text.substr(h.snippet_begin, h.snippet_end - h.snippet_begin), h.snippet);
    ASSERT_FALSE(h.highlights.empty()) << h.id;
    for (const Highlight& x : h.highlights) {
      std::string word = text.substr(x.begin, x.end - x.begin);
      EXPECT_TRUE(word == "Istanbul" || word == "đàm" || word == "Đàm" || word == "phán" ||
                  word == "đảm" || word == "Đảm")
          << word;
      EXPECT_GE(x.begin, h.snippet_begin);
      EXPECT_LE(x.end, h.snippet_end);
    }
  }
}

// The passage shown: the 32-word window holding the most query words, in the body paragraph
// where they are densest, ending at its last match; the title only when the body has none.
TEST(SnippetTest, TheDensestWindowOfTheBodyElseTheTitle) {
  const std::string dir = testing::TempDir() + "/snippet_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "x" + std::to_string(i) + " ";
  std::ofstream(dir + "/in.jsonl")
      << R"({"id":"e","title":"Cảng Hải Phòng","body":"Cảng sáng nay.\n)" << filler
      << R"(cảng Hải Phòng mở rộng cảng.\nHết."})" "\n"
      << R"({"id":"f","title":"Cảng mới","body":"Không có gì."})" "\n"
      << R"({"id":"g","title":"Tin","body":"Hai cảng lớn cảng.\ncàng đi càng xa càng tốt"})" "\n";
  auto searcher = IngestAndOpen(dir);
  ASSERT_NE(searcher, nullptr);
  auto store = Store::Open(dir + "/db", {});
  ASSERT_TRUE(store.has_value());
  auto r = searcher->Search("cảng", {});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->hits.size(), 3u);
  for (const SearchHit& h : r->hits) {
    if (h.id == "g") continue;
    const std::string text = (*store)->Get(h.id)->article.text;
    std::vector<std::string> marked;
    for (const Highlight& x : h.highlights) marked.push_back(text.substr(x.begin, x.end - x.begin));
    if (h.id == "e") {
      EXPECT_EQ(h.snippet, filler.substr(filler.find("x14")) + "cảng Hải Phòng mở rộng cảng");
      EXPECT_EQ(marked, (std::vector<std::string>{"cảng", "cảng"}));
    } else {
      EXPECT_EQ(h.snippet, "Cảng mới");
      EXPECT_EQ(marked, (std::vector<std::string>{"Cảng"}));
    }
  }
  // A word asked for both typed and plain counts once where both forms match it: three
  // "càng" (the plain form only) outnumber two "cảng" (both).
  r = searcher->Search("cảng cang", {});
  ASSERT_TRUE(r.has_value());
  bool found = false;
  for (const SearchHit& h : r->hits) {
    if (h.id != "g") continue;
    found = true;
    EXPECT_EQ(h.snippet, "càng đi càng xa càng tốt");
  }
  EXPECT_TRUE(found);
}

// Searches run side by side (each with a store connection of its own) and answer as they do
// one at a time.
TEST_F(SearchTest, ConcurrentSearchesAnswerAsSequentialOnes) {
  const std::vector<std::string> queries = {"dam phan", "Nga", "\"hòa bình\"", "an ninh -ukraine", "đường"};
  std::vector<std::vector<std::string>> expected;
  for (const auto& q : queries) expected.push_back(Ids(q));
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const size_t k = static_cast<size_t>(t + i) % queries.size();
        auto r = searcher_->Search(queries[k], {});
        std::vector<std::string> ids;
        if (r) {
          for (const auto& h : r->hits) ids.push_back(h.id);
        }
        if (!r || ids != expected[k]) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(SearchTest, BadQueriesAndMissingIndex) {
  EXPECT_TRUE(searcher_->Search("\"unclosed", {}).error().IsInvalidArgument());
  EXPECT_TRUE(searcher_->Search("  , . ", {}).error().IsInvalidArgument());
  fs::remove_all(dir_ + "/db/index");
  auto s = Searcher::Open(dir_ + "/db");
  ASSERT_FALSE(s.has_value());
  EXPECT_TRUE(s.error().IsNotFound());
  EXPECT_NE(s.error().message().find("bantin reindex"), std::string::npos);
}

// When the ranking prunes, the count of matches is estimated: with a phrase, from the
// documents holding it (not from the whole archive).
TEST(SearchTotalTest, PrunedPhraseQueriesCountTheDocumentsHoldingThePhrase) {
  const std::string dir = testing::TempDir() + "/search_total_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream in(dir + "/in.jsonl");
    for (int i = 0; i < 60; ++i) {
      // Twelve hold the phrase, each with a different length; the rest hold its words apart.
      std::string body = i < 12 ? "hòa bình" : "bình yên và hòa thuận";
      for (int k = 0; k < i; ++k) body += " lời";
      in << R"({"id":"d)" << i << R"(","title":"Tin )" << i << R"(","body":")" << body << "\"}\n";
    }
  }
  auto s = IngestAndOpen(dir);
  ASSERT_NE(s, nullptr);
  SearchOptions one;
  one.limit = 1;
  one.collapse_duplicates = false;
  auto r = s->Search("\"hòa bình\"", one);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  ASSERT_FALSE(r->total_exact);  // the ranking pruned: the count is the estimate
  EXPECT_EQ(r->total, 12u);
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].id, "d0");
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}
void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Every flipped byte of every index file (the manifest and the segment) is reported by the
// check; a search either reports it too or answers exactly as before (a flip in a posting list
// the query never reads) — never a crash, never a different answer.
TEST_F(SearchTest, EveryFlippedByteIsCorruptionNeverAWrongAnswer) {
  const std::vector<std::string> queries = {"dam phan", "\"hòa bình\" nga", "đường -phố", "an ninh"};
  std::vector<std::vector<std::string>> want;
  for (const auto& q : queries) want.push_back(Ids(q));
  searcher_.reset();
  std::string manifest = dir_ + "/db/index/MANIFEST";
  std::string name = ReadFile(manifest).substr(15);
  name = name.substr(0, name.find(' '));
  for (const std::string& file : {manifest, dir_ + "/db/index/" + name}) {
    const std::string good = ReadFile(file);
    ASSERT_FALSE(good.empty());
    for (size_t i = 0; i < good.size(); ++i) {
      std::string bad = good;
      bad[i] ^= 0x24;
      WriteFile(file, bad);
      EXPECT_FALSE(CheckIndex(dir_ + "/db").has_value()) << file << " byte " << i << " went unnoticed";
      auto s = Searcher::Open(dir_ + "/db");
      if (!s) continue;
      for (size_t k = 0; k < queries.size(); ++k) {
        auto r = (*s)->Search(queries[k], {});
        if (!r) {
          EXPECT_TRUE(r.error().IsCorruption()) << r.error().ToString();
          continue;
        }
        std::vector<std::string> ids;
        for (const auto& h : r->hits) ids.push_back(h.id);
        EXPECT_EQ(ids, want[k]) << file << " byte " << i << " query " << queries[k];
      }
    }
    WriteFile(file, good);
  }
  EXPECT_EQ(CheckIndex(dir_ + "/db").value(), 0);
}

}  // namespace
}  // namespace bantin
