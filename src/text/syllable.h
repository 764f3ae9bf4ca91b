// Vietnamese syllable structure and canonical tone-mark placement.
//
// A Vietnamese syllable is onset? + nucleus (1-3 vowels) + coda?. Two spelling conventions place
// the tone mark differently in the open clusters oa, oe, uy: "hoà, khoẻ, thuỷ" (on the main
// vowel, the 1980s school rule) and "hòa, khỏe, thủy" (on the first vowel, what most news sites
// and dictionaries print). bantin's canonical form is the second, called "new style" in our
// issues, and it follows one rule set:
//   1. a vowel with a hat, breve or horn (ă â ê ô ơ ư) takes the mark (in "ươ", the ơ);
//   2. otherwise, with a coda, the last vowel of the nucleus takes it (hoàn, quỳnh);
//   3. otherwise (open syllable) the first of two vowels (hòa, thủy, của, mía), the middle of
//      three (khuya, ngoài).
// Misplaced marks ("cuả", "muà") are moved by the same rules.
// "qu" and "gi" before a vowel are onsets, so their u/i never take the mark (quý, giữ).
// Words that do not parse as a syllable (foreign names) are never changed.
//
// Thread safety: stateless functions over caller-owned buffers.
#ifndef BANTIN_TEXT_SYLLABLE_H_
#define BANTIN_TEXT_SYLLABLE_H_

#include <cstddef>

#include "text/char_table.h"

namespace bantin::text {

// Where the parts of a syllable lie, as indexes into its code points.
struct SyllableShape {
  size_t nucleus_begin = 0;
  size_t nucleus_end = 0;
  bool has_coda = false;
};

// Parses `word` (NFC code points, any case, any tone marks) as one Vietnamese syllable.
// Returns false when it is not one (foreign words, words with digits, impossible clusters).
bool ParseSyllable(const char32_t* word, size_t n, const CharTable& table, SyllableShape* shape);

// Moves the single tone mark of `word` to its canonical (new-style) place, in place, keeping
// the case of each letter. Returns true if the word changed. Words that are not a Vietnamese
// syllable, carry no mark or more than one mark are left as they are.
bool CanonicalizeTone(char32_t* word, size_t n, const CharTable& table);

// Both at once, in one pass (the tokenizer's hot path): canonicalizes the tone of `word` in
// place and returns whether it is a Vietnamese syllable.
bool CanonicalizeSyllable(char32_t* word, size_t n, const CharTable& table);

}  // namespace bantin::text

#endif  // BANTIN_TEXT_SYLLABLE_H_
