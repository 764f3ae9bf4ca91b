// Words of folded text, for fingerprints and story features.
#ifndef BANTIN_STORIES_WORDS_H_
#define BANTIN_STORIES_WORDS_H_

#include <string_view>
#include <vector>

namespace bantin::stories {

// The runs of ASCII letters and digits of `folded` (text::Normalizer::Fold output), in order;
// views into `folded`. Other bytes (spaces, punctuation, letters Fold left as they were)
// separate words.
std::vector<std::string_view> FoldedWords(std::string_view folded);

// True if a phrase break (sentence or clause punctuation) lies between two words' views.
bool BreakBetween(std::string_view before, std::string_view after);

}  // namespace bantin::stories

#endif  // BANTIN_STORIES_WORDS_H_
