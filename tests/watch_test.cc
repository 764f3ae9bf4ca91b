// `bantin watch` and `bantin serve --watch` as processes against a local HTTP server: a watcher
// SIGKILLed mid-run resumes without fetching or storing anything twice; a server watching feeds
// stores their articles and its search results link to the original pages.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bantin/store.h"

namespace bantin {
namespace {

namespace fs = std::filesystem;

std::string Page(int n, const std::string& canonical) {
  const std::string k = std::to_string(n);
  return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Tin số " + k + " về cảng biển miền Trung</title>"
         "<meta property=\"og:site_name\" content=\"Báo Thử\">"
         "<meta property=\"article:published_time\" content=\"2025-12-2" + k + "T08:1" + k + ":00+07:00\">"
         "<link rel=\"canonical\" href=\"" + canonical + "\"></head><body><nav><a href=\"/\">Trang chủ</a></nav>"
         "<h1>Tin số " + k + " về cảng biển miền Trung</h1><div class=\"article-body\">"
         "<p>Bản tin thứ " + k + ": cảng Chân Mây đón thêm tàu hàng, lượng hàng qua cảng tăng so với cùng kỳ năm trước.</p>"
         "<p>Ban quản lý cảng cho biết sẽ mở rộng bến số " + k + " trong năm tới, vốn đầu tư hơn " + k + "00 tỷ đồng.</p>"
         "</div></body></html>";
}

// A local news site: one RSS feed of six pages; page 4's first request is held unanswered
// until released (the moment the test kills the watcher).
class NewsSite {
 public:
  NewsSite() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    base_ = "http://127.0.0.1:" + std::to_string(port_);
    server_.Get("/robots.txt", [](const httplib::Request&, httplib::Response& r) { r.set_content("User-agent: *\nAllow: /\n", "text/plain"); });
    server_.Get("/feed.xml", [this](const httplib::Request&, httplib::Response& r) {
      std::string items;
      for (int i = 1; i <= 6; ++i) items += "<item><link>" + base_ + "/p/" + std::to_string(i) + ".html</link></item>";
      r.set_content("<rss version=\"2.0\"><channel><title>Báo Thử</title>" + items + "</channel></rss>", "application/rss+xml");
    });
    server_.Get(R"(/p/(\d)\.html)", [this](const httplib::Request& q, httplib::Response& r) {
      const int n = std::stoi(q.matches[1].str());
      {
        std::unique_lock<std::mutex> lock(mu_);
        ++requests_[n];
        if (n == hold_ && requests_[n] == 1) {
          held_ = true;
          changed_.notify_all();
          changed_.wait_for(lock, std::chrono::seconds(30), [this] { return released_; });
          return;  // never answered: the watcher is dead
        }
        ++answered_[n];
      }
      r.set_content(Page(n, base_ + q.path), "text/html; charset=utf-8");
    });
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~NewsSite() {
    Release();
    server_.stop();
    thread_.join();
  }
  bool WaitHeld() {
    std::unique_lock<std::mutex> lock(mu_);
    return changed_.wait_for(lock, std::chrono::seconds(60), [this] { return held_; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
    changed_.notify_all();
  }
  std::map<int, int> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  std::map<int, int> answered() {
    std::lock_guard<std::mutex> lock(mu_);
    return answered_;
  }
  const std::string& base() const { return base_; }
  int hold_ = 0;  // the page held (0: none); set before any request

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string base_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::map<int, int> requests_, answered_;
  bool held_ = false, released_ = false;
};

pid_t Spawn(const std::vector<std::string>& args, const std::string& log) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    std::string bin = BANTIN_CLI_PATH;
    argv.push_back(bin.data());
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (!freopen(log.c_str(), "w", stderr) || !freopen("/dev/null", "w", stdout)) ::_exit(126);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

// `s` as one URL path segment or query value.
std::string Escape(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A child process killed and reaped when the test leaves its scope, failed or not.
struct Child {
  pid_t pid;
  ~Child() {
    if (pid > 0 && ::kill(pid, SIGKILL) == 0) ::waitpid(pid, nullptr, 0);
  }
};

int Wait(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

std::string Slurp(const std::string& path) {
  std::stringstream ss;
  ss << std::ifstream(path).rdbuf();
  return ss.str();
}

// The ids the folder holds, each checked to be there once.
std::multiset<std::string> StoredIds(const std::string& db) {
  std::multiset<std::string> ids;
  auto store = Store::Open(db, {});
  EXPECT_TRUE(store.has_value()) << store.error().ToString();
  if (!store) return ids;
  EXPECT_TRUE((*store)->Check()->ok());
  (void)(*store)->ForEach([&](const StoredArticle& a) {
    ids.insert(a.article.id);
    return Status::OK();
  });
  return ids;
}

TEST(WatchTest, AWatcherKilledMidRunResumesWithoutFetchingOrStoringTwice) {
  const std::string dir = testing::TempDir() + "/watch-test-" + std::to_string(::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  NewsSite site;
  site.hold_ = 4;
  std::ofstream(dir + "/feeds.txt") << "# the test's news site\n" << site.base() << "/feed.xml\nnot a url\n";
  const std::vector<std::string> watch = {"watch", "--once", "--feeds", dir + "/feeds.txt", "--db", dir + "/db", "--delay-ms", "0"};
  const pid_t first = Spawn(watch, dir + "/first.log");
  Child guard{first};
  ASSERT_TRUE(site.WaitHeld()) << Slurp(dir + "/first.log");
  ASSERT_EQ(::kill(first, SIGKILL), 0);
  EXPECT_TRUE(WIFSIGNALED(Wait(first)));
  guard.pid = 0;
  site.Release();
  // Pages 1-3 were fetched and kept in the crawl state, not stored yet (a batch is stored after
  // it is fetched): the next run stores them from there, fetches only 4-6, and stores each once.
  const int code = Wait(Spawn(watch, dir + "/second.log"));
  const std::string second = Slurp(dir + "/second.log");
  ASSERT_TRUE(WIFEXITED(code) && WEXITSTATUS(code) == 0) << second;
  EXPECT_NE(second.find("feeds.txt:3: not an http(s) URL: not a url"), std::string::npos) << second;
  EXPECT_NE(second.find("stored " + site.base() + "/p/1.html"), std::string::npos) << second;
  EXPECT_EQ(second.find("fetched " + site.base() + "/p/1.html"), std::string::npos) << second;
  EXPECT_NE(second.find("fetched " + site.base() + "/p/4.html"), std::string::npos) << second;
  EXPECT_NE(second.find("6 articles added"), std::string::npos) << second;
  const std::map<int, int> answered = site.answered();
  for (int n = 1; n <= 6; ++n) EXPECT_EQ(answered.count(n) ? answered.at(n) : 0, 1) << "page " << n;
  EXPECT_EQ(site.requests().at(4), 2);  // the first request was never answered
  std::multiset<std::string> ids = StoredIds(dir + "/db");
  EXPECT_EQ(ids.size(), 6u);
  for (int n = 1; n <= 6; ++n) EXPECT_EQ(ids.count(site.base() + "/p/" + std::to_string(n) + ".html"), 1u);
  // A third run finds nothing new.
  ASSERT_EQ(WEXITSTATUS(Wait(Spawn(watch, dir + "/third.log"))), 0);
  const std::string third = Slurp(dir + "/third.log");
  EXPECT_NE(third.find("0 new URLs, 0 pages fetched, 0 articles added"), std::string::npos) << third;
  EXPECT_EQ(site.requests().at(1), 1);
  fs::remove_all(dir);
}

TEST(WatchTest, ServeWatchStoresFeedsAndHitsLinkToTheOriginal) {
  const std::string dir = testing::TempDir() + "/serve-watch-test-" + std::to_string(::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  NewsSite site;
  std::ofstream(dir + "/feeds.txt") << site.base() << "/feed.xml\n";
  const std::string db = dir + "/db";
  ASSERT_TRUE(Store::Open(db, {.create = true}).has_value());
  const pid_t server = Spawn({"serve", "--db", db, "--port", "0", "--watch", dir + "/feeds.txt", "--watch-interval", "1"},
                             dir + "/serve.log");
  Child guard{server};
  // The server prints its address; then it polls the feed and stores the six pages.
  int port = 0;
  for (int i = 0; i < 400 && port == 0; ++i) {
    const std::string log = Slurp(dir + "/serve.log");
    const size_t at = log.find("http://127.0.0.1:");
    if (at != std::string::npos) port = std::atoi(log.c_str() + at + 17);
    if (port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_NE(port, 0) << Slurp(dir + "/serve.log");
  httplib::Client c("127.0.0.1", port);
  int articles = 0;
  for (int i = 0; i < 600 && articles < 6; ++i) {
    auto h = c.Get("/api/health");
    if (h && h->status == 200) articles = nlohmann::json::parse(h->body)["articles"].get<int>();
    if (articles < 6) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(articles, 6) << Slurp(dir + "/serve.log");
  // Stored is counted before the pipeline has indexed them: the search is asked until it finds.
  auto search = [&] { return c.Get("/api/search?q=" + Escape("cang Chan May ben so 5")); };
  auto found = search();
  for (int i = 0; i < 600 && !(found && found->status == 200 && !nlohmann::json::parse(found->body)["hits"].empty()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    found = search();
  }
  ASSERT_TRUE(found && found->status == 200) << (found ? found->body : "no answer");
  const auto hits = nlohmann::json::parse(found->body)["hits"];
  ASSERT_FALSE(hits.empty()) << found->body;
  EXPECT_EQ(hits[0]["url"], site.base() + "/p/5.html") << found->body;
  auto article = c.Get("/api/articles/" + Escape(site.base() + "/p/5.html"));
  ASSERT_TRUE(article && article->status == 200);
  const auto a = nlohmann::json::parse(article->body);
  EXPECT_EQ(a["date"], "2025-12-25");
  EXPECT_EQ(a["time"], "08:15");
  EXPECT_EQ(a["source"], "Báo Thử");
  ASSERT_EQ(::kill(server, SIGTERM), 0);
  const int status = Wait(server);
  guard.pid = 0;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << Slurp(dir + "/serve.log");
  for (const auto& [n, times] : site.answered()) EXPECT_EQ(times, 1) << "page " << n;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace bantin
