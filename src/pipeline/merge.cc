// MergeFolders (bantin/pipeline.h): data folders built apart (a Dask worker's shard) made one.
#include <vector>

#include "bantin/extract.h"
#include "bantin/pipeline.h"
#include "bantin/search.h"
#include "bantin/store.h"

namespace bantin {
namespace {

constexpr size_t kBatch = 2000;

// Copies one shard's articles (in its document order) and their extraction into `out`. The
// folder's extraction is a prefix of its documents (the extractor resumes after the highest one
// done), so once an article is stored without its extraction (its shard had not extracted it),
// no later one is given a copied extraction: the pipeline's catch-up extracts them all.
Status CopyShard(const std::string& shard, Store& out, const Canonicalizer& canon, bool* gap, MergeStats* stats) {
  auto in = Store::Open(shard, {});
  if (!in) return in.error();
  auto extracted_up_to = (*in)->extractions().LastDoc();
  if (!extracted_up_to) return extracted_up_to.error();
  std::vector<Article> articles;
  std::vector<int64_t> docs;  // each article's document number in the shard
  auto flush = [&]() -> Status {
    if (articles.empty()) return Status::OK();
    auto last = out.LastDoc();
    if (!last) return last.error();
    auto outcomes = out.Add(articles);  // one transaction; document numbers follow in order
    if (!outcomes) return outcomes.error();
    std::vector<Extraction> results;
    int64_t next = *last;
    for (size_t i = 0; i < articles.size(); ++i) {
      stats->ingest.Count((*outcomes)[i]);
      if ((*outcomes)[i] != AddOutcome::kAdded) continue;
      ++next;
      if (docs[i] > *extracted_up_to) *gap = true;
      if (*gap) continue;  // left for the pipeline to extract
      auto x = (*in)->extractions().Get(docs[i]);
      if (!x) return x.error();
      x->doc = next;
      x->aliases = canon.Aliases(x->entities, x->events);
      results.push_back(std::move(*x));
      ++stats->extractions_copied;
    }
    BANTIN_RETURN_IF_ERROR(out.extractions().Put(results));
    articles.clear();
    docs.clear();
    return Status::OK();
  };
  Status s = (*in)->ForEach([&](const StoredArticle& a) -> Status {
    ++stats->ingest.read;
    articles.push_back(a.article);
    docs.push_back(a.doc);
    return articles.size() >= kBatch ? flush() : Status::OK();
  });
  BANTIN_RETURN_IF_ERROR(s);
  return flush();
}

}  // namespace

Result<MergeStats> MergeFolders(const std::string& out, const std::vector<std::string>& shards,
                                const PipelineOptions& options) {
  MergeStats stats;
  auto canon = Canonicalizer::Shared();
  if (!canon) return Err(canon.error());
  {
    // A merge killed between storing a batch and copying its extraction, or a folder not
    // extracted to its end, is finished by the pipeline before anything is copied.
    auto target = Store::Open(out, {.create = true, .env = options.env});
    if (!target) return Err(target.error());
    auto last = (*target)->LastDoc();
    auto extracted = (*target)->extractions().LastDoc();
    if (!last || !extracted) return Err(!last ? last.error() : extracted.error());
    if (*extracted < *last) {
      auto pipeline = Pipeline::Open(out, options);
      if (!pipeline) return Err(pipeline.error());
      auto caught_up = (*pipeline)->Add(std::vector<Article>{});
      if (!caught_up) return Err(caught_up.error());
    }
  }
  {
    // The copy holds the folder's write lock (as a pipeline does): no other writer may number
    // documents meanwhile.
    auto lock = IndexWriter::Open(out, options.env, options.lock_wait);
    if (!lock) return Err(lock.error());
    auto target = Store::Open(out, {.create = true, .env = options.env});
    if (!target) return Err(target.error());
    bool gap = false;
    for (const std::string& shard : shards) BANTIN_RETURN_IF_ERROR(CopyShard(shard, **target, **canon, &gap, &stats));
  }
  // The index, anything not extracted yet, near-duplicates and stories: the pipeline's catch-up.
  auto pipeline = Pipeline::Open(out, options);
  if (!pipeline) return Err(pipeline.error());
  auto finished = (*pipeline)->Add(std::vector<Article>{});
  if (!finished) return Err(finished.error());
  stats.extracted = finished->extracted;
  stats.threaded = finished->threaded;
  return stats;
}

}  // namespace bantin
