// Per-code-point facts the text layer needs on its hot path (class, case, diacritic fold,
// Vietnamese vowel and tone, whether NFC can be skipped), precomputed once from ICU's Unicode
// data for the Basic Multilingual Plane. Code points above U+FFFF are answered by ICU directly.
//
// Why a table: tokenizing, folding and tone placement look at every character of every article;
// one array lookup is several times cheaper than the ICU calls it replaces, and the table is
// derived from ICU so it cannot drift from the Unicode version the build links.
//
// Thread safety: the table is immutable after construction; CharTable::Get() is thread-safe.
#ifndef BANTIN_TEXT_CHAR_TABLE_H_
#define BANTIN_TEXT_CHAR_TABLE_H_

#include <cstdint>
#include <memory>

namespace bantin::text {

enum class CharClass : uint8_t {
  kSpace,    // white space, controls, zero-width space, BOM
  kNewline,  // U+000A, U+2028, U+2029
  kLetter,   // L*, N* other than ASCII digits
  kMark,     // M*, soft hyphen, ZWJ/ZWNJ: joins the preceding letter
  kDigit,    // ASCII 0-9
  kPunct,    // P*
  kSymbol,   // S*
};

// Vietnamese vowels without tone, in the order of Vowel values below.
enum Vowel : uint8_t { kNoVowel = 0, kA, kAw, kAa, kE, kEe, kI, kO, kOo, kOw, kU, kUw, kY };
// Tone marks: none, grave (huyền), acute (sắc), hook above (hỏi), tilde (ngã), dot below (nặng).
enum Tone : uint8_t { kLevel = 0, kGrave, kAcute, kHook, kTilde, kDot };

struct CharInfo {
  CharClass cls = CharClass::kSymbol;
  bool upper = false;      // has a distinct lowercase
  bool nfc_fast = true;    // NFC_Quick_Check=Yes and combining class 0: NFC may skip it
  uint8_t vowel = kNoVowel;  // Vietnamese vowel (lowercase, toneless) this letter carries
  uint8_t tone = kLevel;     // its tone mark, when `vowel` is set
  char32_t lower = 0;      // simple lowercase mapping
  char32_t fold = 0;       // lowercase with every diacritic removed (đ -> d); the search form
};

class CharTable {
 public:
  // The shared table, built on first use (about 10 ms). Never destroyed.
  static const CharTable& Get();

  // Class, vowel and tone of `cp`. Above U+FFFF only `cls` is meaningful: use Lower()/Fold().
  const CharInfo& Info(char32_t cp) const {
    return cp < 0x10000 ? bmp_[cp] : Supplementary(cp);
  }
  char32_t Lower(char32_t cp) const { return cp < 0x10000 ? bmp_[cp].lower : cp; }
  char32_t Fold(char32_t cp) const { return cp < 0x10000 ? bmp_[cp].fold : cp; }
  // The precomposed letter for a Vietnamese vowel with `tone`, in upper or lower case.
  char32_t Compose(uint8_t vowel, uint8_t tone, bool upper) const {
    return compose_[vowel][tone][upper ? 1 : 0];
  }

 private:
  CharTable();
  const CharInfo& Supplementary(char32_t cp) const;

  std::unique_ptr<CharInfo[]> bmp_;
  char32_t compose_[13][6][2] = {};
  CharInfo supplementary_letter_, supplementary_symbol_, supplementary_mark_, supplementary_space_;
};

}  // namespace bantin::text

#endif  // BANTIN_TEXT_CHAR_TABLE_H_
