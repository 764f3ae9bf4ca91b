// Parsing JSONL article files: one JSON object per line with the fields
//   id, title (required), lead, body (paragraphs separated by "\n"), date (ISO 8601),
//   url, source, category, lang
// (the schema of ../shared/README.md). Unknown fields are ignored. The article's text is composed
// as title "\n\n" [lead "\n\n"] body, and every offset points into it.
//
// Thread safety: stateless; each call uses its own parser.
#ifndef BANTIN_INGEST_JSONL_ARTICLE_H_
#define BANTIN_INGEST_JSONL_ARTICLE_H_

#include <functional>
#include <string>
#include <string_view>

#include "bantin/article.h"
#include "bantin/status.h"

namespace bantin::ingest {

// Parses every line of `data` (the content of file `name`, whose stem names articles without
// an id: "stem:LINE"). Calls `on_article` per good line and `on_error` per bad one, with
// "name:LINE" and the field at fault in the message. Blank lines are skipped. A line with
// invalid UTF-8 is an error, or with `replace_invalid` has it replaced by U+FFFD (counted in
// Article::invalid_utf8_replaced).
void ParseJsonl(std::string_view name, std::string_view stem, std::string_view data,
                bool replace_invalid,
                const std::function<void(Article)>& on_article,
                const std::function<void(const Status&)>& on_error,
                const std::function<void(uint64_t done, uint64_t total)>& progress = nullptr);

}  // namespace bantin::ingest

#endif  // BANTIN_INGEST_JSONL_ARTICLE_H_
