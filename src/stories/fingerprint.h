// Near-duplicate reports: a MinHash sketch (Broder 1997) of the article's word 3-shingles
// (folded: case and diacritics removed), made in one pass by one-permutation hashing with
// rotation densification (Li et al. 2012; Shrivastava and Li 2014), and an LSH index over
// bands of the sketch, kept in the store (docs/stories.md, "Near-duplicates").
#ifndef BANTIN_STORIES_FINGERPRINT_H_
#define BANTIN_STORIES_FINGERPRINT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bantin::stories {

inline constexpr size_t kSketchSize = 64;  // 32-bit values
using Sketch = std::array<uint32_t, kSketchSize>;

// Two reports are near-duplicates when the estimated Jaccard resemblance of their shingle sets
// is at least this (52 of 64 sketch values equal).
inline constexpr double kNearDuplicateResemblance = 0.8;

// The sketch of folded text (text::Normalizer::Fold output): every run of letters and digits
// is a word, every three consecutive words a shingle (a text under three words: its words).
// All zero for a text without words.
Sketch MinHash(std::string_view folded);
// The share of equal values: an estimate of the Jaccard resemblance.
double Resemblance(const Sketch& a, const Sketch& b);
// 256 bytes, values little-endian; Parse fails on any other length.
std::string EncodeSketch(const Sketch& s);
bool ParseSketch(std::string_view bytes, Sketch* out);

// The near-duplicate lookup: 16 bands of 4 values, each hashed to a key (32 bits: a collision
// only adds a candidate, which is then checked). A pair at resemblance 0.8 shares a band with
// probability 1 - (1 - 0.8^4)^16 > 0.9997.
inline constexpr size_t kBands = 16;
std::array<uint32_t, kBands> BandKeys(const Sketch& s);

}  // namespace bantin::stories

#endif  // BANTIN_STORIES_FINGERPRINT_H_
