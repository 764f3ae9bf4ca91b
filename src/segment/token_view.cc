#include "segment/token_view.h"

#include "base/hash.h"
#include "text/char_table.h"
#include "text/utf8.h"

namespace bantin::segment {
namespace {

// "2025-12-24" -> "0000-00-00": numbers differ by value, not by role.
uint64_t NumberPattern(std::string_view s) {
  char buf[16];
  size_t n = 0;
  for (char c : s) {
    if (n == sizeof buf) break;
    buf[n++] = c >= '0' && c <= '9' ? '0' : c;
  }
  return HashMix(HashBytes(std::string_view(buf, n)), 0x4E554D);
}

// Upper-case letters in the word: none, the first only (or some), or all (of two or more).
Shape CaseShape(std::string_view word, bool syllable) {
  const text::CharTable& table = text::CharTable::Get();
  size_t letters = 0, upper = 0;
  bool first_upper = false;
  for (size_t i = 0; i < word.size();) {
    char32_t cp;
    size_t len = text::DecodeUtf8(word.data() + i, word.size() - i, &cp);
    if (len == 0) break;
    const text::CharInfo& info = table.Info(cp);
    if (info.cls == text::CharClass::kLetter) {
      if (info.upper) {
        ++upper;
        if (letters == 0) first_upper = true;
      }
      ++letters;
    }
    i += len;
  }
  if (upper >= 2 && upper == letters) return syllable ? kAllCaps : kForeignAllCaps;
  if (first_upper) return syllable ? kCapital : kForeignCapital;
  return syllable ? kLower : kForeignLower;
}

}  // namespace

void BuildTokenViews(std::string_view text, std::span<const text::Token> tokens,
                     text::WordCache* cache, std::vector<TokenView>* out) {
  uint32_t prev_end = tokens.empty() ? 0 : tokens[0].begin;
  for (const text::Token& t : tokens) {
    std::string_view s = text.substr(t.begin, t.end - t.begin);
    TokenView v;
    v.space_before = t.begin > prev_end;
    prev_end = t.end;
    switch (t.kind) {
      case text::TokenKind::kWord: {
        text::WordCache::Forms f = cache->Get(s);
        v.form = HashBytes(f.norm);
        v.fold = HashBytes(f.fold);
        v.shape = CaseShape(s, f.syllable);
        break;
      }
      case text::TokenKind::kNumber:
        v.form = v.fold = NumberPattern(s);
        v.shape = kNumber;
        break;
      case text::TokenKind::kPunct:
      case text::TokenKind::kSymbol:
        v.form = v.fold = HashBytes(s);
        v.shape = t.kind == text::TokenKind::kPunct ? kPunct : kSymbol;
        break;
      case text::TokenKind::kUrl:
      case text::TokenKind::kEmail:
        v.form = v.fold = HashBytes("<link>");
        v.shape = kLink;
        break;
    }
    out->push_back(v);
  }
}

}  // namespace bantin::segment
