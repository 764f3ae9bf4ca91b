#include "text/char_table.h"

#include <string_view>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "text/utf8.h"

namespace bantin::text {
namespace {

// Each row: a Vietnamese vowel with its six tones (level, grave, acute, hook, tilde, dot).
// This is the definition of the Vietnamese alphabet's vowels, not derived data.
constexpr std::u32string_view kVowelRows[12][2] = {
    {U"aàáảãạ", U"AÀÁẢÃẠ"}, {U"ăằắẳẵặ", U"ĂẰẮẲẴẶ"}, {U"âầấẩẫậ", U"ÂẦẤẨẪẬ"},
    {U"eèéẻẽẹ", U"EÈÉẺẼẸ"}, {U"êềếểễệ", U"ÊỀẾỂỄỆ"}, {U"iìíỉĩị", U"IÌÍỈĨỊ"},
    {U"oòóỏõọ", U"OÒÓỎÕỌ"}, {U"ôồốổỗộ", U"ÔỒỐỔỖỘ"}, {U"ơờớởỡợ", U"ƠỜỚỞỠỢ"},
    {U"uùúủũụ", U"UÙÚỦŨỤ"}, {U"ưừứửữự", U"ƯỪỨỬỮỰ"}, {U"yỳýỷỹỵ", U"YỲÝỶỸỴ"},
};

CharClass ClassOf(char32_t cp) {
  if (cp >= '0' && cp <= '9') return CharClass::kDigit;
  if (cp == '\n' || cp == 0x2028 || cp == 0x2029) return CharClass::kNewline;
  if (cp == 0x200B || cp == 0xFEFF) return CharClass::kSpace;
  if (cp == 0x00AD || cp == 0x200C || cp == 0x200D) return CharClass::kMark;
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER: case U_OTHER_NUMBER:
      return CharClass::kLetter;
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
      return CharClass::kMark;
    case U_SPACE_SEPARATOR: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_UNASSIGNED: case U_SURROGATE:
    case U_PRIVATE_USE_CHAR:
      return CharClass::kSpace;
    case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION: case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return CharClass::kPunct;
    default:
      return CharClass::kSymbol;
  }
}

// Lowercase, then drop what NFD splits off as combining marks: "Ấ" -> "a", "Đ" -> "d".
char32_t FoldOf(char32_t lower, const icu::Normalizer2* nfd) {
  // đ has no decomposition; Vietnamese readers fold it to d. ð (eth) is how legacy encodings
  // and careless typing often write it, so it folds the same way.
  if (lower == 0x0111 || lower == 0x00F0) return 'd';
  icu::UnicodeString decomposition;
  if (!nfd->getDecomposition(static_cast<UChar32>(lower), decomposition)) return lower;
  UChar32 first = decomposition.char32At(0);
  for (int32_t i = U16_LENGTH(first); i < decomposition.length();) {
    UChar32 c = decomposition.char32At(i);
    int8_t type = u_charType(c);
    if (type != U_NON_SPACING_MARK && type != U_COMBINING_SPACING_MARK &&
        type != U_ENCLOSING_MARK) {
      return lower;  // e.g. compatibility or multi-letter decompositions: keep as is
    }
    i += U16_LENGTH(c);
  }
  return static_cast<char32_t>(first);
}

CharInfo MakeInfo(char32_t cp, const icu::Normalizer2* nfd) {
  CharInfo info;
  info.cls = ClassOf(cp);
  auto c = static_cast<UChar32>(cp);
  info.lower = static_cast<char32_t>(u_tolower(c));
  info.upper = info.lower != cp;
  info.nfc_fast = u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
                  u_getCombiningClass(c) == 0;
  info.fold = info.cls == CharClass::kLetter ? FoldOf(info.lower, nfd) : info.lower;
  return info;
}

}  // namespace

const CharTable& CharTable::Get() {
  // Immutable after construction and never destroyed, so it is safe at exit and across threads.
  static const CharTable* table = new CharTable();
  return *table;
}

CharTable::CharTable() : bmp_(new CharInfo[0x10000]) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      bmp_[cp].cls = CharClass::kSpace;  // unreachable from valid UTF-8
      continue;
    }
    if (U_SUCCESS(status)) bmp_[cp] = MakeInfo(cp, nfd);
  }
  for (uint8_t v = 0; v < 12; ++v) {
    for (uint8_t t = 0; t < 6; ++t) {
      for (int upper = 0; upper < 2; ++upper) {
        char32_t cp = kVowelRows[v][upper][t];
        compose_[v + 1][t][upper] = cp;
        bmp_[cp].vowel = static_cast<uint8_t>(v + 1);
        bmp_[cp].tone = t;
      }
    }
  }
  supplementary_letter_.cls = CharClass::kLetter;
  supplementary_mark_.cls = CharClass::kMark;
  supplementary_space_.cls = CharClass::kSpace;
  supplementary_symbol_.cls = CharClass::kSymbol;
}

const CharInfo& CharTable::Supplementary(char32_t cp) const {
  // Outside the BMP (historic scripts, emoji, CJK extensions) case and folding do not matter to
  // Vietnamese search; only the class is kept here, and Lower()/Fold() return the code point.
  switch (ClassOf(cp)) {
    case CharClass::kLetter: return supplementary_letter_;
    case CharClass::kMark: return supplementary_mark_;
    case CharClass::kSpace: return supplementary_space_;
    default: return supplementary_symbol_;
  }
}

}  // namespace bantin::text
