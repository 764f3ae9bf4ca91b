#include "index/term_table.h"

#include "base/hash.h"

namespace bantin::index {

uint32_t TermTable::Intern(std::string_view term, bool* added) {
  if ((interned_ + 1) * 2 > slots_.size()) Grow();
  const uint64_t h = HashBytes(term);
  const uint64_t tag = h >> 32;
  const size_t mask = slots_.size() - 1;
  for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
    uint64_t slot = slots_[i];
    if (slot == 0) {
      auto id = static_cast<uint32_t>(size());
      arena_.append(term);
      offsets_.push_back(static_cast<uint32_t>(arena_.size()));
      slots_[i] = (tag << 32) | (id + 1);
      ++interned_;
      *added = true;
      return id;
    }
    if ((slot >> 32) == tag) {
      auto id = static_cast<uint32_t>(slot & 0xFFFFFFFF) - 1;
      if (this->term(id) == term) {
        *added = false;
        return id;
      }
    }
  }
}

void TermTable::Grow() {
  std::vector<uint64_t> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  for (uint64_t slot : old) {
    if (slot == 0) continue;
    auto id = static_cast<uint32_t>(slot & 0xFFFFFFFF) - 1;
    uint64_t h = HashBytes(term(id));
    size_t i = static_cast<size_t>(h) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void IdMap::Insert(uint64_t key, uint32_t id) {
  if ((size_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{0, 0});
    size_ = 0;
    for (const Slot& s : old) {
      if (s.id != 0) Insert(s.key, s.id - 1);
    }
  }
  const size_t mask = slots_.size() - 1;
  size_t i = Mix(key) & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = {key, id + 1};
  ++size_;
}

}  // namespace bantin::index
