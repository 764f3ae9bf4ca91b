// Ingest: reading articles from files and storing them, in batches, idempotently.
//
//   auto store = bantin::Store::Open("bantin-data", {.create = true}).value();
//   bantin::IngestStats stats = bantin::Ingest(*store, {"news/"}, {}).value();
//
// Each batch is one transaction: killing the process at any moment leaves every article either
// stored once or not at all, and running the same ingest again completes it (articles already
// stored, by id or by content, are counted as duplicates and skipped).
//
// Thread safety: one ingest per Store at a time.
#ifndef BANTIN_INGEST_H_
#define BANTIN_INGEST_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bantin/article.h"
#include "bantin/status.h"
#include "bantin/store.h"

namespace bantin {

struct IngestStats {
  size_t read = 0;               // articles read from the inputs
  size_t added = 0;              // stored now
  size_t duplicate_id = 0;       // already stored under the same id
  size_t duplicate_content = 0;  // already stored with the same title, lead and body
  size_t errors = 0;             // inputs or articles that could not be read (see on_error)

  // Counts what storing one article did.
  void Count(AddOutcome o) {
    switch (o) {
      case AddOutcome::kAdded: ++added; break;
      case AddOutcome::kDuplicateId: ++duplicate_id; break;
      case AddOutcome::kDuplicateContent: ++duplicate_content; break;
    }
  }
};

struct IngestProgress {
  const IngestStats* stats = nullptr;
  double fraction = 0;  // of all inputs, 0..1 (estimated within a file)
  double elapsed_s = 0;
};

struct IngestOptions {
  size_t batch_size = 2000;  // articles per transaction
  std::optional<Date> default_date;
  bool replace_invalid_utf8 = false;
  size_t max_article_bytes = size_t{2} << 20;  // ReaderOptions::max_article_bytes
  std::function<void(const Status&)> on_error;  // each bad input or article; may be empty
  std::function<void(const IngestProgress&)> on_progress;  // now and then; may be empty
  // After each stored batch (e.g. to index it); an error stops the ingest. May be empty.
  std::function<Status()> after_batch;
};

// Reads every path (as ArticleReader does) and stores what it reads. Returns the counts, or the
// first store error (a failed batch is rolled back; batches before it stay stored).
Result<IngestStats> Ingest(Store& store, const std::vector<std::string>& paths,
                           const IngestOptions& options);

}  // namespace bantin

#endif  // BANTIN_INGEST_H_
