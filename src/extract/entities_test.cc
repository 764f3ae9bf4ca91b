#include <algorithm>
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
  auto names = Canonicalizer::Shared();
  ASSERT_TRUE(names.has_value()) << names.error().ToString();
  const std::string g = (*names)->GazetteerText();
  EXPECT_NE(g.find("\tMoscow\tcity\tRU\t"), std::string::npos);
  EXPECT_NE(g.find("\tMát-xcơ-va"), std::string::npos);
  EXPECT_NE(g.find("\tMoskva"), std::string::npos);  // romanized from Russian
  EXPECT_NE(g.find("Nga\tRussia\tcountry\tRU\tNga\tRussia"), std::string::npos);
  if (std::filesystem::exists("/usr/share/iso-codes/json/iso_3166-1.json")) {
    EXPECT_NE(g.find("Mỹ\tUnited States\tcountry\tUS\tMỹ\t"), std::string::npos);  // iso-codes'
  }
}

// Canonical names are what Vietnamese news writes; every other name finds them.
TEST(EntitiesTest, CanonicalNamesAreVietnameseAndEveryNameFindsThem) {
  auto shared = Canonicalizer::Shared();
  ASSERT_TRUE(shared.has_value()) << shared.error().ToString();
  const Canonicalizer& names = **shared;
  EXPECT_EQ(Canonicalizer::Shared().value().get(), &names);  // one instance
  if (std::filesystem::exists("/usr/share/iso-codes/json/iso_3166-1.json")) {
    for (const char* name : {"Mỹ", "Hoa Kỳ", "United States", "UNITED STATES", "hoa ky", "Hoa  Kỳ"}) {
      EXPECT_EQ(names.Place(name), "Mỹ") << name;
    }
    EXPECT_EQ(names.Country("US"), "Mỹ");
  }
  EXPECT_EQ(names.Place("Russia"), "Nga");
  EXPECT_EQ(names.Place("Vietnam"), "Việt Nam");
  EXPECT_EQ(names.Place("Cần Thơ"), "Cần Thơ");
  EXPECT_EQ(names.Place("Europe"), "Châu Âu");
  EXPECT_EQ(names.Place("France"), "Pháp");  // not "France", nor "Cộng hoà Pháp"
  EXPECT_EQ(names.Place("Japan"), "Nhật Bản");
  EXPECT_EQ(names.Place("Thuỷ Điển"), "Thụy Điển");  // old tone placement
  EXPECT_EQ(names.Place("Vladimir Putin"), "");
  const std::string moscow = names.Place("Mát-xcơ-va");
  EXPECT_EQ(names.Place("Moskva"), moscow);
  EXPECT_EQ(names.Place("Moscow"), moscow);
  EXPECT_EQ(names.CountryOf(moscow), "Nga");
  EXPECT_EQ(names.CountryOf("Nga"), "");
  const auto russia = names.Names("Nga");
  ASSERT_FALSE(russia.empty());
  EXPECT_EQ(russia[0], "Nga");
  EXPECT_NE(std::find(russia.begin(), russia.end(), "Russian Federation"), russia.end());
  EXPECT_EQ(names.Names("Vladimir Putin"), std::vector<std::string>{"Vladimir Putin"});
  // An article's aliases: the place's names, its country's, the mentions' texts; each once.
  Entity city, putin;
  city.text = "Mát-xcơ-va";
  city.canonical = moscow;
  city.country = "Nga";
  putin.text = "Putin";
  putin.canonical = "Vladimir Putin";
  Event e;
  e.source = "Vladimir Putin";
  e.target = "Nga";
  std::set<std::pair<std::string, std::string>> got;
  for (const EntityAlias& a : names.Aliases({city, putin, putin}, {e})) {
    EXPECT_TRUE(got.emplace(a.canonical, a.name).second) << a.name;
    if (a.name == "Russian Federation") {
      EXPECT_EQ(a.folded, "russian federation");
    }
    if (a.name == "Mát-xcơ-va") {
      EXPECT_EQ(a.folded, "mat-xco-va");
    }
  }
  EXPECT_TRUE(got.count({moscow, "Moskva"}));
  EXPECT_TRUE(got.count({"Nga", "Russia"}));
  EXPECT_TRUE(got.count({"Vladimir Putin", "Putin"}));
  EXPECT_TRUE(got.count({"Vladimir Putin", "Vladimir Putin"}));
}

// English names, for exports that English tools read: places from the gazetteer, organisations
// from the lexicon (alone or with a place after them), anything else without diacritics.
TEST(EntitiesTest, EnglishNames) {
  const Canonicalizer& names = *Canonicalizer::Shared().value();
  EXPECT_EQ(names.English("Mỹ"), "United States");
  EXPECT_EQ(names.English("Nga"), "Russia");
  EXPECT_EQ(names.English("Việt Nam"), "Vietnam");
  EXPECT_EQ(names.English("Liên Hợp Quốc"), "United Nations");
  EXPECT_EQ(names.English("Bộ Quốc phòng Nga"), "Russia Ministry of Defence");
  EXPECT_EQ(names.English("Bộ Quốc phòng Mỹ"), "US Department of Defense");  // its own line wins
  EXPECT_EQ(names.English("UBND tỉnh Quảng Nam"), "Quang Nam People's Committee");
  EXPECT_EQ(names.English("UBND xã"), "UBND xa");  // no place after the head: the name itself
  EXPECT_EQ(names.English("Nguyễn Phú Trọng"), "Nguyen Phu Trong");
  EXPECT_EQ(names.English("Đặng Thị Ngọc Thịnh"), "Dang Thi Ngoc Thinh");
  EXPECT_EQ(names.English("ĐẶNG"), "DANG");
  EXPECT_EQ(names.English("Vladimir Putin"), "Vladimir Putin");
  EXPECT_EQ(names.CountryCode("Nga"), "RUS");
  EXPECT_EQ(names.CountryCode(names.Place("Moscow")), "RUS");  // a city: its country's
  EXPECT_EQ(names.CountryCode("Liên Hợp Quốc"), "");
  EXPECT_EQ(names.CountryCode("Vladimir Putin"), "");
}

TEST(EntitiesTest, Rules) {
  auto got = Entities(FromText("Tổng thống Putin gặp ông Witkoff tại Mát-xcơ-va. Ông Putin nói với hãng TASS."));
  EXPECT_TRUE(got.count({"Mát-xcơ-va", "LOC", "Moskva"}));
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
  // "Điện Kremlin" is the Kremlin; "Điện Hà Nội" (Hanoi's power company) keeps its name: no
  // canonical name is cut to the place after "Điện" (it was " Hà Nội", space and all).
  for (const Found& f : Entities(FromText("Ngành Điện Hà Nội cho dựng hàng cột điện cao thế trên vỉa hè."))) {
    const std::string& canonical = std::get<2>(f);
    EXPECT_FALSE(canonical.empty() || canonical.front() == ' ' || canonical.back() == ' ') << "[" << canonical << "]";
    if (std::get<0>(f) == "Điện Hà Nội") {
      EXPECT_EQ(canonical, "Điện Hà Nội");
    }
  }
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
           {"Nga", "LOC", "Nga"},
           {"Mỹ", "LOC", "Mỹ"},
           {"Ukraine", "LOC", "Ukraine"},
           {"Moskva", "LOC", "Moskva"},
           {"Washington", "LOC", "Washington"},
           {"Kiev", "LOC", "Kiev"},
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
           {"Nga", "LOC", "Nga"},
           {"Mỹ", "LOC", "Mỹ"},
           {"Istanbul", "LOC", "Istanbul"},
           {"Thổ Nhĩ Kỳ", "LOC", "Thổ Nhĩ Kỳ"},
           {"Moskva", "LOC", "Moskva"},
           {"Washington", "LOC", "Washington"},
           {"Ukraine", "LOC", "Ukraine"},
           {"châu Âu", "LOC", "Châu Âu"},
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
