// An open-addressing hash table keyed by non-zero 32-bit feature keys, mapping to small values
// (16-bit weights in the model, 8-bit flags in the lexicon). Power-of-two capacity, at most
// half full, linear probing.
// Thread safety: immutable after building; concurrent Find() calls are safe.
#ifndef BANTIN_SEGMENT_FLAT_TABLE_H_
#define BANTIN_SEGMENT_FLAT_TABLE_H_

#include <cstdint>
#include <vector>

namespace bantin::segment {

// Keys are 32-bit hashes (Key32 folds a 64-bit one; 0 is avoided for callers that reserve it).
inline uint32_t Key32(uint64_t hash) {
  auto k = static_cast<uint32_t>(hash ^ (hash >> 32));
  return k == 0 ? 1 : k;
}

// Maps keys to small values (0 = absent). A slot holds a 16-bit fingerprint of the key and the
// value (4 bytes), so a model's tables stay small enough for a core's caches; the slot index
// comes from the key's low bits, the fingerprint from a remix of all of them. At most half full,
// so a lookup of an absent key (most lookups) ends after a probe or two. (Measured: 3/4 full
// with any-size capacity made segmentation 40% slower.) Two keys that share index and fingerprint would collide: with 16 fingerprint
// bits an absent key matches a stored one about once in 65,000 probes, which moves a feature
// score by one weight, never a result's validity. REQUIRES for Build: distinct keys.
template <typename Value>
class FlatMap {
 public:
  void Build(const std::vector<uint32_t>& keys, const std::vector<Value>& values) {
    size_t cap = 16;
    while (cap < keys.size() * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    for (size_t i = 0; i < keys.size(); ++i) {
      size_t at = Home(keys[i]);
      while (slots_[at].fp != 0) at = Next(at);
      slots_[at] = {Fingerprint(keys[i]), values[i]};
    }
  }
  // The value of `key`, or 0 when absent.
  Value Find(uint32_t key) const {
    const uint16_t fp = Fingerprint(key);
    size_t at = Home(key);
    while (true) {
      const Slot& s = slots_[at];
      if (s.fp == fp) return s.value;
      if (s.fp == 0) return 0;
      at = Next(at);
    }
  }
  // Hints the cache that Find(key) is coming.
  void Prefetch(uint32_t key) const { __builtin_prefetch(&slots_[Home(key)]); }
  size_t memory_bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  size_t Home(uint32_t key) const { return key & mask_; }
  size_t Next(size_t at) const { return (at + 1) & mask_; }
  // High bits of a multiplicative remix: independent of the low bits that pick the slot.
  static uint16_t Fingerprint(uint32_t key) {
    auto fp = static_cast<uint16_t>((key * 0x9E3779B1u) >> 16);
    return fp == 0 ? 1 : fp;
  }
  struct Slot {
    uint16_t fp = 0;  // 0: empty
    Value value = 0;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(1);
  size_t mask_ = 0;
};

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_FLAT_TABLE_H_
