#include "text/syllable.h"

#include <array>

namespace bantin::text {
namespace {

constexpr size_t kMaxSyllable = 8;  // "nghiêng" has 7 letters; longer words are not syllables

// A word as the syllable parser sees it: per letter, its Vowel (0 for a consonant) and, for a
// consonant, its lowercase ASCII letter ('D' stands for đ).
struct Letters {
  std::array<uint8_t, kMaxSyllable> vowel;
  std::array<char, kMaxSyllable> consonant;
  size_t n = 0;
};

// Nuclei as Vowel triples (0-padded). Semivowel endings (ai, ao, ay, iu...) are part of the
// nucleus here because the parser takes the maximal run of vowels.
constexpr uint8_t kNuclei[][3] = {
    {kA}, {kAw}, {kAa}, {kE}, {kEe}, {kI}, {kO}, {kOo}, {kOw}, {kU}, {kUw}, {kY},
    {kI, kA}, {kI, kEe}, {kO, kA}, {kO, kAw}, {kO, kE}, {kO, kO}, {kOo, kOo}, {kU, kA},
    {kU, kAa}, {kU, kEe}, {kU, kOo}, {kU, kOw}, {kU, kY}, {kUw, kA}, {kUw, kOw}, {kY, kEe},
    {kA, kI}, {kA, kO}, {kA, kU}, {kA, kY}, {kAa, kU}, {kAa, kY}, {kE, kO}, {kEe, kU},
    {kI, kU}, {kO, kI}, {kOo, kI}, {kOw, kI}, {kU, kI}, {kUw, kI}, {kUw, kU},
    {kU, kY, kEe}, {kU, kY, kA}, {kO, kA, kI}, {kO, kA, kY}, {kO, kA, kO}, {kO, kE, kO},
    {kU, kAa, kY}, {kU, kOo, kI}, {kU, kY, kU}, {kUw, kOw, kI}, {kUw, kOw, kU},
    {kI, kEe, kU}, {kY, kEe, kU}};

constexpr size_t NucleusKey(uint8_t a, uint8_t b, uint8_t c) { return (a * 13u + b) * 13u + c; }

// A bitmap over NucleusKey: 13^3 entries, built at compile time.
struct NucleusSet {
  std::array<bool, 13 * 13 * 13> member{};
  constexpr NucleusSet() {
    for (const auto& v : kNuclei) member[NucleusKey(v[0], v[1], v[2])] = true;
  }
};
constexpr NucleusSet kNucleusSet;

bool HasHatOrHorn(uint8_t v) {
  return v == kAw || v == kAa || v == kEe || v == kOo || v == kOw || v == kUw;
}

// Fills `out` from `word`. False if a code point is not a letter of the Vietnamese alphabet.
bool ToLetters(const char32_t* word, size_t n, const CharTable& table, Letters* out) {
  if (n == 0 || n > kMaxSyllable) return false;
  out->n = n;
  for (size_t i = 0; i < n; ++i) {
    const CharInfo& info = table.Info(word[i]);
    out->vowel[i] = info.vowel;
    out->consonant[i] = 0;
    if (info.vowel != kNoVowel) continue;
    char32_t lower = table.Lower(word[i]);
    if (lower == U'đ') {
      out->consonant[i] = 'D';
    } else if (lower >= 'a' && lower <= 'z' && lower != 'f' && lower != 'j' && lower != 'w' &&
               lower != 'z') {
      out->consonant[i] = static_cast<char>(lower);
    } else {
      return false;
    }
  }
  return true;
}

// Length of the onset, or -1 if the word cannot start a syllable.
int OnsetLength(const Letters& l) {
  auto c = [&](size_t i) { return i < l.n ? l.consonant[i] : '\0'; };
  auto vowel_at = [&](size_t i) { return i < l.n && l.vowel[i] != kNoVowel; };
  switch (c(0)) {
    case '\0': return 0;  // starts with a vowel
    case 'n':
      if (c(1) == 'g') return c(2) == 'h' ? 3 : 2;
      return c(1) == 'h' ? 2 : 1;
    case 'c': case 'k': case 'p': return c(1) == 'h' ? 2 : 1;
    case 't': return c(1) == 'h' || c(1) == 'r' ? 2 : 1;
    case 'g':
      if (c(1) == 'h') return 2;
      // "gi" is an onset only before another vowel: "giữ" is gi + ư, "gì" is g + i.
      return l.n > 1 && l.vowel[1] == kI && vowel_at(2) ? 2 : 1;
    case 'q':
      // "qu" likewise: "quý" is qu + y. A bare q is no onset.
      return l.n > 1 && l.vowel[1] == kU && vowel_at(2) ? 2 : -1;
    case 'b': case 'd': case 'D': case 'h': case 'l': case 'm': case 'r': case 's': case 'v':
    case 'x':
      return 1;
    default: return -1;
  }
}

bool IsCoda(const Letters& l, size_t from) {
  size_t len = l.n - from;
  if (len == 0) return true;
  char a = l.consonant[from];
  if (len == 1) return a == 'c' || a == 'm' || a == 'n' || a == 'p' || a == 't';
  if (len == 2) {
    char b = l.consonant[from + 1];
    return (a == 'c' && b == 'h') || (a == 'n' && (b == 'g' || b == 'h'));
  }
  return false;
}

bool Parse(const Letters& l, SyllableShape* shape) {
  int onset = OnsetLength(l);
  if (onset < 0) return false;
  size_t end = static_cast<size_t>(onset);
  while (end < l.n && l.vowel[end] != kNoVowel) ++end;
  size_t len = end - static_cast<size_t>(onset);
  if (len == 0 || len > 3 || !IsCoda(l, end)) return false;
  uint8_t v[3] = {0, 0, 0};
  for (size_t i = 0; i < len; ++i) v[i] = l.vowel[static_cast<size_t>(onset) + i];
  if (!kNucleusSet.member[NucleusKey(v[0], v[1], v[2])]) return false;
  shape->nucleus_begin = static_cast<size_t>(onset);
  shape->nucleus_end = end;
  shape->has_coda = end < l.n;
  return true;
}

size_t TonePosition(const Letters& l, const SyllableShape& shape) {
  for (size_t i = shape.nucleus_end; i-- > shape.nucleus_begin;) {
    if (HasHatOrHorn(l.vowel[i])) return i;
  }
  if (shape.has_coda) return shape.nucleus_end - 1;
  if (shape.nucleus_end - shape.nucleus_begin == 3) return shape.nucleus_begin + 1;
  return shape.nucleus_begin;  // hòa, khỏe, thủy, của, mía
}

// Moves the tone of a parsed syllable. Returns true if the word changed.
bool MoveTone(char32_t* word, const Letters& l, const SyllableShape& shape,
              const CharTable& table) {
  size_t marked = l.n;
  for (size_t i = 0; i < l.n; ++i) {
    if (l.vowel[i] == kNoVowel || table.Info(word[i]).tone == kLevel) continue;
    if (marked != l.n) return false;  // two marks: not ours to fix
    marked = i;
  }
  if (marked == l.n) return false;
  size_t target = TonePosition(l, shape);
  if (target == marked) return false;
  const CharInfo& from = table.Info(word[marked]);
  const CharInfo& to = table.Info(word[target]);
  uint8_t tone = from.tone;
  word[marked] = table.Compose(from.vowel, kLevel, from.upper);
  word[target] = table.Compose(to.vowel, tone, to.upper);
  return true;
}

}  // namespace

bool ParseSyllable(const char32_t* word, size_t n, const CharTable& table, SyllableShape* shape) {
  Letters l;
  return ToLetters(word, n, table, &l) && Parse(l, shape);
}

bool CanonicalizeTone(char32_t* word, size_t n, const CharTable& table) {
  Letters l;
  SyllableShape shape;
  if (!ToLetters(word, n, table, &l) || !Parse(l, &shape)) return false;
  return MoveTone(word, l, shape, table);
}

bool CanonicalizeSyllable(char32_t* word, size_t n, const CharTable& table) {
  Letters l;
  SyllableShape shape;
  if (!ToLetters(word, n, table, &l) || !Parse(l, &shape)) return false;
  MoveTone(word, l, shape, table);
  return true;
}

}  // namespace bantin::text
