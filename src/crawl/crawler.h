// The crawler behind `bantin fetch`, `bantin watch` and `bantin serve --watch`: one round polls
// the seeds (feeds, news sitemaps and sitemap indexes with a conditional GET; a page given by
// hand), queues the URLs it finds that the data folder's crawl state (state.h) has never met,
// fetches the queue and stores the pages through the caller's `add` (the Pipeline). Hosts are
// fetched side by side on `connections` threads, one host on one thread at a time (the Fetcher
// also holds each host to its connection limit and delay); storing happens on the calling thread,
// a batch at a time. Every fetch, skip, retry and error is one log line. docs/web.md.
//
// What is never done twice, a killed run included: a page is fetched only while queued and its
// body is kept in the crawl state before it is stored; a page fetched and not stored is stored by
// the next round first; the store's own de-duplication (same id, same content) covers a kill
// between storing and marking done. A page's id is its canonical URL; that URL and the one after
// redirects are remembered too, so a feed naming either is not fetched again.
//
// Thread safety: one Round at a time.
#ifndef BANTIN_CRAWL_CRAWLER_H_
#define BANTIN_CRAWL_CRAWLER_H_

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "bantin/pipeline.h"
#include "bantin/status.h"
#include "crawl/state.h"
#include "web/fetcher.h"

namespace bantin::crawl {

struct CrawlOptions {
  int connections = 4;          // hosts fetched at once
  int max_attempts = 5;         // a page failing this many times (rounds apart) is given up
  long retry_seconds = 60;      // the first wait before a failed page is tried again; doubles each time
  size_t batch = 64;            // pages fetched between two stores
  const std::atomic<bool>* stop = nullptr;  // when set: the round ends between pages, nothing lost
};

struct CrawlStats {
  size_t polled = 0;        // seeds fetched (feeds, sitemaps, pages given by hand)
  size_t not_modified = 0;  // seeds answering 304
  size_t queued = 0;        // new URLs found in feeds
  size_t fetched = 0;       // pages fetched
  size_t added = 0;         // articles the store took
  size_t already_stored = 0;  // URLs met before, or pages the store had (same id or content)
  size_t robots = 0;        // URLs robots.txt forbids
  size_t errors = 0;        // fetches and pages that failed this round (each logged)
};

// Stores articles (the Pipeline's Add, or the server's); an error ends the round, and the pages
// stay fetched in the crawl state for the next one.
using AddArticles = std::function<Result<PipelineResult>(const std::vector<Article>&)>;
// Whether the data folder already holds an article of this id (may be null: none asked). The
// crawler calls it from one thread at a time (a store connection may be used as it is).
using IsStored = std::function<bool(const std::string& id)>;

class Crawler {
 public:
  Crawler(CrawlState& state, web::Fetcher& fetcher, AddArticles add, IsStored stored, CrawlOptions options,
          std::function<void(const std::string&)> log);

  // One round over `seeds`. Non-OK only when the crawl state or `add` fails (Aborted when the
  // pipeline was stopped); stopped between pages, it returns what it did, the rest still queued.
  // A URL that fails is logged, counted and, when it may work later, tried again.
  Result<CrawlStats> Round(const std::vector<std::string>& seeds);

 private:
  void Log(const std::string& line);
  bool Stored(const std::string& url);  // stored_, one call at a time
  // What robots.txt says of `url`; a refusal is counted and logged here.
  web::Fetcher::Permission Robots(const std::string& url);
  void Poll(const std::string& seed, std::vector<std::string>* sitemaps);
  void FetchPage(const QueuedUrl& queued);
  Status StoreFetched();
  // Runs `work` over `urls`, hosts side by side, each host's URLs in order on one thread.
  void ByHost(const std::vector<std::string>& urls, const std::function<void(size_t)>& work);
  bool Stopped() const { return options_.stop != nullptr && options_.stop->load(); }
  void Count(size_t CrawlStats::*field, size_t n = 1);

  CrawlState& state_;
  web::Fetcher& fetcher_;
  AddArticles add_;
  IsStored stored_;
  std::mutex stored_mu_;  // the fetching threads call stored_ one at a time
  CrawlOptions options_;
  std::function<void(const std::string&)> log_;
  std::mutex mu_;  // guards stats_, failure_ and log_ calls
  CrawlStats stats_;
  Status failure_;  // the first crawl-state error of the round
};

// `url` without its fragment and tracking parameters (utm_*), trimmed: the form URLs are
// remembered in.
std::string NormalizeUrl(std::string_view url);

}  // namespace bantin::crawl

#endif  // BANTIN_CRAWL_CRAWLER_H_
