// WordCache: memoizes Normalizer::WordForms (and the word's letter case and the hashes of its
// forms) for the words a text repeats.
//
// News vocabulary is Zipfian: a few tens of thousands of word forms make up nearly all tokens,
// so remembering each form's norm/fold/kind turns the per-word NFC + tone + fold work into one
// hash and one compare. Direct-mapped (a colliding word replaces the old one), fixed size
// (64 Ki slots of 64 bytes = 4 MiB, allocated on first use; a word whose forms need more than
// 35 bytes is recomputed each time), and it returns exactly what WordForms would: a pure memo,
// it never changes an answer.
//
// Thread safety: not thread-safe; one cache per thread (an Analyzer owns one).
#ifndef BANTIN_TEXT_WORD_CACHE_H_
#define BANTIN_TEXT_WORD_CACHE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "text/normalizer.h"

namespace bantin::text {

class WordCache {
 public:
  // Upper-case letters in the word: none, the first (or some), or all of two or more.
  enum LetterCase : uint8_t { kLowerCase, kCapitalized, kAllCaps };

  struct Forms {
    std::string_view norm;  // views into the cache: valid until the next Get()
    std::string_view fold;
    bool syllable = false;
    LetterCase letter_case = kLowerCase;
    uint64_t norm_hash = 0;  // HashBytes(norm), HashBytes(fold): what the segmenter's features use
    uint64_t fold_hash = 0;
  };

  // REQUIRES: `normalizer` outlives the cache.
  explicit WordCache(const Normalizer* normalizer) : normalizer_(normalizer) {}
  WordCache(const WordCache&) = delete;
  WordCache& operator=(const WordCache&) = delete;

  // The forms of `word` (see Normalizer::WordForms). REQUIRES: valid UTF-8.
  Forms Get(std::string_view word);

 private:
  LetterCase CaseOf(std::string_view word) const;

  static constexpr size_t kSlots = 1 << 16;
  static constexpr size_t kData = 35;
  struct Slot {
    uint64_t hash = 0;
    uint64_t norm_hash = 0, fold_hash = 0;
    uint8_t key_len = 0, norm_len = 0, fold_len = 0, syllable = 0, letter_case = 0;
    char data[kData];  // key, then norm, then fold
  };
  static_assert(sizeof(Slot) == 64);

  const Normalizer* normalizer_;
  std::unique_ptr<Slot[]> slots_;
  std::string norm_, fold_;  // results that do not fit in a slot
  const CharTable& table_ = CharTable::Get();
};

}  // namespace bantin::text

#endif  // BANTIN_TEXT_WORD_CACHE_H_
