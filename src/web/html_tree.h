// A page's elements and text as the article extractor reads them, built from libxml2's HTML
// parser in SAX mode. The parser's own error recovery (implied and misnested tags) shapes the
// tree exactly as it shapes libxml2's DOM, but no libxml2 tree is made: allocating and freeing
// it was most of a page's parse time. Only the attributes the extractor reads are kept.
//
// Thread safety: a tree is immutable once parsed; parse many pages on many threads at once.
#ifndef BANTIN_WEB_HTML_TREE_H_
#define BANTIN_WEB_HTML_TREE_H_

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bantin::web {

struct HtmlNode {
  bool is_text = false;
  std::string tag;   // an element's name, lowercase as the parser gives it
  std::string text;  // a text node's text (script and style contents too), as in the page
  size_t order = 0;  // position in document order
  HtmlNode* parent = nullptr;
  HtmlNode* first_child = nullptr;
  HtmlNode* last_child = nullptr;
  HtmlNode* next = nullptr;
  // Attributes the extractor reads (class, id, type, href, rel, itemprop, hidden, style, align,
  // property, name, content, datetime, charset), lowercase names, values as written.
  std::vector<std::pair<std::string, std::string>> attrs;

  // The attribute's value, "" when absent.
  std::string_view Attr(std::string_view name) const;
  bool Has(std::string_view name) const;
};

class HtmlTree {
 public:
  // Parses UTF-8 `html` (any malformation recovered from). Null root: nothing parsed.
  static std::unique_ptr<HtmlTree> Parse(std::string_view html);
  const HtmlNode* root() const { return root_; }

 private:
  struct Builder;
  std::deque<HtmlNode> nodes_;  // stable addresses while the tree grows
  HtmlNode* root_ = nullptr;
};

}  // namespace bantin::web

#endif  // BANTIN_WEB_HTML_TREE_H_
