// A thin RAII layer over the SQLite C API: a connection and prepared statements whose errors
// come back as Status. Only what the store needs.
// Thread safety: one thread at a time per connection.
#ifndef BANTIN_STORE_SQLITE_H_
#define BANTIN_STORE_SQLITE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "bantin/status.h"

namespace bantin::store {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt, sqlite3_finalize) {}

  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& Bind(int index, int64_t value);
  Statement& BindDouble(int index, double value);
  Statement& BindNull(int index);
  // SQLITE_ROW -> true, SQLITE_DONE -> false; errors as Status.
  Result<bool> Step();
  // Runs to completion (for statements without rows); resets for reuse.
  Status Run();
  // Steps through every row, calling `row` for each (it reads the columns).
  Status EachRow(const std::function<void()>& row);
  void Reset();

  std::string_view Text(int column) const;
  int64_t Int(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt_{nullptr, sqlite3_finalize};
};

class Connection {
 public:
  // Opens `path` (creating it when `create`). IOError / Corruption / NotFound as SQLite says.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  // `sql` prepared once per connection and kept, reset (bindings cleared) for this use; valid
  // while the connection lives. For statements run often (every search hit). Reset it after
  // reading: a statement left stepping holds its read open.
  Result<Statement*> Cached(const std::string& sql);
  // The integer in the first column of the first row `sql` gives (0 when it gives none).
  Result<int64_t> Int(std::string_view sql);
  // A Status for the last error, with `context`.
  Status Error(std::string_view context) const;
  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cached_;
};

}  // namespace bantin::store

#endif  // BANTIN_STORE_SQLITE_H_
