// Fetching once: pages and feeds from the web into a data folder through the Pipeline (its
// third caller, after `ingest` and POST /api/articles). A page becomes an article (its id the
// canonical URL); a feed or sitemap gives its items' pages, a sitemap index its sitemaps (one
// level down). A URL robots.txt forbids is skipped, one the folder already holds (as an
// article's id) or seen earlier in the run is not fetched again, and the store's own
// de-duplication (same id, same content) keeps anything from being stored twice. Every fetch,
// skip and error is one log line. docs/web.md.
//
// Thread safety: one call at a time per pipeline and fetcher.
#ifndef BANTIN_CRAWL_CRAWL_H_
#define BANTIN_CRAWL_CRAWL_H_

#include <functional>
#include <string>
#include <vector>

#include "bantin/pipeline.h"
#include "bantin/status.h"
#include "web/fetcher.h"

namespace bantin::crawl {

struct CrawlStats {
  size_t fetched = 0;         // responses received (pages, feeds, sitemaps)
  size_t articles = 0;        // pages read as articles
  size_t added = 0;           // articles the store took
  size_t already_stored = 0;  // pages not fetched (the folder has them), or stored already
  size_t robots = 0;          // URLs robots.txt forbids
  size_t errors = 0;          // fetches or pages that failed (each logged)
};

// Fetches `urls` (pages, feeds, sitemaps) once and adds their articles to `pipeline`.
// Returns non-OK only when the pipeline fails (the folder); a URL that fails is logged and counted.
Result<CrawlStats> FetchOnce(Pipeline& pipeline, web::Fetcher& fetcher, const std::vector<std::string>& urls,
                             const std::function<void(const std::string&)>& log);

}  // namespace bantin::crawl

#endif  // BANTIN_CRAWL_CRAWL_H_
