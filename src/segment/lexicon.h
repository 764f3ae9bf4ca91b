// Lexicon: multi-syllable words from word lists, stored as hashes of their token sequences (in
// normalized and in folded form). Each sequence maps to flags: which word lists have it as a
// word, and whether it begins a longer word (so a lookup stops as soon as no word continues).
// Each word list is its own source with its own features: lists follow different conventions
// (a dictionary lists "bách khoa toàn thư" that treebanks split), and the model learns how far
// to trust each.
// Thread safety: immutable after building.
#ifndef BANTIN_SEGMENT_LEXICON_H_
#define BANTIN_SEGMENT_LEXICON_H_

#include <cstdint>
#include <span>
#include <vector>

#include "segment/flat_table.h"
#include "segment/token_view.h"

namespace bantin::segment {

inline constexpr size_t kMaxLexiconTokens = 6;  // longer entries are not used
inline constexpr size_t kMaxLexiconSources = 4;  // word lists beyond the fourth share its id

// Flags of a token sequence.
inline constexpr uint8_t kLexiconPrefix = 1;  // a proper prefix of some word
inline constexpr uint8_t LexiconWordFlag(size_t source) { return static_cast<uint8_t>(2u << source); }
inline constexpr uint8_t kLexiconFolded = 0x80;  // the key is of folded forms

// The key of a token sequence (normalized or folded forms).
uint32_t LexiconKey(std::span<const TokenView> tokens, bool fold);

// Lexicon evidence for each gap of a sentence, per source and form (0 = normalized, 1 =
// folded, looked for only over tokens written without diacritics): the longest lexicon word
// (in tokens) covering the gap between tokens g and g+1, ending at g, and starting at g+1.
struct LexiconEvidence {
  uint8_t covering = 0, ending = 0, starting = 0;
};
struct LexiconMatches {
  size_t sources = 0;
  std::vector<LexiconEvidence> gaps[kMaxLexiconSources][2];
};

class Lexicon {
 public:
  // `entries`: (key, flags) pairs, possibly repeated (flags are OR-ed).
  void Build(std::vector<std::pair<uint32_t, uint8_t>> entries, size_t sources);
  const std::vector<std::pair<uint32_t, uint8_t>>& entries() const { return entries_; }
  size_t sources() const { return sources_; }

  void Match(std::span<const TokenView> tokens, LexiconMatches* out) const;
  size_t memory_bytes() const { return map_[0].memory_bytes() + map_[1].memory_bytes(); }

 private:
  std::vector<std::pair<uint32_t, uint8_t>> entries_;  // sorted by key, distinct keys
  size_t sources_ = 0;
  // Normalized and folded keys apart: text with diacritics (most) touches only the first.
  FlatMap<uint8_t> map_[2];
};

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_LEXICON_H_
