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
#include "ingest/decompress.h"

namespace bantin::ingest {

// Parses every line of `data` (the content of file `name`, whose stem names articles without
// an id: "stem:LINE"). Calls `on_article` per good line and `on_error` per bad one, with
// "name:LINE" and the field at fault in the message. Blank lines are skipped. A line with
// invalid UTF-8 is an error, or with `replace_invalid` has it replaced by U+FFFD (counted in
// Article::invalid_utf8_replaced).
struct JsonlOptions {
  bool replace_invalid_utf8 = false;  // else an invalid line is an error
  size_t max_article_bytes = 0;       // longer articles (and lines over 4x this + 1 MiB) refused; 0: none
};

// Reads JSONL from `source` a line at a time (memory: the longest line), calling `on_article`
// for each article and `on_error` for each line that is not one (naming `name`:line). A
// source that breaks (a truncated archive) ends the reading with an error naming the line it
// cut; every line before it was read.
void ParseJsonl(std::string_view name, std::string_view stem, SequentialFile& source, const JsonlOptions& options,
                const std::function<void(Article)>& on_article,
                const std::function<void(const Status&)>& on_error,
                const std::function<void(uint64_t done, uint64_t total)>& progress = nullptr);

}  // namespace bantin::ingest

#endif  // BANTIN_INGEST_JSONL_ARTICLE_H_
