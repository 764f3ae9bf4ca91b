// ParseHtmlArticle (web/html_article.h): metadata, then the body by block scoring.
#include "web/html_article.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/ascii.h"
#include "web/charset.h"
#include "web/html_tree.h"

// data/web/outlets.tsv, linked in by builtin_outlets.S.
extern "C" const char bantin_outlets_model_begin[];
extern "C" const char bantin_outlets_model_end[];

namespace bantin::web {
namespace {

using Json = nlohmann::json;

using Node = HtmlNode;

std::string_view Name(const Node* n) { return n->tag; }

std::string Attr(const Node* n, std::string_view name) { return std::string(n->Attr(name)); }

// Appends `text` to `out` with every run of white space (and no-break space) as one space.
void AppendCollapsed(std::string_view text, std::string* out) {
  auto space_at = [&](size_t i) -> size_t {  // the length of the white space at i, 0 if none
    const unsigned char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') return 1;
    return c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0 ? 2 : 0;
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;  // a run of other characters, appended at once
    while (j < text.size() && space_at(j) == 0) ++j;
    out->append(text.data() + i, j - i);
    if (j == text.size()) return;
    while (j < text.size()) {
      const size_t n = space_at(j);
      if (n == 0) break;
      j += n;
    }
    if (!out->empty() && out->back() != ' ') out->push_back(' ');
    i = j;
  }
}

std::string Collapse(std::string_view s) {
  std::string out;
  AppendCollapsed(s, &out);
  return std::string(TrimAscii(out));
}

void AllText(const Node* n, std::string* out) {
  if (n->is_text) out->append(n->text);
  for (const Node* c = n->first_child; c != nullptr; c = c->next) AllText(c, out);
}

// The text under `n` (collapsed).
std::string TextOf(const Node* n) {
  std::string all;
  AllText(n, &all);
  return Collapse(all);
}

size_t Chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool In(std::string_view x, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), x) != set.end();
}

// Elements never part of an article's text.
bool DroppedTag(std::string_view tag) {
  if (tag.size() < 3 || tag.size() > 8) return false;  // the shortest is "map", the longest "textarea"
  return In(tag, {"script", "style", "noscript", "template", "iframe", "svg", "button", "input", "select", "textarea",
                  "form", "nav", "aside", "footer", "object", "embed", "video", "audio", "canvas", "map", "head",
                  "label", "dialog"});
}

bool BlockTag(std::string_view tag) {
  return In(tag, {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                  "blockquote", "table", "tbody", "thead", "tr", "td", "th", "figure", "figcaption", "header",
                  "pre", "dl", "dt", "dd", "address", "center", "body", "html", "hr", "caption"});
}

// Class and id words that name boilerplate: whole words ("ads", "tag") and parts of longer
// names ("box-tinlienquan", "social-share", "adsbygoogle").
bool BoilerplateName(const std::string& names) {
  static constexpr std::array<std::string_view, 37> kParts = {
      "related", "relate", "lienquan", "xemthem", "docthem", "comment", "binhluan", "share", "social", "banner",
      "advert", "adsbygoogle", "quangcao", "newsletter", "subscribe", "sidebar", "breadcrumb", "navbar", "menu",
      "footer", "popup", "modal", "outbrain", "taboola", "sponsor", "docnhieu", "mostread", "most-read",
      "trending", "widget", "tags", "keyword", "toolbar", "rating", "cungchuyenmuc", "tinkhac", "video"};
  for (std::string_view p : kParts) {
    if (names.find(p) != std::string::npos) return true;
  }
  size_t i = 0;
  while (i < names.size()) {
    size_t j = i;
    while (j < names.size() && std::isalnum(static_cast<unsigned char>(names[j]))) ++j;
    if (In(std::string_view(names).substr(i, j - i), {"ads", "ad", "adv", "nav", "tag", "player", "audio", "login",
                                                      "search", "hidden", "print", "qc"})) {
      return true;
    }
    i = j + 1;
  }
  return false;
}

// The attributes the walk reads, in one pass over an element's attributes.
struct Attrs {
  std::string names;  // class, id and type, lowercase, space-separated
  bool href = false, author = false, hidden = false, right = false;
};

Attrs ReadAttrs(const Node* n) {
  Attrs a;
  for (const auto& [key, value] : n->attrs) {
    if (key == "class" || key == "id" || key == "type") {
      a.names += AsciiLower(value);
      a.names += ' ';
    } else if (key == "href") {
      a.href = !value.empty();
    } else if (key == "rel" || key == "itemprop") {
      a.author = a.author || value == "author";
    } else if (key == "hidden") {
      a.hidden = true;
    } else if (key == "style" || key == "align") {
      std::string style = AsciiLower(value);
      style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
      a.hidden = a.hidden || style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
      a.right = a.right || style.find("text-align:right") != std::string::npos || style == "right";
    }
  }
  return a;
}

// A paragraph of the page: the text of one block element (or of a run between <br>s).
struct Block {
  std::string text;
  size_t link_chars = 0;
  size_t bold_chars = 0;
  const Node* owner = nullptr;  // the block element it is the text of
  int heading = 0;                 // 1-6 for h1-h6
  bool caption = false, byline = false, lead_hint = false, date_hint = false, right = false;
};

struct Walker {
  // Elements a class name may not drop: the title's ancestors (a main column may be called
  // "sidebar-1"); with `names_drop` false, none is dropped by its name (the second try, when
  // the first found no body).
  std::unordered_set<const Node*> kept;
  bool names_drop = true;
  std::vector<Block> blocks;
  Block current;
  struct Flags {
    bool link = false, bold = false, caption = false, byline = false, lead = false, date = false, right = false;
    int heading = 0;
  };

  void Flush() {
    current.text = std::string(TrimAscii(current.text));
    if (!current.text.empty()) blocks.push_back(std::move(current));
    current = Block();
  }

  void Text(std::string_view t, const Node* owner, const Flags& f) {
    if (current.text.empty() || current.owner == nullptr) {
      current.owner = owner;
      current.heading = f.heading;
      current.caption = f.caption;
      current.byline = f.byline;
      current.lead_hint = f.lead;
      current.date_hint = f.date;
      current.right = f.right;
    }
    const size_t before = current.text.size();
    AppendCollapsed(t, &current.text);
    const size_t added = Chars(std::string_view(current.text).substr(before));
    if (f.link) current.link_chars += added;
    if (f.bold) current.bold_chars += added;
  }

  void Walk(const Node* n, const Node* owner, Flags f) {
    for (const Node* c = n->first_child; c != nullptr; c = c->next) {
      if (c->is_text) {
        Text(c->text, owner, f);
        continue;
      }
      const std::string_view tag = Name(c);  // the HTML parser gives tags in lowercase
      if (DroppedTag(tag)) continue;
      const Attrs attrs = ReadAttrs(c);
      if (attrs.hidden) continue;
      const std::string& names = attrs.names;
      const bool structural = In(tag, {"html", "body", "main", "article"});
      if (!structural && names_drop && !kept.count(c) && BoilerplateName(names)) continue;
      if (tag == "br") {
        if (Name(owner) != std::string_view("p")) Flush();
        else Text(" ", owner, f);
        continue;
      }
      Flags g = f;
      if (tag == "a" && attrs.href) g.link = true;
      if (tag == "strong" || tag == "b") g.bold = true;
      if (tag == "figcaption" || tag == "figure" || names.find("caption") != std::string::npos ||
          (tag == "p" && names.starts_with("image "))) {
        g.caption = true;
      }
      if (names.find("author") != std::string::npos || names.find("byline") != std::string::npos ||
          names.find("tacgia") != std::string::npos || names.find("tac-gia") != std::string::npos || attrs.author) {
        g.byline = true;
      }
      for (std::string_view hint : {"sapo", "lead", "description", "summary", "chapeau", "excerpt", "intro"}) {
        if (names.find(hint) != std::string::npos) g.lead = true;
      }
      for (std::string_view hint : {"date", "time", "publish", "ngay"}) {
        if (names.find(hint) != std::string::npos) g.date = true;
      }
      if (attrs.right) g.right = true;
      if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') g.heading = tag[1] - '0';
      if (BlockTag(tag)) {
        Flush();
        Walk(c, c, g);
        Flush();
      } else {
        Walk(c, owner, g);
      }
    }
  }
};

// What the page's metadata says.
struct Meta {
  std::string title_tag, og_title, headline, description, site_name, publisher, canonical, og_url, ld_url;
  std::string published, time_datetime, author_meta, ld_author;
  std::vector<std::pair<std::string, const Node*>> h1;
};

std::string LdName(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("name") && v["name"].is_string()) return v["name"].get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const Json& x : v) {
      std::string one = LdName(x);
      if (!one.empty()) out += (out.empty() ? "" : " - ") + one;
    }
    return out;
  }
  return "";
}

bool IsArticleType(const Json& t) {
  auto one = [](const Json& x) {
    if (!x.is_string()) return false;
    const std::string s = x.get<std::string>();
    return s.find("Article") != std::string::npos || s == "BlogPosting";
  };
  if (t.is_array()) return std::any_of(t.begin(), t.end(), one);
  return one(t);
}

void ReadLd(const Json& v, Meta* m) {
  if (v.is_array()) {
    for (const Json& x : v) ReadLd(x, m);
    return;
  }
  if (!v.is_object()) return;
  if (v.contains("@graph")) ReadLd(v["@graph"], m);
  if (!v.contains("@type") || !IsArticleType(v["@type"])) return;
  auto str = [&](const char* key) { return v.contains(key) && v[key].is_string() ? v[key].get<std::string>() : ""; };
  if (m->headline.empty()) m->headline = Collapse(str("headline"));
  if (m->published.empty()) m->published = str("datePublished");
  if (m->description.empty()) m->description = Collapse(str("description"));
  if (m->ld_author.empty() && v.contains("author")) m->ld_author = Collapse(LdName(v["author"]));
  if (m->publisher.empty() && v.contains("publisher")) m->publisher = Collapse(LdName(v["publisher"]));
  if (m->ld_url.empty()) m->ld_url = str("url");
  if (m->ld_url.empty() && v.contains("mainEntityOfPage")) {
    const Json& e = v["mainEntityOfPage"];
    if (e.is_string()) m->ld_url = e.get<std::string>();
    else if (e.is_object() && e.contains("@id") && e["@id"].is_string()) m->ld_url = e["@id"].get<std::string>();
  }
}

void ReadMeta(const Node* n, Meta* m) {
  for (const Node* c = n; c != nullptr; c = c->next) {
    if (c->is_text) continue;
    const std::string_view tag = Name(c);  // lowercase from the HTML parser
    if (tag == "meta") {
      const std::string key = AsciiLower(Attr(c, "property") + Attr(c, "name") + Attr(c, "itemprop"));
      const std::string content = Collapse(Attr(c, "content"));
      if (content.empty()) continue;
      auto set = [&](std::string* field) { if (field->empty()) *field = content; };
      if (key == "og:title") set(&m->og_title);
      else if (key == "og:site_name") set(&m->site_name);
      else if (key == "og:url") set(&m->og_url);
      else if (key == "og:description" || key == "description") set(&m->description);
      else if (In(key, {"article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date.issued",
                        "dc.date", "article:published", "publish-date"})) set(&m->published);
      else if (key == "author" || key == "dable:author" || key == "article:author") {
        if (content.find("://") == std::string::npos) set(&m->author_meta);
      }
    } else if (tag == "link") {
      if (AsciiLower(Attr(c, "rel")) == "canonical" && m->canonical.empty()) m->canonical = Attr(c, "href");
    } else if (tag == "script") {
      if (AsciiLower(Attr(c, "type")) == "application/ld+json") {
        Json v = Json::parse(TextOf(c), nullptr, false);
        if (!v.is_discarded()) ReadLd(v, m);
      }
      continue;
    } else if (tag == "title") {
      if (m->title_tag.empty()) m->title_tag = TextOf(c);
      continue;
    } else if (tag == "time") {
      if (m->time_datetime.empty()) m->time_datetime = Attr(c, "datetime");
    } else if (tag == "h1") {
      if (std::string t = TextOf(c); !t.empty()) m->h1.emplace_back(t, c);
    }
    if (c->first_child) ReadMeta(c->first_child, m);
  }
}

// "Title - Outlet" -> "Title": the last " - ", " | ", " – " or " — " part cut when short.
std::string StripSiteSuffix(std::string title) {
  for (std::string_view sep : {" | ", " - ", " – ", " — "}) {
    const size_t at = title.rfind(sep);
    if (at != std::string::npos && at > 0 && Chars(title.substr(at + sep.size())) <= 40) return title.substr(0, at);
  }
  return title;
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (s.starts_with(p)) return true;
  }
  return false;
}

// Lines that invite to other articles, in the body's place.
bool Invitation(std::string_view s) {
  return StartsWithAny(s, {"Xem thêm", "XEM THÊM", "Đọc thêm", "ĐỌC THÊM", "Tin liên quan", "TIN LIÊN QUAN",
                           "Xem tiếp", "Xem video", "Tin cùng chuyên mục", ">>", "»", "►", "Mời quý độc giả",
                           "Mời bạn đọc"});
}

// The body's container: the element whose paragraphs score most (Readability's method).
const Node* BestContainer(const std::vector<Block>& blocks, std::unordered_map<const Node*, double>* scores) {
  std::unordered_map<const Node*, std::pair<size_t, size_t>> text;  // chars, link chars below
  for (const Block& b : blocks) {
    const size_t len = Chars(b.text);
    for (const Node* a = b.owner; a != nullptr; a = a->parent) {
      text[a].first += len;
      text[a].second += b.link_chars;
    }
    if (len < 25 || b.caption || b.byline || b.heading != 0 || 2 * b.link_chars > len) continue;
    double s = 1 + std::count(b.text.begin(), b.text.end(), ',') + std::min<double>(len / 100.0, 3.0);
    const bool paragraph = In(Name(b.owner), {"p", "li", "blockquote", "pre", "td", "dd"});
    const Node* first = paragraph ? b.owner->parent : b.owner;
    if (first != nullptr) {
      (*scores)[first] += s;
      if (first->parent != nullptr) (*scores)[first->parent] += s / 2;
    }
  }
  const Node* best = nullptr;
  double best_score = 0;
  for (auto& [n, s] : *scores) {
    const auto& [chars, links] = text[n];
    s *= 1.0 - (chars == 0 ? 0.0 : static_cast<double>(links) / chars);
    if (s > best_score || (s == best_score && best != nullptr && n->order < best->order)) best = n, best_score = s;
  }
  return best;
}

// The body's roots: the container, and its siblings that score a fifth of it (a body split
// around an ad).
std::vector<const Node*> BodyRoots(const Node* best, const std::unordered_map<const Node*, double>& scores) {
  std::vector<const Node*> roots = {best};
  const double best_score = scores.at(best);
  for (const Node* s = best->parent ? best->parent->first_child : nullptr; s != nullptr; s = s->next) {
    auto it = scores.find(s);
    if (s != best && it != scores.end() && it->second >= 0.2 * best_score) roots.push_back(s);
  }
  return roots;
}

bool Within(const Node* n, const std::vector<const Node*>& roots) {
  for (; n != nullptr; n = n->parent) {
    if (std::find(roots.begin(), roots.end(), n) != roots.end()) return true;
  }
  return false;
}

bool SameText(std::string_view a, std::string_view b) { return !a.empty() && a == b; }

// Whether a paragraph is the description (which may be cut short and end in "...").
bool MatchesDescription(std::string_view text, std::string description) {
  while (!description.empty() && (description.back() == '.' || description.back() == ' ')) description.pop_back();
  if (description.size() >= 3 && description.ends_with("…")) description.resize(description.size() - 3);
  while (!description.empty() && (description.back() == '.' || description.back() == ' ')) description.pop_back();
  if (Chars(description) < 20) return false;
  return text.starts_with(description) || (text.size() >= 40 && std::string_view(description).starts_with(text));
}

// A short name line (the author at the end of a body): no sentence's end, at most seven words.
bool NameLine(const Block& b) {
  const std::string& t = b.text;
  if (Chars(t) > 50 || t.ends_with(".") || t.ends_with(":") || t.ends_with("?") || t.ends_with("!")) return false;
  const size_t words = std::count(t.begin(), t.end(), ' ') + 1;
  if (words > 7) return false;
  const bool bold = b.bold_chars * 10 >= Chars(t) * 9;
  return bold || b.right || b.byline;
}

std::string ResolveUrl(const std::string& href, const std::string& base) {
  if (href.empty() || href.find("://") != std::string::npos) return href;
  const size_t scheme = base.find("://");
  if (scheme == std::string::npos) return href;
  if (href.starts_with("//")) return base.substr(0, scheme + 1) + href;
  const size_t host_end = base.find('/', scheme + 3);
  const std::string root = host_end == std::string::npos ? base : base.substr(0, host_end);
  return href.starts_with("/") ? root + href : href;
}

std::string Host(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  std::string host = url.substr(scheme + 3, url.find_first_of("/:?#", scheme + 3) - scheme - 3);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

// The outlet data/web/outlets.tsv names for `host` or a domain above it; "" if none.
std::string OutletOf(std::string host) {
  static const auto* outlets = [] {
    auto* m = new std::unordered_map<std::string, std::string>;
    std::string_view data(bantin_outlets_model_begin, static_cast<size_t>(bantin_outlets_model_end - bantin_outlets_model_begin));
    while (!data.empty()) {
      const size_t nl = data.find('\n');
      std::string_view line = data.substr(0, nl);
      data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
      const size_t tab = line.find('\t');
      if (line.starts_with("#") || tab == std::string_view::npos) continue;
      m->emplace(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
    }
    return m;
  }();
  while (!host.empty()) {
    if (auto it = outlets->find(host); it != outlets->end()) return it->second;
    const size_t dot = host.find('.');
    host = dot == std::string::npos ? "" : host.substr(dot + 1);
  }
  return "";
}

std::string CleanAuthor(std::string a) {
  for (std::string_view p : {"Tác giả:", "Tác giả", "Bài và ảnh:", "Bài, ảnh:", "Bài:", "Theo"}) {
    if (a.starts_with(p)) {
      a = std::string(TrimAscii(std::string_view(a).substr(p.size())));
      break;
    }
  }
  return a;
}

// What the blocks hold of an article; `body` empty when nothing was found.
struct Found {
  std::string lead, body, byline;
  std::vector<std::string> captions;
  size_t title_at = 0, first_body = 0;  // block indexes
};

Found Extract(const std::vector<Block>& blocks, const Meta& meta, const std::string& title) {
  Found f;
  std::unordered_map<const Node*, double> scores;
  const Node* best = BestContainer(blocks, &scores);
  if (best == nullptr) return f;
  const std::vector<const Node*> roots = BodyRoots(best, scores);
  std::vector<bool> in_body(blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i) in_body[i] = Within(blocks[i].owner, roots);

  // The lead: the paragraph the description starts, else one the markup calls a sapo, before
  // the body's first paragraph.
  size_t title_at = blocks.size(), lead_at = blocks.size(), first_body = blocks.size();
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (title_at == blocks.size() && blocks[i].heading == 1 && SameText(blocks[i].text, title)) title_at = i;
    if (first_body == blocks.size() && in_body[i] && !blocks[i].caption &&
        blocks[i].heading == 0 && Chars(blocks[i].text) >= 25) {
      first_body = i;
    }
  }
  f.title_at = title_at == blocks.size() ? 0 : title_at;
  f.first_body = first_body;
  const size_t from = title_at == blocks.size() ? 0 : title_at + 1;
  for (size_t i = from; i < blocks.size() && i <= first_body; ++i) {
    if (!blocks[i].caption && !blocks[i].byline && MatchesDescription(blocks[i].text, meta.description)) {
      lead_at = i;
      break;
    }
  }
  for (size_t i = from; lead_at == blocks.size() && i < blocks.size() && i <= first_body; ++i) {
    if (blocks[i].lead_hint && !blocks[i].caption && Chars(blocks[i].text) >= 25) lead_at = i;
  }
  if (lead_at != blocks.size()) f.lead = blocks[lead_at].text;

  // The body, the captions and the author line.
  std::vector<size_t> body;
  std::string byline_before;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (i == lead_at || i == title_at) continue;
    if (b.byline && !ParsePageDate(b.text, nullptr, nullptr) && Chars(b.text) <= 60) {
      if (i < from) byline_before = b.text;  // the last before the title
      else if (f.byline.empty()) f.byline = b.text;  // the first after it, preferred
    }
    if (b.caption && !b.byline && (in_body[i] || (i >= from && i < first_body))) {
      f.captions.push_back(b.text);
      continue;
    }
    if (!in_body[i] || b.byline) continue;
    const size_t len = Chars(b.text);
    if (Invitation(b.text) || 2 * b.link_chars > len || SameText(b.text, title) || SameText(b.text, f.lead)) continue;
    body.push_back(i);
  }
  if (!body.empty() && NameLine(blocks[body.back()]) && body.size() > 1) {
    if (f.byline.empty()) f.byline = blocks[body.back()].text;
    body.pop_back();
  }
  if (f.byline.empty()) f.byline = byline_before;
  for (size_t i : body) f.body += (f.body.empty() ? "" : "\n") + blocks[i].text;
  return f;
}

}  // namespace

Result<Article> ParseHtmlArticle(std::string id, std::string origin, std::string_view bytes, const PageInfo& info) {
  auto utf8 = ToUtf8(origin, bytes, DeclaredCharset(bytes, info.content_type));
  if (!utf8) return Err(utf8.error());
  const std::unique_ptr<HtmlTree> tree = HtmlTree::Parse(*utf8);
  const Node* root = tree->root();
  if (root == nullptr) return Err(Status::InvalidArgument(origin, "not an HTML page (nothing parsed)"));
  Meta meta;
  ReadMeta(root, &meta);
  Article a;
  a.id = std::move(id);
  a.origin = std::move(origin);
  // Title: the page's h1 when the metadata agrees with it, else the metadata's.
  const std::string meta_title = !meta.headline.empty() ? meta.headline : !meta.og_title.empty() ? meta.og_title : meta.title_tag;
  const Node* title_node = nullptr;
  for (const auto& [h, node] : meta.h1) {
    if (Chars(h) >= 10 && (meta_title.find(h) != std::string::npos || meta.title_tag.find(h) != std::string::npos)) {
      a.title = h;
      title_node = node;
      break;
    }
  }
  if (a.title.empty()) a.title = meta.headline.empty() ? StripSiteSuffix(meta.og_title.empty() ? meta.title_tag : meta.og_title) : meta.headline;
  if (a.title.empty() && !meta.h1.empty()) a.title = meta.h1.front().first, title_node = meta.h1.front().second;
  if (a.title.empty()) return Err(Status::InvalidArgument(a.origin, "no title (no <h1>, og:title, JSON-LD headline or <title>)"));

  // The blocks, the second time without dropping elements for their names when the first
  // finds no body (Readability's retry).
  Walker walker;
  for (const Node* n = title_node; n != nullptr; n = n->parent) walker.kept.insert(n);
  Found found;
  for (int attempt = 0; attempt < 2 && found.body.empty(); ++attempt) {
    walker.blocks.clear();
    walker.names_drop = attempt == 0;
    walker.Walk(root, root, {});
    walker.Flush();
    found = Extract(walker.blocks, meta, a.title);
  }
  if (found.body.empty()) return Err(Status::InvalidArgument(a.origin, "no article text found on the page"));
  const std::vector<Block>& blocks = walker.blocks;
  a.lead = std::move(found.lead);
  a.body = std::move(found.body);
  a.captions = std::move(found.captions);
  a.author = CleanAuthor(!found.byline.empty() ? found.byline : !meta.ld_author.empty() ? meta.ld_author : meta.author_meta);

  // Date: JSON-LD or meta, then <time>, then the date line nearest the title (one the markup
  // calls a date first), then the caller's.
  Date date;
  std::string time;
  bool dated = (!meta.published.empty() && ParsePageDate(meta.published, &date, &time)) ||
               (!meta.time_datetime.empty() && ParsePageDate(meta.time_datetime, &date, &time));
  for (int hinted = 1; hinted >= 0 && !dated; --hinted) {
    size_t nearest = blocks.size(), distance = SIZE_MAX;
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (Chars(blocks[i].text) > 80 || (hinted && !blocks[i].date_hint) || (!hinted && i >= found.first_body)) continue;
      const size_t d = i > found.title_at ? i - found.title_at : found.title_at - i;
      if (d < distance && ParsePageDate(blocks[i].text, nullptr, nullptr)) nearest = i, distance = d;
    }
    if (nearest != blocks.size()) dated = ParsePageDate(blocks[nearest].text, &date, &time);
  }
  if (dated) {
    a.date = date;
    a.time = time;
  } else {
    a.date = info.date;
  }
  a.url = ResolveUrl(!meta.canonical.empty() ? meta.canonical : !meta.og_url.empty() ? meta.og_url : !meta.ld_url.empty() ? meta.ld_url : info.url,
                     info.url);
  a.source = !meta.site_name.empty() ? meta.site_name : !meta.publisher.empty() ? meta.publisher : OutletOf(Host(a.url));
  if (a.source.empty()) a.source = Host(a.url);
  ComposeText(&a);
  return a;
}

}  // namespace bantin::web
