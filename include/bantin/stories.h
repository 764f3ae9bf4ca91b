// Stories: near-duplicate reports collapsed onto the first report, and articles threaded into
// stories with timelines (docs/stories.md).
//
//   auto store = bantin::Store::Open("bantin-data", {}).value();
//   auto run = bantin::ThreadStored(*store).value();   // after ingest and extraction
//   auto timeline = bantin::StoryTimeline(*store, story_id).value();
#ifndef BANTIN_STORIES_H_
#define BANTIN_STORIES_H_

#include <cstdint>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "bantin/extract.h"
#include "bantin/status.h"
#include "bantin/store.h"

namespace bantin {

struct StoryOptions {
  bool rebuild = false;  // forget every story and thread the whole archive again
  // An article joins the most similar story when cosine(article, story) x time factor reaches
  // this (tuned on vmds-dev; docs/stories.md).
  double threshold = 0.25;
  // The least the time factor gets for articles far apart in time (docs/stories.md).
  double time_floor = 0.5;
  // The word-frequency table (16 MiB) is stored whole only once more of its counters changed
  // since it was last stored than this; until then a transaction stores just the changed ones
  // (threading one article changes a few hundred; 10,000 articles, millions).
  size_t max_changed_counters = size_t{1} << 17;
};

struct ThreadResult {
  size_t articles = 0;    // threaded in this run
  size_t duplicates = 0;  // of which near-duplicates of an earlier report
  size_t opened = 0;      // stories opened
  double read_ms = 0;         // reading articles and extraction results from the store
  double fingerprint_ms = 0;  // folding the text and its MinHash sketch, duplicate lookup
  double thread_ms = 0;       // features, weighting, choosing the story
  double write_ms = 0;        // storing the results
};

// Threads articles into stories. The archive's threading state (stories and their term lists,
// sketches and their bands) stays in the store, read back by term and band as articles need
// it; memory holds the word-frequency table (16 MiB) and one article's work, whatever the
// archive's size. Open it once, then Thread() after each ingest costs what the new articles
// cost. Not thread-safe.
class StoryThreader {
 public:
  // Reads the word frequencies `store` holds (options.rebuild is ignored here: see ThreadStored).
  static Result<std::unique_ptr<StoryThreader>> Open(const Store& store, const StoryOptions& options = {});
  ~StoryThreader();
  StoryThreader(const StoryThreader&) = delete;
  StoryThreader& operator=(const StoryThreader&) = delete;
  // Threads every stored article not threaded yet, in date order (undated ones first, in the
  // order stored): a near-duplicate joins its first report's story; any other article joins
  // the most similar story or opens one. Results are committed every 10,000 articles (a killed
  // run goes on from there; the first run on a folder threaded before schema 8 lists its
  // stories and sketches first). Uses the extraction results where present (run it after
  // extraction). `store` must be the folder Open() read. After an error the in-memory state
  // may be ahead of the store: open a new StoryThreader.
  // `stop`, when given and set (by another thread), ends the run between articles with
  // Aborted; the transactions written before stay (the next run goes on from them).
  Result<ThreadResult> Thread(Store& store, const std::atomic<bool>* stop = nullptr);

 private:
  struct Impl;
  explicit StoryThreader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Opens a StoryThreader (after forgetting every story when options.rebuild) and threads.
Result<ThreadResult> ThreadStored(Store& store, const StoryOptions& options = {});

// Learns the background word frequencies threading adds to an archive's own (docs/models.md):
// in how many articles each folded word appears. `bantin train-background`.
class BackgroundLearner {
 public:
  static Result<std::unique_ptr<BackgroundLearner>> Create();
  ~BackgroundLearner();
  BackgroundLearner(const BackgroundLearner&) = delete;
  BackgroundLearner& operator=(const BackgroundLearner&) = delete;
  void Add(const Article& article);
  // The table (docs/format.md "Background frequencies"): words in at least `min_docs` articles.
  std::string Model(uint32_t min_docs) const;

 private:
  struct Impl;
  explicit BackgroundLearner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct TimelineEntry {
  enum class Kind : uint8_t {
    kArticle,  // an article's publication
    kEvent,    // an extracted event, at its own date
    kMention,  // a dated sentence no event was extracted from ("… diễn ra vào ngày 27/2")
  };
  Kind kind = Kind::kArticle;
  std::string date;        // ISO value as extraction gives it ("2025-12-02", "--04-10", "2025-11"), or empty
  std::string order;       // the sort key: the date with an open year taken from the documents
  std::string article_id;  // the article (for an event or mention: the one that reports it)
  std::string title;       // the article's title
  Event event;             // kEvent
  uint32_t begin = 0, end = 0;  // kEvent, kMention: the evidence sentence's bytes in the article
  std::string sentence;         // … and its text
};

// The timeline of a set of documents: each article at its publication date, each event at its
// own date, and each other sentence that names a day or a span of days at that date (not the
// publication day itself), in date order; dates without a year are placed in the year of the
// article, else of the documents' earliest dated article (their value keeps the open year).
Result<std::vector<TimelineEntry>> Timeline(const Store& store, const std::vector<int64_t>& docs);
struct StoryEntity {
  std::string canonical, type;  // "Vladimir Putin", "PER"
  int64_t articles = 0;         // of the story's distinct reports naming it
};
// The entities of story `id`, most named first (by articles, then name); at most `limit`.
Result<std::vector<StoryEntity>> StoryEntities(const Store& store, int64_t id, size_t limit);

// The timeline of story `id` (its distinct reports; near-duplicates add nothing new).
Result<std::vector<TimelineEntry>> StoryTimeline(const Store& store, int64_t id);

}  // namespace bantin

#endif  // BANTIN_STORIES_H_
