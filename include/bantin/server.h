// Server: bantin's HTTP JSON API and web page over a data folder (docs/http_api.md).
//
//   bantin::ServerOptions o;
//   o.db = "bantin-data";
//   auto server = bantin::Server::Create(o).value();
//   server->Listen();   // blocks until Stop()
//
// Thread safety: requests run on a pool of threads; each opens its own store connection and
// shares one index snapshot, replaced after an ingest (readers are never blocked by it).
// Stop() may be called from any thread.
#ifndef BANTIN_SERVER_H_
#define BANTIN_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

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
  int timeout_seconds = 10;           // reading a request, writing a response
  int threads = 64;  // cpp-httplib keeps a kept-alive connection on one thread: one per client
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

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bantin

#endif  // BANTIN_SERVER_H_
