// Word segmentation: training, evaluating and cross-validating the segmenter model. Segmenting
// text is the Analyzer's job (analyzer.h: Analysis::words, Analyzer::SegmentLine); this header
// is for building and measuring models.
//
//   bantin::SegmenterTrainingOptions o;
//   o.train_files = {"train/vtb.txt"};  o.lexicon_files = {"viet74k.txt"};
//   bantin::Result<std::string> model = bantin::TrainSegmenterModel(o);   // model file bytes
//   auto score = bantin::EvaluateSegmenter(*model, "dev.txt");              // P / R / F1
//
// Gold files hold one sentence a line, words separated by spaces, the syllables of a word
// joined by "_" (VLSP / Viet Treebank convention). Scores count exact word spans.
//
// Thread safety: every function is self-contained; call them from any thread.
#ifndef BANTIN_SEGMENTATION_H_
#define BANTIN_SEGMENTATION_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/env.h"
#include "bantin/status.h"

namespace bantin {

struct SegmentationScore {
  size_t sentences = 0;
  size_t gold_words = 0;
  size_t predicted_words = 0;
  size_t correct_words = 0;
  double precision = 0;  // correct / predicted
  double recall = 0;     // correct / gold
  double f1 = 0;
};

struct SegmenterTrainingOptions {
  std::vector<std::string> train_files;    // gold segmentation files
  std::vector<std::string> lexicon_files;  // word lists, one entry a line
  std::string dev_file;                    // optional: scored after each epoch (log only)
  int epochs = 10;
  uint32_t seed = 20261123;  // fixed: the same inputs give the same model bytes
  int fold_every = 4;        // every Nth sentence also trains without diacritics (0: never)
  int upper_every = 6;       // every Mth sentence also trains in capitals (0: never)
  // Weights smaller than this fraction of the largest are dropped from the model: a smaller
  // model is a faster one (its tables stay in cache) at a cost measured in docs/BENCHMARKS.md.
  double prune = 0.03;
  Env* env = Env::Default();
  std::function<void(std::string_view)> log;  // progress lines; may be empty
};

// Trains a model and returns the bytes of its file (docs/format.md, "Segmenter model").
Result<std::string> TrainSegmenterModel(const SegmenterTrainingOptions& options);

// Scores a model (`model_bytes`; empty for the built-in one) on a gold file.
Result<SegmentationScore> EvaluateSegmenter(std::string_view model_bytes,
                                            const std::string& gold_file,
                                            Env* env = Env::Default());

// K-fold cross-validation over the training files' sentences (fold k holds sentence i when
// i % folds == k): trains on the rest, scores on the fold. One score per fold, then the total.
Result<std::vector<SegmentationScore>> CrossValidateSegmenter(
    const SegmenterTrainingOptions& options, int folds);

}  // namespace bantin

#endif  // BANTIN_SEGMENTATION_H_
