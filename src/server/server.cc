// The HTTP server: routes, limits, errors as JSON (docs/http_api.md).
#include "bantin/server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <nlohmann/json.hpp>

#include "bantin/extract.h"
#include "bantin/pipeline.h"
#include "bantin/reader.h"
#include "bantin/search.h"
#include "bantin/stories.h"
#include "bantin/store.h"
#include "bantin/json.h"
#include "answers/answers.h"
#include "server/http.h"

namespace bantin {
namespace {

using nlohmann::ordered_json;

std::string Dump(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

void Send(http::Response& res, int status, const ordered_json& body) {
  res.status = status;
  res.content_type = "application/json; charset=utf-8";
  res.body = Dump(body);
}

void Fail(http::Response& res, int status, const std::string& message) { http::Error(&res, status, message); }

// The HTTP status of a failed call.
int StatusOf(const Status& s) {
  if (s.IsNotFound()) return 404;
  if (s.IsInvalidArgument()) return 400;
  return 500;  // corruption, I/O: the server's problem, not the request's
}

// Parses an optional date parameter; false (and a 400) when it is not YYYY-MM-DD.
bool DateParam(const http::Request& req, http::Response& res, const char* name, std::optional<Date>* out) {
  if (!req.HasParam(name) || req.Param(name).empty()) return true;
  auto d = Date::Parse(req.Param(name));
  if (!d || req.Param(name).size() != 10) {
    Fail(res, 400, std::string("parameter '") + name + "' must be a date YYYY-MM-DD");
    return false;
  }
  *out = *d;
  return true;
}

// Parses an optional count parameter in [1, max].
bool CountParam(const http::Request& req, http::Response& res, const char* name, size_t max, size_t* out) {
  if (!req.HasParam(name)) return true;
  const std::string v = req.Param(name);
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
  std::unique_ptr<http::Listener> listener;
  std::mutex searcher_mu;                     // guards `searcher` (the pointer, not its use)
  std::shared_ptr<const Searcher> searcher;   // null until the folder has an index
  std::mutex ingest_mu;                       // one ingest at a time; guards `pipeline`
  std::unique_ptr<Pipeline> pipeline;         // opened by a POST, closed when idle (Listen)
  std::chrono::steady_clock::time_point last_post;  // guarded by ingest_mu
  std::mutex stop_mu;  // guards `stopped`
  std::condition_variable stop_cv;
  bool stopped = false;
  std::atomic<bool> stopping{false};  // set first by Stop(): a POST under way ends between articles

  Result<std::unique_ptr<Store>> OpenStore() const { return Store::Open(options.db, {}); }

  // The shared searcher, opened on first use and again whenever the index on disk changed
  // (a POST here, or another process's ingest); opened outside the lock, so searches in flight
  // keep theirs. NotFound while the folder has no index, any other error when it cannot be read.
  Result<std::shared_ptr<const Searcher>> CurrentSearcher() {
    {
      std::lock_guard<std::mutex> lock(searcher_mu);
      if (searcher != nullptr && !searcher->Stale()) return searcher;
    }
    auto s = Searcher::Open(options.db);
    if (!s) return Err(s.error());
    std::lock_guard<std::mutex> lock(searcher_mu);
    searcher = std::shared_ptr<const Searcher>(std::move(*s));
    return searcher;
  }

  void Route(const http::Request& req, http::Response& res);
  void StaticFile(const http::Request& req, http::Response& res);
  void Search(const http::Request& req, http::Response& res);
  void GetArticle(const http::Request& req, http::Response& res, const std::string& id);
  void Stories(const http::Request& req, http::Response& res);
  void OneStory(const http::Request& req, http::Response& res, const std::string& id);
  void Entities(const http::Request& req, http::Response& res);
  void Entity(const http::Request& req, http::Response& res);
  void Events(const http::Request& req, http::Response& res);
  void Post(const http::Request& req, http::Response& res);
  // Adds articles through the server's pipeline (opened on first use, one Add at a time).
  Result<PipelineResult> Ingest(const std::vector<Article>& articles);
};

Result<PipelineResult> Server::Impl::Ingest(const std::vector<Article>& articles) {
  std::lock_guard<std::mutex> lock(ingest_mu);
  if (pipeline == nullptr) {
    PipelineOptions writing;
    writing.lock_wait.timeout_seconds = 10;  // then 503: a CLI ingest is writing the folder
    writing.stop = &stopping;
    auto opened = Pipeline::Open(options.db, writing);
    if (!opened) return Err(opened.error());
    pipeline = std::move(*opened);
  }
  last_post = std::chrono::steady_clock::now();
  auto run = pipeline->Add(articles);
  last_post = std::chrono::steady_clock::now();
  if (!run && run.error().IsAborted()) pipeline.reset();
  return run;
}

Result<PipelineResult> Server::Add(const std::vector<Article>& articles) { return impl_->Ingest(articles); }

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  auto store = Store::Open(options.db, {});
  if (!store) return Err(store.error());
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  http::Options front;
  front.host = options.host;
  front.port = options.port;
  front.max_body_bytes = options.max_body_bytes;
  front.max_header_bytes = options.max_header_bytes;
  front.idle_seconds = options.timeout_seconds;
  front.read_threads = static_cast<size_t>(std::max(1, options.threads));
  Impl* m = impl.get();
  impl->listener = std::make_unique<http::Listener>(front, [m](const http::Request& q, http::Response& r) { m->Route(q, r); });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Bind() { return impl_->listener->Bind(); }

Status Server::Listen() {
  Impl& m = *impl_;
  BANTIN_RETURN_IF_ERROR(m.listener->Start());
  std::unique_lock<std::mutex> lock(m.stop_mu);
  while (!m.stopped) {
    m.stop_cv.wait_for(lock, std::chrono::seconds(1));
    // A pipeline unused for a while is closed: its write lock goes back to the folder, so
    // that a `bantin ingest` into it does not wait on an idle server.
    std::unique_lock<std::mutex> ingest(m.ingest_mu, std::try_to_lock);
    if (ingest.owns_lock() && m.pipeline != nullptr &&
        std::chrono::steady_clock::now() - m.last_post > std::chrono::seconds(m.options.writer_idle_seconds)) {
      m.pipeline.reset();
    }
  }
  return Status::OK();
}

int Server::port() const { return impl_->listener->port(); }

void Server::Stop() {
  {
    std::lock_guard<std::mutex> lock(impl_->stop_mu);
    if (impl_->stopped) return;
    impl_->stopped = true;
  }
  impl_->stopping = true;
  impl_->listener->Stop();
  impl_->stop_cv.notify_all();
}

namespace {

// Equal without a time that depends on where they differ (the time depends on the token's
// length alone, which is the server's own).
bool SameToken(std::string_view given, std::string_view token) {
  unsigned char diff = given.size() == token.size() ? 0 : 1;
  for (size_t i = 0; i < token.size(); ++i) {
    diff |= static_cast<unsigned char>(token[i] ^ (i < given.size() ? given[i] : 0));
  }
  return diff == 0;
}

// The rest of the path after `prefix` ("/api/articles/X" -> X); with `one_segment`, only when
// it holds no '/'. An article's id may (a fetched page's id is its URL, sent %2F-escaped and
// decoded before it gets here).
std::optional<std::string> Tail(const std::string& path, std::string_view prefix, bool one_segment) {
  if (!path.starts_with(prefix) || path.size() == prefix.size()) return std::nullopt;
  std::string rest = path.substr(prefix.size());
  if (one_segment && rest.find('/') != std::string::npos) return std::nullopt;
  return rest;
}

const char* ContentTypeOf(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

}  // namespace

void Server::Impl::Route(const http::Request& req, http::Response& res) {
  if (req.target_bytes > options.max_target_bytes) {
    return Fail(res, 414, "request target longer than " + std::to_string(options.max_target_bytes) + " bytes");
  }
  const std::string& path = req.path;
  const bool get = req.method == "GET" || req.method == "HEAD";
  if (path.starts_with("/api/")) {
    if (path == "/api/articles" && req.method == "POST") return Post(req, res);
    if (!get) return Fail(res, 405, "method not allowed");
    if (path == "/api/health") {
      auto store = OpenStore();
      if (!store) return Fail(res, 500, store.error().ToString());
      auto n = (*store)->Count();
      if (!n) return Fail(res, 500, n.error().ToString());
      return Send(res, 200, {{"status", "ok"}, {"articles", *n}, {"index", CurrentSearcher().has_value()}});
    }
    if (path == "/api/search") return Search(req, res);
    if (path == "/api/stories") return Stories(req, res);
    if (path == "/api/entities") return Entities(req, res);
    if (path == "/api/entity") return Entity(req, res);
    if (path == "/api/events") return Events(req, res);
    if (auto id = Tail(path, "/api/articles/", false)) return GetArticle(req, res, *id);
    if (auto id = Tail(path, "/api/stories/", true)) return OneStory(req, res, *id);
    return Fail(res, 404, "no such resource: " + path);
  }
  if (!get) return Fail(res, 405, "method not allowed");
  StaticFile(req, res);
}

// The web page's files, from inside the web folder only.
void Server::Impl::StaticFile(const http::Request& req, http::Response& res) {
  namespace fs = std::filesystem;
  if (options.static_dir.empty()) return Fail(res, 404, "no such resource: " + req.path);
  std::error_code ec;
  const fs::path root = fs::canonical(options.static_dir, ec);
  if (ec) return Fail(res, 404, "no such resource: " + req.path);
  std::string rel = req.path == "/" ? "index.html" : req.path.substr(1);
  if (rel.find('\0') != std::string::npos) return Fail(res, 404, "no such resource: " + req.path);
  fs::path file = fs::weakly_canonical(root / rel, ec);
  if (!ec && fs::is_directory(file, ec)) file /= "index.html";
  const std::string inside = root.string() + "/";
  if (ec || !file.string().starts_with(inside) || !fs::is_regular_file(file, ec)) {
    return Fail(res, 404, "no such resource: " + req.path);
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  res.status = 200;
  res.content_type = ContentTypeOf(file);
  res.body = bytes.str();
}

void Server::Impl::Search(const http::Request& req, http::Response& res) {
  const std::string q = req.Param("q");
  if (q.empty()) return Fail(res, 400, "parameter 'q' (the query) is required");
  SearchOptions o;
  if (!CountParam(req, res, "limit", 100, &o.limit)) return;
  if (!DateParam(req, res, "from", &o.from) || !DateParam(req, res, "to", &o.to)) return;
  o.source = req.Param("source");
  auto searcher = CurrentSearcher();
  if (!searcher) {
    return Fail(res, searcher.error().IsNotFound() ? 404 : 500,
                searcher.error().IsNotFound() ? "this data folder has no search index yet" : searcher.error().ToString());
  }
  auto r = answers::Search(**searcher, q, o);
  if (!r) return Fail(res, StatusOf(r.error()), r.error().ToString());
  Send(res, 200, *r);
}

void Server::Impl::GetArticle(const http::Request&, http::Response& res, const std::string& id) {
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  auto a = answers::Article(**store, id);
  if (!a) return Fail(res, StatusOf(a.error()), a.error().IsNotFound() ? "no article with id '" + id + "'" : a.error().ToString());
  Send(res, 200, *a);
}

void Server::Impl::Stories(const http::Request& req, http::Response& res) {
  std::optional<Date> from, to;
  size_t limit = 50, min_articles = 1;
  if (!DateParam(req, res, "from", &from) || !DateParam(req, res, "to", &to)) return;
  if (!CountParam(req, res, "limit", 1000, &limit) || !CountParam(req, res, "min_articles", 100000, &min_articles)) return;
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  auto r = answers::Stories(**store, from, to, limit, min_articles);
  if (!r) return Fail(res, 500, r.error().ToString());
  Send(res, 200, *r);
}

void Server::Impl::OneStory(const http::Request&, http::Response& res, const std::string& text) {
  // A story id is a positive number; anything else names no story.
  const bool number = !text.empty() && text.size() <= 18 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!number) return Fail(res, 404, "no story '" + text + "'");
  const int64_t id = std::stoll(text);
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  auto r = answers::Story(**store, id);
  if (!r) return Fail(res, StatusOf(r.error()), r.error().IsNotFound() ? "no story " + std::to_string(id) : r.error().ToString());
  Send(res, 200, *r);
}

void Server::Impl::Entities(const http::Request& req, http::Response& res) {
  const std::string type = req.Param("type");
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
void Server::Impl::Entity(const http::Request& req, http::Response& res) {
  const std::string name = req.Param("name");
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

void Server::Impl::Events(const http::Request& req, http::Response& res) {
  std::optional<Date> from, to;
  size_t limit = 100;
  if (!DateParam(req, res, "from", &from) || !DateParam(req, res, "to", &to)) return;
  if (!CountParam(req, res, "limit", 10000, &limit)) return;
  auto store = OpenStore();
  if (!store) return Fail(res, 500, store.error().ToString());
  auto r = answers::Events(**store, req.Param("actor"), from, to, limit);
  if (!r) return Fail(res, 500, r.error().ToString());
  Send(res, 200, *r);
}

void Server::Impl::Post(const http::Request& req, http::Response& res) {
  if (options.write_token.empty() || !SameToken(req.Header("authorization"), "Bearer " + options.write_token)) {
    res.headers.emplace_back("WWW-Authenticate", "Bearer");
    return Fail(res, 401, options.write_token.empty() ? "this server takes no articles (started without a write token)"
                                                      : "missing or wrong bearer token");
  }
  if (req.body.empty()) return Fail(res, 400, "empty body: send one JSON article, or JSONL (one a line)");
  // JSON or JSONL: the reader takes both (one object a line; a single object is one line).
  std::vector<bantin::Article> articles;
  ordered_json errors = ordered_json::array();
  // A compressed body (a .jsonl.gz sent as it is) is read a piece at a time, and no more
  // than 256 MiB of what it expands to (a decompression bomb stops there).
  ReaderOptions read;
  read.max_decompressed_bytes = size_t{256} << 20;
  ArticleReader reader(read);
  reader.ReadBytes("body.jsonl", OneObjectPerLine(req.body), [&](bantin::Article a) { articles.push_back(std::move(a)); },
                   [&](const Status& s) { errors.push_back(s.ToString()); });
  if (articles.empty()) {
    Send(res, 400, {{"error", {{"status", 400}, {"message", "no article could be read"}, {"details", errors}}}});
    return;
  }
  auto run = Ingest(articles);
  if (!run && run.error().IsIOError() && run.error().message().find("being written") != std::string::npos) {
    res.headers.emplace_back("Retry-After", "30");
    return Fail(res, 503, run.error().message());
  }
  if (!run && run.error().IsAborted()) {
    return Fail(res, 503, "the server is stopping; the articles are stored and the rest is done when it starts again");
  }
  if (!run) return Fail(res, 500, run.error().ToString());
  ordered_json ids = ordered_json::array();
  for (size_t i = 0; i < run->outcomes.size(); ++i) {
    if (run->outcomes[i] == AddOutcome::kAdded) ids.push_back(articles[i].id);
  }
  Send(res, 201, {{"added", run->stats.added}, {"ids", ids},
                  {"already_stored", articles.size() - run->stats.added},
                  {"near_duplicates", run->threaded.duplicates}, {"errors", errors}});
}

}  // namespace bantin
