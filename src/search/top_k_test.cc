#include "search/top_k.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "bantin/ingest.h"
#include "bantin/search.h"
#include "bantin/store.h"
#include "search/snapshot.h"

namespace bantin::search {
namespace {

namespace fs = std::filesystem;

// TopK prunes (essential lists, block bounds, a first k-th score from the rarest lists); the
// answer must be what scoring every document in full gives. Articles of random words with
// skewed frequencies, so that lists range from a few documents to nearly all, over several
// blocks and windows.
class TopKTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::TempDir() + "/top_k_test");
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    std::mt19937 rng(11);
    std::vector<std::string> words;
    for (const char* a : {"b", "c", "d", "g", "h", "l", "m", "n", "t", "v"}) {
      for (const char* b : {"a", "i", "o", "u", "ê", "ơ"}) {
        for (const char* c : {"", "n", "m"}) words.push_back(std::string(a) + b + c);
      }
    }
    vocabulary_ = new std::vector<std::string>(words);
    std::ofstream out(*dir_ + "/in.jsonl");
    for (int i = 0; i < 6000; ++i) {
      auto pick = [&] {  // word r with probability ~ 1 / (r + 1)
        std::uniform_real_distribution<double> u(0, std::log(static_cast<double>(words.size()) + 1));
        return words[std::min(words.size() - 1, static_cast<size_t>(std::exp(u(rng)) - 1))];
      };
      std::string title = pick() + " " + pick() + " " + pick();
      std::string body;
      for (size_t n = 5 + rng() % 150, w = 0; w < n; ++w) body += (w ? " " : "") + pick();
      out << R"({"id":"a)" << i << R"(","title":")" << title << R"(","body":")" << body << "\"}\n";
    }
    out.close();
    auto store = Store::Open(*dir_ + "/db", {.create = true});
    ASSERT_TRUE(store.has_value());
    ASSERT_TRUE(Ingest(**store, {*dir_ + "/in.jsonl"}, {}).has_value());
    ASSERT_TRUE(Reindex(*dir_ + "/db").has_value());
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete vocabulary_;
  }

  // Every document scored in full, best first (equal scores in slot order), accepted ones only.
  static std::vector<Ranked> Everything(const Snapshot& snap, const std::vector<RankTerm>& terms,
                                        const std::function<bool(size_t)>& accept) {
    std::vector<double> score(snap.size(), 0);
    for (const RankTerm& t : terms) {
      uint64_t df = 0;
      for (const auto& seg : snap.segments) df += seg->DocFreq(t.term);
      if (df == 0) continue;
      const double factor = t.weight * snap.Idf(df) * (kK1 + 1);
      for (size_t s = 0; s < snap.segments.size(); ++s) {
        index::PostingCursor c = snap.segments[s]->Postings(t.term);
        while (c.Next()) {
          const auto slot = static_cast<size_t>(snap.SlotOf(s, c.doc()));
          const double tf = c.freq();
          score[slot] += factor * tf / (tf + snap.Norm(snap.Doc(slot).length));
        }
      }
    }
    std::vector<Ranked> all;
    for (size_t i = 0; i < score.size(); ++i) {
      if (score[i] > 0 && (!accept || accept(i))) all.push_back({i, score[i]});
    }
    std::stable_sort(all.begin(), all.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
    return all;
  }

  static std::string* dir_;
  static std::vector<std::string>* vocabulary_;
};

std::string* TopKTest::dir_ = nullptr;
std::vector<std::string>* TopKTest::vocabulary_ = nullptr;

TEST_F(TopKTest, PruningFindsWhatScoringEveryDocumentFinds) {
  auto snap = Snapshot::Open(*dir_ + "/db");
  ASSERT_TRUE(snap.has_value()) << snap.error().ToString();
  ASSERT_GE((*snap)->size(), 6000u);
  const auto& words = *vocabulary_;
  std::mt19937 rng(7);
  size_t compared = 0;
  for (int query = 0; query < 80; ++query) {
    std::vector<RankTerm> terms;
    std::vector<std::string> picked;
    for (size_t n = 1 + rng() % 8, i = 0; i < n; ++i) picked.push_back(words[rng() % words.size()]);
    for (size_t i = 0; i < picked.size(); ++i) {
      terms.push_back({"e:" + picked[i], 1.0});
      terms.push_back({"f:" + picked[i], 0.3});
      terms.push_back({"te:" + picked[i], 0.5});
      if (i > 0) terms.push_back({"p:" + picked[i - 1] + " " + picked[i], 1.0});
    }
    terms.push_back(terms[0]);  // a term asked twice
    for (bool filtered : {false, true}) {
      std::function<bool(size_t)> accept;
      if (filtered) accept = [](size_t slot) { return slot % 3 != 0; };
      const std::vector<Ranked> all = Everything(**snap, terms, accept);
      for (size_t k : {1, 10, 25}) {
        auto top = TopK(**snap, terms, k, accept);
        ASSERT_TRUE(top.has_value()) << top.error().ToString();
        ASSERT_EQ(top->hits.size(), std::min(k, all.size())) << "query " << query;
        for (size_t r = 0; r < top->hits.size(); ++r) {
          // The same score at every rank (the sums' order differs: rounding), and the same
          // document unless two score alike.
          EXPECT_NEAR(top->hits[r].score, all[r].score, 1e-9 * all[r].score) << "query " << query << " rank " << r << " k " << k << " filtered " << filtered;
          if (std::abs(all[r].score - (r + 1 < all.size() ? all[r + 1].score : 0)) > 1e-9 &&
              (r == 0 || std::abs(all[r].score - all[r - 1].score) > 1e-9)) {
            EXPECT_EQ(top->hits[r].slot, all[r].slot) << "query " << query << " rank " << r << " k " << k << " filtered " << filtered;
          }
          ++compared;
        }
        if (top->exhaustive) {
          EXPECT_EQ(top->counted, all.size()) << "query " << query;
        }
      }
    }
  }
  EXPECT_GT(compared, 3000u);
}

}  // namespace
}  // namespace bantin::search
