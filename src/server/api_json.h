// The API's JSON shapes (docs/http_api.md), which the CLI's --json prints too, and the ingest
// behind POST /api/articles.
#ifndef BANTIN_SERVER_API_JSON_H_
#define BANTIN_SERVER_API_JSON_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bantin/search.h"
#include "bantin/stories.h"
#include "bantin/store.h"

namespace bantin::server {

using nlohmann::ordered_json;

ordered_json SearchJson(const SearchResults& r);
// An article with its text, entities, dates, events (offsets into `text`) and story.
ordered_json ArticleJson(const StoredArticle& a, const Extraction& x, const std::optional<Store::StoryDoc>& story);
ordered_json StoryJson(const Store::StoredStory& s);
ordered_json StoryEntitiesJson(const std::vector<StoryEntity>& entities);
ordered_json TimelineJson(const std::vector<TimelineEntry>& timeline);
ordered_json StoredEventJson(const Store::StoredEvent& e);

}  // namespace bantin::server

#endif  // BANTIN_SERVER_API_JSON_H_
