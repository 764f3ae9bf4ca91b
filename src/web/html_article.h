// A news article from a web page: the title, the lead (sapo), body paragraphs in order, photo
// captions, the author, the publication date and time, the canonical URL and the outlet's name,
// without the page's navigation, ads, related-article lists, "Xem thêm" links, share bars,
// tags, comments, newsletter boxes and scripts. docs/web.md says how.
//
// The method is general (no outlet's markup in code): the page is parsed with libxml2's
// forgiving HTML parser; metadata comes from JSON-LD (NewsArticle), <meta> (Open Graph,
// article:published_time, author), <link rel=canonical>, <time> and the visible Vietnamese date
// line ("Thứ sáu, 24/12/2025, 14:30 (GMT+7)"); the body is the block of the page whose
// paragraphs carry the most text and the fewest links (scored as Readability does: text length
// and commas, passed up to parent and grandparent, discounted by link density), with elements
// whose tag or class names boilerplate removed first.
//
// Thread safety: stateless.
#ifndef BANTIN_WEB_HTML_ARTICLE_H_
#define BANTIN_WEB_HTML_ARTICLE_H_

#include <optional>
#include <string>
#include <string_view>

#include "bantin/article.h"
#include "bantin/status.h"

namespace bantin::web {

struct PageInfo {
  std::string url;            // where the page was fetched from ("" unknown): resolves relative links
  std::string content_type;   // the HTTP Content-Type header ("" unknown): its charset comes first
  std::optional<Date> date;   // the date to use when the page states none (a WARC record's date)
};

// The article of page `bytes` (any charset), with `id` and `origin`. InvalidArgument naming
// `origin` when the page has no title or no body text, or a charset ICU does not know.
Result<Article> ParseHtmlArticle(std::string id, std::string origin, std::string_view bytes, const PageInfo& info);

// Parses a publication date-time as pages write it: ISO 8601 ("2025-12-24T07:30:00Z",
// "2025-12-24 14:30:00+07:00") or Vietnamese ("24/12/2025 14:30", "Thứ sáu, 24/12/2025, 14:30
// (GMT+7)", "14:30 24-12-2025", "20 tháng 9, 2017", "ngày 20 tháng 9 năm 2017"). A time with an offset is moved to Vietnam's (UTC+7), so the
// date is the outlet's day. `time` (optional) receives "HH:MM" or "". False when none is found.
bool ParsePageDate(std::string_view text, Date* date, std::string* time);

}  // namespace bantin::web

#endif  // BANTIN_WEB_HTML_ARTICLE_H_
