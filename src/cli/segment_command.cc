#include "cli/segment_command.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bantin/analyzer.h"
#include "bantin/segmentation.h"
#include "cli/common.h"

namespace bantin::cli {
namespace {

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", 100 * v);
  return buf;
}

void PrintScore(const std::string& label, const SegmentationScore& s) {
  std::cout << label << ": P " << Percent(s.precision) << "  R " << Percent(s.recall) << "  F1 "
            << Percent(s.f1) << "  (" << s.sentences << " sentences, " << s.gold_words
            << " gold words, " << s.predicted_words << " predicted, " << s.correct_words
            << " correct)\n";
}

struct SegmentArgs {
  std::string model;
  std::string input = "-";
};

int RunSegment(const SegmentArgs& args) {
  AnalyzerOptions options;
  options.segmenter_model = args.model;
  auto analyzer = Analyzer::Create(options);
  if (!analyzer) {
    PrintError(analyzer.error());
    return 2;
  }
  return ForEachLine(args.input, [&](std::string_view line, bool /*last*/) {
    std::cout << (*analyzer)->SegmentLine(line) << "\n";
  });
}

struct TrainArgs {
  SegmenterTrainingOptions options;
  std::string out;
  int folds = 0;
};

int RunTrain(TrainArgs& args) {
  args.options.log = [](std::string_view line) { std::cerr << line << "\n"; };
  if (args.folds > 0) {
    auto scores = CrossValidateSegmenter(args.options, args.folds);
    if (!scores) {
      PrintError(scores.error());
      return 2;
    }
    for (size_t k = 0; k + 1 < scores->size(); ++k) {
      PrintScore("fold " + std::to_string(k + 1), (*scores)[k]);
    }
    PrintScore("cross-validation (" + std::to_string(args.folds) + " folds, pooled)", scores->back());
    return 0;
  }
  if (args.out.empty()) {
    std::cerr << "bantin: train-segmenter: --out is required (or --folds for cross-validation)\n";
    return 2;
  }
  auto model = TrainSegmenterModel(args.options);
  if (!model) {
    PrintError(model.error());
    return 2;
  }
  if (Status s = WriteFileDurably(Env::Default(), args.out, {*model}); !s.ok()) {
    PrintError(s);
    return 2;
  }
  std::cerr << "wrote " << args.out << " (" << model->size() << " bytes)\n";
  return 0;
}

struct EvalArgs {
  std::string model;
  std::vector<std::string> gold;
};

int RunEval(const EvalArgs& args) {
  std::string bytes;
  if (!args.model.empty()) {
    auto m = Env::Default()->ReadFile(args.model);
    if (!m) {
      PrintError(m.error());
      return 2;
    }
    bytes = std::move(*m);
  }
  int exit_code = 0;
  for (const std::string& gold : args.gold) {
    auto score = EvaluateSegmenter(bytes, gold);
    if (!score) {
      PrintError(score.error());
      exit_code = 2;
      continue;
    }
    PrintScore(gold, *score);
  }
  return exit_code;
}

}  // namespace

void AddSegmentCommands(CLI::App* app, int* exit_code) {
  auto seg = std::make_shared<SegmentArgs>();
  CLI::App* s = app->add_subcommand(
      "segment",
      "Segment one sentence per line into words: words separated by spaces, the syllables of a "
      "word joined by _ (the training files' format)");
  s->add_option("--model", seg->model, "segmenter model file (default: the built-in model)");
  s->add_option("FILE", seg->input, "input file, or - for standard input")->capture_default_str();
  s->callback([seg, exit_code] { *exit_code = RunSegment(*seg); });

  auto train = std::make_shared<TrainArgs>();
  CLI::App* t = app->add_subcommand(
      "train-segmenter",
      "Train a word segmentation model from gold files (the same inputs give the same bytes)");
  t->add_option("--train", train->options.train_files, "gold segmentation files")->required();
  t->add_option("--lexicon", train->options.lexicon_files, "word lists, one entry a line");
  t->add_option("--dev", train->options.dev_file, "gold file scored after each epoch");
  t->add_option("--out", train->out, "where to write the model");
  t->add_option("--epochs", train->options.epochs, "training epochs")->capture_default_str();
  t->add_option("--seed", train->options.seed, "shuffle seed")->capture_default_str();
  t->add_option("--fold-every", train->options.fold_every,
                "also train every Nth sentence without diacritics (0: never)")
      ->capture_default_str();
  t->add_option("--prune", train->options.prune,
                "drop weights below this fraction of the largest")
      ->capture_default_str();
  t->add_option("--upper-every", train->options.upper_every,
                "also train every Nth sentence in capitals (0: never)")
      ->capture_default_str();
  t->add_option("--folds", train->folds,
                "instead of writing a model, cross-validate over the training files with K folds");
  t->callback([train, exit_code] { *exit_code = RunTrain(*train); });

  auto eval = std::make_shared<EvalArgs>();
  CLI::App* e = app->add_subcommand(
      "eval-segmenter", "Print precision, recall and F1 (word spans) of a model on gold files");
  e->add_option("--model", eval->model, "model file (default: the built-in model)");
  e->add_option("GOLD", eval->gold, "gold segmentation files")->required();
  e->callback([eval, exit_code] { *exit_code = RunEval(*eval); });
}

}  // namespace bantin::cli
