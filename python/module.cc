// bantin._bantin: the C++ side of the Python package (python/bantin/__init__.py is the face).
// Every call does its C++ work with the GIL released and hands back the same JSON the HTTP API
// sends (src/answers, bantin/json.h), which the Python side turns into objects; so Python,
// the CLI and the server can never describe an article differently.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "answers/answers.h"
#include "bantin/analyzer.h"
#include "bantin/extract.h"
#include "bantin/json.h"
#include "bantin/pipeline.h"
#include "bantin/search.h"
#include "bantin/store.h"

namespace py = pybind11;

namespace {

// A bantin error as a Python exception: KeyError for what does not exist, ValueError for bad
// arguments, RuntimeError for the rest (an unreadable folder, a damaged file).
[[noreturn]] void Raise(const bantin::Status& s) {
  if (s.IsNotFound()) throw py::key_error(s.ToString());
  if (s.IsInvalidArgument()) throw py::value_error(s.ToString());
  throw std::runtime_error(s.ToString());
}

template <typename T>
T Take(bantin::Result<T> r) {
  if (!r) Raise(r.error());
  return std::move(*r);
}

std::optional<bantin::Date> DateArg(const std::optional<std::string>& text, const char* name) {
  if (!text || text->empty()) return std::nullopt;
  auto d = bantin::Date::Parse(*text);
  if (!d || text->size() != 10) throw py::value_error(std::string(name) + " must be a date 'YYYY-MM-DD', not '" + *text + "'");
  return *d;
}

// The extractors, made on first use and shared; one analysis at a time (they keep caches).
struct Extractors {
  std::unique_ptr<bantin::DateExtractor> dates;
  std::unique_ptr<bantin::EntityExtractor> entities;
  std::unique_ptr<bantin::EventExtractor> events;
  std::mutex mu;
};

Extractors& Shared() {
  static Extractors* x = [] {
    auto* e = new Extractors;
    e->dates = Take(bantin::DateExtractor::Create());
    e->entities = Take(bantin::EntityExtractor::Create());
    e->events = Take(bantin::EventExtractor::Create());
    return e;
  }();
  return *x;
}

std::string Analyze(const std::string& text, const std::optional<std::string>& date) {
  const std::optional<bantin::Date> day = DateArg(date, "date");
  std::string out;
  {
    py::gil_scoped_release free;
    if (size_t bad = bantin::FindInvalidUtf8(text); bad != std::string::npos) {
      throw py::value_error("text is not valid UTF-8 at byte " + std::to_string(bad));
    }
    Extractors& x = Shared();
    std::lock_guard<std::mutex> lock(x.mu);
    bantin::Article a;
    a.id = "text";
    a.body = text;
    a.text = text;
    a.date = day;
    a.paragraphs.push_back({bantin::ParagraphKind::kBody, 0, static_cast<uint32_t>(text.size())});
    std::vector<bantin::TimeExpression> dates = x.dates->Extract(a.text, a.date);
    bantin::Analysis analysis;
    std::vector<bantin::Entity> entities = x.entities->Extract(a, &analysis);
    std::vector<bantin::Event> events = x.events->Extract(a, entities, dates, &analysis);
    nlohmann::ordered_json j = bantin::json::ExtractionJson(a, entities, dates, events);
    nlohmann::ordered_json sentences = nlohmann::ordered_json::array(), words = nlohmann::ordered_json::array();
    for (const bantin::Sentence& s : analysis.sentences) sentences.push_back({s.begin, s.end});
    for (const bantin::Word& w : analysis.words) words.push_back({w.begin, w.end});
    j["sentences"] = sentences;
    j["words"] = words;
    out = bantin::json::Line(j);
  }
  return out;
}

// A data folder opened for reading: its store, and its search index when it has one.
class PyStore {
 public:
  explicit PyStore(const std::string& path) : path_(path) {
    py::gil_scoped_release free;
    store_ = Take(bantin::Store::Open(path, {}));
  }

  std::string Search(const std::string& query, size_t limit, const std::optional<std::string>& from,
                     const std::optional<std::string>& to, const std::string& source) {
    bantin::SearchOptions o;
    o.limit = limit;
    o.from = DateArg(from, "date_from");
    o.to = DateArg(to, "date_to");
    o.source = source;
    py::gil_scoped_release free;
    std::lock_guard<std::mutex> lock(mu_);
    if (searcher_ == nullptr || searcher_->Stale()) searcher_ = Take(bantin::Searcher::Open(path_));
    return bantin::json::Line(Take(bantin::answers::Search(*searcher_, query, o)));
  }

  std::string Article(const std::string& id) {
    py::gil_scoped_release free;
    std::lock_guard<std::mutex> lock(mu_);
    return bantin::json::Line(Take(bantin::answers::Article(*store_, id)));
  }

  std::string Stories(size_t limit, const std::optional<std::string>& from, const std::optional<std::string>& to,
                      size_t min_articles) {
    const auto f = DateArg(from, "date_from"), t = DateArg(to, "date_to");
    py::gil_scoped_release free;
    std::lock_guard<std::mutex> lock(mu_);
    return bantin::json::Line(Take(bantin::answers::Stories(*store_, f, t, limit, min_articles)));
  }

  std::string Story(int64_t id) {
    py::gil_scoped_release free;
    std::lock_guard<std::mutex> lock(mu_);
    return bantin::json::Line(Take(bantin::answers::Story(*store_, id)));
  }

  std::string Events(const std::string& actor, const std::optional<std::string>& from,
                     const std::optional<std::string>& to, size_t limit) {
    const auto f = DateArg(from, "date_from"), t = DateArg(to, "date_to");
    py::gil_scoped_release free;
    std::lock_guard<std::mutex> lock(mu_);
    return bantin::json::Line(Take(bantin::answers::Events(*store_, actor, f, t, limit)));
  }

  // The GDELT-shaped table: its columns and rows of strings (the Python side types them).
  std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>> EventsTable(
      const std::string& actor, const std::optional<std::string>& from, const std::optional<std::string>& to,
      size_t limit) {
    const auto f = DateArg(from, "date_from"), t = DateArg(to, "date_to");
    py::gil_scoped_release free;
    std::lock_guard<std::mutex> lock(mu_);
    return {bantin::answers::GdeltColumns(), Take(bantin::answers::GdeltEvents(*store_, actor, f, t, limit))};
  }

  int64_t Count() {
    py::gil_scoped_release free;
    std::lock_guard<std::mutex> lock(mu_);
    return Take(store_->Count());
  }

 private:
  std::string path_;
  std::mutex mu_;  // one call at a time on the store's connection
  std::unique_ptr<bantin::Store> store_;
  std::unique_ptr<bantin::Searcher> searcher_;
};

// Adds `paths` to the folder `db` through the Pipeline, as `bantin ingest` does.
py::dict Ingest(const std::string& db, const std::vector<std::string>& paths, bool extract, bool stories,
                const std::optional<std::string>& default_date) {
  bantin::PipelineOptions o;
  o.extract = extract;
  o.stories = stories;
  o.default_date = DateArg(default_date, "default_date");
  std::vector<std::string> errors;
  o.on_error = [&](const bantin::Status& s) { errors.push_back(s.ToString()); };
  bantin::PipelineResult r;
  {
    py::gil_scoped_release free;
    auto pipeline = Take(bantin::Pipeline::Open(db, o));
    r = Take(pipeline->Add(paths));
  }
  py::dict d;
  d["read"] = r.stats.read;
  d["added"] = r.stats.added;
  d["already_stored"] = r.stats.duplicate_id + r.stats.duplicate_content;
  d["errors"] = errors;
  d["extracted"] = r.extracted;
  d["threaded"] = r.threaded.articles;
  return d;
}

// Merges folders built apart into `out` (bantin::MergeFolders).
py::dict Merge(const std::string& out, const std::vector<std::string>& shards) {
  bantin::MergeStats m;
  {
    py::gil_scoped_release free;
    m = Take(bantin::MergeFolders(out, shards));
  }
  py::dict d;
  d["read"] = m.ingest.read;
  d["added"] = m.ingest.added;
  d["already_stored"] = m.ingest.duplicate_id + m.ingest.duplicate_content;
  d["extractions_copied"] = m.extractions_copied;
  d["extracted"] = m.extracted;
  d["threaded"] = m.threaded.articles;
  d["stories_opened"] = m.threaded.opened;
  return d;
}

}  // namespace

PYBIND11_MODULE(_bantin, m) {
  m.doc() = "bantin's C++ core; use the bantin package";
  m.def("analyze_json", &Analyze, py::arg("text"), py::arg("date") = py::none());
  m.def("ingest", &Ingest, py::arg("db"), py::arg("paths"), py::arg("extract") = true, py::arg("stories") = true,
        py::arg("default_date") = py::none());
  m.def("merge", &Merge, py::arg("out"), py::arg("shards"));
  py::class_<PyStore>(m, "Store")
      .def(py::init<const std::string&>(), py::arg("path"))
      .def("search_json", &PyStore::Search, py::arg("query"), py::arg("limit"), py::arg("date_from"), py::arg("date_to"),
           py::arg("source"))
      .def("article_json", &PyStore::Article, py::arg("id"))
      .def("stories_json", &PyStore::Stories, py::arg("limit"), py::arg("date_from"), py::arg("date_to"),
           py::arg("min_articles"))
      .def("story_json", &PyStore::Story, py::arg("id"))
      .def("events_json", &PyStore::Events, py::arg("actor"), py::arg("date_from"), py::arg("date_to"), py::arg("limit"))
      .def("events_table", &PyStore::EventsTable, py::arg("actor"), py::arg("date_from"), py::arg("date_to"),
           py::arg("limit"))
      .def("count", &PyStore::Count);
}
