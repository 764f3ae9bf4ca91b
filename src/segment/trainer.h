// Training the word segmenter: an averaged perceptron over gap decisions, trained on gold
// segmentation files with a lexicon from word lists. Deterministic: the same inputs and options
// give the same model bytes (fixed seed, own shuffle, sorted output).
// Thread safety: a Trainer is used by one thread.
#ifndef BANTIN_SEGMENT_TRAINER_H_
#define BANTIN_SEGMENT_TRAINER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "segment/gold.h"
#include "segment/model.h"
#include "segment/segmenter.h"
#include "text/normalizer.h"
#include "text/word_cache.h"

namespace bantin::segment {

struct TrainOptions {
  int epochs = 10;
  uint32_t seed = 20261123;  // the shuffle's seed: fixed so training is reproducible
  // Every Nth training sentence is added once more without diacritics, and every Mth once more
  // in capitals, so the model meets the text users type and the headlines papers print (0: no).
  int fold_every = 4;
  int upper_every = 6;
  double prune = 0.03;  // see SegmenterTrainingOptions::prune
};

class Trainer {
 public:
  Trainer(const text::Normalizer* normalizer, TrainOptions options);
  ~Trainer();

  // Adds the multi-syllable entries of a word list (one entry per line, syllables separated by
  // spaces or "_") as the next lexicon source. Call before AddTraining.
  void AddLexicon(std::string_view content);
  // Adds gold sentences (with the augmented copies the options ask for). Returns how many
  // sentences had a gold boundary inside one of our tokens (they still train on the rest).
  size_t AddTraining(const std::vector<GoldSentence>& sentences);

  // Runs the epochs; after each, `progress` (may be null) sees the epoch and the model so far.
  SegmenterModel Train(const std::function<void(int, const SegmenterModel&)>& progress);

 private:
  struct Example;
  struct Weights;
  std::vector<TokenView> Views(const std::string& text, std::vector<text::Token>* tokens);

  const text::Normalizer* normalizer_;
  TrainOptions options_;
  text::WordCache cache_;
  std::vector<std::pair<uint32_t, uint8_t>> lexicon_entries_;
  size_t lexicon_sources_ = 0;
  Lexicon lexicon_;
  std::vector<Example> examples_;
};

// Scores `segmenter` on `sentences` (each rendered as plain text, tokenized, segmented).
SegmentationScore Evaluate(const Segmenter& segmenter, const text::Normalizer& normalizer,
                           const std::vector<GoldSentence>& sentences);

}  // namespace bantin::segment

#endif  // BANTIN_SEGMENT_TRAINER_H_
