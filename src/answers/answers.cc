#include "answers/answers.h"

#include <algorithm>
#include <vector>

#include "bantin/extract.h"
#include "bantin/json.h"
#include "bantin/stories.h"
#include "bantin/analyzer.h"

namespace bantin::answers {

namespace {

// The listing's actor as the keys that find it; nullopt for all.
Result<std::optional<EntityKeys>> ActorKeys(const std::string& actor) {
  std::optional<EntityKeys> keys;
  if (actor.empty()) return keys;
  keys.emplace();
  BANTIN_RETURN_IF_ERROR(NameKeys(actor, &keys->exact, &keys->folded));
  return keys;
}

}  // namespace

Result<ordered_json> Article(const Store& store, const std::string& id) {
  auto a = store.Get(id);
  if (!a) return Err(a.error().IsNotFound() ? Status::NotFound(id, "no article with this id") : a.error());
  auto x = store.extractions().Get(a->doc);
  if (!x) return Err(x.error());
  auto where = store.stories().GetDoc(a->doc);
  if (!where && !where.error().IsNotFound()) return Err(where.error());
  return json::ArticleJson(*a, *x, where ? std::optional<StoryDoc>(*where) : std::nullopt);
}

Result<ordered_json> Stories(const Store& store, const std::optional<Date>& from, const std::optional<Date>& to,
                             size_t limit, size_t min_articles) {
  std::vector<StoredStory> all;
  Status s = store.stories().ForEach(from, to, [&](const StoredStory& st) {
    if (static_cast<size_t>(st.articles) >= min_articles) all.push_back(st);
    return Status::OK();
  });
  if (!s.ok()) return Err(s);
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.reports > b.reports; });
  ordered_json list = ordered_json::array();
  for (size_t i = 0; i < all.size() && i < limit; ++i) list.push_back(json::StoryJson(all[i]));
  return ordered_json{{"total", all.size()}, {"stories", list}};
}

Result<ordered_json> Story(const Store& store, int64_t id) {
  auto story = store.stories().Get(id);
  if (!story) {
    return Err(story.error().IsNotFound() ? Status::NotFound("story " + std::to_string(id), "no such story") : story.error());
  }
  auto timeline = StoryTimeline(store, id);
  if (!timeline) return Err(timeline.error());
  auto entities = StoryEntities(store, id, 20);
  if (!entities) return Err(entities.error());
  ordered_json j = json::StoryJson(*story);
  j["entities"] = json::StoryEntitiesJson(*entities);
  j["timeline"] = json::TimelineJson(*timeline);
  return j;
}

Result<ordered_json> Events(const Store& store, const std::string& actor, const std::optional<Date>& from,
                            const std::optional<Date>& to, size_t limit) {
  auto keys = ActorKeys(actor);
  if (!keys) return Err(keys.error());
  auto canon = Canonicalizer::Shared();
  if (!canon) return Err(canon.error());
  ordered_json list = ordered_json::array();
  Status s = store.extractions().ListEvents(*keys, from, to, limit, [&](const StoredEvent& e) {
    StoredEvent x = e;
    if (!x.event.source.empty()) x.source_english = (*canon)->English(x.event.source);
    if (!x.event.target.empty()) x.target_english = (*canon)->English(x.event.target);
    list.push_back(json::StoredEventJson(x));
  });
  if (!s.ok()) return Err(s);
  return ordered_json{{"events", list}};
}

const std::vector<std::string>& GdeltColumns() {
  static const std::vector<std::string> kColumns = {
      "GLOBALEVENTID", "SQLDATE",      "Actor1Name",    "Actor1CountryCode", "Actor2Name",     "Actor2CountryCode",
      "IsRootEvent",   "EventCode",    "EventBaseCode", "EventRootCode",     "NumMentions",    "ActionGeo_FullName",
      "SOURCEURL",     "Status",       "Actor1NameVi",  "Actor2NameVi",      "ActionGeoVi",    "Article",
      "SentenceBegin", "SentenceEnd",  "Sentence",      "Sentence2Begin",    "Sentence2End",   "Sentence2"};
  return kColumns;
}

std::vector<std::string> GdeltRow(const StoredEvent& x, const Canonicalizer& canon, size_t id) {
  const Event& e = x.event;
  auto english = [&](const std::string& name) { return name.empty() ? name : canon.English(name); };
  // The second sentence that reports the event (the body's, when the first is the title).
  const EventMention* second = e.mentions.empty() ? nullptr : &e.mentions[0];
  const std::string sqldate =
      e.date.size() >= 10 && e.date[0] != '-' ? e.date.substr(0, 4) + e.date.substr(5, 2) + e.date.substr(8, 2) : "";
  return {std::to_string(id),
          sqldate,
          english(e.source),
          canon.CountryCode(e.source),
          english(e.target),
          canon.CountryCode(e.target),
          "1",
          e.code,
          e.code.substr(0, std::min<size_t>(3, e.code.size())),
          e.code.substr(0, 2),
          std::to_string(1 + e.mentions.size()),
          english(e.place),
          x.url.empty() ? x.article_id : x.url,
          e.status,
          e.source,
          e.target,
          e.place,
          x.article_id,
          std::to_string(e.sentence_begin),
          std::to_string(e.sentence_end),
          x.sentence,
          second ? std::to_string(second->sentence_begin) : "",
          second ? std::to_string(second->sentence_end) : "",
          x.mention_sentences.empty() ? "" : x.mention_sentences[0]};
}

Result<std::vector<std::vector<std::string>>> GdeltEvents(const Store& store, const std::string& actor,
                                                          const std::optional<Date>& from, const std::optional<Date>& to,
                                                          size_t limit) {
  auto keys = ActorKeys(actor);
  if (!keys) return Err(keys.error());
  auto canon = Canonicalizer::Shared();
  if (!canon) return Err(canon.error());
  std::vector<std::vector<std::string>> rows;
  Status s = store.extractions().ListEvents(*keys, from, to, limit, [&](const StoredEvent& e) {
    rows.push_back(GdeltRow(e, **canon, rows.size() + 1));
  });
  if (!s.ok()) return Err(s);
  return rows;
}

Result<ordered_json> Search(const Searcher& searcher, const std::string& query, const SearchOptions& options) {
  auto r = searcher.Search(query, options);
  if (!r) return Err(r.error());
  return json::SearchJson(*r);
}

}  // namespace bantin::answers
