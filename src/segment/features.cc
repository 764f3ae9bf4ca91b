#include "segment/features.h"

namespace bantin::segment {
namespace {

constexpr uint64_t kBos = 0xB05B05B05ULL;  // the form of the position before the sentence
constexpr uint64_t kEos = 0xE05E05E05ULL;  // ... and after it
constexpr uint64_t kNoShape = kShapeCount;

// Feature keys: the template id and its values folded with xor-multiply steps and one final
// avalanche. The values are already well-mixed 64-bit hashes (or small integers that the
// multiplication spreads), so one multiply per value is enough.
//
// Grouped keys put the templates that read the same n-gram (a word as left, right, outer-left
// or outer-right neighbour of a gap; a bigram at three offsets) next to each other in the weight
// table (they differ only in the key's 3 low bits, which pick the slot within an aligned run
// of 8), so usually in one cache line: a sentence looks each n-gram up from several gaps, and
// the first lookup brings the line for the others. Lookups, not arithmetic, are what the
// segmenter spends its time on.
class Emitter {
 public:
  explicit Emitter(uint32_t* out) : out_(out) {}
  void Add(uint64_t tmpl, uint64_t a) { Emit(Step(Start(tmpl), a)); }
  void Add(uint64_t tmpl, uint64_t a, uint64_t b) { Emit(Step(Step(Start(tmpl), a), b)); }
  void Add(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
    Emit(Step(Step(Step(Start(tmpl), a), b), c));
  }
  // Variant `v` (0..7) of group `group` over values a[, b[, c]].
  void Grouped(uint64_t group, uint32_t v, uint64_t a) { EmitGrouped(Step(Start(group), a), v); }
  void Grouped(uint64_t group, uint32_t v, uint64_t a, uint64_t b) {
    EmitGrouped(Step(Step(Start(group), a), b), v);
  }
  void Grouped(uint64_t group, uint32_t v, uint64_t a, uint64_t b, uint64_t c) {
    EmitGrouped(Step(Step(Step(Start(group), a), b), c), v);
  }
  size_t size() const { return n_; }

 private:
  static constexpr uint64_t kPrime = 0x9E3779B97F4A7C15ULL;
  static uint64_t Start(uint64_t tmpl) { return (tmpl + 1) * 0xC2B2AE3D27D4EB4FULL; }
  static uint64_t Step(uint64_t h, uint64_t v) { return (h ^ v) * kPrime; }
  static uint64_t Finish(uint64_t h) {
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ULL;
    return h ^ (h >> 32);
  }
  void Emit(uint64_t h) { out_[n_++] = Key32(Finish(h)); }
  void EmitGrouped(uint64_t h, uint32_t v) {
    out_[n_++] = (Key32(Finish(h)) & ~7u) | v;  // same home slot; the fingerprint differs
  }
  uint32_t* out_;
  size_t n_ = 0;
};

// Groups and their variants.
enum : uint64_t { kUnigram = 1, kBigram = 2, kTrigram = 3 };
enum : uint32_t { kAsLeft, kAsRight, kAsOuterLeft, kAsOuterRight, kAsFirstLeft, kAfterSplit, kAfterJoin };
enum : uint32_t { kLeftRight, kOuterLeftLeft, kRightOuterRight };
enum : uint32_t { kOuterLeftLeftRight, kLeftRightOuterRight };

}  // namespace

void PrepareSentence(const Lexicon& lexicon, std::span<const TokenView> tokens,
                     SentenceFeatures* out) {
  out->tokens = tokens;
  lexicon.Match(tokens, &out->lexicon);
}

size_t GapFeatures(const SentenceFeatures& s, size_t gap, uint32_t* out) {
  const std::span<const TokenView> t = s.tokens;
  const auto n = static_cast<ptrdiff_t>(t.size());
  auto form = [&](ptrdiff_t d) -> uint64_t {
    ptrdiff_t k = static_cast<ptrdiff_t>(gap) + d;
    if (k < 0) return kBos;
    if (k >= n) return kEos;
    return t[static_cast<size_t>(k)].form;
  };
  auto shape = [&](ptrdiff_t d) -> uint64_t {
    ptrdiff_t k = static_cast<ptrdiff_t>(gap) + d;
    if (k < 0 || k >= n) return kNoShape;
    return t[static_cast<size_t>(k)].shape;
  };
  const uint64_t l = form(0), r = form(1), ll = form(-1), rr = form(2);
  const uint64_t sl = shape(0), sr = shape(1), sll = shape(-1), srr = shape(2);
  const uint64_t space = t[gap + 1].space_before ? 1 : 0;
  const uint64_t first = gap == 0 ? 1 : 0;  // sentence-initial capitals are not names

  Emitter e(out);
  e.Add(0, 0);  // bias
  e.Grouped(kUnigram, kAsLeft, l);
  e.Grouped(kUnigram, kAsRight, r);
  e.Grouped(kUnigram, kAsOuterLeft, ll);
  e.Grouped(kUnigram, kAsOuterRight, rr);
  if (first) e.Grouped(kUnigram, kAsFirstLeft, l);
  e.Grouped(kBigram, kLeftRight, l, r);
  e.Grouped(kBigram, kOuterLeftLeft, ll, l);
  e.Grouped(kBigram, kRightOuterRight, r, rr);
  e.Grouped(kTrigram, kOuterLeftLeftRight, ll, l, r);
  e.Grouped(kTrigram, kLeftRightOuterRight, l, r, rr);
  e.Add(13, sl, sr);
  e.Add(14, sll * 16 + sl, sr * 16 + srr);
  e.Add(15, sl, sr, space);
  e.Add(30, first, sl, sr);
  for (size_t src = 0; src < s.lexicon.sources; ++src) {
    const uint64_t base = 1000 + 100 * src;  // each word list has its own templates
    const LexiconEvidence& norm = s.lexicon.gaps[src][0][gap];
    const LexiconEvidence& folded = s.lexicon.gaps[src][1][gap];
    e.Add(base + 1, norm.covering);
    e.Add(base + 2, norm.ending, norm.starting);
    e.Add(base + 3, norm.covering, norm.ending, norm.starting);
    e.Add(base + 4, folded.covering);
    e.Add(base + 5, folded.covering, folded.ending, folded.starting);
  }
  return e.size();
}

size_t TransitionFeatures(const SentenceFeatures& s, size_t gap, bool prev_join, uint32_t* out) {
  const uint64_t prev = prev_join ? 1 : 0;
  const uint64_t sl = s.tokens[gap].shape, sr = s.tokens[gap + 1].shape;
  Emitter e(out);
  e.Add(100, prev);
  e.Grouped(kUnigram, prev_join ? kAfterJoin : kAfterSplit, s.tokens[gap].form);
  e.Add(102, prev, sl, sr);
  return e.size();
}

}  // namespace bantin::segment
