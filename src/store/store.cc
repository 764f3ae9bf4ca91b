#include "bantin/store.h"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <thread>

#include <xxhash.h>

#include "base/coding.h"
#include "store/sqlite.h"
#include "store/store_db.h"

namespace bantin {
namespace {

// Schema history: 1 = first version; 2 = extraction tables (2026-11); 3 = stories (2026-11);
// 4 = entity_names, Vietnamese canonical names (2026-12); 5 = story_counts, the threader's
// changed counters beside its table (2026-12; an older build would miss them), and story_model
// a rowid table (WITHOUT ROWID, finding any key beside the 16 MiB table read all of it). An older folder gets the new (empty)
// tables when opened; from 2 or 3, its extraction results (English canonical names, no
// aliases) are dropped so that the next `bantin extract` redoes them. 6 = events' `status`
// (happened, planned, denied) and `mentions` (further sentences reporting the event) in place of
// `negated` (2026-12); an older folder's events keep their rows: negated ones become "denied",
// the others "happened", with no further mentions until extracted again. 7 = articles' `time`
// (publication time "HH:MM" from web pages, 2026-12); an older folder's articles get NULL.
// 8 = story_terms and story_bands, the threader's term lists and near-duplicate bands kept in
// the store instead of memory (2026-12); the threader fills them from an older folder's stories
// and sketches the first time it opens it (story_model 'listed'), and a schema-7 build must not
// thread a folder whose lists it would leave behind.
// 9 = entity_docs, each (canonical name, document) pair of `entities` once, kept by triggers on
// `entities` (2026-12): the entity filter read every mention through the canonical index, a
// table row per mention (931,085 for "Mỹ" in a million articles, 1.6-2.3 s); filled from an
// older folder's entities when first opened.
constexpr int64_t kSchemaVersion = 9;
constexpr char kDatabaseName[] = "bantin.db";

constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles(
  doc INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  content_hash BLOB NOT NULL UNIQUE,
  origin TEXT NOT NULL,
  author TEXT NOT NULL,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  category TEXT NOT NULL,
  lang TEXT NOT NULL,
  date TEXT,
  text BLOB NOT NULL,
  text_is_source INTEGER NOT NULL,
  invalid_utf8_replaced INTEGER NOT NULL,
  paragraphs BLOB NOT NULL,
  stored_at TEXT NOT NULL,
  time TEXT
);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE TABLE IF NOT EXISTS extracted(doc INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS entities(
  doc INTEGER NOT NULL, begin INTEGER NOT NULL, end INTEGER NOT NULL, type TEXT NOT NULL,
  text TEXT NOT NULL, canonical TEXT NOT NULL, role TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc);
CREATE INDEX IF NOT EXISTS entities_canonical ON entities(canonical COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS entity_docs(
  canonical TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(canonical, doc)) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS entity_docs_add AFTER INSERT ON entities BEGIN
  INSERT OR IGNORE INTO entity_docs VALUES(new.canonical, new.doc);
END;
CREATE TRIGGER IF NOT EXISTS entity_docs_drop AFTER DELETE ON entities BEGIN
  DELETE FROM entity_docs WHERE canonical = old.canonical AND doc = old.doc AND NOT EXISTS
    (SELECT 1 FROM entities WHERE doc = old.doc AND canonical = old.canonical);
END;
CREATE TABLE IF NOT EXISTS dates(
  doc INTEGER NOT NULL, begin INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
  value TEXT);
CREATE INDEX IF NOT EXISTS dates_doc ON dates(doc);
CREATE TABLE IF NOT EXISTS entity_names(
  canonical TEXT NOT NULL, name TEXT NOT NULL, exact TEXT NOT NULL, folded TEXT NOT NULL,
  PRIMARY KEY(canonical, name)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_names_exact ON entity_names(exact);
CREATE INDEX IF NOT EXISTS entity_names_folded ON entity_names(folded);
CREATE TABLE IF NOT EXISTS events(
  doc INTEGER NOT NULL, code TEXT NOT NULL, label TEXT NOT NULL, source TEXT NOT NULL,
  target TEXT, date TEXT, place TEXT, sentence_begin INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL, trigger_begin INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
  status TEXT NOT NULL, mentions TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc);
CREATE INDEX IF NOT EXISTS events_source ON events(source);
CREATE INDEX IF NOT EXISTS events_target ON events(target);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE TABLE IF NOT EXISTS story_docs(
  doc INTEGER PRIMARY KEY, story INTEGER NOT NULL, fingerprint BLOB NOT NULL,
  duplicate_of INTEGER);
CREATE INDEX IF NOT EXISTS story_docs_story ON story_docs(story);
CREATE INDEX IF NOT EXISTS story_docs_duplicate ON story_docs(duplicate_of);
CREATE TABLE IF NOT EXISTS stories(
  id INTEGER PRIMARY KEY, title TEXT NOT NULL, first TEXT, last TEXT, anchor INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  reports INTEGER NOT NULL, title_score REAL NOT NULL, centroid BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS story_counts(bucket INTEGER PRIMARY KEY, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS story_terms(
  term INTEGER NOT NULL, story INTEGER NOT NULL, weight REAL NOT NULL,
  PRIMARY KEY(term, story)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_bands(
  band INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(band, doc)) WITHOUT ROWID;
)sql";

// A rowid table: its key index holds no value, so finding 'documents' never reads the table's
// 16 MiB 'frequencies' value.
constexpr char kStoryModel[] = "CREATE TABLE IF NOT EXISTS story_model(key TEXT PRIMARY KEY, value BLOB NOT NULL);";

}  // namespace

namespace store {

Status FillEntityDocs(Connection& c) {
  LargeCache sort(c);  // the pairs sorted, then appended
  return c.Exec("INSERT OR IGNORE INTO entity_docs SELECT DISTINCT canonical, doc FROM entities ORDER BY 1, 2");
}

const char kColumns[] =
    "doc, id, origin, author, source, url, category, lang, date, text, text_is_source, "
    "invalid_utf8_replaced, paragraphs, time";

std::string ContentHash(std::string_view text, const std::vector<Paragraph>& paragraphs) {
  // The fields as FieldsFromParagraphs rebuilds them, streamed without copying: the title and
  // the lead (the last paragraph of each kind), the body (its paragraphs joined by '\n'), each
  // after its length.
  std::string_view title, lead;
  uint64_t body_bytes = 0, body_parts = 0;
  for (const Paragraph& p : paragraphs) {
    const std::string_view part = text.substr(p.begin, p.end - p.begin);
    if (p.kind == ParagraphKind::kTitle) title = part;
    if (p.kind == ParagraphKind::kLead) lead = part;
    if (p.kind == ParagraphKind::kBody) body_bytes += part.size(), ++body_parts;
  }
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  for (std::string_view part : {title, lead}) {
    const uint64_t n = part.size();
    XXH3_128bits_update(state, &n, sizeof n);
    XXH3_128bits_update(state, part.data(), part.size());
  }
  const uint64_t n = body_bytes + (body_parts > 0 ? body_parts - 1 : 0);
  XXH3_128bits_update(state, &n, sizeof n);
  bool first = true;
  for (const Paragraph& p : paragraphs) {
    if (p.kind != ParagraphKind::kBody) continue;
    if (!first) XXH3_128bits_update(state, "\n", 1);
    first = false;
    XXH3_128bits_update(state, text.data() + p.begin, p.end - p.begin);
  }
  XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  std::string out;
  PutFixed64(&out, h.high64);
  PutFixed64(&out, h.low64);
  return out;
}

}  // namespace store

namespace {

using store::ContentHash;
using store::kColumns;

std::string EncodeParagraphs(const std::vector<Paragraph>& paragraphs) {
  std::string out;
  for (const Paragraph& p : paragraphs) {
    PutFixed32(&out, static_cast<uint32_t>(p.kind));
    PutFixed32(&out, p.begin);
    PutFixed32(&out, p.end);
  }
  return out;
}

bool DecodeParagraphs(std::string_view bytes, std::vector<Paragraph>* out) {
  if (bytes.size() % 12 != 0) return false;
  Decoder d(bytes);
  while (d.remaining() > 0) {
    uint32_t kind = d.Fixed32();
    Paragraph p;
    p.begin = d.Fixed32();
    p.end = d.Fixed32();
    if (kind > static_cast<uint32_t>(ParagraphKind::kCaption)) return false;
    p.kind = static_cast<ParagraphKind>(kind);
    out->push_back(p);
  }
  return d.ok();
}

// Title, lead, body and captions are spans of the text: they are stored once, as the text and
// its paragraph table, and rebuilt from them.
void FieldsFromParagraphs(Article* a) {
  std::string_view text = a->text;
  for (const Paragraph& p : a->paragraphs) {
    std::string_view part = text.substr(p.begin, p.end - p.begin);
    switch (p.kind) {
      case ParagraphKind::kTitle: a->title.assign(part); break;
      case ParagraphKind::kLead: a->lead.assign(part); break;
      case ParagraphKind::kCaption: a->captions.emplace_back(part); break;
      case ParagraphKind::kBody:
        if (!a->body.empty()) a->body += '\n';
        a->body += part;
        break;
    }
  }
}

std::string NowUtc(Env* env) {
  const std::time_t now = static_cast<std::time_t>(env->NowSeconds());
  char buf[32];
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Schema 2..5's events table (a `negated` column) to schema 6's (`status`, `mentions`), rows
// kept; nothing to do where the table is already new (a new folder, or one of schema 1).
Status MigrateEventsToStatus(store::Connection& c) {
  auto old = c.Int("SELECT count(*) FROM pragma_table_info('events') WHERE name = 'negated'");
  if (!old) return old.error();
  if (*old == 0) return Status::OK();
  return c.Exec(
      "ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'happened'; "
      "ALTER TABLE events ADD COLUMN mentions TEXT NOT NULL DEFAULT ''; "
      "UPDATE events SET status = 'denied' WHERE negated <> 0; "
      "ALTER TABLE events DROP COLUMN negated;");
}

// Runs `sql`, trying again for up to 10 s while another process holds the file. Two processes
// creating one folder at once: switching a new file to WAL takes a lock SQLite's busy handler
// does not always wait for, so "database is locked" could come back at once (seen once under
// `ctest -j2`, in CliTest.ConcurrentIngestsIntoANewFolderBothSucceed).
Status ExecWhenFree(store::Connection& c, std::string_view sql,
                    std::chrono::seconds patience = std::chrono::seconds(10)) {
  const auto give_up = std::chrono::steady_clock::now() + patience;
  for (;;) {
    Status s = c.Exec(sql);
    if (s.ok() || std::chrono::steady_clock::now() >= give_up || s.message().find("database is locked") == std::string::npos) {
      return s;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// Schema 6's articles table gains `time` (NULL for the articles it holds).
Status AddArticleTime(store::Connection& c) {
  auto has = c.Int("SELECT count(*) FROM pragma_table_info('articles') WHERE name = 'time'");
  if (!has) return has.error();
  if (*has != 0) return Status::OK();
  return c.Exec("ALTER TABLE articles ADD COLUMN time TEXT;");
}

}  // namespace


Store::Store(std::string dir, Env* env, std::unique_ptr<Db> db)
    : dir_(std::move(dir)),
      env_(env),
      db_(std::move(db)),
      extractions_(std::make_unique<ExtractionTables>(db_->conn.get(), dir_)),
      stories_(std::make_unique<StoryTables>(db_->conn.get(), dir_)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const StoreOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    if (!options.create) return Err(Status::NotFound(dir, "no such data folder"));
    std::filesystem::create_directories(dir, ec);
    if (ec) return Err(Status::IOError(dir, ec.message()));
  }
  std::string path = (std::filesystem::path(dir) / kDatabaseName).string();
  if (!options.create && !std::filesystem::exists(path, ec)) {
    return Err(Status::NotFound(dir, "not a bantin data folder (no bantin.db)"));
  }
  auto conn = store::Connection::Open(path, options.create);
  if (!conn) return Err(conn.error());
  store::Connection& c = **conn;
  // WAL: readers never block the writer nor see a half-done batch. synchronous=NORMAL keeps
  // every committed batch across a process crash (a power cut may lose the last ones, never
  // corrupt the file).
  BANTIN_RETURN_IF_ERROR(ExecWhenFree(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
  BANTIN_RETURN_IF_ERROR(ExecWhenFree(c, kSchema));
  BANTIN_RETURN_IF_ERROR(ExecWhenFree(c, kStoryModel));
  auto get = c.Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  if (!get) return Err(get.error());
  auto read_version = [&]() -> Result<int64_t> {
    auto row = get->Step();
    if (!row) return Err(Status::Corruption(path, row.error().message()));
    const int64_t v = *row ? std::atoll(std::string(get->Text(0)).c_str()) : 0;
    get->Reset();
    return v;
  };
  auto newer = [&](int64_t v) {
    return Status::Unsupported(path, "data folder is schema " + std::to_string(v) + ", this build reads 1.." +
                                         std::to_string(kSchemaVersion));
  };
  auto read = read_version();
  if (!read) return Err(read.error());
  int64_t version = *read;
  if (version > kSchemaVersion) return Err(newer(version));
  // Written only when new or older (the tables above were just added): opening a folder to
  // read it writes nothing. Another process may be upgrading the folder at the same moment
  // (filling entity_docs takes about a minute at a million articles): its transaction is
  // waited for, up to 15 minutes, and the version read again.
  if (version < kSchemaVersion) {
    BANTIN_RETURN_IF_ERROR(ExecWhenFree(c, "BEGIN IMMEDIATE", std::chrono::minutes(15)));
    read = read_version();
    if (!read || *read >= kSchemaVersion) (void)c.Exec("ROLLBACK");  // nothing left to do
    if (!read) return Err(read.error());
    version = *read;
    if (version > kSchemaVersion) return Err(newer(version));
  }
  if (version < kSchemaVersion) {
    Status s = version == 2 || version == 3
                   ? c.Exec("DELETE FROM extracted; DELETE FROM entities; DELETE FROM dates; "
                            "DELETE FROM events;")
                   : Status::OK();
    if (s.ok() && (version == 3 || version == 4)) {
      s = c.Exec("ALTER TABLE story_model RENAME TO story_model_4; " + std::string(kStoryModel) +
                 "INSERT INTO story_model SELECT * FROM story_model_4; DROP TABLE story_model_4;");
    }
    if (s.ok()) s = MigrateEventsToStatus(c);
    if (s.ok()) s = AddArticleTime(c);
    if (s.ok() && version < 9) s = store::FillEntityDocs(c);
    if (s.ok()) {
      s = c.Exec("INSERT OR REPLACE INTO meta VALUES('schema_version', '" +
                 std::to_string(kSchemaVersion) + "')");
    }
    if (!s.ok()) {
      (void)c.Exec("ROLLBACK");
      return Err(s);
    }
    BANTIN_RETURN_IF_ERROR(c.Exec("COMMIT"));
  }
  auto db = std::make_unique<Db>();
  db->conn = std::move(*conn);
  return std::unique_ptr<Store>(new Store(dir, options.env, std::move(db)));
}

Result<std::vector<AddOutcome>> Store::Add(const std::vector<Article>& articles) {
  store::Connection& c = *db_->conn;
  auto find_id = c.Prepare("SELECT 1 FROM articles WHERE id = ?1");
  auto find_hash = c.Prepare("SELECT 1 FROM articles WHERE content_hash = ?1");
  auto insert = c.Prepare(
      "INSERT INTO articles(id, content_hash, origin, author, source, url, category, lang, date, "
      "text, text_is_source, invalid_utf8_replaced, paragraphs, stored_at, time) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  if (!find_id) return Err(find_id.error());
  if (!find_hash) return Err(find_hash.error());
  if (!insert) return Err(insert.error());
  BANTIN_RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE"));
  std::vector<AddOutcome> out;
  const std::string now = NowUtc(env_);
  auto fail = [&](const Status& s) {
    (void)c.Exec("ROLLBACK");
    return Err(s);
  };
  for (const Article& a : articles) {
    // Of the text and paragraphs stored, whatever fields the caller filled: `check` recomputes
    // it so.
    std::string hash = ContentHash(a.text, a.paragraphs);
    auto by_id = find_id->Bind(1, a.id).Step();
    find_id->Reset();
    if (!by_id) return fail(by_id.error());
    if (*by_id) {
      out.push_back(AddOutcome::kDuplicateId);
      continue;
    }
    auto by_hash = find_hash->BindBlob(1, hash).Step();
    find_hash->Reset();
    if (!by_hash) return fail(by_hash.error());
    if (*by_hash) {
      out.push_back(AddOutcome::kDuplicateContent);
      continue;
    }
    insert->Bind(1, a.id).BindBlob(2, hash).Bind(3, a.origin).Bind(4, a.author);
    insert->Bind(5, a.source).Bind(6, a.url).Bind(7, a.category).Bind(8, a.lang);
    if (a.date) {
      insert->Bind(9, a.date->ToString());
    } else {
      insert->BindNull(9);
    }
    insert->BindBlob(10, a.text).Bind(11, int64_t{a.text_is_source ? 1 : 0});
    insert->Bind(12, int64_t{a.invalid_utf8_replaced}).BindBlob(13, EncodeParagraphs(a.paragraphs));
    insert->Bind(14, now);
    if (a.time.empty()) {
      insert->BindNull(15);
    } else {
      insert->Bind(15, a.time);
    }
    if (Status s = insert->Run(); !s.ok()) return fail(Status::IOError(a.origin, s.message()));
    out.push_back(AddOutcome::kAdded);
  }
  if (Status s = c.Exec("COMMIT"); !s.ok()) return fail(s);
  return out;
}

Result<int64_t> Store::LastDoc() const {
  return db_->conn->Int("SELECT coalesce(max(doc), 0) FROM articles");
}

Result<int64_t> Store::CountUpTo(int64_t last) const {
  auto q = db_->conn->Prepare("SELECT count(*) FROM articles WHERE doc <= ?1");
  if (!q) return Err(q.error());
  q->Bind(1, last);
  auto row = q->Step();
  if (!row) return Err(row.error());
  return q->Int(0);
}

Result<int64_t> Store::Count() const {
  return db_->conn->Int("SELECT count(*) FROM articles");
}

namespace store {

Result<StoredArticle> RowToArticle(const Statement& q) {
  StoredArticle s;
  s.doc = q.Int(0);
  Article& a = s.article;
  a.id = q.Text(1);
  a.origin = q.Text(2);
  a.author = q.Text(3);
  a.source = q.Text(4);
  a.url = q.Text(5);
  a.category = q.Text(6);
  a.lang = q.Text(7);
  std::string where = "document " + std::to_string(s.doc) + " (" + a.id + ")";
  if (!q.IsNull(8)) {
    auto d = Date::Parse(q.Text(8));
    if (!d) return Err(Status::Corruption(where, "bad date"));
    a.date = *d;
  }
  a.text = q.Text(9);
  a.text_is_source = q.Int(10) != 0;
  a.invalid_utf8_replaced = static_cast<uint32_t>(q.Int(11));
  a.time = q.Text(13);
  if (!DecodeParagraphs(q.Text(12), &a.paragraphs)) {
    return Err(Status::Corruption(where, "bad paragraph table"));
  }
  for (const Paragraph& p : a.paragraphs) {
    if (p.begin > p.end || p.end > a.text.size()) {
      return Err(Status::Corruption(where, "paragraph outside the text"));
    }
  }
  FieldsFromParagraphs(&a);
  return s;
}

}  // namespace store

using store::RowToArticle;

Result<StoredArticle> Store::Get(const std::string& id) const {
  auto q = db_->conn->Prepare(std::string("SELECT ") + kColumns + " FROM articles WHERE id = ?1");
  if (!q) return Err(q.error());
  auto row = q->Bind(1, id).Step();
  if (!row) return Err(row.error());
  if (!*row) return Err(Status::NotFound(id, "no such article"));
  return RowToArticle(*q);
}

Result<StoredArticle> Store::GetByDoc(int64_t doc) const {
  auto q = db_->conn->Cached(std::string("SELECT ") + kColumns + " FROM articles WHERE doc = ?1");
  if (!q) return Err(q.error());
  store::Statement& s = **q;
  auto row = s.Bind(1, doc).Step();
  if (!row) return Err(row.error());
  if (!*row) return Err(Status::NotFound("document " + std::to_string(doc), "no such article"));
  auto a = RowToArticle(s);
  s.Reset();  // ends the read (a statement left stepping would hold the WAL snapshot)
  return a;
}

Status Store::ReadTogether(const std::function<Status()>& fn) const {
  BANTIN_RETURN_IF_ERROR(db_->conn->Exec("BEGIN"));
  Status s = fn();
  Status end = db_->conn->Exec(s.ok() ? "COMMIT" : "ROLLBACK");
  return s.ok() ? end : s;
}

Status Store::ForEach(const std::function<Status(const StoredArticle&)>& fn) const {
  return ForEachBetween(0, INT64_MAX, fn);
}

Status Store::ForEachBetween(int64_t after, int64_t last,
                             const std::function<Status(const StoredArticle&)>& fn) const {
  auto q = db_->conn->Prepare(std::string("SELECT ") + kColumns +
                              " FROM articles WHERE doc > ? AND doc <= ? ORDER BY doc");
  if (!q) return q.error();
  q->Bind(1, after).Bind(2, last);
  while (true) {
    auto row = q->Step();
    if (!row) return row.error();
    if (!*row) return Status::OK();
    auto a = RowToArticle(*q);
    if (!a) return a.error();
    BANTIN_RETURN_IF_ERROR(fn(*a));
  }
}


}  // namespace bantin
