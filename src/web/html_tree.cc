#include "web/html_tree.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace bantin::web {
namespace {

bool Kept(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kKept = {"class", "id", "type", "href", "rel", "itemprop", "hidden",
                                                             "style", "align", "property", "name", "content", "datetime", "charset"};
  return std::find(kKept.begin(), kKept.end(), name) != kKept.end();
}

}  // namespace

std::string_view HtmlNode::Attr(std::string_view name) const {
  for (const auto& [k, v] : attrs) {
    if (k == name) return v;
  }
  return {};
}

bool HtmlNode::Has(std::string_view name) const {
  return std::any_of(attrs.begin(), attrs.end(), [&](const auto& kv) { return kv.first == name; });
}

struct HtmlTree::Builder {
  HtmlTree* tree;
  HtmlNode* current = nullptr;

  HtmlNode* Add(HtmlNode node) {
    node.order = tree->nodes_.size();
    HtmlNode* n = &tree->nodes_.emplace_back(std::move(node));
    n->parent = current;
    if (current != nullptr) {
      if (current->last_child != nullptr) current->last_child->next = n;
      else current->first_child = n;
      current->last_child = n;
    }
    return n;
  }

  static void Start(void* ctx, const xmlChar* name, const xmlChar** atts) {
    auto* b = static_cast<Builder*>(static_cast<xmlParserCtxt*>(ctx)->_private);
    if (b->current == nullptr && b->tree->root_ != nullptr) return;  // a second root: ignored
    HtmlNode node;
    node.tag = reinterpret_cast<const char*>(name);
    for (const xmlChar** a = atts; a != nullptr && a[0] != nullptr; a += 2) {
      std::string key = reinterpret_cast<const char*>(a[0]);
      for (char& c : key) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      if (!Kept(key)) continue;
      node.attrs.emplace_back(std::move(key), a[1] != nullptr ? reinterpret_cast<const char*>(a[1]) : "");
    }
    HtmlNode* n = b->Add(std::move(node));
    if (b->tree->root_ == nullptr) b->tree->root_ = n;
    b->current = n;
  }

  static void End(void* ctx, const xmlChar*) {
    auto* b = static_cast<Builder*>(static_cast<xmlParserCtxt*>(ctx)->_private);
    if (b->current != nullptr) b->current = b->current->parent;
  }

  static void Text(void* ctx, const xmlChar* ch, int len) {
    auto* b = static_cast<Builder*>(static_cast<xmlParserCtxt*>(ctx)->_private);
    if (b->current == nullptr || len <= 0) return;
    HtmlNode* last = b->current->last_child;
    if (last != nullptr && last->is_text) {
      last->text.append(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
      return;
    }
    HtmlNode node;
    node.is_text = true;
    node.text.assign(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
    b->Add(std::move(node));
  }
};

std::unique_ptr<HtmlTree> HtmlTree::Parse(std::string_view html) {
  auto tree = std::unique_ptr<HtmlTree>(new HtmlTree());
  Builder builder{tree.get()};
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size()));
  if (ctxt == nullptr) return tree;
  // Our handler in place of the default one (which would build libxml2's DOM).
  std::memset(ctxt->sax, 0, sizeof(htmlSAXHandler));
  ctxt->sax->startElement = Builder::Start;
  ctxt->sax->endElement = Builder::End;
  ctxt->sax->characters = Builder::Text;
  ctxt->sax->ignorableWhitespace = Builder::Text;  // white space between inline elements separates words
  ctxt->sax->cdataBlock = Builder::Text;           // script and style contents (JSON-LD)
  ctxt->_private = &builder;
  htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  // The bytes are UTF-8 already: an encoder set keeps a <meta charset> from switching it.
  xmlSwitchToEncoding(ctxt, xmlFindCharEncodingHandler("UTF-8"));
  htmlParseDocument(ctxt);
  if (ctxt->myDoc != nullptr) xmlFreeDoc(ctxt->myDoc);
  htmlFreeParserCtxt(ctxt);
  return tree;
}

}  // namespace bantin::web
