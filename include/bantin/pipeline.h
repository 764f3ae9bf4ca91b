// Pipeline: the one way articles enter a data folder. The CLI's `ingest`, the server's
// `POST /api/articles` and the feed watcher all call it, so an article stored by any of them
// is indexed, extracted and threaded the same way (a test checks the CLI and the API leave
// identical folders).
//
//   auto p = bantin::Pipeline::Open("bantin-data", {}).value();
//   bantin::PipelineResult r = p->Add({"news.jsonl.zst"}).value();
//   r = p->Add(articles_from_a_post).value();
//
// Each Add runs the stages in order over the new articles: store (atomic batches; duplicates by
// id or content skipped), index (a segment published before Add returns), extraction
// (entities, dates, events), near-duplicates and stories. Every stage catches up on what the
// folder holds without it (a killed run), so an interrupted Add is finished by the next.
// The pipeline holds the index's write lock and the threader (its word frequencies; stories and
// fingerprints stay in the store) for its life: the cost of an Add is that of its articles,
// not of the archive.
//
// Thread safety: one Add at a time (the caller serializes); searches of the folder may run
// meanwhile in this or other processes.
#ifndef BANTIN_PIPELINE_H_
#define BANTIN_PIPELINE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bantin/article.h"
#include "bantin/env.h"
#include "bantin/ingest.h"
#include "bantin/search.h"
#include "bantin/status.h"
#include "bantin/store.h"
#include "bantin/stories.h"

namespace bantin {

struct PipelineOptions {
  size_t batch_size = 2000;  // articles per store transaction when reading files
  std::optional<Date> default_date;  // for read articles that name none
  bool replace_invalid_utf8 = false;
  size_t max_article_bytes = size_t{2} << 20;  // longer articles refused (ReaderOptions); 0: none
  bool extract = true;  // off: store and index only (a later Add extracts)
  bool stories = true;  // off: no near-duplicates or stories (a later Add threads)
  StoryOptions story;   // `rebuild` is ignored
  Env* env = Env::Default();  // where the index is written, and the clock (tests inject faults)
  IndexLockWait lock_wait;  // while another writer holds the folder (600 s by default)
  // When given and set by another thread (a server shutting down), an Add ends between
  // articles with Aborted; what it committed stays, and the next Add finishes the rest.
  const std::atomic<bool>* stop = nullptr;
  std::function<void(const Status&)> on_error;             // each bad input or article
  std::function<void(const IngestProgress&)> on_progress;  // reading files, now and then
};

struct PipelineResult {
  IngestStats stats;                  // read, added, duplicates, errors
  std::vector<AddOutcome> outcomes;   // Add(articles): one per article, in order
  size_t extracted = 0;               // articles extracted (this Add's and any left before)
  ThreadResult threaded;              // articles threaded, near-duplicates, stories opened
};

class Pipeline {
 public:
  // Opens (creating) the data folder `dir` and takes its index's write lock (waiting for
  // another writer to finish, as options.lock_wait says).
  static Result<std::unique_ptr<Pipeline>> Open(const std::string& dir, const PipelineOptions& options = {});
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Reads `paths` (files, folders, "-" for standard input; as ArticleReader does) and adds what
  // they hold. Unreadable inputs and articles are counted and reported to on_error; the rest go on.
  Result<PipelineResult> Add(const std::vector<std::string>& paths);
  // Adds articles already read (a POST body), stored in one transaction.
  Result<PipelineResult> Add(const std::vector<Article>& articles);

  // The store the pipeline writes (for counts and reads between Adds).
  const Store& store() const;

 private:
  struct Impl;
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct MergeStats {
  IngestStats ingest;             // articles read from the shards, added, duplicates across them
  size_t extractions_copied = 0;  // articles whose extraction was copied, not redone
  size_t extracted = 0;           // articles extracted by the merge (a shard had not)
  ThreadResult threaded;          // near-duplicates and stories, threaded over the whole
};

// Merges data folders built apart (bantin.dask's workers, one a shard) into `out` (created if
// missing): each shard's articles in its document order, shard after shard, stored as an ingest
// of them would (the same id or content twice is stored once), their extraction copied rather
// than redone, then the index built and stories threaded over the whole by the pipeline's
// catch-up. The result equals one ingest of the shards in that order (python/tests/test_dask.py).
// Holds the write lock of `out` like any pipeline; the shards are only read. A merge killed
// midway and run again finishes what it left (and stores nothing twice).
Result<MergeStats> MergeFolders(const std::string& out, const std::vector<std::string>& shards,
                                const PipelineOptions& options = {});

}  // namespace bantin

#endif  // BANTIN_PIPELINE_H_
