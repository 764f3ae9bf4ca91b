#include "segment/features.h"

#include "base/hash.h"

namespace bantin::segment {
namespace {

constexpr uint64_t kBos = 0xB05B05B05ULL;  // the form of the position before the sentence
constexpr uint64_t kEos = 0xE05E05E05ULL;  // ... and after it
constexpr uint64_t kNoShape = kShapeCount;

class Emitter {
 public:
  explicit Emitter(uint32_t* out) : out_(out) {}
  void Add(uint64_t tmpl, uint64_t a) { out_[n_++] = Key32(HashMix(tmpl, a)); }
  void Add(uint64_t tmpl, uint64_t a, uint64_t b) {
    out_[n_++] = Key32(HashMix(HashMix(tmpl, a), b));
  }
  void Add(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
    out_[n_++] = Key32(HashMix(HashMix(HashMix(tmpl, a), b), c));
  }
  size_t size() const { return n_; }

 private:
  uint32_t* out_;
  size_t n_ = 0;
};

// Longest lexicon word (in tokens) that covers the gap between `gap` and `gap + 1`, ends at
// `gap`, or starts at `gap + 1`.
struct LexiconEvidence {
  uint64_t covering = 0, ending = 0, starting = 0;
};

LexiconEvidence Evidence(const std::vector<uint8_t>& starts, size_t gap) {
  LexiconEvidence e;
  size_t first = gap + 1 >= kMaxLexiconTokens ? gap + 1 - kMaxLexiconTokens : 0;
  for (size_t s = first; s <= gap; ++s) {
    for (uint64_t len = 2; len <= kMaxLexiconTokens; ++len) {
      if ((starts[s] & (1u << len)) == 0) continue;
      size_t last = s + len - 1;
      if (last >= gap + 1 && len > e.covering) e.covering = len;
      if (last == gap && len > e.ending) e.ending = len;
    }
  }
  for (uint64_t len = 2; len <= kMaxLexiconTokens; ++len) {
    if (gap + 1 < starts.size() && (starts[gap + 1] & (1u << len))) e.starting = len;
  }
  return e;
}

}  // namespace

void PrepareSentence(const Lexicon& lexicon, std::span<const TokenView> tokens,
                     SentenceFeatures* out) {
  out->tokens = tokens;
  lexicon.Match(tokens, &out->lexicon);
}

size_t GapFeatures(const SentenceFeatures& s, size_t gap, uint32_t* out) {
  const std::span<const TokenView> t = s.tokens;
  const size_t n = t.size();
  auto form = [&](size_t i, ptrdiff_t d) -> uint64_t {
    ptrdiff_t k = static_cast<ptrdiff_t>(i) + d;
    if (k < 0) return kBos;
    if (k >= static_cast<ptrdiff_t>(n)) return kEos;
    return t[static_cast<size_t>(k)].form;
  };
  auto fold = [&](ptrdiff_t d) -> uint64_t {
    ptrdiff_t k = static_cast<ptrdiff_t>(gap) + d;
    if (k < 0) return kBos;
    if (k >= static_cast<ptrdiff_t>(n)) return kEos;
    return t[static_cast<size_t>(k)].fold;
  };
  auto shape = [&](ptrdiff_t d) -> uint64_t {
    ptrdiff_t k = static_cast<ptrdiff_t>(gap) + d;
    if (k < 0 || k >= static_cast<ptrdiff_t>(n)) return kNoShape;
    return t[static_cast<size_t>(k)].shape;
  };
  const uint64_t l = form(gap, 0), r = form(gap, 1), ll = form(gap, -1), rr = form(gap, 2);
  const uint64_t sl = shape(0), sr = shape(1), sll = shape(-1), srr = shape(2);
  const uint64_t space = t[gap + 1].space_before ? 1 : 0;

  Emitter e(out);
  e.Add(0, 0);  // bias
  e.Add(1, l);
  e.Add(2, r);
  e.Add(3, ll);
  e.Add(4, rr);
  e.Add(5, l, r);
  e.Add(6, ll, l);
  e.Add(7, r, rr);
  e.Add(8, HashMix(ll, l), r);
  e.Add(9, l, HashMix(r, rr));
  e.Add(10, fold(0));
  e.Add(11, fold(1));
  e.Add(12, fold(0), fold(1));
  e.Add(13, sl, sr);
  e.Add(14, HashMix(sll, sl), HashMix(sr, srr));
  e.Add(15, sl, sr, space);
  e.Add(16, sl, r);
  e.Add(17, l, sr);
  e.Add(18, ll, r);
  e.Add(19, HashMix(ll, l), HashMix(r, rr));
  e.Add(20, fold(-1), fold(0), fold(1));
  e.Add(27, fold(0), fold(1), fold(2));
  const uint64_t first = gap == 0 ? 1 : 0;  // sentence-initial capitals are not names
  e.Add(30, first, sl, sr);
  e.Add(31, first, l);
  for (size_t src = 0; src < s.lexicon.sources; ++src) {
    const uint64_t t = 1000 + 100 * src;  // each word list has its own templates
    LexiconEvidence norm = Evidence(s.lexicon.starts[src][0], gap);
    LexiconEvidence folded = Evidence(s.lexicon.starts[src][1], gap);
    e.Add(t + 1, norm.covering);
    e.Add(t + 2, norm.ending, norm.starting);
    e.Add(t + 3, norm.covering, norm.ending, norm.starting);
    e.Add(t + 4, folded.covering);
    e.Add(t + 5, folded.covering, folded.ending, folded.starting);
    e.Add(t + 6, norm.covering, sl, sr);
    e.Add(t + 7, norm.covering, l);
    e.Add(t + 8, norm.covering, r);
  }
  return e.size();
}

size_t TransitionFeatures(const SentenceFeatures& s, size_t gap, bool prev_join, uint32_t* out) {
  const uint64_t prev = prev_join ? 1 : 0;
  const uint64_t l = s.tokens[gap].form;
  const uint64_t sl = s.tokens[gap].shape, sr = s.tokens[gap + 1].shape;
  Emitter e(out);
  e.Add(100, prev);
  e.Add(101, prev, l);
  e.Add(102, prev, sl, sr);
  return e.size();
}

}  // namespace bantin::segment
