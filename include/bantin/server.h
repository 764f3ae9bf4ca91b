// Server: bantin's HTTP JSON API and web page over a data folder (docs/http_api.md).
//
//   bantin::ServerOptions o;
//   o.db = "bantin-data";
//   auto server = bantin::Server::Create(o).value();
//   server->Listen();   // blocks until Stop()
//
// Thread safety: connections are read by one event loop (libmicrohttpd); requests are answered
// on a bounded pool of threads (POSTs on one thread of their own), each opening its own store
// connection and sharing one index snapshot, replaced when the index on disk changed (readers
// are never blocked by it). A full pool answers 503 at once (docs/limits.md).
// Stop() may be called from any thread.
#ifndef BANTIN_SERVER_H_
#define BANTIN_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include <vector>

#include "bantin/article.h"
#include "bantin/pipeline.h"
#include "bantin/status.h"

namespace bantin {

struct ServerOptions {
  std::string db = "bantin-data";  // the data folder (must exist)
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8080;                 // 0: any free port (see Server::port())
  std::string write_token;         // POST /api/articles needs "Authorization: Bearer <token>"; empty: refused
  std::string static_dir;          // the web page's files ("" : none served)
  size_t max_body_bytes = 32u << 20;  // larger request bodies: 413
  size_t max_target_bytes = 4096;     // longer request targets (path + query): 414
  size_t max_header_bytes = 64u << 10;  // request line and headers together: 431 beyond
  int timeout_seconds = 10;           // a connection idle this long is closed
  // Threads that answer reads (searches, articles, ...); connections are read by one event loop,
  // so this bounds work under way, not clients. POSTs are answered by one thread of their own.
  int threads = 8;
  // A POST opens the folder for writing (its write lock and the threading state) and keeps it
  // open this long after the last POST, then lets it go for other writers (`bantin ingest`).
  int writer_idle_seconds = 30;
};

class Server {
 public:
  // Fails when the data folder cannot be opened.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and serves until Stop(). IOError when the address cannot be bound.
  Status Listen();
  // Binds (port 0: a free one) without serving yet; Listen() then serves there.
  Status Bind();
  int port() const;
  void Stop();
  // Adds articles to the folder as POST /api/articles does (the same pipeline, one Add at a
  // time): for a feed watcher running inside the server. Any thread.
  Result<PipelineResult> Add(const std::vector<Article>& articles);

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bantin

#endif  // BANTIN_SERVER_H_
