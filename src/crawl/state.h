// The crawl's memory in the data folder (DIR/crawl.db, SQLite; docs/format.md): every URL the
// crawler has met and what became of it, the body of a page fetched but not yet stored, and each
// feed's ETag / Last-Modified. It is what lets a killed `bantin watch` resume without fetching
// or storing anything twice: a page is fetched only while its URL is queued, its body is
// committed here before it is stored, and its URL (with the page's canonical and final URLs) is
// marked done once the store has it.
//
// Thread safety: every method may be called from any thread (one connection, a mutex).
#ifndef BANTIN_CRAWL_STATE_H_
#define BANTIN_CRAWL_STATE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bantin/article.h"
#include "bantin/status.h"

namespace bantin::store {
class Connection;
}

namespace bantin::crawl {

// What became of a URL: queued (to fetch), fetched (body kept, not stored yet), done (stored, or
// the store had it), failed (given up: the note says why), skipped (robots.txt).
enum class UrlState { kQueued, kFetched, kDone, kFailed, kSkipped };

struct FeedState {
  std::string etag, last_modified;  // from the last 200 answer; sent back as a conditional GET
};

struct QueuedUrl {
  std::string url;
  int attempts = 0;  // failed fetches so far
};

struct FetchedPage {
  std::string url;          // as queued
  std::string final_url;    // after redirects
  std::string content_type;
  std::string body;
  std::optional<Date> feed_date;  // the date the feed gave the item (for a page that states none)
};

struct CrawlCounts {
  int64_t queued = 0, fetched = 0, done = 0, failed = 0, skipped = 0, feeds = 0;
};

class CrawlState {
 public:
  // Opens (creating) DIR/crawl.db and takes DIR/crawl.lock: IOError when another crawler (a
  // `bantin watch`, `fetch` or `serve --watch`) holds the folder. A newer version is refused.
  static Result<std::unique_ptr<CrawlState>> Open(const std::string& dir);
  ~CrawlState();

  Result<FeedState> Feed(const std::string& url);
  Status SaveFeed(const std::string& url, const FeedState& feed);

  // The URL's state, nullopt when it was never met.
  Result<std::optional<UrlState>> State(const std::string& url);
  // Queues `url` (met in `feed`, "" for one given by hand, which dates it `date`) unless it was
  // met before: true when queued.
  Result<bool> Enqueue(const std::string& url, const std::string& feed, const std::optional<Date>& date = std::nullopt);
  // Queued URLs whose next try is due at `now` (Unix seconds), at most `limit`: each host's
  // oldest first, then each host's second, and so on.
  Result<std::vector<QueuedUrl>> Due(size_t limit, int64_t now);
  // Keeps a fetched page's body (the URL becomes fetched).
  Status SaveFetched(const FetchedPage& page);
  // Pages fetched and not yet stored, oldest first, at most `limit`.
  Result<std::vector<FetchedPage>> Fetched(size_t limit);
  // `url` is done (its body dropped) and so are `aliases` (its final and canonical URLs), in one
  // transaction; `article` is the id it is stored under.
  Status Done(const std::string& url, const std::string& article, const std::vector<std::string>& aliases);
  // A URL to try again at `next_try` (Unix seconds), and why; a failed fetch counts an attempt.
  Status Later(const std::string& url, int64_t next_try, const std::string& note, bool failed_fetch = true);
  // Gives `url` up: `state` is kFailed or kSkipped, `note` says why.
  Status Finish(const std::string& url, UrlState state, const std::string& note);
  Result<CrawlCounts> Counts();

 private:
  CrawlState(std::unique_ptr<store::Connection> db, int lock_fd);
  std::mutex mu_;
  std::unique_ptr<store::Connection> db_;
  int lock_fd_;  // DIR/crawl.lock, flocked
};

}  // namespace bantin::crawl

#endif  // BANTIN_CRAWL_STATE_H_
