// Fetching pages and feeds politely, with libcurl: a User-Agent naming bantin, robots.txt
// obeyed (RFC 9309: the group for "bantin", else "*"; longest match wins, Allow on a tie; a
// robots.txt answering 4xx allows everything, 5xx or no answer forbids everything for the
// fetcher's life, one run), a delay between requests to one host, timeouts (connect, whole
// request, a server too slow to send), gzip, at most `max_redirects` redirects, at most `max_bytes` of body, conditional GET
// (ETag / Last-Modified: 304 is "not modified"), and retries with exponential back-off on 429
// (Retry-After honoured), 5xx and network errors. docs/web.md.
//
// Thread safety: a Fetcher is used by one thread at a time.
#ifndef BANTIN_WEB_FETCHER_H_
#define BANTIN_WEB_FETCHER_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bantin/status.h"

namespace bantin::web {

struct FetchOptions {
  std::string user_agent = "bantin/0.1 (Vietnamese news reader; obeys robots.txt)";
  long connect_timeout_seconds = 10;
  long timeout_seconds = 30;          // the whole request
  size_t max_bytes = size_t{16} << 20;  // a longer body is refused, not read on
  long max_redirects = 5;
  long host_delay_ms = 1000;         // between two requests to one host
  int retries = 3;                   // after 429, 5xx and network errors
  long max_backoff_seconds = 300;    // the longest wait before a retry (Retry-After included)
  std::function<void(const std::string&)> log;  // one line per request, retry and refusal
};

struct FetchResult {
  long status = 0;           // HTTP status of the last response
  std::string url;           // after redirects
  std::string content_type;  // the Content-Type header
  std::string body;          // decoded from gzip/deflate
  std::string etag, last_modified;
  bool not_modified() const { return status == 304; }
};

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options);
  ~Fetcher();

  // Whether robots.txt of the URL's host lets bantin fetch it (robots.txt fetched once a host).
  bool Allowed(const std::string& url);
  // GETs `url` (with If-None-Match / If-Modified-Since when given). A status other than 2xx or
  // 304 after the retries is an error: IOError naming the URL and the status or what broke
  // ("HTTP 404", "more than 5 redirects", "body over 16777216 bytes", "timed out").
  Result<FetchResult> Get(const std::string& url, const std::string& etag = "", const std::string& last_modified = "");

 private:
  Result<FetchResult> Once(const std::string& url, const std::string& etag, const std::string& last_modified,
                           long* retry_after);
  void Log(const std::string& line) const {
    if (options_.log) options_.log(line);
  }
  struct Robots;
  FetchOptions options_;
  void* curl_;  // CURL*
  std::unordered_map<std::string, std::unique_ptr<Robots>> robots_;
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> last_request_;
};

// The scheme and host of `url` ("https://vnexpress.net"), or "" when it has none.
std::string Origin(std::string_view url);

}  // namespace bantin::web

#endif  // BANTIN_WEB_FETCHER_H_
