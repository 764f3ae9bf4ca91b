#include "cli/extract_command.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <tuple>
#include <memory>
#include <string>
#include <vector>


#include "bantin/extract.h"
#include "bantin/json.h"
#include "bantin/reader.h"
#include "cli/common.h"

namespace bantin::cli {
namespace {


struct ExtractArgs {
  std::string date;
  bool json = false;
  bool rules_only = false;
  bool event_model = false;
  std::vector<std::string> inputs;
};

int RunExtract(const ExtractArgs& args) {
  auto extractor = DateExtractor::Create();
  if (!extractor) {
    PrintError(extractor.error());
    return 2;
  }
  EntityOptions entity_options;
  entity_options.use_model = !args.rules_only;
  auto entity_extractor = EntityExtractor::Create(entity_options);
  if (!entity_extractor) {
    PrintError(entity_extractor.error());
    return 2;
  }
  EventOptions event_options;
  event_options.use_model = args.event_model;
  auto event_extractor = EventExtractor::Create(event_options);
  if (!event_extractor) {
    PrintError(event_extractor.error());
    return 2;
  }
  ReaderOptions options;
  if (!ParseDateOption("--date", args.date, &options.default_date)) return 2;
  auto on_article = [&](Article a) {
    std::vector<TimeExpression> dates = (*extractor)->Extract(a.text, a.date);
    Analysis analysis;
    std::vector<Entity> entities = (*entity_extractor)->Extract(a, &analysis);
    std::vector<Event> events = (*event_extractor)->Extract(a, entities, dates, &analysis);
    if (args.json) {
      std::cout << json::Line(json::ExtractionJson(a, entities, dates, events)) << "\n";
      return;
    }
    std::cout << a.id << " (" << (a.date ? a.date->ToString() : "no date") << ")\n";
    for (const Entity& e : entities) {
      std::cout << "  " << e.begin << "-" << e.end << "  " << EntityTypeName(e.type) << "  " << e.text;
      if (e.canonical != e.text) std::cout << "  =  " << e.canonical;
      if (!e.role.empty()) std::cout << "  (" << e.role << ")";
      std::cout << "\n";
    }
    for (const Event& e : events) {
      std::cout << "  event " << e.code << " " << e.label << ": " << e.source << " -> "
                << (e.target.empty() ? "-" : e.target) << (e.status == "happened" ? "" : " (" + e.status + ")") << "  "
                << (e.date.empty() ? "(no date)" : e.date) << (e.place.empty() ? "" : "  at " + e.place)
                << "  [" << e.sentence_begin << "," << e.sentence_end << ")\n";
    }
    for (const TimeExpression& e : dates) {
      std::cout << "  " << e.begin << "-" << e.end << "  " << e.text << "  ->  "
                << (e.value.empty() ? "(unresolved)" : e.value) << "\n";
    }
  };
  const size_t errors = ReadInputs(options, args.inputs, on_article);
  std::cout.flush();
  return errors == 0 ? 0 : 1;
}

}  // namespace

void AddExtractCommand(CLI::App* app, int* exit_code) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app->add_subcommand(
      "extract",
      "Read articles (as analyze does) and print the people, places and organisations they "
      "name (canonical names, roles) and every date expression with its value resolved against "
      "the article's date, and events (CAMEO root code, actors, date, place, sentence), all with "
      "byte offsets");
  cmd->add_option("--date", args->date, "date (YYYY-MM-DD) for articles that name none");
  cmd->add_flag("--json", args->json,
                "one JSON object per article: {\"id\", \"date\", \"entities\", \"dates\", \"events\"}");
  cmd->add_flag("--rules-only", args->rules_only, "entities from the rules alone, without the entity model");
  cmd->add_flag("--event-model", args->event_model,
                "events decided by the learned event model (more often fully right and more precise "
                "on held-out news, fewer found; docs/BENCHMARKS.md \"Events\") instead of the rules");
  cmd->add_option("FILE", args->inputs, "inputs (default: standard input)");
  cmd->callback([args, exit_code] { *exit_code = RunExtract(*args); });
}

struct TrainNamesArgs {
  std::string out;
  uint32_t min_docs = 3, min_surname = 20;
  double min_share = 0.8, min_capitalized = 0.8;
  std::vector<std::string> inputs;
};

int RunTrainNames(const TrainNamesArgs& args) {
  auto learner = NameLearner::Create();
  if (!learner) {
    PrintError(learner.error());
    return 2;
  }
  size_t n = 0;
  size_t errors = ReadInputs(ReaderOptions(), args.inputs, [&](Article a) {
    (*learner)->Add(a);
    ++n;
  });
  if (errors > 0) return 1;  // a lexicon from part of the corpus would not be the one asked for
  ReadInputs(ReaderOptions(), args.inputs, [&](Article a) { (*learner)->Count(a); });
  const std::string model = (*learner)->Model(args.min_docs, args.min_share, args.min_surname, args.min_capitalized);
  if (Status s = WriteFileDurably(Env::Default(), args.out, {model}); !s.ok()) {
    PrintError(s);
    return 2;
  }
  size_t names = 0, surnames = 0;
  for (size_t at = 0; (at = model.find('\n', at)) != std::string::npos; ++at) {
    names += model.compare(at + 1, 2, "N\t") == 0;
    surnames += model.compare(at + 1, 2, "S\t") == 0;
  }
  std::cerr << "train-names: " << n << " articles, " << names << " names, " << surnames
            << " surnames -> " << args.out << "\n";
  return n > 0 ? 0 : 1;
}

void AddGazetteerCommand(CLI::App* app, int* exit_code) {
  auto train = std::make_shared<TrainNamesArgs>();
  CLI::App* tn = app->add_subcommand(
      "train-names",
      "Learn the name lexicon (names typed by the entity rules' cues across a corpus, and "
      "Vietnamese surnames); docs/models.md");
  tn->add_option("--out", train->out, "where to write the lexicon (data/models/names.tsv)")->required();
  tn->add_option("--min-docs", train->min_docs, "keep names typed in at least this many articles")
      ->capture_default_str();
  tn->add_option("--min-share", train->min_share, "… with one type in at least this share of them")
      ->capture_default_str();
  tn->add_option("--min-capitalized", train->min_capitalized,
                 "… written capitalized in at least this share of their occurrences inside sentences")
      ->capture_default_str();
  tn->add_option("--min-surname", train->min_surname, "keep surnames of full names in this many articles")
      ->capture_default_str();
  tn->add_option("FILE", train->inputs, "the corpus (any input the reader takes)")->required();
  tn->callback([train, exit_code] { *exit_code = RunTrainNames(*train); });

  CLI::App* cmd = app->add_subcommand(
      "gazetteer",
      "Print the place gazetteer bantin builds from ICU and iso-codes data: canonical "
      "(Vietnamese) name, English name, kind, ISO code, then every name (tab-separated)");
  auto freeze = std::make_shared<bool>(false);
  cmd->add_flag("--freeze", *freeze,
                "instead: the places this machine's ICU and iso-codes name, as the frozen gazetteer "
                "the binary links (data/lexicons/gazetteer.tsv; scripts/freeze-gazetteer.sh)");
  cmd->callback([exit_code, freeze] {
    if (*freeze) {
      auto text = Canonicalizer::FreezeSystemGazetteer();
      if (!text) {
        PrintError(text.error());
        *exit_code = 2;
        return;
      }
      std::cout << *text;
      *exit_code = 0;
      return;
    }
    auto names = Canonicalizer::Shared();
    if (!names) {
      PrintError(names.error());
      *exit_code = 2;
      return;
    }
    std::cout << (*names)->GazetteerText();
    *exit_code = 0;
  });
}

}  // namespace bantin::cli
