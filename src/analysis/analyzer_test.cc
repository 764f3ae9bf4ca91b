#include "bantin/analyzer.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace bantin {
namespace {

class AnalyzerTest : public ::testing::Test {
 protected:
  std::unique_ptr<Analyzer> analyzer_ = Analyzer::Create().value();
};

TEST_F(AnalyzerTest, TokensCarryKindsAndForms) {
  std::string text = "Ngày 2/12, Tổng thống Putin tiếp ông Witkoff tại Điện Kremlin. Hoà bình!";
  Analysis a = analyzer_->AnalyzeText(text);
  ASSERT_EQ(a.sentences.size(), 2u);
  struct Want { const char* text; TokenKind kind; const char* norm; const char* fold; };
  const Want want[] = {
      {"Ngày", TokenKind::kSyllable, "ngày", "ngay"},
      {"2/12", TokenKind::kNumber, "2/12", "2/12"},
      {",", TokenKind::kPunct, ",", ","},
      {"Tổng", TokenKind::kSyllable, "tổng", "tong"},
      {"thống", TokenKind::kSyllable, "thống", "thong"},
      {"Putin", TokenKind::kForeign, "putin", "putin"},
      {"tiếp", TokenKind::kSyllable, "tiếp", "tiep"},
      {"ông", TokenKind::kSyllable, "ông", "ong"},
      {"Witkoff", TokenKind::kForeign, "witkoff", "witkoff"},
      {"tại", TokenKind::kSyllable, "tại", "tai"},
      {"Điện", TokenKind::kSyllable, "điện", "dien"},
      {"Kremlin", TokenKind::kForeign, "kremlin", "kremlin"},
      {".", TokenKind::kPunct, ".", "."},
      {"Hoà", TokenKind::kSyllable, "hòa", "hoa"},
      {"bình", TokenKind::kSyllable, "bình", "binh"},
      {"!", TokenKind::kPunct, "!", "!"},
  };
  ASSERT_EQ(a.tokens.size(), std::size(want));
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const AnalyzedToken& t = a.tokens[i];
    EXPECT_EQ(text.substr(t.begin, t.end - t.begin), want[i].text);
    EXPECT_EQ(t.kind, want[i].kind) << want[i].text;
    EXPECT_EQ(t.norm, want[i].norm);
    EXPECT_EQ(t.fold, want[i].fold);
  }
}

TEST_F(AnalyzerTest, ArticleOffsetsPointIntoItsText) {
  Article article;
  article.text = "date 2025-01-02 Tiêu đề\n\nMở đầu. Câu hai.\n\nMinh\n";
  auto span = [&](std::string_view part) {
    auto b = static_cast<uint32_t>(article.text.find(part));
    return std::pair<uint32_t, uint32_t>{b, b + static_cast<uint32_t>(part.size())};
  };
  auto [title_b, title_e] = span("Tiêu đề");
  auto [lead_b, lead_e] = span("Mở đầu. Câu hai.");
  article.paragraphs = {{ParagraphKind::kTitle, title_b, title_e},
                        {ParagraphKind::kLead, lead_b, lead_e}};
  Analysis a = analyzer_->Analyze(article);
  ASSERT_EQ(a.sentences.size(), 3u);
  std::string_view text = article.text;
  EXPECT_EQ(text.substr(a.sentences[0].begin, a.sentences[0].end - a.sentences[0].begin), "Tiêu đề");
  EXPECT_EQ(text.substr(a.sentences[2].begin, a.sentences[2].end - a.sentences[2].begin), "Câu hai.");
  EXPECT_EQ(text.substr(a.tokens[0].begin, a.tokens[0].end - a.tokens[0].begin), "Tiêu");
}

TEST_F(AnalyzerTest, ScanCountsWhatAnalyzeFinds) {
  std::string text = "Đàm phán hòa bình. Nga và Mỹ gặp nhau tại Istanbul hôm 10/4.\nDòng mới";
  Analysis a = analyzer_->AnalyzeText(text);
  Analyzer::Counts c = analyzer_->Scan(text);
  EXPECT_EQ(c.tokens, a.tokens.size());
  EXPECT_EQ(c.sentences, a.sentences.size());
  size_t folded = 0;
  for (const auto& t : a.tokens) {
    if (t.kind == TokenKind::kSyllable || t.kind == TokenKind::kForeign) folded += t.fold.size();
  }
  EXPECT_EQ(c.folded_bytes, folded);
}

constexpr char kSeedSentence[] =
    "Phái đoàn Nga do ông Alexandr Darchiev, đại sứ mới được bổ nhiệm của Moskva tại "
    "Washington, dẫn đầu.";

TEST_F(AnalyzerTest, SegmentsTheSeedSentenceAsVlspDoes) {
  EXPECT_EQ(analyzer_->SegmentLine(kSeedSentence),
            "Phái_đoàn Nga do ông Alexandr_Darchiev , đại_sứ mới được bổ_nhiệm của Moskva tại "
            "Washington , dẫn_đầu .");
}

// All-caps headlines and text typed without diacritics keep the same word boundaries.
TEST_F(AnalyzerTest, SegmentationIsRobustToCaseAndMissingDiacritics) {
  auto boundaries = [&](const std::string& s) {
    std::vector<std::pair<uint32_t, uint32_t>> out;
    Analysis a = analyzer_->AnalyzeText(s);
    for (const Word& w : a.words) out.emplace_back(w.first_token, w.token_count);
    return out;
  };
  auto expected = boundaries(kSeedSentence);
  EXPECT_EQ(boundaries("PHÁI ĐOÀN NGA DO ÔNG ALEXANDR DARCHIEV, ĐẠI SỨ MỚI ĐƯỢC BỔ NHIỆM CỦA "
                       "MOSKVA TẠI WASHINGTON, DẪN ĐẦU."),
            expected);
  // Typed without diacritics (capitals kept, as people type names).
  EXPECT_EQ(boundaries("Phai doan Nga do ong Alexandr Darchiev, dai su moi duoc bo nhiem cua "
                       "Moskva tai Washington, dan dau."),
            expected);
}

TEST_F(AnalyzerTest, WordsCoverEveryTokenWithinSentences) {
  std::string text = "Ngày 2/12, Tổng thống Nga Vladimir Putin đã tiếp đặc phái viên Steve "
                     "Witkoff tại Điện Kremlin. Hai bên thảo luận về kế hoạch hòa bình.\nDòng hai";
  Analysis a = analyzer_->AnalyzeText(text);
  size_t next = 0;
  size_t sentence = 0;
  for (const Word& w : a.words) {
    ASSERT_EQ(w.first_token, next);
    ASSERT_GE(w.token_count, 1u);
    next += w.token_count;
    EXPECT_EQ(w.begin, a.tokens[w.first_token].begin);
    EXPECT_EQ(w.end, a.tokens[w.first_token + w.token_count - 1].end);
    while (a.sentences[sentence].end <= w.begin) ++sentence;
    EXPECT_LE(w.end, a.sentences[sentence].end) << "a word crosses a sentence end";
  }
  EXPECT_EQ(next, a.tokens.size());
  auto word_text = [&](size_t i) {
    return text.substr(a.words[i].begin, a.words[i].end - a.words[i].begin);
  };
  std::vector<std::string> words;
  for (size_t i = 0; i < a.words.size(); ++i) words.push_back(word_text(i));
  EXPECT_NE(std::find(words.begin(), words.end(), "Vladimir Putin"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "Tổng thống"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "hòa bình"), words.end());
}

TEST_F(AnalyzerTest, WithoutWordsNoModelIsNeeded) {
  AnalyzerOptions o;
  o.words = false;
  o.segmenter_model = "/no/such/model";  // not read
  auto a = Analyzer::Create(o);
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  EXPECT_TRUE((*a)->AnalyzeText("Đàm phán hòa bình").words.empty());
  AnalyzerOptions bad;
  bad.segmenter_model = "/no/such/model";
  auto b = Analyzer::Create(bad);
  ASSERT_FALSE(b.has_value());
  EXPECT_TRUE(b.error().IsNotFound());
}

TEST_F(AnalyzerTest, PublicUtf8Helpers) {
  EXPECT_EQ(FindInvalidUtf8("hòa"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("h\xFF"), 1u);
  size_t n = 0;
  EXPECT_EQ(ReplaceInvalidUtf8("h\xFF", &n), "h\uFFFD");
  EXPECT_EQ(n, 1u);
}

}  // namespace
}  // namespace bantin
