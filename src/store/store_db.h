// Store's private state, shared by the files that implement Store.
#ifndef BANTIN_STORE_STORE_DB_H_
#define BANTIN_STORE_STORE_DB_H_

#include <memory>

#include "bantin/store.h"
#include "store/sqlite.h"

namespace bantin {

namespace store {

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
