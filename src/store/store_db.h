// Store's private state, shared by the files that implement Store.
#ifndef BANTIN_STORE_STORE_DB_H_
#define BANTIN_STORE_STORE_DB_H_

#include <memory>

#include "bantin/store.h"
#include "store/sqlite.h"

namespace bantin {

namespace store {

// SQLite's page cache of `c` at 256 MB while it lives, the default (2 MB) after: for sorting
// millions of rows (entity_docs' fill and check), which with 2 MB spill pages over and over
// (930 s instead of 50 s for 30 million mentions).
class LargeCache {
 public:
  explicit LargeCache(Connection& c) : c_(c) { (void)c_.Exec("PRAGMA cache_size = -262144"); }
  ~LargeCache() { (void)c_.Exec("PRAGMA cache_size = -2000"); }
  LargeCache(const LargeCache&) = delete;
  LargeCache& operator=(const LargeCache&) = delete;

 private:
  Connection& c_;
};

// Adds `entities`' (canonical, doc) pairs to `entity_docs` (an upgraded folder's, or after a
// repair emptied it), inside the caller's transaction.
Status FillEntityDocs(Connection& c);
// The columns RowToArticle reads, in order ("doc, id, ..., paragraphs").
extern const char kColumns[];
// The article of a row of kColumns (fields rebuilt from text and paragraphs); Corruption naming
// the document when its date or paragraph table is damaged.
Result<StoredArticle> RowToArticle(const Statement& q);
// The 128-bit hash of title, lead and body that finds duplicates by content (`content_hash`),
// as those fields are rebuilt from `text` and its `paragraphs` when read back.
std::string ContentHash(std::string_view text, const std::vector<Paragraph>& paragraphs);

}  // namespace store

struct Store::Db {
  std::unique_ptr<store::Connection> conn;
};

}  // namespace bantin

#endif  // BANTIN_STORE_STORE_DB_H_
