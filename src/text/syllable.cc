#include "text/syllable.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace bantin::text {
namespace {

// Toneless lowercase letters of a word, with vowels as their Vowel value's letter.
constexpr size_t kMaxSyllable = 8;  // "nghiêng" has 7 letters; longer words are not syllables

constexpr std::u32string_view kOnsets[] = {
    U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu", U"th", U"tr", U"b", U"c",
    U"d",   U"đ",  U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t", U"v", U"x"};
constexpr std::u32string_view kCodas[] = {U"ch", U"ng", U"nh", U"c", U"m", U"n", U"p", U"t",
                                          U"i",  U"y",  U"o",  U"u"};
// Vowel clusters that occur as a nucleus (toneless). Semivowel codas i/y/o/u are split off
// after the nucleus when what remains is still a nucleus (see SplitNucleus).
constexpr std::u32string_view kNuclei[] = {
    U"a",  U"ă",  U"â",  U"e",  U"ê",  U"i",  U"o",  U"ô",  U"ơ",  U"u",  U"ư",  U"y",
    U"ia", U"iê", U"oa", U"oă", U"oe", U"oo", U"ôô", U"ua", U"uâ", U"uê", U"uô", U"uơ",
    U"uy", U"ưa", U"ươ", U"yê", U"uyê", U"uya", U"oai", U"oay", U"oao", U"oeo", U"uây",
    U"uôi", U"uyu", U"ươi", U"ươu", U"iêu", U"yêu", U"ai",  U"ao", U"au", U"ay", U"âu",
    U"ây", U"eo", U"êu", U"iu", U"oi", U"ôi", U"ơi", U"ui", U"ưi", U"ưu"};

bool IsNucleus(std::u32string_view v) {
  return std::find(std::begin(kNuclei), std::end(kNuclei), v) != std::end(kNuclei);
}
bool IsCoda(std::u32string_view c) {
  return c.empty() || std::find(std::begin(kCodas), std::end(kCodas), c) != std::end(kCodas);
}
bool HasHatOrHorn(char32_t c) {
  return c == U'ă' || c == U'â' || c == U'ê' || c == U'ô' || c == U'ơ' || c == U'ư';
}

// Fills `base` with the toneless lowercase letters of `word`. False if a code point is not a
// letter of the Vietnamese alphabet.
bool ToBase(const char32_t* word, size_t n, const CharTable& table, char32_t* base) {
  for (size_t i = 0; i < n; ++i) {
    const CharInfo& info = table.Info(word[i]);
    if (info.vowel != kNoVowel) {
      base[i] = table.Compose(info.vowel, kLevel, false);
      continue;
    }
    char32_t lower = table.Lower(word[i]);
    if (lower == U'đ' || (lower >= 'a' && lower <= 'z' && lower != 'f' && lower != 'j' &&
                          lower != 'w' && lower != 'z')) {
      base[i] = lower;
      continue;
    }
    return false;
  }
  return true;
}

bool IsVowelLetter(char32_t c) {
  static constexpr std::u32string_view kVowels = U"aăâeêioôơuưy";
  return kVowels.find(c) != std::u32string_view::npos;
}

bool ParseBase(std::u32string_view s, SyllableShape* shape) {
  size_t onset = 0;
  for (std::u32string_view o : kOnsets) {
    if (s.substr(0, o.size()) != o) continue;
    // "gi" and "qu" are onsets only before another vowel: "gì" is g + i, "giữ" is gi + ư.
    if ((o == U"gi" || o == U"qu") && (s.size() <= 2 || !IsVowelLetter(s[2]))) continue;
    onset = o.size();
    break;
  }
  size_t end = onset;
  while (end < s.size() && IsVowelLetter(s[end])) ++end;
  if (end == onset) return false;
  std::u32string_view vowels = s.substr(onset, end - onset);
  std::u32string_view coda = s.substr(end);
  if (!IsCoda(coda) || (!coda.empty() && coda.size() <= 2 && IsVowelLetter(coda[0]))) {
    if (!coda.empty() && IsVowelLetter(coda[0])) return false;
    if (!IsCoda(coda)) return false;
  }
  if (!IsNucleus(vowels)) return false;
  shape->nucleus_begin = onset;
  shape->nucleus_end = end;
  shape->has_coda = !coda.empty();
  return true;
}

size_t TonePosition(std::u32string_view s, const SyllableShape& shape) {
  std::u32string_view v = s.substr(shape.nucleus_begin, shape.nucleus_end - shape.nucleus_begin);
  for (size_t i = v.size(); i-- > 0;) {
    if (HasHatOrHorn(v[i])) return shape.nucleus_begin + i;
  }
  if (shape.has_coda) return shape.nucleus_end - 1;
  if (v.size() == 1) return shape.nucleus_begin;
  if (v.size() == 3) return shape.nucleus_begin + 1;
  return shape.nucleus_begin;  // hòa, khỏe, thủy, của, mía
}

}  // namespace

bool ParseSyllable(const char32_t* word, size_t n, const CharTable& table, SyllableShape* shape) {
  if (n == 0 || n > kMaxSyllable) return false;
  std::array<char32_t, kMaxSyllable> base;
  if (!ToBase(word, n, table, base.data())) return false;
  return ParseBase(std::u32string_view(base.data(), n), shape);
}

bool CanonicalizeTone(char32_t* word, size_t n, const CharTable& table) {
  if (n == 0 || n > kMaxSyllable) return false;
  size_t marked = n;
  for (size_t i = 0; i < n; ++i) {
    if (table.Info(word[i]).tone == kLevel) continue;
    if (marked != n) return false;  // two marks: not ours to fix
    marked = i;
  }
  if (marked == n) return false;
  std::array<char32_t, kMaxSyllable> base;
  if (!ToBase(word, n, table, base.data())) return false;
  std::u32string_view s(base.data(), n);
  SyllableShape shape;
  if (!ParseBase(s, &shape)) return false;
  size_t target = TonePosition(s, shape);
  if (target == marked) return false;
  const CharInfo& from = table.Info(word[marked]);
  const CharInfo& to = table.Info(word[target]);
  uint8_t tone = from.tone;
  word[marked] = table.Compose(from.vowel, kLevel, from.upper);
  word[target] = table.Compose(to.vowel, tone, to.upper);
  return true;
}

}  // namespace bantin::text
