// ExtractStored: extraction over the store's articles that have none yet, on two threads.
#include <algorithm>
#include <functional>
#include <thread>

#include "bantin/extract.h"
#include "bantin/store.h"

namespace bantin {
namespace {

constexpr int64_t kBatch = 500;  // documents a transaction

// Extracts documents (from, to] of folder `dir` through a connection of its own, handing each
// batch of up to kBatch documents to `on_batch`.
Status ExtractRange(const std::string& dir, int64_t from, int64_t to,
                    const std::function<Status(std::vector<Extraction>)>& on_batch) {
  auto reader = Store::Open(dir, {});
  if (!reader) return reader.error();
  auto dates = DateExtractor::Create();
  if (!dates) return dates.error();
  auto entities = EntityExtractor::Create();
  if (!entities) return entities.error();
  auto events = EventExtractor::Create();
  if (!events) return events.error();
  auto names = Canonicalizer::Shared();
  if (!names) return names.error();
  for (int64_t at = from; at < to;) {
    const int64_t upto = std::min(at + kBatch, to);
    std::vector<Extraction> batch;
    BANTIN_RETURN_IF_ERROR((*reader)->ForEachBetween(at, upto, [&](const StoredArticle& a) {
      Extraction x;
      x.doc = a.doc;
      x.dates = (*dates)->Extract(a.article.text, a.article.date);
      Analysis analysis;
      x.entities = (*entities)->Extract(a.article, &analysis);
      x.events = (*events)->Extract(a.article, x.entities, x.dates, &analysis);
      x.aliases = (*names)->Aliases(x.entities, x.events);
      batch.push_back(std::move(x));
      return Status::OK();
    }));
    BANTIN_RETURN_IF_ERROR(on_batch(std::move(batch)));
    at = upto;
  }
  return Status::OK();
}

}  // namespace

Result<size_t> ExtractStored(Store& store) {
  auto last = store.LastExtractedDoc();
  if (!last) return Err(last.error());
  auto stored_last = store.LastDoc();
  if (!stored_last) return Err(stored_last.error());
  if (*stored_last <= *last) return size_t{0};
  // Two contiguous halves, the second on a helper thread. Its batches are written only after
  // the first half's, so that "the last document extracted" stays a true mark after a crash.
  const int64_t span = *stored_last - *last;
  const bool two = span >= 2 * kBatch && std::thread::hardware_concurrency() >= 2;
  const int64_t middle = two ? *last + span / 2 : *stored_last;
  size_t done = 0;
  std::vector<std::vector<Extraction>> held;
  Status second;
  std::thread helper;
  if (two) {
    helper = std::thread([&] {
      second = ExtractRange(store.dir(), middle, *stored_last, [&](std::vector<Extraction> batch) {
        held.push_back(std::move(batch));
        return Status::OK();
      });
    });
  }
  Status first = ExtractRange(store.dir(), *last, middle, [&](std::vector<Extraction> batch) {
    done += batch.size();
    return store.PutExtractions(batch);
  });
  if (helper.joinable()) helper.join();
  BANTIN_RETURN_IF_ERROR(first);
  BANTIN_RETURN_IF_ERROR(second);
  for (const auto& batch : held) {
    BANTIN_RETURN_IF_ERROR(store.PutExtractions(batch));
    done += batch.size();
  }
  return done;
}

}  // namespace bantin
