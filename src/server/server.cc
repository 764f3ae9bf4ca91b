// The HTTP server: routes, limits, errors as JSON (docs/http_api.md).
#include "bantin/server.h"

#include <httplib.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>

#include "bantin/extract.h"
#include "bantin/pipeline.h"
#include "bantin/reader.h"
#include "bantin/search.h"
#include "bantin/stories.h"
#include "bantin/store.h"
#include "bantin/json.h"

namespace bantin {
namespace {

using nlohmann::ordered_json;

std::string Dump(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

void Send(httplib::Response& res, int status, const ordered_json& body) {
  res.status = status;
  res.set_content(Dump(body), "application/json; charset=utf-8");
}

void Fail(httplib::Response& res, int status, const std::string& message) {
  Send(res, status, {{"error", {{"status", status}, {"message", message}}}});
}

// The HTTP status of a failed call.
int StatusOf(const Status& s) {
  if (s.IsNotFound()) return 404;
  if (s.IsInvalidArgument()) return 400;
  return 500;  // corruption, I/O: the server's problem, not the request's
}

// Parses an optional date parameter; false (and a 400) when it is not YYYY-MM-DD.
bool DateParam(const httplib::Request& req, httplib::Response& res, const char* name, std::optional<Date>* out) {
  if (!req.has_param(name) || req.get_param_value(name).empty()) return true;
  auto d = Date::Parse(req.get_param_value(name));
  if (!d || req.get_param_value(name).size() != 10) {
    Fail(res, 400, std::string("parameter '") + name + "' must be a date YYYY-MM-DD");
    return false;
  }
  *out = *d;
  return true;
}

// Parses an optional count parameter in [1, max].
bool CountParam(const httplib::Request& req, httplib::Response& res, const char* name, size_t max, size_t* out) {
  if (!req.has_param(name)) return true;
  const std::string v = req.get_param_value(name);
  size_t n = 0;
  bool ok = !v.empty() && v.size() < 10;
  for (char c : v) ok = ok && c >= '0' && c <= '9';
  if (ok) n = std::stoul(v);
  if (!ok || n < 1 || n > max) {
    Fail(res, 400, std::string("parameter '") + name + "' must be a number from 1 to " + std::to_string(max));
    return false;
  }
  *out = n;
  return true;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  httplib::Server http;
  std::mutex searcher_mu;                     // guards `searcher` (the pointer, not its use)
  std::shared_ptr<const Searcher> searcher;   // null until the folder has an index
  std::mutex ingest_mu;                       // one ingest at a time; guards `pipeline`
  std::unique_ptr<Pipeline> pipeline;         // opened at the first POST, kept
  std::atomic<int> bound_port{0};

  Result<std::unique_ptr<Store>> OpenStore() const { return Store::Open(options.db, {}); }

  // The shared searcher, opened on first use; NotFound while the folder has no index, any
  // other error when the index cannot be read.
  Result<std::shared_ptr<const Searcher>> CurrentSearcher() {
    std::lock_guard<std::mutex> lock(searcher_mu);
    if (searcher == nullptr) {
      auto s = Searcher::Open(options.db);
      if (!s) return Err(s.error());
      searcher = std::shared_ptr<const Searcher>(std::move(*s));
    }
    return searcher;
  }
  void ReopenSearcher() {
    auto s = Searcher::Open(options.db);
    std::lock_guard<std::mutex> lock(searcher_mu);
    if (s) searcher = std::shared_ptr<const Searcher>(std::move(*s));
  }

  void Routes();
  void Search(const httplib::Request& req, httplib::Response& res);
  void GetArticle(const httplib::Request& req, httplib::Response& res);
  void Stories(const httplib::Request& req, httplib::Response& res);
  void OneStory(const httplib::Request& req, httplib::Response& res);
  void Entities(const httplib::Request& req, httplib::Response& res);
  void Entity(const httplib::Request& req, httplib::Response& res);
  void Events(const httplib::Request& req, httplib::Response& res);
  void Post(const httplib::Request& req, httplib::Response& res);
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  auto store = Store::Open(options.db, {});
  if (!store) return Err(store.error());
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->Routes();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Bind() {
  Impl& m = *impl_;
  const int port = m.options.port == 0 ? m.http.bind_to_any_port(m.options.host)
                                       : (m.http.bind_to_port(m.options.host, m.options.port) ? m.options.port : -1);
  if (port < 0) {
    return Status::IOError(m.options.host + ":" + std::to_string(m.options.port), "cannot listen there");
  }
  m.bound_port = port;
  return Status::OK();
}

Status Server::Listen() {
  if (impl_->bound_port == 0) BANTIN_RETURN_IF_ERROR(Bind());
  if (!impl_->http.listen_after_bind()) return Status::IOError("server", "stopped with an error");
  return Status::OK();
}

int Server::port() const { return impl_->bound_port; }
void Server::Stop() { impl_->http.stop(); }

void Server::Impl::Routes() {
  http.new_task_queue = [n = options.threads] { return new httplib::ThreadPool(n); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.timeout_seconds, 0);
  http.set_write_timeout(options.timeout_seconds, 0);
  http.set_keep_alive_timeout(5);
  // Limits before routing: an over-long target is refused whatever it names.
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (req.target.size() > options.max_target_bytes) {
      Fail(res, 414, "request target longer than " + std::to_string(options.max_target_bytes) + " bytes");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler's own error
    const std::string what = res.status == 404 ? "no such resource: " + req.path
                             : res.status == 413 ? "request body too large"
                             : res.status == 405 ? "method not allowed"
                                                 : "request failed";
    Fail(res, res.status, what);
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what += std::string(": ") + e.what();
    } catch (...) {
    }
    Fail(res, 500, what);
  });
  http.Get("/api/health", [this](const httplib::Request&, httplib::Response& res) {
    auto store = OpenStore();
    if (!store) return Fail(res, 500, store.error().ToString());
    auto n = (*store)->Count();
    if (!n) return Fail(res, 500, n.error().ToString());
    Send(res, 200, {{"status", "ok"}, {"articles", *n}, {"index", CurrentSearcher().has_value()}});
  });
  http.Get("/api/search", [this](const httplib::Request& q, httplib::Response& r) { Search(q, r); });
  http.Get(R"(/api/articles/([^/]+))", [this](const httplib::Request& q, httplib::Response& r) { GetArticle(q, r); });
  http.Post("/api/articles", [this](const httplib::Request& q, httplib::Response& r) { Post(q, r); });
  http.Get("/api/stories", [this](const httplib::Request& q, httplib::Response& r) { Stories(q, r); });
  http.Get(R"(/api/stories/(\d+))", [this](const httplib::Request& q, httplib::Response& r) { OneStory(q, r); });
  http.Get("/api/entities", [this](const httplib::Request& q, httplib::Response& r) { Entities(q, r); });
  http.Get("/api/entity", [this](const httplib::Request& q, httplib::Response& r) { Entity(q, r); });
  http.Get("/api/events", [this](const httplib::Request& q, httplib::Response& r) { Events(q, r); });
  http.Get(R"(/api/.*)", [](const httplib::Request& req, httplib::Response& res) {
    Fail(res, 404, "no such resource: " + req.path);
  });
  if (!options.static_dir.empty()) http.set_mount_point("/", options.static_dir);
}

void Server::Impl::Search(const httplib::Request& req, httplib::Response& res) {
  const std::string q = req.get_param_value("q");
  if (q.empty()) return Fail(res, 400, "parameter 'q' (the query) is required");
  SearchOptions o;
  if (!CountParam(req, res, "limit", 100, &o.limit)) return;
  if (!DateParam(req, res, "from", &o.from) || !DateParam(req, res, "to", &o.to)) return;
  o.source = req.get_param_value("source");
  auto searcher = CurrentSearcher();
  if (!searcher) {
    return Fail(res, searcher.error().IsNotFound() ? 404 : 500,
                searcher.error().IsNotFound() ? "this data folder has no search index yet" : searcher.error().ToString());
  }
  auto r = (*searcher)->Search(q, o);
  if (!r) return Fail(res, StatusOf(r.error()), r.error().ToString());
  Send(res, 200, json::SearchJson(*r));
}

void Server::Impl::GetArticle(const httplib::Request& req, httplib::Response& res) {
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  auto a = (*store)->Get(req.matches[1]);
  if (!a) return Fail(res, StatusOf(a.error()), "no article with id '" + std::string(req.matches[1]) + "'");
  auto x = (*store)->extractions().Get(a->doc);
  if (!x) return Fail(res, 500, x.error().ToString());
  auto where = (*store)->stories().GetDoc(a->doc);
  if (!where && !where.error().IsNotFound()) return Fail(res, 500, where.error().ToString());
  Send(res, 200, json::ArticleJson(*a, *x, where ? std::optional<StoryDoc>(*where) : std::nullopt));
}

void Server::Impl::Stories(const httplib::Request& req, httplib::Response& res) {
  std::optional<Date> from, to;
  size_t limit = 50, min_articles = 1;
  if (!DateParam(req, res, "from", &from) || !DateParam(req, res, "to", &to)) return;
  if (!CountParam(req, res, "limit", 1000, &limit) || !CountParam(req, res, "min_articles", 100000, &min_articles)) return;
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  // The largest stories first.
  std::vector<StoredStory> all;
  Status s = (*store)->stories().ForEach(from, to, [&](const StoredStory& st) {
    if (static_cast<size_t>(st.articles) >= min_articles) all.push_back(st);
    return Status::OK();
  });
  if (!s.ok()) return Fail(res, 500, s.ToString());
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.reports > b.reports; });
  ordered_json list = ordered_json::array();
  for (size_t i = 0; i < all.size() && i < limit; ++i) list.push_back(json::StoryJson(all[i]));
  Send(res, 200, {{"total", all.size()}, {"stories", list}});
}

void Server::Impl::OneStory(const httplib::Request& req, httplib::Response& res) {
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  const int64_t id = std::stoll(req.matches[1]);
  auto story = (*store)->stories().Get(id);
  if (!story) return Fail(res, StatusOf(story.error()), "no story " + std::to_string(id));
  auto timeline = StoryTimeline(**store, id);
  if (!timeline) return Fail(res, 500, timeline.error().ToString());
  auto entities = StoryEntities(**store, id, 20);
  if (!entities) return Fail(res, 500, entities.error().ToString());
  ordered_json j = json::StoryJson(*story);
  j["entities"] = json::StoryEntitiesJson(*entities);
  j["timeline"] = json::TimelineJson(*timeline);
  Send(res, 200, j);
}

void Server::Impl::Entities(const httplib::Request& req, httplib::Response& res) {
  const std::string type = req.get_param_value("type");
  if (!type.empty() && type != "PER" && type != "LOC" && type != "ORG") {
    return Fail(res, 400, "parameter 'type' must be PER, LOC or ORG");
  }
  size_t limit = 50;
  if (!CountParam(req, res, "limit", 1000, &limit)) return;
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  ordered_json list = ordered_json::array();
  Status s = (*store)->extractions().ListEntities(type, limit, [&](const EntityCount& e) {
    list.push_back(json::EntityCountJson(e));
  });
  if (!s.ok()) return Fail(res, 500, s.ToString());
  Send(res, 200, {{"entities", list}});
}

// The entities a name stands for (any of their names, with or without diacritics) and every
// name each goes by.
void Server::Impl::Entity(const httplib::Request& req, httplib::Response& res) {
  const std::string name = req.get_param_value("name");
  if (name.empty()) return Fail(res, 400, "parameter 'name' is required");
  EntityKeys keys;
  if (Status s = NameKeys(name, &keys.exact, &keys.folded); !s.ok()) return Fail(res, 500, s.ToString());
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  auto found = (*store)->extractions().FindEntities(keys);
  if (!found) return Fail(res, 500, found.error().ToString());
  ordered_json list = ordered_json::array();
  for (const NamedEntity& e : *found) list.push_back(json::EntityNamesJson(e));
  Send(res, 200, {{"name", name}, {"entities", list}});
}

void Server::Impl::Events(const httplib::Request& req, httplib::Response& res) {
  std::optional<Date> from, to;
  size_t limit = 100;
  if (!DateParam(req, res, "from", &from) || !DateParam(req, res, "to", &to)) return;
  if (!CountParam(req, res, "limit", 10000, &limit)) return;
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  ordered_json list = ordered_json::array();
  std::optional<EntityKeys> actor;
  if (req.has_param("actor")) {
    actor.emplace();
    Status keys = NameKeys(req.get_param_value("actor"), &actor->exact, &actor->folded);
    if (!keys.ok()) return Fail(res, 500, keys.ToString());
  }
  Status s = (*store)->extractions().ListEvents(actor, from, to, limit,
                                  [&](const StoredEvent& e) { list.push_back(json::StoredEventJson(e)); });
  if (!s.ok()) return Fail(res, 500, s.ToString());
  Send(res, 200, {{"events", list}});
}

void Server::Impl::Post(const httplib::Request& req, httplib::Response& res) {
  const std::string expected = "Bearer " + options.write_token;
  if (options.write_token.empty() || req.get_header_value("Authorization") != expected) {
    res.set_header("WWW-Authenticate", "Bearer");
    return Fail(res, 401, options.write_token.empty() ? "this server takes no articles (started without a write token)"
                                                      : "missing or wrong bearer token");
  }
  if (req.body.empty()) return Fail(res, 400, "empty body: send one JSON article, or JSONL (one a line)");
  // JSON or JSONL: the reader takes both (one object a line; a single object is one line).
  std::vector<bantin::Article> articles;
  ordered_json errors = ordered_json::array();
  ArticleReader reader(ReaderOptions{});
  reader.ReadBytes("body.jsonl", OneObjectPerLine(req.body), [&](bantin::Article a) { articles.push_back(std::move(a)); },
                   [&](const Status& s) { errors.push_back(s.ToString()); });
  if (articles.empty()) {
    Send(res, 400, {{"error", {{"status", 400}, {"message", "no article could be read"}, {"details", errors}}}});
    return;
  }
  std::lock_guard<std::mutex> lock(ingest_mu);
  if (pipeline == nullptr) {
    auto opened = Pipeline::Open(options.db);
    if (!opened) return Fail(res, 500, opened.error().ToString());
    pipeline = std::move(*opened);
  }
  auto run = pipeline->Add(articles);
  if (!run) return Fail(res, 500, run.error().ToString());
  ReopenSearcher();
  ordered_json ids = ordered_json::array();
  for (size_t i = 0; i < run->outcomes.size(); ++i) {
    if (run->outcomes[i] == AddOutcome::kAdded) ids.push_back(articles[i].id);
  }
  Send(res, 201, {{"added", run->stats.added}, {"ids", ids},
                  {"already_stored", articles.size() - run->stats.added},
                  {"near_duplicates", run->threaded.duplicates}, {"errors", errors}});
}

}  // namespace bantin
