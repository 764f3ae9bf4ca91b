// Store: the story tables (threaded documents, stories, the threader's frequencies) and the
// per-document extraction reader the threader uses.
#include "bantin/store.h"
#include "store/store_db.h"

namespace bantin {
namespace {

std::optional<Date> DateColumn(const store::Statement& q, int column) {
  if (q.IsNull(column)) return std::nullopt;
  auto d = Date::Parse(q.Text(column));
  return d ? std::optional<Date>(*d) : std::nullopt;
}

Store::StoredStory StoryRow(const store::Statement& q) {
  Store::StoredStory s;
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

Result<Extraction> Store::GetExtraction(int64_t doc) const {
  Extraction x;
  x.doc = doc;
  auto entities = db_->conn->Prepare(
      "SELECT begin, end, type, text, canonical, role FROM entities WHERE doc = ?1 ORDER BY begin");
  auto events = db_->conn->Prepare(
      "SELECT code, label, source, target, date, place, sentence_begin, sentence_end, trigger_begin, "
      "trigger_end, negated FROM events WHERE doc = ?1 ORDER BY sentence_begin, trigger_begin");
  auto dates = db_->conn->Prepare("SELECT begin, end, text, value FROM dates WHERE doc = ?1 ORDER BY begin");
  for (auto* q : {&entities, &events, &dates}) {
    if (!*q) return Err(q->error());
    (*q)->Bind(1, doc);
  }
  while (true) {
    auto row = entities->Step();
    if (!row) return Err(row.error());
    if (!*row) break;
    Entity e;
    e.begin = static_cast<uint32_t>(entities->Int(0));
    e.end = static_cast<uint32_t>(entities->Int(1));
    if (!ParseEntityType(entities->Text(2), &e.type)) {
      return Err(Status::Corruption(dir_, "document " + std::to_string(doc) + ": entity type \"" +
                                              std::string(entities->Text(2)) + "\" is not PER, LOC or ORG"));
    }
    e.text = entities->Text(3);
    e.canonical = entities->Text(4);
    e.role = entities->Text(5);
    x.entities.push_back(std::move(e));
  }
  while (true) {
    auto row = events->Step();
    if (!row) return Err(row.error());
    if (!*row) break;
    Event e;
    e.code = events->Text(0);
    e.label = events->Text(1);
    e.source = events->Text(2);
    e.target = events->IsNull(3) ? "" : std::string(events->Text(3));
    e.date = events->IsNull(4) ? "" : std::string(events->Text(4));
    e.place = events->IsNull(5) ? "" : std::string(events->Text(5));
    e.sentence_begin = static_cast<uint32_t>(events->Int(6));
    e.sentence_end = static_cast<uint32_t>(events->Int(7));
    e.trigger_begin = static_cast<uint32_t>(events->Int(8));
    e.trigger_end = static_cast<uint32_t>(events->Int(9));
    e.negated = events->Int(10) != 0;
    x.events.push_back(std::move(e));
  }
  while (true) {
    auto row = dates->Step();
    if (!row) return Err(row.error());
    if (!*row) break;
    TimeExpression t;
    t.begin = static_cast<uint32_t>(dates->Int(0));
    t.end = static_cast<uint32_t>(dates->Int(1));
    t.text = dates->Text(2);
    t.value = dates->IsNull(3) ? "" : std::string(dates->Text(3));
    x.dates.push_back(std::move(t));
  }
  return x;
}

Status Store::PutStories(const std::vector<StoryDoc>& docs, const std::vector<StoredStory>& stories,
                         const std::string& frequencies) {
  store::Connection& c = *db_->conn;
  auto doc = c.Prepare("INSERT OR REPLACE INTO story_docs VALUES(?1, ?2, ?3, ?4)");
  auto story = c.Prepare("INSERT OR REPLACE INTO stories VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  auto model = c.Prepare("INSERT OR REPLACE INTO story_model VALUES('frequencies', ?1)");
  for (auto* q : {&doc, &story, &model}) {
    if (!*q) return q->error();
  }
  BANTIN_RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE"));
  auto fail = [&](const Status& s) {
    (void)c.Exec("ROLLBACK");
    return s;
  };
  for (const StoryDoc& d : docs) {
    doc->Bind(1, d.doc).Bind(2, d.story).BindBlob(3, d.fingerprint);
    if (d.duplicate_of != 0) doc->Bind(4, d.duplicate_of);
    else doc->BindNull(4);
    if (Status s = doc->Run(); !s.ok()) return fail(s);
  }
  for (const StoredStory& s : stories) {
    story->Bind(1, s.id).Bind(2, s.title);
    if (s.first) story->Bind(3, s.first->ToString());
    else story->BindNull(3);
    if (s.last) story->Bind(4, s.last->ToString());
    else story->BindNull(4);
    story->Bind(5, s.anchor).Bind(6, s.articles).Bind(7, s.reports).BindDouble(8, s.title_score).BindBlob(9, s.centroid);
    if (Status st = story->Run(); !st.ok()) return fail(st);
  }
  if (Status s = model->BindBlob(1, frequencies).Run(); !s.ok()) return fail(s);
  return c.Exec("COMMIT");
}

Result<std::string> Store::StoryFrequencies() const {
  auto q = db_->conn->Prepare("SELECT value FROM story_model WHERE key = 'frequencies'");
  if (!q) return Err(q.error());
  auto row = q->Step();
  if (!row) return Err(row.error());
  return *row ? std::string(q->Text(0)) : std::string();
}

Status Store::ClearStories() {
  return db_->conn->Exec(
      "BEGIN IMMEDIATE; DELETE FROM story_docs; DELETE FROM stories; DELETE FROM story_model; COMMIT;");
}

Status Store::ForEachStory(const std::optional<Date>& from, const std::optional<Date>& to,
                           const std::function<Status(const StoredStory&)>& fn) const {
  auto q = db_->conn->Prepare(std::string("SELECT ") + kStoryColumns +
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

Result<Store::StoredStory> Store::GetStory(int64_t id) const {
  auto q = db_->conn->Prepare(std::string("SELECT ") + kStoryColumns + " FROM stories WHERE id = ?1");
  if (!q) return Err(q.error());
  q->Bind(1, id);
  auto row = q->Step();
  if (!row) return Err(row.error());
  if (!*row) return Err(Status::NotFound("story " + std::to_string(id), "no such story"));
  return StoryRow(*q);
}

Status Store::ForEachStoryDoc(int64_t story, const std::function<Status(const StoryDoc&)>& fn) const {
  auto q = db_->conn->Prepare(
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

Result<Store::StoryDoc> Store::GetStoryDoc(int64_t doc) const {
  auto q = db_->conn->Prepare(
      "SELECT doc, story, fingerprint, coalesce(duplicate_of, 0) FROM story_docs WHERE doc = ?1");
  if (!q) return Err(q.error());
  q->Bind(1, doc);
  auto row = q->Step();
  if (!row) return Err(row.error());
  if (!*row) return Err(Status::NotFound("document " + std::to_string(doc), "not threaded"));
  return StoryDoc{q->Int(0), q->Int(1), std::string(q->Text(2)), q->Int(3)};
}

Result<int64_t> Store::CountReports(int64_t first_report) const {
  auto q = db_->conn->Prepare("SELECT 1 + count(*) FROM story_docs WHERE duplicate_of = ?1");
  if (!q) return Err(q.error());
  q->Bind(1, first_report);
  auto row = q->Step();
  if (!row) return Err(row.error());
  return q->Int(0);
}

Result<std::vector<std::pair<int64_t, std::optional<Date>>>> Store::UnthreadedDocs(int64_t after) const {
  auto q = db_->conn->Prepare(
      "SELECT doc, date FROM articles WHERE doc > ?1 AND doc NOT IN "
      "(SELECT doc FROM story_docs WHERE doc > ?1) ORDER BY doc");
  if (!q) return Err(q.error());
  q->Bind(1, after);
  std::vector<std::pair<int64_t, std::optional<Date>>> out;
  while (true) {
    auto row = q->Step();
    if (!row) return Err(row.error());
    if (!*row) return out;
    out.emplace_back(q->Int(0), DateColumn(*q, 1));
  }
}

}  // namespace bantin
