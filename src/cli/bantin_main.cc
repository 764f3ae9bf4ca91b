// bantin: the command-line entry point. Each subcommand lives in its own *_command.cc.
#include <CLI/CLI.hpp>

#include "cli/analyze_command.h"
#include "cli/crawl_command.h"
#include "cli/extract_command.h"
#include "cli/events_eval_command.h"
#include "cli/ner_command.h"
#include "cli/knowledge_command.h"
#include "cli/stories_command.h"
#include "cli/serve_command.h"
#include "cli/segment_command.h"
#include "cli/search_command.h"
#include "cli/store_command.h"

int main(int argc, char** argv) {
  CLI::App app{"bantin: Vietnamese news, read, understood and searchable", "bantin"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "bantin 0.1.0");
  int exit_code = 0;
  bantin::cli::AddNormalizeCommand(&app, &exit_code);
  bantin::cli::AddAnalyzeCommand(&app, &exit_code);
  bantin::cli::AddReadCommand(&app, &exit_code);
  bantin::cli::AddCrawlCommands(&app, &exit_code);
  bantin::cli::AddExtractCommand(&app, &exit_code);
  bantin::cli::AddGazetteerCommand(&app, &exit_code);
  bantin::cli::AddNerCommands(&app, &exit_code);
  bantin::cli::AddEventsEvalCommands(&app, &exit_code);
  bantin::cli::AddKnowledgeCommands(&app, &exit_code);
  bantin::cli::AddStoriesCommands(&app, &exit_code);
  bantin::cli::AddServeCommand(&app, &exit_code);
  bantin::cli::AddSegmentCommands(&app, &exit_code);
  bantin::cli::AddStoreCommands(&app, &exit_code);
  bantin::cli::AddSearchCommands(&app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
