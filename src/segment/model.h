// SegmenterModel: the trained weights of the word segmenter and its lexicon, and their file
// format (docs/format.md, "Segmenter model"). A model is immutable once built or parsed.
// Thread safety: const methods are safe to call concurrently.
#ifndef BANTIN_SEGMENT_MODEL_H_
#define BANTIN_SEGMENT_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bantin/status.h"
#include "segment/flat_table.h"
#include "segment/lexicon.h"

namespace bantin::segment {

// Model file history: 1 = first format (2026-11).
inline constexpr uint32_t kModelFormatVersion = 1;
// Bumped whenever features.cc changes what a key means; a model trained with other features is
// refused rather than silently misread.
inline constexpr uint32_t kFeatureVersion = 1;

class SegmenterModel {
 public:
  // Quantizes `weights` (feature key -> weight) to 16 bits, dropping those whose magnitude is
  // below `prune` times the largest.
  static SegmenterModel Build(const std::vector<std::pair<uint32_t, float>>& weights,
                              std::vector<std::pair<uint32_t, uint8_t>> lexicon_entries,
                              size_t lexicon_sources,
                              double prune = 0);
  // Parses a model file; `name` is used in errors. Corruption when the checksum or structure is
  // wrong; Unsupported for another format or feature version.
  static Result<SegmenterModel> Parse(std::string_view bytes, std::string_view name);
  std::string Serialize() const;

  // Sum of the weights of `keys`: > 0 means join.
  int32_t Score(const uint32_t* keys, size_t n) const {
    int32_t sum = 0;
    for (size_t i = 0; i < n; ++i) sum += weights_.Find(keys[i]);
    return sum;
  }
  void Prefetch(uint32_t key) const { weights_.Prefetch(key); }
  const Lexicon& lexicon() const { return lexicon_; }
  size_t feature_count() const { return keys_.size(); }
  size_t memory_bytes() const { return weights_.memory_bytes() + lexicon_.memory_bytes(); }

 private:
  void Index();

  std::vector<uint32_t> keys_;  // sorted
  std::vector<int16_t> values_;
  FlatMap<int16_t> weights_;
  Lexicon lexicon_;
};

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_MODEL_H_
