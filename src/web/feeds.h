// News feeds and sitemaps: RSS 2.0 (<rss><channel><item>), Atom 1.0 (<feed><entry>), sitemaps
// (<urlset><url><loc>, with Google News' <news:news> publication date and title) and sitemap
// indexes (<sitemapindex><sitemap><loc>: further sitemaps). Parsed with libxml2, no network
// and no entity expansion. docs/web.md.
//
// Thread safety: stateless.
#ifndef BANTIN_WEB_FEEDS_H_
#define BANTIN_WEB_FEEDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/article.h"
#include "bantin/status.h"

namespace bantin::web {

struct FeedItem {
  std::string url;
  std::string title;        // may be empty
  std::optional<Date> date;  // publication date when the feed gives one
  bool sitemap = false;      // a further sitemap (from a sitemap index), not an article
};

// Whether a response is a feed or sitemap rather than a page: its Content-Type says XML, RSS or
// Atom, or its bytes start (after white space) with "<?xml" followed by no <html>, "<rss",
// "<feed" or "<urlset"/"<sitemapindex".
bool LooksLikeFeed(std::string_view content_type, std::string_view bytes);

// The items of a feed or sitemap. InvalidArgument naming `name` and the line for malformed XML
// or a document that is none of the four kinds.
Result<std::vector<FeedItem>> ParseFeed(std::string_view name, std::string_view bytes);

}  // namespace bantin::web

#endif  // BANTIN_WEB_FEEDS_H_
