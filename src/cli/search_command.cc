#include "cli/search_command.h"

#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "bantin/search.h"
#include "cli/common.h"
#include "bantin/json.h"

namespace bantin::cli {
namespace {

using nlohmann::ordered_json;

struct SearchArgs {
  std::string db = "bantin-data";
  bool json = false;
  size_t limit = 10;
  std::string from, to, source, queries;
  std::string query;
};

// The snippet with the matched words in brackets, for a terminal.
std::string Marked(const SearchHit& h) {
  std::string out;
  uint32_t at = h.snippet_begin;
  for (const Highlight& x : h.highlights) {
    out += h.snippet.substr(at - h.snippet_begin, x.begin - at);
    out += "[" + h.snippet.substr(x.begin - h.snippet_begin, x.end - x.begin) + "]";
    at = x.end;
  }
  out += h.snippet.substr(at - h.snippet_begin);
  return out;
}

void PrintText(const SearchResults& r) {
  std::cout << (r.total_exact ? "" : "about ") << r.total << " articles match\n";
  for (const SearchHit& h : r.hits) {
    std::cout << "\n" << (h.date ? h.date->ToString() : "(no date)") << "  "
              << (h.source.empty() ? "-" : h.source) << "  " << h.id << "  score "
              << h.score << (h.reports > 1 ? "  (" + std::to_string(h.reports) + " reports)" : std::string())
              << "\n  " << h.title << "\n  … " << Marked(h) << " …\n";
  }
}

int RunSearch(const SearchArgs& args) {
  SearchOptions options;
  options.limit = args.limit;
  options.source = args.source;
  if (!ParseDateOption("--from", args.from, &options.from) ||
      !ParseDateOption("--to", args.to, &options.to)) {
    return 2;
  }
  auto searcher = Searcher::Open(args.db);
  if (!searcher) {
    PrintError(searcher.error());
    return 2;
  }
  if (!args.queries.empty()) {  // one query per line, one JSON object per line
    return ForEachLine(args.queries, [&](std::string_view line, bool) {
      auto r = (*searcher)->Search(line, options);
      std::cout << (r ? json::SearchJson(*r) : ordered_json{{"error", r.error().message()}})
                           .dump(-1, ' ', false, ordered_json::error_handler_t::replace)
                << "\n";
    });
  }
  auto r = (*searcher)->Search(args.query, options);
  if (!r) {
    PrintError(r.error());
    return 2;
  }
  if (args.json) {
    std::cout << json::SearchJson(*r).dump(-1, ' ', false, ordered_json::error_handler_t::replace)
              << "\n";
  } else {
    PrintText(*r);
  }
  return 0;
}

}  // namespace

void AddSearchCommands(CLI::App* app, int* exit_code) {
  auto db = std::make_shared<std::string>("bantin-data");
  CLI::App* r = app->add_subcommand("reindex", "Rebuild the search index of a data folder");
  r->add_option("--db", *db, "data folder")->capture_default_str();
  r->callback([db, exit_code] {
    auto n = Reindex(*db);
    if (!n) {
      PrintError(n.error());
      *exit_code = 2;
      return;
    }
    std::cout << "indexed " << *n << " articles in " << *db << "\n";
    *exit_code = 0;
  });

  auto args = std::make_shared<SearchArgs>();
  CLI::App* s = app->add_subcommand(
      "search",
      "Search a data folder: words ranked by BM25, \"quoted phrases\", -excluded words; words "
      "typed without diacritics match every diacritic form, the form typed ranking first");
  s->add_option("--db", args->db, "data folder")->capture_default_str();
  s->add_flag("--json", args->json, "print {\"total\", \"hits\": [...]} as JSON");
  s->add_option("--limit", args->limit, "hits to show")->capture_default_str();
  s->add_option("--from", args->from, "earliest date (YYYY-MM-DD)");
  s->add_option("--to", args->to, "latest date (YYYY-MM-DD)");
  s->add_option("--source", args->source, "only this source");
  s->add_option("--queries", args->queries,
                "run one query per line of FILE, printing one JSON object per line");
  s->add_option("QUERY", args->query, "the query");
  s->callback([args, exit_code] {
    if (args->query.empty() && args->queries.empty()) {
      std::cerr << "bantin: search: give a QUERY or --queries FILE\n";
      *exit_code = 2;
      return;
    }
    *exit_code = RunSearch(*args);
  });
}

}  // namespace bantin::cli
