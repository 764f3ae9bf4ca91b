#include "text/normalizer.h"

#include <gtest/gtest.h>

namespace bantin::text {
namespace {

class NormalizerTest : public ::testing::Test {
 protected:
  std::unique_ptr<Normalizer> n_ = Normalizer::Create().value();
};

TEST_F(NormalizerTest, NormalizeTable) {
  const std::pair<std::string, std::string> cases[] = {
      {"Hoà bình", "Hòa bình"},
      {"sức khoẻ", "sức khỏe"},
      {"thuỷ điện Hoà Bình", "thủy điện Hòa Bình"},
      {"ĐÀM PHÁN HOÀ BÌNH", "ĐÀM PHÁN HÒA BÌNH"},                     // all-caps headline
      {"Ho\xCC\x80" "a bi\xCC\x80nh", "Hòa bình"},                      // NFD, old style
      {"Vie\xCC\xA3\xCC\x82t Nam", "Việt Nam"},                         // NFD, marks reordered
      {"hoàn thành, quý, Quỳnh, khuya, giữ, thuở", "hoàn thành, quý, Quỳnh, khuya, giữ, thuở"},
      {"TP.HCM, ngày 2/9/1945", "TP.HCM, ngày 2/9/1945"},
      {"Tom &amp; Jerry &#39;", "Tom &amp; Jerry &#39;"},               // entities kept as text
      {"Zürich, café, São Paulo", "Zürich, café, São Paulo"},
      {"Ðặng Hải Lý, ðường Ðan", "Đặng Hải Lý, đường Đan"},           // eth for đ, repaired
      {"Ðoðo, Ísland", "Ðoðo, Ísland"},                               // not Vietnamese: kept
      {"", ""},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(n_->Normalize(in), want) << in;
}

TEST_F(NormalizerTest, FoldTable) {
  const std::pair<std::string, std::string> cases[] = {
      {"Đàm phán", "dam phan"},
      {"ĐƯỜNG, đương, dương", "duong, duong, duong"},
      {"Thuỷ", "thuy"},
      {"Hoà = hòa", "hoa = hoa"},
      {"Ho\xCC\x80" "a", "hoa"},  // NFD
      {"NGHIÊNG NGẢ", "nghieng nga"},
      {"TP. Hồ Chí Minh", "tp. ho chi minh"},
      {"Zürich São", "zurich sao"},
      {"Москва", "москва"},
      {"“Nga” – Mỹ", "“nga” – my"},
      {"Ðặng ðường", "dang duong"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(n_->Fold(in), want) << in;
}

TEST_F(NormalizerTest, NameKeys) {
  struct Case { const char* name; const char* exact; const char* folded; };
  const Case cases[] = {
      {"Hoa Kỳ", "hoa kỳ", "hoa ky"},
      {"  HOA \t KỲ ", "hoa kỳ", "hoa ky"},
      {"Thuỷ Điện", "thủy điện", "thuy dien"},  // old tone placement, đ
      {"Mát-xcơ-va", "mát-xcơ-va", "mat-xco-va"},
      {"UNITED STATES", "united states", "united states"},
      {"", "", ""},
  };
  std::string exact, folded;
  for (const Case& c : cases) {
    n_->NameKeys(c.name, &exact, &folded);
    EXPECT_EQ(exact, c.exact) << c.name;
    EXPECT_EQ(folded, c.folded) << c.name;
  }
}

TEST_F(NormalizerTest, WordForms) {
  struct Case { const char* word; const char* norm; const char* fold; bool vietnamese; };
  const Case cases[] = {
      {"HOÀ", "hòa", "hoa", true},      {"Đàm", "đàm", "dam", true},
      {"Putin", "putin", "putin", false}, {"Thuỷ", "thủy", "thuy", true},
      {"Ho\xCC\x80" "a", "hòa", "hoa", true}, {"Mỹ", "mỹ", "my", true},
      {"5G", "5g", "5g", false},          {"O'Brien", "o'brien", "o'brien", false},
  };
  std::string norm, fold;
  for (const Case& c : cases) {
    EXPECT_EQ(n_->WordForms(c.word, &norm, &fold), c.vietnamese) << c.word;
    EXPECT_EQ(norm, c.norm) << c.word;
    EXPECT_EQ(fold, c.fold) << c.word;
  }
}

TEST_F(NormalizerTest, FastPathAgreesWithIcu) {
  EXPECT_TRUE(n_->IsFastNfc("Đàm phán hòa bình tại Istanbul"));
  EXPECT_FALSE(n_->IsFastNfc("Ho\xCC\x80" "a"));
  // Normalizing twice changes nothing (idempotence), NFD or not.
  for (const char* s : {"Hoà bình", "Ho\xCC\x80" "a", "THUỶ", "Quỳnh khuya"}) {
    std::string once = n_->Normalize(s);
    EXPECT_EQ(n_->Normalize(once), once) << s;
    EXPECT_EQ(n_->Fold(once), n_->Fold(s)) << s;
  }
}

}  // namespace
}  // namespace bantin::text
