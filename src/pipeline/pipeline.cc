// Pipeline: store -> index -> extraction -> stories, for every caller (see bantin/pipeline.h).
#include "bantin/pipeline.h"

#include "bantin/extract.h"
#include "bantin/search.h"

namespace bantin {
namespace {

// While a long read goes on, the index is published every this many stored articles, so that
// searchers see a long ingest progress.
constexpr size_t kCommitEvery = 200000;

}  // namespace

struct Pipeline::Impl {
  PipelineOptions options;
  std::unique_ptr<Store> store;
  std::unique_ptr<IndexWriter> index;
  std::unique_ptr<StoredExtractor> extractor;  // made on first use
  std::unique_ptr<StoryThreader> threader;  // opened on first use; dropped after an error

  // Index, extraction and stories of everything the store holds without them.
  Status Finish(PipelineResult* result) {
    BANTIN_RETURN_IF_ERROR(index->CatchUp(*store));
    BANTIN_RETURN_IF_ERROR(index->Commit());
    if (options.extract) {
      if (!extractor) {
        auto made = StoredExtractor::Create();
        if (!made) return made.error();
        extractor = std::move(*made);
      }
      auto n = extractor->Run(*store, options.stop);
      if (!n) return n.error();
      result->extracted = *n;
    }
    if (options.stories) {
      if (!threader) {
        auto opened = StoryThreader::Open(*store, options.story);
        if (!opened) return opened.error();
        threader = std::move(*opened);
      }
      auto run = threader->Thread(*store, options.stop);
      if (!run) {
        threader.reset();  // its state may be ahead of the store: reloaded next time
        return run.error();
      }
      result->threaded = *run;
    }
    return Status::OK();
  }
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Open(const std::string& dir, const PipelineOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.batch_size == 0) impl->options.batch_size = 1;
  auto store = Store::Open(dir, {.create = true, .env = options.env});
  if (!store) return Err(store.error());
  impl->store = std::move(*store);
  auto index = IndexWriter::Open(dir, options.env, options.lock_wait);
  if (!index) return Err(index.error());
  impl->index = std::move(*index);
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

const Store& Pipeline::store() const { return *impl_->store; }

Result<PipelineResult> Pipeline::Add(const std::vector<std::string>& paths) {
  Impl& m = *impl_;
  IngestOptions ingest;
  ingest.batch_size = m.options.batch_size;
  ingest.default_date = m.options.default_date;
  ingest.replace_invalid_utf8 = m.options.replace_invalid_utf8;
  ingest.max_article_bytes = m.options.max_article_bytes;
  ingest.on_error = m.options.on_error;
  ingest.on_progress = m.options.on_progress;
  size_t uncommitted = 0;
  ingest.after_batch = [&]() -> Status {
    if ((uncommitted += m.options.batch_size) < kCommitEvery) return Status::OK();
    uncommitted = 0;
    BANTIN_RETURN_IF_ERROR(m.index->CatchUp(*m.store));
    return m.index->Commit();
  };
  PipelineResult result;
  auto stats = Ingest(*m.store, paths, ingest);
  if (!stats) return Err(stats.error());
  result.stats = *stats;
  BANTIN_RETURN_IF_ERROR(m.Finish(&result));
  return result;
}

Result<PipelineResult> Pipeline::Add(const std::vector<Article>& articles) {
  Impl& m = *impl_;
  PipelineResult result;
  result.stats.read = articles.size();
  // One transaction: a request's articles are stored whole or not at all.
  auto outcomes = m.store->Add(articles);
  if (!outcomes) return Err(outcomes.error());
  for (AddOutcome o : *outcomes) result.stats.Count(o);
  result.outcomes = std::move(*outcomes);
  BANTIN_RETURN_IF_ERROR(m.Finish(&result));
  return result;
}

}  // namespace bantin
