#include "text/utf8.h"

namespace bantin::text {

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    // ASCII runs are the common case: skip 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t chunk;
      __builtin_memcpy(&chunk, text.data() + i, 8);
      if (chunk & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    char32_t cp;
    size_t len = DecodeUtf8(text.data() + i, n - i, &cp);
    if (len == 0) return i;
    i += len;
  }
  return kNoError;
}

namespace {
// Length of the maximal ill-formed subpart at `p`: the lead byte plus any continuation bytes
// that could still have belonged to a well-formed sequence (Unicode 15, section 3.9, U+FFFD
// substitution of maximal subparts).
size_t IllFormedLength(const unsigned char* s, size_t n) {
  unsigned char b0 = s[0];
  size_t want = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 < 0xE0) {
    want = 1;
  } else if (b0 >= 0xE0 && b0 < 0xF0) {
    want = 2;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 < 0xF5) {
    want = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  size_t len = 1;
  for (size_t k = 0; k < want && len < n; ++k, ++len) {
    unsigned char b = s[len];
    if (b < lo || b > hi) break;
    lo = 0x80;
    hi = 0xBF;
  }
  return len;
}
}  // namespace

std::string ReplaceInvalidUtf8(std::string_view text, size_t* replaced) {
  std::string out;
  out.reserve(text.size());
  size_t count = 0;
  size_t i = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  while (i < text.size()) {
    char32_t cp;
    size_t len = DecodeUtf8(text.data() + i, text.size() - i, &cp);
    if (len > 0) {
      out.append(text.data() + i, len);
      i += len;
    } else {
      AppendUtf8(kReplacementChar, &out);
      ++count;
      i += IllFormedLength(s + i, text.size() - i);
    }
  }
  if (replaced != nullptr) *replaced = count;
  return out;
}

}  // namespace bantin::text
