// Open-addressing hash tables keyed by non-zero 32-bit feature keys: a set (lexicon) and a map
// to 16-bit weights (model). Power-of-two capacity, at most half full, linear probing.
// Thread safety: immutable after building; concurrent Find() calls are safe.
#ifndef BANTIN_SEGMENT_FLAT_TABLE_H_
#define BANTIN_SEGMENT_FLAT_TABLE_H_

#include <cstdint>
#include <vector>

namespace bantin::segment {

// Keys are hashes; 0 is reserved for empty slots, so callers map 0 to 1 (see Key32()).
inline uint32_t Key32(uint64_t hash) {
  auto k = static_cast<uint32_t>(hash ^ (hash >> 32));
  return k == 0 ? 1 : k;
}

class FlatMap16 {
 public:
  // REQUIRES: keys are distinct and non-zero.
  void Build(const std::vector<uint32_t>& keys, const std::vector<int16_t>& values) {
    size_t cap = 16;
    while (cap < keys.size() * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    for (size_t i = 0; i < keys.size(); ++i) {
      size_t at = keys[i] & mask_;
      while (slots_[at].key != 0) at = (at + 1) & mask_;
      slots_[at] = {keys[i], values[i]};
    }
  }
  // The value of `key`, or 0 when absent.
  int32_t Find(uint32_t key) const {
    size_t at = key & mask_;
    while (true) {
      const Slot& s = slots_[at];
      if (s.key == key) return s.value;
      if (s.key == 0) return 0;
      at = (at + 1) & mask_;
    }
  }
  size_t memory_bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  struct Slot {
    uint32_t key = 0;
    int16_t value = 0;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(1);
  size_t mask_ = 0;
};

class FlatSet {
 public:
  void Build(const std::vector<uint32_t>& keys) {
    size_t cap = 16;
    while (cap < keys.size() * 2) cap <<= 1;
    slots_.assign(cap, 0);
    mask_ = cap - 1;
    for (uint32_t k : keys) {
      size_t at = k & mask_;
      while (slots_[at] != 0 && slots_[at] != k) at = (at + 1) & mask_;
      slots_[at] = k;
    }
  }
  bool Contains(uint32_t key) const {
    size_t at = key & mask_;
    while (true) {
      uint32_t s = slots_[at];
      if (s == key) return true;
      if (s == 0) return false;
      at = (at + 1) & mask_;
    }
  }
  size_t memory_bytes() const { return slots_.size() * sizeof(uint32_t); }

 private:
  std::vector<uint32_t> slots_ = std::vector<uint32_t>(1);
  size_t mask_ = 0;
};

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_FLAT_TABLE_H_
