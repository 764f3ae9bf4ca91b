#include "index/segment.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace bantin::index {
namespace {

std::string Read(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}
void Write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

class SegmentFileTest : public ::testing::Test {
 protected:
  // One file per test: ctest runs the tests of this file in parallel processes.
  std::string path_ = testing::TempDir() + "/seg_test_" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".bti";
  void SetUp() override {
    SegmentWriter w;
    w.AddDocument(1, 4, 20082, "TASS", {{"e:hòa", {0, 3}}, {"f:hoa", {0, 3}}, {"e:nga", {1}}});
    w.AddDocument(5, 2, 0, "", {{"f:hoa", {1}}, {"e:hoa", {1}}});
    for (uint32_t d = 10; d < 400; ++d) w.AddDocument(d, 1, d, "VnE", {{"f:nga", {0}}});
    ASSERT_TRUE(w.WriteTo(path_).ok());
  }
};

// A dictionary of many restarts (lookups start from every 64th restart's term, kept in memory):
// every term is found with its own list, and strings between two terms, before the first and
// after the last are not — with terms sharing long prefixes and differing in bytes past 0x7F.
TEST(SegmentLookupTest, EveryTermOfALargeDictionaryAndNothingBetween) {
  const std::string path = testing::TempDir() + "/seg_test_lookup_many.bti";
  std::vector<std::string> terms;
  for (int i = 0; i < 6000; ++i) {
    std::string t = "e:" + std::to_string(i % 97) + (i % 3 == 0 ? "đường" : "duong") + std::to_string(i);
    terms.push_back(std::move(t));
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  SegmentWriter w;
  for (size_t d = 0; d < terms.size(); ++d) {
    // Document d + 1 holds terms d and those after it up to d + 2: term i's df is min(i, 2) + 1.
    TermPositions occurrences;
    for (size_t k = d >= 2 ? d - 2 : 0; k <= d; ++k) occurrences[terms[k]] = {static_cast<uint32_t>(k + 2 - d)};
    w.AddDocument(static_cast<uint32_t>(d + 1), 3, 0, "", occurrences);
  }
  ASSERT_TRUE(w.WriteTo(path).ok());
  auto r = SegmentReader::Open(path);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  ASSERT_EQ((*r)->term_count(), terms.size());
  for (size_t i = 0; i < terms.size(); ++i) {
    auto info = (*r)->Lookup(terms[i]);
    ASSERT_TRUE(info.has_value());
    ASSERT_EQ(info->df, std::min<size_t>(terms.size() - i, 3)) << terms[i];
    PostingCursor c = (*r)->Cursor(*info);
    ASSERT_TRUE(c.Next());
    EXPECT_EQ(c.doc(), i + 1) << terms[i];
    EXPECT_EQ((*r)->DocFreq(terms[i] + "\x01"), 0u) << terms[i];
    EXPECT_EQ((*r)->DocFreq(terms[i].substr(0, terms[i].size() - 1)),
              i > 0 && terms[i - 1] == terms[i].substr(0, terms[i].size() - 1) ? (*r)->DocFreq(terms[i - 1]) : 0u);
  }
  EXPECT_EQ((*r)->DocFreq(""), 0u);
  EXPECT_EQ((*r)->DocFreq("a"), 0u);
  EXPECT_EQ((*r)->DocFreq("\xff"), 0u);
  std::filesystem::remove(path);
}

TEST_F(SegmentFileTest, RoundTrip) {
  auto r = SegmentReader::Open(path_);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  const auto& docs = (*r)->docs();
  ASSERT_EQ(docs.size(), 392u);
  EXPECT_EQ(docs[0].doc, 1u);
  EXPECT_EQ(docs[0].length, 4u);
  EXPECT_EQ(docs[0].day, 20082u);
  EXPECT_EQ((*r)->sources()[docs[0].source], "TASS");
  EXPECT_EQ((*r)->sources()[docs[1].source], "");
  EXPECT_EQ((*r)->DocFreq("f:hoa"), 2u);
  EXPECT_EQ((*r)->DocFreq("f:nga"), 390u);
  EXPECT_EQ((*r)->DocFreq("e:nope"), 0u);
  PostingCursor c = (*r)->Postings("f:hoa");
  // Lists name documents by their row in the table, from 1.
  ASSERT_TRUE(c.Next());
  EXPECT_EQ(c.doc(), 1u);
  EXPECT_EQ(docs[c.doc() - 1].doc, 1u);
  auto pos = c.positions();
  EXPECT_EQ(std::vector<uint32_t>(pos.begin(), pos.end()), (std::vector<uint32_t>{0, 3}));
  ASSERT_TRUE(c.Next());
  EXPECT_EQ(c.doc(), 2u);
  EXPECT_EQ(docs[c.doc() - 1].doc, 5u);
  EXPECT_EQ(docs.Find(5), 1);
  EXPECT_EQ(docs.Find(6), -1);
  EXPECT_EQ(docs.Find(399), 391);
  EXPECT_FALSE(c.Next());
  PostingCursor none = (*r)->Postings("e:nope");
  EXPECT_FALSE(none.Next());
  EXPECT_TRUE(none.status().ok());
  EXPECT_TRUE((*r)->CheckAll().ok());
}

TEST(SegmentDictionaryTest, EveryTermIsFoundAmongMany) {
  std::string path = testing::TempDir() + "/seg_test_many.bti";
  SegmentWriter w;
  std::vector<std::string> terms;
  for (int i = 0; i < 1000; ++i) terms.push_back("t" + std::to_string(i * 7919 % 1000));
  for (uint32_t d = 1; d <= 50; ++d) {
    std::vector<Occurrence> occ;
    for (size_t i = d % 3; i < terms.size(); i += 3) occ.push_back({w.TermId(terms[i]), d});
    occ.push_back({w.TermId("count-only", false), 1});
    occ.push_back({w.TermId("count-only", false), 4});
    w.AddDocument(d, 10, 0, "", &occ);
  }
  ASSERT_TRUE(w.WriteTo(path).ok());
  auto r = SegmentReader::Open(path);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ((*r)->term_count(), 1001u);
  for (size_t i = 0; i < terms.size(); ++i) {
    PostingCursor c = (*r)->Postings(terms[i]);
    ASSERT_TRUE(c.Next()) << terms[i];
    EXPECT_EQ(c.doc() % 3, i % 3 == 0 ? 0u : i % 3) << terms[i];
    EXPECT_TRUE(c.status().ok());
  }
  EXPECT_EQ((*r)->DocFreq("t0x"), 0u);
  EXPECT_EQ((*r)->DocFreq("a"), 0u);
  EXPECT_EQ((*r)->DocFreq("zzz"), 0u);
  PostingCursor c = (*r)->Postings("count-only");
  ASSERT_TRUE(c.Next());
  EXPECT_EQ(c.freq(), 2u);
  EXPECT_FALSE(c.has_positions());
  EXPECT_EQ(c.doc_count(), 50u);
  EXPECT_TRUE((*r)->CheckAll().ok());
}

// Every flipped byte is caught, by Open (header, tables, footer) or by CheckAll (postings).
TEST_F(SegmentFileTest, EveryFlippedByteIsReported) {
  std::string good = Read(path_);
  std::string bad_path = path_ + ".bad";
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] ^= 0x41;
    Write(bad_path, bad);
    auto r = SegmentReader::Open(bad_path);
    if (!r.has_value()) {
      EXPECT_TRUE(r.error().IsCorruption() || r.error().IsUnsupported()) << i;
      continue;
    }
    Status s = (*r)->CheckAll();
    EXPECT_TRUE(s.IsCorruption()) << "flip at byte " << i << " of " << good.size()
                                  << " went unnoticed";
  }
}

TEST_F(SegmentFileTest, OtherVersionIsUnsupported) {
  std::string bytes = Read(path_);
  bytes[8] = 9;
  Write(path_, bytes);
  auto r = SegmentReader::Open(path_);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(r.error().IsUnsupported());
  EXPECT_NE(r.error().message().find("format 9, this build reads 6..6"), std::string::npos);
}

}  // namespace
}  // namespace bantin::index
