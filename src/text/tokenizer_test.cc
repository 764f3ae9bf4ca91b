#include "text/tokenizer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bantin::text {
namespace {

const char* KindName(TokenKind k) {
  switch (k) {
    case TokenKind::kWord: return "w";
    case TokenKind::kNumber: return "n";
    case TokenKind::kPunct: return "p";
    case TokenKind::kSymbol: return "s";
    case TokenKind::kUrl: return "url";
    case TokenKind::kEmail: return "email";
  }
  return "?";
}

// "text/kind" for each token, joined by " | ".
std::string Show(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += " | ";
    out += std::string(text.substr(t.begin, t.end - t.begin)) + "/" + KindName(t.kind);
  }
  return out;
}

TEST(TokenizerTest, Table) {
  const std::pair<std::string, std::string> cases[] = {
      {"Ngày 2/12, ông Putin", "Ngày/w | 2/12/n | ,/p | ông/w | Putin/w"},
      {"ngày 2025-12-24.", "ngày/w | 2025-12-24/n | ./p"},
      {"24.000 người, tăng 3,5%", "24.000/n | người/w | ,/p | tăng/w | 3,5/n | %/p"},
      {"ngày 2/9/1945 lúc 10:30", "ngày/w | 2/9/1945/n | lúc/w | 10:30/n"},
      {"19/12, …", "19/12/n | ,/p | …/p"},
      {"TP.HCM", "TP/w | ./p | HCM/w"},
      {"TP. HCM", "TP/w | ./p | HCM/w"},
      {"Mát-xcơ-va", "Mát/w | -/p | xcơ/w | -/p | va/w"},
      {"Á-Âu", "Á/w | -/p | Âu/w"},
      {"xem https://dantri.com.vn/a-b.htm.", "xem/w | https://dantri.com.vn/a-b.htm/url | ./p"},
      {"(www.baomoi.com)", "(/p | www.baomoi.com/url | )/p"},
      {"gửi toasoan@dantri.com.vn.", "gửi/w | toasoan@dantri.com.vn/email | ./p"},
      {"mạng 5G, 20h30", "mạng/w | 5G/w | ,/p | 20h30/w"},
      {"O'Brien và O’Neil", "O'Brien/w | và/w | O’Neil/w"},
      {"‘di sản độc hại’", "‘/p | di/w | sản/w | độc/w | hại/w | ’/p"},
      {"Chờ đã... Rồi", "Chờ/w | đã/w | .../p | Rồi/w"},
      {"Ho\xCC\x80" "a", "Ho\xCC\x80" "a/w"},
      {"a\xFF" "b", "a/w | \xFF/s | b/w"},
      {"Tom &amp; Jerry", "Tom/w | &/p | amp/w | ;/p | Jerry/w"},
      {"U23 Việt Nam", "U23/w | Việt/w | Nam/w"},
      {"\xEF\xBB\xBFTin", "Tin/w"},
      {"", ""},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(Show(in), want) << in;
}

TEST(TokenizerTest, MarksNewlinesAndCase) {
  std::string text = "Một dòng\nHai\n\nba";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_FALSE(tokens[0].newline_before);
  EXPECT_TRUE(tokens[0].upper_first);
  EXPECT_FALSE(tokens[1].newline_before);
  EXPECT_TRUE(tokens[2].newline_before);
  EXPECT_TRUE(tokens[3].newline_before);
  EXPECT_FALSE(tokens[3].upper_first);
}

TEST(TokenizerTest, OffsetsCoverEveryNonSpaceByteOnce) {
  std::string text = "Đàm phán “hòa bình” tại Istanbul, Thổ Nhĩ Kỳ hôm 10/4.\tX\xE2\x80\x8BY";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  uint32_t prev_end = 0;
  for (const Token& t : tokens) {
    ASSERT_LE(prev_end, t.begin);
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, text.size());
    prev_end = t.end;
  }
}

}  // namespace
}  // namespace bantin::text
