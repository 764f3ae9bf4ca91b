// TokenView: one token as the word segmenter sees it — hashes of its normalized and folded
// forms, its shape (case, kind) and whether white space precedes it.
// Thread safety: plain values; BuildTokenViews is stateless apart from the caller's cache.
#ifndef BANTIN_SEGMENT_TOKEN_VIEW_H_
#define BANTIN_SEGMENT_TOKEN_VIEW_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"
#include "text/word_cache.h"

namespace bantin::segment {

enum Shape : uint8_t {
  kLower,           // "đàm"
  kCapital,         // "Nga"
  kAllCaps,         // "NGA", "TP"
  kForeignLower,    // "video"
  kForeignCapital,  // "Putin"
  kForeignAllCaps,  // "TASS", "NATO"
  kNumber,          // "10/4", "24.000"
  kPunct,
  kSymbol,
  kLink,            // URL or e-mail
  kShapeCount
};

struct TokenView {
  uint64_t form = 0;  // hash of the lowercase normalized form; numbers: of their digit pattern
  uint64_t fold = 0;  // hash of the folded form (diacritics removed)
  uint8_t shape = kLower;
  bool space_before = false;  // white space between the previous token and this one
};

// Appends one view per token of `tokens` (cut from `text`) to `out`. `cache` supplies word forms.
void BuildTokenViews(std::string_view text, std::span<const text::Token> tokens,
                     text::WordCache* cache, std::vector<TokenView>* out);

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_TOKEN_VIEW_H_
