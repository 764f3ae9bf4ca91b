// The crawler against a local HTTP server on 127.0.0.1 serving pages, feeds and sitemaps
// written for this test, and the faults a crawler meets.
#include "crawl/crawler.h"

#include "bantin/store.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

namespace bantin::crawl {
namespace {

std::string Page(const std::string& title, const std::string& canonical, const std::string& extra = "") {
  return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + " - Báo Thử</title>"
         "<meta property=\"og:site_name\" content=\"Báo Thử\">"
         "<meta property=\"article:published_time\" content=\"2025-12-24T09:00:00+07:00\">"
         "<link rel=\"canonical\" href=\"" + canonical + "\"></head><body>"
         "<nav><a href=\"/\">Trang chủ</a> <a href=\"/the-gioi\">Thế giới</a></nav><h1>" + title + "</h1>"
         "<div class=\"detail-content\"><p>" + extra + "Đoạn đầu của bài, kể việc chính: hai bên đã gặp nhau tại Hà Nội, "
         "bàn về thương mại và đầu tư.</p><p>Đoạn sau nói thêm chi tiết, dẫn lời một quan chức giấu tên.</p>"
         "</div><div class=\"comment-box\"><p>Một bình luận dài của bạn đọc, không phải là nội dung bài báo này.</p></div>"
         "</body></html>";
}

class CrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("bantin-crawl-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    base_ = "http://127.0.0.1:" + std::to_string(port_);
    const std::string base = base_;
    server_.Get("/robots.txt", [this](const httplib::Request& q, httplib::Response& r) {
      if (localhost_robots_down_ && q.get_header_value("Host").starts_with("localhost")) {
        r.status = 503;
        return;
      }
      r.set_content("User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n", "text/plain");
    });
    server_.Get(R"(/a/(\d+)\.html)", [this, base](const httplib::Request& q, httplib::Response& r) {
      ++page_hits_;
      r.set_content(Page("Bài số " + q.matches[1].str() + " về hợp tác kinh tế", base + q.path), "text/html; charset=utf-8");
    });
    server_.Get("/private/x.html", [base](const httplib::Request&, httplib::Response& r) {
      r.set_content(Page("Trang không được lấy", base + "/private/x.html"), "text/html");
    });
    // The same article in an RSS and an Atom feed, and in a sitemap under a sitemap index.
    server_.Get("/rss.xml", [this, base](const httplib::Request& q, httplib::Response& r) {
      ++rss_hits_;
      if (q.get_header_value("If-None-Match") == "\"rss-1\"") {
        r.status = 304;
        return;
      }
      r.set_header("ETag", "\"rss-1\"");
      r.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Báo Thử</title>"
                    "<item><title>Bài 1</title><link>" + base + "/a/1.html</link><pubDate>Wed, 24 Dec 2025 09:00:00 +0700</pubDate></item>"
                    "<item><title>Bài 2</title><link>" + base + "/a/2.html</link></item>"
                    "<item><title>Riêng</title><link>" + base + "/private/x.html</link></item></channel></rss>",
                    "application/rss+xml");
    });
    server_.Get("/atom.xml", [base](const httplib::Request&, httplib::Response& r) {
      r.set_content("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Thử</title>"
                    "<entry><title>Bài 2</title><link rel=\"alternate\" href=\"" + base + "/a/2.html\"/><published>2025-12-24T02:00:00Z</published></entry>"
                    "<entry><title>Bài 3</title><link href=\"" + base + "/a/3.html\"/></entry></feed>",
                    "application/atom+xml");
    });
    server_.Get("/sitemap-index.xml", [base](const httplib::Request&, httplib::Response& r) {
      r.set_content("<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                    "<sitemap><loc>" + base + "/sitemap-news.xml</loc></sitemap></sitemapindex>", "application/xml");
    });
    server_.Get("/sitemap-news.xml", [base](const httplib::Request&, httplib::Response& r) {
      r.set_content("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                    "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>" + base + "/a/4.html</loc>"
                    "<news:news><news:publication_date>2025-12-24T09:00:00+07:00</news:publication_date>"
                    "<news:title>Bài 4</news:title></news:news></url></urlset>", "application/xml");
    });
    server_.Get("/malformed.xml", [](const httplib::Request&, httplib::Response& r) {
      r.set_content("<?xml version=\"1.0\"?>\n<rss><channel>\n<item><link>x</link></channel></rss>", "application/xml");
    });
    server_.Get("/missing.html", [](const httplib::Request&, httplib::Response& r) { r.status = 404; });
    server_.Get("/broken.html", [this](const httplib::Request&, httplib::Response& r) {
      ++broken_hits_;
      r.status = 500;
    });
    server_.Get("/busy.html", [this, base](const httplib::Request&, httplib::Response& r) {
      if (busy_hits_++ == 0) {
        r.status = 429;
        r.set_header("Retry-After", "1");
        return;
      }
      r.set_content(Page("Bài sau khi máy chủ bận", base + "/busy.html"), "text/html");
    });
    server_.Get("/loop.html", [](const httplib::Request&, httplib::Response& r) { r.set_redirect("/loop.html"); });
    server_.Get("/huge.html", [](const httplib::Request&, httplib::Response& r) {
      // 50 MB, sent as it is made (no Content-Length to refuse it by).
      r.set_chunked_content_provider("text/html", [](size_t offset, httplib::DataSink& sink) {
        const std::string piece(size_t{1} << 16, 'x');
        if (offset >= (size_t{50} << 20)) sink.done();
        else sink.write(piece.data(), piece.size());
        return true;
      });
    });
    server_.Get("/slow.html", [this](const httplib::Request&, httplib::Response& r) {
      // Answers only when the test ends (30 s at most): a timeout however loaded the machine.
      for (int i = 0; i < 3000 && !release_slow_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      r.set_content("<html></html>", "text/html");
    });
    server_.Get("/latin1.html", [base](const httplib::Request&, httplib::Response& r) {
      // Declared ISO-8859-1, but the bytes are UTF-8: the declaration is wrong, the text kept.
      r.set_content(Page("Trang khai sai bảng mã", base + "/latin1.html"), "text/html; charset=iso-8859-1");
    });
    // A page listed under another URL than its canonical one, and a feed naming both.
    server_.Get("/alias/5.html", [this, base](const httplib::Request&, httplib::Response& r) {
      ++page_hits_;
      r.set_content(Page("Bài năm đăng dưới một địa chỉ khác", base + "/a/5.html"), "text/html");
    });
    server_.Get("/alias.xml", [base](const httplib::Request&, httplib::Response& r) {
      r.set_content("<rss version=\"2.0\"><channel><item><link>" + base + "/alias/5.html?utm_source=rss#top</link></item>"
                    "</channel></rss>", "application/rss+xml");
    });
    server_.Get("/canonical.xml", [base](const httplib::Request&, httplib::Response& r) {
      r.set_content("<rss version=\"2.0\"><channel><item><link>" + base + "/a/5.html</link></item></channel></rss>",
                    "application/rss+xml");
    });
    // Feeds whose pages fail: a 500 that may heal, a 404 that will not.
    server_.Get("/faults.xml", [base](const httplib::Request&, httplib::Response& r) {
      r.set_content("<rss version=\"2.0\"><channel><item><link>" + base + "/broken.html</link></item>"
                    "<item><link>" + base + "/missing.html</link></item></channel></rss>", "application/rss+xml");
    });
    // Slow pages on two hosts (127.0.0.1 and localhost: one server), counting requests under way per host.
    server_.Get(R"(/slow/(\d+)\.html)", [this, base](const httplib::Request& q, httplib::Response& r) {
      const std::string host = q.get_header_value("Host");
      {
        std::lock_guard<std::mutex> lock(mu_);
        const int now = ++under_way_[host];
        most_per_host_ = std::max(most_per_host_, now);
        most_overall_ = std::max(most_overall_, ++under_way_all_);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      {
        std::lock_guard<std::mutex> lock(mu_);
        --under_way_[host];
        --under_way_all_;
      }
      r.set_content(Page("Bài chậm số " + q.matches[1].str() + " của " + host, "http://" + host + q.path), "text/html");
    });
    server_.Get("/two-hosts.xml", [this](const httplib::Request&, httplib::Response& r) {
      std::string items;
      for (const char* host : {"127.0.0.1", "localhost"}) {
        for (int i = 0; i < 4; ++i) {
          items += "<item><link>http://" + std::string(host) + ":" + std::to_string(port_) + "/slow/" + std::to_string(i) + ".html</link></item>";
        }
      }
      r.set_content("<rss version=\"2.0\"><channel>" + items + "</channel></rss>", "application/rss+xml");
    });
    // A page that states no date, in a feed that gives one.
    server_.Get("/undated.html", [base](const httplib::Request&, httplib::Response& r) {
      std::string page = Page("Bài không ghi ngày đăng ở đâu cả", base + "/undated.html");
      const size_t at = page.find("<meta property=\"article:published_time\"");
      page.erase(at, page.find('>', at) + 1 - at);
      r.set_content(page, "text/html");
    });
    server_.Get("/dated.xml", [base](const httplib::Request&, httplib::Response& r) {
      r.set_content("<rss version=\"2.0\"><channel><item><link>" + base + "/undated.html</link>"
                    "<pubDate>Sat, 20 Dec 2025 23:30:00 +0700</pubDate></item></channel></rss>", "application/rss+xml");
    });
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  void TearDown() override {
    release_slow_ = true;
    server_.stop();
    thread_.join();
    std::filesystem::remove_all(dir_);
  }

  web::FetchOptions Options() {
    web::FetchOptions o;
    o.host_delay_ms = 0;
    o.retries = 1;
    o.max_backoff_seconds = 1;
    o.timeout_seconds = 3;  // the other pages answer well within it, even on a loaded machine
    o.max_bytes = size_t{1} << 20;
    o.log = [this](const std::string& line) { log_ += line + "\n"; };
    return o;
  }

  // One round over `seeds` with a fresh fetcher, pipeline and crawl state over the folder.
  Result<CrawlStats> Round(const std::vector<std::string>& seeds, CrawlOptions options = {},
                           web::FetchOptions fetch = {}) {
    if (fetch.log == nullptr) fetch = Options();
    auto pipeline = Pipeline::Open(dir_.string());
    if (!pipeline) return Err(pipeline.error());
    auto state = CrawlState::Open(dir_.string());
    if (!state) return Err(state.error());
    web::Fetcher fetcher(fetch);
    Pipeline* p = pipeline->get();
    Crawler crawler(**state, fetcher, [p](const std::vector<Article>& a) { return p->Add(a); },
                    [p](const std::string& id) { return p->store().Get(id).has_value(); }, options,
                    [this](const std::string& l) {
                      log_ += l + "\n";
                      if (!stop_on_.empty() && l.starts_with(stop_on_)) stop_ = true;
                    });
    return crawler.Round(seeds);
  }
  int64_t Stored() { return *Store::Open(dir_.string(), {}).value()->Count(); }

  std::filesystem::path dir_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string base_, log_;
  std::atomic<int> page_hits_{0}, broken_hits_{0}, busy_hits_{0}, rss_hits_{0};
  std::mutex mu_;
  std::map<std::string, int> under_way_;
  int under_way_all_ = 0, most_per_host_ = 0, most_overall_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> localhost_robots_down_{false};  // the second host's robots.txt answers 503
  std::atomic<bool> release_slow_{false};  // /slow.html answers once set
  std::string stop_on_;  // a log line starting so sets stop_
};

TEST_F(CrawlTest, FeedsSitemapsAndPagesStoredOnce) {
  const std::vector<std::string> seeds = {base_ + "/rss.xml", base_ + "/atom.xml", base_ + "/sitemap-index.xml"};
  auto run = Round(seeds);
  ASSERT_TRUE(run.has_value()) << run.error().ToString();
  EXPECT_EQ(run->polled, 4u) << log_;  // three seeds and the sitemap under the index
  EXPECT_EQ(run->fetched, 4u) << log_;  // 1, 2 (in both feeds, fetched once), 3, 4
  EXPECT_EQ(run->added, 4u);
  EXPECT_EQ(run->robots, 1u);
  EXPECT_EQ(page_hits_.load(), 4);
  EXPECT_NE(log_.find("skipped " + base_ + "/private/x.html: robots.txt disallows it"), std::string::npos) << log_;
  EXPECT_NE(log_.find("stored " + base_ + "/a/4.html"), std::string::npos) << log_;
  // A second round fetches no page again, stores nothing twice, and the RSS feed answers 304
  // to its conditional GET.
  log_.clear();
  run = Round(seeds);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->added, 0u);
  EXPECT_EQ(run->fetched, 0u);
  EXPECT_EQ(run->queued, 0u);
  EXPECT_EQ(run->not_modified, 1u) << log_;
  EXPECT_NE(log_.find("not modified " + base_ + "/rss.xml"), std::string::npos) << log_;
  EXPECT_EQ(rss_hits_.load(), 2);
  EXPECT_EQ(page_hits_.load(), 4);
  EXPECT_EQ(Stored(), 4);
}

TEST_F(CrawlTest, FaultsAreLoggedAndTheRestGoesOn) {
  const std::vector<std::string> urls = {base_ + "/missing.html", base_ + "/broken.html", base_ + "/busy.html",
                                         base_ + "/loop.html",    base_ + "/huge.html",   base_ + "/slow.html",
                                         base_ + "/malformed.xml", base_ + "/latin1.html"};
  auto run = Round(urls);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->added, 2u) << log_;  // busy (after its Retry-After) and latin1
  EXPECT_EQ(run->errors, 6u) << log_;
  EXPECT_NE(log_.find("error " + base_ + "/missing.html: HTTP 404"), std::string::npos) << log_;
  EXPECT_EQ(broken_hits_.load(), 2);  // retried once, then given up
  EXPECT_NE(log_.find("error " + base_ + "/broken.html: HTTP 500"), std::string::npos) << log_;
  EXPECT_NE(log_.find("retry " + base_ + "/busy.html in 1 s (HTTP 429)"), std::string::npos) << log_;
  EXPECT_NE(log_.find("more than 5 redirects"), std::string::npos) << log_;
  EXPECT_NE(log_.find("body over 1048576 bytes"), std::string::npos) << log_;
  EXPECT_NE(log_.find("error " + base_ + "/slow.html: Timeout"), std::string::npos) << log_;
  EXPECT_NE(log_.find("error " + base_ + "/malformed.xml:3: malformed XML"), std::string::npos) << log_;
  auto store = Store::Open(dir_.string(), {});
  ASSERT_TRUE(store.has_value());
  auto latin = (*store)->Get(base_ + "/latin1.html");
  ASSERT_TRUE(latin.has_value());
  EXPECT_EQ(latin->article.title, "Trang khai sai bảng mã");
}

TEST_F(CrawlTest, FailedPagesAreTriedAgainLaterThenGivenUp) {
  CrawlOptions options;
  options.retry_seconds = 0;  // due again at once, so the next round tries
  options.max_attempts = 2;
  auto run = Round({base_ + "/faults.xml"}, options);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->errors, 3u) << log_;  // the 404 once, the 500 twice
  EXPECT_NE(log_.find("gave up " + base_ + "/missing.html after 1 attempt"), std::string::npos) << log_;
  // The round itself goes back to a page due again at once: the second attempt gives it up.
  EXPECT_NE(log_.find("will try " + base_ + "/broken.html again in 0 s"), std::string::npos) << log_;
  EXPECT_NE(log_.find("gave up " + base_ + "/broken.html after 2 attempts"), std::string::npos) << log_;
  EXPECT_EQ(broken_hits_.load(), 4);  // two attempts, each retried once by the fetcher
  auto state = CrawlState::Open(dir_.string());
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ((*state)->State(base_ + "/broken.html")->value(), UrlState::kFailed);
  EXPECT_EQ((*state)->Counts()->failed, 2);
  state->reset();
  log_.clear();
  run = Round({base_ + "/faults.xml"}, options);  // given-up pages are not fetched again
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(broken_hits_.load(), 4);
  EXPECT_EQ(run->fetched, 0u);
}

TEST_F(CrawlTest, APageIsRememberedUnderItsCanonicalUrl) {
  auto run = Round({base_ + "/alias.xml"});
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->added, 1u) << log_;
  EXPECT_NE(log_.find("fetched " + base_ + "/alias/5.html ("), std::string::npos) << log_;  // tracking and fragment dropped
  EXPECT_NE(log_.find("stored " + base_ + "/a/5.html"), std::string::npos) << log_;
  run = Round({base_ + "/canonical.xml"});  // names the canonical URL: not fetched
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->queued, 0u);
  EXPECT_EQ(page_hits_.load(), 1);
  EXPECT_EQ(Stored(), 1);
}

TEST_F(CrawlTest, OneConnectionPerHostHostsSideBySide) {
  CrawlOptions options;
  options.connections = 4;
  auto run = Round({base_ + "/two-hosts.xml"}, options);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->added, 8u) << log_;
  EXPECT_EQ(most_per_host_, 1);  // never two requests to one host at once
  EXPECT_EQ(most_overall_, 2);   // the two hosts were fetched side by side
}

TEST_F(CrawlTest, AStoppedRoundLeavesTheRestQueued) {
  CrawlOptions options;
  options.stop = &stop_;
  web::FetchOptions fetch = Options();
  fetch.stop = &stop_;
  stop_on_ = "fetched " + base_ + "/a/1.html";  // stopped as the first page arrives
  auto run = Round({base_ + "/rss.xml"}, options, fetch);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->fetched, 1u) << log_;
  EXPECT_EQ(run->added, 1u) << log_;  // what was fetched is stored
  stop_ = false;
  stop_on_.clear();
  run = Round({base_ + "/rss.xml"}, options, fetch);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->fetched, 1u) << log_;  // the rest, and nothing twice
  EXPECT_EQ(run->added, 1u) << log_;
  EXPECT_EQ(page_hits_.load(), 2);
}

TEST_F(CrawlTest, APageWithoutADateTakesItsFeedItemsDate) {
  auto run = Round({base_ + "/dated.xml"});
  ASSERT_TRUE(run.has_value());
  ASSERT_EQ(run->added, 1u) << log_;
  auto stored = Store::Open(dir_.string(), {}).value()->Get(base_ + "/undated.html");
  ASSERT_TRUE(stored.has_value());
  ASSERT_TRUE(stored->article.date.has_value());
  EXPECT_EQ(stored->article.date->ToString(), "2025-12-20");
}

TEST_F(CrawlTest, AnUnreachableRobotsTxtLeavesTheHostsPagesQueued) {
  server_.Get("/down-host.xml", [this](const httplib::Request&, httplib::Response& r) {
    r.set_content("<rss version=\"2.0\"><channel><item><link>http://localhost:" + std::to_string(port_) +
                  "/a/7.html</link></item></channel></rss>", "application/rss+xml");
  });
  localhost_robots_down_ = true;
  auto run = Round({base_ + "/down-host.xml"});
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->fetched, 0u);
  EXPECT_EQ(run->robots, 0u);
  EXPECT_NE(log_.find("its host's robots.txt is unreachable"), std::string::npos) << log_;
  auto state = CrawlState::Open(dir_.string());
  ASSERT_TRUE(state.has_value());
  const std::string page = "http://localhost:" + std::to_string(port_) + "/a/7.html";
  EXPECT_EQ((*state)->State(page)->value(), UrlState::kQueued);  // not skipped for good
  EXPECT_TRUE((*state)->Due(10, ::time(nullptr) + 601)->size() == 1);  // due again after ten minutes
}

TEST(CrawlStateTest, DueUrlsTakeHostsInTurn) {
  const auto dir = std::filesystem::temp_directory_path() / ("bantin-crawl-state-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    auto state = CrawlState::Open(dir.string());
    ASSERT_TRUE(state.has_value()) << state.error().ToString();
    for (const char* u : {"https://a.vn/1", "https://a.vn/2", "https://a.vn/3", "https://b.vn/1", "https://b.vn/2"}) {
      ASSERT_TRUE((*state)->Enqueue(u, "feed").value());
    }
    EXPECT_FALSE((*state)->Enqueue("https://a.vn/1", "other").value());  // met before
    auto due = (*state)->Due(3, 0);
    ASSERT_TRUE(due.has_value());
    ASSERT_EQ(due->size(), 3u);
    EXPECT_EQ((*due)[0].url, "https://a.vn/1");
    EXPECT_EQ((*due)[1].url, "https://b.vn/1");
    EXPECT_EQ((*due)[2].url, "https://a.vn/2");
    // A second crawler on the folder is refused while the first holds it.
    auto second = CrawlState::Open(dir.string());
    ASSERT_FALSE(second.has_value());
    EXPECT_NE(second.error().message().find("another bantin fetch or watch"), std::string::npos);
  }
  EXPECT_TRUE(CrawlState::Open(dir.string()).has_value());  // free again
  std::filesystem::remove_all(dir);
}

TEST(NormalizeUrlTest, DropsFragmentsAndTrackingParameters) {
  EXPECT_EQ(NormalizeUrl(" https://a.vn/x.html?utm_source=rss&id=3&UTM_medium=x#top \n"), "https://a.vn/x.html?id=3");
  EXPECT_EQ(NormalizeUrl("https://a.vn/x.html?utm_source=rss"), "https://a.vn/x.html");
  EXPECT_EQ(NormalizeUrl("https://a.vn/x.html"), "https://a.vn/x.html");
}

}  // namespace
}  // namespace bantin::crawl
