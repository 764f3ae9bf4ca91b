// Store::Check and Store::RepairDerived: every row verified against what it was derived from.
#include <algorithm>
#include <set>

#include "bantin/store.h"
#include "store/store_db.h"
#include "text/utf8.h"

namespace bantin {
namespace {

constexpr size_t kMaxProblems = 10000;

// A span checked in SQL against its article (rows whose article is gone have a NULL id):
// columns doc, id, the text's length, begin, end, and whether the span's bytes equal the
// row's text (1), differ (0), or are not compared (NULL).
struct SpanCheck {
  const char* what;  // "entity", "date", "event sentence", ...
  const char* sql;
};

const SpanCheck kSpans[] = {
    {"entity",
     "SELECT x.doc, a.id, length(a.text), x.begin, x.end, "
     "substr(a.text, x.begin + 1, x.end - x.begin) = CAST(x.text AS BLOB) "
     "FROM entities x LEFT JOIN articles a ON a.doc = x.doc"},
    {"date",
     "SELECT x.doc, a.id, length(a.text), x.begin, x.end, "
     "substr(a.text, x.begin + 1, x.end - x.begin) = CAST(x.text AS BLOB) "
     "FROM dates x LEFT JOIN articles a ON a.doc = x.doc"},
    {"event sentence",
     "SELECT x.doc, a.id, length(a.text), x.sentence_begin, x.sentence_end, NULL "
     "FROM events x LEFT JOIN articles a ON a.doc = x.doc"},
    {"event trigger",
     "SELECT x.doc, a.id, length(a.text), x.trigger_begin, x.trigger_end, NULL "
     "FROM events x LEFT JOIN articles a ON a.doc = x.doc"},
    {"extraction mark", "SELECT x.doc, a.id, length(a.text), 0, 0, NULL FROM extracted x LEFT JOIN articles a ON a.doc = x.doc"},
};

std::string Doc(int64_t doc, std::string_view id) {
  return "document " + std::to_string(doc) + (id.empty() ? std::string() : " (" + std::string(id) + ")");
}

}  // namespace

Result<Store::CheckReport> Store::Check() const {
  store::Connection& c = *db_->conn;
  CheckReport report;
  auto problem = [&](Status s) {
    if (report.problems.size() < kMaxProblems) report.problems.push_back(std::move(s));
    else ++report.more;
  };
  const std::string file = dir_ + "/bantin.db";
  auto integrity = c.Prepare("PRAGMA integrity_check(100)");
  if (!integrity) return Err(integrity.error());
  Status ran = integrity->EachRow([&] {
    if (integrity->Text(0) != "ok") {
      report.database = true;
      problem(Status::Corruption(file, integrity->Text(0)));
    }
  });
  if (!ran.ok()) {
    report.database = true;
    problem(Status::Corruption(file, ran.message()));
  }
  if (report.database) return report;  // rows of a damaged file are not worth reading

  // Articles: readable, valid UTF-8, and what their content hash was taken of.
  auto articles = c.Prepare(std::string("SELECT ") + store::kColumns + ", content_hash FROM articles ORDER BY doc");
  if (!articles) return Err(articles.error());
  ran = articles->EachRow([&] {
    const int64_t doc = articles->Int(0);
    const std::string id(articles->Text(1));
    auto a = store::RowToArticle(*articles);
    std::string wrong;
    if (!a) {
      wrong = a.error().message();
    } else if (size_t bad = text::FindInvalidUtf8(a->article.text); bad != text::kNoError) {
      wrong = Doc(doc, id) + ": text is not valid UTF-8 at byte " + std::to_string(bad);
    } else if (store::ContentHash(a->article.text, a->article.paragraphs) != articles->Text(14)) {
      wrong = Doc(doc, id) + ": text differs from what was stored (its content hash does not match)";
    }
    if (!wrong.empty()) {
      report.damaged_articles.push_back(doc);
      problem(Status::Corruption(wrong));
    }
  });
  if (!ran.ok()) return Err(ran);

  // Extraction rows against their articles.
  std::set<int64_t> bad_docs;
  for (const SpanCheck& span : kSpans) {
    auto q = c.Prepare(span.sql);
    if (!q) return Err(q.error());
    ran = q->EachRow([&] {
      const int64_t doc = q->Int(0);
      const std::string id = q->IsNull(1) ? "" : std::string(q->Text(1));
      const int64_t size = q->IsNull(2) ? 0 : q->Int(2), begin = q->Int(3), end = q->Int(4);
      std::string wrong;
      if (q->IsNull(1)) {
        wrong = "no such article";
      } else if (begin < 0 || begin > end || end > size) {
        wrong = "bytes " + std::to_string(begin) + ".." + std::to_string(end) + " are outside its text (" +
                std::to_string(size) + " bytes)";
      } else if (!q->IsNull(5) && q->Int(5) == 0) {
        wrong = "text differs from the article's bytes " + std::to_string(begin) + ".." + std::to_string(end);
      }
      if (wrong.empty()) return;
      if (bad_docs.insert(doc).second) report.bad_extractions.push_back(doc);
      problem(Status::Corruption(Doc(doc, id) + ": " + span.what + " row: " + wrong));
    });
    if (!ran.ok()) return Err(ran);
  }
  std::sort(report.bad_extractions.begin(), report.bad_extractions.end());
  // entity_docs (kept by triggers) against the distinct (name, document) pairs of entities,
  // both in order, stepped side by side: a pair missing, or a row no mention has. (Looking
  // each mention up instead took minutes for 30 million; this is one sort.)
  size_t missing = 0, stray = 0;
  {
    store::LargeCache sort(c);
    auto want = c.Prepare("SELECT DISTINCT canonical, doc FROM entities ORDER BY canonical, doc");
    auto have = c.Prepare("SELECT canonical, doc FROM entity_docs ORDER BY canonical, doc");
    if (!want) return Err(want.error());
    if (!have) return Err(have.error());
    auto w = want->Step(), h = have->Step();
    while (w && h && (*w || *h)) {
      int order = !*w ? 1 : !*h ? -1 : want->Text(0).compare(have->Text(0));
      if (order == 0 && *w && *h) order = want->Int(1) < have->Int(1) ? -1 : want->Int(1) > have->Int(1) ? 1 : 0;
      if (order <= 0) w = want->Step();
      if (order >= 0) h = have->Step();
      missing += order < 0 ? 1 : 0;
      stray += order > 0 ? 1 : 0;
    }
    if (!w) return Err(w.error());
    if (!h) return Err(h.error());
  }
  if (missing > 0) problem(Status::Corruption("entity_docs", std::to_string(missing) + " (name, document) pairs of entities have no row"));
  if (stray > 0) problem(Status::Corruption("entity_docs", std::to_string(stray) + " rows name a pair no entity mention has"));
  report.bad_entity_docs = missing > 0 || stray > 0;

  // Threading rows and stories.
  auto docs = c.Prepare(
      "SELECT x.doc, a.id, x.story, s.id IS NOT NULL, length(x.fingerprint), x.duplicate_of, "
      "x.duplicate_of IS NULL OR d.doc IS NOT NULL "
      "FROM story_docs x LEFT JOIN articles a ON a.doc = x.doc LEFT JOIN stories s ON s.id = x.story "
      "LEFT JOIN story_docs d ON d.doc = x.duplicate_of");
  if (!docs) return Err(docs.error());
  ran = docs->EachRow([&] {
    const int64_t doc = docs->Int(0);
    const std::string id = docs->IsNull(1) ? "" : std::string(docs->Text(1));
    std::string wrong;
    if (docs->IsNull(1)) wrong = "no such article";
    else if (docs->Int(3) == 0) wrong = "its story " + std::to_string(docs->Int(2)) + " does not exist";
    else if (docs->Int(4) != 256) wrong = "its fingerprint is " + std::to_string(docs->Int(4)) + " bytes, not 256";
    else if (docs->Int(6) == 0) wrong = "the report it repeats (" + std::to_string(docs->Int(5)) + ") is not threaded";
    if (wrong.empty()) return;
    report.bad_stories = true;
    problem(Status::Corruption(Doc(doc, id) + ": threading row: " + wrong));
  });
  if (!ran.ok()) return Err(ran);
  auto stories = c.Prepare(
      "SELECT s.id, count(x.doc) FROM stories s LEFT JOIN story_docs x ON x.story = s.id "
      "GROUP BY s.id HAVING count(x.doc) <> s.reports");
  if (!stories) return Err(stories.error());
  ran = stories->EachRow([&] {
    report.bad_stories = true;
    problem(Status::Corruption("story " + std::to_string(stories->Int(0)),
                               "counts " + std::to_string(stories->Int(1)) + " threaded reports, unlike its row"));
  });
  if (!ran.ok()) return Err(ran);
  // The threader's lists: entries of stories or documents that are gone.
  auto lists = c.Prepare(
      "SELECT (SELECT count(*) FROM story_terms WHERE story NOT IN (SELECT id FROM stories)), "
      "(SELECT count(*) FROM story_bands WHERE doc NOT IN (SELECT doc FROM story_docs))");
  if (!lists) return Err(lists.error());
  ran = lists->EachRow([&] {
    for (int column : {0, 1}) {
      if (lists->Int(column) == 0) continue;
      report.bad_stories = true;
      problem(Status::Corruption(column == 0 ? "story_terms" : "story_bands",
                                 std::to_string(lists->Int(column)) + (column == 0 ? " entries of stories" : " entries of documents") +
                                     " that do not exist"));
    }
  });
  if (!ran.ok()) return Err(ran);
  return report;
}

Status Store::RepairDerived(const CheckReport& report) {
  store::Connection& c = *db_->conn;
  BANTIN_RETURN_IF_ERROR(c.Exec("BEGIN IMMEDIATE"));
  auto fail = [&](const Status& s) {
    (void)c.Exec("ROLLBACK");
    return s;
  };
  // Rows of documents that are gone, then the rows of each listed document.
  for (const char* table : {"entities", "dates", "events", "extracted"}) {
    Status s = c.Exec(std::string("DELETE FROM ") + table + " WHERE doc NOT IN (SELECT doc FROM articles)");
    if (!s.ok()) return fail(s);
    auto del = c.Prepare(std::string("DELETE FROM ") + table + " WHERE doc = ?1");
    if (!del) return fail(del.error());
    for (int64_t doc : report.bad_extractions) {
      if (Status d = del->Bind(1, doc).Run(); !d.ok()) return fail(d);
    }
  }
  if (report.bad_entity_docs) {
    Status s = c.Exec("DELETE FROM entity_docs");
    if (s.ok()) s = store::FillEntityDocs(c);
    if (!s.ok()) return fail(s);
  }
  if (report.bad_stories) {
    Status s = c.Exec("DELETE FROM story_docs; DELETE FROM stories; DELETE FROM story_model; DELETE FROM story_counts; "
        "DELETE FROM story_terms; DELETE FROM story_bands;");
    if (!s.ok()) return fail(s);
  }
  return c.Exec("COMMIT");
}

}  // namespace bantin
