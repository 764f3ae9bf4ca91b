// Tokenizer: cuts text into syllables, foreign words, numbers, punctuation, symbols, URLs and
// e-mail addresses, each with [begin, end) byte offsets into the text it was given.
//
//   "Ngày 2/12, ông Putin (TASS)" -> Ngày | 2/12 | , | ông | Putin | ( | TASS | )
//
// Rules: a word is a run of letters, combining marks and digits, with an apostrophe kept
// between letters (O'Brien); hyphens split words (Mát-xcơ-va is three syllables and two
// hyphens). A number is digits joined by single . , / : - (10/4, 2025-12-24, 24.000, 3,5);
// digits followed by letters form one word (5G, 20h30). "..." is one token; other punctuation
// and symbols are one code point each. Whitespace is skipped but newlines are recorded, since
// a line break always ends a sentence.
//
// Thread safety: stateless.
#ifndef BANTIN_TEXT_TOKENIZER_H_
#define BANTIN_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/char_table.h"

namespace bantin::text {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kSymbol, kUrl, kEmail };

struct Token {
  uint32_t begin = 0;  // byte offset of the first byte
  uint32_t end = 0;    // one past the last byte
  TokenKind kind = TokenKind::kWord;
  bool newline_before = false;  // a line break lies between the previous token and this one
  bool upper_first = false;     // the first code point is an uppercase letter
};

// Appends the tokens of `text` to `out` (which is not cleared). Bytes that are not valid UTF-8
// become one-byte symbol tokens. REQUIRES: text.size() < 4 GiB.
void Tokenize(std::string_view text, std::vector<Token>* out);

}  // namespace bantin::text

#endif  // BANTIN_TEXT_TOKENIZER_H_
