// Near-duplicate reports: a MinHash sketch (Broder 1997) of the article's word 3-shingles
// (folded: case and diacritics removed), made in one pass by one-permutation hashing with
// rotation densification (Li et al. 2012; Shrivastava and Li 2014), and an LSH index over
// bands of the sketch (docs/stories.md, "Near-duplicates").
#ifndef BANTIN_STORIES_FINGERPRINT_H_
#define BANTIN_STORIES_FINGERPRINT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
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

// Sketches of earlier documents. Lookup by 16 bands of 4 values: a pair at resemblance 0.8
// shares a band with probability 1 - (1 - 0.8^4)^16 > 0.9997; candidates are then checked.
class FingerprintIndex {
 public:
  void Add(int64_t doc, const Sketch& sketch);
  // The earliest added document at least kNearDuplicateResemblance like `sketch`, or 0.
  int64_t FindNear(const Sketch& sketch) const;

 private:
  static constexpr size_t kBands = 16, kRows = kSketchSize / kBands;
  static uint64_t BandKey(const Sketch& s, size_t band);
  std::unordered_map<uint64_t, std::vector<uint32_t>> bands_;  // band key -> positions in docs_
  std::vector<std::pair<int64_t, Sketch>> docs_;
};

}  // namespace bantin::stories

#endif  // BANTIN_STORIES_FINGERPRINT_H_
