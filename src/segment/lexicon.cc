#include "segment/lexicon.h"

#include <algorithm>

#include "base/hash.h"

namespace bantin::segment {
namespace {

uint64_t Seq(uint64_t seed, std::span<const TokenView> tokens, bool fold) {
  uint64_t h = seed;
  for (const TokenView& t : tokens) h = HashMix(h, fold ? t.fold : t.form);
  return h;
}

}  // namespace

uint64_t Seed(LexiconKey kind, size_t source, bool fold) {
  uint64_t s = static_cast<uint64_t>(kind) << 8 | (fold ? 0x80 : 0);
  return kind == LexiconKey::kWord ? s | source : s;
}

uint32_t LexiconHash(LexiconKey kind, size_t source, std::span<const TokenView> tokens, bool fold) {
  return Key32(Seq(Seed(kind, source, fold), tokens, fold));
}

void Lexicon::Build(std::vector<uint32_t> keys, size_t sources) {
  sources_ = sources;
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  keys_ = std::move(keys);
  set_.Build(keys_);
}

void Lexicon::Match(std::span<const TokenView> tokens, LexiconMatches* out) const {
  out->sources = sources_;
  for (size_t src = 0; src < sources_; ++src) {
    for (auto& v : out->starts[src]) v.assign(tokens.size(), 0);
  }
  for (size_t s = 0; s + 1 < tokens.size(); ++s) {
    for (int f = 0; f < 2; ++f) {
      bool fold = f == 1;
      uint64_t prefix_h = Seed(LexiconKey::kPrefix, 0, fold);
      uint64_t word_h[kMaxLexiconSources];
      for (size_t src = 0; src < sources_; ++src) word_h[src] = Seed(LexiconKey::kWord, src, fold);
      for (size_t len = 1; len <= kMaxLexiconTokens && s + len <= tokens.size(); ++len) {
        uint64_t form = fold ? tokens[s + len - 1].fold : tokens[s + len - 1].form;
        prefix_h = HashMix(prefix_h, form);
        for (size_t src = 0; src < sources_; ++src) {
          word_h[src] = HashMix(word_h[src], form);
          if (len >= 2 && set_.Contains(Key32(word_h[src]))) {
            out->starts[src][f][s] |= static_cast<uint8_t>(1u << len);
          }
        }
        if (!set_.Contains(Key32(prefix_h))) break;  // no word of any source continues
      }
    }
  }
}

}  // namespace bantin::segment
