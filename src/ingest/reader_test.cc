#include "bantin/reader.h"

#include <filesystem>
#include <vector>

#include <gtest/gtest.h>

#include "ingest/compress_for_tests.h"

namespace bantin {
namespace {

struct Collected {
  std::vector<Article> articles;
  std::vector<std::string> errors;
};

Collected ReadAll(Env* env, const std::string& path, ReaderOptions options = {}) {
  options.env = env;
  ArticleReader reader(options);
  Collected c;
  Status s = reader.Read(
      path, [&](Article a) { c.articles.push_back(std::move(a)); },
      [&](const Status& e) { c.errors.push_back(e.message()); });
  if (!s.ok()) c.errors.push_back("READ: " + s.message());
  return c;
}

const char kSeedLike[] =
    " date 2025-12-24 Nga - Mỹ duy trì đối thoại\n"
    "\n"
    "Nga và Mỹ đã tiến hành một số vòng tiếp xúc.\n"
    "\n"
    "Ông Alexander Gusarov, Vụ trưởng. Ảnh: TASS\n"
    "\n"
    "Phát biểu với báo giới, ông Gusarov cho biết.\n"
    "\n"
    "Đoạn thứ hai.\n"
    "\n"
    "Minh Phương\n"
    "\n"
    "Nguồn: TASS\n";

TEST(TextArticleTest, ReadsAllParts) {
  auto env = NewMemEnv({{"in/000_x.txt", kSeedLike}});
  Collected c = ReadAll(env.get(), "in/000_x.txt");
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  ASSERT_EQ(c.articles.size(), 1u);
  const Article& a = c.articles[0];
  EXPECT_EQ(a.id, "000_x");
  EXPECT_EQ(a.title, "Nga - Mỹ duy trì đối thoại");
  ASSERT_TRUE(a.date.has_value());
  EXPECT_EQ(a.date->ToString(), "2025-12-24");
  EXPECT_EQ(a.lead, "Nga và Mỹ đã tiến hành một số vòng tiếp xúc.");
  EXPECT_EQ(a.body, "Phát biểu với báo giới, ông Gusarov cho biết.\nĐoạn thứ hai.");
  EXPECT_EQ(a.captions, std::vector<std::string>{"Ông Alexander Gusarov, Vụ trưởng. Ảnh: TASS"});
  EXPECT_EQ(a.author, "Minh Phương");
  EXPECT_EQ(a.source, "TASS");
  EXPECT_EQ(a.text, kSeedLike);
  EXPECT_TRUE(a.text_is_source);
  ASSERT_EQ(a.paragraphs.size(), 5u);
  EXPECT_EQ(a.paragraphs[0].kind, ParagraphKind::kTitle);
  EXPECT_EQ(a.paragraphs[1].kind, ParagraphKind::kLead);
  EXPECT_EQ(a.paragraphs[2].kind, ParagraphKind::kCaption);
  EXPECT_EQ(a.paragraphs[3].kind, ParagraphKind::kBody);
  for (const Paragraph& p : a.paragraphs) EXPECT_LE(p.end, a.text.size());
  EXPECT_EQ(a.text.substr(a.paragraphs[0].begin, a.paragraphs[0].end - a.paragraphs[0].begin),
            a.title);
}

TEST(TextArticleTest, VariantsOfTheLayout) {
  struct Case {
    std::string text;
    std::string title, date, source, author, lead;
  };
  const Case cases[] = {
      {"Tiêu đề\nMở đầu ngắn.\nThân bài.\n", "Tiêu đề", "", "", "", "Mở đầu ngắn."},
      {"date 2025-04-10\nTiêu đề\n\nMở đầu.\n", "Tiêu đề", "2025-04-10", "", "", "Mở đầu."},
      {"\xEF\xBB\xBFTiêu đề\r\n\r\nMở đầu.\r\nThân.\r\n\r\nTheo TTXVN\r\n", "Tiêu đề", "", "TTXVN",
       "", "Mở đầu."},
      {"Tiêu đề\nMở đầu.\nThân.\nNguồn: VnExpress.\nLê Văn A\n", "Tiêu đề", "", "VnExpress",
       "Lê Văn A", "Mở đầu."},
      {"Date is not a prefix here\nMở đầu.\n", "Date is not a prefix here", "", "", "",
       "Mở đầu."},
      // A date glued to more text is not a date prefix: no date, the whole line is the title.
      {"date 2025-12-24x Tiêu đề\nMở đầu.\n", "date 2025-12-24x Tiêu đề", "", "", "", "Mở đầu."},
      // "Theo ..." that opens a long body paragraph is not a source line.
      {"Tiêu đề\nMở đầu.\nTheo ông Darchiev, các vấn đề về thị thực là nút thắt.\n", "Tiêu đề", "",
       "", "", "Mở đầu."},
  };
  for (const Case& k : cases) {
    auto env = NewMemEnv({{"a.txt", k.text}});
    Collected c = ReadAll(env.get(), "a.txt");
    ASSERT_EQ(c.articles.size(), 1u) << k.text;
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, k.title) << k.text;
    EXPECT_EQ(a.date ? a.date->ToString() : "", k.date) << k.text;
    EXPECT_EQ(a.source, k.source) << k.text;
    EXPECT_EQ(a.author, k.author) << k.text;
    EXPECT_EQ(a.lead, k.lead) << k.text;
  }
}

TEST(ReaderTest, BadInputsAreReportedWithFileAndLine) {
  auto env = NewMemEnv({
      {"d/1_empty.txt", "  \n\xEF\xBB\xBF\n"},  // white space and a BOM (found by fuzzing)
      {"d/2_binary.txt", std::string("GIF89a\0\0\x01", 9)},
      {"d/3_bad_utf8.txt", "Tiêu đề\nDòng hai\nxấu \xC3\x28 ở đây\n"},
      {"d/4_bad_date.txt", "date 2025-13-40 Tiêu đề\n"},
      {"d/5_good.txt", "Tiêu đề tốt\nMở đầu.\n"},
      {"d/6_image.jpg", "\xFF\xD8\xFF"},  // not an article format: skipped in folders
  });
  Collected c = ReadAll(env.get(), "d");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].title, "Tiêu đề tốt");
  ASSERT_EQ(c.errors.size(), 4u);
  EXPECT_EQ(c.errors[0], "d/1_empty.txt: empty file");
  EXPECT_EQ(c.errors[1], "d/2_binary.txt: binary file, not text (NUL byte at offset 6)");
  EXPECT_EQ(c.errors[2], "d/3_bad_utf8.txt:3: invalid UTF-8 at byte offset 28");
  EXPECT_EQ(c.errors[3],
            "d/4_bad_date.txt:1: date: \"2025-13-40\" is not a YYYY-MM-DD date");
}

TEST(ReaderTest, ReplacesInvalidUtf8WhenAsked) {
  auto env = NewMemEnv({{"a.txt", "Tiêu \xFF đề\nMở đầu.\n"}});
  ReaderOptions options;
  options.replace_invalid_utf8 = true;
  Collected c = ReadAll(env.get(), "a.txt", options);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].title, "Tiêu \uFFFD đề");
  EXPECT_FALSE(c.articles[0].text_is_source);
  EXPECT_EQ(c.articles[0].invalid_utf8_replaced, 1u);

  auto jsonl = NewMemEnv({{"b.jsonl", "{\"id\":\"1\",\"title\":\"h\xC3\x28ng \xFF\"}\n"
                                      "{\"id\":\"2\",\"title\":\"tốt\"}\n"}});
  Collected j = ReadAll(jsonl.get(), "b.jsonl", options);
  ASSERT_TRUE(j.errors.empty()) << j.errors[0];
  ASSERT_EQ(j.articles.size(), 2u);
  EXPECT_EQ(j.articles[0].title, "h\uFFFD(ng \uFFFD");
  EXPECT_EQ(j.articles[0].invalid_utf8_replaced, 2u);
  EXPECT_EQ(j.articles[1].invalid_utf8_replaced, 0u);
}

TEST(ReaderTest, MissingPathIsAnError) {
  auto env = NewMemEnv({});
  Collected c = ReadAll(env.get(), "nope");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0], "READ: nope: no such file or directory");
}

TEST(JsonlTest, GoodAndBadLines) {
  std::string jsonl =
      R"({"id":"a1","title":"Đàm phán","lead":"Mở đầu","body":"Đoạn 1\nĐoạn 2","date":"2019-05-03T10:00:00+07:00","source":"dantri","url":"https://x.vn/a","category":"Thế giới","lang":"vi"})" "\n"
      R"({"id":"a2","title":"Thiếu ngoặc")" "\n"
      R"({"id":"a3","body":"không có tiêu đề"})" "\n"
      "\n"
      R"({"id":"a4","title":"Ngày sai","date":"03/05/2019"})" "\n"
      R"({"id":17,"title":"Số làm id","body":"x","extra":{"nested":[1,2]}})" "\n"
      "{\"id\":\"a6\",\"title\":\"UTF-8 h\xC3\x28ng\"}\n"
      R"(["not","an","object"])" "\n"
      R"({"id":"a8","title":5})" "\n"
      R"({"title":"Không id","date":null})";
  auto env = NewMemEnv({{"c.jsonl", jsonl}});
  Collected c = ReadAll(env.get(), "c.jsonl");
  ASSERT_EQ(c.articles.size(), 3u);
  const Article& a = c.articles[0];
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.title, "Đàm phán");
  EXPECT_EQ(a.date->ToString(), "2019-05-03");
  EXPECT_EQ(a.source, "dantri");
  EXPECT_EQ(a.category, "Thế giới");
  EXPECT_EQ(a.text, "Đàm phán\n\nMở đầu\n\nĐoạn 1\nĐoạn 2");
  EXPECT_FALSE(a.text_is_source);
  ASSERT_EQ(a.paragraphs.size(), 4u);
  EXPECT_EQ(a.text.substr(a.paragraphs[3].begin, a.paragraphs[3].end - a.paragraphs[3].begin),
            "Đoạn 2");
  EXPECT_EQ(c.articles[1].id, "17");
  EXPECT_EQ(c.articles[2].id, "c:10");
  EXPECT_FALSE(c.articles[2].date.has_value());
  ASSERT_EQ(c.errors.size(), 6u);
  EXPECT_TRUE(c.errors[0].starts_with("c.jsonl:2: malformed JSON")) << c.errors[0];
  EXPECT_EQ(c.errors[1], "c.jsonl:3: missing title");
  EXPECT_EQ(c.errors[2], "c.jsonl:5: field \"date\": \"03/05/2019\" is not an ISO 8601 date");
  EXPECT_TRUE(c.errors[3].starts_with("c.jsonl:7: malformed JSON")) << c.errors[3];
  EXPECT_EQ(c.errors[4], "c.jsonl:8: not a JSON object");
  EXPECT_EQ(c.errors[5], "c.jsonl:9: field \"title\": expected a string");
}

TEST(ReaderTest, CompressedJsonlAndDefaultDate) {
  std::string jsonl = R"({"id":"x","title":"Có ngày","date":"2020-01-02"})" "\n"
                      R"({"id":"y","title":"Không ngày"})" "\n";
  const std::string z = testing_compress::Zstd(jsonl);
  auto env = NewMemEnv({{"n.jsonl.zst", z}, {"broken.jsonl.zst", z.substr(0, z.size() - 4)}});
  ReaderOptions options;
  options.default_date = *Date::Parse("2025-04-10");
  Collected c = ReadAll(env.get(), "n.jsonl.zst", options);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].date->ToString(), "2020-01-02");
  EXPECT_EQ(c.articles[1].date->ToString(), "2025-04-10");
  Collected broken = ReadAll(env.get(), "broken.jsonl.zst");
  ASSERT_EQ(broken.errors.size(), 1u);
  EXPECT_TRUE(broken.errors[0].starts_with("broken.jsonl.zst:")) << broken.errors[0];
  EXPECT_NE(broken.errors[0].find("zstd"), std::string::npos) << broken.errors[0];
}

std::string ManyLines(int n) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    out += R"({"id":"n)" + std::to_string(i) + R"(","title":"Bài )" + std::to_string(i) +
           R"(","body":"Nội dung khác nhau của bài số )" + std::to_string(i * 7919 % 100003) + R"( ở đây."})" "\n";
  }
  return out;
}

// Finding (issue 17): a truncated .zst/.gz lost every article before the cut.
TEST(ReaderTest, TruncatedArchiveKeepsEveryArticleBeforeTheCut) {
  const int n = 3000;
  const std::string plain = ManyLines(n);
  const std::string z = testing_compress::Zstd(plain), g = testing_compress::Gzip(plain);
  auto env = NewMemEnv({{"t.jsonl.zst", z.substr(0, z.size() / 2)}, {"t.jsonl.gz", g.substr(0, g.size() / 2)}});
  for (const char* name : {"t.jsonl.zst", "t.jsonl.gz"}) {
    SCOPED_TRACE(name);
    Collected c = ReadAll(env.get(), name);
    ASSERT_EQ(c.errors.size(), 1u);
    const size_t read = c.articles.size();
    EXPECT_GT(read, static_cast<size_t>(n / 5));
    EXPECT_LT(read, static_cast<size_t>(n));
    for (size_t i = 0; i < read; ++i) ASSERT_EQ(c.articles[i].id, "n" + std::to_string(i + 1));
    const std::string where = std::string(name) + ":" + std::to_string(read + 1) + ": ";
    EXPECT_TRUE(c.errors[0].starts_with(where)) << c.errors[0];
    EXPECT_NE(c.errors[0].find("truncated input"), std::string::npos) << c.errors[0];
    EXPECT_NE(c.errors[0].find("the " + std::to_string(read) + " lines before were read"), std::string::npos)
        << c.errors[0];
  }
}

// Finding (issue 17): one 200 MB line was stored as one article using 4 GB. An article over
// the limit is refused, a line far over it is not even parsed, and the rest go on.
TEST(ReaderTest, ArticleOverTheSizeLimitIsRefusedAndTheRestGoOn) {
  const std::string body(3000, 'x');
  std::string jsonl = R"({"id":"small","title":"Nhỏ","body":"vừa"})" "\n";
  jsonl += R"({"id":"big","title":"Lớn","body":")" + body + "\"}\n";
  jsonl += "[" + std::string(2 << 20, ' ') + "\n";  // a 2 MiB line: over 4 x 1000 + 1 MiB
  jsonl += R"({"id":"after","title":"Sau","body":"vẫn đọc"})" "\n";
  auto env = NewMemEnv({{"l.jsonl", jsonl}, {"big.txt", "Tiêu đề\n" + body + "\n"}, {"ok.txt", "Tiêu đề\nNgắn.\n"}});
  ReaderOptions options;
  options.max_article_bytes = 1000;
  Collected c = ReadAll(env.get(), "l.jsonl", options);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].id, "small");
  EXPECT_EQ(c.articles[1].id, "after");
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_TRUE(c.errors[0].starts_with("l.jsonl:2: article text is 3007 bytes, more than the limit of 1000"))
      << c.errors[0];
  EXPECT_TRUE(c.errors[1].starts_with("l.jsonl:3: line longer than")) << c.errors[1];
  Collected t = ReadAll(env.get(), "big.txt", options);
  EXPECT_TRUE(t.articles.empty());
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_TRUE(t.errors[0].starts_with("big.txt: article text is")) << t.errors[0];
  EXPECT_EQ(ReadAll(env.get(), "ok.txt", options).articles.size(), 1u);
  options.max_article_bytes = 0;  // no limit
  EXPECT_EQ(ReadAll(env.get(), "big.txt", options).articles.size(), 1u);
}

// Finding (issue 17): a POST whose JSON nests 100,000 arrays killed the server (it re-serialised
// the parsed body). Reading refuses the nesting; making one line of a body never recurses.
TEST(ReaderTest, DeeplyNestedJsonIsAnErrorNotACrash) {
  const std::string deep = R"({"id":"d","title":"Sâu","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto env = NewMemEnv({{"deep.jsonl", deep + "\n" + R"({"id":"ok","title":"Nông"})"}});
  Collected c = ReadAll(env.get(), "deep.jsonl");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].id, "ok");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_TRUE(c.errors[0].starts_with("deep.jsonl:1: malformed JSON")) << c.errors[0];
  const std::string pretty = "{\n  \"id\": \"p\",\n  \"title\": \"Đẹp\"\n}\n";
  EXPECT_EQ(OneObjectPerLine(pretty), R"({"id":"p","title":"Đẹp"})");
  const std::string deep_pretty = "{\n\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_EQ(OneObjectPerLine(deep_pretty), deep_pretty);  // left for the reader to refuse
  EXPECT_EQ(OneObjectPerLine("{\"a\":1}\n{\"b\":2}\n"), "{\"a\":1}\n{\"b\":2}\n");  // JSONL stays
}

TEST(ReaderTest, StdinIsSniffed) {
  auto env = NewMemEnv({}, R"({"id":"s","title":"Từ stdin"})");
  Collected c = ReadAll(env.get(), "-");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].title, "Từ stdin");
  auto env2 = NewMemEnv({}, "Tiêu đề\nMở đầu.\n");
  Collected c2 = ReadAll(env2.get(), "-");
  ASSERT_EQ(c2.articles.size(), 1u);
  EXPECT_EQ(c2.articles[0].lead, "Mở đầu.");
}

// The two seed articles, read from ../shared as they are.
TEST(SeedTest, ReadsBothSeeds) {
  std::string dir = BANTIN_SHARED_DIR "/data/seeds";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "../shared/data/seeds not present";
  Collected c = ReadAll(Env::Default(), dir);
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  ASSERT_EQ(c.articles.size(), 2u);
  const Article& a = c.articles[0];
  EXPECT_EQ(a.title, "Nga - Mỹ duy trì đối thoại, từng bước cải thiện điều kiện hoạt động ngoại giao");
  EXPECT_EQ(a.date->ToString(), "2025-12-24");
  EXPECT_EQ(a.source, "TASS");
  EXPECT_EQ(a.author, "Minh Phương");
  ASSERT_EQ(a.captions.size(), 1u);
  EXPECT_TRUE(a.captions[0].ends_with("Ảnh: TASS"));
  EXPECT_TRUE(a.lead.starts_with("Nga và Mỹ đã tiến hành một số vòng tiếp xúc cấp chuyên gia"));
  const Article& b = c.articles[1];
  EXPECT_EQ(b.title, "Nga tìm cách xóa bỏ ‘di sản độc hại’ trong các cuộc đàm phán mới với Mỹ");
  EXPECT_FALSE(b.date.has_value());
  EXPECT_EQ(b.source, "");  // mentions "hãng TASS" but names no source of its own
  EXPECT_EQ(b.author, "");
  EXPECT_TRUE(b.lead.starts_with("Các cuộc đàm phán sẽ tập trung vào việc khôi phục"));
  EXPECT_TRUE(b.body.ends_with("dưới thời cựu Tổng thống Mỹ Joe Biden."));
}

// The sample corpus the repo ships: every file reads, dated, sourced.
TEST(SampleTest, ReadsEverySampleArticle) {
  Collected c = ReadAll(Env::Default(), BANTIN_SOURCE_DIR "/data/sample");
  ASSERT_TRUE(c.errors.empty()) << c.errors[0];
  ASSERT_EQ(c.articles.size(), 12u);
  for (const Article& a : c.articles) {
    EXPECT_TRUE(a.date.has_value()) << a.id;
    EXPECT_FALSE(a.source.empty()) << a.id;
    EXPECT_FALSE(a.author.empty()) << a.id;
    EXPECT_FALSE(a.lead.empty()) << a.id;
  }
}

}  // namespace
}  // namespace bantin
