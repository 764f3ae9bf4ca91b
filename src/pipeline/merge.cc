// MergeFolders (bantin/pipeline.h): data folders built apart (a Dask worker's shard) made one.
#include <vector>

#include "bantin/extract.h"
#include "bantin/pipeline.h"
#include "bantin/store.h"

namespace bantin {
namespace {

constexpr size_t kBatch = 2000;

// Copies one shard's articles (in its document order) and their extraction into `out`.
Status CopyShard(const std::string& shard, Store& out, const Canonicalizer& canon, MergeStats* stats) {
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
      if (docs[i] > *extracted_up_to) continue;  // left for the pipeline to extract
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
    auto target = Store::Open(out, {.create = true, .env = options.env});
    if (!target) return Err(target.error());
    for (const std::string& shard : shards) BANTIN_RETURN_IF_ERROR(CopyShard(shard, **target, **canon, &stats));
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
