// ExtractStored: extraction over the store's articles that have none yet.
#include <algorithm>

#include "bantin/extract.h"
#include "bantin/store.h"

namespace bantin {

Result<size_t> ExtractStored(Store& store) {
  auto last = store.LastExtractedDoc();
  if (!last) return Err(last.error());
  auto stored_last = store.LastDoc();
  if (!stored_last) return Err(stored_last.error());
  if (*stored_last <= *last) return size_t{0};
  auto dates = DateExtractor::Create();
  if (!dates) return Err(dates.error());
  auto entities = EntityExtractor::Create();
  if (!entities) return Err(entities.error());
  auto events = EventExtractor::Create();
  if (!events) return Err(events.error());
  constexpr size_t kBatch = 500;
  size_t done = 0;
  // A range of documents at a time: read (the read ends before the write transaction starts),
  // then write.
  for (int64_t from = *last; from < *stored_last;) {
    const int64_t upto = std::min<int64_t>(from + static_cast<int64_t>(kBatch), *stored_last);
    std::vector<Extraction> batch;
    BANTIN_RETURN_IF_ERROR(store.ForEachBetween(from, upto, [&](const StoredArticle& a) {
      Extraction x;
      x.doc = a.doc;
      x.dates = (*dates)->Extract(a.article.text, a.article.date);
      x.entities = (*entities)->Extract(a.article);
      x.events = (*events)->Extract(a.article, x.entities, x.dates);
      batch.push_back(std::move(x));
      return Status::OK();
    }));
    BANTIN_RETURN_IF_ERROR(store.PutExtractions(batch));
    done += batch.size();
    from = upto;
  }
  return done;
}

}  // namespace bantin
