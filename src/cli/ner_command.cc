#include "cli/ner_command.h"

#include <array>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "bantin/env.h"
#include "bantin/extract.h"
#include "bantin/ner.h"
#include "bantin/reader.h"
#include "cli/common.h"

namespace bantin::cli {
namespace {

using Span = std::tuple<uint32_t, uint32_t, std::string>;
// type ("PER", …, "all") -> (right, found, gold)
using Counts = std::map<std::string, std::array<size_t, 3>>;

struct Annotated {
  std::map<std::string, std::vector<GoldMention>> gold;
  std::vector<AnnotatedArticle> articles;  // in the order the inputs hold them
};

// The gold mentions of `gold_path` (only articles of `split` in `articles_path`, when given)
// and those articles read from `inputs`. Prints errors; false on any.
bool LoadAnnotated(const std::string& gold_path, const std::string& articles_path, const std::string& split,
                   const std::vector<std::string>& inputs, Annotated* out) {
  auto text = Env::Default()->ReadFile(gold_path);
  if (!text) return PrintError(text.error()), false;
  auto parsed = ParseGoldMentions(*text, gold_path);
  if (!parsed) return PrintError(parsed.error()), false;
  std::optional<std::set<std::string>> keep;
  if (!articles_path.empty()) {
    auto ids = SplitIds(articles_path, split);
    if (!ids) return PrintError(ids.error()), false;
    keep = std::move(*ids);
  }
  for (auto& [id, mentions] : *parsed) {
    if (!keep || keep->count(id)) out->gold[id] = std::move(mentions);
  }
  // Articles with no mention at all are annotated too: they come from the split's list.
  if (keep) {
    for (const std::string& id : *keep) out->gold.emplace(id, std::vector<GoldMention>());
  }
  const size_t errors = ReadInputs({}, inputs, [&](Article a) {
    auto it = out->gold.find(a.id);
    if (it != out->gold.end()) out->articles.push_back({std::move(a), it->second});
  });
  return errors == 0;
}

// Scores `x` on `articles`; with `errors`, prints each missed ("-") and spurious ("+") mention.
void Score(EntityExtractor& x, const std::vector<AnnotatedArticle>& articles, Counts* counts, bool errors = false) {
  for (const AnnotatedArticle& a : articles) {
    std::set<Span> gold, found;
    for (const GoldMention& m : a.mentions) gold.emplace(m.begin, m.end, std::string(EntityTypeName(m.type)));
    for (const Entity& e : x.Extract(a.article)) found.emplace(e.begin, e.end, std::string(EntityTypeName(e.type)));
    if (errors) {
      auto show = [&](char sign, const Span& s) {
        const auto [b, e, t] = s;
        const std::string& text = a.article.text;
        const size_t from = b >= 30 ? b - 30 : 0;
        std::string context = text.substr(from, std::min<size_t>(text.size(), e + 30) - from);
        for (char& c : context) c = c == '\n' ? ' ' : c;
        std::cout << sign << ' ' << t << '\t' << text.substr(b, e - b) << "\t" << a.article.id << "\t" << context << "\n";
      };
      for (const Span& g : gold) if (!found.count(g)) show('-', g);
      for (const Span& f : found) if (!gold.count(f)) show('+', f);
    }
    for (const Span& g : gold) {
      for (const std::string& k : {std::get<2>(g), std::string("all")}) {
        ++(*counts)[k][2];
        if (found.count(g)) ++(*counts)[k][0];
      }
    }
    for (const Span& f : found) ++(*counts)[std::get<2>(f)][1], ++(*counts)["all"][1];
  }
}

void PrintCounts(const Counts& counts) {
  for (const auto& [type, c] : counts) {
    double p = c[1] ? 100.0 * c[0] / c[1] : 0, r = c[2] ? 100.0 * c[0] / c[2] : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    std::printf("%-4s P %5.1f  R %5.1f  F1 %5.1f  (%zu gold, %zu found, %zu right)\n", type.c_str(), p, r, f1, c[2],
                c[1], c[0]);
  }
}

struct EvalArgs {
  std::string gold, articles, split = "heldout", model;
  bool rules_only = false, consistency = false, errors = false;
  std::vector<std::string> inputs;
};

Result<std::unique_ptr<EntityExtractor>> Extractor(const std::string& model_path, bool rules_only, bool consistency) {
  EntityOptions o;
  o.use_model = !rules_only;
  o.document_consistency = consistency;
  if (!model_path.empty()) {
    auto bytes = Env::Default()->ReadFile(model_path);
    if (!bytes) return Err(bytes.error());
    o.model = std::move(*bytes);
  }
  return EntityExtractor::Create(o);
}

int RunEval(const EvalArgs& args) {
  Annotated data;
  if (!LoadAnnotated(args.gold, args.articles, args.split, args.inputs, &data)) return 2;
  auto x = Extractor(args.model, args.rules_only, args.consistency);
  if (!x) return PrintError(x.error()), 2;
  Counts counts;
  Score(**x, data.articles, &counts, args.errors);
  std::cout << data.articles.size() << " of " << data.gold.size() << " annotated articles found in the inputs\n";
  PrintCounts(counts);
  return data.articles.size() == data.gold.size() ? 0 : 1;
}

struct TrainArgs {
  std::string gold, articles, split = "train", out;
  uint32_t folds = 0;
  NerTrainOptions options;
  bool no_clusters = false, no_rules = false, consistency = false;
  std::vector<std::string> inputs;
};

int RunTrain(TrainArgs args) {
  Annotated data;
  if (!LoadAnnotated(args.gold, args.articles, args.split, args.inputs, &data)) return 2;
  if (data.articles.size() != data.gold.size()) {
    PrintError(Status::NotFound(args.gold, std::to_string(data.gold.size() - data.articles.size()) +
                                               " annotated articles are not in the inputs"));
    return 2;
  }
  args.options.clusters = !args.no_clusters;
  args.options.rules = !args.no_rules;
  if (args.folds > 1) {  // cross-validation: article k is in fold k % folds
    Counts counts;
    for (uint32_t fold = 0; fold < args.folds; ++fold) {
      std::vector<AnnotatedArticle> train, test;
      for (size_t k = 0; k < data.articles.size(); ++k) (k % args.folds == fold ? test : train).push_back(data.articles[k]);
      auto model = TrainEntityModel(train, args.options, nullptr);
      if (!model) return PrintError(model.error()), 2;
      EntityOptions o;
      o.model = *model;
      o.document_consistency = args.consistency;
      auto x = EntityExtractor::Create(o);
      if (!x) return PrintError(x.error()), 2;
      Score(**x, test, &counts);
      std::cerr << "fold " << fold + 1 << " of " << args.folds << " done\n";
    }
    std::cout << args.folds << "-fold cross-validation over " << data.articles.size() << " articles\n";
    PrintCounts(counts);
  }
  if (args.out.empty()) return 0;
  std::string log;
  auto model = TrainEntityModel(data.articles, args.options, &log);
  if (!model) return PrintError(model.error()), 2;
  std::cerr << log;
  if (Status s = WriteFileDurably(Env::Default(), args.out, {*model}); !s.ok()) return PrintError(s), 2;
  std::cerr << "train-ner: " << model->size() << " bytes -> " << args.out << "\n";
  return 0;
}

struct ClusterArgs {
  std::string out;
  ClusterLearnerOptions options;
  std::vector<std::string> inputs;
};

int RunTrainClusters(const ClusterArgs& args) {
  auto learner = ClusterLearner::Create();
  if (!learner) return PrintError(learner.error()), 2;
  size_t n = 0;
  if (ReadInputs({}, args.inputs, [&](Article a) {
        (*learner)->Add(a);
        ++n;
      }) > 0) {
    return 1;  // clusters of part of the corpus would not be the ones asked for
  }
  std::string log;
  const std::string model = (*learner)->Train(args.options, &log);
  std::cerr << log;
  if (Status s = WriteFileDurably(Env::Default(), args.out, {model}); !s.ok()) return PrintError(s), 2;
  std::cerr << "train-clusters: " << n << " articles -> " << args.out << "\n";
  return 0;
}

}  // namespace

void AddNerCommands(CLI::App* app, int* exit_code) {
  auto eval = std::make_shared<EvalArgs>();
  CLI::App* ev = app->add_subcommand(
      "eval-entities", "Score entities (exact span and type) against gold spans: P/R/F1 per type");
  ev->add_option("--gold", eval->gold, "annotations: article_id TAB begin TAB end TAB PER|LOC|ORG")->required();
  ev->add_option("--articles", eval->articles, "score only the articles of --split in this list (ner-articles.tsv)");
  ev->add_option("--split", eval->split, "the split --articles selects")->capture_default_str();
  ev->add_option("--model", eval->model, "an entity model file (default: the built-in one)");
  ev->add_flag("--rules-only", eval->rules_only, "the rules alone, no model");
  ev->add_flag("--consistency", eval->consistency, "document-level consistency after the model (ablation)");
  ev->add_flag("--errors", eval->errors, "print every missed (-) and spurious (+) mention with its context");
  ev->add_option("FILE", eval->inputs, "the annotated articles' texts (any input the reader takes)");
  ev->callback([eval, exit_code] { *exit_code = RunEval(*eval); });

  auto train = std::make_shared<TrainArgs>();
  CLI::App* tr = app->add_subcommand("train-ner", "Train the entity model on annotated articles (docs/models.md)");
  tr->add_option("--gold", train->gold, "annotations (data/annotations/ner-entities.tsv)")->required();
  tr->add_option("--articles", train->articles, "the article list with splits (data/annotations/ner-articles.tsv)")
      ->required();
  tr->add_option("--split", train->split, "train on this split")->capture_default_str();
  tr->add_option("--folds", train->folds, "K-fold cross-validation on the split first (K > 1)");
  tr->add_option("--out", train->out, "where to write the model (data/models/ner.bnm)");
  tr->add_option("--epochs", train->options.epochs, "passes over the sentences")->capture_default_str();
  tr->add_option("--seed", train->options.seed, "shuffle seed")->capture_default_str();
  tr->add_option("--prune", train->options.prune, "drop rows below this share of the largest weight")
      ->capture_default_str();
  tr->add_flag("--no-clusters", train->no_clusters, "without word-cluster features (ablation)");
  tr->add_flag("--no-rules", train->no_rules, "without the rules' entities as features (ablation)");
  tr->add_flag("--consistency", train->consistency, "cross-validation: with document consistency (ablation)");
  tr->add_option("FILE", train->inputs, "the articles' texts (../shared/data/corpus/*.jsonl.zst)")->required();
  tr->callback([train, exit_code] { *exit_code = RunTrain(*train); });

  auto clusters = std::make_shared<ClusterArgs>();
  CLI::App* tc = app->add_subcommand("train-clusters", "Learn word clusters from raw news (docs/models.md)");
  tc->add_option("--out", clusters->out, "where to write them (data/models/clusters.tsv)")->required();
  tc->add_option("--coarse", clusters->options.coarse, "classes, coarse")->capture_default_str();
  tc->add_option("--fine", clusters->options.fine, "classes, fine")->capture_default_str();
  tc->add_option("--min-count", clusters->options.min_count, "rarer words are not clustered")->capture_default_str();
  tc->add_option("--max-words", clusters->options.max_words, "cluster at most this many words")->capture_default_str();
  tc->add_option("--passes", clusters->options.passes, "exchange passes")->capture_default_str();
  tc->add_option("FILE", clusters->inputs, "the corpus (any input the reader takes)")->required();
  tc->callback([clusters, exit_code] { *exit_code = RunTrainClusters(*clusters); });
}

}  // namespace bantin::cli
