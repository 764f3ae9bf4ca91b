#include "cli/knowledge_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>


#include "answers/answers.h"
#include "bantin/extract.h"
#include "bantin/json.h"
#include "bantin/store.h"
#include "cli/common.h"

namespace bantin::cli {
namespace {


struct EntitiesArgs {
  std::string db = "bantin-data";
  std::string type, name;
  size_t limit = 50;
  bool json = false;
};

struct EventsArgs {
  std::string db = "bantin-data";
  std::string actor, from, to;
  std::string format = "text";
  size_t limit = 1000;
};

std::unique_ptr<Store> OpenStore(const std::string& db) {
  auto store = Store::Open(db, {});
  if (!store) {
    PrintError(store.error());
    return nullptr;
  }
  return std::move(*store);
}

// `entities --name X`: the entities X stands for, each with every name stored for it.
int RunEntityNames(const Store& store, const EntitiesArgs& args) {
  EntityKeys keys;
  if (Status s = NameKeys(args.name, &keys.exact, &keys.folded); !s.ok()) {
    PrintError(s);
    return 2;
  }
  auto found = store.extractions().FindEntities(keys);
  if (!found) {
    PrintError(found.error());
    return 1;
  }
  for (const NamedEntity& e : *found) {
    if (args.json) {
      std::cout << json::Line(json::EntityNamesJson(e)) << "\n";
      continue;
    }
    std::cout << e.canonical;
    for (size_t i = 1; i < e.aliases.size(); ++i) std::cout << (i == 1 ? "  (also: " : ", ") << e.aliases[i];
    std::cout << (e.aliases.size() > 1 ? ")\n" : "\n");
  }
  if (found->empty()) std::cerr << "bantin: no entity is called \"" << args.name << "\"\n";
  return found->empty() ? 1 : 0;
}

int RunEntities(const EntitiesArgs& args) {
  if (!args.type.empty() && args.type != "PER" && args.type != "LOC" && args.type != "ORG") {
    PrintError(Status::InvalidArgument("--type", "must be PER, LOC or ORG, not \"" + args.type + "\""));
    return 2;
  }
  auto store = OpenStore(args.db);
  if (!store) return 2;
  if (!args.name.empty()) return RunEntityNames(*store, args);
  Status s = store->extractions().ListEntities(args.type, args.limit, [&](const EntityCount& e) {
    if (args.json) {
      std::cout << json::Line(json::EntityCountJson(e)) << "\n";
    } else {
      std::cout << e.type << "  " << e.canonical << "  (" << e.articles << " articles, "
                << e.mentions << " mentions)\n";
    }
  });
  if (!s.ok()) {
    PrintError(s);
    return 1;
  }
  return 0;
}

// GDELT-style TSV (docs/format.md, "Event export"): the columns GDELT 2.0's event table has
// that bantin fills, in GDELT's order and with its names, plus the evidence offsets.
std::string Tsv(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  return out;
}
std::string Csv(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

int RunEvents(const EventsArgs& args) {
  std::optional<Date> from, to;
  if (!ParseDateOption("--from", args.from, &from) || !ParseDateOption("--to", args.to, &to)) return 2;
  if (args.format != "text" && args.format != "json" && args.format != "csv" && args.format != "gdelt") {
    PrintError(Status::InvalidArgument("--format", "must be text, json, csv or gdelt"));
    return 2;
  }
  auto store = OpenStore(args.db);
  if (!store) return 2;
  auto canon = Canonicalizer::Shared();
  if (!canon) {
    PrintError(canon.error());
    return 1;
  }
  if (args.format == "csv") {
    std::cout << "article,url,code,label,status,source,source_english,target,target_english,date,place,"
                 "place_english,mentions,sentence_begin,sentence_end,sentence,sentence2_begin,sentence2_end,"
                 "sentence2\n";
  } else if (args.format == "gdelt") {
    const auto& columns = answers::GdeltColumns();
    for (size_t i = 0; i < columns.size(); ++i) std::cout << (i ? "\t" : "") << columns[i];
    std::cout << "\n";
  }
  size_t n = 0;
  std::optional<EntityKeys> actor;
  if (!args.actor.empty()) {
    actor.emplace();
    if (Status keys = NameKeys(args.actor, &actor->exact, &actor->folded); !keys.ok()) {
      PrintError(keys);
      return 2;
    }
  }
  auto english = [&](const std::string& name) { return name.empty() ? name : (*canon)->English(name); };
  Status s = store->extractions().ListEvents(actor, from, to, args.limit, [&](const StoredEvent& stored) {
    StoredEvent x = stored;
    x.source_english = english(x.event.source);
    x.target_english = english(x.event.target);
    const Event& e = x.event;
    // The second sentence that reports the event (the body's, when the first is the title).
    const EventMention* second = e.mentions.empty() ? nullptr : &e.mentions[0];
    const std::string sentence2 = x.mention_sentences.empty() ? "" : x.mention_sentences[0];
    const std::string mentions = std::to_string(1 + e.mentions.size());
    ++n;
    if (args.format == "json") {
      std::cout << json::Line(json::StoredEventJson(x)) << "\n";
    } else if (args.format == "csv") {
      std::cout << Csv(x.article_id) << "," << Csv(x.url) << "," << Csv(e.code) << "," << Csv(e.label) << ","
                << Csv(e.status) << "," << Csv(e.source) << "," << Csv(x.source_english) << ","
                << Csv(e.target) << "," << Csv(x.target_english) << "," << Csv(e.date) << "," << Csv(e.place)
                << "," << Csv(english(e.place)) << "," << mentions << "," << e.sentence_begin << ","
                << e.sentence_end << "," << Csv(x.sentence) << ","
                << (second ? std::to_string(second->sentence_begin) : "") << ","
                << (second ? std::to_string(second->sentence_end) : "") << "," << Csv(sentence2) << "\n";
    } else if (args.format == "gdelt") {
      const std::vector<std::string> row = answers::GdeltRow(x, **canon, n);
      for (size_t i = 0; i < row.size(); ++i) std::cout << (i ? "\t" : "") << Tsv(row[i]);
      std::cout << "\n";
    } else {
      std::cout << (e.date.empty() ? "(no date)" : e.date) << "  " << e.code << " " << e.label << "  "
                << e.source << " -> " << (e.target.empty() ? "-" : e.target)
                << (e.place.empty() ? "" : "  at " + e.place)
                << (e.status == "happened" ? "" : "  (" + e.status + ")") << "\n    " << x.article_id << ": "
                << x.sentence << "\n";
      if (second) std::cout << "    also: " << sentence2 << "\n";
    }
  });
  if (!s.ok()) {
    PrintError(s);
    return 1;
  }
  return 0;
}

}  // namespace

void AddKnowledgeCommands(CLI::App* app, int* exit_code) {
  auto ea = std::make_shared<EntitiesArgs>();
  CLI::App* e = app->add_subcommand(
      "entities", "List the people, places and organisations the stored articles name, by articles");
  e->add_option("--db", ea->db, "data folder")->capture_default_str();
  e->add_option("--type", ea->type, "PER, LOC or ORG (default: all)");
  e->add_option("--name", ea->name,
                "instead of the list: the entities this name stands for (any of their names, with or "
                "without diacritics: \"Hoa Kỳ\", \"United States\", \"hoa ky\" are \"Mỹ\") and every name of each");
  e->add_option("--limit", ea->limit, "at most this many")->capture_default_str();
  e->add_flag("--json", ea->json, "one JSON object per entity");
  e->callback([ea, exit_code] { *exit_code = RunEntities(*ea); });

  auto va = std::make_shared<EventsArgs>();
  CLI::App* v = app->add_subcommand(
      "events", "List the stored events (who did what to whom, when, where, and the sentence)");
  v->add_option("--db", va->db, "data folder")->capture_default_str();
  v->add_option("--actor", va->actor, "only events whose source or target is this entity, by any of its names (\"Hoa Kỳ\", \"United States\", \"my\" find \"Mỹ\")");
  v->add_option("--from", va->from, "only events on or after this day (YYYY-MM-DD)");
  v->add_option("--to", va->to, "only events on or before this day (YYYY-MM-DD)");
  v->add_option("--limit", va->limit, "at most this many")->capture_default_str();
  v->add_option("--format", va->format, "text, json, csv, or gdelt (GDELT-style TSV)")->capture_default_str();
  v->callback([va, exit_code] { *exit_code = RunEvents(*va); });
}

}  // namespace bantin::cli
