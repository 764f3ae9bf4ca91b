// Store: the system of record — a data folder holding an SQLite database (WAL mode) with every
// article's original bytes and metadata. Everything else (the search index, later analyses and
// stories) is derived from it and can be rebuilt.
//
//   auto store = bantin::Store::Open("bantin-data", {.create = true}).value();
//   auto added = store->Add(articles);          // one transaction; duplicates are skipped
//   store->ForEach([](const bantin::StoredArticle& a) { ... });
//
// Idempotent: an article whose id, or whose content (title, lead and body after normalization),
// is already stored is not added again. A batch is one transaction: after a crash either all of
// it is stored or none of it.
//
// Thread safety: a Store is used by one thread at a time; several processes may open the same
// folder (SQLite's locking serializes writers, readers see a consistent snapshot).
#ifndef BANTIN_STORE_H_
#define BANTIN_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bantin/article.h"
#include "bantin/env.h"
#include "bantin/status.h"
#include "bantin/store_extractions.h"
#include "bantin/store_stories.h"

namespace bantin {

struct StoreOptions {
  bool create = false;  // create the folder and database when missing (else NotFound)
  Env* env = Env::Default();  // the clock of `stored_at` (SQLite does its own file I/O)
};

// An article as stored, with the store's dense document number.
struct StoredArticle {
  int64_t doc = 0;  // 1, 2, ... in order of storing; never reused
  Article article;
};

enum class AddOutcome : uint8_t { kAdded, kDuplicateId, kDuplicateContent };

class Store {
 public:
  // Opens (or with options.create, creates) the data folder `dir`. Corruption when the database
  // is damaged; Unsupported when it was written by a newer bantin.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Stores `articles` in one transaction. One outcome per article, in order.
  Result<std::vector<AddOutcome>> Add(const std::vector<Article>& articles);

  Result<int64_t> Count() const;
  // The number of stored articles whose document number is at most `last`.
  Result<int64_t> CountUpTo(int64_t last) const;
  // The article with id `id`; NotFound if there is none.
  Result<StoredArticle> Get(const std::string& id) const;
  // The article with document number `doc`; NotFound if there is none.
  Result<StoredArticle> GetByDoc(int64_t doc) const;
  // Runs `fn`, whose reads through this store (articles, extractions, stories) then see one
  // state of the database and share one read transaction (cheaper than one each: a search's
  // hits). `fn` must not write. Returns fn's status, or the database's error.
  Status ReadTogether(const std::function<Status()>& fn) const;
  // Calls `fn` for every stored article in document order; stops at the first non-OK status.
  Status ForEach(const std::function<Status(const StoredArticle&)>& fn) const;
  // The same for the articles whose document number is in (after, last].
  Status ForEachBetween(int64_t after, int64_t last,
                        const std::function<Status(const StoredArticle&)>& fn) const;
  // The highest document number stored (0 when empty).
  Result<int64_t> LastDoc() const;
  // What Check found: each problem (naming the document and its id), and what can be mended.
  struct CheckReport {
    std::vector<Status> problems;  // in the order found; the first 10,000 (`more` counts the rest)
    size_t more = 0;
    bool database = false;                  // SQLite's own check failed (the file is damaged)
    std::vector<int64_t> damaged_articles;  // text, paragraphs or date unlike what was stored
    std::vector<int64_t> bad_extractions;   // documents whose extraction rows are wrong (0: rows of no article)
    bool bad_stories = false;               // a threading row or story is wrong
    bool bad_entity_docs = false;           // entity_docs unlike the (name, document) pairs of entities
    bool ok() const { return problems.empty(); }
  };
  // Verifies the database (SQLite's integrity check), every article (its text valid UTF-8 and
  // equal, with its paragraphs, to what its content hash was taken of; its date), every
  // extraction row against its article (the document exists, spans inside its text, an
  // entity's or date's text equal to those bytes), entity_docs against the entities, and every threading row and story (their
  // documents and stories exist, fingerprints whole). An error only when the check cannot run.
  Result<CheckReport> Check() const;
  // Mends what is derived: removes the extraction rows of `report.bad_extractions` (the next
  // extraction redoes those documents: see StoredExtractor::Redo), rebuilds entity_docs from
  // the entities left when it was wrong and, with bad stories, every story (the next threading rebuilds them). Articles are never changed: a damaged one
  // is re-ingested from its source, or left.
  Status RepairDerived(const CheckReport& report);

  // The extraction results' tables (entities, names, dates, events) and the stories' tables,
  // in this store's database.
  ExtractionTables& extractions() { return *extractions_; }
  const ExtractionTables& extractions() const { return *extractions_; }
  StoryTables& stories() { return *stories_; }
  const StoryTables& stories() const { return *stories_; }

  const std::string& dir() const { return dir_; }

 private:
  struct Db;
  Store(std::string dir, Env* env, std::unique_ptr<Db> db);
  std::string dir_;
  Env* env_ = nullptr;
  std::unique_ptr<Db> db_;
  std::unique_ptr<ExtractionTables> extractions_;
  std::unique_ptr<StoryTables> stories_;
};

}  // namespace bantin

#endif  // BANTIN_STORE_H_
