// Ingest: the reader feeding the store in batches.
#include <chrono>

#include "bantin/ingest.h"
#include "bantin/reader.h"

namespace bantin {

Result<IngestStats> Ingest(Store& store, const std::vector<std::string>& paths,
                           const IngestOptions& options) {
  IngestStats stats;
  std::vector<Article> batch;
  Status failure;
  const auto start = std::chrono::steady_clock::now();
  size_t input = 0;
  double within = 0;
  auto report = [&] {
    if (!options.on_progress) return;
    IngestProgress p;
    p.stats = &stats;
    p.fraction = paths.empty() ? 1.0 : (static_cast<double>(input) + within) / paths.size();
    p.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    options.on_progress(p);
  };
  auto flush = [&] {
    if (batch.empty() || !failure.ok()) return;
    auto outcomes = store.Add(batch);
    batch.clear();
    if (!outcomes) {
      failure = outcomes.error();
      return;
    }
    for (AddOutcome o : *outcomes) stats.Count(o);
    if (options.after_batch) {
      if (Status s = options.after_batch(); !s.ok()) {
        failure = s;
        return;
      }
    }
    report();
  };
  ReaderOptions reader_options;
  reader_options.default_date = options.default_date;
  reader_options.replace_invalid_utf8 = options.replace_invalid_utf8;
  reader_options.max_article_bytes = options.max_article_bytes;
  reader_options.progress = [&](uint64_t done, uint64_t total) {
    within = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0;
  };
  ArticleReader reader(reader_options);
  auto on_article = [&](Article a) {
    ++stats.read;
    batch.push_back(std::move(a));
    if (batch.size() >= options.batch_size) flush();
  };
  auto on_error = [&](const Status& s) {
    ++stats.errors;
    if (options.on_error) options.on_error(s);
  };
  for (input = 0; input < paths.size() && failure.ok(); ++input) {
    within = 0;
    Status s = reader.Read(paths[input], on_article, on_error);
    if (!s.ok()) on_error(s);
  }
  flush();
  if (!failure.ok()) return Err(failure);
  input = paths.size();
  within = 0;
  report();
  return stats;
}

}  // namespace bantin
