// The answers to the read queries — an article, stories, a story, events, a search — as the
// JSON the HTTP API sends (docs/http_api.md), computed from a data folder. The server and the
// Python package (python/) both answer through these, so the two can never disagree.
//
// Thread safety: as the Store and Searcher passed (one call at a time per Store).
#ifndef BANTIN_ANSWERS_ANSWERS_H_
#define BANTIN_ANSWERS_ANSWERS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bantin/article.h"
#include "bantin/extract.h"
#include "bantin/search.h"
#include "bantin/status.h"
#include "bantin/store.h"

namespace bantin::answers {

using ordered_json = nlohmann::ordered_json;

// GET /api/articles/{id}: the article with its extraction and story. NotFound naming the id.
Result<ordered_json> Article(const Store& store, const std::string& id);

// GET /api/stories: stories with at least `min_articles` articles overlapping [from, to], most
// reports first, at most `limit`; {"total", "stories"}.
Result<ordered_json> Stories(const Store& store, const std::optional<Date>& from, const std::optional<Date>& to,
                             size_t limit, size_t min_articles);

// GET /api/stories/{id}: the story with its entities and timeline. NotFound naming the id.
Result<ordered_json> Story(const Store& store, int64_t id);

// GET /api/events: events of `actor` (any name of an entity; empty: all) in [from, to], in date
// order, at most `limit`; {"events"}.
Result<ordered_json> Events(const Store& store, const std::string& actor, const std::optional<Date>& from,
                            const std::optional<Date>& to, size_t limit);

// The event table in GDELT 2.0's shape (docs/format.md, "Event export"): the columns of
// GDELT's table bantin fills, under GDELT's names, then bantin's own.
const std::vector<std::string>& GdeltColumns();
// One event as GdeltColumns()'s values; `id` is its GLOBALEVENTID. Offsets are bytes.
std::vector<std::string> GdeltRow(const StoredEvent& event, const Canonicalizer& canon, size_t id);
// Events as Events() lists them, as GdeltRow()s.
Result<std::vector<std::vector<std::string>>> GdeltEvents(const Store& store, const std::string& actor,
                                                          const std::optional<Date>& from, const std::optional<Date>& to,
                                                          size_t limit);

// GET /api/search: {"total", "total_exact", "took_ms", "rank_ms", "hits"}.
Result<ordered_json> Search(const Searcher& searcher, const std::string& query, const SearchOptions& options);

}  // namespace bantin::answers

#endif  // BANTIN_ANSWERS_ANSWERS_H_
