// The features of a gap between two adjacent tokens of a sentence: does the gap lie inside a
// word (join) or between two words (split)? Shared by training and segmentation, so the two can
// never disagree.
//
// Templates (g joins tokens g and g+1; T = normalized form, S = shape): unigrams T[g-1..g+2]
// (and T[g] at the sentence start), bigrams T[g-1,g] T[g,g+1] T[g+1,g+2], the two trigrams
// around the gap, shape pairs, the 4-shape window, shapes x white space, sentence start x
// shapes, and per word list the longest lexicon word covering the gap, ending at g, starting
// at g+1 (normalized, and folded where the text has no diacritics). Transition templates add
// the previous decision alone, with T[g], and with the shape pair. The set was pruned by
// ablation on the dev set (docs/BENCHMARKS.md): skip-grams, 4-grams, folded n-grams and
// shape x form templates cost lookups and added nothing.
//
// Thread safety: stateless functions.
#ifndef BANTIN_SEGMENT_FEATURES_H_
#define BANTIN_SEGMENT_FEATURES_H_

#include <cstdint>
#include <span>
#include <vector>

#include "segment/lexicon.h"
#include "segment/token_view.h"

namespace bantin::segment {

inline constexpr size_t kMaxGapFeatures = 40;

// A sentence prepared for feature extraction.
struct SentenceFeatures {
  std::span<const TokenView> tokens;
  LexiconMatches lexicon;
};

void PrepareSentence(const Lexicon& lexicon, std::span<const TokenView> tokens,
                     SentenceFeatures* out);

// Writes the keys of gap `gap` (0 <= gap < tokens.size() - 1) that do not depend on the
// previous decision to `out`. Returns how many (at most kMaxGapFeatures).
size_t GapFeatures(const SentenceFeatures& s, size_t gap, uint32_t* out);

// The keys that do depend on it: whether gap `gap - 1` was joined.
inline constexpr size_t kMaxTransitionFeatures = 4;
size_t TransitionFeatures(const SentenceFeatures& s, size_t gap, bool prev_join, uint32_t* out);

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_FEATURES_H_
