// Timelines: a set of documents' articles, events and dated sentences in date order.
#include <algorithm>
#include <map>
#include <set>

#include "bantin/analyzer.h"
#include "bantin/stories.h"

namespace bantin {
namespace {

// The sort key of a date value: an interval by its start; an open year ("--04-10") in
// `year`; "9999" (last) when there is no date.
std::string Order(const std::string& value, int year) {
  if (value.empty()) return "9999";
  std::string v = value.substr(0, value.find('/'));
  if (v.rfind("--", 0) == 0) v = (year > 0 ? std::to_string(year) : std::string("9999")) + v.substr(1);
  return v;
}

// A day ("2025-02-27", "--02-27") or a span of days ("2025-11-11/2025-11-20"), not a month or
// a year alone: what places a sentence on a timeline.
bool NamesDays(const std::string& value) {
  const std::string v = value.substr(0, value.find('/'));
  return v.size() == 10 || (v.size() == 7 && v.rfind("--", 0) == 0);
}

}  // namespace

Result<std::vector<TimelineEntry>> Timeline(const Store& store, const std::vector<int64_t>& docs) {
  AnalyzerOptions tokens_only;
  tokens_only.words = false;
  auto analyzer = Analyzer::Create(tokens_only);
  if (!analyzer) return Err(analyzer.error());
  std::vector<std::pair<StoredArticle, Extraction>> items;
  int anchor = 0;  // the earliest dated article's year
  for (int64_t doc : docs) {
    auto a = store.GetByDoc(doc);
    if (!a) return Err(a.error());
    auto x = store.extractions().Get(doc);
    if (!x) return Err(x.error());
    if (a->article.date && (anchor == 0 || a->article.date->year < anchor)) anchor = a->article.date->year;
    items.emplace_back(std::move(*a), std::move(*x));
  }
  std::vector<TimelineEntry> out;
  for (const auto& [a, x] : items) {
    const Article& article = a.article;
    const int year = article.date ? article.date->year : anchor;
    const std::string published = article.date ? article.date->ToString() : "";
    std::string_view text(article.text), title;
    if (!article.paragraphs.empty() && article.paragraphs[0].kind == ParagraphKind::kTitle) {
      title = text.substr(article.paragraphs[0].begin, article.paragraphs[0].end - article.paragraphs[0].begin);
    }
    TimelineEntry pub;
    pub.date = published;
    pub.order = Order(published, year);
    pub.article_id = article.id;
    pub.title.assign(title);
    out.push_back(pub);
    std::set<uint32_t> with_event;  // sentences (by start) that gave an event
    for (const Event& e : x.events) {
      TimelineEntry t = pub;
      t.kind = TimelineEntry::Kind::kEvent;
      t.date = e.date;
      t.order = Order(e.date, year);
      t.event = e;
      t.begin = e.sentence_begin;
      t.end = e.sentence_end;
      t.sentence.assign(text.substr(e.sentence_begin, e.sentence_end - e.sentence_begin));
      with_event.insert(e.sentence_begin);
      out.push_back(std::move(t));
    }
    const Analysis analysis = (*analyzer)->Analyze(article);
    std::set<uint32_t> mentioned;
    for (const TimeExpression& d : x.dates) {
      if (d.value.empty() || d.value == published || !NamesDays(d.value)) continue;
      auto s = std::find_if(analysis.sentences.begin(), analysis.sentences.end(),
                            [&](const Sentence& s) { return s.begin <= d.begin && d.begin < s.end; });
      if (s == analysis.sentences.end() || with_event.count(s->begin) || !mentioned.insert(s->begin).second) continue;
      TimelineEntry t = pub;
      t.kind = TimelineEntry::Kind::kMention;
      t.date = d.value;
      t.order = Order(d.value, year);
      t.begin = s->begin;
      t.end = s->end;
      t.sentence.assign(text.substr(s->begin, s->end - s->begin));
      out.push_back(std::move(t));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) { return a.order < b.order; });
  return out;
}

Result<std::vector<StoryEntity>> StoryEntities(const Store& store, int64_t id, size_t limit) {
  std::map<std::pair<std::string, std::string>, int64_t> counts;
  BANTIN_RETURN_IF_ERROR(store.stories().ForEachDoc(id, [&](const StoryDoc& d) -> Status {
    if (d.duplicate_of != 0) return Status::OK();
    auto x = store.extractions().Get(d.doc);
    if (!x) return x.error();
    std::set<std::pair<std::string, std::string>> seen;
    for (const Entity& e : x->entities) seen.emplace(e.canonical, std::string(EntityTypeName(e.type)));
    for (const auto& k : seen) ++counts[k];
    return Status::OK();
  }));
  std::vector<StoryEntity> out;
  for (const auto& [k, n] : counts) out.push_back({k.first, k.second, n});
  std::stable_sort(out.begin(), out.end(), [](const StoryEntity& a, const StoryEntity& b) { return a.articles > b.articles; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<TimelineEntry>> StoryTimeline(const Store& store, int64_t id) {
  auto story = store.stories().Get(id);
  if (!story) return Err(story.error());
  std::vector<int64_t> docs;
  BANTIN_RETURN_IF_ERROR(store.stories().ForEachDoc(id, [&](const StoryDoc& d) {
    if (d.duplicate_of == 0) docs.push_back(d.doc);
    return Status::OK();
  }));
  return Timeline(store, docs);
}

}  // namespace bantin
