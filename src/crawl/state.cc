#include "crawl/state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite.h"
#include "web/fetcher.h"

namespace bantin::crawl {
namespace {

constexpr int kVersion = 1;

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS feeds(url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, polled_at INTEGER);
CREATE TABLE IF NOT EXISTS urls(
  url TEXT PRIMARY KEY, state TEXT NOT NULL, host TEXT, feed TEXT, feed_date TEXT, found_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0, next_try INTEGER NOT NULL DEFAULT 0,
  article TEXT, note TEXT, final_url TEXT, content_type TEXT, body BLOB);
CREATE INDEX IF NOT EXISTS urls_by_state ON urls(state, next_try);
)";

const char* Name(UrlState s) {
  switch (s) {
    case UrlState::kQueued: return "queued";
    case UrlState::kFetched: return "fetched";
    case UrlState::kDone: return "done";
    case UrlState::kFailed: return "failed";
    case UrlState::kSkipped: return "skipped";
  }
  return "queued";
}

std::optional<UrlState> Parse(std::string_view s) {
  for (UrlState u : {UrlState::kQueued, UrlState::kFetched, UrlState::kDone, UrlState::kFailed, UrlState::kSkipped}) {
    if (s == Name(u)) return u;
  }
  return std::nullopt;
}

int64_t Now() { return static_cast<int64_t>(::time(nullptr)); }

// Takes DIR/crawl.lock (flock, released when the descriptor closes): one crawler per data
// folder at a time. Returns the descriptor.
Result<int> LockFolder(const std::string& dir) {
  const std::string path = dir + "/crawl.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Err(Status::IOError(path, "cannot open"));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Err(Status::IOError(dir, "another bantin fetch or watch is crawling this data folder"));
  }
  return fd;
}

}  // namespace

CrawlState::CrawlState(std::unique_ptr<store::Connection> db, int lock_fd) : db_(std::move(db)), lock_fd_(lock_fd) {}
CrawlState::~CrawlState() {
  db_.reset();
  ::close(lock_fd_);
}

Result<std::unique_ptr<CrawlState>> CrawlState::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Err(Status::IOError(dir, ec.message()));
  auto lock = LockFolder(dir);
  if (!lock) return Err(lock.error());
  auto db = store::Connection::Open(dir + "/crawl.db", true);
  if (!db) {
    ::close(*lock);
    return Err(db.error());
  }
  std::unique_ptr<CrawlState> state(new CrawlState(std::move(*db), *lock));
  store::Connection& c = *state->db_;
  BANTIN_RETURN_IF_ERROR(c.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
  BANTIN_RETURN_IF_ERROR(c.Exec(kSchema));
  auto version = c.Prepare("SELECT value FROM meta WHERE key='version'");
  if (!version) return Err(version.error());
  auto row = version->Step();
  if (!row) return Err(row.error());
  if (*row) {
    const int v = std::atoi(std::string(version->Text(0)).c_str());
    if (v > kVersion) {
      return Err(Status::Unsupported(dir + "/crawl.db", "crawl state version " + std::to_string(v) + ", this build reads 1.." +
                                                            std::to_string(kVersion)));
    }
  } else {
    BANTIN_RETURN_IF_ERROR(c.Exec("INSERT INTO meta VALUES('version','" + std::to_string(kVersion) + "')"));
  }
  return state;
}

Result<FeedState> CrawlState::Feed(const std::string& url) {
  std::lock_guard<std::mutex> lock(mu_);
  auto q = db_->Prepare("SELECT etag, last_modified FROM feeds WHERE url=?");
  if (!q) return Err(q.error());
  q->Bind(1, url);
  FeedState f;
  BANTIN_RETURN_IF_ERROR(q->EachRow([&] {
    f.etag = q->Text(0);
    f.last_modified = q->Text(1);
  }));
  return f;
}

Status CrawlState::SaveFeed(const std::string& url, const FeedState& feed) {
  std::lock_guard<std::mutex> lock(mu_);
  auto q = db_->Prepare("INSERT OR REPLACE INTO feeds VALUES(?,?,?,?)");
  if (!q) return q.error();
  return q->Bind(1, url).Bind(2, feed.etag).Bind(3, feed.last_modified).Bind(4, Now()).Run();
}

Result<std::optional<UrlState>> CrawlState::State(const std::string& url) {
  std::lock_guard<std::mutex> lock(mu_);
  auto q = db_->Prepare("SELECT state FROM urls WHERE url=?");
  if (!q) return Err(q.error());
  q->Bind(1, url);
  std::optional<UrlState> state;
  BANTIN_RETURN_IF_ERROR(q->EachRow([&] { state = Parse(q->Text(0)); }));
  return state;
}

Result<bool> CrawlState::Enqueue(const std::string& url, const std::string& feed, const std::optional<Date>& date) {
  std::lock_guard<std::mutex> lock(mu_);
  auto q = db_->Prepare("INSERT OR IGNORE INTO urls(url, state, host, feed, feed_date, found_at) VALUES(?, 'queued', ?, ?, ?, ?)");
  if (!q) return Err(q.error());
  q->Bind(1, url).Bind(2, web::Origin(url)).Bind(3, feed);
  if (date) q->Bind(4, date->ToString());
  else q->BindNull(4);
  BANTIN_RETURN_IF_ERROR(q->Bind(5, Now()).Run());
  return sqlite3_changes(db_->handle()) > 0;
}

Result<std::vector<QueuedUrl>> CrawlState::Due(size_t limit, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  // Taken round-robin over hosts (each host's first due URL, then each one's second, ...), so
  // that a batch keeps many hosts busy side by side rather than one feed's host.
  auto q = db_->Prepare(
      "SELECT url, attempts FROM (SELECT url, attempts, rowid AS r, "
      "row_number() OVER (PARTITION BY host ORDER BY rowid) AS k FROM urls WHERE state='queued' AND next_try<=?) "
      "ORDER BY k, r LIMIT ?");
  if (!q) return Err(q.error());
  q->Bind(1, now).Bind(2, static_cast<int64_t>(limit));
  std::vector<QueuedUrl> due;
  BANTIN_RETURN_IF_ERROR(q->EachRow([&] { due.push_back({std::string(q->Text(0)), static_cast<int>(q->Int(1))}); }));
  return due;
}

Status CrawlState::SaveFetched(const FetchedPage& page) {
  std::lock_guard<std::mutex> lock(mu_);
  auto q = db_->Prepare(
      "INSERT INTO urls(url, state, host, found_at, final_url, content_type, body) VALUES(?1, 'fetched', ?6, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(url) DO UPDATE SET state='fetched', final_url=?3, content_type=?4, body=?5, note=NULL");
  if (!q) return q.error();
  return q->Bind(1, page.url).Bind(2, Now()).Bind(3, page.final_url).Bind(4, page.content_type).BindBlob(5, page.body)
      .Bind(6, web::Origin(page.url)).Run();
}

Result<std::vector<FetchedPage>> CrawlState::Fetched(size_t limit) {
  std::lock_guard<std::mutex> lock(mu_);
  auto q = db_->Prepare("SELECT url, final_url, content_type, body, feed_date FROM urls WHERE state='fetched' ORDER BY rowid LIMIT ?");
  if (!q) return Err(q.error());
  q->Bind(1, static_cast<int64_t>(limit));
  std::vector<FetchedPage> pages;
  BANTIN_RETURN_IF_ERROR(q->EachRow([&] {
    FetchedPage p{std::string(q->Text(0)), std::string(q->Text(1)), std::string(q->Text(2)), std::string(q->Text(3)), {}};
    if (!q->IsNull(4)) {
      if (auto d = Date::Parse(q->Text(4))) p.feed_date = *d;
    }
    pages.push_back(std::move(p));
  }));
  return pages;
}

Status CrawlState::Done(const std::string& url, const std::string& article, const std::vector<std::string>& aliases) {
  std::lock_guard<std::mutex> lock(mu_);
  BANTIN_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  auto run = [&]() -> Status {
    auto done = db_->Prepare("UPDATE urls SET state='done', article=?2, body=NULL, note=NULL WHERE url=?1");
    if (!done) return done.error();
    BANTIN_RETURN_IF_ERROR(done->Bind(1, url).Bind(2, article).Run());
    // An alias still queued (a feed listed the canonical URL too) is done without a fetch.
    auto alias = db_->Prepare(
        "INSERT INTO urls(url, state, found_at, article, note) VALUES(?1, 'done', ?2, ?3, ?4) "
        "ON CONFLICT(url) DO UPDATE SET state='done', article=?3 WHERE state='queued'");
    if (!alias) return alias.error();
    for (const std::string& a : aliases) {
      if (a.empty() || a == url) continue;
      BANTIN_RETURN_IF_ERROR(alias->Bind(1, a).Bind(2, Now()).Bind(3, article).Bind(4, "the same page as " + url).Run());
    }
    return Status::OK();
  };
  Status s = run();
  if (!s.ok()) {
    (void)db_->Exec("ROLLBACK");
    return s;
  }
  return db_->Exec("COMMIT");
}

Status CrawlState::Later(const std::string& url, int64_t next_try, const std::string& note, bool failed_fetch) {
  std::lock_guard<std::mutex> lock(mu_);
  auto q = db_->Prepare("UPDATE urls SET attempts=attempts+?4, next_try=?2, note=?3 WHERE url=?1");
  if (!q) return q.error();
  return q->Bind(1, url).Bind(2, next_try).Bind(3, note).Bind(4, int64_t{failed_fetch ? 1 : 0}).Run();
}

Status CrawlState::Finish(const std::string& url, UrlState state, const std::string& note) {
  std::lock_guard<std::mutex> lock(mu_);
  auto q = db_->Prepare(
      "INSERT INTO urls(url, state, found_at, note) VALUES(?1, ?2, ?3, ?4) "
      "ON CONFLICT(url) DO UPDATE SET state=?2, note=?4, body=NULL");
  if (!q) return q.error();
  return q->Bind(1, url).Bind(2, Name(state)).Bind(3, Now()).Bind(4, note).Run();
}

Result<CrawlCounts> CrawlState::Counts() {
  std::lock_guard<std::mutex> lock(mu_);
  CrawlCounts c;
  auto q = db_->Prepare("SELECT state, count(*) FROM urls GROUP BY state");
  if (!q) return Err(q.error());
  BANTIN_RETURN_IF_ERROR(q->EachRow([&] {
    const auto s = Parse(q->Text(0));
    const int64_t n = q->Int(1);
    if (!s) return;
    switch (*s) {
      case UrlState::kQueued: c.queued = n; break;
      case UrlState::kFetched: c.fetched = n; break;
      case UrlState::kDone: c.done = n; break;
      case UrlState::kFailed: c.failed = n; break;
      case UrlState::kSkipped: c.skipped = n; break;
    }
  }));
  auto f = db_->Prepare("SELECT count(*) FROM feeds");
  if (!f) return Err(f.error());
  BANTIN_RETURN_IF_ERROR(f->EachRow([&] { c.feeds = f->Int(0); }));
  return c;
}

}  // namespace bantin::crawl
