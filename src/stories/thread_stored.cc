// ThreadStored: near-duplicates and story threading over the stored articles not threaded yet.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
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

// The stories as the store holds them, read and written inside the threader's transaction.
class StoredBook : public stories::StoryBook {
 public:
  explicit StoredBook(StoryTables* tables) : tables_(tables) {}
  Status Candidates(uint64_t term, size_t limit, std::vector<stories::Posting>* out) override {
    return tables_->ReadTerm(term, limit, out);
  }
  Status Read(int64_t id, stories::StoryState* out) override {
    auto s = tables_->Get(id);
    if (!s) return s.error();
    out->id = s->id;
    BANTIN_RETURN_IF_ERROR(stories::DecodeState(s->centroid, out));
    out->first = s->first;
    out->last = s->last;
    out->anchor = static_cast<int>(s->anchor);
    out->articles = static_cast<uint32_t>(s->articles);
    out->reports = static_cast<uint32_t>(s->reports);
    out->title = std::move(s->title);
    out->title_score = static_cast<float>(s->title_score);
    return Status::OK();
  }
  Status Write(const stories::StoryState& s) override {
    return tables_->PutStory({s.id, s.title, s.first, s.last, s.anchor, s.articles, s.reports, s.title_score,
                              stories::EncodeState(s)});
  }
  Status List(int64_t id, const std::vector<std::pair<uint64_t, float>>& terms, const std::vector<uint64_t>& gone) override {
    return tables_->PutTerms(id, terms, gone);
  }
  Result<int64_t> LastId() override { return tables_->LastStory(); }

 private:
  StoryTables* tables_;
};

std::vector<uint32_t> Bands(const stories::Sketch& sketch) {
  const auto keys = stories::BandKeys(sketch);
  std::vector<uint32_t> out(keys.begin(), keys.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Near-duplicate lookup bounds: the earliest documents of a band read, and the candidates
// whose sketches are compared. A near-duplicate (resemblance >= 0.8) shares 6.5 of the 16 bands
// on average and a chance collision one, so the candidates sharing most bands come first; the
// bounds keep the cost of an article fixed where texts are alike by the thousand (the same
// wire story with a new number each day, empty bodies).
constexpr size_t kBandDocs = 256;
constexpr size_t kCompared = 32;

// A threaded document's sketch (Corruption naming it when the bytes are not one).
Status SketchOf(const StoryDoc& d, stories::Sketch* out) {
  if (stories::ParseSketch(d.fingerprint, out)) return Status::OK();
  return Status::Corruption("document " + std::to_string(d.doc), "fingerprint is not a 256-byte MinHash sketch");
}

// The earliest threaded document at least kNearDuplicateResemblance like `sketch` (whose band
// keys are `bands`) among the kCompared sharing most of its bands, if any.
Result<std::optional<StoryDoc>> FindNear(const StoryTables& tables, const stories::Sketch& sketch,
                                         const std::vector<uint32_t>& bands) {
  std::vector<int64_t> all, docs;
  for (uint32_t band : bands) {
    BANTIN_RETURN_IF_ERROR(tables.DocsInBand(band, kBandDocs, &docs));
    all.insert(all.end(), docs.begin(), docs.end());
  }
  if (all.empty()) return std::nullopt;
  std::sort(all.begin(), all.end());
  std::vector<std::pair<int64_t, size_t>> candidates;  // (doc, bands shared)
  for (int64_t doc : all) {
    if (candidates.empty() || candidates.back().first != doc) candidates.emplace_back(doc, 0);
    ++candidates.back().second;
  }
  if (candidates.size() > kCompared) {
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    candidates.resize(kCompared);
    std::sort(candidates.begin(), candidates.end());
  }
  for (const auto& [doc, shared] : candidates) {
    auto d = tables.GetDoc(doc);
    if (!d) return Err(d.error());
    stories::Sketch other;
    BANTIN_RETURN_IF_ERROR(SketchOf(*d, &other));
    if (stories::Resemblance(sketch, other) >= stories::kNearDuplicateResemblance) return std::optional<StoryDoc>(std::move(*d));
  }
  return std::nullopt;
}

// Lists the stories and sketches of a folder threaded before the store kept the lists
// (schema 7 and older), inside the caller's transaction.
Status FillLists(StoryTables& tables) {
  BANTIN_RETURN_IF_ERROR(tables.ForEach(std::nullopt, std::nullopt, [&](const StoredStory& s) -> Status {
    stories::StoryState st;
    st.id = s.id;
    BANTIN_RETURN_IF_ERROR(stories::DecodeState(s.centroid, &st));
    return tables.PutTerms(s.id, stories::Listing(st.centroid), {});
  }));
  BANTIN_RETURN_IF_ERROR(tables.ForEachDoc(0, [&](const StoryDoc& d) -> Status {
    stories::Sketch sketch;
    BANTIN_RETURN_IF_ERROR(SketchOf(d, &sketch));
    return tables.PutBands(d.doc, Bands(sketch));
  }));
  return tables.MarkListed();
}

}  // namespace

struct StoryThreader::Impl {
  std::unique_ptr<text::Normalizer> normalizer;
  stories::ThreaderOptions options;
  stories::Background background;
  stories::DocFrequencies df;  // a fixed-size table of hashed counters
  size_t stored_changes = 0;  // changed counters stored beside the table (upper bound)
  size_t max_changed_counters = 0;  // StoryOptions
  int64_t seen = 0;  // every document up to this one has been looked at
};

StoryThreader::StoryThreader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StoryThreader::~StoryThreader() = default;

Result<std::unique_ptr<StoryThreader>> StoryThreader::Open(const Store& store, const StoryOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options.threshold = static_cast<float>(options.threshold);
  impl->options.time_floor = static_cast<float>(options.time_floor);
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
  return std::unique_ptr<StoryThreader>(new StoryThreader(std::move(impl)));
}

Result<ThreadResult> StoryThreader::Thread(Store& store, const std::atomic<bool>* stop) {
  Impl& m = *impl_;
  StoryTables& tables = store.stories();
  auto last = store.LastDoc();
  if (!last) return Err(last.error());
  auto todo = tables.ListUnthreaded(m.seen);
  if (!todo) return Err(todo.error());
  if (*todo == 0) {
    m.seen = *last;
    return ThreadResult{};
  }

  ThreadResult result;
  using Clock = std::chrono::steady_clock;
  auto since = [](Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); };
  StoredBook book(&tables);
  stories::Threader threader(m.options, &book);
  // One transaction a batch: its documents with the stories they changed and the counts (a
  // killed run goes on with the documents that have no row).
  BANTIN_RETURN_IF_ERROR(tables.Begin());
  auto commit = [&]() -> Status {
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
    BANTIN_RETURN_IF_ERROR(tables.PutCounts(counts));
    BANTIN_RETURN_IF_ERROR(tables.Commit());
    m.stored_changes = stored_changes;
    result.write_ms += since(t);
    return Status::OK();
  };
  // The rest of a batch: what fails rolls the batch back, and the in-memory counts with it
  // (the threader must be opened again; see the header).
  auto run = [&]() -> Status {
    auto listed = tables.Listed();
    if (!listed) return listed.error();
    if (!*listed) BANTIN_RETURN_IF_ERROR(FillLists(tables));
    std::vector<std::pair<int64_t, std::optional<Date>>> page;
    for (bool first = true;; first = false) {
      BANTIN_RETURN_IF_ERROR(tables.NextUnthreaded(kBatch, &page));
      if (page.empty()) break;
      if (!first) {
        BANTIN_RETURN_IF_ERROR(commit());
        BANTIN_RETURN_IF_ERROR(tables.Begin());
      }
      for (const auto& [doc, date] : page) {
        if (stop != nullptr && stop->load()) return Status::Aborted(store.dir(), "threading stopped on request");
        auto t0 = Clock::now();
        auto stored = store.GetByDoc(doc);
        if (!stored) return stored.error();
        auto x = store.extractions().Get(doc);
        if (!x) return x.error();
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
        const std::vector<uint32_t> bands = Bands(fp);
        auto near = FindNear(tables, fp, bands);
        if (!near) return near.error();
        result.fingerprint_ms += since(t0);
        t0 = Clock::now();
        if (*near) {
          const StoryDoc& report = **near;
          d.story = report.story;
          d.duplicate_of = report.duplicate_of != 0 ? report.duplicate_of : report.doc;
          BANTIN_RETURN_IF_ERROR(threader.AddReport(d.story, time));
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
          auto story = threader.Assign(stories::Weigh(counts, m.df, m.background.docs(), stories::kArticleTerms), time, title);
          if (!story) return story.error();
          d.story = *story;
        }
        BANTIN_RETURN_IF_ERROR(tables.PutDoc(d));
        BANTIN_RETURN_IF_ERROR(tables.PutBands(doc, bands));
        result.thread_ms += since(t0);
        ++result.articles;
      }
    }
    return commit();
  };
  const Status s = run();
  result.opened = threader.opened();
  if (!s.ok()) {
    tables.Rollback();
    return Err(s);
  }
  m.seen = *last;
  return result;
}

Result<ThreadResult> ThreadStored(Store& store, const StoryOptions& options) {
  if (options.rebuild) BANTIN_RETURN_IF_ERROR(store.stories().Clear());
  auto threader = StoryThreader::Open(store, options);
  if (!threader) return Err(threader.error());
  return (*threader)->Thread(store);
}

}  // namespace bantin
