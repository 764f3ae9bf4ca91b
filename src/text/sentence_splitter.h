// Sentence splitting over tokens (see tokenizer.h).
//
// A sentence ends at a line break, or at . ! ? … (and runs of them) followed, after any closing
// quotes or brackets, by white space and a token that can open a sentence: an uppercase letter,
// a digit, an opening quote or bracket, a dash. It does not end:
//   - after an abbreviation that stands before a name or number: "TP. HCM", "GS. TS", "Q. 1",
//     "ông J. Smith" (a single capital letter is an initial);
//   - inside a number (the tokenizer keeps "1.000", "19/12" whole) or before a lowercase word
//     ("v.v. và", "ngày 19/12, … ông");
//   - inside a quotation or parenthesis that closes on the same line and is followed by more of
//     the same sentence: “Tôi đi. Anh ở lại”, ông nói.
//
// Thread safety: stateless.
#ifndef BANTIN_TEXT_SENTENCE_SPLITTER_H_
#define BANTIN_TEXT_SENTENCE_SPLITTER_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace bantin::text {

struct SentenceSpan {
  uint32_t begin = 0;  // byte offset of the first token
  uint32_t end = 0;    // one past the last byte of the last token
};

// Appends to `out` the sentences of `text`, whose tokens (from Tokenize(text)) are `tokens`.
// Every token belongs to exactly one sentence.
void SplitSentences(std::string_view text, std::span<const Token> tokens,
                    std::vector<SentenceSpan>* out);

}  // namespace bantin::text

#endif  // BANTIN_TEXT_SENTENCE_SPLITTER_H_
