#include "ingest/jsonl_article.h"

#include <simdjson.h>

#include "text/utf8.h"

namespace bantin::ingest {
namespace {

namespace dom = simdjson::dom;

// Copies field `key` of `value` into `out`: a string, or (when `allow_number`) a number's
// literal. null counts as absent. Returns an error message, or empty when fine.
std::string ReadField(std::string_view key, dom::element value, bool allow_number,
                      std::string* out) {
  switch (value.type()) {
    case dom::element_type::NULL_VALUE:
      return {};
    case dom::element_type::STRING:
      out->assign(std::string_view(value));
      return {};
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
      if (allow_number) {
        out->assign(simdjson::minify(value));
        return {};
      }
      break;
    default:
      break;
  }
  return "field \"" + std::string(key) + "\": expected a string";
}

void AddParagraph(Article* a, ParagraphKind kind, std::string_view content) {
  auto begin = static_cast<uint32_t>(a->text.size());
  a->text += content;
  a->paragraphs.push_back({kind, begin, static_cast<uint32_t>(a->text.size())});
}

// Builds `text` and the paragraph spans from the fields.
void Compose(Article* a) {
  a->text.clear();
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
  a->text_is_source = false;
}

Result<Article> ParseLine(dom::parser& parser, std::string_view line, const std::string& origin,
                          std::string_view stem, size_t number) {
  auto bad = [&](std::string_view what) { return Err(Status::InvalidArgument(origin, what)); };
  dom::element doc;
  if (auto error = parser.parse(line.data(), line.size(), false).get(doc); error) {
    return bad(std::string("malformed JSON: ") + simdjson::error_message(error));
  }
  dom::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) return bad("not a JSON object");
  Article a;
  a.origin = origin;
  std::string date;
  for (dom::key_value_pair field : obj) {
    std::string* out = nullptr;
    bool number = false;
    if (field.key == "id") { out = &a.id; number = true; }
    else if (field.key == "title") out = &a.title;
    else if (field.key == "lead") out = &a.lead;
    else if (field.key == "body") out = &a.body;
    else if (field.key == "date") out = &date;
    else if (field.key == "url") out = &a.url;
    else if (field.key == "source") out = &a.source;
    else if (field.key == "category") out = &a.category;
    else if (field.key == "lang") out = &a.lang;
    if (out == nullptr) continue;  // unknown fields are ignored
    if (std::string error = ReadField(field.key, field.value, number, out); !error.empty()) {
      return bad(error);
    }
  }
  if (a.title.find_first_not_of(" \t\r\n") == std::string::npos) return bad("missing title");
  if (!date.empty()) {
    auto d = Date::Parse(date);
    if (!d) return bad("field \"date\": \"" + date.substr(0, 40) + "\" is not an ISO 8601 date");
    a.date = *d;
  }
  if (a.id.empty()) a.id = std::string(stem) + ":" + std::to_string(number);
  Compose(&a);
  return a;
}

}  // namespace

void ParseJsonl(std::string_view name, std::string_view stem, std::string_view data,
                bool replace_invalid,
                const std::function<void(Article)>& on_article,
                const std::function<void(const Status&)>& on_error,
                const std::function<void(uint64_t done, uint64_t total)>& progress) {
  // simdjson reads up to SIMDJSON_PADDING bytes past a document: give it a padded copy so
  // every line may be parsed in place.
  simdjson::padded_string padded(data);
  std::string_view all(padded.data(), padded.size());
  dom::parser parser;
  size_t start = 0, number = 0;
  while (start < all.size()) {
    ++number;
    if (progress && number % 256 == 0) progress(start, all.size());
    size_t nl = all.find('\n', start);
    size_t end = nl == std::string_view::npos ? all.size() : nl;
    std::string_view line = all.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string origin = std::string(name) + ":" + std::to_string(number);
    size_t replaced = 0;
    simdjson::padded_string fixed;
    if (replace_invalid && text::FindInvalidUtf8(line) != text::kNoError) {
      fixed = simdjson::padded_string(text::ReplaceInvalidUtf8(line, &replaced));
      line = std::string_view(fixed.data(), fixed.size());
    }
    auto article = ParseLine(parser, line, origin, stem, number);
    if (article) {
      article->invalid_utf8_replaced = static_cast<uint32_t>(replaced);
      on_article(std::move(*article));
    } else {
      on_error(article.error());
    }
  }
}

}  // namespace bantin::ingest
