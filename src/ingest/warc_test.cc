#include "ingest/warc.h"

#include <gtest/gtest.h>

#include <vector>

#include "bantin/reader.h"
#include "ingest/compress_for_tests.h"

namespace bantin::ingest {
namespace {

std::string Page(const std::string& title, const std::string& url) {
  return "<html><head><meta charset=\"utf-8\"><title>" + title + "</title><link rel=\"canonical\" href=\"" + url +
         "\"></head><body><div class=\"menu\"><a href=\"/\">Trang chủ</a></div><h1>" + title +
         "</h1><div class=\"content\"><p>Đoạn thứ nhất của bài báo, đủ dài để là một đoạn văn thật sự, có dấu phẩy, "
         "có tên người và nơi chốn.</p><p>Đoạn thứ hai kể tiếp câu chuyện, cũng đủ dài để được tính là thân bài.</p>"
         "</div></body></html>";
}

std::string Record(const std::string& type, const std::string& uri, const std::string& content_type,
                   const std::string& block) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2025-12-24T03:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Response(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string Chunked(const std::string& body) {
  std::string out;
  for (size_t i = 0; i < body.size(); i += 100) {
    const std::string piece = body.substr(i, 100);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", piece.size());
    out += std::string(size) + "\r\n" + piece + "\r\n";
  }
  return out + "0\r\n\r\n";
}

// An archive as crawlers write it: warcinfo, request/response pairs, a redirect, an image, a
// 404, a gzip- and chunk-encoded page, a resource record, and a page over the size limit.
std::string Archive() {
  const std::string http = "application/http; msgtype=response";
  std::string warc = Record("warcinfo", "", "application/warc-fields", "software: test\r\n");
  warc += Record("request", "https://baomau.vn/a.html", "application/http; msgtype=request", "GET /a.html HTTP/1.1\r\n\r\n");
  warc += Record("response", "https://baomau.vn/a.html", http,
                 Response("200 OK", "Content-Type: text/html; charset=utf-8\r\n", Page("Bài thứ nhất về đàm phán", "https://baomau.vn/a.html")));
  warc += Record("response", "https://baomau.vn/old", http, Response("301 Moved Permanently", "Location: /a.html\r\n", ""));
  warc += Record("response", "https://baomau.vn/x.jpg", http, Response("200 OK", "Content-Type: image/jpeg\r\n", "\xFF\xD8\xFF"));
  warc += Record("response", "https://baomau.vn/missing", http, Response("404 Not Found", "Content-Type: text/html\r\n", "<html>404</html>"));
  warc += Record("response", "https://baomau.vn/b.html", http,
                 Response("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
                          Chunked(testing_compress::Gzip(Page("Bài thứ hai về thương mại", "https://baomau.vn/b.html")))));
  warc += Record("resource", "file:///saved/c.html", "text/html", Page("Bài thứ ba về môi trường", "https://baomau.vn/c.html"));
  warc += Record("response", "https://baomau.vn/huge.html", http,
                 Response("200 OK", "Content-Type: text/html\r\n", std::string(3000, 'x')));
  return warc;
}

struct Got {
  std::vector<Article> articles;
  std::vector<std::string> errors;
  WarcCounts counts;
};

Got Parse(const std::string& bytes, size_t max_page = 2000) {
  Got got;
  auto file = NewStringFile(bytes);
  got.counts = ParseWarc("crawl.warc", *file, max_page, [&](Article a) { got.articles.push_back(std::move(a)); },
                         [&](const Status& e) { got.errors.push_back(e.ToString()); });
  return got;
}

TEST(WarcTest, PagesOfStatus200BecomeArticles) {
  Got got = Parse(Archive());
  ASSERT_EQ(got.articles.size(), 3u);
  EXPECT_EQ(got.articles[0].title, "Bài thứ nhất về đàm phán");
  EXPECT_EQ(got.articles[0].id, "https://baomau.vn/a.html");
  EXPECT_EQ(got.articles[0].url, "https://baomau.vn/a.html");
  ASSERT_TRUE(got.articles[0].date.has_value());
  EXPECT_EQ(got.articles[0].date->ToString(), "2025-12-24");  // the record's date: the page names none
  EXPECT_EQ(got.articles[1].title, "Bài thứ hai về thương mại");  // chunked and gzip-encoded
  EXPECT_EQ(got.articles[2].title, "Bài thứ ba về môi trường");   // a resource record
  EXPECT_EQ(got.articles[2].url, "https://baomau.vn/c.html");
  EXPECT_EQ(got.counts.records, 9u);
  EXPECT_EQ(got.counts.pages, 3u);
  EXPECT_EQ(got.counts.skipped, 6u);
  ASSERT_EQ(got.errors.size(), 1u);  // the page over the limit, named
  EXPECT_NE(got.errors[0].find("crawl.warc: record 9"), std::string::npos) << got.errors[0];
  EXPECT_NE(got.errors[0].find("over the limit"), std::string::npos) << got.errors[0];
}

TEST(WarcTest, ACutArchiveKeepsWhatCameBefore) {
  const std::string warc = Archive();
  const size_t cut = warc.find("WARC-Target-URI: https://baomau.vn/b.html") + 200;
  Got got = Parse(warc.substr(0, cut));
  ASSERT_EQ(got.articles.size(), 1u);
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_NE(got.errors[0].find("record 7"), std::string::npos) << got.errors[0];
  EXPECT_NE(got.errors[0].find("cut short"), std::string::npos) << got.errors[0];
}

TEST(WarcTest, NotAWarcStops) {
  Got got = Parse("HTTP/1.1 200 OK\r\n\r\n<html></html>");
  EXPECT_TRUE(got.articles.empty());
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_NE(got.errors[0].find("not a WARC record"), std::string::npos);
}

// The reader takes .warc.gz (gzip member by member, as crawlers write it) and .html files.
TEST(WarcTest, ReaderTakesGzippedArchivesAndPages) {
  const std::string warc = Archive();
  const size_t half = warc.find("WARC/1.0", warc.size() / 2);
  const std::string gz = testing_compress::Gzip(warc.substr(0, half)) + testing_compress::Gzip(warc.substr(half));
  ArticleReader reader({});
  std::vector<Article> articles;
  std::vector<std::string> errors;
  reader.ReadBytes("crawl.warc.gz", gz, [&](Article a) { articles.push_back(std::move(a)); },
                   [&](const Status& e) { errors.push_back(e.ToString()); });
  EXPECT_EQ(articles.size(), 3u);
  // Record 9 is under the reader's 16 MiB, so it is read: no article on it, and it says so.
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("crawl.warc.gz: record 9"), std::string::npos) << errors[0];
  errors.clear();
  articles.clear();
  reader.ReadBytes("page.html", Page("Một trang báo lưu lại", "https://baomau.vn/d.html"),
                   [&](Article a) { articles.push_back(std::move(a)); }, [&](const Status& e) { errors.push_back(e.ToString()); });
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(articles[0].id, "page");
  EXPECT_EQ(articles[0].url, "https://baomau.vn/d.html");
}

}  // namespace
}  // namespace bantin::ingest
