// Search: building the index of a data folder and answering queries over it.
//
//   BANTIN_RETURN_IF_ERROR(bantin::Reindex("bantin-data"));      // store -> index
//   auto searcher = bantin::Searcher::Open("bantin-data").value();
//   bantin::SearchResults r = searcher->Search("\"đàm phán\" nga my -ukraine", {.limit = 10}).value();
//
// Query language: words are ranked together (BM25, Robertson & Zaragoza, "The Probabilistic
// Relevance Framework: BM25 and Beyond", 2009); "quoted phrases" must appear as written;
// -word excludes; OR between words is accepted and changes nothing (words are alternatives
// already). A word typed without diacritics matches every diacritic form ("dam" finds "đàm",
// "đảm"), the form typed scoring highest; a word typed with diacritics matches that form, and
// other forms only weakly.
//
// Thread safety: a Searcher is immutable after Open; Search() may run on many threads at once
// (each takes a store connection and a word cache of its own from a pool).
#ifndef BANTIN_SEARCH_H_
#define BANTIN_SEARCH_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/article.h"
#include "bantin/env.h"
#include "bantin/status.h"

namespace bantin {

class Store;

// How an index writer waits for the folder's write lock (index/LOCK) another writer holds.
struct IndexLockWait {
  int timeout_seconds = 600;  // then IOError naming the holder; 0: do not wait
  // Called once when the wait begins, with a line that says who holds the lock.
  std::function<void(const std::string&)> on_wait;
};

// IndexWriter: keeps the search index of a data folder in step with its store. The index is a
// list of immutable segments named by a manifest that is replaced atomically; a searcher holds
// the segments it opened (a snapshot) however the writer changes the list. While open, the
// writer holds the folder's index lock: writers take turns, searchers never wait.
//
//   auto w = IndexWriter::Open("bantin-data").value();
//   BANTIN_RETURN_IF_ERROR(w->CatchUp(*store));   // index what the store holds beyond the index
//   BANTIN_RETURN_IF_ERROR(w->Commit());          // publish (and merge when due)
//
// Merging: after each commit, while the segment before the newest holds at most twice as many
// documents as the newest, the two are merged (so sizes fall geometrically: O(log n) segments,
// each document rewritten O(log n) times). Files no manifest names are removed on Open.
class IndexWriter {
 public:
  // `env`: where segments and the manifest are written (tests inject faults through it).
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& dir, Env* env = Env::Default(),
                                                   const IndexLockWait& wait = {});
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Indexes the store's articles that the index does not hold yet (those after its last
  // document) into a new segment — on two threads, each reading its own contiguous share
  // through its own connection to the store's folder. Not visible until Commit.
  Status CatchUp(const Store& store);
  // Writes what is buffered as a segment, publishes it, and merges as the policy says.
  Status Commit();
  // Replaces the whole index with one built from the store.
  Status Rebuild(const Store& store);
  // Merges every segment into one.
  Status MergeAll();
  size_t doc_count() const;  // documents in the published index

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Builds the search index of the data folder `dir` from its store, replacing the old one
// atomically (readers keep the index they opened). Returns the number of documents indexed.
Result<size_t> Reindex(const std::string& dir);

// Verifies the index of `dir` (every checksum, every posting list) and that it holds exactly
// the store's documents up to its last one; the first problem found is returned, naming the
// file. Returns how many stored articles come after the index's last document: not indexed
// yet (an ingest stopped between storing and indexing), which the next ingest indexes.
Result<int64_t> CheckIndex(const std::string& dir);

struct SearchOptions {
  size_t limit = 10;
  std::optional<Date> from, to;  // inclusive; articles without a date are excluded when set
  std::string source;            // exact source name; empty: any
  // Near-duplicate reports of a higher hit are left out (the hit counts them in `reports`).
  bool collapse_duplicates = true;
};

struct Highlight {
  uint32_t begin = 0, end = 0;  // byte offsets into the article's text
};

struct SearchHit {
  std::string id, title, source;
  std::string url;  // the original page ("" when the article came from a file)
  std::optional<Date> date;
  double score = 0;
  // A passage of the article: [begin, end) of its text, the words that matched inside it.
  uint32_t snippet_begin = 0, snippet_end = 0;
  std::string snippet;
  std::vector<Highlight> highlights;
  int64_t story = 0;    // the story it was threaded into (0: not threaded yet)
  int64_t reports = 1;  // the report and its near-duplicates in the archive
};

struct SearchResults {
  size_t total = 0;  // documents that match (an estimate when total_exact is false: the
                     // ranking skips documents that cannot reach the top)
  bool total_exact = true;
  std::vector<SearchHit> hits;
  double took_ms = 0;  // the whole search: parse, rank, fetch the hits, cut their snippets
  double rank_ms = 0;  // of which parsing and ranking (until the top hits' ids are known)
};

class Searcher {
 public:
  // NotFound when the folder has no index yet (run Reindex / `bantin reindex`).
  static Result<std::unique_ptr<Searcher>> Open(const std::string& dir);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // InvalidArgument for an empty or malformed query ("unclosed quote").
  Result<SearchResults> Search(std::string_view query, const SearchOptions& options) const;

  // True when the index on disk is no longer the one this searcher opened (another process
  // committed, merged or rebuilt it): open a new searcher to see it. One stat(2) of the manifest.
  bool Stale() const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bantin

#endif  // BANTIN_SEARCH_H_
