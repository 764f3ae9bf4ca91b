#include "text/word_cache.h"

#include <cstring>

#include <xxhash.h>

#include "base/hash.h"
#include "text/utf8.h"

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

WordCache::LetterCase WordCache::CaseOf(std::string_view word) const {
  size_t letters = 0, upper = 0;
  bool first_upper = false;
  for (size_t i = 0; i < word.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(word.data() + i, word.size() - i, &cp);
    if (len == 0) break;
    const CharInfo& info = table_.Info(cp);
    if (info.cls == CharClass::kLetter) {
      if (info.upper) {
        ++upper;
        if (letters == 0) first_upper = true;
      }
      ++letters;
    }
    i += len;
  }
  if (upper >= 2 && upper == letters) return kAllCaps;
  return first_upper ? kCapitalized : kLowerCase;
}

WordCache::Forms WordCache::Get(std::string_view word) {
  if (!slots_) slots_.reset(new Slot[kSlots]);
  uint64_t hash = XXH3_64bits(word.data(), word.size()) | 1;  // 0 marks an empty slot
  Slot& slot = slots_[hash & (kSlots - 1)];
  if (slot.hash == hash && slot.key_len == word.size() &&
      Equal(slot.data, word.data(), word.size())) {
    // norm and fold are stored only where they differ from what precedes them.
    const char* norm = slot.norm_len == 0 ? slot.data : slot.data + slot.key_len;
    size_t norm_len = slot.norm_len == 0 ? slot.key_len : slot.norm_len;
    const char* fold = slot.fold_len == 0 ? norm : slot.data + slot.key_len + slot.norm_len;
    size_t fold_len = slot.fold_len == 0 ? norm_len : slot.fold_len;
    return {std::string_view(norm, norm_len), std::string_view(fold, fold_len),
            slot.syllable != 0, static_cast<LetterCase>(slot.letter_case), slot.norm_hash,
            slot.fold_hash};
  }
  Forms f;
  f.syllable = normalizer_->WordForms(word, &norm_, &fold_);
  f.norm = norm_;
  f.fold = fold_;
  f.letter_case = CaseOf(word);
  f.norm_hash = HashBytes(norm_);
  f.fold_hash = HashBytes(fold_);
  // Length 0 stands for "same as the form before": a lowercase word is its own norm, and an
  // ASCII one its own fold, so most words need only their key's bytes.
  const size_t norm_len = norm_ == word ? 0 : norm_.size();
  const size_t fold_len = fold_ == norm_ ? 0 : fold_.size();
  if (word.size() + norm_len + fold_len <= kData && !norm_.empty() && !fold_.empty()) {
    slot.hash = hash;
    slot.norm_hash = f.norm_hash;
    slot.fold_hash = f.fold_hash;
    slot.key_len = static_cast<uint8_t>(word.size());
    slot.norm_len = static_cast<uint8_t>(norm_len);
    slot.fold_len = static_cast<uint8_t>(fold_len);
    slot.syllable = f.syllable;
    slot.letter_case = f.letter_case;
    char* out = slot.data;
    std::memcpy(out, word.data(), word.size());
    std::memcpy(out + word.size(), norm_.data(), norm_len);
    std::memcpy(out + word.size() + norm_len, fold_.data(), fold_len);
  }
  return f;
}

}  // namespace bantin::text
