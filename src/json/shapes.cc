// The JSON shapes of bantin's answers (see bantin/json.h).
#include "bantin/json.h"

namespace bantin::json {
namespace {

ordered_json OrNull(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(s); }
ordered_json DayJson(const std::optional<Date>& d) { return d ? ordered_json(d->ToString()) : ordered_json(nullptr); }

ordered_json MentionsJson(const std::vector<EventMention>& mentions) {
  ordered_json out = ordered_json::array();
  for (const EventMention& m : mentions) {
    out.push_back({{"sentence", {{"begin", m.sentence_begin}, {"end", m.sentence_end}}},
                   {"trigger", {{"begin", m.trigger_begin}, {"end", m.trigger_end}}}});
  }
  return out;
}

}  // namespace

ordered_json EventJson(const Event& e) {
  return {{"code", e.code},     {"label", e.label},   {"source", e.source},
          {"target", OrNull(e.target)}, {"date", OrNull(e.date)}, {"place", OrNull(e.place)},
          {"sentence", {{"begin", e.sentence_begin}, {"end", e.sentence_end}}},
          {"trigger", {{"begin", e.trigger_begin}, {"end", e.trigger_end}}},
          {"status", e.status}, {"mentions", MentionsJson(e.mentions)}};
}

ordered_json EntityJson(const Entity& e) {
  ordered_json j = {{"text", e.text}, {"type", std::string(EntityTypeName(e.type))}, {"canonical", e.canonical},
                    {"begin", e.begin}, {"end", e.end}};
  if (!e.role.empty()) j["role"] = e.role;
  return j;
}

ordered_json DateJson(const TimeExpression& d) {
  return {{"text", d.text}, {"value", OrNull(d.value)}, {"begin", d.begin}, {"end", d.end}};
}

ordered_json ExtractionJson(const Article& a, const std::vector<Entity>& entities,
                            const std::vector<TimeExpression>& dates, const std::vector<Event>& events) {
  ordered_json e = ordered_json::array(), d = ordered_json::array(), v = ordered_json::array();
  for (const Entity& x : entities) e.push_back(EntityJson(x));
  for (const TimeExpression& x : dates) d.push_back(DateJson(x));
  for (const Event& x : events) v.push_back(EventJson(x));
  return {{"id", a.id}, {"date", DayJson(a.date)}, {"entities", e}, {"dates", d}, {"events", v}};
}

ordered_json EntityCountJson(const EntityCount& e) {
  return {{"canonical", e.canonical}, {"type", e.type}, {"articles", e.articles}, {"mentions", e.mentions}};
}

ordered_json EntityNamesJson(const NamedEntity& e) {
  return {{"canonical", e.canonical}, {"aliases", e.aliases}};
}

// A title in a list (hits, stories, timelines) is cut at this many bytes, on a character
// boundary, with "…" (docs/limits.md): a 2 MB "title" is not sent with every hit.
constexpr size_t kMaxListedTitleBytes = 512;

std::string Listed(const std::string& title) {
  if (title.size() <= kMaxListedTitleBytes) return title;
  size_t cut = kMaxListedTitleBytes;
  while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
  return title.substr(0, cut) + "…";
}

std::string Line(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

ordered_json SearchJson(const SearchResults& r) {
  ordered_json hits = ordered_json::array();
  for (const SearchHit& h : r.hits) {
    ordered_json highlights = ordered_json::array();
    for (const Highlight& x : h.highlights) highlights.push_back({x.begin, x.end});
    hits.push_back({{"id", h.id}, {"title", Listed(h.title)}, {"date", DayJson(h.date)}, {"source", h.source},
                    {"url", OrNull(h.url)}, {"score", h.score}, {"story", h.story == 0 ? ordered_json(nullptr) : ordered_json(h.story)},
                    {"reports", h.reports},
                    {"snippet", {{"begin", h.snippet_begin}, {"end", h.snippet_end}, {"text", h.snippet},
                                 {"highlights", highlights}}}});
  }
  return {{"total", r.total}, {"total_exact", r.total_exact}, {"took_ms", r.took_ms}, {"rank_ms", r.rank_ms}, {"hits", hits}};
}

ordered_json ArticleJson(const StoredArticle& a, const Extraction& x, const std::optional<StoryDoc>& story) {
  const Article& art = a.article;
  ordered_json paragraphs = ordered_json::array();
  for (const Paragraph& p : art.paragraphs) {
    paragraphs.push_back({{"kind", std::string(ParagraphKindName(p.kind))}, {"begin", p.begin}, {"end", p.end}});
  }
  ordered_json entities = ordered_json::array();
  for (const Entity& e : x.entities) entities.push_back(EntityJson(e));
  ordered_json dates = ordered_json::array();
  for (const TimeExpression& d : x.dates) dates.push_back(DateJson(d));
  ordered_json events = ordered_json::array();
  for (const Event& e : x.events) events.push_back(EventJson(e));
  return {{"id", art.id},
          {"title", art.title},
          {"date", DayJson(art.date)},
          {"time", OrNull(art.time)},
          {"source", art.source},
          {"author", art.author},
          {"url", art.url},
          {"text", art.text},
          {"paragraphs", paragraphs},
          {"entities", entities},
          {"dates", dates},
          {"events", events},
          {"story", story ? ordered_json(story->story) : ordered_json(nullptr)},
          {"duplicate_of", story && story->duplicate_of != 0 ? ordered_json(story->duplicate_of) : ordered_json(nullptr)}};
}

ordered_json StoryJson(const StoredStory& s) {
  return {{"id", s.id}, {"title", Listed(s.title)}, {"first", DayJson(s.first)}, {"last", DayJson(s.last)},
          {"articles", s.articles}, {"reports", s.reports}};
}

ordered_json StoryEntitiesJson(const std::vector<StoryEntity>& entities) {
  ordered_json out = ordered_json::array();
  for (const StoryEntity& e : entities) out.push_back({{"canonical", e.canonical}, {"type", e.type}, {"articles", e.articles}});
  return out;
}

ordered_json TimelineJson(const std::vector<TimelineEntry>& timeline) {
  using Kind = TimelineEntry::Kind;
  ordered_json out = ordered_json::array();
  for (const TimelineEntry& t : timeline) {
    ordered_json j = {{"date", OrNull(t.date)},
                      {"kind", t.kind == Kind::kEvent ? "event" : t.kind == Kind::kMention ? "mention" : "article"},
                      {"article", t.article_id},
                      {"title", Listed(t.title)}};
    if (t.kind == Kind::kEvent) j["event"] = EventJson(t.event);
    if (t.kind != Kind::kArticle) j["sentence"] = {{"begin", t.begin}, {"end", t.end}, {"text", t.sentence}};
    out.push_back(std::move(j));
  }
  return out;
}

ordered_json StoredEventJson(const StoredEvent& e) {
  ordered_json j = EventJson(e.event);
  for (size_t i = 0; i < e.mention_sentences.size() && i < j["mentions"].size(); ++i) {
    j["mentions"][i]["sentence"]["text"] = e.mention_sentences[i];
  }
  if (!e.source_english.empty()) j["source_english"] = e.source_english;
  if (!e.target_english.empty()) j["target_english"] = e.target_english;
  j["article"] = e.article_id;
  j["url"] = OrNull(e.url);
  j["text"] = e.sentence;
  return j;
}

}  // namespace bantin::json
