// Normalizer: the canonical and the search forms of Vietnamese text.
//
//   Normalize("Hoà bình")  == "Hòa bình"   NFC (ICU) + canonical tone placement, case kept
//   Fold("Đàm PHÁN hoà")   == "dam phan hoa"  lowercase, every diacritic removed, đ -> d
//   WordForms("HOÀ")       -> norm "hòa", fold "hoa", Vietnamese syllable: yes
//
// Text that is already NFC (nearly all news text) takes a fast path that never calls ICU.
// Thread safety: a Normalizer is immutable after Create(); share it freely across threads.
#ifndef BANTIN_TEXT_NORMALIZER_H_
#define BANTIN_TEXT_NORMALIZER_H_

#include <memory>
#include <string>
#include <string_view>

#include <unicode/normalizer2.h>

#include "bantin/status.h"
#include "text/char_table.h"

namespace bantin::text {

class Normalizer {
 public:
  // Fails only when ICU's normalization data cannot be loaded.
  static Result<std::unique_ptr<Normalizer>> Create();

  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // NFC, then each Vietnamese syllable's tone mark moved to its canonical place, and Ð/ð (eth)
  // written for Đ/đ repaired where that makes a Vietnamese syllable ("Ðặng" -> "Đặng"). Case
  // and every other character are kept. REQUIRES: `text` is valid UTF-8.
  std::string Normalize(std::string_view text) const;

  // Normalize(), then lowercase and strip diacritics (tone and vowel marks, đ -> d) from every
  // letter; punctuation and spacing are kept. REQUIRES: valid UTF-8.
  std::string Fold(std::string_view text) const;

  // The two keys a name is looked up by (the alias table of entities; entity:"…" filters):
  // `exact` = lowercase Normalize(name), `folded` = Fold(name), each with runs of white space
  // made one space and none at either end ("  Hoa  Kỳ" -> "hoa kỳ", "hoa ky").
  // REQUIRES: valid UTF-8.
  void NameKeys(std::string_view name, std::string* exact, std::string* folded) const;

  // The forms of one word (a run of letters, marks and digits as the tokenizer cuts it):
  // `norm` = lowercase Normalize(word), `fold` = Fold(word); both are overwritten. Returns true
  // when the word is a Vietnamese syllable (see syllable.h), false for foreign words.
  // REQUIRES: valid UTF-8.
  bool WordForms(std::string_view word, std::string* norm, std::string* fold) const;

  // True if every code point of `text` is its own NFC form (the fast path applies).
  bool IsFastNfc(std::string_view text) const;

 private:
  explicit Normalizer(const icu::Normalizer2* nfc);

  // Appends NFC(text) to `out` using ICU.
  void IcuNfc(std::string_view text, std::string* out) const;
  // Decodes `word` to NFC code points in `buf` with its tone canonicalized (and eth repaired,
  // see RepairEth). Returns whether it is a Vietnamese syllable.
  bool DecodeWord(std::string_view word, std::u32string* buf) const;
  bool RepairEth(std::u32string* word) const;

  const CharTable& table_;
  const icu::Normalizer2* nfc_;  // owned by ICU
};

}  // namespace bantin::text

#endif  // BANTIN_TEXT_NORMALIZER_H_
