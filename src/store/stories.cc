// Store: the story tables (threaded documents, stories, the threader's frequencies).
#include "bantin/store_stories.h"

#include "store/sqlite.h"

namespace bantin {
namespace {

std::optional<Date> DateColumn(const store::Statement& q, int column) {
  if (q.IsNull(column)) return std::nullopt;
  auto d = Date::Parse(q.Text(column));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

StoredStory StoryRow(const store::Statement& q) {
  StoredStory s;
  s.id = q.Int(0);
  s.title = q.Text(1);
  s.first = DateColumn(q, 2);
  s.last = DateColumn(q, 3);
  s.anchor = q.Int(4);
  s.articles = q.Int(5);
  s.reports = q.Int(6);
  s.title_score = q.Double(7);
  s.centroid = q.Text(8);
  return s;
}

constexpr char kStoryColumns[] = "id, title, first, last, anchor, articles, reports, title_score, centroid";

}  // namespace

Status StoryTables::Begin() {
  // Threading reads a term list and writes a story's entries at random places of story_terms:
  // a page cache of 128 MiB (SQLite's default is 2 MiB) keeps the transaction's pages and the
  // lists' upper levels in memory (threading 58k articles: 87 s -> 42 s). Bounded, whatever the
  // archive's size; it stays with the connection.
  BANTIN_RETURN_IF_ERROR(conn_->Exec("PRAGMA cache_size = -131072"));
  return conn_->Exec("BEGIN IMMEDIATE");
}

void StoryTables::Rollback() { (void)conn_->Exec("ROLLBACK"); }

Status StoryTables::Commit() { return conn_->Exec("COMMIT"); }

Status StoryTables::PutCounts(const StoryCounts& counts) {
  store::Connection& c = *conn_;
  auto model = c.Cached("INSERT OR REPLACE INTO story_model VALUES(?1, ?2)");
  if (!model) return model.error();
  if (!counts.table.empty()) {  // the whole table: it holds every counter changed before
    BANTIN_RETURN_IF_ERROR(c.Exec("DELETE FROM story_counts"));
    BANTIN_RETURN_IF_ERROR((*model)->Bind(1, "frequencies").BindBlob(2, counts.table).Run());
  } else {
    auto counter = c.Cached("INSERT OR REPLACE INTO story_counts VALUES(?1, ?2)");
    if (!counter) return counter.error();
    for (const auto& [bucket, value] : counts.changed) {
      BANTIN_RETURN_IF_ERROR((*counter)->Bind(1, int64_t{bucket}).Bind(2, int64_t{value}).Run());
    }
  }
  return (*model)->Bind(1, "documents").Bind(2, static_cast<int64_t>(counts.docs)).Run();
}

Status StoryTables::PutDoc(const StoryDoc& d) {
  auto doc = conn_->Cached("INSERT OR REPLACE INTO story_docs VALUES(?1, ?2, ?3, ?4)");
  if (!doc) return doc.error();
  (*doc)->Bind(1, d.doc).Bind(2, d.story).BindBlob(3, d.fingerprint);
  if (d.duplicate_of != 0) (*doc)->Bind(4, d.duplicate_of);
  return (*doc)->Run();
}

Status StoryTables::PutBands(int64_t doc, const std::vector<uint32_t>& bands) {
  auto band = conn_->Cached("INSERT OR IGNORE INTO story_bands VALUES(?1, ?2)");
  if (!band) return band.error();
  for (uint32_t b : bands) BANTIN_RETURN_IF_ERROR((*band)->Bind(1, int64_t{b}).Bind(2, doc).Run());
  return Status::OK();
}

Status StoryTables::PutStory(const StoredStory& s) {
  auto story = conn_->Cached("INSERT OR REPLACE INTO stories VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!story) return story.error();
  store::Statement& q = **story;
  q.Bind(1, s.id).Bind(2, s.title);
  if (s.first) q.Bind(3, s.first->ToString());
  if (s.last) q.Bind(4, s.last->ToString());
  return q.Bind(5, s.anchor).Bind(6, s.articles).Bind(7, s.reports).BindDouble(8, s.title_score).BindBlob(9, s.centroid).Run();
}

Status StoryTables::PutTerms(int64_t story, const std::vector<std::pair<uint64_t, float>>& terms,
                             const std::vector<uint64_t>& gone) {
  auto put = conn_->Cached("INSERT OR REPLACE INTO story_terms VALUES(?1, ?2, ?3)");
  if (!put) return put.error();
  for (const auto& [term, weight] : terms) {
    BANTIN_RETURN_IF_ERROR((*put)->Bind(1, static_cast<int64_t>(term)).Bind(2, story).BindDouble(3, weight).Run());
  }
  if (gone.empty()) return Status::OK();
  auto drop = conn_->Cached("DELETE FROM story_terms WHERE term = ?1 AND story = ?2");
  if (!drop) return drop.error();
  for (uint64_t term : gone) BANTIN_RETURN_IF_ERROR((*drop)->Bind(1, static_cast<int64_t>(term)).Bind(2, story).Run());
  return Status::OK();
}

Status StoryTables::ReadTerm(uint64_t term, size_t limit, std::vector<std::pair<int64_t, float>>* out) const {
  auto q = conn_->Cached("SELECT story, weight FROM story_terms WHERE term = ?1 ORDER BY story DESC LIMIT ?2");
  if (!q) return q.error();
  out->clear();
  (*q)->Bind(1, static_cast<int64_t>(term)).Bind(2, static_cast<int64_t>(limit));
  Status s = (*q)->EachRow([&] { out->emplace_back((*q)->Int(0), static_cast<float>((*q)->Double(1))); });
  (*q)->Reset();
  return s;
}

Status StoryTables::DocsInBand(uint32_t band, size_t limit, std::vector<int64_t>* out) const {
  auto q = conn_->Cached("SELECT doc FROM story_bands WHERE band = ?1 ORDER BY doc LIMIT ?2");
  if (!q) return q.error();
  out->clear();
  (*q)->Bind(1, int64_t{band}).Bind(2, static_cast<int64_t>(limit));
  Status s = (*q)->EachRow([&] { out->push_back((*q)->Int(0)); });
  (*q)->Reset();
  return s;
}

Result<int64_t> StoryTables::LastStory() const {
  return conn_->Int("SELECT coalesce(max(id), 0) FROM stories");
}

Result<bool> StoryTables::Listed() const {
  auto listed = conn_->Int("SELECT EXISTS(SELECT 1 FROM story_model WHERE key = 'listed')");
  if (!listed) return Err(listed.error());
  return *listed != 0;
}

Status StoryTables::MarkListed() {
  return conn_->Exec("INSERT OR REPLACE INTO story_model VALUES('listed', 1)");
}

Result<StoryCounts> StoryTables::Counts() const {
  StoryCounts counts;
  auto model = conn_->Prepare("SELECT key, value FROM story_model WHERE key IN ('frequencies', 'documents')");
  if (!model) return Err(model.error());
  BANTIN_RETURN_IF_ERROR(model->EachRow([&] {
    if (model->Text(0) == "documents") counts.docs = static_cast<uint64_t>(model->Int(1));
    else counts.table = model->Text(1);
  }));
  auto changed = conn_->Prepare("SELECT bucket, count FROM story_counts ORDER BY bucket");
  if (!changed) return Err(changed.error());
  BANTIN_RETURN_IF_ERROR(changed->EachRow([&] {
    counts.changed.emplace_back(static_cast<uint32_t>(changed->Int(0)), static_cast<uint16_t>(changed->Int(1)));
  }));
  return counts;
}

Status StoryTables::Clear() {
  return conn_->Exec(
      "BEGIN IMMEDIATE; DELETE FROM story_docs; DELETE FROM stories; DELETE FROM story_model; "
      "DELETE FROM story_counts; DELETE FROM story_terms; DELETE FROM story_bands; COMMIT;");
}

Status StoryTables::ForEach(const std::optional<Date>& from, const std::optional<Date>& to,
                           const std::function<Status(const StoredStory&)>& fn) const {
  auto q = conn_->Prepare(std::string("SELECT ") + kStoryColumns +
                              " FROM stories WHERE (?1 = '' OR last >= ?1) AND (?2 = '' OR first <= ?2) ORDER BY id");
  if (!q) return q.error();
  q->Bind(1, from ? from->ToString() : std::string()).Bind(2, to ? to->ToString() : std::string());
  while (true) {
    auto row = q->Step();
    if (!row) return row.error();
    if (!*row) return Status::OK();
    BANTIN_RETURN_IF_ERROR(fn(StoryRow(*q)));
  }
}

Result<StoredStory> StoryTables::Get(int64_t id) const {
  auto q = conn_->Prepare(std::string("SELECT ") + kStoryColumns + " FROM stories WHERE id = ?1");
  if (!q) return Err(q.error());
  q->Bind(1, id);
  auto row = q->Step();
  if (!row) return Err(row.error());
  if (!*row) return Err(Status::NotFound("story " + std::to_string(id), "no such story"));
  return StoryRow(*q);
}

Status StoryTables::ForEachDoc(int64_t story, const std::function<Status(const StoryDoc&)>& fn) const {
  auto q = conn_->Prepare(
      "SELECT doc, story, fingerprint, coalesce(duplicate_of, 0) FROM story_docs "
      "WHERE ?1 = 0 OR story = ?1 ORDER BY doc");
  if (!q) return q.error();
  q->Bind(1, story);
  while (true) {
    auto row = q->Step();
    if (!row) return row.error();
    if (!*row) return Status::OK();
    BANTIN_RETURN_IF_ERROR(fn({q->Int(0), q->Int(1), std::string(q->Text(2)), q->Int(3)}));
  }
}

Result<StoryDoc> StoryTables::GetDoc(int64_t doc) const {
  auto q = conn_->Cached(
      "SELECT doc, story, fingerprint, coalesce(duplicate_of, 0) FROM story_docs WHERE doc = ?1");
  if (!q) return Err(q.error());
  store::Statement& s = **q;
  s.Bind(1, doc);
  auto row = s.Step();
  if (!row) return Err(row.error());
  if (!*row) return Err(Status::NotFound("document " + std::to_string(doc), "not threaded"));
  StoryDoc out{s.Int(0), s.Int(1), std::string(s.Text(2)), s.Int(3)};
  s.Reset();  // ends the read
  return out;
}

Result<int64_t> StoryTables::CountReports(int64_t first_report) const {
  auto q = conn_->Cached("SELECT 1 + count(*) FROM story_docs WHERE duplicate_of = ?1");
  if (!q) return Err(q.error());
  store::Statement& s = **q;
  s.Bind(1, first_report);
  auto row = s.Step();
  if (!row) return Err(row.error());
  const int64_t n = s.Int(0);
  s.Reset();
  return n;
}

Result<int64_t> StoryTables::ListUnthreaded(int64_t after) {
  todo_at_ = 0;
  BANTIN_RETURN_IF_ERROR(conn_->Exec(
      "DROP TABLE IF EXISTS temp.story_todo; "
      "CREATE TEMP TABLE story_todo(n INTEGER PRIMARY KEY, doc INTEGER NOT NULL, date TEXT);"));
  auto fill = conn_->Prepare(
      "INSERT INTO temp.story_todo(doc, date) SELECT doc, date FROM articles WHERE doc > ?1 AND doc NOT IN "
      "(SELECT doc FROM story_docs WHERE doc > ?1) ORDER BY date, doc");
  if (!fill) return Err(fill.error());
  BANTIN_RETURN_IF_ERROR(fill->Bind(1, after).Run());
  return conn_->Int("SELECT count(*) FROM temp.story_todo");
}

Status StoryTables::NextUnthreaded(size_t limit, std::vector<std::pair<int64_t, std::optional<Date>>>* out) {
  out->clear();
  auto q = conn_->Prepare("SELECT n, doc, date FROM temp.story_todo WHERE n > ?1 ORDER BY n LIMIT ?2");
  if (!q) return q.error();
  q->Bind(1, todo_at_).Bind(2, static_cast<int64_t>(limit));
  return q->EachRow([&] {
    todo_at_ = q->Int(0);
    out->emplace_back(q->Int(1), DateColumn(*q, 2));
  });
}

}  // namespace bantin
