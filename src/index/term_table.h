// TermTable: interns term strings to dense ids (0, 1, 2, ...), open addressing over XXH3
// hashes, the strings kept in one arena. IdMap: 64-bit keys to ids, open addressing.
// Thread safety: single-threaded value.
#ifndef BANTIN_INDEX_TERM_TABLE_H_
#define BANTIN_INDEX_TERM_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bantin::index {

class TermTable {
 public:
  // The id of `term`; `*added` tells whether it is new.
  uint32_t Intern(std::string_view term, bool* added);
  // A new id for `term`, which Intern will not find: for terms the caller finds by other keys
  // (it must never add the same term twice).
  uint32_t Append(std::string_view term) {
    arena_.append(term);
    offsets_.push_back(static_cast<uint32_t>(arena_.size()));
    return static_cast<uint32_t>(size() - 1);
  }
  std::string_view term(uint32_t id) const {
    return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  size_t size() const { return offsets_.size() - 1; }
  size_t memory_bytes() const { return arena_.capacity() + 4 * offsets_.capacity() + 8 * slots_.capacity(); }

 private:
  void Grow();
  size_t interned_ = 0;  // terms with a slot
  std::string arena_;
  std::vector<uint32_t> offsets_{0};  // term i = arena_[offsets_[i], offsets_[i + 1])
  std::vector<uint64_t> slots_;       // (hash high 32 bits << 32) | (id + 1); 0 = empty
};

class IdMap {
 public:
  // The id stored under `key`, or -1.
  int64_t Find(uint64_t key) const {
    if (slots_.empty()) return -1;
    const size_t mask = slots_.size() - 1;
    for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
      if (slots_[i].id == 0) return -1;
      if (slots_[i].key == key) return slots_[i].id - 1;
    }
  }
  // REQUIRES: `key` absent.
  void Insert(uint64_t key, uint32_t id);
  size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint64_t key;
    uint32_t id;  // id + 1; 0 = empty
  };
  static size_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return static_cast<size_t>(k);
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace bantin::index

#endif  // BANTIN_INDEX_TERM_TABLE_H_
