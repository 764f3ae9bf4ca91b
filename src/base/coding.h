// Little-endian fixed-width encoding for bantin's files. Every on-disk integer goes through
// these functions (see docs/format.md); no struct is ever written raw.
// Thread safety: stateless.
#ifndef BANTIN_BASE_CODING_H_
#define BANTIN_BASE_CODING_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace bantin {

inline void PutFixed16(std::string* dst, uint16_t v) {
  char b[2] = {static_cast<char>(v), static_cast<char>(v >> 8)};
  dst->append(b, 2);
}
inline void PutFixed32(std::string* dst, uint32_t v) {
  char b[4];
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>(v >> (8 * i));
  dst->append(b, 4);
}
inline void PutFixed64(std::string* dst, uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
  dst->append(b, 8);
}

// LEB128: 7 bits a byte, low bits first, high bit set on all but the last byte.
inline void PutVarint32(std::string* dst, uint32_t v) {
  while (v >= 0x80) {
    dst->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  dst->push_back(static_cast<char>(v));
}

// REQUIRES: `p` points at 2 / 4 / 8 readable bytes.
// The little-endian unsigned `T` at `p`: on a little-endian machine one load (a byte loop is
// not folded into one by g++ 12: ten instructions a value, in the ranking's innermost loop).
template <typename T>
inline T DecodeLittleEndian(const char* p) {
  T v;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&v, p, sizeof(T));
  } else {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    v = 0;
    for (size_t i = sizeof(T); i-- > 0;) v = static_cast<T>((v << 8) | u[i]);
  }
  return v;
}
inline uint16_t DecodeFixed16(const char* p) { return DecodeLittleEndian<uint16_t>(p); }
inline uint32_t DecodeFixed32(const char* p) { return DecodeLittleEndian<uint32_t>(p); }
inline uint64_t DecodeFixed64(const char* p) { return DecodeLittleEndian<uint64_t>(p); }

// Reads fixed-width values from a byte string, remembering whether it ran out.
class Decoder {
 public:
  explicit Decoder(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }
  uint16_t Fixed16() { return Need(2) ? DecodeFixed16(Take(2)) : 0; }
  uint32_t Fixed32() { return Need(4) ? DecodeFixed32(Take(4)) : 0; }
  uint64_t Fixed64() { return Need(8) ? DecodeFixed64(Take(8)) : 0; }
  std::string_view Bytes(size_t n) { return Need(n) ? std::string_view(Take(n), n) : std::string_view(); }
  // A varint32 (at most 5 bytes); malformed or truncated input clears ok().
  uint32_t Varint32() {
    uint32_t v = 0;
    for (int shift = 0; shift <= 28; shift += 7) {
      if (!Need(1)) return 0;
      auto b = static_cast<unsigned char>(*Take(1));
      if (shift == 28 && b > 0x0F) break;  // would overflow 32 bits
      v |= static_cast<uint32_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    ok_ = false;
    return 0;
  }

 private:
  bool Need(size_t n) {
    if (!ok_ || data_.size() - pos_ < n) ok_ = false;
    return ok_;
  }
  const char* Take(size_t n) {
    const char* p = data_.data() + pos_;
    pos_ += n;
    return p;
  }
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace bantin

#endif  // BANTIN_BASE_CODING_H_
