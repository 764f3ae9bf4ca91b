#include "text/syllable.h"

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "text/tokenizer.h"
#include "text/utf8.h"

namespace bantin::text {
namespace {

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = kReplacementChar;
    size_t len = DecodeUtf8(s.data() + i, s.size() - i, &cp);
    out.push_back(cp);
    i += len == 0 ? 1 : len;
  }
  return out;
}
std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}
std::string Canonical(std::string_view word) {
  std::u32string w = Decode(word);
  CanonicalizeTone(w.data(), w.size(), CharTable::Get());
  return Encode(w);
}
bool IsSyllable(std::string_view word) {
  std::u32string w = Decode(word);
  SyllableShape shape;
  return ParseSyllable(w.data(), w.size(), CharTable::Get(), &shape);
}

TEST(SyllableTest, OldStyleMovesToNewStyle) {
  const std::pair<const char*, const char*> cases[] = {
      {"hoà", "hòa"},   {"Hoà", "Hòa"},   {"HOÀ", "HÒA"},   {"hoá", "hóa"},   {"hoả", "hỏa"},
      {"hoã", "hõa"},   {"hoạ", "họa"},   {"khoẻ", "khỏe"}, {"KHOẺ", "KHỎE"}, {"loè", "lòe"},
      {"thuỷ", "thủy"}, {"Thuỷ", "Thủy"}, {"tuỳ", "tùy"},   {"uỷ", "ủy"},     {"Uỷ", "Ủy"},
      {"thuỵ", "thụy"}, {"toà", "tòa"},   {"xoè", "xòe"},   {"luỹ", "lũy"},   {"oà", "òa"},
      {"cuả", "của"},   {"muà", "mùa"},   {"mià", "mìa"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(Canonical(in), want) << in;
}

TEST(SyllableTest, CanonicalWordsStayUnchanged) {
  const char* words[] = {
      "hòa",   "khỏe",  "thủy",   "hoàn",   "quý",    "quỳnh", "khuya", "giữ",   "thuở",
      "Quý",   "QUỲNH", "GIỮ",    "già",    "gìn",    "gì",    "quà",   "quạ",   "của",
      "mùa",   "người", "nguyễn", "Nguyễn", "hoạch",  "khuỷu", "ngoài", "xoáy",  "thuế",
      "muốn",  "tiếng", "yến",    "cứu",    "đầu",    "mọi",   "chịu",  "ngoẹo", "chuyện",
      "huỳnh", "hoặc",  "khoảng", "quyết",  "giường", "hươu",  "giếng", "oái",   "ủy",
      "hòa",   "Putin", "Hoa",    "mưa",    "cửa",    "tưới",  "gửi",   "yêu",   "hoài",
  };
  for (const char* w : words) EXPECT_EQ(Canonical(w), w) << w;
}

TEST(SyllableTest, TwoMarksOrForeignWordsAreLeftAlone) {
  EXPECT_EQ(Canonical("hoàá"), "hoàá");
  EXPECT_EQ(Canonical("Zürich"), "Zürich");
  EXPECT_EQ(Canonical("café"), "café");
  EXPECT_EQ(Canonical("Hồ"), "Hồ");
}

TEST(SyllableTest, RecognisesVietnameseSyllables) {
  for (const char* w : {"Nga", "đàm", "phán", "nghiêng", "Mỹ", "NGƯỜI", "khuya", "quốc", "gì",
                        "xoong", "hoặc", "Thổ", "Nhĩ", "Kỳ", "ông", "ở", "ạ", "uống"}) {
    EXPECT_TRUE(IsSyllable(w)) << w;
  }
  for (const char* w : {"Putin", "TASS", "Moskva", "NATO", "Ukraine", "Washington", "Trump",
                        "Kremlin", "Alexandr", "Biden", "Joe", "Bruce", "Lea", "2025", "a1",
                        "Zürich", "Witkoff", "Istanbul"}) {
    EXPECT_FALSE(IsSyllable(w)) << w;
  }
}

// Over the 74k-entry Vietnamese word list: canonicalization is idempotent and nearly every
// syllable of a Vietnamese word parses as one (what fails is loanwords: axit, clo, prô).
TEST(SyllableTest, LexiconSyllablesParseAndAreStable) {
  std::ifstream in(BANTIN_SHARED_DIR "/data/lexicon/viet74k.txt");
  if (!in) GTEST_SKIP() << "../shared/data/lexicon/viet74k.txt not present";
  std::string line;
  size_t total = 0, parsed = 0;
  while (std::getline(in, line)) {
    std::vector<Token> tokens;
    Tokenize(line, &tokens);
    for (const Token& t : tokens) {
      if (t.kind != TokenKind::kWord) continue;
      std::string syl = line.substr(t.begin, t.end - t.begin);
      ++total;
      parsed += IsSyllable(syl);
      std::string once = Canonical(syl);
      ASSERT_EQ(Canonical(once), once) << syl;
    }
  }
  ASSERT_GT(total, 100000u);
  EXPECT_GT(static_cast<double>(parsed) / total, 0.99) << parsed << "/" << total;
}

}  // namespace
}  // namespace bantin::text
