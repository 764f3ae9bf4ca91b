#include "segment/lexicon.h"

#include <algorithm>

#include "base/hash.h"

namespace bantin::segment {
namespace {

uint64_t Seed(bool fold) { return fold ? 0x46 : 0x57; }

}  // namespace

uint32_t LexiconKey(std::span<const TokenView> tokens, bool fold) {
  uint64_t h = Seed(fold);
  for (const TokenView& t : tokens) h = HashMix(h, fold ? t.fold : t.form);
  return Key32(h);
}

void Lexicon::Build(std::vector<std::pair<uint32_t, uint8_t>> entries, size_t sources) {
  sources_ = sources;
  std::sort(entries.begin(), entries.end());
  entries_.clear();
  for (const auto& [key, flags] : entries) {
    if (!entries_.empty() && entries_.back().first == key) {
      entries_.back().second |= flags;
    } else {
      entries_.emplace_back(key, flags);
    }
  }
  std::vector<uint32_t> keys[2];
  std::vector<uint8_t> values[2];
  for (const auto& [key, flags] : entries_) {
    int f = (flags & kLexiconFolded) ? 1 : 0;
    keys[f].push_back(key);
    values[f].push_back(flags);
  }
  for (int f = 0; f < 2; ++f) map_[f].Build(keys[f], values[f]);
}

void Lexicon::Match(std::span<const TokenView> tokens, LexiconMatches* out) const {
  const size_t n = tokens.size();
  const size_t gaps = n > 0 ? n - 1 : 0;
  out->sources = sources_;
  for (size_t src = 0; src < sources_; ++src) {
    for (auto& v : out->gaps[src]) v.assign(gaps, LexiconEvidence{});
  }
  for (int f = 0; f < 2; ++f) {
    const bool fold = f == 1;
    for (size_t s = 0; s + 1 < n; ++s) {
      uint64_t h = Seed(fold);
      for (size_t len = 1; len <= kMaxLexiconTokens && s + len <= n; ++len) {
        const TokenView& t = tokens[s + len - 1];
        // Folded matches are looked for only in text typed without diacritics: where the text
        // has them, the normalized match says more, and a folded one adds only noise.
        if (fold && t.form != t.fold) break;
        h = HashMix(h, fold ? t.fold : t.form);
        if (len == 1) continue;  // words have two tokens or more: start looking at two
        uint8_t flags = map_[f].Find(Key32(h));
        for (size_t src = 0; src < sources_; ++src) {
          if ((flags & LexiconWordFlag(src)) == 0) continue;
          // Word [s, s + len): it covers gaps s .. s+len-2, ends at token s+len-1 (the gap
          // after it is s+len-1) and starts at token s (the gap before it is s-1).
          auto l = static_cast<uint8_t>(len);
          std::vector<LexiconEvidence>& ev = out->gaps[src][f];
          for (size_t g = s; g + 1 < s + len; ++g) ev[g].covering = std::max(ev[g].covering, l);
          if (s + len - 1 < gaps) ev[s + len - 1].ending = std::max(ev[s + len - 1].ending, l);
          if (s > 0) ev[s - 1].starting = std::max(ev[s - 1].starting, l);
        }
        if ((flags & kLexiconPrefix) == 0) break;  // no word continues this way
      }
    }
  }
}

}  // namespace bantin::segment
