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
#include "bantin/records.h"
#include "bantin/status.h"

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
  // Calls `fn` for every stored article in document order; stops at the first non-OK status.
  Status ForEach(const std::function<Status(const StoredArticle&)>& fn) const;
  // The same for the articles whose document number is in (after, last].
  Status ForEachBetween(int64_t after, int64_t last,
                        const std::function<Status(const StoredArticle&)>& fn) const;
  // The highest document number stored (0 when empty).
  Result<int64_t> LastDoc() const;
  // Verifies the database (SQLite's integrity check) and every row (UTF-8, paragraph offsets
  // inside the text, dates). The first problem found is returned, naming the document.
  Status Check() const;

  // --- Extraction results (entities, dates, events per article; docs/format.md) ---
  // Stores the results for these documents in one transaction, replacing earlier ones.
  Status PutExtractions(const std::vector<Extraction>& batch);
  // The highest document number extraction has run on (0 if none).
  Result<int64_t> LastExtractedDoc() const;
  struct EntityCount {
    std::string canonical, type;
    int64_t mentions = 0, articles = 0;
  };
  // Entities by the number of articles naming them; `type` "PER"/"LOC"/"ORG" or empty for all.
  Status ListEntities(const std::string& type, size_t limit,
                      const std::function<void(const EntityCount&)>& fn) const;
  struct StoredEvent {
    std::string article_id;
    Event event;
    std::string sentence;  // the text of event.sentence_begin..end
  };
  // An entity asked for by a name, as the keys of that name (text::Normalizer::NameKeys,
  // Canonicalizer::Keys). It stands for every canonical name with an alias (docs/format.md,
  // `entity_names`) of key `exact`, or, when none has one, of key `folded`: "Hoa Kỳ" and
  // "United States" stand for "Mỹ", "hoa ky" too; "Putin" for "Vladimir Putin".
  struct EntityKeys {
    std::string exact, folded;
  };
  struct NamedEntity {
    std::string canonical;
    std::vector<std::string> aliases;  // every name stored for it: the canonical first, then byte order
  };
  // The entities `name` stands for, most articles first, with their names.
  Result<std::vector<NamedEntity>> FindEntities(const EntityKeys& name) const;
  // Events in date order whose source or target is an entity `actor` stands for (none: any)
  // and whose date falls in [from, to] (events without a full date are left out when either
  // is set).
  Status ListEvents(const std::optional<EntityKeys>& actor, const std::optional<Date>& from,
                    const std::optional<Date>& to, size_t limit,
                    const std::function<void(const StoredEvent&)>& fn) const;
  // Documents that name an entity `name` stands for.
  Result<std::vector<int64_t>> DocsWithEntity(const EntityKeys& name) const;

  // Extraction results of one document (entities, dates, events; text fields filled, the
  // sentence of each event not). NotFound-free: a document without results gives empty lists.
  Result<Extraction> GetExtraction(int64_t doc) const;

  // --- Stories (near-duplicates and threads; docs/format.md "Stories") ---
  struct StoryDoc {
    int64_t doc = 0, story = 0;
    std::string fingerprint;   // MinHash sketch (docs/format.md)
    int64_t duplicate_of = 0;  // the first report this one repeats, or 0
  };
  struct StoredStory {
    int64_t id = 0;
    std::string title;
    std::optional<Date> first, last;  // publication dates of its articles
    int64_t anchor = 0;  // month*100+day named by its first undated article (0: none)
    int64_t articles = 0, reports = 0;
    double title_score = 0;
    std::string centroid;  // the threader's state: centroid and dyads (docs/format.md)
  };
  // Stores threaded documents, the stories they changed and the threader's document
  // frequencies in one transaction.
  Status PutStories(const std::vector<StoryDoc>& docs, const std::vector<StoredStory>& stories,
                    const std::string& frequencies);
  // The document frequencies last stored (empty when none).
  Result<std::string> StoryFrequencies() const;
  // Removes every story and threading result (to re-thread the archive).
  Status ClearStories();
  // Stories by id; with `from`/`to`, those whose span meets [from, to].
  Status ForEachStory(const std::optional<Date>& from, const std::optional<Date>& to,
                      const std::function<Status(const StoredStory&)>& fn) const;
  Result<StoredStory> GetStory(int64_t id) const;
  // Threaded documents: all (story = 0), or those of one story; in document order.
  Status ForEachStoryDoc(int64_t story, const std::function<Status(const StoryDoc&)>& fn) const;
  // Where document `doc` was threaded: its story and first report (NotFound: not threaded).
  Result<StoryDoc> GetStoryDoc(int64_t doc) const;
  // Reports of a first report: itself and its near-duplicates.
  Result<int64_t> CountReports(int64_t first_report) const;
  // Documents after `after` not threaded yet, with their dates, in document order.
  Result<std::vector<std::pair<int64_t, std::optional<Date>>>> UnthreadedDocs(int64_t after = 0) const;

  const std::string& dir() const { return dir_; }

 private:
  struct Db;
  Store(std::string dir, Env* env, std::unique_ptr<Db> db);
  std::string dir_;
  Env* env_ = nullptr;
  std::unique_ptr<Db> db_;
};

}  // namespace bantin

#endif  // BANTIN_STORE_H_
