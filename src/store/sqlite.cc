#include "store/sqlite.h"

namespace bantin::store {
namespace {

Status FromCode(sqlite3* db, int rc, std::string_view context) {
  std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xFF) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Status::Corruption(context, msg);
    case SQLITE_CANTOPEN: return Status::IOError(context, msg);
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE: return Status::InvalidArgument(context, msg);
    default: return Status::IOError(context, msg);
  }
}

}  // namespace

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_.get(), index, bytes.data(), static_cast<int>(bytes.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}
Statement& Statement::BindDouble(int index, double value) {
  sqlite3_bind_double(stmt_.get(), index, value);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_.get(), index);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Err(FromCode(db_, rc, "sqlite"));
}

Status Statement::EachRow(const std::function<void()>& row) {
  while (true) {
    auto r = Step();
    if (!r) return r.error();
    if (!*r) return Status::OK();
    row();
  }
}

Status Statement::Run() {
  auto r = Step();
  Reset();
  if (!r) return r.error();
  return Status::OK();
}

void Statement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string_view Statement::Text(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_.get(), column));
  int n = sqlite3_column_bytes(stmt_.get(), column);
  return p == nullptr ? std::string_view() : std::string_view(p, static_cast<size_t>(n));
}
int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
double Statement::Double(int column) const { return sqlite3_column_double(stmt_.get(), column); }
bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

namespace {

// After each commit in WAL mode (`pages` in the log). Every 1,000 pages the log is copied into
// the database as far as readers allow, as SQLite does by default. Readers that overlap without
// a pause (extraction's two threads, a busy server) keep that copy from ever reaching the end, so
// the log is never started afresh and grew to 11 GB in a million-article ingest: past 64k pages
// (256 MB at 4 KB) the writer waits (busy timeout) for the readers of older snapshots to finish,
// copies everything and truncates the log. Gives up quietly when they outlast the timeout.
int OnWalCommit(void*, sqlite3* db, const char* name, int pages) {
  constexpr int kPassive = 1000, kTruncate = 65536;
  if (pages >= kTruncate) {
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  } else if (pages >= kPassive) {
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
  return SQLITE_OK;
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = rc == SQLITE_CANTOPEN && !create ? Status::NotFound(path, "no bantin database")
                                                : FromCode(db, rc, path);
    sqlite3_close(db);
    return Err(s);
  }
  sqlite3_busy_timeout(db, 10000);  // another process writing: wait rather than fail
  sqlite3_wal_hook(db, OnWalCommit, nullptr);
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  cached_.clear();  // finalized before the connection closes
  sqlite3_close_v2(db_);
}

Result<Statement*> Connection::Cached(const std::string& sql) {
  auto& slot = cached_[sql];
  if (slot == nullptr) {
    auto q = Prepare(sql);
    if (!q) {
      cached_.erase(sql);
      return Err(q.error());
    }
    slot = std::make_unique<Statement>(std::move(*q));
  }
  slot->Reset();
  return slot.get();
}

Result<int64_t> Connection::Int(std::string_view sql) {
  auto q = Prepare(sql);
  if (!q) return Err(q.error());
  auto row = q->Step();
  if (!row) return Err(row.error());
  return *row ? q->Int(0) : 0;
}

Status Connection::Exec(std::string_view sql) {
  std::string s(sql);
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return FromCode(db_, rc, "sqlite");
  return Status::OK();
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return Err(FromCode(db_, rc, "sqlite"));
  return Statement(db_, stmt);
}

Status Connection::Error(std::string_view context) const {
  return FromCode(db_, sqlite3_errcode(db_), context);
}

}  // namespace bantin::store
