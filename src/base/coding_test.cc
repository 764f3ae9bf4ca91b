#include "base/coding.h"

#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "base/hash.h"

namespace bantin {
namespace {

TEST(CodingTest, RoundTripsRandomValues) {
  std::mt19937_64 rng(1);
  std::vector<uint64_t> values;
  std::string buf;
  for (int i = 0; i < 10000; ++i) {
    uint64_t v = rng() >> (rng() % 64);
    values.push_back(v);
    PutFixed16(&buf, static_cast<uint16_t>(v));
    PutFixed32(&buf, static_cast<uint32_t>(v));
    PutFixed64(&buf, v);
  }
  Decoder d(buf);
  for (uint64_t v : values) {
    ASSERT_EQ(d.Fixed16(), static_cast<uint16_t>(v));
    ASSERT_EQ(d.Fixed32(), static_cast<uint32_t>(v));
    ASSERT_EQ(d.Fixed64(), v);
  }
  EXPECT_TRUE(d.ok());
  EXPECT_EQ(d.remaining(), 0u);
  d.Fixed32();
  EXPECT_FALSE(d.ok());  // ran out: remembered, no read past the end
}

TEST(CodingTest, VarintRoundTripAndMalformed) {
  std::mt19937 rng(3);
  std::vector<uint32_t> values = {0, 1, 127, 128, 16383, 16384, 0xFFFFFFFF};
  for (int i = 0; i < 10000; ++i) values.push_back(rng() >> (rng() % 32));
  std::string buf;
  for (uint32_t v : values) PutVarint32(&buf, v);
  Decoder d(buf);
  for (uint32_t v : values) ASSERT_EQ(d.Varint32(), v);
  EXPECT_TRUE(d.ok());
  Decoder truncated(std::string_view("\x80\x80", 2));
  truncated.Varint32();
  EXPECT_FALSE(truncated.ok());
  Decoder overflow(std::string_view("\xFF\xFF\xFF\xFF\x7F", 5));
  overflow.Varint32();
  EXPECT_FALSE(overflow.ok());
}

TEST(CodingTest, LittleEndianOnDisk) {
  std::string buf;
  PutFixed32(&buf, 0x01020304);
  EXPECT_EQ(buf, std::string("\x04\x03\x02\x01", 4));
}

TEST(HashTest, StableValues) {
  // Stored in model files: these must never change.
  EXPECT_EQ(HashBytes(""), 0x2D06800538D394C2ULL);
  EXPECT_NE(HashMix(1, 2), HashMix(2, 1));
  EXPECT_EQ(HashMix(1, 2), HashMix(1, 2));
}

}  // namespace
}  // namespace bantin
