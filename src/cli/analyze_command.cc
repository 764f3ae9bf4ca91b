#include "cli/analyze_command.h"

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bantin/analyzer.h"
#include "bantin/reader.h"
#include "cli/common.h"
#include "cli/summary.h"

namespace bantin::cli {
namespace {

using nlohmann::ordered_json;

std::unique_ptr<Analyzer> MakeAnalyzer(bool words) {
  AnalyzerOptions options;
  options.words = words;
  auto analyzer = Analyzer::Create(options);
  if (!analyzer) {
    PrintError(analyzer.error());
    return nullptr;
  }
  return std::move(*analyzer);
}

struct NormalizeArgs {
  bool fold = false;
  std::string input = "-";
};

int RunNormalize(const NormalizeArgs& args) {
  auto analyzer = MakeAnalyzer(/*words=*/false);
  if (!analyzer) return 2;
  return ForEachLine(args.input, [&](std::string_view line, bool last) {
    std::cout << (args.fold ? analyzer->Fold(line) : analyzer->Normalize(line))
              << (last ? "" : "\n");
  });
}

// The inputs and reader options `analyze` and `read` share.
struct InputArgs {
  std::string date;
  bool replace_invalid = false;
  std::vector<std::string> inputs;

  void AddTo(CLI::App* cmd) {
    cmd->add_option("--date", date, "date (YYYY-MM-DD) for articles that name none");
    cmd->add_flag("--replace-invalid-utf8", replace_invalid,
                  "replace invalid UTF-8 with U+FFFD instead of rejecting the article");
    cmd->add_option("FILE", inputs, "inputs (default: standard input)");
  }
  // False (the error printed) for a bad --date.
  bool Options(ReaderOptions* options) const {
    options->replace_invalid_utf8 = replace_invalid;
    return ParseDateOption("--date", date, &options->default_date);
  }
};

struct AnalyzeArgs : InputArgs {
  bool summary = false;
};

ordered_json ArticleJson(const Article& a, const Analysis& analysis) {
  std::string_view text = a.text;
  ordered_json j;
  j["id"] = a.id;
  j["origin"] = a.origin;
  j["title"] = a.title;
  j["lead"] = a.lead;
  j["date"] = a.date ? ordered_json(a.date->ToString()) : ordered_json(nullptr);
  if (!a.time.empty()) j["time"] = a.time;
  j["source"] = a.source.empty() ? ordered_json(nullptr) : ordered_json(a.source);
  j["author"] = a.author.empty() ? ordered_json(nullptr) : ordered_json(a.author);
  j["captions"] = a.captions;
  if (!a.url.empty()) j["url"] = a.url;
  if (!a.category.empty()) j["category"] = a.category;
  // Offsets point into the input file for text articles; otherwise into the composed text.
  j["offsets"] = a.text_is_source ? "file" : "text";
  if (!a.text_is_source) j["text"] = a.text;
  ordered_json paragraphs = ordered_json::array();
  for (const Paragraph& p : a.paragraphs) {
    paragraphs.push_back({{"kind", ParagraphKindName(p.kind)}, {"begin", p.begin}, {"end", p.end}});
  }
  j["paragraphs"] = std::move(paragraphs);
  ordered_json sentences = ordered_json::array();
  for (const Sentence& s : analysis.sentences) {
    sentences.push_back(
        {{"begin", s.begin}, {"end", s.end}, {"text", text.substr(s.begin, s.end - s.begin)}});
  }
  j["sentences"] = std::move(sentences);
  ordered_json tokens = ordered_json::array();
  for (const AnalyzedToken& t : analysis.tokens) {
    tokens.push_back({{"begin", t.begin},
                      {"end", t.end},
                      {"text", text.substr(t.begin, t.end - t.begin)},
                      {"kind", TokenKindName(t.kind)},
                      {"norm", t.norm},
                      {"fold", t.fold}});
  }
  j["tokens"] = std::move(tokens);
  ordered_json words = ordered_json::array();
  for (const Word& w : analysis.words) {
    words.push_back({{"begin", w.begin},
                     {"end", w.end},
                     {"text", text.substr(w.begin, w.end - w.begin)},
                     {"tokens", w.token_count}});
  }
  j["words"] = std::move(words);
  return j;
}

int RunAnalyze(const AnalyzeArgs& args) {
  auto analyzer = MakeAnalyzer(/*words=*/true);
  if (!analyzer) return 2;
  ReaderOptions options;
  if (!args.Options(&options)) return 2;
  Summary summary;
  auto on_article = [&](Article a) {
    if (a.invalid_utf8_replaced > 0) {
      std::cerr << "bantin: " << a.origin << ": replaced " << a.invalid_utf8_replaced
                << " invalid UTF-8 sequences with U+FFFD\n";
    }
    Analysis analysis = analyzer->Analyze(a);
    if (args.summary) {
      summary.Add(a, analysis);
    } else {
      std::cout << ArticleJson(a, analysis).dump(-1, ' ', false,
                                                 ordered_json::error_handler_t::replace)
                << "\n";
    }
  };
  const size_t errors = ReadInputs(options, args.inputs, on_article);
  if (args.summary) summary.Print(std::cout, errors);
  std::cout.flush();
  return errors == 0 ? 0 : 1;
}


// One article as a JSONL line of ../shared's corpus schema, with what web pages add.
ordered_json RecordJson(const Article& a) {
  ordered_json j;
  j["id"] = a.id;
  j["title"] = a.title;
  if (!a.lead.empty()) j["lead"] = a.lead;
  j["body"] = a.body;
  if (a.date) j["date"] = a.date->ToString() + (a.time.empty() ? "" : "T" + a.time + ":00+07:00");
  if (!a.url.empty()) j["url"] = a.url;
  if (!a.source.empty()) j["source"] = a.source;
  if (!a.category.empty()) j["category"] = a.category;
  if (!a.author.empty()) j["author"] = a.author;
  if (!a.captions.empty()) j["captions"] = a.captions;
  j["origin"] = a.origin;
  return j;
}

int RunRead(const InputArgs& args) {
  ReaderOptions options;
  if (!args.Options(&options)) return 2;
  auto on_article = [&](Article a) {
    std::cout << RecordJson(a).dump(-1, ' ', false, ordered_json::error_handler_t::replace) << "\n";
  };
  const size_t errors = ReadInputs(options, args.inputs, on_article);
  std::cout.flush();
  return errors == 0 ? 0 : 1;
}

}  // namespace

void AddReadCommand(CLI::App* app, int* exit_code) {
  auto args = std::make_shared<InputArgs>();
  CLI::App* cmd = app->add_subcommand(
      "read",
      "Read articles (web pages .html, web archives .warc, .txt, .jsonl, .zst, .gz, folders, - for stdin) and print "
      "each as one JSONL line of the corpus schema (id, title, lead, body, date, url, source) with author, captions "
      "and origin: web pages and archives made into JSONL");
  args->AddTo(cmd);
  cmd->callback([args, exit_code] { *exit_code = RunRead(*args); });
}

void AddNormalizeCommand(CLI::App* app, int* exit_code) {
  auto args = std::make_shared<NormalizeArgs>();
  CLI::App* cmd = app->add_subcommand(
      "normalize",
      "Print each line in canonical form: NFC and new-style tone marks (hoà -> hòa), or with "
      "--fold the search form (lowercase, no diacritics, đ -> d)");
  cmd->add_flag("--fold", args->fold, "print the folded search form");
  cmd->add_option("FILE", args->input, "input file, or - for standard input")
      ->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunNormalize(*args); });
}

void AddAnalyzeCommand(CLI::App* app, int* exit_code) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app->add_subcommand(
      "analyze",
      "Read articles (.txt, .jsonl, .html, .warc, .zst, .gz, folders, - for stdin) and print one JSON object "
      "per article: title, lead, date, source, sentences and tokens with byte offsets");
  args->AddTo(cmd);
  cmd->add_flag("--summary", args->summary, "print a readable summary instead of JSON");
  cmd->callback([args, exit_code] { *exit_code = RunAnalyze(*args); });
}

}  // namespace bantin::cli
