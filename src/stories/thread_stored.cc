// ThreadStored: near-duplicates and story threading over the stored articles not threaded yet.
#include <algorithm>
#include <chrono>
#include <cstdlib>
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

// Articles a transaction.
constexpr size_t kBatch = 10000;

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

struct StoryThreader::Impl {
  std::unique_ptr<text::Normalizer> normalizer;
  stories::Threader threader;
  stories::Background background;
  stories::DocFrequencies df;
  stories::FingerprintIndex fingerprints;
  std::unordered_map<int64_t, std::pair<int64_t, int64_t>> story_of;  // doc -> (story, first report)
  size_t stored_changes = 0;  // changed counters stored beside the table (upper bound)
  size_t max_changed_counters = 0;  // StoryOptions
  int64_t seen = 0;  // every document up to this one has been looked at

  explicit Impl(const stories::ThreaderOptions& options) : threader(options) {}
};

StoryThreader::StoryThreader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StoryThreader::~StoryThreader() = default;

Result<std::unique_ptr<StoryThreader>> StoryThreader::Open(const Store& store, const StoryOptions& options) {
  stories::ThreaderOptions topts;
  topts.threshold = static_cast<float>(options.threshold);
  topts.time_floor = static_cast<float>(options.time_floor);
  auto impl = std::make_unique<Impl>(topts);
  impl->max_changed_counters = options.max_changed_counters;
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  impl->normalizer = std::move(*normalizer);
  auto background = stories::Background::Builtin();
  if (!background) return Err(background.error());
  impl->background = std::move(*background);
  auto counts = store.stories().Counts();
  if (!counts) return Err(counts.error());
  const std::string where = store.dir() + ": story frequencies";
  if (!counts->table.empty()) {
    auto parsed = stories::DocFrequencies::Parse(counts->table, where);
    if (!parsed) return Err(parsed.error());
    impl->df = std::move(*parsed);
  }
  for (const auto& [counter, value] : counts->changed) BANTIN_RETURN_IF_ERROR(impl->df.Restore(counter, value, where));
  if (counts->docs != 0) impl->df.set_docs(counts->docs);  // schema 4 kept N in the table alone
  impl->stored_changes = counts->changed.size();
  Impl& m = *impl;
  BANTIN_RETURN_IF_ERROR(store.stories().ForEach(std::nullopt, std::nullopt, [&](const StoredStory& s) -> Status {
    stories::StoryState st;
    st.id = s.id;
    BANTIN_RETURN_IF_ERROR(stories::DecodeState(s.centroid, &st));
    st.first = s.first;
    st.last = s.last;
    st.anchor = static_cast<int>(s.anchor);
    st.articles = static_cast<uint32_t>(s.articles);
    st.reports = static_cast<uint32_t>(s.reports);
    st.title = s.title;
    st.title_score = static_cast<float>(s.title_score);
    m.threader.Load(std::move(st));
    return Status::OK();
  }));
  BANTIN_RETURN_IF_ERROR(store.stories().ForEachDoc(0, [&](const StoryDoc& d) -> Status {
    stories::Sketch sketch;
    if (!stories::ParseSketch(d.fingerprint, &sketch)) {
      return Status::Corruption("document " + std::to_string(d.doc), "fingerprint is not a 256-byte MinHash sketch");
    }
    m.fingerprints.Add(d.doc, sketch);
    m.story_of[d.doc] = {d.story, d.duplicate_of != 0 ? d.duplicate_of : d.doc};
    return Status::OK();
  }));
  return std::unique_ptr<StoryThreader>(new StoryThreader(std::move(impl)));
}

Result<ThreadResult> StoryThreader::Thread(Store& store, const std::atomic<bool>* stop) {
  Impl& m = *impl_;
  auto last = store.LastDoc();
  if (!last) return Err(last.error());
  auto todo = store.stories().Unthreaded(m.seen);
  if (!todo) return Err(todo.error());
  m.seen = *last;
  // Date order; undated articles first, in the order stored.
  std::stable_sort(todo->begin(), todo->end(), [](const auto& a, const auto& b) {
    if (a.second.has_value() != b.second.has_value()) return !a.second.has_value();
    return a.second.has_value() && *a.second < *b.second;
  });

  ThreadResult result;
  using Clock = std::chrono::steady_clock;
  auto since = [](Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); };
  std::vector<StoryDoc> batch;
  auto flush = [&]() -> Status {
    std::vector<StoredStory> changed;
    for (int64_t id : m.threader.TakeChanged()) {
      const stories::StoryState& s = m.threader.story(id);
      changed.push_back({s.id, s.title, s.first, s.last, s.anchor, s.articles, s.reports, s.title_score,
                         stories::EncodeState(s)});
    }
    // One transaction: the batch's documents with the stories they changed (a killed run
    // goes on with the documents that have no row).
    const auto t = Clock::now();
    StoryCounts counts;
    counts.docs = m.df.docs();
    size_t stored_changes = m.stored_changes + m.df.changed();
    if (stored_changes > m.max_changed_counters) {
      counts.table = m.df.Serialize();
      stored_changes = 0;
    }
    std::vector<std::pair<uint32_t, uint16_t>> changed_counters = m.df.TakeChanged();
    if (counts.table.empty()) counts.changed = std::move(changed_counters);
    BANTIN_RETURN_IF_ERROR(store.stories().Put(batch, changed, counts));
    m.stored_changes = stored_changes;
    result.write_ms += since(t);
    batch.clear();
    return Status::OK();
  };
  for (const auto& [doc, date] : *todo) {
    if (stop != nullptr && stop->load()) return Err(Status::Aborted(store.dir(), "threading stopped on request"));
    auto t0 = Clock::now();
    auto stored = store.GetByDoc(doc);
    if (!stored) return Err(stored.error());
    auto x = store.extractions().Get(doc);
    if (!x) return Err(x.error());
    result.read_ms += since(t0);
    t0 = Clock::now();
    const Article& a = stored->article;
    std::string_view title, body(a.text);
    if (!a.paragraphs.empty() && a.paragraphs[0].kind == ParagraphKind::kTitle) {
      title = std::string_view(a.text).substr(a.paragraphs[0].begin, a.paragraphs[0].end - a.paragraphs[0].begin);
      body = std::string_view(a.text).substr(a.paragraphs[0].end);
    }
    const std::string folded_title = m.normalizer->Fold(title), folded_body = m.normalizer->Fold(body);
    const stories::Sketch fp = stories::MinHash(folded_title + "\n" + folded_body);
    StoryDoc d{doc, 0, stories::EncodeSketch(fp), 0};
    stories::ArticleTime time = TimeOf(date, *x);
    const int64_t near = m.fingerprints.FindNear(fp);
    result.fingerprint_ms += since(t0);
    t0 = Clock::now();
    if (near != 0 && m.story_of.count(near)) {
      d.story = m.story_of[near].first;
      d.duplicate_of = m.story_of[near].second;
      m.threader.AddReport(d.story, time);
      ++result.duplicates;
    } else {
      stories::ArticleText t{folded_title, folded_body, {}, {}};
      for (const Entity& e : x->entities) t.entities.push_back(Lower(e.canonical));
      for (const Event& e : x->events) {
        if (e.target.empty() || e.source == e.target) continue;
        t.events.push_back(stories::Dyad(Lower(e.source), Lower(e.target), e.code));
        time.dyads.push_back(stories::DyadKey(t.events.back()));
      }
      const stories::Counts counts = stories::CountTerms(t, m.background);
      m.df.Add(counts);
      const size_t before = m.threader.size();
      d.story = m.threader.Assign(stories::Weigh(counts, m.df, m.background.docs(), stories::kArticleTerms), time, title);
      result.opened += m.threader.size() - before;
    }
    m.fingerprints.Add(doc, fp);
    result.thread_ms += since(t0);
    m.story_of[doc] = {d.story, d.duplicate_of != 0 ? d.duplicate_of : doc};
    batch.push_back(d);
    ++result.articles;
    if (batch.size() >= kBatch) BANTIN_RETURN_IF_ERROR(flush());
  }
  if (!batch.empty()) BANTIN_RETURN_IF_ERROR(flush());
  return result;
}

Result<ThreadResult> ThreadStored(Store& store, const StoryOptions& options) {
  if (options.rebuild) BANTIN_RETURN_IF_ERROR(store.stories().Clear());
  auto threader = StoryThreader::Open(store, options);
  if (!threader) return Err(threader.error());
  return (*threader)->Thread(store);
}

}  // namespace bantin
