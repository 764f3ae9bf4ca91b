// Article helpers (bantin/article.h).
#include "bantin/article.h"

namespace bantin {
namespace {

void AddParagraph(Article* a, ParagraphKind kind, std::string_view content) {
  auto begin = static_cast<uint32_t>(a->text.size());
  a->text += content;
  a->paragraphs.push_back({kind, begin, static_cast<uint32_t>(a->text.size())});
}

}  // namespace

void ComposeText(Article* a) {
  a->text.clear();
  a->paragraphs.clear();
  AddParagraph(a, ParagraphKind::kTitle, a->title);
  if (!a->lead.empty()) {
    a->text += "\n\n";
    AddParagraph(a, ParagraphKind::kLead, a->lead);
  }
  std::string_view body = a->body;
  bool first = true;
  while (!body.empty()) {
    size_t nl = body.find('\n');
    std::string_view para = body.substr(0, nl);
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    while (!para.empty() && (para.back() == '\r' || para.back() == ' ')) para.remove_suffix(1);
    if (para.empty()) continue;
    a->text += first ? "\n\n" : "\n";
    first = false;
    AddParagraph(a, ParagraphKind::kBody, para);
  }
  first = true;
  for (const std::string& caption : a->captions) {
    if (caption.empty()) continue;
    a->text += first ? "\n\n" : "\n";
    first = false;
    AddParagraph(a, ParagraphKind::kCaption, caption);
  }
  a->text_is_source = false;
}

}  // namespace bantin
