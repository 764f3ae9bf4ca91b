// TermTable: interns term strings to dense ids (0, 1, 2, ...), open addressing over XXH3
// hashes, the strings kept in one arena.
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
  std::string_view term(uint32_t id) const {
    return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  size_t size() const { return offsets_.size() - 1; }
  size_t memory_bytes() const { return arena_.capacity() + 4 * offsets_.capacity() + 8 * slots_.capacity(); }
  void Clear();

 private:
  void Grow();
  std::string arena_;
  std::vector<uint32_t> offsets_{0};  // term i = arena_[offsets_[i], offsets_[i + 1])
  std::vector<uint64_t> slots_;       // (hash high 32 bits << 32) | (id + 1); 0 = empty
};

}  // namespace bantin::index

#endif  // BANTIN_INDEX_TERM_TABLE_H_
