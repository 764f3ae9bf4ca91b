// Store's private state, shared by the files that implement Store.
#ifndef BANTIN_STORE_STORE_DB_H_
#define BANTIN_STORE_STORE_DB_H_

#include <memory>
#include <optional>

#include "bantin/store.h"
#include "store/sqlite.h"

namespace bantin {

struct Store::Db {
  std::unique_ptr<store::Connection> conn;
  std::optional<store::Statement> by_doc;  // GetByDoc's, prepared once (searches call it often)
};

}  // namespace bantin

#endif  // BANTIN_STORE_STORE_DB_H_
