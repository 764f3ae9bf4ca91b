// The public training / evaluation API (bantin/segmentation.h) over the segment module.
#include "bantin/segmentation.h"

#include "segment/trainer.h"

namespace bantin {
namespace {

SegmentationScore ToPublic(const segment::SegmentationScore& s) {
  SegmentationScore out;
  out.sentences = s.sentences;
  out.gold_words = s.gold_words;
  out.predicted_words = s.predicted_words;
  out.correct_words = s.correct_words;
  out.precision = s.precision();
  out.recall = s.recall();
  out.f1 = s.f1();
  return out;
}

Result<std::vector<segment::GoldSentence>> ReadGold(Env* env, const std::string& path) {
  auto content = env->ReadFile(path);
  if (!content) return Err(content.error());
  std::vector<segment::GoldSentence> gold = segment::ParseGold(*content);
  if (gold.empty()) return Err(Status::InvalidArgument(path, "no sentences in gold file"));
  return gold;
}

// All sentences of `paths`, in order.
Result<std::vector<segment::GoldSentence>> ReadGoldFiles(Env* env,
                                                         const std::vector<std::string>& paths) {
  std::vector<segment::GoldSentence> all;
  for (const std::string& path : paths) {
    auto gold = ReadGold(env, path);
    if (!gold) return Err(gold.error());
    all.insert(all.end(), gold->begin(), gold->end());
  }
  return all;
}

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", 100 * v);
  return buf;
}

// Trains on `train` with the options' lexicon; logs dev scores per epoch when `dev` is given.
Result<segment::SegmenterModel> Train(const SegmenterTrainingOptions& options,
                                      const text::Normalizer& normalizer,
                                      const std::vector<segment::GoldSentence>& train,
                                      const std::vector<segment::GoldSentence>* dev) {
  segment::TrainOptions t;
  t.epochs = options.epochs;
  t.seed = options.seed;
  t.fold_every = options.fold_every;
  t.upper_every = options.upper_every;
  t.prune = options.prune;
  segment::Trainer trainer(&normalizer, t);
  for (const std::string& path : options.lexicon_files) {
    auto content = options.env->ReadFile(path);
    if (!content) return Err(content.error());
    trainer.AddLexicon(*content);
  }
  size_t unrepresentable = trainer.AddTraining(train);
  if (options.log) {
    options.log(std::to_string(train.size()) + " training sentences (" +
                std::to_string(unrepresentable) +
                " with a gold boundary inside a token, kept for their other gaps)");
  }
  auto progress = [&](int epoch, const segment::SegmenterModel& m) {
    if (!options.log) return;
    std::string line = "epoch " + std::to_string(epoch) + ": " +
                       std::to_string(m.feature_count()) + " features";
    if (dev != nullptr) {
      segment::Segmenter s(m);
      line += ", dev F1 " + Percent(segment::Evaluate(s, normalizer, *dev).f1());
    }
    options.log(line);
  };
  return trainer.Train(progress);
}

}  // namespace

Result<std::string> TrainSegmenterModel(const SegmenterTrainingOptions& options) {
  if (options.train_files.empty()) {
    return Err(Status::InvalidArgument("train-segmenter", "no training files"));
  }
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto train = ReadGoldFiles(options.env, options.train_files);
  if (!train) return Err(train.error());
  std::vector<segment::GoldSentence> dev;
  if (!options.dev_file.empty()) {
    auto gold = ReadGold(options.env, options.dev_file);
    if (!gold) return Err(gold.error());
    dev = std::move(*gold);
  }
  auto model = Train(options, **normalizer, *train, dev.empty() ? nullptr : &dev);
  if (!model) return Err(model.error());
  return model->Serialize();
}

Result<SegmentationScore> EvaluateSegmenter(std::string_view model_bytes,
                                            const std::string& gold_file, Env* env) {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto segmenter = model_bytes.empty() ? segment::Segmenter::Builtin()
                                       : segment::Segmenter::Load(model_bytes, "model");
  if (!segmenter) return Err(segmenter.error());
  auto gold = ReadGold(env, gold_file);
  if (!gold) return Err(gold.error());
  return ToPublic(segment::Evaluate(**segmenter, **normalizer, *gold));
}

Result<std::vector<SegmentationScore>> CrossValidateSegmenter(
    const SegmenterTrainingOptions& options, int folds) {
  if (folds < 2) return Err(Status::InvalidArgument("--folds", "needs at least 2 folds"));
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto read = ReadGoldFiles(options.env, options.train_files);
  if (!read) return Err(read.error());
  const std::vector<segment::GoldSentence>& all = *read;
  std::vector<SegmentationScore> scores;
  segment::SegmentationScore total;
  for (int k = 0; k < folds; ++k) {
    std::vector<segment::GoldSentence> train, test;
    for (size_t i = 0; i < all.size(); ++i) {
      (static_cast<int>(i % folds) == k ? test : train).push_back(all[i]);
    }
    SegmenterTrainingOptions quiet = options;
    quiet.log = nullptr;
    auto model = Train(quiet, **normalizer, train, nullptr);
    if (!model) return Err(model.error());
    segment::Segmenter s(std::move(*model));
    segment::SegmentationScore fold = segment::Evaluate(s, **normalizer, test);
    if (options.log) {
      options.log("fold " + std::to_string(k + 1) + "/" + std::to_string(folds) + ": F1 " +
                  Percent(fold.f1()));
    }
    total.sentences += fold.sentences;
    total.gold_words += fold.gold_words;
    total.predicted_words += fold.predicted_words;
    total.correct_words += fold.correct_words;
    scores.push_back(ToPublic(fold));
  }
  scores.push_back(ToPublic(total));
  return scores;
}

}  // namespace bantin
