#include "text/word_cache.h"

#include <cstring>

#include <xxhash.h>

namespace bantin::text {
namespace {

// memcmp(a, b, n) == 0 for the short keys of the cache, without a library call.
bool Equal(const char* a, const char* b, size_t n) {
  uint64_t x, y;
  while (n >= 8) {
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x != y) return false;
    a += 8;
    b += 8;
    n -= 8;
  }
  while (n > 0) {
    if (*a++ != *b++) return false;
    --n;
  }
  return true;
}

}  // namespace

WordCache::Forms WordCache::Get(std::string_view word) {
  if (!slots_) slots_.reset(new Slot[kSlots]);
  uint64_t hash = XXH3_64bits(word.data(), word.size()) | 1;  // 0 marks an empty slot
  Slot& slot = slots_[hash & (kSlots - 1)];
  if (slot.hash == hash && slot.key_len == word.size() &&
      Equal(slot.data, word.data(), word.size())) {
    const char* norm = slot.data + slot.key_len;
    return {std::string_view(norm, slot.norm_len),
            std::string_view(norm + slot.norm_len, slot.fold_len), slot.syllable != 0};
  }
  bool syllable = normalizer_->WordForms(word, &norm_, &fold_);
  if (word.size() + norm_.size() + fold_.size() <= kData) {
    slot.hash = hash;
    slot.key_len = static_cast<uint8_t>(word.size());
    slot.norm_len = static_cast<uint8_t>(norm_.size());
    slot.fold_len = static_cast<uint8_t>(fold_.size());
    slot.syllable = syllable;
    char* out = slot.data;
    std::memcpy(out, word.data(), word.size());
    std::memcpy(out + word.size(), norm_.data(), norm_.size());
    std::memcpy(out + word.size() + norm_.size(), fold_.data(), fold_.size());
  }
  return {norm_, fold_, syllable};
}

}  // namespace bantin::text
