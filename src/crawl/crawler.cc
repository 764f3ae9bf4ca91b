#include "crawl/crawler.h"

#include <ctime>
#include <map>
#include <thread>

#include "base/ascii.h"
#include "web/feeds.h"
#include "web/html_article.h"

namespace bantin::crawl {
namespace {

int64_t Now() { return static_cast<int64_t>(::time(nullptr)); }

}  // namespace

std::string NormalizeUrl(std::string_view url) {
  std::string u(TrimAscii(url));
  if (const size_t hash = u.find('#'); hash != std::string::npos) u.resize(hash);
  const size_t q = u.find('?');
  if (q == std::string::npos) return u;
  std::string kept;
  std::string_view params = std::string_view(u).substr(q + 1);
  while (!params.empty()) {
    const size_t amp = params.find('&');
    const std::string_view p = params.substr(0, amp);
    if (!p.empty() && !AsciiLower(p).starts_with("utm_")) kept += (kept.empty() ? "" : "&") + std::string(p);
    params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
  }
  u.resize(q);
  return kept.empty() ? u : u + "?" + kept;
}

Crawler::Crawler(CrawlState& state, web::Fetcher& fetcher, AddArticles add, IsStored stored, CrawlOptions options,
                 std::function<void(const std::string&)> log)
    : state_(state), fetcher_(fetcher), add_(std::move(add)), stored_(std::move(stored)), options_(options),
      log_(std::move(log)) {}

void Crawler::Log(const std::string& line) {
  std::lock_guard<std::mutex> lock(mu_);
  if (log_) log_(line);
}

void Crawler::Count(size_t CrawlStats::*field, size_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  stats_.*field += n;
}

// Keeps the first crawl-state failure; the round returns it.
#define CRAWL_KEEP(expr)                           \
  do {                                             \
    Status _s = (expr);                            \
    if (!_s.ok()) {                                \
      std::lock_guard<std::mutex> _lock(mu_);      \
      if (failure_.ok()) failure_ = std::move(_s); \
      return;                                      \
    }                                              \
  } while (0)

void Crawler::ByHost(const std::vector<std::string>& urls, const std::function<void(size_t)>& work) {
  std::map<std::string, std::vector<size_t>> by_host;
  for (size_t i = 0; i < urls.size(); ++i) by_host[web::Origin(urls[i])].push_back(i);
  std::vector<const std::vector<size_t>*> hosts;
  for (const auto& [host, indices] : by_host) hosts.push_back(&indices);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t h; (h = next++) < hosts.size();) {
      for (size_t i : *hosts[h]) {
        if (Stopped()) return;
        work(i);
      }
    }
  };
  const size_t n = std::min(hosts.size(), static_cast<size_t>(std::max(1, options_.connections)));
  std::vector<std::thread> threads;
  for (size_t t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
}

bool Crawler::Stored(const std::string& url) {
  std::lock_guard<std::mutex> lock(stored_mu_);
  return stored_ && stored_(url);
}

web::Fetcher::Permission Crawler::Robots(const std::string& url) {
  const web::Fetcher::Permission p = fetcher_.Allowed(url);
  if (p == web::Fetcher::Permission::kDisallowed) {
    Count(&CrawlStats::robots);
    Log("skipped " + url + ": robots.txt disallows it");
  }
  return p;
}

void Crawler::Poll(const std::string& seed, std::vector<std::string>* sitemaps) {
  auto known = state_.State(seed);
  CRAWL_KEEP(known ? Status::OK() : known.error());
  // A page given by hand and stored is not fetched again; a feed is polled every round.
  if ((*known && **known == UrlState::kDone) || Stored(seed)) {
    Count(&CrawlStats::already_stored);
    Log("skipped " + seed + ": already fetched");
    return;
  }
  switch (Robots(seed)) {
    case web::Fetcher::Permission::kAllowed: break;
    case web::Fetcher::Permission::kDisallowed: return;
    case web::Fetcher::Permission::kUnknown:
      if (!Stopped()) Count(&CrawlStats::errors), Log("skipped " + seed + " this round: its robots.txt is unreachable");
      return;
  }
  auto feed = state_.Feed(seed);
  CRAWL_KEEP(feed ? Status::OK() : feed.error());
  auto got = fetcher_.Get(seed, feed->etag, feed->last_modified);
  if (!got) {
    if (!got.error().IsAborted()) Count(&CrawlStats::errors);  // the fetcher logged it
    return;
  }
  if (got->not_modified()) {
    Count(&CrawlStats::not_modified);
    Log("not modified " + seed);
    return;
  }
  Count(&CrawlStats::polled);
  if (!web::LooksLikeFeed(got->content_type, got->body)) {
    Log("fetched " + seed + " (HTTP " + std::to_string(got->status) + ", " + std::to_string(got->body.size()) + " bytes)");
    CRAWL_KEEP(state_.SaveFetched({seed, got->url, got->content_type, std::move(got->body), std::nullopt}));
    Count(&CrawlStats::fetched);
    return;
  }
  auto items = web::ParseFeed(seed, got->body);
  if (!items) {
    Count(&CrawlStats::errors);
    Log("error " + items.error().message());
    return;
  }
  size_t fresh = 0;
  for (const web::FeedItem& item : *items) {
    if (item.sitemap) {
      if (sitemaps != nullptr) {
        std::lock_guard<std::mutex> lock(mu_);
        sitemaps->push_back(NormalizeUrl(item.url));
      }
      continue;
    }
    auto queued = state_.Enqueue(NormalizeUrl(item.url), seed, item.date);
    CRAWL_KEEP(queued ? Status::OK() : queued.error());
    fresh += *queued;
  }
  // Saved after its items are queued: a run killed in between polls the feed again.
  CRAWL_KEEP(state_.SaveFeed(seed, {got->etag, got->last_modified}));
  Count(&CrawlStats::queued, fresh);
  Log("polled " + seed + ": " + std::to_string(items->size()) + " items, " + std::to_string(fresh) + " new");
}

void Crawler::FetchPage(const QueuedUrl& queued) {
  const std::string& url = queued.url;
  if (Stored(url)) {
    Count(&CrawlStats::already_stored);
    Log("skipped " + url + ": already stored");
    CRAWL_KEEP(state_.Done(url, url, {}));
    return;
  }
  switch (Robots(url)) {
    case web::Fetcher::Permission::kAllowed: break;
    case web::Fetcher::Permission::kDisallowed:
      CRAWL_KEEP(state_.Finish(url, UrlState::kSkipped, "robots.txt disallows it"));
      return;
    case web::Fetcher::Permission::kUnknown:  // still queued: tried when robots.txt answers
      if (Stopped()) return;
      Log("will try " + url + " again in 600 s: its host's robots.txt is unreachable");
      CRAWL_KEEP(state_.Later(url, Now() + 600, "robots.txt unreachable", false));
      return;
  }
  auto got = fetcher_.Get(url);
  if (!got) {
    if (got.error().IsAborted()) return;  // still queued: the next round fetches it
    Count(&CrawlStats::errors);
    const int attempts = queued.attempts + 1;
    if (!web::MayWorkLater(got.error(), url) || attempts >= options_.max_attempts) {
      Log("gave up " + url + " after " + std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts"));
      CRAWL_KEEP(state_.Finish(url, UrlState::kFailed, got.error().message()));
    } else {
      const int64_t wait = options_.retry_seconds << std::min(attempts - 1, 16);
      Log("will try " + url + " again in " + std::to_string(wait) + " s");
      CRAWL_KEEP(state_.Later(url, Now() + wait, got.error().message()));
    }
    return;
  }
  Log("fetched " + url + " (HTTP " + std::to_string(got->status) + ", " + std::to_string(got->body.size()) + " bytes)");
  CRAWL_KEEP(state_.SaveFetched({url, got->url, got->content_type, std::move(got->body), std::nullopt}));
  Count(&CrawlStats::fetched);
}

Status Crawler::StoreFetched() {
  for (;;) {
    auto pages = state_.Fetched(options_.batch);
    if (!pages) return pages.error();
    if (pages->empty()) return Status::OK();
    std::vector<Article> articles;
    std::vector<const FetchedPage*> sources;
    for (const FetchedPage& page : *pages) {
      web::PageInfo info;
      info.url = page.final_url;
      info.content_type = page.content_type;
      info.date = page.feed_date;
      Result<Article> article = Err(Status::InvalidArgument(page.url, "a feed, not an article page"));
      if (!web::LooksLikeFeed(page.content_type, page.body)) {
        article = web::ParseHtmlArticle(page.final_url, page.final_url, page.body, info);
      }
      if (!article) {
        Count(&CrawlStats::errors);
        Log("error " + article.error().message());
        BANTIN_RETURN_IF_ERROR(state_.Finish(page.url, UrlState::kFailed, article.error().message()));
        continue;
      }
      if (!article->url.empty()) article->id = article->url;
      articles.push_back(std::move(*article));
      sources.push_back(&page);
    }
    if (articles.empty()) continue;
    auto added = add_(articles);
    if (!added) return added.error();
    for (size_t i = 0; i < articles.size(); ++i) {
      const bool is_new = i < added->outcomes.size() && added->outcomes[i] == AddOutcome::kAdded;
      Count(is_new ? &CrawlStats::added : &CrawlStats::already_stored);
      Log((is_new ? "stored " : "already stored ") + articles[i].id);
      BANTIN_RETURN_IF_ERROR(state_.Done(sources[i]->url, articles[i].id, {sources[i]->final_url, articles[i].id}));
    }
  }
}

Result<CrawlStats> Crawler::Round(const std::vector<std::string>& seeds) {
  stats_ = CrawlStats();
  failure_ = Status::OK();
  BANTIN_RETURN_IF_ERROR(StoreFetched());  // a killed run's pages first
  std::vector<std::string> sitemaps;
  ByHost(seeds, [&](size_t i) { Poll(seeds[i], &sitemaps); });
  ByHost(sitemaps, [&](size_t i) { Poll(sitemaps[i], nullptr); });
  if (!failure_.ok()) return Err(failure_);
  BANTIN_RETURN_IF_ERROR(StoreFetched());
  while (!Stopped()) {
    auto due = state_.Due(options_.batch, Now());
    if (!due) return Err(due.error());
    if (due->empty()) break;
    std::vector<std::string> urls;
    for (const QueuedUrl& q : *due) urls.push_back(q.url);
    ByHost(urls, [&](size_t i) { FetchPage((*due)[i]); });
    if (!failure_.ok()) return Err(failure_);
    BANTIN_RETURN_IF_ERROR(StoreFetched());
  }
  return stats_;
}

}  // namespace bantin::crawl
