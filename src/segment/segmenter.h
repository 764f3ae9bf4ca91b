// Segmenter: Vietnamese word segmentation over the text layer's tokens.
//
// A word is one or more tokens ("đàm phán", "Thổ Nhĩ Kỳ", "Alexandr Darchiev"). Each gap
// between two adjacent tokens of a sentence is joined or split; a linear model scores a join
// from the gap's features and the previous gap's decision, and Viterbi finds the best sequence
// of decisions (a first-order structured averaged perceptron: Collins, "Discriminative training
// methods for hidden Markov models", EMNLP 2002).
//
// Thread safety: a Segmenter is immutable; Segment() may run on many threads.
#ifndef BANTIN_SEGMENT_SEGMENTER_H_
#define BANTIN_SEGMENT_SEGMENTER_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "bantin/status.h"
#include "segment/features.h"
#include "segment/model.h"
#include "segment/token_view.h"

namespace bantin::segment {

class Segmenter {
 public:
  explicit Segmenter(SegmenterModel model) : model_(std::move(model)) {}
  // The model built into the binary (data/models/segmenter.bnm).
  static Result<std::unique_ptr<Segmenter>> Builtin();
  // A model file written by `bantin train-segmenter`.
  static Result<std::unique_ptr<Segmenter>> Load(std::string_view bytes, std::string_view name);

  // Working memory for Segment(), reused across calls by one thread.
  struct Scratch {
    SentenceFeatures sentence;
    std::vector<uint32_t> keys;
    std::vector<uint8_t> key_counts;
    std::vector<int32_t> base;
  };

  // Sets (*joins)[g] = 1 when gap g (between tokens g and g+1) lies inside a word, else 0;
  // joins->size() == tokens.size() - 1 (0 for an empty sentence). `tokens` is one sentence.
  void Segment(std::span<const TokenView> tokens, std::vector<uint8_t>* joins,
               Scratch* scratch) const;

  const SegmenterModel& model() const { return model_; }

  // The best decisions for a sentence given a scorer of (gap, prev_join) -> join score, where
  // a split scores 0. Shared with training, which decodes with its own weights.
  template <typename JoinScore>
  static void Decode(size_t gaps, JoinScore join_score, std::vector<uint8_t>* joins);

 private:
  SegmenterModel model_;
};

template <typename JoinScore>
void Segmenter::Decode(size_t gaps, JoinScore join_score, std::vector<uint8_t>* joins) {
  joins->assign(gaps, 0);
  if (gaps == 0) return;
  // best[s]: score of the best decisions for gaps 0..g ending in state s (0 split, 1 join).
  std::vector<uint8_t> back(2 * gaps);  // back[2g + s]: the state of gap g-1 on that path
  double best[2] = {0, join_score(0, false)};
  for (size_t g = 1; g < gaps; ++g) {
    double from_split = join_score(g, false), from_join = join_score(g, true);
    double next[2];
    next[0] = std::max(best[0], best[1]);
    back[2 * g] = best[1] > best[0] ? 1 : 0;
    next[1] = std::max(best[0] + from_split, best[1] + from_join);
    back[2 * g + 1] = best[1] + from_join > best[0] + from_split ? 1 : 0;
    best[0] = next[0];
    best[1] = next[1];
  }
  uint8_t state = best[1] > best[0] ? 1 : 0;
  for (size_t g = gaps; g-- > 0;) {
    (*joins)[g] = state;
    state = back[2 * g + state];
  }
}

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_SEGMENTER_H_
