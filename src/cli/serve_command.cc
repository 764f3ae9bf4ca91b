#include "cli/serve_command.h"

#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "bantin/server.h"
#include "bantin/store.h"
#include "cli/common.h"
#include "cli/crawl_command.h"

namespace bantin::cli {
namespace {

struct ServeArgs {
  ServerOptions server;
  CrawlArgs watch;  // watch.feeds empty: no watcher
};

int RunServe(ServerOptions options, CrawlArgs watch) {
  if (options.write_token.empty()) {
    if (const char* t = std::getenv("BANTIN_WRITE_TOKEN")) options.write_token = t;
  }
  if (!options.static_dir.empty() && !std::filesystem::is_directory(options.static_dir)) {
    PrintError(Status::NotFound(options.static_dir, "no such folder (the web page's files)"));
    return 2;
  }
  // SIGINT and SIGTERM are taken by one thread (sigwait), not a handler: stopping the server
  // takes locks and joins threads, which no signal handler may do. Blocked before any thread
  // starts, so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  auto server = Server::Create(options);
  if (!server) {
    PrintError(server.error());
    return 2;
  }
  if (Status s = (*server)->Bind(); !s.ok()) {
    PrintError(s);
    return 2;
  }
  // The watcher's read connection, opened before any thread starts (an error here is an exit 2).
  Result<std::unique_ptr<Store>> reads = Err(Status::NotFound("no watcher"));
  if (!watch.feeds.empty()) {
    reads = Store::Open(options.db, {});
    if (!reads) {
      PrintError(reads.error());
      return 2;
    }
  }
  Server* serving = server->get();
  std::thread stopper([serving, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    serving->Stop();  // requests under way finish, a POST ends between articles
  });
  std::cerr << "bantin: serving " << options.db << " on http://" << options.host << ":" << (*server)->port()
            << "/ (API under /api/; " << (options.write_token.empty() ? "read-only" : "POST /api/articles with the token")
            << ")\n";
  // The feed watcher, storing through the server's own pipeline (as a POST does).
  std::atomic<bool> watch_stop{false};
  std::thread watcher;
  if (!watch.feeds.empty()) {
    watch.db = options.db;
    std::shared_ptr<Store> store(std::move(*reads));
    watcher = std::thread([serving, store, watch, &watch_stop] {
      const int code = Watch(
          watch, [serving](const std::vector<Article>& a) { return serving->Add(a); },
          [store](const std::string& id) { return store->Get(id).has_value(); }, watch_stop, nullptr);
      if (code == 2) std::cerr << "bantin: the feed watcher stopped (above: why); the server goes on\n";
    });
  }
  Status s = (*server)->Listen();
  watch_stop = true;
  if (watcher.joinable()) watcher.join();
  pthread_kill(stopper.native_handle(), SIGTERM);  // ends the waiting thread if no signal came
  stopper.join();
  if (!s.ok()) {
    PrintError(s);
    return 2;
  }
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App* app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  ServerOptions* o = &args->server;
  o->static_dir = std::filesystem::is_directory("web") ? "web" : "";
  CLI::App* s = app->add_subcommand("serve", "Serve the HTTP JSON API and the web page over a data folder");
  s->add_option("--db", o->db, "data folder")->capture_default_str();
  s->add_option("--host", o->host, "address to listen on (loopback by default)")->capture_default_str();
  s->add_option("--port", o->port, "port (0: any free one)")->capture_default_str();
  s->add_option("--write-token", o->write_token,
                "token POST /api/articles requires (Authorization: Bearer TOKEN); or BANTIN_WRITE_TOKEN");
  s->add_option("--web", o->static_dir, "folder of the web page's files (default: ./web when present)");
  s->add_option("--max-body", o->max_body_bytes, "largest request body in bytes (413 beyond)")->capture_default_str();
  s->add_option("--threads", o->threads, "threads answering reads (connections are read by one event loop; POSTs have a thread of their own)")
      ->capture_default_str();
  s->add_option("--watch", args->watch.feeds,
                "file of feed URLs (one a line) to poll and store from while serving, as `bantin watch` does");
  s->add_option("--watch-interval", args->watch.interval, "seconds from one poll of the feeds to the next")
      ->capture_default_str();
  s->callback([args, exit_code] { *exit_code = RunServe(args->server, args->watch); });
}

}  // namespace bantin::cli
