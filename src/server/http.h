// The server's HTTP front: libmicrohttpd's event loop reads requests (one thread, poll: a slow
// or idle client costs a socket and a little memory, never a thread), and the requests are
// handled on bounded pools of threads — reads on several, writes on one — so neither slow
// clients nor a burst of POSTs can keep /api/health or a search from being answered.
//
//   http::Listener front(options, [](const http::Request& q, http::Response& r) { ... });
//   Status s = front.Bind();    // then front.Start(); ... front.Stop();
//
// Limits (docs/limits.md): a body over max_body_bytes is refused with 413 before it is read
// (Content-Length) or cut when it grows past it (chunked); a request whose headers pass
// max_header_bytes gets 431; two Content-Length headers that differ, or Content-Length with
// Transfer-Encoding, get 400; a body not received within body_seconds is dropped; an idle
// connection closes after idle_seconds; a full pool answers 503 at once.
//
// Thread safety: the handler runs on the pools' threads, several at a time (reads) — it must
// be thread-safe. Stop() may be called from any thread but the handler's.
#ifndef BANTIN_SERVER_HTTP_H_
#define BANTIN_SERVER_HTTP_H_

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bantin/status.h"

namespace bantin::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query
  std::multimap<std::string, std::string> query;    // decoded; a name may repeat
  std::map<std::string, std::string> headers;       // names lowercase
  std::string body;
  size_t target_bytes = 0;  // of the path and query as sent

  // The first value of query parameter `name`, or "".
  std::string Param(const std::string& name) const;
  bool HasParam(const std::string& name) const { return query.count(name) > 0; }
  std::string Header(const std::string& lowercase_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the security headers
};

// Makes `r` the API's error answer: {"error": {"status": S, "message": M}} (one shape for the
// front's own refusals and the handlers').
void Error(Response* r, int status, std::string_view message);

using Handler = std::function<void(const Request&, Response&)>;

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  size_t max_body_bytes = 32u << 20;
  size_t max_header_bytes = 64u << 10;  // request line and headers together
  int idle_seconds = 10;   // a connection with nothing to read or write this long is closed
  int body_seconds = 60;   // the whole body must arrive within this
  size_t max_connections = 4096;
  size_t max_connections_per_ip = 1024;
  size_t read_threads = 8;    // handlers of GET and the like
  size_t read_queue = 256;    // requests waiting for a read thread; more get 503
  size_t write_queue = 64;    // POSTs waiting for the one write thread; more get 503
};

class Listener {
 public:
  Listener(Options options, Handler handler);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds the listening socket (without SO_REUSEPORT: a second server on a port in use fails
  // here, with an error saying so).
  Status Bind();
  // Serves from another thread until Stop() (binds first if needed).
  Status Start();
  // Stops taking connections, lets the handlers under way and queued finish, closes.
  void Stop();
  int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bantin::http

#endif  // BANTIN_SERVER_HTTP_H_
