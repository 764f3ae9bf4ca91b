#include "cli/fetch_command.h"

#include <iostream>
#include <memory>

#include "bantin/pipeline.h"
#include "cli/common.h"
#include "crawl/crawl.h"

namespace bantin::cli {
namespace {

struct FetchArgs {
  std::string db = "bantin-data";
  long delay_ms = 1000;
  long timeout = 30;
  size_t max_bytes = size_t{16} << 20;
  int retries = 3;
  std::vector<std::string> urls;
};

int RunFetch(const FetchArgs& args) {
  PipelineOptions options;
  options.on_error = [](const Status& s) { PrintError(s); };
  auto pipeline = Pipeline::Open(args.db, options);
  if (!pipeline) {
    PrintError(pipeline.error());
    return 2;
  }
  web::FetchOptions fetch;
  fetch.host_delay_ms = args.delay_ms;
  fetch.timeout_seconds = args.timeout;
  fetch.max_bytes = args.max_bytes;
  fetch.retries = args.retries;
  auto log = [](const std::string& line) { std::cerr << "bantin: " << line << "\n"; };
  fetch.log = log;
  web::Fetcher fetcher(fetch);
  auto run = crawl::FetchOnce(**pipeline, fetcher, args.urls, log);
  if (!run) {
    PrintError(run.error());
    return 2;
  }
  std::cout << "fetched " << run->fetched << " (pages, feeds, sitemaps): " << run->articles << " articles, "
            << run->added << " added, " << run->already_stored << " already stored, " << run->robots
            << " disallowed by robots.txt, " << run->errors << " errors\n";
  return run->errors == 0 ? 0 : 1;
}

}  // namespace

void AddFetchCommand(CLI::App* app, int* exit_code) {
  auto args = std::make_shared<FetchArgs>();
  CLI::App* cmd = app->add_subcommand(
      "fetch",
      "Fetch article pages, RSS/Atom feeds and news sitemaps once and store their articles in a data folder "
      "(robots.txt obeyed, a delay between requests to a host, pages already stored not fetched again)");
  cmd->add_option("--db", args->db, "data folder")->capture_default_str();
  cmd->add_option("--delay-ms", args->delay_ms, "milliseconds between two requests to one host")->capture_default_str();
  cmd->add_option("--timeout", args->timeout, "seconds a request may take")->capture_default_str();
  cmd->add_option("--max-bytes", args->max_bytes, "largest response body read")->capture_default_str();
  cmd->add_option("--retries", args->retries, "retries after 429, 5xx and network errors (exponential back-off)")
      ->capture_default_str();
  cmd->add_option("URL", args->urls, "pages, feeds or sitemaps")->required();
  cmd->callback([args, exit_code] { *exit_code = RunFetch(*args); });
}

}  // namespace bantin::cli
