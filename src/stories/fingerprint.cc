#include "stories/fingerprint.h"

#include <algorithm>

#include <xxhash.h>

#include "stories/words.h"

namespace bantin::stories {

Sketch MinHash(std::string_view folded) {
  Sketch s;
  s.fill(UINT32_MAX);
  std::vector<std::string_view> words = FoldedWords(folded);
  if (words.empty()) {
    s.fill(0);
    return s;
  }
  const size_t n = words.size() < 3 ? 1 : words.size() - 2;
  bool any[kSketchSize] = {};
  for (size_t i = 0; i < n; ++i) {
    uint64_t h = 0;
    for (size_t j = 0; j < std::min<size_t>(3, words.size() - i); ++j) {
      h = XXH3_64bits_withSeed(words[i + j].data(), words[i + j].size(), h + j);
    }
    const size_t bin = h >> 58;  // one permutation, 64 bins by the top 6 bits
    const uint32_t value = static_cast<uint32_t>(h >> 26);
    s[bin] = std::min(s[bin], value);
    any[bin] = true;
  }
  // Densification: an empty bin takes the next non-empty bin's value (circularly), changed by
  // the distance so that two sketches agree there only if they agree on that bin.
  Sketch dense = s;
  for (size_t b = 0; b < kSketchSize; ++b) {
    if (any[b]) continue;
    for (size_t d = 1; d < kSketchSize; ++d) {
      const size_t from = (b + d) % kSketchSize;
      if (any[from]) {
        dense[b] = static_cast<uint32_t>(XXH3_64bits_withSeed(&s[from], sizeof(uint32_t), d));
        break;
      }
    }
  }
  return dense;
}

double Resemblance(const Sketch& a, const Sketch& b) {
  size_t same = 0;
  for (size_t i = 0; i < kSketchSize; ++i) same += a[i] == b[i] ? 1 : 0;
  return static_cast<double>(same) / kSketchSize;
}

std::string EncodeSketch(const Sketch& s) {
  std::string out(4 * kSketchSize, '\0');
  for (size_t i = 0; i < kSketchSize; ++i) {
    for (int b = 0; b < 4; ++b) out[4 * i + b] = static_cast<char>(s[i] >> (8 * b));
  }
  return out;
}

bool ParseSketch(std::string_view bytes, Sketch* out) {
  if (bytes.size() != 4 * kSketchSize) return false;
  for (size_t i = 0; i < kSketchSize; ++i) {
    uint32_t v = 0;
    for (int b = 0; b < 4; ++b) v |= uint32_t{static_cast<unsigned char>(bytes[4 * i + b])} << (8 * b);
    (*out)[i] = v;
  }
  return true;
}

std::array<uint32_t, kBands> BandKeys(const Sketch& s) {
  constexpr size_t kRows = kSketchSize / kBands;
  std::array<uint32_t, kBands> keys;
  for (size_t b = 0; b < kBands; ++b) {
    keys[b] = static_cast<uint32_t>(XXH3_64bits_withSeed(&s[b * kRows], kRows * sizeof(uint32_t), b) >> 32);
  }
  return keys;
}

}  // namespace bantin::stories
