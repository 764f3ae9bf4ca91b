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
  std::string gold, articles, split = "heldout";
  bool errors = false;
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
  auto events = EventExtractor::Create();
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

void AddEval(CLI::App* app, const char* name, const char* what, const char* gold_help, int* exit_code,
             int (*run)(const EvalArgs&)) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* c = app->add_subcommand(name, what);
  c->add_option("--gold", args->gold, gold_help)->required();
  c->add_option("--articles", args->articles,
                "score the articles of --split in this list (data/annotations/events-articles.tsv), "
                "also those where nothing is annotated");
  c->add_option("--split", args->split, "the split --articles selects")->capture_default_str();
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
}

}  // namespace bantin::cli
