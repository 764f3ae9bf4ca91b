// Gold-standard segmentation: reading the training/evaluation format (one sentence a line,
// words separated by spaces, the syllables of a word joined by "_"), aligning it with the
// tokenizer's tokens, and scoring a segmentation against it (word spans, VLSP style).
// Thread safety: stateless functions.
#ifndef BANTIN_SEGMENT_GOLD_H_
#define BANTIN_SEGMENT_GOLD_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/status.h"
#include "segment/token_view.h"
#include "text/tokenizer.h"

namespace bantin::segment {

// A gold sentence: its words, each a list of syllables.
using GoldSentence = std::vector<std::vector<std::string>>;

// Parses a gold file's content; empty lines are skipped.
std::vector<GoldSentence> ParseGold(std::string_view content);

// Renders a gold sentence as plain text (syllables separated by single spaces) and the byte
// span of each word in it. `transform` (may be null) rewrites each syllable first, e.g. to
// remove diacritics or upper-case it.
struct GoldText {
  std::string text;
  std::vector<std::pair<uint32_t, uint32_t>> words;
};
// With `natural_spacing`, punctuation is written as running text has it: no space before
// , . ; : ! ? ) ] ” % … and none after ( [ “ (the gold files put spaces everywhere).
GoldText RenderGold(const GoldSentence& sentence,
                    const std::function<std::string(std::string_view)>& transform = nullptr,
                    bool natural_spacing = false);

// For tokens of `gold.text`: joins[g] = 1 if tokens g and g+1 lie in the same gold word.
// Returns false if some gold word boundary falls inside a token (not representable).
bool GoldJoins(const GoldText& gold, const std::vector<text::Token>& tokens,
               std::vector<uint8_t>* joins);

// Word spans (first byte, end byte) of tokens grouped by `joins`.
std::vector<std::pair<uint32_t, uint32_t>> WordSpans(const std::vector<text::Token>& tokens,
                                                     const std::vector<uint8_t>& joins);

struct SegmentationScore {
  size_t gold_words = 0, predicted_words = 0, correct_words = 0;
  size_t sentences = 0;
  void Add(const std::vector<std::pair<uint32_t, uint32_t>>& gold,
           const std::vector<std::pair<uint32_t, uint32_t>>& predicted);
  double precision() const;
  double recall() const;
  double f1() const;
};

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_GOLD_H_
