#include "ingest/jsonl_article.h"

#include <simdjson.h>

#include "text/utf8.h"
#include "web/html_article.h"

namespace bantin::ingest {
namespace {

namespace dom = simdjson::dom;

// Article fields are flat: a line nested deeper than this is refused (not recursed into).
constexpr size_t kMaxDepth = 64;
constexpr size_t kParserCapacity = size_t{1} << 20;  // grown for longer lines

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

Result<Article> ParseLine(dom::parser& parser, std::string_view line, const std::string& origin,
                          std::string_view stem, size_t number) {
  auto bad = [&](std::string_view what) { return Err(Status::InvalidArgument(origin, what)); };
  dom::element doc;
  if (auto error = parser.parse(line.data(), line.size(), true).get(doc); error) {
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
    // A date-time ("2025-12-24T14:30:00+07:00") keeps its time, moved to Vietnam's (UTC+7)
    // with the day, as a web page's is.
    Date local;
    if (date.size() > 10 && web::ParsePageDate(date, &local, &a.time)) a.date = local;
  }
  if (a.id.empty()) a.id = std::string(stem) + ":" + std::to_string(number);
  ComposeText(&a);
  return a;
}

}  // namespace

void ParseJsonl(std::string_view name, std::string_view stem, SequentialFile& source, const JsonlOptions& options,
                const std::function<void(Article)>& on_article,
                const std::function<void(const Status&)>& on_error,
                const std::function<void(uint64_t done, uint64_t total)>& progress) {
  dom::parser parser;
  if (parser.allocate(kParserCapacity, kMaxDepth) != simdjson::SUCCESS) {
    return on_error(Status::IOError(std::string(name), "out of memory for the JSON parser"));
  }
  const size_t max_line = options.max_article_bytes == 0 ? SIZE_MAX : 4 * options.max_article_bytes + (size_t{1} << 20);
  std::string buf;   // unread input: lines from `pos` on
  size_t pos = 0, scanned = 0;  // no newline in [pos, scanned)
  size_t number = 0;
  bool skipping = false;  // inside an over-long line, dropping bytes up to its end
  bool at_end = false;
  constexpr size_t kChunk = size_t{1} << 20;
  auto where = [&](size_t line) { return std::string(name) + ":" + std::to_string(line); };
  auto handle = [&](std::string_view line) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
    const std::string origin = where(number);
    size_t replaced = 0;
    std::string fixed;
    if (options.replace_invalid_utf8 && text::FindInvalidUtf8(line) != text::kNoError) {
      fixed = text::ReplaceInvalidUtf8(line, &replaced);
      line = fixed;
    }
    auto article = ParseLine(parser, line, origin, stem, number);
    if (!article) return on_error(article.error());
    if (options.max_article_bytes != 0 && article->text.size() > options.max_article_bytes) {
      return on_error(Status::InvalidArgument(
          origin, "article text is " + std::to_string(article->text.size()) + " bytes, more than the limit of " +
                      std::to_string(options.max_article_bytes) + " (--max-article-bytes); skipped"));
    }
    article->invalid_utf8_replaced = static_cast<uint32_t>(replaced);
    on_article(std::move(*article));
  };
  while (true) {
    const size_t nl = buf.find('\n', scanned);
    if (nl != std::string::npos) {
      ++number;
      if (!skipping) handle(std::string_view(buf).substr(pos, nl - pos));
      skipping = false;
      pos = scanned = nl + 1;
      if (progress && number % 256 == 0) progress(source.consumed(), source.size());
      continue;
    }
    scanned = buf.size();
    if (!skipping && buf.size() - pos > max_line) {
      on_error(Status::InvalidArgument(where(number + 1), "line longer than " + std::to_string(max_line) +
                                                              " bytes (an article's text may be at most " +
                                                              std::to_string(options.max_article_bytes) +
                                                              ", --max-article-bytes); skipped"));
      skipping = true;
    }
    if (skipping) pos = scanned = buf.size();
    if (at_end) break;
    buf.erase(0, pos);
    scanned -= pos;
    pos = 0;
    const size_t have = buf.size();
    buf.resize(have + kChunk);
    auto got = source.Read(buf.data() + have, kChunk);
    if (!got) {
      buf.resize(have);
      // The line being read is cut: what came before it was read whole.
      on_error(got.error()
                   .WithSuffix("; the " + std::to_string(number) + " lines before were read")
                   .WithContext(where(number + 1)));
      return;
    }
    buf.resize(have + *got);
    at_end = *got == 0;
  }
  if (!skipping && pos < buf.size()) {  // a last line without a newline
    ++number;
    handle(std::string_view(buf).substr(pos));
  }
}

}  // namespace bantin::ingest
