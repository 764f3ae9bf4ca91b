#include <filesystem>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "bantin/extract.h"
#include "bantin/reader.h"
#include "extract/test_seeds.h"

namespace bantin {
namespace {

using testing_seeds::FromText;

using testing_seeds::ReadSeed;
using testing_seeds::SeedPath;

using Found = std::tuple<std::string, std::string, std::string>;  // text, type, canonical

EntityExtractor& Extractor() {
  static auto e = EntityExtractor::Create().value();
  return *e;
}

std::set<Found> Entities(const Article& a, std::map<std::string, std::string>* roles = nullptr) {
  std::set<Found> out;
  for (const Entity& e : Extractor().Extract(a)) {
    EXPECT_EQ(a.text.substr(e.begin, e.end - e.begin), e.text);
    out.emplace(e.text, std::string(EntityTypeName(e.type)), e.canonical);
    if (roles != nullptr && !e.role.empty()) (*roles)[e.text] = e.role;
  }
  return out;
}


TEST(EntitiesTest, GazetteerIsBuiltFromIcuAndIsoCodes) {
  const std::string g = Extractor().GazetteerText();
  EXPECT_NE(g.find("United States\tcountry\tUS\tHoa Kỳ"), std::string::npos);
  EXPECT_NE(g.find("Moscow\tcity\tRU\tMát-xcơ-va\tMoscow\tMoskva"), std::string::npos);
  if (std::filesystem::exists("/usr/share/iso-codes/json/iso_3166-1.json")) {
    EXPECT_NE(g.find("\tMỹ"), std::string::npos);  // iso-codes' Vietnamese name of US
  }
}

TEST(EntitiesTest, Rules) {
  auto got = Entities(FromText("Tổng thống Putin gặp ông Witkoff tại Mát-xcơ-va. Ông Putin nói với hãng TASS."));
  EXPECT_TRUE(got.count({"Mát-xcơ-va", "LOC", "Moscow"}));
  EXPECT_TRUE(got.count({"TASS", "ORG", "TASS"}));
  EXPECT_TRUE(got.count({"Putin", "PER", "Putin"}));
  EXPECT_TRUE(got.count({"Witkoff", "PER", "Witkoff"}));
  // Currency codes and abbreviations such as "SN" (sinh năm) are no organisations.
  auto money = Entities(FromText("Giá 24.000 USD, ông A (SN 1980) nói với phóng viên của VTV."));
  EXPECT_FALSE(money.count({"USD", "ORG", "USD"}));
  EXPECT_FALSE(money.count({"SN", "ORG", "SN"}));
  EXPECT_TRUE(money.count({"VTV", "ORG", "VTV"}));
  // "thứ hai" is not a person; lower-case words are no entities.
  EXPECT_TRUE(Entities(FromText("lần thứ hai, các bên đàm phán.")).empty());
}

// Every person, place and organisation the seeds name, written down from reading them.
TEST(EntitiesTest, Seeds) {
  const std::string a = SeedPath("000_"), b = SeedPath("004_");
  if (a.empty() || b.empty()) GTEST_SKIP() << "../shared/data/seeds not found; skipping the seed tests";
  std::map<std::string, std::string> roles;
  auto first = Entities(ReadSeed(a), &roles);
  for (const Found& f : std::vector<Found>{
           {"Alexander Gusarov", "PER", "Alexander Gusarov"},
           {"Gusarov", "PER", "Alexander Gusarov"},
           {"Matthew Whitaker", "PER", "Matthew Whitaker"},
           {"Vladimir Putin", "PER", "Vladimir Putin"},
           {"Putin", "PER", "Vladimir Putin"},
           {"Steve Witkoff", "PER", "Steve Witkoff"},
           {"Donald Trump", "PER", "Donald Trump"},
           {"Jared Kushner", "PER", "Jared Kushner"},
           {"Nga", "LOC", "Russia"},
           {"Mỹ", "LOC", "United States"},
           {"Ukraine", "LOC", "Ukraine"},
           {"Moskva", "LOC", "Moscow"},
           {"Washington", "LOC", "Washington"},
           {"Kiev", "LOC", "Kyiv"},
           {"Anchorage", "LOC", "Anchorage"},
           {"Vụ Bắc Đại Tây Dương", "ORG", "Vụ Bắc Đại Tây Dương"},
           {"Bộ Ngoại giao Nga", "ORG", "Bộ Ngoại giao Nga"},
           {"TASS", "ORG", "TASS"},
           {"Tổ chức Hiệp ước Bắc Đại Tây Dương", "ORG", "Tổ chức Hiệp ước Bắc Đại Tây Dương"},
           {"NATO", "ORG", "NATO"},
           {"Điện Kremlin", "ORG", "Kremlin"},
       }) {
    EXPECT_TRUE(first.count(f)) << std::get<0>(f) << " " << std::get<1>(f) << " " << std::get<2>(f);
  }
  EXPECT_EQ(roles["Vladimir Putin"], "Tổng thống Nga");
  EXPECT_EQ(roles["Donald Trump"], "Tổng thống Mỹ");
  EXPECT_EQ(roles["Alexander Gusarov"], "Vụ trưởng Vụ Bắc Đại Tây Dương thuộc Bộ Ngoại giao Nga");
  roles.clear();
  auto second = Entities(ReadSeed(b), &roles);
  for (const Found& f : std::vector<Found>{
           {"Alexandr Darchiev", "PER", "Alexandr Darchiev"},
           {"Darchiev", "PER", "Alexandr Darchiev"},
           {"Sonata Coulter", "PER", "Sonata Coulter"},
           {"Maria Zakharova", "PER", "Maria Zakharova"},
           {"Tammy Bruce", "PER", "Tammy Bruce"},
           {"Bruce", "PER", "Tammy Bruce"},
           {"Donald Trump", "PER", "Donald Trump"},
           {"Joe Biden", "PER", "Joe Biden"},
           {"Nga", "LOC", "Russia"},
           {"Mỹ", "LOC", "United States"},
           {"Istanbul", "LOC", "Istanbul"},
           {"Thổ Nhĩ Kỳ", "LOC", "Turkey"},
           {"Moskva", "LOC", "Moscow"},
           {"Washington", "LOC", "Washington"},
           {"Ukraine", "LOC", "Ukraine"},
           {"châu Âu", "LOC", "Europe"},
           {"Á-Âu", "LOC", "Á-Âu"},
           {"Bộ Ngoại giao Nga", "ORG", "Bộ Ngoại giao Nga"},
           {"Tổng lãnh sự quán Nga", "ORG", "Tổng lãnh sự quán Nga"},
           {"Bộ Ngoại giao Mỹ", "ORG", "Bộ Ngoại giao Mỹ"},
           {"TASS", "ORG", "TASS"},
       }) {
    EXPECT_TRUE(second.count(f)) << std::get<0>(f) << " " << std::get<1>(f) << " " << std::get<2>(f);
  }
  EXPECT_EQ(roles["Maria Zakharova"], "Người phát ngôn Bộ Ngoại giao Nga");
  EXPECT_EQ(roles["Tammy Bruce"], "Người phát ngôn Bộ Ngoại giao Mỹ");
  EXPECT_EQ(roles["Joe Biden"], "cựu Tổng thống Mỹ");
}

}  // namespace
}  // namespace bantin
