// Store: the extraction tables (entities, dates, events per article).
#include "bantin/store_extractions.h"

#include <algorithm>

#include "store/sqlite.h"

namespace bantin {
namespace {

// The canonical names an entity asked for by keys ?6 (exact) and ?7 (folded) stands for
// (EntityKeys), as a table `named` for the statement that follows.
// The entities a name (?6 its exact key, ?7 its folded one) stands for: those with an alias of
// its exact key, else of its folded key. When a place or organisation is called exactly that
// ("Nga", "Mỹ"), the people who carry the name only as part of theirs ("Phương Nga", "Lê Văn
// Mỹ", aliased by their given names) are left out: in 60,581 articles they were 40 of the 41
// entities "Nga" stood for. A canonical name's type is that of its first mention in the index.
constexpr char kNamed[] =
    "WITH exact AS (SELECT DISTINCT canonical FROM entity_names WHERE exact = ?6), "
    "typed AS (SELECT canonical, (SELECT x.type FROM entities x WHERE x.canonical COLLATE NOCASE = e.canonical "
    "AND x.canonical = e.canonical LIMIT 1) AS type FROM exact e), "
    "own AS (SELECT t.canonical FROM typed t JOIN entity_names n ON n.canonical = t.canonical "
    "AND n.name = t.canonical AND n.exact = ?6 WHERE t.type <> 'PER'), "
    "named(canonical) AS (SELECT canonical FROM typed WHERE NOT EXISTS (SELECT 1 FROM own) OR type <> 'PER' "
    "UNION SELECT canonical FROM entity_names WHERE folded = ?7 AND NOT EXISTS (SELECT 1 FROM exact)) ";

// The columns of an event (of `events e`), in the order EventAt reads them from column `at` on.
constexpr char kEventColumns[] =
    "e.code, e.label, e.source, e.target, e.date, e.place, e.sentence_begin, e.sentence_end, e.trigger_begin, "
    "e.trigger_end, e.status, e.mentions";

// `events.mentions` (docs/format.md): four offsets per further mention, space-separated —
// sentence begin and end, trigger begin and end.
std::string MentionsText(const std::vector<EventMention>& mentions) {
  std::string out;
  for (const EventMention& m : mentions) {
    for (uint32_t v : {m.sentence_begin, m.sentence_end, m.trigger_begin, m.trigger_end}) {
      if (!out.empty()) out += ' ';
      out += std::to_string(v);
    }
  }
  return out;
}

// The inverse of MentionsText; false on anything else.
bool ParseMentions(std::string_view text, std::vector<EventMention>* out) {
  std::vector<uint32_t> v;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    uint64_t n = 0;
    size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 10) n = n * 10 + (text[i++] - '0');
    if (i == start || n > UINT32_MAX || (i < text.size() && text[i] != ' ')) return false;
    v.push_back(static_cast<uint32_t>(n));
  }
  if (v.size() % 4 != 0) return false;
  for (size_t k = 0; k < v.size(); k += 4) out->push_back({v[k], v[k + 1], v[k + 2], v[k + 3]});
  return true;
}

Event EventAt(const store::Statement& q, int at) {
  auto text = [&](int i) { return q.IsNull(at + i) ? std::string() : std::string(q.Text(at + i)); };
  auto offset = [&](int i) { return static_cast<uint32_t>(q.Int(at + i)); };
  Event e;
  e.code = text(0);
  e.label = text(1);
  e.source = text(2);
  e.target = text(3);
  e.date = text(4);
  e.place = text(5);
  e.sentence_begin = offset(6);
  e.sentence_end = offset(7);
  e.trigger_begin = offset(8);
  e.trigger_end = offset(9);
  e.status = text(10);
  if (!ParseMentions(q.Text(at + 11), &e.mentions)) e.mentions.clear();
  return e;
}

}  // namespace

Status ExtractionTables::Put(const std::vector<Extraction>& batch) {
  store::Connection& c = *conn_;
  auto mark = c.Prepare("INSERT OR REPLACE INTO extracted(doc) VALUES(?1)");
  auto entity = c.Prepare("INSERT INTO entities VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  auto date = c.Prepare("INSERT INTO dates VALUES(?1, ?2, ?3, ?4, ?5)");
  auto event = c.Prepare("INSERT INTO events VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  auto alias = c.Prepare("INSERT OR IGNORE INTO entity_names VALUES(?1, ?2, ?3, ?4)");
  for (auto* q : {&mark, &entity, &date, &event, &alias}) {
    if (!*q) return q->error();
  }
  BANTIN_RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE"));
  auto fail = [&](const Status& s) {
    (void)c.Exec("ROLLBACK");
    return s;
  };
  auto opt = [](store::Statement& q, int i, const std::string& v) -> store::Statement& {
    return v.empty() ? q.BindNull(i) : q.Bind(i, v);
  };
  for (const Extraction& x : batch) {
    for (const char* table : {"entities", "dates", "events"}) {
      Status s = c.Exec(std::string("DELETE FROM ") + table + " WHERE doc = " + std::to_string(x.doc));
      if (!s.ok()) return fail(s);
    }
    if (Status s = mark->Bind(1, x.doc).Run(); !s.ok()) return fail(s);
    for (const Entity& e : x.entities) {
      entity->Bind(1, x.doc).Bind(2, int64_t{e.begin}).Bind(3, int64_t{e.end});
      entity->Bind(4, EntityTypeName(e.type)).Bind(5, e.text).Bind(6, e.canonical).Bind(7, e.role);
      if (Status s = entity->Run(); !s.ok()) return fail(s);
    }
    for (const EntityAlias& a : x.aliases) {
      alias->Bind(1, a.canonical).Bind(2, a.name).Bind(3, a.exact).Bind(4, a.folded);
      if (Status s = alias->Run(); !s.ok()) return fail(s);
    }
    for (const TimeExpression& d : x.dates) {
      date->Bind(1, x.doc).Bind(2, int64_t{d.begin}).Bind(3, int64_t{d.end}).Bind(4, d.text);
      opt(*date, 5, d.value);
      if (Status s = date->Run(); !s.ok()) return fail(s);
    }
    for (const Event& e : x.events) {
      event->Bind(1, x.doc).Bind(2, e.code).Bind(3, e.label).Bind(4, e.source);
      opt(*event, 5, e.target);
      opt(*event, 6, e.date);
      opt(*event, 7, e.place);
      event->Bind(8, int64_t{e.sentence_begin}).Bind(9, int64_t{e.sentence_end});
      event->Bind(10, int64_t{e.trigger_begin}).Bind(11, int64_t{e.trigger_end});
      event->Bind(12, e.status).Bind(13, MentionsText(e.mentions));
      if (Status s = event->Run(); !s.ok()) return fail(s);
    }
  }
  return c.Exec("COMMIT");
}

Result<int64_t> ExtractionTables::LastDoc() const {
  return conn_->Int("SELECT coalesce(max(doc), 0) FROM extracted");
}

Status ExtractionTables::ListEntities(const std::string& type, size_t limit,
                           const std::function<void(const EntityCount&)>& fn) const {
  auto q = conn_->Prepare(
      "SELECT canonical, type, count(*), count(DISTINCT doc) FROM entities "
      "WHERE ?1 = '' OR type = ?1 GROUP BY canonical, type "
      "ORDER BY count(DISTINCT doc) DESC, count(*) DESC, canonical LIMIT ?2");
  if (!q) return q.error();
  q->Bind(1, type).Bind(2, static_cast<int64_t>(limit));
  return q->EachRow([&] { fn({std::string(q->Text(0)), std::string(q->Text(1)), q->Int(2), q->Int(3)}); });
}

Status ExtractionTables::ListEvents(const std::optional<EntityKeys>& actor, const std::optional<Date>& from,
                         const std::optional<Date>& to, size_t limit,
                         const std::function<void(const StoredEvent&)>& fn) const {
  auto q = conn_->Prepare(std::string(kNamed) +
      "SELECT a.id, substr(a.text, e.sentence_begin + 1, e.sentence_end - e.sentence_begin), a.url, "
      "CASE WHEN e.mentions = '' THEN NULL ELSE a.text END, " + kEventColumns +
      " FROM events e JOIN articles a ON a.doc = e.doc "
      "WHERE (?5 = 0 OR e.source IN named OR e.target IN named) "
      "AND (?2 = '' OR (length(e.date) >= 10 AND substr(e.date, 1, 10) >= ?2)) "
      "AND (?3 = '' OR (length(e.date) >= 10 AND substr(e.date, 1, 10) <= ?3)) "
      "ORDER BY e.date, e.doc, e.sentence_begin LIMIT ?4");
  if (!q) return q.error();
  q->Bind(6, actor ? actor->exact : "").Bind(7, actor ? actor->folded : "");
  q->Bind(5, int64_t{actor ? 1 : 0}).Bind(2, from ? from->ToString() : std::string());
  q->Bind(3, to ? to->ToString() : std::string()).Bind(4, static_cast<int64_t>(limit));
  return q->EachRow([&] {
    StoredEvent x;
    x.article_id = q->Text(0);
    x.event = EventAt(*q, 4);
    x.sentence = q->Text(1);
    x.url = q->Text(2);
    const std::string_view text = q->IsNull(3) ? std::string_view() : q->Text(3);
    for (const EventMention& m : x.event.mentions) {
      const bool inside = m.sentence_begin <= m.sentence_end && m.sentence_end <= text.size();
      x.mention_sentences.emplace_back(inside ? text.substr(m.sentence_begin, m.sentence_end - m.sentence_begin)
                                              : std::string_view());
    }
    fn(x);
  });
}

Result<std::vector<NamedEntity>> ExtractionTables::FindEntities(const EntityKeys& name) const {
  auto q = conn_->Prepare(std::string(kNamed) +
      "SELECT n.canonical FROM named n JOIN entity_docs d ON d.canonical = n.canonical "
      "GROUP BY n.canonical ORDER BY count(*) DESC, n.canonical");
  auto aliases = conn_->Prepare(
      "SELECT name FROM entity_names WHERE canonical = ?1 ORDER BY name <> ?1, name");
  if (!q) return Err(q.error());
  if (!aliases) return Err(aliases.error());
  q->Bind(6, name.exact).Bind(7, name.folded);
  std::vector<NamedEntity> out;
  BANTIN_RETURN_IF_ERROR(q->EachRow([&] { out.push_back({std::string(q->Text(0)), {}}); }));
  for (NamedEntity& e : out) {
    aliases->Bind(1, e.canonical);
    BANTIN_RETURN_IF_ERROR(aliases->EachRow([&] { e.aliases.emplace_back(aliases->Text(0)); }));
    aliases->Reset();
  }
  return out;
}

Result<std::vector<int64_t>> ExtractionTables::DocsWithEntity(const EntityKeys& name) const {
  // Each canonical name's documents, in order, from entity_docs (one row per document, not per
  // mention); several names' lists are merged here.
  auto q = conn_->Prepare(std::string(kNamed) +
      "SELECT doc FROM entity_docs WHERE canonical IN named");
  if (!q) return Err(q.error());
  q->Bind(6, name.exact).Bind(7, name.folded);
  std::vector<int64_t> out;
  BANTIN_RETURN_IF_ERROR(q->EachRow([&] { out.push_back(q->Int(0)); }));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<Extraction> ExtractionTables::Get(int64_t doc) const {
  Extraction x;
  x.doc = doc;
  auto entities = conn_->Prepare(
      "SELECT begin, end, type, text, canonical, role FROM entities WHERE doc = ?1 ORDER BY begin");
  auto events = conn_->Prepare(std::string("SELECT ") + kEventColumns +
                               " FROM events e WHERE e.doc = ?1 ORDER BY e.sentence_begin, e.trigger_begin");
  auto dates = conn_->Prepare("SELECT begin, end, text, value FROM dates WHERE doc = ?1 ORDER BY begin");
  for (auto* q : {&entities, &events, &dates}) {
    if (!*q) return Err(q->error());
    (*q)->Bind(1, doc);
  }
  std::string bad_type;
  BANTIN_RETURN_IF_ERROR(entities->EachRow([&] {
    Entity e;
    e.begin = static_cast<uint32_t>(entities->Int(0));
    e.end = static_cast<uint32_t>(entities->Int(1));
    if (!ParseEntityType(entities->Text(2), &e.type) && bad_type.empty()) bad_type = entities->Text(2);
    e.text = entities->Text(3);
    e.canonical = entities->Text(4);
    e.role = entities->Text(5);
    x.entities.push_back(std::move(e));
  }));
  if (!bad_type.empty()) {
    return Err(Status::Corruption(dir_, "document " + std::to_string(doc) + ": entity type \"" + bad_type +
                                            "\" is not PER, LOC or ORG"));
  }
  BANTIN_RETURN_IF_ERROR(events->EachRow([&] { x.events.push_back(EventAt(*events, 0)); }));
  BANTIN_RETURN_IF_ERROR(dates->EachRow([&] {
    TimeExpression t;
    t.begin = static_cast<uint32_t>(dates->Int(0));
    t.end = static_cast<uint32_t>(dates->Int(1));
    t.text = dates->Text(2);
    t.value = dates->IsNull(3) ? "" : std::string(dates->Text(3));
    x.dates.push_back(std::move(t));
  }));
  return x;
}

}  // namespace bantin
