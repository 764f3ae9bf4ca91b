// The entity sequence model: features of a token (shared by training and decoding, so the two
// never disagree), BILOU labels, the model's weights and Viterbi decoding
// (docs/models.md "Entity model"; format: docs/format.md "Entity model").
//
// Labels: 0 = O; for type t (0 PER, 1 LOC, 2 ORG) 1+4t = B, 2+4t = I, 3+4t = L, 4+4t = U.
//
// Thread safety: NerModel is immutable after Parse; Decode is const. Features are stateless.
#ifndef BANTIN_EXTRACT_NER_H_
#define BANTIN_EXTRACT_NER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/analyzer.h"
#include "bantin/extract.h"
#include "bantin/status.h"
#include "extract/clusters.h"
#include "extract/names.h"
#include "segment/flat_table.h"

namespace bantin::extract {

inline constexpr int kLabels = 13;
inline constexpr uint8_t kOutside = 0;
// Bumped whenever ner_features.cc changes what a key means.
inline constexpr uint32_t kNerFeatureVersion = 1;

inline uint8_t Label(EntityType type, int part) {  // part: 0 B, 1 I, 2 L, 3 U
  return static_cast<uint8_t>(1 + 4 * static_cast<int>(type) + part);
}
inline EntityType LabelType(uint8_t label) { return static_cast<EntityType>((label - 1) / 4); }
inline int LabelPart(uint8_t label) { return (label - 1) % 4; }
// Whether `label` may follow `prev` (BILOU; prev == kLabels stands for the sentence start): O, B
// and U after the start, O, L or U; I and L of the same type after B or I.
constexpr bool Allowed(uint8_t prev, uint8_t label) {
  const bool open = prev != kLabels && prev != kOutside && (prev - 1) % 4 <= 1;
  if (label == kOutside) return !open;
  const int part = (label - 1) % 4;
  if (part == 0 || part == 3) return !open;
  return open && (prev - 1) / 4 == (label - 1) / 4;
}

// An entity the rules found, by token range, and which rule found it (a letter: 'g'
// gazetteer, 'h' organisation head, 'a' acronym, 'c' title or honorific cue, 'l' name
// lexicon, 'f' foreign run, 'v' Vietnamese full name, 'p' place cue, 'k' coordination, 'b'
// byline, 'd' the same name elsewhere in the article, 's' surname of a named person).
struct RuleMention {
  uint32_t first_token = 0, end_token = 0;
  EntityType type = EntityType::kPerson;
  char source = 'g';
};

struct NerResources {
  const WordClusters* clusters = nullptr;  // nullptr: no cluster features
  const NameLexicon* names = nullptr;      // nullptr: no lexicon features
  bool rules = true;                       // rule mentions as features
};

// The feature keys of every token of an article: token t's keys are
// keys[offsets[t] .. offsets[t + 1]).
struct NerFeatures {
  std::vector<uint32_t> keys;
  std::vector<uint32_t> offsets;
};
void ArticleFeatures(std::string_view text, const Analysis& a, const std::vector<RuleMention>& rules,
                     const NerResources& resources, NerFeatures* out);

// The token range [first, end) of each sentence of `a`.
std::vector<std::pair<uint32_t, uint32_t>> SentenceTokens(const Analysis& a);

// Weights: one row of kLabels per feature key, and label-to-label transitions.
class NerModel {
 public:
  // The model linked into the binary (data/models/ner.bnm); empty (no model) if the build had none.
  static Result<NerModel> Builtin();
  // Corruption for a bad checksum or structure; Unsupported for another version.
  static Result<NerModel> Parse(std::string_view bytes, std::string_view name);
  // The model file of `rows` (key, kLabels weights) and `transitions` ((kLabels + 1) x kLabels:
  // the last row is the sentence start), quantized to 16 bits; rows whose largest weight is
  // below `prune` times the largest are dropped.
  static std::string Serialize(const std::vector<std::pair<uint32_t, std::array<float, kLabels>>>& rows,
                               const std::vector<float>& transitions, double prune);

  bool empty() const { return rows_.empty(); }
  size_t feature_count() const { return keys_.size(); }
  // Best labels of tokens [first, end) (one per token, into `labels`).
  void Decode(const NerFeatures& f, uint32_t first, uint32_t end, uint8_t* labels) const;

 private:
  std::vector<uint32_t> keys_;
  static constexpr size_t kStride = 16;  // a row's weights padded to 16 (one vector register)
  std::vector<int16_t> rows_;         // kStride per key, the last kStride - kLabels zero
  std::vector<int32_t> transitions_;  // (kLabels + 1) x kLabels
  segment::FlatMap<uint32_t> index_;  // key -> row + 1
};

// Viterbi over per-token label scores `emit` (n x kLabels) and `transitions` as above; writes
// the best allowed labels. T is int32_t or float.
template <typename T>
void Viterbi(const T* emit, size_t n, const T* transitions, uint8_t* labels);

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_NER_H_
