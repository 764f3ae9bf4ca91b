#include "web/feeds.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>

#include "base/ascii.h"
#include "web/html_article.h"

namespace bantin::web {
namespace {

std::string_view LocalName(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string Text(const xmlNode* n) {
  xmlChar* t = xmlNodeGetContent(n);
  if (t == nullptr) return "";
  std::string s(TrimAscii(reinterpret_cast<const char*>(t)));
  xmlFree(t);
  return s;
}

const xmlNode* Child(const xmlNode* n, std::string_view name) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && LocalName(c) == name) return c;
  }
  return nullptr;
}

std::string ChildText(const xmlNode* n, std::string_view name) {
  const xmlNode* c = Child(n, name);
  return c ? Text(c) : "";
}

// RSS dates are RFC 822 ("Wed, 24 Dec 2025 14:30:00 +0700"); Atom and sitemaps ISO 8601.
std::optional<Date> FeedDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  Date d;
  if (ParsePageDate(text, &d, nullptr)) return d;
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int day = 0, year = 0, h = 0, m = 0, s = 0;
  char month[4] = {}, zone[8] = {};
  const char* p = text.c_str();
  if (const char* comma = std::strchr(p, ','); comma) p = comma + 1;
  const int got = std::sscanf(p, " %d %3s %d %d:%d:%d %7s", &day, month, &year, &h, &m, &s, zone);
  if (got < 3) return std::nullopt;
  for (int i = 0; i < 12; ++i) {
    if (std::strcmp(month, kMonths[i]) != 0) continue;
    char iso[64];
    std::string offset = "+07:00";
    if (got == 7 && (zone[0] == '+' || zone[0] == '-') && std::strlen(zone) == 5) {
      offset = std::string(zone, 3) + ":" + std::string(zone + 3, 2);
    } else if (got == 7) {
      offset = "Z";  // GMT, UT and the other names
    }
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d%s", year, i + 1, day, h, m, s, offset.c_str());
    if (ParsePageDate(iso, &d, nullptr)) return d;
  }
  return std::nullopt;
}

}  // namespace

bool LooksLikeFeed(std::string_view content_type, std::string_view bytes) {
  const std::string type = AsciiLower(content_type);
  if (type.find("html") != std::string::npos) return false;
  if (type.find("xml") != std::string::npos || type.find("rss") != std::string::npos || type.find("atom") != std::string::npos) {
    return true;
  }
  const size_t b = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (b == std::string_view::npos) return false;
  const std::string_view head = bytes.substr(b, 512);
  if (head.starts_with("<?xml")) return head.find("<html") == std::string_view::npos;
  return head.starts_with("<rss") || head.starts_with("<feed") || head.starts_with("<urlset") || head.starts_with("<sitemapindex");
}

Result<std::vector<FeedItem>> ParseFeed(std::string_view name, std::string_view bytes) {
  xmlResetLastError();
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
      xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA),
      xmlFreeDoc);
  if (!doc) {
    const xmlError* e = xmlGetLastError();
    std::string where(name);
    if (e != nullptr && e->line > 0) where += ":" + std::to_string(e->line);
    std::string what = e != nullptr && e->message != nullptr ? e->message : "unknown error";
    while (!what.empty() && what.back() == '\n') what.pop_back();
    return Err(Status::InvalidArgument(where, "malformed XML: " + what));
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  std::vector<FeedItem> items;
  const std::string_view kind = root ? LocalName(root) : "";
  if (kind == "rss" || kind == "RDF") {
    const xmlNode* channel = Child(root, "channel");
    const xmlNode* parent = kind == "rss" ? channel : root;  // RSS 1.0 keeps items beside the channel
    for (const xmlNode* c = parent ? parent->children : nullptr; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || LocalName(c) != "item") continue;
      FeedItem item;
      item.url = ChildText(c, "link");
      if (item.url.empty()) {
        const xmlNode* guid = Child(c, "guid");
        if (guid != nullptr) item.url = Text(guid);
      }
      item.title = ChildText(c, "title");
      std::string date = ChildText(c, "pubDate");
      if (date.empty()) date = ChildText(c, "date");  // dc:date
      item.date = FeedDate(date);
      if (!item.url.empty()) items.push_back(std::move(item));
    }
  } else if (kind == "feed") {
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || LocalName(c) != "entry") continue;
      FeedItem item;
      for (const xmlNode* l = c->children; l != nullptr; l = l->next) {
        if (l->type != XML_ELEMENT_NODE || LocalName(l) != "link") continue;
        xmlChar* rel = xmlGetProp(l, reinterpret_cast<const xmlChar*>("rel"));
        xmlChar* href = xmlGetProp(l, reinterpret_cast<const xmlChar*>("href"));
        const bool alternate = rel == nullptr || std::strcmp(reinterpret_cast<const char*>(rel), "alternate") == 0;
        if (alternate && href != nullptr && item.url.empty()) item.url = reinterpret_cast<const char*>(href);
        xmlFree(rel);
        xmlFree(href);
      }
      item.title = ChildText(c, "title");
      std::string date = ChildText(c, "published");
      if (date.empty()) date = ChildText(c, "updated");
      item.date = FeedDate(date);
      if (!item.url.empty()) items.push_back(std::move(item));
    }
  } else if (kind == "urlset" || kind == "sitemapindex") {
    const std::string_view entry = kind == "urlset" ? "url" : "sitemap";
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || LocalName(c) != entry) continue;
      FeedItem item;
      item.url = ChildText(c, "loc");
      item.sitemap = kind == "sitemapindex";
      std::string date = ChildText(c, "lastmod");
      if (const xmlNode* news = Child(c, "news")) {
        if (std::string d = ChildText(news, "publication_date"); !d.empty()) date = d;
        item.title = ChildText(news, "title");
      }
      item.date = FeedDate(date);
      if (!item.url.empty()) items.push_back(std::move(item));
    }
  } else {
    return Err(Status::InvalidArgument(std::string(name), "not a feed or sitemap (its root is <" + std::string(kind) + ">)"));
  }
  return items;
}

}  // namespace bantin::web
