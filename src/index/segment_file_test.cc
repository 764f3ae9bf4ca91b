#include "index/segment.h"

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
  ASSERT_TRUE(c.Next());
  EXPECT_EQ(c.doc(), 1u);
  EXPECT_EQ(c.positions(), (std::vector<uint32_t>{0, 3}));
  ASSERT_TRUE(c.Next());
  EXPECT_EQ(c.doc(), 5u);
  EXPECT_FALSE(c.Next());
  PostingCursor none = (*r)->Postings("e:nope");
  EXPECT_FALSE(none.Next());
  EXPECT_TRUE(none.status().ok());
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
  bytes[8] = 2;
  Write(path_, bytes);
  auto r = SegmentReader::Open(path_);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(r.error().IsUnsupported());
  EXPECT_NE(r.error().message().find("format 2, this build reads 1..1"), std::string::npos);
}

}  // namespace
}  // namespace bantin::index
