// UTF-8 decoding, encoding and validation. Never reads past the given bytes; invalid input is
// reported (with its byte offset) or replaced with U+FFFD, never undefined behaviour.
// Thread safety: stateless functions.
#ifndef BANTIN_TEXT_UTF8_H_
#define BANTIN_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bantin::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;
inline constexpr size_t kNoError = static_cast<size_t>(-1);

// Decodes the code point starting at `p` (at most `n` bytes). Returns its length in bytes
// (1..4) and stores the code point in `*cp`, or returns 0 when the bytes there are not
// well-formed UTF-8 (overlong forms, surrogates and values above U+10FFFF are ill-formed).
// REQUIRES: n >= 1.
[[gnu::always_inline]] inline size_t DecodeUtf8(const char* p, size_t n, char32_t* cp);

// Appends the UTF-8 encoding of `cp` to `out`. REQUIRES: cp is a Unicode scalar value.
void AppendUtf8(char32_t cp, std::string* out);

// Returns the byte offset of the first ill-formed sequence in `text`, or kNoError.
size_t FindInvalidUtf8(std::string_view text);

// Returns `text` with every ill-formed sequence replaced by U+FFFD (one per maximal ill-formed
// subpart, as Unicode recommends); stores how many replacements were made in `*replaced`.
std::string ReplaceInvalidUtf8(std::string_view text, size_t* replaced);

// ---- implementation ----
[[gnu::always_inline]] inline size_t DecodeUtf8(const char* p, size_t n, char32_t* cp) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  unsigned char b0 = s[0];
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  if (b0 < 0xC2) return 0;
  if (b0 < 0xE0) {
    if (n < 2 || (s[1] & 0xC0) != 0x80) return 0;
    *cp = (char32_t(b0 & 0x1F) << 6) | (s[1] & 0x3F);
    return 2;
  }
  if (b0 < 0xF0) {
    if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    if (b0 == 0xE0 && s[1] < 0xA0) return 0;   // overlong
    if (b0 == 0xED && s[1] >= 0xA0) return 0;  // surrogate
    *cp = (char32_t(b0 & 0x0F) << 12) | (char32_t(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    return 3;
  }
  if (b0 < 0xF5) {
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
    if (b0 == 0xF0 && s[1] < 0x90) return 0;   // overlong
    if (b0 == 0xF4 && s[1] >= 0x90) return 0;  // above U+10FFFF
    *cp = (char32_t(b0 & 0x07) << 18) | (char32_t(s[1] & 0x3F) << 12) |
          (char32_t(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    return 4;
  }
  return 0;
}

}  // namespace bantin::text

#endif  // BANTIN_TEXT_UTF8_H_
