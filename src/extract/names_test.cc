#include "extract/names.h"

#include <gtest/gtest.h>

#include "bantin/extract.h"
#include "extract/test_seeds.h"

namespace bantin {
namespace {

using testing_seeds::FromText;

using extract::NameCounter;
using extract::NameLexicon;


TEST(NameLexiconTest, ParsesNamesAndSurnames) {
  auto lex = NameLexicon::Parse("# bantin names 1\nN\tvinamilk\tORG\t12\nN\tan giang\tLOC\t3\nS\tnguyễn\t70\n", "x");
  ASSERT_TRUE(lex.has_value()) << lex.error().ToString();
  ASSERT_NE(lex->Find("vinamilk"), nullptr);
  EXPECT_EQ(*lex->Find("vinamilk"), EntityType::kOrganization);
  EXPECT_EQ(*lex->Find("an giang"), EntityType::kLocation);
  EXPECT_EQ(lex->Find("Vinamilk"), nullptr);  // keys are lowercase
  EXPECT_TRUE(lex->Surname("nguyễn"));
  EXPECT_FALSE(lex->Surname("vinamilk"));
  EXPECT_EQ(lex->size(), 2u);
}

TEST(NameLexiconTest, BadLinesAreNamed) {
  auto bad_header = NameLexicon::Parse("N\ta\tORG\t1\n", "lex.tsv");
  ASSERT_FALSE(bad_header.has_value());
  EXPECT_NE(bad_header.error().ToString().find("lex.tsv:1"), std::string::npos) << bad_header.error().ToString();
  auto bad_type = NameLexicon::Parse("# bantin names 1\nN\ta\tORG\t1\nN\tb\tXYZ\t1\n", "lex.tsv");
  ASSERT_FALSE(bad_type.has_value());
  EXPECT_NE(bad_type.error().ToString().find("lex.tsv:3"), std::string::npos) << bad_type.error().ToString();
  auto bad_count = NameLexicon::Parse("# bantin names 1\nS\tnguyễn\tmany\n", "lex.tsv");
  ASSERT_FALSE(bad_count.has_value());
  EXPECT_NE(bad_count.error().ToString().find("lex.tsv:2"), std::string::npos);
  EXPECT_FALSE(NameLexicon::Parse("", "lex.tsv").has_value());
}

TEST(NameCounterTest, KeepsNamesTypedOftenOneWayAndCapitalized) {
  NameCounter c;
  for (int doc = 0; doc < 4; ++doc) {
    c.Add({{"vinamilk", EntityType::kOrganization}, {"vinamilk", EntityType::kOrganization},
           {"theo", EntityType::kLocation}, {"hòa bình", doc < 2 ? EntityType::kLocation : EntityType::kPerson}},
          {"nguyễn"}, {"chính"}, {{"nguyễn văn an", "nguyễn"}});
  }
  c.Add({{"hiếm", EntityType::kPerson}}, {}, {}, {});
  c.Add({{"nguyễn văn an", EntityType::kPerson}}, {"chính"}, {}, {});
  for (int i = 0; i < 9; ++i) c.Cased("theo", false);  // "theo" is written lowercase inside sentences
  c.Cased("theo", true);
  c.Cased("vinamilk", true);
  c.Cased("unknown", true);  // not a name: not counted
  const std::string model = c.Model(/*min_docs=*/3, /*min_share=*/0.8, /*min_surname=*/2, /*min_capitalized=*/0.8);
  auto lex = NameLexicon::Parse(model, "model");
  ASSERT_TRUE(lex.has_value()) << model;
  EXPECT_NE(lex->Find("vinamilk"), nullptr);  // 4 articles, all ORG (counted once per article)
  EXPECT_EQ(lex->Find("theo"), nullptr);      // mostly lowercase
  EXPECT_EQ(lex->Find("hòa bình"), nullptr);  // 2 LOC, 2 PER: no type dominates
  EXPECT_EQ(lex->Find("hiếm"), nullptr);      // one article
  EXPECT_TRUE(lex->Surname("nguyễn"));
  EXPECT_FALSE(lex->Surname("chính"));  // starts other names as often as people's
  EXPECT_EQ(model.find("N\tvinamilk\tORG\t4\n"), model.find("N\tvinamilk"));
}

TEST(NameLearnerTest, LearnsFromCuesAndIsDeterministic) {
  const std::vector<std::string> texts = {
      "Doanh thu của hãng Zentrova tăng mạnh. Ông Phạm Quang Lâm cho biết Zentrova sẽ mở rộng.",
      "Cổ phiếu của hãng Zentrova giảm. Ông Phạm Quang Lâm nói thị trường khó khăn.",
      "Theo hãng Zentrova, ông Phạm Quang Lâm sẽ nghỉ hưu tại tỉnh Lào Cai.",
  };
  auto learn = [&] {
    auto learner = NameLearner::Create().value();
    for (const auto& t : texts) learner->Add(FromText(t));
    for (const auto& t : texts) learner->Count(FromText(t));
    return learner->Model(3, 0.8, 3, 0.8);
  };
  const std::string model = learn();
  EXPECT_NE(model.find("N\tzentrova\tORG\t3\n"), std::string::npos) << model;
  EXPECT_NE(model.find("N\tphạm quang lâm\tPER\t3\n"), std::string::npos) << model;
  EXPECT_NE(model.find("S\tphạm\t3\n"), std::string::npos) << model;
  EXPECT_EQ(model.find("\ttheo\t"), std::string::npos) << model;
  EXPECT_EQ(learn(), model);
}

TEST(EntityExtractorTest, LearnedNamesTypeNamesWithoutCues) {
  // The rules' layer (the entity model reads its output as features; entities_test.cc tests
  // the two together).
  EntityOptions lexicon;
  lexicon.use_model = false;
  auto with = EntityExtractor::Create(lexicon).value();
  EntityOptions rules_only = lexicon;
  rules_only.learned_names = false;
  auto without = EntityExtractor::Create(rules_only).value();
  auto types = [](EntityExtractor& e, const std::string& text) {
    std::map<std::string, std::string> out;
    for (const Entity& x : e.Extract(FromText(text))) out[x.text] = std::string(EntityTypeName(x.type));
    return out;
  };
  // A Vietnamese full name with no title or honorific: its surname is a learned one.
  const std::string text = "Trong buổi họp, Nguyễn Thị Hồng Nhung phát biểu về kế hoạch.";
  EXPECT_EQ(types(*without, text).count("Nguyễn Thị Hồng Nhung"), 0u);
  EXPECT_EQ(types(*with, text)["Nguyễn Thị Hồng Nhung"], "PER");
  // Company names the corpus types with cues ("hãng Toyota", "Tập đoàn Vingroup").
  const std::string brands = "Năm ngoái, Toyota bán được nhiều xe hơn cả năm trước.";
  EXPECT_EQ(types(*without, brands).count("Toyota"), 0u);
  EXPECT_EQ(types(*with, brands)["Toyota"], "ORG");
  // Acronyms that name no organisation stay unnamed even if the lexicon knew them.
  EXPECT_EQ(types(*with, "Tăng trưởng GDP đạt 7%.").count("GDP"), 0u);
}

}  // namespace
}  // namespace bantin
