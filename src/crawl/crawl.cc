#include "crawl/crawl.h"

#include <unordered_set>

#include "web/feeds.h"
#include "web/html_article.h"

namespace bantin::crawl {

Result<CrawlStats> FetchOnce(Pipeline& pipeline, web::Fetcher& fetcher, const std::vector<std::string>& urls,
                             const std::function<void(const std::string&)>& log) {
  CrawlStats stats;
  auto say = [&](const std::string& line) {
    if (log) log(line);
  };
  std::unordered_set<std::string> seen;
  std::vector<Article> articles;
  auto stored = [&](const std::string& url) { return pipeline.store().Get(url).has_value(); };
  // Fetches one URL; feeds and sitemaps recurse into their items (`depth` levels of sitemaps).
  std::function<void(const std::string&, int)> visit = [&](const std::string& url, int depth) {
    if (!seen.insert(url).second) return;
    if (stored(url)) {
      ++stats.already_stored;
      say("skipped " + url + ": already stored");
      return;
    }
    if (!fetcher.Allowed(url)) {
      ++stats.robots;
      say("skipped " + url + ": robots.txt disallows it");
      return;
    }
    auto got = fetcher.Get(url);
    if (!got) {
      ++stats.errors;  // the fetcher logged it
      return;
    }
    ++stats.fetched;
    say("fetched " + url + " (HTTP " + std::to_string(got->status) + ", " + std::to_string(got->body.size()) + " bytes)");
    if (web::LooksLikeFeed(got->content_type, got->body)) {
      auto items = web::ParseFeed(url, got->body);
      if (!items) {
        ++stats.errors;
        say("error " + items.error().message());
        return;
      }
      for (const web::FeedItem& item : *items) {
        if (item.sitemap && depth == 0) continue;
        visit(item.url, item.sitemap ? depth - 1 : depth);
      }
      return;
    }
    web::PageInfo info;
    info.url = got->url;
    info.content_type = got->content_type;
    auto article = web::ParseHtmlArticle(got->url, got->url, got->body, info);
    if (!article) {
      ++stats.errors;
      say("error " + article.error().message());
      return;
    }
    if (!article->url.empty()) article->id = article->url;
    if (article->id != url && !seen.insert(article->id).second) return;  // two URLs, one canonical page
    ++stats.articles;
    articles.push_back(std::move(*article));
  };
  for (const std::string& url : urls) visit(url, 1);
  if (articles.empty()) return stats;
  auto added = pipeline.Add(articles);
  if (!added) return Err(added.error());
  stats.added = added->stats.added;
  stats.already_stored += added->stats.duplicate_id + added->stats.duplicate_content;
  return stats;
}

}  // namespace bantin::crawl
