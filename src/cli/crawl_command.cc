#include "cli/crawl_command.h"

#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "base/ascii.h"
#include "bantin/pipeline.h"
#include "bantin/store.h"
#include "cli/common.h"

namespace bantin::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void OnStopSignal(int) { g_stop = true; }  // only a lock-free store: signal-safe

// One log line on standard error; lines of several threads never mix.
void LogLine(const std::string& line) {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::cerr << "bantin: " << line << "\n";
}

web::FetchOptions FetchOptionsOf(const CrawlArgs& args, const std::atomic<bool>* stop) {
  web::FetchOptions fetch;
  fetch.host_delay_ms = args.delay_ms;
  fetch.timeout_seconds = args.timeout;
  fetch.max_bytes = args.max_bytes;
  fetch.retries = args.retries;
  fetch.log = LogLine;
  fetch.stop = stop;
  return fetch;
}

crawl::CrawlOptions CrawlOptionsOf(const CrawlArgs& args, const std::atomic<bool>* stop) {
  crawl::CrawlOptions o;
  o.connections = args.connections;
  o.stop = stop;
  return o;
}

std::string Summary(const crawl::CrawlStats& s) {
  return std::to_string(s.polled) + " polled, " + std::to_string(s.not_modified) + " not modified, " +
         std::to_string(s.queued) + " new URLs, " + std::to_string(s.fetched) + " pages fetched, " +
         std::to_string(s.added) + " articles added, " + std::to_string(s.already_stored) + " already stored, " +
         std::to_string(s.robots) + " disallowed by robots.txt, " + std::to_string(s.errors) + " errors";
}

// The folder's crawl state, a fetcher and the crawler over them: what fetch and watch share.
struct Crawl {
  std::unique_ptr<crawl::CrawlState> state;
  web::Fetcher fetcher;
  crawl::Crawler crawler;

  static Result<std::unique_ptr<Crawl>> Open(const CrawlArgs& args, const crawl::AddArticles& add,
                                             const crawl::IsStored& stored, const std::atomic<bool>& stop) {
    auto state = crawl::CrawlState::Open(args.db);
    if (!state) return Err(state.error());
    return std::make_unique<Crawl>(std::move(*state), args, add, stored, stop);
  }
  Crawl(std::unique_ptr<crawl::CrawlState> s, const CrawlArgs& args, const crawl::AddArticles& add,
        const crawl::IsStored& stored, const std::atomic<bool>& stop)
      : state(std::move(s)),
        fetcher(FetchOptionsOf(args, &stop)),
        crawler(*state, fetcher, add, stored, CrawlOptionsOf(args, &stop), LogLine) {}
};

// The feed list: one URL per line; blank lines and lines starting with '#' ignored. A line that
// is not an http(s) URL is reported with its file and line, and the rest is read.
Result<std::vector<std::string>> ReadFeedList(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Err(Status::NotFound(path, "cannot open the feed list"));
  std::vector<std::string> urls;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const std::string_view url = TrimAscii(line);
    if (url.empty() || url[0] == '#') continue;
    if (!url.starts_with("http://") && !url.starts_with("https://")) {
      PrintError(Status::InvalidArgument(path + ":" + std::to_string(n), "not an http(s) URL: " + std::string(url)));
      continue;
    }
    urls.emplace_back(url);
  }
  return urls;
}

// The folder's pipeline, opened when there is something to store and closed at the end of a
// round, so that an idle watcher holds no write lock and no threading state.
struct LazyPipeline {
  std::string db;
  std::unique_ptr<Pipeline> pipeline;
  Result<PipelineResult> Add(const std::vector<Article>& articles, const std::atomic<bool>* stop) {
    if (pipeline == nullptr) {
      PipelineOptions o;
      o.on_error = [](const Status& s) { PrintError(s); };
      o.stop = stop;
      auto opened = Pipeline::Open(db, o);
      if (!opened) return Err(opened.error());
      pipeline = std::move(*opened);
    }
    return pipeline->Add(articles);
  }
};

// Installs the stop handlers; `fetch` and `watch` end between pages on SIGINT or SIGTERM.
void CatchStopSignals() {
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
}

int RunCli(const CrawlArgs& args, bool watch) {
  CatchStopSignals();
  // Creates the folder (and finishes what a killed ingest left) before anything is fetched.
  auto lazy = std::make_shared<LazyPipeline>();
  lazy->db = args.db;
  {
    auto first = lazy->Add(std::vector<Article>{}, &g_stop);
    if (!first) {
      PrintError(first.error());
      return 2;
    }
    lazy->pipeline.reset();
  }
  auto store = Store::Open(args.db, {});
  if (!store) {
    PrintError(store.error());
    return 2;
  }
  std::shared_ptr<Store> reads(std::move(*store));
  crawl::IsStored stored = [reads](const std::string& id) { return reads->Get(id).has_value(); };
  crawl::AddArticles add = [lazy](const std::vector<Article>& a) { return lazy->Add(a, &g_stop); };
  if (watch) return Watch(args, add, stored, g_stop, [lazy] { lazy->pipeline.reset(); });
  auto crawl = Crawl::Open(args, add, stored, g_stop);
  if (!crawl) {
    PrintError(crawl.error());
    return 2;
  }
  auto run = (*crawl)->crawler.Round(args.urls);
  if (!run && run.error().IsAborted() && g_stop) {
    LogLine("fetch: stopped; what was fetched and not stored yet is stored by the next run");
    return 1;
  }
  if (!run) {
    PrintError(run.error());
    return 2;
  }
  std::cout << Summary(*run) << "\n";
  return run->errors == 0 ? 0 : 1;
}

}  // namespace

void AddCrawlOptions(CLI::App* cmd, CrawlArgs* args) {
  cmd->add_option("--delay-ms", args->delay_ms, "milliseconds from one request to a host to the next")->capture_default_str();
  cmd->add_option("--connections", args->connections, "hosts fetched at once")->capture_default_str();
  cmd->add_option("--timeout", args->timeout, "seconds a request may take")->capture_default_str();
  cmd->add_option("--max-bytes", args->max_bytes, "largest response body read")->capture_default_str();
  cmd->add_option("--retries", args->retries, "retries after 429, 5xx and network errors (exponential back-off)")
      ->capture_default_str();
}

int Watch(const CrawlArgs& args, const crawl::AddArticles& add, const crawl::IsStored& stored,
          const std::atomic<bool>& stop, const std::function<void()>& after_round) {
  auto crawl = Crawl::Open(args, add, stored, stop);
  if (!crawl) {
    PrintError(crawl.error());
    return 2;
  }
  crawl::CrawlState& state = *(*crawl)->state;
  crawl::Crawler& crawler = (*crawl)->crawler;
  std::vector<std::string> feeds;
  int code = 0;
  for (int round = 1; !stop; ++round) {
    const auto started = std::chrono::steady_clock::now();
    auto list = ReadFeedList(args.feeds);
    if (!list && feeds.empty()) {
      PrintError(list.error());
      return 2;
    }
    if (!list) LogLine("watch: " + list.error().ToString() + "; polling the last list read");
    else feeds = std::move(*list);
    auto run = crawler.Round(feeds);
    if (!run && run.error().IsAborted() && stop) {
      LogLine("watch: stopped; what was fetched and not stored yet is stored by the next run");
      break;
    }
    if (!run) {
      PrintError(run.error());
      code = 2;
      if (args.once) break;
    } else {
      code = run->errors == 0 ? 0 : 1;
      std::string queue;
      if (auto counts = state.Counts()) {
        queue = "; " + std::to_string(counts->queued) + " URLs waiting, " + std::to_string(counts->failed) + " given up";
      }
      LogLine("watch: round " + std::to_string(round) + " (" + std::to_string(feeds.size()) + " feeds): " + Summary(*run) + queue);
    }
    if (after_round) after_round();
    if (args.once) break;
    const auto next = started + std::chrono::seconds(args.interval);
    while (!stop && std::chrono::steady_clock::now() < next) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return code;
}

void AddCrawlCommands(CLI::App* app, int* exit_code) {
  auto fetch = std::make_shared<CrawlArgs>();
  CLI::App* f = app->add_subcommand(
      "fetch",
      "Fetch article pages, RSS/Atom feeds and news sitemaps once and store their articles in a data folder "
      "(robots.txt obeyed, a delay between requests to a host, pages fetched before not fetched again)");
  f->add_option("--db", fetch->db, "data folder")->capture_default_str();
  AddCrawlOptions(f, fetch.get());
  f->add_option("URL", fetch->urls, "pages, feeds or sitemaps")->required();
  f->callback([fetch, exit_code] { *exit_code = RunCli(*fetch, false); });

  auto watch = std::make_shared<CrawlArgs>();
  CLI::App* w = app->add_subcommand(
      "watch",
      "Poll a list of RSS/Atom feeds and news sitemaps every --interval seconds and store new articles "
      "(a killed watcher resumes where it was; Ctrl-C stops it between pages)");
  w->add_option("--feeds", watch->feeds, "file of feed URLs, one per line ('#' starts a comment)")->required();
  w->add_option("--db", watch->db, "data folder")->capture_default_str();
  w->add_option("--interval", watch->interval, "seconds from one round's start to the next")->capture_default_str();
  w->add_flag("--once", watch->once, "one round, then exit");
  AddCrawlOptions(w, watch.get());
  w->callback([watch, exit_code] { *exit_code = RunCli(*watch, true); });
}

}  // namespace bantin::cli
