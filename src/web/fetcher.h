// Fetching pages and feeds politely, with libcurl: a User-Agent naming bantin, robots.txt
// obeyed (RFC 9309: the group for "bantin", else "*"; longest match wins, Allow on a tie; a
// robots.txt answering 4xx allows everything, 5xx or no answer forbids everything for ten
// minutes; asked again after `robots_hours`), per host a connection limit and a delay between
// requests, timeouts (connect, whole request, a server too slow to send), gzip, at most
// `max_redirects` redirects, at most `max_bytes` of body, conditional GET
// (ETag / Last-Modified: 304 is "not modified"), and retries with exponential back-off on 429
// (Retry-After honoured), 5xx and network errors. docs/web.md.
//
// Thread safety: a Fetcher may be used by many threads at once; they share its robots.txt
// cache and its per-host schedule, so at most `max_per_host` requests to one host are under way
// at a time and each waits `host_delay_ms` after the host's last one ended.
#ifndef BANTIN_WEB_FETCHER_H_
#define BANTIN_WEB_FETCHER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bantin/status.h"

namespace bantin::web {

struct FetchOptions {
  std::string user_agent = "bantin/0.1 (Vietnamese news reader; obeys robots.txt)";
  long connect_timeout_seconds = 10;
  long timeout_seconds = 30;          // the whole request
  size_t max_bytes = size_t{16} << 20;  // a longer body is refused, not read on
  long max_redirects = 5;
  long host_delay_ms = 1000;         // from the end of one request to a host to the next one's start
  int max_per_host = 1;              // requests to one host under way at once
  long robots_hours = 24;            // a host's robots.txt is fetched again after this long
  int retries = 3;                   // after 429, 5xx and network errors
  long max_backoff_seconds = 300;    // the longest wait before a retry (Retry-After included)
  std::function<void(const std::string&)> log;  // one line per request, retry and refusal (any thread)
  const std::atomic<bool>* stop = nullptr;       // when set, waits end early and Get fails Aborted
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

  // Whether robots.txt of the URL's host lets bantin fetch it (robots.txt fetched once a host
  // per `robots_hours`): kAllowed, kDisallowed, or kUnknown while it is unreachable (the host is
  // not fetched; it is asked again after ten minutes) or when stopped before it answered.
  enum class Permission { kAllowed, kDisallowed, kUnknown };
  Permission Allowed(const std::string& url);
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
  bool Stopped() const { return options_.stop != nullptr && options_.stop->load(); }
  // Sleeps `d`, or less when stopped.
  void Sleep(std::chrono::steady_clock::duration d);
  struct Robots;
  struct Host;
  Host& HostOf(const std::string& origin);  // mu_ held
  FetchOptions options_;
  std::mutex mu_;  // guards what follows
  std::condition_variable changed_;  // a host's slot or robots.txt became free
  std::vector<void*> idle_handles_;  // CURL*, one per thread that has fetched
  std::unordered_map<std::string, std::unique_ptr<Host>> hosts_;
};

// Whether a fetch of `url` that failed so may work later (429, 5xx, network, stopped) or not
// (another 4xx, a redirect loop, a body over the limit): judged on what follows the URL.
bool MayWorkLater(const Status& failure, std::string_view url);

// The scheme and host of `url` ("https://vnexpress.net"), or "" when it has none.
std::string Origin(std::string_view url);

}  // namespace bantin::web

#endif  // BANTIN_WEB_FETCHER_H_
