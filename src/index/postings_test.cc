#include "index/postings.h"

#include <cstdio>
#include <random>
#include <span>
#include <vector>

#include <gtest/gtest.h>

namespace bantin::index {
namespace {

struct Posting {
  uint32_t doc;
  std::vector<uint32_t> positions;
};

// Gaps of 1..20 with a jump every 50 documents (blocks of varints), or without jumps (`dense`:
// blocks of byte-sized deltas and frequencies).
std::vector<Posting> RandomList(size_t n, std::mt19937& rng, bool dense = false) {
  std::vector<Posting> list;
  uint32_t doc = 0;
  for (size_t i = 0; i < n; ++i) {
    doc += 1 + rng() % (i % 50 == 0 && !dense ? 100000 : 20);
    Posting p{doc, {}};
    uint32_t pos = rng() % 5;
    for (uint32_t k = 0, tf = 1 + rng() % 6; k < tf; ++k) {
      p.positions.push_back(pos);
      pos += 1 + rng() % 300;
    }
    list.push_back(std::move(p));
  }
  return list;
}

std::vector<uint32_t> Vec(std::span<const uint32_t> s) { return {s.begin(), s.end()}; }

std::string Encode(const std::vector<Posting>& list) {
  PostingListWriter w;
  for (const Posting& p : list) w.Add(p.doc, p.positions);
  return w.Finish();
}

TEST(PostingsTest, RoundTripsAtEverySizeAroundTheBlock) {
  std::mt19937 rng(5);
  for (size_t n : {1, 2, 127, 128, 129, 255, 256, 257, 5000}) {
    std::vector<Posting> list = RandomList(n, rng);
    std::string bytes = Encode(list);
    PostingCursor c(bytes);
    ASSERT_TRUE(c.status().ok()) << c.status().ToString();
    EXPECT_EQ(c.doc_count(), n);
    for (const Posting& p : list) {
      ASSERT_TRUE(c.Next()) << n;
      ASSERT_EQ(c.doc(), p.doc);
      ASSERT_EQ(Vec(c.positions()), p.positions);
    }
    EXPECT_FALSE(c.Next());
    EXPECT_TRUE(c.status().ok());
  }
}

TEST(PostingsTest, SkipToMatchesALinearScan) {
  std::mt19937 rng(6);
  std::vector<Posting> list = RandomList(3000, rng);
  std::string bytes = Encode(list);
  for (int trial = 0; trial < 300; ++trial) {
    PostingCursor c(bytes);
    uint32_t target = 0;
    size_t expect = 0;
    // A few ascending skips per cursor, as a conjunction would make.
    for (int step = 0; step < 4; ++step) {
      target += rng() % (list.back().doc / 3 + 1);
      while (expect < list.size() && list[expect].doc < target) ++expect;
      bool found = c.SkipTo(target);
      ASSERT_EQ(found, expect < list.size()) << target;
      if (!found) break;
      ASSERT_EQ(c.doc(), list[expect].doc);
      ASSERT_EQ(Vec(c.positions()), list[expect].positions);
    }
  }
}

// The positions of one document of a block are decoded alone; asking for another of the same
// block decodes the whole block. Either way they are the document's.
TEST(PostingsTest, PositionsOfOneDocumentAloneOrWithItsBlock) {
  std::mt19937 rng(8);
  for (bool dense : {false, true}) {
    std::vector<Posting> list = RandomList(600, rng, dense);
    std::string bytes = Encode(list);
    for (size_t i = 0; i < list.size(); ++i) {
      PostingCursor c(bytes);
      ASSERT_TRUE(c.SkipTo(list[i].doc));
      ASSERT_EQ(Vec(c.positions()), list[i].positions) << i;
      ASSERT_EQ(Vec(c.positions()), list[i].positions) << i;  // asked again: the same
      if (i + 3 < list.size()) {
        ASSERT_TRUE(c.SkipTo(list[i + 3].doc));
        ASSERT_EQ(Vec(c.positions()), list[i + 3].positions) << i;
      }
      ASSERT_TRUE(c.status().ok());
    }
  }
}

// One document's positions found after many others' in its block: the positions before it (1 to
// 3 bytes each, up to 80 a document) are skipped sixteen bytes at a time, and every document of
// a block, first to last, starts where it should.
TEST(PostingsTest, PositionsOfOneDocumentAfterManyOthers) {
  std::mt19937 rng(9);
  std::vector<Posting> list;
  for (uint32_t doc = 1; doc <= 300; ++doc) {
    Posting p{doc, {}};
    uint32_t pos = 0;
    for (uint32_t k = 0, tf = 1 + rng() % 80; k < tf; ++k) {
      pos += (k == 0 ? 0 : 1) + rng() % (rng() % 4 == 0 ? 40000 : 100);
      p.positions.push_back(pos);
    }
    list.push_back(std::move(p));
  }
  std::string bytes = Encode(list);
  for (const Posting& p : list) {
    PostingCursor c(bytes);
    ASSERT_TRUE(c.SkipTo(p.doc));
    ASSERT_EQ(Vec(c.positions()), p.positions) << p.doc;
    ASSERT_TRUE(c.status().ok());
  }
}

// The list in `bytes` reads back as `written` (document, frequency), in order, and ends cleanly.
void ExpectReadsBack(const std::string& bytes, const std::vector<std::pair<uint32_t, uint32_t>>& written) {
  PostingCursor c(bytes);
  for (const auto& [d, f] : written) {
    ASSERT_TRUE(c.Next());
    ASSERT_EQ(c.doc(), d);
    ASSERT_EQ(c.freq(), f) << d;
  }
  EXPECT_FALSE(c.Next());
  EXPECT_TRUE(c.status().ok()) << c.status().message();
}

// Blocks whose gaps and frequencies all fit a byte are decoded sixteen at a time: every value
// of the byte (1 to 255, past the sign bit) comes back, in whole blocks and the last part one.
TEST(PostingsTest, ByteSizedBlocksDecodeAcrossTheirWholeRange) {
  for (bool with_positions : {false, true}) {
    PostingListWriter w(with_positions);
    std::vector<std::pair<uint32_t, uint32_t>> written;  // (doc, freq)
    uint32_t doc = 0;
    for (uint32_t i = 0; i < 3 * kBlockSize + 50; ++i) {
      doc += 1 + (i * 37) % 255;
      const uint32_t freq = 1 + (i * 91) % 255;
      std::vector<uint32_t> positions(with_positions ? freq : 0);
      for (uint32_t k = 0; k < positions.size(); ++k) positions[k] = 2 * k;
      w.Add(doc, freq, positions, 300);
      written.emplace_back(doc, freq);
    }
    const std::string bytes = w.Finish();
    ExpectReadsBack(bytes, written);
  }
}

// Dense lists (one-byte gaps, read eight at a time) with frequencies of every width, and the
// block bounds PeekBlock reads without decoding: each the block's own.
TEST(PostingsTest, DenseListsAndBlockBounds) {
  PostingListWriter w(false);
  std::vector<std::pair<uint32_t, uint32_t>> written;  // (doc, freq)
  uint32_t doc = 0;
  for (uint32_t i = 0; i < 1000; ++i) {
    doc += i % 300 == 299 ? 200 : 1 + i % 3;
    const uint32_t freq = i % 97 == 0 ? 128 + i : 1 + i % 7;
    w.Add(doc, freq, {}, 10 + i % 50);
    written.emplace_back(doc, freq);
  }
  const std::string bytes = w.Finish();
  ExpectReadsBack(bytes, written);
  PostingCursor peek(bytes);
  for (size_t i = 0; i < written.size(); i += 37) {
    uint32_t max_freq = 0, min_length = 0;
    ASSERT_TRUE(peek.PeekBlock(written[i].first, &max_freq, &min_length));
    const size_t first = i / kBlockSize * kBlockSize, last = std::min(written.size(), first + kBlockSize);
    uint32_t want = 0;
    for (size_t k = first; k < last; ++k) want = std::max(want, written[k].second);
    EXPECT_EQ(max_freq, want) << i;
    EXPECT_EQ(min_length, 10u) << i;
  }
  uint32_t max_freq = 0, min_length = 0;
  EXPECT_FALSE(peek.PeekBlock(written.back().first + 1, &max_freq, &min_length));
}

// Any flipped byte is reported as corruption (block or header checksums, structure checks);
// the cursor never returns a posting that was not written.
TEST(PostingsTest, FlippedBytesAreCorruptionNeverWrongAnswers) {
  std::mt19937 rng(7);
  for (bool dense : {false, true}) {
  std::vector<Posting> list = RandomList(400, rng, dense);
  std::string good = Encode(list);
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] ^= static_cast<char>(1 + rng() % 255);
    PostingCursor c(bad);
    size_t k = 0;
    while (c.Next()) {
      ASSERT_LT(k, list.size()) << "byte " << i;
      ASSERT_EQ(c.doc(), list[k].doc) << "byte " << i;
      auto positions = Vec(c.positions());
      if (!c.status().ok()) break;  // damage found when the positions were read
      ASSERT_EQ(positions, list[k].positions) << "byte " << i;
      ++k;
    }
    ASSERT_FALSE(c.status().ok()) << "flip at byte " << i << " went unnoticed";
    EXPECT_TRUE(c.status().IsCorruption());
  }
  for (size_t len : {size_t{1}, size_t{3}, good.size() / 2, good.size() - 1}) {
    PostingCursor c(std::string_view(good).substr(0, len));
    while (c.Next()) {
    }
    EXPECT_TRUE(c.status().IsCorruption()) << len;
  }
  }
}

// A ranking that reads documents and frequencies only never sees a wrong one either, and the
// positions of a block are checked when first read.
TEST(PostingsTest, FlippedBytesWithoutPositionsAreNeverWrongAnswers) {
  std::mt19937 rng(8);
  for (bool dense : {false, true}) {
  std::vector<Posting> list = RandomList(300, rng, dense);
  std::string good = Encode(list);
  size_t noticed = 0;
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] ^= static_cast<char>(1 + rng() % 255);
    PostingCursor c(bad);
    size_t k = 0;
    while (c.Next()) {
      ASSERT_LT(k, list.size()) << "byte " << i;
      ASSERT_EQ(c.doc(), list[k].doc) << "byte " << i;
      ASSERT_EQ(c.freq(), list[k].positions.size()) << "byte " << i;
      ++k;
    }
    if (!c.status().ok()) ++noticed;
  }
  // Damage to positions alone goes unnoticed by a cursor that never reads them; the rest is
  // caught (the positions are most of the bytes).
  EXPECT_GT(noticed, good.size() / 10);
  }
}

// The bytes of docs/format.md's example, so the document and the code cannot drift apart.
TEST(PostingsTest, FormatExample) {
  PostingListWriter w;
  std::vector<uint32_t> a{0, 7}, b{2};
  w.Add(3, a);
  w.Add(9, b);
  std::string bytes = w.Finish();
  std::string hex;
  for (unsigned char c : bytes) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02X ", c);
    hex += buf;
  }
  EXPECT_EQ(hex, "03 02 01 09 11 02 00 85 4A 3F 43 03 01 03 06 02 01 A6 26 92 5F 00 07 02 FB E3 54 D0 ");
  PostingListWriter without(false);
  without.Add(3, 2, {});
  without.Add(9, 1, {});
  hex.clear();
  for (unsigned char ch : without.Finish()) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02X ", ch);
    hex += buf;
  }
  EXPECT_EQ(hex, "02 02 01 09 09 02 00 3E 44 3D B7 01 03 06 02 01 41 08 2C 6E ");
  PostingCursor c(bytes);
  ASSERT_TRUE(c.Next());
  EXPECT_EQ(c.max_freq(), 2u);
  EXPECT_EQ(c.min_length(), 0u);
}

// Lists of segment format 2 (no encoding byte: flags 0 and 1) still read, as format.md's
// example of that format says.
TEST(PostingsTest, FormatTwoListsStillRead) {
  auto bytes_of = [](const char* hex) {
    std::string out;
    for (const char* p = hex; *p != 0; p += 3) out.push_back(static_cast<char>(std::stoi(std::string(p, 2), nullptr, 16)));
    return out;
  };
  const std::string with = bytes_of("01 02 01 09 10 02 00 94 EB C2 2F 03 03 06 02 01 A8 08 F8 C4 00 07 02 FB E3 54 D0 ");
  PostingCursor c(with);
  ASSERT_TRUE(c.Next());
  EXPECT_EQ(c.doc(), 3u);
  EXPECT_EQ(Vec(c.positions()), (std::vector<uint32_t>{0, 7}));
  ASSERT_TRUE(c.Next());
  EXPECT_EQ(c.doc(), 9u);
  EXPECT_EQ(Vec(c.positions()), (std::vector<uint32_t>{2}));
  EXPECT_FALSE(c.Next());
  EXPECT_TRUE(c.status().ok()) << c.status().ToString();
  const std::string without = bytes_of("00 02 01 09 08 02 00 17 3F 40 50 03 06 02 01 A1 13 CF 46 ");
  PostingCursor d(without);
  ASSERT_TRUE(d.Next());
  EXPECT_EQ(d.freq(), 2u);
  ASSERT_TRUE(d.Next());
  EXPECT_EQ(d.doc(), 9u);
  EXPECT_EQ(d.freq(), 1u);
  EXPECT_FALSE(d.Next());
  EXPECT_TRUE(d.status().ok()) << d.status().ToString();
}

TEST(PostingsTest, ListsWithoutPositionsKeepFrequencies) {
  std::mt19937 rng(9);
  std::vector<Posting> list = RandomList(300, rng);
  PostingListWriter w(/*with_positions=*/false);
  for (const Posting& p : list) w.Add(p.doc, static_cast<uint32_t>(p.positions.size()), {});
  std::string bytes = w.Finish();
  PostingCursor c(bytes);
  EXPECT_FALSE(c.has_positions());
  for (size_t k = 0; k < list.size(); k += 7) {
    ASSERT_TRUE(c.SkipTo(list[k].doc));
    EXPECT_EQ(c.freq(), list[k].positions.size());
    EXPECT_TRUE(c.positions().empty());
  }
  EXPECT_TRUE(c.status().ok());
  // Smaller than the same list with positions.
  EXPECT_LT(bytes.size(), Encode(list).size() / 2);
}

TEST(PostingsTest, NoBytesIsAnEmptyListNotADamagedOne) {
  PostingCursor c{std::string_view()};
  EXPECT_FALSE(c.Next());
  EXPECT_FALSE(c.SkipTo(5));
  EXPECT_TRUE(c.status().ok());
  EXPECT_EQ(c.doc_count(), 0u);
}

}  // namespace
}  // namespace bantin::index
