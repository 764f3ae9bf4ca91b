#include "cli/events_eval_command.h"

#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bantin/env.h"
#include "bantin/event_eval.h"
#include "bantin/extract.h"
#include "cli/common.h"

namespace bantin::cli {
namespace {

struct EvalArgs {
  std::string gold, articles, split = "heldout", model;
  bool errors = false, with_model = false;
  std::vector<std::string> inputs;
};

struct TrainArgs {
  std::string gold, articles, split = "train", out;
  int folds = 0;
  bool errors = false;
  EventTrainOptions options;
  std::vector<std::string> inputs;
};

// The articles to score: those of --split in --articles (with or without gold rows: an article
// where nothing is annotated is scored too), else those the gold file names.
Result<std::set<std::string>> Scope(const EvalArgs& args, const std::set<std::string>& annotated) {
  if (args.articles.empty()) return annotated;
  return SplitIds(args.articles, args.split);
}

// Reads the gold file with `parse`, then calls `score(article, gold)` for each article in scope
// read from the inputs. Returns the exit code.
template <typename Gold, typename Parse, typename Score>
int ForEachAnnotated(const EvalArgs& args, Parse parse, Score score) {
  if (args.errors && args.split == "heldout" && !args.articles.empty()) {
    std::cerr << "bantin: --errors is refused on the held-out split: its errors are never studied "
                 "(score the train split to read errors)\n";
    return 2;
  }
  auto text = Env::Default()->ReadFile(args.gold);
  if (!text) return PrintError(text.error()), 2;
  auto gold = parse(*text, args.gold);
  if (!gold) return PrintError(gold.error()), 2;
  std::set<std::string> annotated;
  for (const auto& [id, rows] : *gold) annotated.insert(id);
  auto scope = Scope(args, annotated);
  if (!scope) return PrintError(scope.error()), 2;
  std::set<std::string> seen;
  const size_t errors = ReadInputs({}, args.inputs, [&](Article a) {
    if (!scope->count(a.id) || !seen.insert(a.id).second) return;
    static const std::vector<Gold> kNone;
    auto it = gold->find(a.id);
    score(a, it == gold->end() ? kNone : it->second);
  });
  if (seen.size() != scope->size()) {
    std::cerr << "bantin: " << scope->size() - seen.size() << " of the " << scope->size()
              << " annotated articles are not in the inputs\n";
    return 1;
  }
  return errors == 0 ? 0 : 1;
}

int RunEvalDates(const EvalArgs& args) {
  auto dates = DateExtractor::Create();
  if (!dates) return PrintError(dates.error()), 2;
  DateScore score;
  std::string errors;
  size_t n = 0;
  int rc = ForEachAnnotated<GoldDate>(args, ParseGoldDates, [&](const Article& a, const std::vector<GoldDate>& gold) {
    score.Add(a, gold, (*dates)->Extract(a.text, a.date), args.errors ? &errors : nullptr);
    ++n;
  });
  if (rc == 2) return rc;
  std::cout << errors << n << " articles\n" << score.Table();
  return rc;
}

int RunEvalEvents(const EvalArgs& args) {
  auto dates = DateExtractor::Create();
  if (!dates) return PrintError(dates.error()), 2;
  auto entities = EntityExtractor::Create();
  if (!entities) return PrintError(entities.error()), 2;
  EventOptions options;
  options.use_model = args.with_model || !args.model.empty();
  if (!args.model.empty()) {
    auto bytes = Env::Default()->ReadFile(args.model);
    if (!bytes) return PrintError(bytes.error()), 2;
    options.model = std::move(*bytes);
  }
  auto events = EventExtractor::Create(options);
  if (!events) return PrintError(events.error()), 2;
  auto score = EventScore::Create();
  if (!score) return PrintError(score.error()), 2;
  std::string errors;
  size_t n = 0;
  int rc = ForEachAnnotated<GoldEvent>(args, ParseGoldEvents, [&](const Article& a, const std::vector<GoldEvent>& gold) {
    std::vector<TimeExpression> d = (*dates)->Extract(a.text, a.date);
    Analysis analysis;
    std::vector<Entity> e = (*entities)->Extract(a, &analysis);
    (*score)->Add(a, gold, (*events)->Extract(a, e, d, &analysis), args.errors ? &errors : nullptr);
    ++n;
  });
  if (rc == 2) return rc;
  std::cout << errors << n << " articles\n" << (*score)->Table();
  return rc;
}

// Scores a model trained on the other folds on each fold of `train`, all folds summed.
Result<std::string> CrossValidate(const std::vector<AnnotatedEvents>& train, const TrainArgs& args) {
  auto dates = DateExtractor::Create();
  if (!dates) return Err(dates.error());
  auto entities = EntityExtractor::Create();
  if (!entities) return Err(entities.error());
  auto score = EventScore::Create();
  if (!score) return Err(score.error());
  std::string errors;
  for (int k = 0; k < args.folds; ++k) {
    std::vector<AnnotatedEvents> rest;
    std::vector<const AnnotatedEvents*> held;
    for (size_t i = 0; i < train.size(); ++i) {
      if (static_cast<int>(i % args.folds) == k) held.push_back(&train[i]);
      else rest.push_back(train[i]);
    }
    auto model = TrainEventModel(rest, args.options);
    if (!model) return Err(model.error());
    EventOptions options;
    options.use_model = true;
    options.model = std::move(*model);
    auto events = EventExtractor::Create(options);
    if (!events) return Err(events.error());
    for (const AnnotatedEvents* x : held) {
      std::vector<TimeExpression> d = (*dates)->Extract(x->article.text, x->article.date);
      Analysis analysis;
      std::vector<Entity> e = (*entities)->Extract(x->article, &analysis);
      (*score)->Add(x->article, x->events, (*events)->Extract(x->article, e, d, &analysis), args.errors ? &errors : nullptr);
    }
  }
  return errors + (*score)->Table();
}

int RunTrainEvents(const TrainArgs& args) {
  EvalArgs scope{args.gold, args.articles, args.split, "", false, false, args.inputs};
  std::vector<AnnotatedEvents> train;
  int rc = ForEachAnnotated<GoldEvent>(scope, ParseGoldEvents, [&](const Article& a, const std::vector<GoldEvent>& gold) {
    train.push_back({a, gold});
  });
  if (rc != 0) return rc;
  if (args.errors && args.split == "heldout") {
    std::cerr << "bantin: --errors is refused on the held-out split: its errors are never studied\n";
    return 2;
  }
  if (args.folds > 1) {
    auto table = CrossValidate(train, args);
    if (!table) return PrintError(table.error()), 2;
    std::cout << args.folds << "-fold cross-validation on " << train.size() << " articles of split \"" << args.split
              << "\"\n" << *table;
  }
  if (args.out.empty()) return 0;
  std::string log;
  auto model = TrainEventModel(train, args.options, &log);
  if (!model) return PrintError(model.error()), 2;
  std::cerr << log;
  if (Status s = WriteFileDurably(Env::Default(), args.out, {*model}); !s.ok()) return PrintError(s), 2;
  std::cerr << "train-events: " << train.size() << " articles -> " << args.out << " (" << model->size() << " bytes)\n";
  return 0;
}

void AddEval(CLI::App* app, const char* name, const char* what, const char* gold_help, int* exit_code,
             int (*run)(const EvalArgs&)) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* c = app->add_subcommand(name, what);
  c->add_option("--gold", args->gold, gold_help)->required();
  c->add_option("--articles", args->articles,
                "score the articles of --split in this list (data/annotations/events-articles.tsv), "
                "also those where nothing is annotated");
  c->add_option("--split", args->split, "the split --articles selects")->capture_default_str();
  if (run == RunEvalEvents) {
    c->add_flag("--with-model", args->with_model, "decide with the built-in event model (default: the lexicon and rules)");
    c->add_option("--model", args->model, "decide with this event model file");
  }
  c->add_flag("--errors", args->errors, "print every miss (-), spurious (+) and wrong field (~); not on the held-out split");
  c->add_option("FILE", args->inputs, "the annotated articles' texts (any input the reader takes)")->required();
  c->callback([args, exit_code, run] { *exit_code = run(*args); });
}

}  // namespace

void AddEventsEvalCommands(CLI::App* app, int* exit_code) {
  AddEval(app, "eval-dates", "Score temporal expressions (overlap and value) against gold ones: P/R/F1 per kind",
          "annotations: article_id TAB begin TAB end TAB value (data/annotations/events-dates.tsv)", exit_code,
          RunEvalDates);
  AddEval(app, "eval-events",
          "Score events against gold ones: fully right share, real-event precision, recall, per CAMEO root",
          "annotations: data/annotations/events.tsv (docs/format.md \"Event annotations\")", exit_code, RunEvalEvents);
  auto train = std::make_shared<TrainArgs>();
  CLI::App* t = app->add_subcommand("train-events", "Train the event model on annotated articles (docs/models.md)");
  t->add_option("--gold", train->gold, "annotations (data/annotations/events.tsv)")->required();
  t->add_option("--articles", train->articles, "the article list with splits (data/annotations/events-articles.tsv)")
      ->required();
  t->add_option("--split", train->split, "train on this split")->capture_default_str();
  t->add_option("--folds", train->folds, "K-fold cross-validation on the split first (K > 1)");
  t->add_flag("--errors", train->errors, "cross-validation: print every miss, spurious event and wrong field");
  t->add_option("--epochs", train->options.epochs, "passes over the examples")->capture_default_str();
  t->add_option("--seed", train->options.seed, "shuffle seed")->capture_default_str();
  t->add_option("--out", train->out, "where to write the model (data/models/events.bem)");
  t->add_option("FILE", train->inputs, "the articles' texts (../shared/data/corpus/*.jsonl.zst)")->required();
  t->callback([train, exit_code] { *exit_code = RunTrainEvents(*train); });
}

}  // namespace bantin::cli
