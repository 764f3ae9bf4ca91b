// Lexicon: multi-syllable words from word lists, stored as hashes of their token sequences (in
// normalized and in folded form), plus the hashes of their proper prefixes so a lookup can stop
// as soon as no word continues. Each word list is its own source with its own features: lists
// follow different conventions (a dictionary lists "bách khoa toàn thư" that treebanks split),
// and the model learns how far to trust each.
// Thread safety: immutable after building.
#ifndef BANTIN_SEGMENT_LEXICON_H_
#define BANTIN_SEGMENT_LEXICON_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "segment/flat_table.h"
#include "segment/token_view.h"

namespace bantin::segment {

inline constexpr size_t kMaxLexiconTokens = 6;  // longer entries are not used
inline constexpr size_t kMaxLexiconSources = 4;  // word lists beyond the fourth share its id

// Keys of a word of tokens: words (per source) and prefixes (shared), normalized and folded,
// live in one set under distinct seeds.
enum class LexiconKey : uint64_t { kWord = 0x57, kPrefix = 0x50 };
uint32_t LexiconHash(LexiconKey kind, size_t source, std::span<const TokenView> tokens, bool fold);

// Lexicon matches of one sentence: bit L (2..6) of starts[source][fold][s] is set when tokens
// [s, s+L) form a word of that source (by normalized form, or folded when fold == 1).
struct LexiconMatches {
  size_t sources = 0;
  std::vector<uint8_t> starts[kMaxLexiconSources][2];
};

class Lexicon {
 public:
  // Builds from keys made by LexiconHash for `sources` word lists (see Trainer::AddLexicon).
  void Build(std::vector<uint32_t> keys, size_t sources);
  const std::vector<uint32_t>& keys() const { return keys_; }
  size_t sources() const { return sources_; }

  void Match(std::span<const TokenView> tokens, LexiconMatches* out) const;
  size_t memory_bytes() const { return set_.memory_bytes(); }

 private:
  std::vector<uint32_t> keys_;  // sorted, distinct: what the model file stores
  size_t sources_ = 0;
  FlatSet set_;
};

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_LEXICON_H_
