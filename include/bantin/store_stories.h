// StoryTables: the store's tables of near-duplicates and stories — where each article was
// threaded, each story's state, and the threader's document frequencies (docs/format.md,
// "Stories"). Reached through Store::stories(); shares the store's database and its thread
// rules.
//
//   store->stories().Put(docs, changed_stories, counts);  // one transaction
//   store->stories().ForEach(from, to, [](const StoredStory& s) { ... });
#ifndef BANTIN_STORE_STORIES_H_
#define BANTIN_STORE_STORIES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bantin/article.h"
#include "bantin/status.h"

namespace bantin {

namespace store {
class Connection;
}

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

// The threader's document frequencies as stored: the whole table written now and then, and the
// counters changed since, so that threading one article writes a few rows, not the table.
struct StoryCounts {
  uint64_t docs = 0;  // documents counted
  std::string table;  // the whole table (docs/format.md, `frequencies`); empty: none
  std::vector<std::pair<uint32_t, uint16_t>> changed;  // (counter, value) set after `table`
};

class StoryTables {
 public:
  // Made by Store::Open, on its connection; `dir` names the folder in errors.
  StoryTables(store::Connection* conn, std::string dir) : conn_(conn), dir_(std::move(dir)) {}

  // Threading reads and writes inside one transaction of its own (Begin … Commit): every read
  // sees the transaction's writes, and a run killed midway leaves the last committed state.
  Status Begin();
  Status Commit();
  void Rollback();
  // The threader's counts. With counts.table set, it replaces the stored table and every
  // changed counter; else counts.changed is added to those stored.
  Status PutCounts(const StoryCounts& counts);
  // A threaded document.
  Status PutDoc(const StoryDoc& d);
  // Lists document `doc` under its sketch's band keys (the near-duplicate lookup).
  Status PutBands(int64_t doc, const std::vector<uint32_t>& bands);
  // A story's row (new or changed).
  Status PutStory(const StoredStory& s);
  // Story `story`'s entries in the term lists: (term, weight) set, the terms in `gone` removed.
  Status PutTerms(int64_t story, const std::vector<std::pair<uint64_t, float>>& terms,
                  const std::vector<uint64_t>& gone);
  // The newest `limit` stories listed under `term` with their weights, newest first.
  Status ReadTerm(uint64_t term, size_t limit, std::vector<std::pair<int64_t, float>>* out) const;
  // The first `limit` documents whose sketch has band key `band`, in document order.
  Status DocsInBand(uint32_t band, size_t limit, std::vector<int64_t>* out) const;
  // The highest story id (0: none).
  Result<int64_t> LastStory() const;
  // Whether the term and band lists hold every stored story and document: false in a new or
  // cleared folder and in one threaded before schema 8, until the threader (having filled them
  // from the stories and sketches) calls MarkListed inside its transaction.
  Result<bool> Listed() const;
  Status MarkListed();
  // The counts last stored: the table and every counter changed since (docs 0, all empty: none).
  Result<StoryCounts> Counts() const;
  // Removes every story and threading result (to re-thread the archive).
  Status Clear();
  // Stories by id; with `from`/`to`, those whose span meets [from, to].
  Status ForEach(const std::optional<Date>& from, const std::optional<Date>& to,
                 const std::function<Status(const StoredStory&)>& fn) const;
  Result<StoredStory> Get(int64_t id) const;
  // Threaded documents: all (story = 0), or those of one story; in document order.
  Status ForEachDoc(int64_t story, const std::function<Status(const StoryDoc&)>& fn) const;
  // Where document `doc` was threaded: its story and first report (NotFound: not threaded).
  Result<StoryDoc> GetDoc(int64_t doc) const;
  // Reports of a first report: itself and its near-duplicates.
  Result<int64_t> CountReports(int64_t first_report) const;
  // Documents after `after` not threaded yet, with their dates, in document order.
  // The documents after `after` not threaded yet, in threading order — undated ones first in
  // document order, then by date and document — listed in a temporary table (SQLite's temporary
  // file, not memory: re-threading a big archive lists all of it) that NextUnthreaded reads a
  // page at a time. Returns how many.
  Result<int64_t> ListUnthreaded(int64_t after = 0);
  // The next `limit` documents of that list, with their dates (fewer at its end, none after).
  Status NextUnthreaded(size_t limit, std::vector<std::pair<int64_t, std::optional<Date>>>* out);

 private:
  store::Connection* conn_;
  std::string dir_;
  int64_t todo_at_ = 0;  // NextUnthreaded's place in the list
};

}  // namespace bantin

#endif  // BANTIN_STORE_STORIES_H_
