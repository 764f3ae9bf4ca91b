// ThreadStored: near-duplicates and story threading over the stored articles not threaded yet.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "bantin/stories.h"
#include "stories/background.h"
#include "stories/features.h"
#include "stories/fingerprint.h"
#include "stories/threader.h"
#include "text/normalizer.h"

namespace bantin {
namespace {

using stories::Term;
using stories::Vector;

constexpr size_t kBatch = 2000;

// Story state bytes: term count (4 bytes LE), then per term its key (8 bytes LE) and weight
// (IEEE 754 float, 4 bytes LE); then dyad count (4 bytes LE) and the dyad keys (8 bytes LE).
std::string EncodeState(const stories::StoryState& s) {
  const Vector& v = s.centroid;
  std::string out(8 + 12 * v.size() + 8 * s.dyads.size(), '\0');
  auto put = [&](size_t at, uint64_t x, int bytes) {
    for (int i = 0; i < bytes; ++i) out[at + i] = static_cast<char>(x >> (8 * i));
  };
  put(0, v.size(), 4);
  for (size_t i = 0; i < v.size(); ++i) {
    uint32_t w;
    std::memcpy(&w, &v[i].weight, 4);
    put(4 + 12 * i, v[i].key, 8);
    put(12 + 12 * i, w, 4);
  }
  const size_t at = 4 + 12 * v.size();
  put(at, s.dyads.size(), 4);
  for (size_t i = 0; i < s.dyads.size(); ++i) put(at + 4 + 8 * i, s.dyads[i], 8);
  return out;
}

Status DecodeState(std::string_view b, stories::StoryState* s) {
  auto get = [&](size_t at, int bytes) {
    uint64_t x = 0;
    for (int i = 0; i < bytes; ++i) x |= uint64_t{static_cast<unsigned char>(b[at + i])} << (8 * i);
    return x;
  };
  auto bad = [&](std::string_view why) { return Status::Corruption("story " + std::to_string(s->id), why); };
  if (b.size() < 4) return bad("state too short");
  const size_t terms = get(0, 4), at = 4 + 12 * terms;
  if (b.size() < at + 4 || b.size() != at + 4 + 8 * get(at, 4)) return bad("state has the wrong length");
  s->centroid.resize(terms);
  for (size_t i = 0; i < terms; ++i) {
    s->centroid[i].key = get(4 + 12 * i, 8);
    const uint32_t w = static_cast<uint32_t>(get(12 + 12 * i, 4));
    std::memcpy(&s->centroid[i].weight, &w, 4);
    if (i > 0 && s->centroid[i].key <= s->centroid[i - 1].key) return bad("centroid terms out of order");
  }
  s->dyads.resize(get(at, 4));
  for (size_t i = 0; i < s->dyads.size(); ++i) {
    s->dyads[i] = get(at + 4 + 8 * i, 8);
    if (i > 0 && s->dyads[i] <= s->dyads[i - 1]) return bad("dyads out of order");
  }
  return Status::OK();
}

std::string Lower(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .toLower(icu::Locale("vi"))
      .toUTF8String(out);
  return out;
}

// The article's time: its date, and the first days its text names (full dates, or month and
// day where the year is open).
stories::ArticleTime TimeOf(const std::optional<Date>& date, const Extraction& x) {
  constexpr size_t kDays = 8;
  stories::ArticleTime t;
  t.published = date;
  for (const TimeExpression& e : x.dates) {
    if (t.days.size() + t.month_days.size() >= kDays) break;
    const std::string_view v(e.value);
    if (v.size() >= 10 && v[0] != '-') {
      if (auto d = Date::Parse(v.substr(0, 10))) t.days.push_back(*d);
    } else if (v.size() >= 7 && v.substr(0, 2) == "--" && (v.size() == 7 || v[7] == '/')) {
      const int month = std::atoi(std::string(v.substr(2, 2)).c_str()), day = std::atoi(std::string(v.substr(5, 2)).c_str());
      if (Date::IsValid(2000, month, day)) t.month_days.push_back(month * 100 + day);
    }
  }
  return t;
}

}  // namespace

Result<ThreadResult> ThreadStored(Store& store, const StoryOptions& options) {
  if (options.rebuild) BANTIN_RETURN_IF_ERROR(store.ClearStories());
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  stories::ThreaderOptions topts;
  topts.threshold = static_cast<float>(options.threshold);
  topts.time_floor = static_cast<float>(options.time_floor);
  stories::Threader threader(topts);
  auto background = stories::Background::Builtin();
  if (!background) return Err(background.error());
  stories::DocFrequencies df;
  {
    auto bytes = store.StoryFrequencies();
    if (!bytes) return Err(bytes.error());
    if (!bytes->empty()) {
      auto parsed = stories::DocFrequencies::Parse(*bytes, store.dir() + ": story frequencies");
      if (!parsed) return Err(parsed.error());
      df = std::move(*parsed);
    }
  }
  BANTIN_RETURN_IF_ERROR(store.ForEachStory(std::nullopt, std::nullopt, [&](const Store::StoredStory& s) -> Status {
    stories::StoryState st;
    st.id = s.id;
    BANTIN_RETURN_IF_ERROR(DecodeState(s.centroid, &st));
    st.first = s.first;
    st.last = s.last;
    st.anchor = static_cast<int>(s.anchor);
    st.articles = static_cast<uint32_t>(s.articles);
    st.reports = static_cast<uint32_t>(s.reports);
    st.title = s.title;
    st.title_score = static_cast<float>(s.title_score);
    threader.Load(std::move(st));
    return Status::OK();
  }));
  stories::FingerprintIndex fingerprints;
  std::unordered_map<int64_t, std::pair<int64_t, int64_t>> story_of;  // doc -> (story, first report)
  BANTIN_RETURN_IF_ERROR(store.ForEachStoryDoc(0, [&](const Store::StoryDoc& d) -> Status {
    stories::Sketch sketch;
    if (!stories::ParseSketch(d.fingerprint, &sketch)) {
      return Status::Corruption("document " + std::to_string(d.doc), "fingerprint is not a 256-byte MinHash sketch");
    }
    fingerprints.Add(d.doc, sketch);
    story_of[d.doc] = {d.story, d.duplicate_of != 0 ? d.duplicate_of : d.doc};
    return Status::OK();
  }));
  auto todo = store.UnthreadedDocs();
  if (!todo) return Err(todo.error());
  // Date order; undated articles first, in the order stored.
  std::stable_sort(todo->begin(), todo->end(), [](const auto& a, const auto& b) {
    if (a.second.has_value() != b.second.has_value()) return !a.second.has_value();
    return a.second.has_value() && *a.second < *b.second;
  });

  ThreadResult result;
  std::vector<Store::StoryDoc> batch;
  auto flush = [&]() -> Status {
    std::vector<Store::StoredStory> changed;
    for (int64_t id : threader.TakeChanged()) {
      const stories::StoryState& s = threader.story(id);
      changed.push_back({s.id, s.title, s.first, s.last, s.anchor, s.articles, s.reports, s.title_score,
                         EncodeState(s)});
    }
    // One transaction: the batch's documents with the stories they changed (a killed run
    // goes on with the documents that have no row).
    BANTIN_RETURN_IF_ERROR(store.PutStories(batch, changed, df.Serialize()));
    batch.clear();
    return Status::OK();
  };
  for (const auto& [doc, date] : *todo) {
    auto stored = store.GetByDoc(doc);
    if (!stored) return Err(stored.error());
    const Article& a = stored->article;
    std::string_view title, body(a.text);
    if (!a.paragraphs.empty() && a.paragraphs[0].kind == ParagraphKind::kTitle) {
      title = std::string_view(a.text).substr(a.paragraphs[0].begin, a.paragraphs[0].end - a.paragraphs[0].begin);
      body = std::string_view(a.text).substr(a.paragraphs[0].end);
    }
    const std::string folded_title = (*normalizer)->Fold(title), folded_body = (*normalizer)->Fold(body);
    const stories::Sketch fp = stories::MinHash(folded_title + "\n" + folded_body);
    Store::StoryDoc d{doc, 0, stories::EncodeSketch(fp), 0};
    auto x = store.GetExtraction(doc);
    if (!x) return Err(x.error());
    stories::ArticleTime time = TimeOf(date, *x);
    if (int64_t near = fingerprints.FindNear(fp); near != 0 && story_of.count(near)) {
      d.story = story_of[near].first;
      d.duplicate_of = story_of[near].second;
      threader.AddReport(d.story, time);
      ++result.duplicates;
    } else {
      stories::ArticleText t{folded_title, folded_body, {}, {}};
      for (const Entity& e : x->entities) t.entities.push_back(Lower(e.canonical));
      for (const Event& e : x->events) {
        if (e.target.empty() || e.source == e.target) continue;
        t.events.push_back(stories::Dyad(Lower(e.source), Lower(e.target), e.code));
        time.dyads.push_back(stories::DyadKey(t.events.back()));
      }
      const stories::Counts counts = stories::CountTerms(t, *background);
      df.Add(counts);
      const size_t before = threader.size();
      d.story = threader.Assign(stories::Weigh(counts, df, background->docs(), stories::kArticleTerms), time, title);
      result.opened += threader.size() - before;
    }
    fingerprints.Add(doc, fp);
    story_of[doc] = {d.story, d.duplicate_of != 0 ? d.duplicate_of : doc};
    batch.push_back(d);
    ++result.articles;
    if (batch.size() >= kBatch) BANTIN_RETURN_IF_ERROR(flush());
  }
  if (!batch.empty()) BANTIN_RETURN_IF_ERROR(flush());
  return result;
}

}  // namespace bantin
