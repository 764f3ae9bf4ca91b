// `bantin fetch` (pages, feeds and sitemaps once) and `bantin watch` (a list of feeds polled
// for ever), both through the crawler (src/crawl/crawler.h) and the data folder's crawl state;
// `bantin serve --watch` runs the same watcher inside the server.
#ifndef BANTIN_CLI_CRAWL_COMMAND_H_
#define BANTIN_CLI_CRAWL_COMMAND_H_

#include <CLI/CLI.hpp>

#include <atomic>
#include <functional>
#include <string>

#include "crawl/crawler.h"

namespace bantin::cli {

// What fetch, watch and serve --watch are told.
struct CrawlArgs {
  std::string db = "bantin-data";
  long delay_ms = 1000;
  int connections = 4;
  long timeout = 30;
  size_t max_bytes = size_t{16} << 20;
  int retries = 3;
  long interval = 300;
  bool once = false;
  std::string feeds;  // the feed list (watch)
  std::vector<std::string> urls;  // fetch
};

// Adds the politeness and limit options (not --db, not the inputs) to `cmd`.
void AddCrawlOptions(CLI::App* cmd, CrawlArgs* args);

// Polls the feed list args.feeds (read again each round) every args.interval seconds until
// `stop` is set (after one round with args.once), storing through `add`. Returns the exit code:
// 0, or 1 when the last round had errors, 2 when the crawl state or `add` failed.
// `after_round` (may be empty) runs after each round: the CLI lets its pipeline go there.
int Watch(const CrawlArgs& args, const crawl::AddArticles& add, const crawl::IsStored& stored,
          const std::atomic<bool>& stop, const std::function<void()>& after_round);

void AddCrawlCommands(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_CRAWL_COMMAND_H_
