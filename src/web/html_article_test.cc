#include "web/html_article.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "web/charset.h"

namespace bantin::web {
namespace {

std::string Dated(std::string_view text) {
  Date d;
  std::string time;
  if (!ParsePageDate(text, &d, &time)) return "none";
  return d.ToString() + (time.empty() ? "" : " " + time);
}

TEST(PageDateTest, FormsPagesWrite) {
  const std::pair<const char*, const char*> cases[] = {
      {"2025-12-24T14:30:00+07:00", "2025-12-24 14:30"},
      {"2025-12-24T17:30:00Z", "2025-12-25 00:30"},          // UTC moved to Vietnam's day
      {"2025-12-24T20:05:00.000+0000", "2025-12-25 03:05"},
      {"2025-12-24T08:00:00-05:00", "2025-12-24 20:00"},
      {"2025-12-24", "2025-12-24"},
      {"2025-12-24 09:15:00", "2025-12-24 09:15"},           // no offset: the outlet's time
      {"Thứ sáu, 24/12/2025, 14:30 (GMT+7)", "2025-12-24 14:30"},
      {"Chủ Nhật, 07/12/2025 - 08:15", "2025-12-07 08:15"},
      {"24/12/2025 14:30", "2025-12-24 14:30"},
      {"14:30 24-12-2025", "2025-12-24 14:30"},
      {"Cập nhật: 08h15 ngày 7.12.2025", "2025-12-07 08:15"}, // the time before the date
      {"20 tháng 9, 2017", "2017-09-20"},
      {"Thứ Tư, ngày 20 tháng 12 năm 2017 lúc 09:05", "2017-12-20 09:05"},
      {"3/2/2021", "2021-02-03"},                              // day first, as Vietnamese writes
      {"31/2/2021", "none"},                                   // no such day
      {"Tin mới nhất", "none"},
  };
  for (const auto& [text, want] : cases) {
    EXPECT_EQ(Dated(text), want) << text;
  }
}

TEST(CharsetTest, DeclaredAndConverted) {
  EXPECT_EQ(DeclaredCharset("<html><head><meta charset=\"UTF-8\">", ""), "utf-8");
  EXPECT_EQ(DeclaredCharset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">", ""),
            "windows-1258");
  EXPECT_EQ(DeclaredCharset("<meta charset=\"utf-8\">", "text/html; charset=ISO-8859-1"), "iso-8859-1");
  EXPECT_EQ(DeclaredCharset("<p>x</p>", ""), "");
  std::string used;
  // Valid UTF-8 declared as windows-1252: the declaration is wrong, the text kept.
  auto t = ToUtf8("p.html", "Hà Nội", "windows-1252", &used);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, "Hà Nội");
  EXPECT_NE(used.find("valid UTF-8"), std::string::npos);
  // windows-1258: "Hà" is H, a (0x61), combining grave (0xCC).
  t = ToUtf8("p.html", "H\x61\xCC N\xF4i", "", &used);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, "Ha\xCC\x80 N\xC3\xB4i");
  EXPECT_NE(used.find("windows-1258"), std::string::npos);
  auto bad = ToUtf8("p.html", "\xFF\xFE\xFD", "x-no-such-charset");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().ToString().find("p.html"), std::string::npos);
}

TEST(HtmlArticleTest, BoilerplateAroundAShortArticle) {
  const std::string page = R"(<!doctype html><html><head><meta charset="utf-8">
<title>Nga và Mỹ nối lại đàm phán - Báo Mẫu</title>
<meta property="og:site_name" content="Báo Mẫu">
<meta property="article:published_time" content="2025-12-24T07:30:00Z">
<link rel="canonical" href="/the-gioi/nga-my-123.html">
<script>var x = "<p>not text</p>";</script></head><body>
<div class="menu"><a href="/">Trang chủ</a> <a href="/tg">Thế giới</a></div>
<h1>Nga và Mỹ nối lại đàm phán</h1>
<div class="sapo">Hai bên nhất trí gặp lại vào tháng tới tại Istanbul, theo nguồn tin ngoại giao.</div>
<div class="content">
<p>Ngoại trưởng hai nước đã điện đàm hôm qua, bàn về an ninh châu Âu, thương mại và các lệnh trừng phạt.</p>
<p>Xem thêm: <a href="/a">Nga nói gì về đàm phán</a></p>
<figure><img src="a.jpg"><figcaption>Quang cảnh cuộc gặp. Ảnh: TASS</figcaption></figure>
<p>Phía Nga cho biết cuộc gặp tiếp theo sẽ diễn ra ở cấp chuyên viên, trước khi lãnh đạo gặp nhau.</p>
<div class="box-tinlienquan"><a href="/b">Tin khác một</a><a href="/c">Tin khác hai dài hơn một chút</a></div>
<p style="text-align:right"><strong>Minh Anh</strong></p>
</div>
<div class="comment-list"><p>Bạn đọc: Tôi nghĩ đây là một tin tốt, mong hai bên sớm đạt được thỏa thuận lâu dài.</p></div>
<footer><p>Giấy phép số 123, Hà Nội, mọi quyền được bảo lưu theo pháp luật hiện hành.</p></footer>
</body></html>)";
  PageInfo info;
  info.url = "https://baomau.vn/the-gioi/";
  auto a = ParseHtmlArticle("p", "p.html", page, info);
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  EXPECT_EQ(a->title, "Nga và Mỹ nối lại đàm phán");
  EXPECT_EQ(a->lead, "Hai bên nhất trí gặp lại vào tháng tới tại Istanbul, theo nguồn tin ngoại giao.");
  EXPECT_EQ(a->body,
            "Ngoại trưởng hai nước đã điện đàm hôm qua, bàn về an ninh châu Âu, thương mại và các lệnh trừng phạt.\n"
            "Phía Nga cho biết cuộc gặp tiếp theo sẽ diễn ra ở cấp chuyên viên, trước khi lãnh đạo gặp nhau.");
  ASSERT_EQ(a->captions.size(), 1u);
  EXPECT_EQ(a->captions[0], "Quang cảnh cuộc gặp. Ảnh: TASS");
  EXPECT_EQ(a->author, "Minh Anh");
  ASSERT_TRUE(a->date.has_value());
  EXPECT_EQ(a->date->ToString(), "2025-12-24");
  EXPECT_EQ(a->time, "14:30");
  EXPECT_EQ(a->url, "https://baomau.vn/the-gioi/nga-my-123.html");
  EXPECT_EQ(a->source, "Báo Mẫu");
  // The text composes title, lead, body and captions, each a paragraph.
  ASSERT_EQ(a->paragraphs.size(), 5u);
  EXPECT_EQ(a->paragraphs[4].kind, ParagraphKind::kCaption);
  EXPECT_EQ(a->text.substr(a->paragraphs[1].begin, a->paragraphs[1].end - a->paragraphs[1].begin), a->lead);
}

TEST(HtmlArticleTest, PageWithoutArticleIsAnError) {
  auto a = ParseHtmlArticle("p", "dir/p.html", "<html><body><div class=menu><a href=/>x</a></div></body></html>", {});
  ASSERT_FALSE(a.has_value());
  EXPECT_NE(a.error().ToString().find("dir/p.html"), std::string::npos);
}

std::string Nfc(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  nfc->normalize(icu::UnicodeString::fromUTF8(s), status).toUTF8String(out);
  return out;
}

// Pages written for these tests in the markup styles of eight Vietnamese outlets
// (testdata/pages/README.md), every field compared with what the page's reader sees.
TEST(HtmlArticleTest, OutletStylePages) {
  const std::string dir = std::string(BANTIN_SOURCE_DIR) + "/src/web/testdata/pages/";
  std::ifstream in(dir + "expected.json");
  ASSERT_TRUE(in) << dir;
  const nlohmann::json expected = nlohmann::json::parse(in);
  ASSERT_EQ(expected.size(), 8u);
  for (const auto& [file, want] : expected.items()) {
    std::ifstream page_in(dir + file, std::ios::binary);
    std::stringstream page;
    page << page_in.rdbuf();
    auto a = ParseHtmlArticle(file, file, page.str(), {});
    ASSERT_TRUE(a.has_value()) << a.error().ToString();
    EXPECT_EQ(Nfc(a->title), Nfc(want["title"])) << file;
    EXPECT_EQ(Nfc(a->lead), Nfc(want["lead"])) << file;
    std::string body;
    for (const auto& p : want["body"]) body += (body.empty() ? "" : "\n") + p.get<std::string>();
    EXPECT_EQ(Nfc(a->body), Nfc(body)) << file;
    std::vector<std::string> captions;
    for (const auto& c : a->captions) captions.push_back(Nfc(c));
    std::vector<std::string> want_captions;
    for (const auto& c : want["captions"]) want_captions.push_back(Nfc(c));
    EXPECT_EQ(captions, want_captions) << file;
    EXPECT_EQ(Nfc(a->author), Nfc(want["author"])) << file;
    EXPECT_EQ(a->date ? a->date->ToString() : "", want["date"]) << file;
    EXPECT_EQ(a->time, want["time"]) << file;
    EXPECT_EQ(a->url, want["url"]) << file;
    EXPECT_EQ(Nfc(a->source), Nfc(want["source"])) << file;
  }
}

}  // namespace
}  // namespace bantin::web
