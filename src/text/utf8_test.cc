#include "text/utf8.h"

#include <gtest/gtest.h>

namespace bantin::text {
namespace {

TEST(Utf8Test, DecodeTable) {
  struct Case { std::string bytes; size_t len; char32_t cp; };
  const Case cases[] = {
      {"A", 1, U'A'},
      {"\xC3\xA0", 2, U'à'},
      {"\xE1\xBB\x87", 3, U'ệ'},
      {"\xF0\x9F\x98\x80", 4, 0x1F600},
      {"\xC0\x80", 0, 0},          // overlong NUL
      {"\xE0\x80\x80", 0, 0},      // overlong
      {"\xED\xA0\x80", 0, 0},      // surrogate
      {"\xF4\x90\x80\x80", 0, 0},  // above U+10FFFF
      {"\xE1\xBB", 0, 0},          // truncated
      {"\x80", 0, 0},              // lone continuation
      {"\xFF", 0, 0},
  };
  for (const Case& c : cases) {
    char32_t cp = 0;
    EXPECT_EQ(DecodeUtf8(c.bytes.data(), c.bytes.size(), &cp), c.len) << c.bytes;
    if (c.len != 0) {
      EXPECT_EQ(cp, c.cp);
    }
  }
}

TEST(Utf8Test, EncodeDecodeRoundTripsEveryScalarValue) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s;
    AppendUtf8(cp, &s);
    char32_t back = 0;
    ASSERT_EQ(DecodeUtf8(s.data(), s.size(), &back), s.size());
    ASSERT_EQ(back, cp);
  }
}

TEST(Utf8Test, FindsFirstInvalidOffset) {
  EXPECT_EQ(FindInvalidUtf8("Đàm phán hòa bình, 8 bytes more"), kNoError);
  EXPECT_EQ(FindInvalidUtf8(""), kNoError);
  EXPECT_EQ(FindInvalidUtf8("abcdefghijkl\xFFmn"), 12u);
  EXPECT_EQ(FindInvalidUtf8("Đà\xE1\xBBm"), 4u);
  EXPECT_EQ(FindInvalidUtf8("ok\xC3"), 2u);
}

TEST(Utf8Test, ReplacesMaximalSubparts) {
  size_t n = 0;
  EXPECT_EQ(ReplaceInvalidUtf8("a\xFF" "b", &n), "a\uFFFDb");
  EXPECT_EQ(n, 1u);
  // A truncated 3-byte sequence is one maximal subpart: one U+FFFD.
  EXPECT_EQ(ReplaceInvalidUtf8("x\xE1\xBBy", &n), "x\uFFFDy");
  EXPECT_EQ(n, 1u);
  // Two bad bytes, two replacements; valid text is untouched.
  EXPECT_EQ(ReplaceInvalidUtf8("\x80\x80hòa", &n), "\uFFFD\uFFFDhòa");
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(ReplaceInvalidUtf8("hòa", &n), "hòa");
  EXPECT_EQ(n, 0u);
}

}  // namespace
}  // namespace bantin::text
