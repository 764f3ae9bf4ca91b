// Query parsing: words, "quoted phrases", -excluded words, entity:"Name" filters; each word with its normalized and
// folded forms and whether it was typed without diacritics.
// Thread safety: stateless apart from the caller's WordCache.
#ifndef BANTIN_SEARCH_QUERY_H_
#define BANTIN_SEARCH_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "bantin/status.h"
#include "text/word_cache.h"

namespace bantin::search {

struct QueryWord {
  std::string norm;  // lowercase canonical form
  std::string fold;  // without diacritics
  bool plain = false;  // typed without diacritics (norm == fold): any diacritic form matches
};

struct Query {
  std::vector<QueryWord> words;                 // ranked together
  std::vector<std::vector<QueryWord>> phrases;  // each must appear as written
  std::vector<QueryWord> excluded;
  std::vector<std::string> entities;  // entity:"…" filters: documents must name each
};

// InvalidArgument("query", ...) for an unclosed quote or a query with nothing to search for.
Result<Query> ParseQuery(std::string_view text, text::WordCache* cache);

}  // namespace bantin::search

#endif  // BANTIN_SEARCH_QUERY_H_
