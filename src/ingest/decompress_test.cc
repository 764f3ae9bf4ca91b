#include "ingest/decompress.h"

#include <random>

#include <gtest/gtest.h>

#include "ingest/compress_for_tests.h"

namespace bantin::ingest {
namespace {

using testing_compress::Gzip;
using testing_compress::Zstd;

std::string RandomText(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s;
  const char* words[] = {"Đàm ", "phán ", "hòa ", "bình ", "Nga ", "Mỹ ", "\n"};
  while (s.size() < n) s += words[rng() % 7];
  return s;
}

TEST(DecompressTest, RoundTripsBothFormatsAtManySizes) {
  for (size_t n : {0, 1, 100, 70000, 400000}) {
    std::string plain = RandomText(n, static_cast<unsigned>(n));
    std::string z = Zstd(plain), g = Gzip(plain);
    ASSERT_EQ(DetectCompression(z), Compression::kZstd);
    ASSERT_EQ(DetectCompression(g), Compression::kGzip);
    EXPECT_EQ(*Decompress("x.zst", z, Compression::kZstd), plain) << n;
    EXPECT_EQ(*Decompress("x.gz", g, Compression::kGzip), plain) << n;
  }
  EXPECT_EQ(DetectCompression("{\"id\":1}"), Compression::kNone);
}

TEST(DecompressTest, ConcatenatedFramesAndMembers) {
  EXPECT_EQ(*Decompress("a.zst", Zstd("ab") + Zstd("cd"), Compression::kZstd), "abcd");
  EXPECT_EQ(*Decompress("a.gz", Gzip("ab") + Gzip("cd"), Compression::kGzip), "abcd");
}

TEST(DecompressTest, TruncatedOrDamagedIsCorruption) {
  std::string plain = RandomText(50000, 7);
  std::string z = Zstd(plain), g = Gzip(plain);
  auto tz = Decompress("t.zst", z.substr(0, z.size() / 2), Compression::kZstd);
  ASSERT_FALSE(tz.has_value());
  EXPECT_TRUE(tz.error().IsCorruption());
  EXPECT_NE(tz.error().message().find("t.zst"), std::string::npos);
  auto tg = Decompress("t.gz", g.substr(0, g.size() / 2), Compression::kGzip);
  ASSERT_FALSE(tg.has_value());
  EXPECT_TRUE(tg.error().IsCorruption());
  std::string bad = g;
  bad[bad.size() / 2] ^= 0x55;
  bad[bad.size() / 2 + 1] ^= 0x55;
  auto dg = Decompress("d.gz", bad, Compression::kGzip);  // the gzip CRC catches it
  ASSERT_FALSE(dg.has_value());
  EXPECT_TRUE(dg.error().IsCorruption());
}

TEST(DecompressTest, RefusesOutputPastTheLimit) {
  std::string bomb(1 << 20, 'a');  // 1 MiB of one byte compresses to a few hundred bytes
  for (auto [data, kind] : {std::pair{Zstd(bomb), Compression::kZstd},
                            std::pair{Gzip(bomb), Compression::kGzip}}) {
    auto r = Decompress("bomb", data, kind, 1000);
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(r.error().IsInvalidArgument());
    EXPECT_TRUE(r.error().message().starts_with("bomb: expands past 1000 bytes"));
    EXPECT_EQ(Decompress("ok", data, kind, 1 << 20)->size(), bomb.size());
  }
}

TEST(DecompressTest, StripsSuffix) {
  EXPECT_EQ(StripCompressionSuffix("a.jsonl.zst"), "a.jsonl");
  EXPECT_EQ(StripCompressionSuffix("a.txt.gz"), "a.txt");
  EXPECT_EQ(StripCompressionSuffix("a.txt"), "a.txt");
}

}  // namespace
}  // namespace bantin::ingest
