#include "web/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "base/ascii.h"

namespace bantin::web {
namespace {

// The path and query of `url` ("/a/b.html?x=1"), "/" when it has none.
std::string PathOf(std::string_view url) {
  const size_t scheme = url.find("://");
  const size_t slash = scheme == std::string_view::npos ? std::string_view::npos : url.find('/', scheme + 3);
  return slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
}

// Whether robots.txt pattern `pattern` ('*' any run, '$' the end) matches the start of `path`.
bool RobotsMatch(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return true;
  if (pattern == "$") return path.empty();
  if (pattern[0] == '*') {
    for (size_t i = 0; i <= path.size(); ++i) {
      if (RobotsMatch(pattern.substr(1), path.substr(i))) return true;
    }
    return false;
  }
  return !path.empty() && pattern[0] == path[0] && RobotsMatch(pattern.substr(1), path.substr(1));
}

struct Body {
  std::string data;
  size_t max = 0;
  bool over = false;
};

size_t WriteBody(char* ptr, size_t size, size_t n, void* user) {
  auto* b = static_cast<Body*>(user);
  if (b->data.size() + size * n > b->max) {
    b->over = true;
    return 0;  // aborts the transfer
  }
  b->data.append(ptr, size * n);
  return size * n;
}

struct Headers {
  std::string etag, last_modified, retry_after;
};

// Ends a transfer under way when the fetcher is stopped (curl calls it often while a transfer
// runs, and at least once a second when it stalls).
int Progress(void* stop, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return stop != nullptr && static_cast<const std::atomic<bool>*>(stop)->load() ? 1 : 0;
}

size_t WriteHeader(char* ptr, size_t size, size_t n, void* user) {
  auto* h = static_cast<Headers*>(user);
  const std::string_view line(ptr, size * n);
  if (line.starts_with("HTTP/")) *h = Headers();  // a new response (after a redirect)
  const size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    const std::string key = AsciiLower(line.substr(0, colon));
    const std::string value = std::string(TrimAscii(line.substr(colon + 1)));
    if (key == "etag") h->etag = value;
    else if (key == "last-modified") h->last_modified = value;
    else if (key == "retry-after") h->retry_after = value;
  }
  return size * n;
}

}  // namespace

struct Fetcher::Robots {
  bool unreachable = false;  // no answer, 5xx or 429: nothing may be fetched
  std::vector<std::pair<std::string, bool>> rules;  // pattern, allow

  // RFC 9309: the groups naming our product token, else those for "*".
  static Robots Parse(std::string_view text) {
    Robots mine, any;
    bool have_mine = false;
    std::vector<std::string> agents;
    bool in_rules = false;
    while (!text.empty()) {
      const size_t nl = text.find('\n');
      std::string line(text.substr(0, nl));
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
      const size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      const std::string key = AsciiLower(TrimAscii(line.substr(0, colon)));
      const std::string value = std::string(TrimAscii(line.substr(colon + 1)));
      if (key == "user-agent") {
        if (in_rules) agents.clear(), in_rules = false;
        agents.push_back(AsciiLower(value));
      } else if (key == "allow" || key == "disallow") {
        in_rules = true;
        if (key == "disallow" && value.empty()) continue;  // "Disallow:" allows all
        for (const std::string& a : agents) {
          if (a == "bantin") mine.rules.emplace_back(value, key == "allow"), have_mine = true;
          else if (a == "*") any.rules.emplace_back(value, key == "allow");
        }
      }
    }
    return have_mine ? mine : any;
  }

  bool Allows(std::string_view path) const {
    if (unreachable) return false;
    size_t best = 0;
    bool allow = true;
    for (const auto& [pattern, allows] : rules) {
      if (!RobotsMatch(pattern, path)) continue;
      if (pattern.size() > best || (pattern.size() == best && allows)) best = pattern.size(), allow = allows;
    }
    return allow;
  }
};

std::string Origin(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  const size_t end = url.find_first_of("/?#", scheme + 3);
  return AsciiLower(url.substr(0, end));
}

struct Fetcher::Host {
  int active = 0;  // requests under way
  std::chrono::steady_clock::time_point next;  // the earliest start of the next request
  std::unique_ptr<Robots> robots;              // null until fetched
  std::chrono::steady_clock::time_point robots_expire;  // asked again from then on
  bool robots_loading = false;
};

Fetcher::Fetcher(FetchOptions options) : options_(std::move(options)) {
  static const bool global = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)global;
}

Fetcher::~Fetcher() {
  for (void* c : idle_handles_) curl_easy_cleanup(static_cast<CURL*>(c));
}

Fetcher::Host& Fetcher::HostOf(const std::string& origin) {
  auto& h = hosts_[origin];
  if (h == nullptr) h = std::make_unique<Host>();
  return *h;
}

void Fetcher::Sleep(std::chrono::steady_clock::duration d) {
  const auto until = std::chrono::steady_clock::now() + d;
  while (!Stopped()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= until) return;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(until - now, std::chrono::milliseconds(100)));
  }
}

Fetcher::Permission Fetcher::Allowed(const std::string& url) {
  const std::string origin = Origin(url);
  if (origin.empty()) return Permission::kDisallowed;
  std::unique_lock<std::mutex> lock(mu_);
  Host& host = HostOf(origin);
  changed_.wait(lock, [&] { return !host.robots_loading; });
  const auto now = std::chrono::steady_clock::now();
  if (host.robots == nullptr || now >= host.robots_expire) {
    host.robots_loading = true;
    lock.unlock();
    auto robots = std::make_unique<Robots>();
    long retry_after = 0;
    auto got = Once(origin + "/robots.txt", "", "", &retry_after);
    if (!got && got.error().IsAborted()) {  // stopping: nothing learnt, nothing kept
      lock.lock();
      host.robots_loading = false;
      changed_.notify_all();
      return Permission::kUnknown;
    }
    if (got && got->status >= 200 && got->status < 300) {
      *robots = Robots::Parse(got->body);
    } else if (!got || got->status >= 500 || got->status == 429) {
      robots->unreachable = true;  // nothing is fetched from this host (RFC 9309 §2.3.1.4)
      Log("robots.txt of " + origin + " unreachable (" + (got ? "HTTP " + std::to_string(got->status) : got.error().ToString()) +
          "): the host is not fetched for ten minutes");
    }
    lock.lock();
    // An unreachable robots.txt is asked again in ten minutes: a host down for a moment is not
    // left out of a watcher's rounds for a day.
    host.robots_expire = std::chrono::steady_clock::now() + (robots->unreachable ? std::chrono::minutes(10)
                                                                                : std::chrono::hours(options_.robots_hours));
    host.robots = std::move(robots);
    host.robots_loading = false;
    changed_.notify_all();
  }
  if (host.robots->unreachable) return Permission::kUnknown;
  return host.robots->Allows(PathOf(url)) ? Permission::kAllowed : Permission::kDisallowed;
}

bool MayWorkLater(const Status& failure, std::string_view url) {
  std::string_view what = failure.message();
  if (what.starts_with(url)) what.remove_prefix(url.size());  // the URL itself may say anything
  if (failure.IsAborted()) return true;
  if (what.find("redirects") != std::string_view::npos || what.find("body over") != std::string_view::npos) return false;
  const size_t http = what.find("HTTP 4");
  return http == std::string_view::npos || what.substr(http, 8) == "HTTP 429";
}

Result<FetchResult> Fetcher::Once(const std::string& url, const std::string& etag, const std::string& last_modified,
                                  long* retry_after) {
  // Politeness: a free slot of the host, and the delay since its last request waited out.
  const std::string origin = Origin(url);
  CURL* c = nullptr;
  {
    std::unique_lock<std::mutex> lock(mu_);
    Host& host = HostOf(origin);
    for (;;) {
      if (Stopped()) return Err(Status::Aborted(url, "stopping"));
      const auto now = std::chrono::steady_clock::now();
      if (host.active < std::max(1, options_.max_per_host) && now >= host.next) break;
      if (host.active < std::max(1, options_.max_per_host)) {
        changed_.wait_until(lock, std::min(host.next, now + std::chrono::milliseconds(100)));
      } else {
        changed_.wait_for(lock, std::chrono::milliseconds(100));
      }
    }
    ++host.active;
    if (!idle_handles_.empty()) {
      c = static_cast<CURL*>(idle_handles_.back());
      idle_handles_.pop_back();
    }
  }
  if (c == nullptr) c = curl_easy_init();
  // Gives the slot and the handle back, whatever happens below.
  struct Release {
    Fetcher* f;
    const std::string& origin;
    CURL* c;
    ~Release() {
      std::lock_guard<std::mutex> lock(f->mu_);
      Host& host = f->HostOf(origin);
      --host.active;
      host.next = std::chrono::steady_clock::now() + std::chrono::milliseconds(f->options_.host_delay_ms);
      f->idle_handles_.push_back(c);
      f->changed_.notify_all();
    }
  } release{this, origin, c};
  curl_easy_reset(c);
  Body body;
  body.max = options_.max_bytes;
  Headers headers;
  curl_slist* request_headers = nullptr;
  if (!etag.empty()) request_headers = curl_slist_append(request_headers, ("If-None-Match: " + etag).c_str());
  if (!last_modified.empty()) {
    request_headers = curl_slist_append(request_headers, ("If-Modified-Since: " + last_modified).c_str());
  }
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, options_.max_redirects);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, options_.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip, deflate, as curl supports
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &headers);
  if (request_headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, request_headers);
  if (options_.stop != nullptr) {
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, Progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(options_.stop));
  }
  const CURLcode code = curl_easy_perform(c);
  curl_slist_free_all(request_headers);
  if (code == CURLE_ABORTED_BY_CALLBACK) return Err(Status::Aborted(url, "stopping"));
  if (code != CURLE_OK) {
    std::string what = curl_easy_strerror(code);
    if (code == CURLE_TOO_MANY_REDIRECTS) what = "more than " + std::to_string(options_.max_redirects) + " redirects";
    if (body.over || code == CURLE_FILESIZE_EXCEEDED) what = "body over " + std::to_string(options_.max_bytes) + " bytes";
    return Err(Status::IOError(url, what));
  }
  FetchResult r;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
  char* final_url = nullptr;
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &final_url);
  r.url = final_url ? final_url : url;
  char* type = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
  r.content_type = type ? type : "";
  r.body = std::move(body.data);
  r.etag = headers.etag;
  r.last_modified = headers.last_modified;
  *retry_after = headers.retry_after.empty() ? 0 : std::max(0L, std::atol(headers.retry_after.c_str()));
  return r;
}

Result<FetchResult> Fetcher::Get(const std::string& url, const std::string& etag, const std::string& last_modified) {
  for (int attempt = 0;; ++attempt) {
    long retry_after = 0;
    auto r = Once(url, etag, last_modified, &retry_after);
    if (!r && r.error().IsAborted()) return r;
    const bool transient = !r || r->status == 429 || r->status >= 500;
    const bool permanent_error = !r && (r.error().ToString().find("redirects") != std::string::npos ||
                                        r.error().ToString().find("body over") != std::string::npos);
    if (!transient || permanent_error || attempt >= options_.retries) {
      if (!r) {
        Log("error " + r.error().message());
        return r;
      }
      if ((r->status < 200 || r->status >= 300) && r->status != 304) {
        Log("error " + url + ": HTTP " + std::to_string(r->status));
        return Err(Status::IOError(url, "HTTP " + std::to_string(r->status)));
      }
      return r;
    }
    const long wait = std::min(options_.max_backoff_seconds, std::max(retry_after, 1L << attempt));
    Log("retry " + url + " in " + std::to_string(wait) + " s (" + (r ? "HTTP " + std::to_string(r->status) : r.error().message().substr(url.size() + 2)) + ")");
    Sleep(std::chrono::seconds(wait));
  }
}

}  // namespace bantin::web
