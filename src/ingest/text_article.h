// Parsing one plain-text article, the way news is saved by hand or by simple scrapers:
//
//   [date YYYY-MM-DD ]Title            <- the date prefix is optional (it may also stand alone)
//   Lead paragraph                      <- the first paragraph after the title
//   Body paragraph ...                  <- one paragraph per non-empty line
//   Photo caption. Ảnh: TASS            <- a paragraph ending in "Ảnh: X" (or "(Ảnh: X)")
//   Minh Phương                         <- author: a short capitalised name line at the end
//   Nguồn: TASS                         <- source: "Nguồn: X" (or "Theo X") as the last line
//
// Thread safety: stateless.
#ifndef BANTIN_INGEST_TEXT_ARTICLE_H_
#define BANTIN_INGEST_TEXT_ARTICLE_H_

#include <string>

#include "bantin/article.h"
#include "bantin/status.h"

namespace bantin::ingest {

// Parses `text` (valid UTF-8, the file's bytes) into an article with `id` and `origin`.
// InvalidArgument (naming `origin` and the line) for an empty text or a bad date line.
Result<Article> ParseTextArticle(std::string id, std::string origin, std::string text);

}  // namespace bantin::ingest

#endif  // BANTIN_INGEST_TEXT_ARTICLE_H_
