// The JSON shapes of bantin's answers, one definition for the HTTP API (docs/http_api.md) and
// the CLI's --json output: an entity, a date, an event, an article, a search, a story, a
// timeline look the same wherever they are printed.
//
//   std::cout << bantin::json::Search(results).dump() << "\n";
//
// Absent values are null (a target, a date, a place, a story); byte offsets point into the
// article's text. Thread safety: stateless functions.
#ifndef BANTIN_JSON_H_
#define BANTIN_JSON_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bantin/extract.h"
#include "bantin/search.h"
#include "bantin/stories.h"
#include "bantin/store.h"

namespace bantin::json {

using nlohmann::ordered_json;

// {"text","type","canonical","begin","end","role"?}
ordered_json EntityJson(const Entity& e);
// {"text","value","begin","end"}
ordered_json DateJson(const TimeExpression& d);
// {"code","label","source","target","date","place","sentence":{"begin","end"},
//  "trigger":{"begin","end"},"status","mentions":[{"sentence":{"begin","end"},"trigger":{..}}]}
ordered_json EventJson(const Event& e);
// An extraction as `bantin extract` gives it: {"id","date","entities","dates","events"}.
ordered_json ExtractionJson(const Article& a, const std::vector<Entity>& entities,
                            const std::vector<TimeExpression>& dates, const std::vector<Event>& events);
// A stored event: the event (each mention's sentence with its "text"), "source_english" and
// "target_english" where the caller gave them, "article" (its id), "url" and "text" (the
// sentence).
ordered_json StoredEventJson(const StoredEvent& e);
// {"canonical","type","articles","mentions"}
ordered_json EntityCountJson(const EntityCount& e);
// {"canonical","aliases":[…]}: an entity a name stands for and every name stored for it.
ordered_json EntityNamesJson(const NamedEntity& e);
ordered_json SearchJson(const SearchResults& r);
// An article with its text, entities, dates, events (offsets into `text`) and story.
ordered_json ArticleJson(const StoredArticle& a, const Extraction& x, const std::optional<StoryDoc>& story);
ordered_json StoryJson(const StoredStory& s);
ordered_json StoryEntitiesJson(const std::vector<StoryEntity>& entities);
ordered_json TimelineJson(const std::vector<TimelineEntry>& timeline);

// One line of output: compact, invalid UTF-8 replaced.
std::string Line(const ordered_json& j);

}  // namespace bantin::json

#endif  // BANTIN_JSON_H_
