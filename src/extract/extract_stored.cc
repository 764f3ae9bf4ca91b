// ExtractStored: extraction over the store's articles that have none yet, on two threads.
#include <algorithm>
#include <functional>
#include <memory>
#include <thread>

#include "bantin/extract.h"
#include "bantin/store.h"

namespace bantin {
namespace {

constexpr int64_t kBatch = 500;  // documents a transaction
constexpr int64_t kWindow = 20000;  // documents extracted before the helper thread's results are written

// One thread's extractors (dates, entities, events, canonical names).
struct Extractors {
  std::unique_ptr<DateExtractor> dates;
  std::unique_ptr<EntityExtractor> entities;
  std::unique_ptr<EventExtractor> events;
  std::shared_ptr<const Canonicalizer> names;

  static Result<std::unique_ptr<Extractors>> Create() {
    auto x = std::make_unique<Extractors>();
    auto dates = DateExtractor::Create();
    if (!dates) return Err(dates.error());
    auto entities = EntityExtractor::Create();
    if (!entities) return Err(entities.error());
    auto events = EventExtractor::Create();
    if (!events) return Err(events.error());
    auto names = Canonicalizer::Shared();
    if (!names) return Err(names.error());
    x->dates = std::move(*dates);
    x->entities = std::move(*entities);
    x->events = std::move(*events);
    x->names = std::move(*names);
    return x;
  }

  // Extracts documents (from, to] of folder `dir` through a connection of its own, handing
  // each batch of up to kBatch documents to `on_batch`.
  Status Range(const std::string& dir, int64_t from, int64_t to,
               const std::function<Status(std::vector<Extraction>)>& on_batch,
               const std::atomic<bool>* stop = nullptr) {
    auto reader = Store::Open(dir, {});
    if (!reader) return reader.error();
    for (int64_t at = from; at < to;) {
      const int64_t upto = std::min(at + kBatch, to);
      std::vector<Extraction> batch;
      BANTIN_RETURN_IF_ERROR((*reader)->ForEachBetween(at, upto, [&](const StoredArticle& a) {
        if (stop != nullptr && stop->load()) return Status::Aborted(dir, "extraction stopped on request");
        Extraction x;
        x.doc = a.doc;
        x.dates = dates->Extract(a.article.text, a.article.date);
        Analysis analysis;
        x.entities = entities->Extract(a.article, &analysis);
        x.events = events->Extract(a.article, x.entities, x.dates, &analysis);
        x.aliases = names->Aliases(x.entities, x.events);
        batch.push_back(std::move(x));
        return Status::OK();
      }));
      BANTIN_RETURN_IF_ERROR(on_batch(std::move(batch)));
      at = upto;
    }
    return Status::OK();
  }
};

}  // namespace

struct StoredExtractor::Impl {
  std::unique_ptr<Extractors> first, second;  // the second made when a run first needs it
};

StoredExtractor::StoredExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StoredExtractor::~StoredExtractor() = default;

Result<std::unique_ptr<StoredExtractor>> StoredExtractor::Create() {
  auto impl = std::make_unique<Impl>();
  auto first = Extractors::Create();
  if (!first) return Err(first.error());
  impl->first = std::move(*first);
  return std::unique_ptr<StoredExtractor>(new StoredExtractor(std::move(impl)));
}

Result<size_t> StoredExtractor::Run(Store& store, const std::atomic<bool>* stop) {
  auto last = store.extractions().LastDoc();
  if (!last) return Err(last.error());
  auto stored_last = store.LastDoc();
  if (!stored_last) return Err(stored_last.error());
  if (*stored_last <= *last) return size_t{0};
  // A window of documents at a time, in two contiguous halves, the second on a helper thread.
  // The second half's batches are written only after the first half's, so that "the last
  // document extracted" stays a true mark after a crash; the window bounds what is held
  // meanwhile (a whole archive's second half was held before: 3.5 GB at a million articles).
  size_t done = 0;
  for (int64_t from = *last; from < *stored_last;) {
    const int64_t to = std::min(*stored_last, from + kWindow);
    const int64_t span = to - from;
    const bool two = span >= 2 * kBatch && std::thread::hardware_concurrency() >= 2;
    const int64_t middle = two ? from + span / 2 : to;
    if (two && impl_->second == nullptr) {
      auto second = Extractors::Create();
      if (!second) return Err(second.error());
      impl_->second = std::move(*second);
    }
    std::vector<std::vector<Extraction>> held;
    Status second;
    std::thread helper;
    if (two) {
      helper = std::thread([&] {
        second = impl_->second->Range(store.dir(), middle, to, [&](std::vector<Extraction> batch) {
          held.push_back(std::move(batch));
          return Status::OK();
        }, stop);
      });
    }
    Status first = impl_->first->Range(store.dir(), from, middle, [&](std::vector<Extraction> batch) {
      done += batch.size();
      return store.extractions().Put(batch);
    }, stop);
    if (helper.joinable()) helper.join();
    BANTIN_RETURN_IF_ERROR(first);
    BANTIN_RETURN_IF_ERROR(second);
    for (const auto& batch : held) {
      BANTIN_RETURN_IF_ERROR(store.extractions().Put(batch));
      done += batch.size();
    }
    from = to;
  }
  return done;
}

Result<size_t> StoredExtractor::Redo(Store& store, const std::vector<int64_t>& docs) {
  size_t done = 0;
  for (int64_t doc : docs) {
    if (doc <= 0) continue;
    BANTIN_RETURN_IF_ERROR(impl_->first->Range(store.dir(), doc - 1, doc, [&](std::vector<Extraction> batch) {
      done += batch.size();
      return store.extractions().Put(batch);
    }));
  }
  return done;
}

Result<size_t> ExtractStored(Store& store) {
  auto extractor = StoredExtractor::Create();
  if (!extractor) return Err(extractor.error());
  return (*extractor)->Run(store);
}

}  // namespace bantin
