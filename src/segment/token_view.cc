#include "segment/token_view.h"

#include "base/hash.h"

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

Shape WordShape(const text::WordCache::Forms& f) {
  switch (f.letter_case) {
    case text::WordCache::kAllCaps: return f.syllable ? kAllCaps : kForeignAllCaps;
    case text::WordCache::kCapitalized: return f.syllable ? kCapital : kForeignCapital;
    case text::WordCache::kLowerCase: break;
  }
  return f.syllable ? kLower : kForeignLower;
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
        v.form = f.norm_hash;
        v.fold = f.fold_hash;
        v.shape = WordShape(f);
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
