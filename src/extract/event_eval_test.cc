#include "bantin/event_eval.h"

#include <gtest/gtest.h>

namespace bantin {
namespace {

// "Putin gặp Hoa Kỳ. Putin gặp Trump." — byte offsets of the two "gặp".
Article Text() {
  Article a;
  a.id = "a";
  a.text = "Putin gặp Hoa Kỳ. Putin gặp Trump.";
  return a;
}
constexpr uint32_t kMeet1 = 6, kMeet2 = 28;
uint32_t End(uint32_t b) { return b + 4; }  // "gặp" is 4 bytes

Event Found(uint32_t trigger, std::string code, std::string source, std::string target, std::string date = "",
            std::string place = "") {
  Event e;
  e.code = std::move(code);
  e.source = std::move(source);
  e.target = std::move(target);
  e.date = std::move(date);
  e.place = std::move(place);
  e.trigger_begin = trigger;
  e.trigger_end = End(trigger);
  e.sentence_end = 38;
  return e;
}

GoldEvent Gold(std::string id, std::vector<uint32_t> triggers, std::string code, std::string source,
               std::string target, std::string date = "-") {
  GoldEvent g{std::move(id), {}, std::move(code), std::move(source), std::move(target), std::move(date), "-", "happened"};
  for (uint32_t t : triggers) g.triggers.emplace_back(t, End(t));
  return g;
}

TEST(EventScoreTest, FieldsAreComparedAsNamesAndRootsAndEmptyIsDash) {
  auto score = EventScore::Create().value();
  // Gold writes the country "Mỹ" and a sub-code; the system finds "Hoa Kỳ" and the root.
  score->Add(Text(), {Gold("E1", {kMeet1}, "042", "Putin", "Mỹ")}, {Found(kMeet1, "04", "putin", "Hoa Kỳ")});
  EXPECT_DOUBLE_EQ(score->FullyRight(), 100);
  EXPECT_DOUBLE_EQ(score->Precision(), 100);
  EXPECT_DOUBLE_EQ(score->Recall(), 100);
}

TEST(EventScoreTest, ARepeatOfOneGoldEventIsNotReal) {
  auto score = EventScore::Create().value();
  // One event reported in two sentences: one record is right, a second record is a repeat.
  std::string errors;
  score->Add(Text(), {Gold("E1", {kMeet1, kMeet2}, "04", "Putin", "Trump")},
             {Found(kMeet1, "04", "Putin", "Trump"), Found(kMeet2, "04", "Putin", "Trump")}, &errors);
  EXPECT_DOUBLE_EQ(score->Precision(), 50);
  EXPECT_DOUBLE_EQ(score->FullyRight(), 50);
  EXPECT_DOUBLE_EQ(score->Recall(), 100);
  EXPECT_NE(errors.find("+ repeat"), std::string::npos);  // its trigger is the gold event's, taken
}

TEST(EventScoreTest, OneTriggerTwoTargetsMatchEachByItsFields) {
  auto score = EventScore::Create().value();
  score->Add(Text(), {Gold("E1", {kMeet2}, "04", "Putin", "Trump"), Gold("E2", {kMeet2}, "04", "Putin", "Mỹ")},
             {Found(kMeet2, "04", "Putin", "Mỹ"), Found(kMeet2, "04", "Putin", "Trump")});
  EXPECT_DOUBLE_EQ(score->FullyRight(), 100);
}

TEST(EventScoreTest, WrongFieldsAndMissesAreCounted) {
  auto score = EventScore::Create().value();
  std::string errors;
  score->Add(Text(), {Gold("E1", {kMeet1}, "04", "Putin", "Mỹ", "2020-01-02"), Gold("E2", {kMeet2}, "04", "Putin", "Trump")},
             {Found(kMeet1, "04", "Putin", "Mỹ", "2020-01-03"), Found(0, "01", "Putin", "")}, &errors);
  EXPECT_DOUBLE_EQ(score->Precision(), 50);   // the second found event overlaps no gold trigger
  EXPECT_DOUBLE_EQ(score->FullyRight(), 0);   // the first has the wrong day
  EXPECT_DOUBLE_EQ(score->Recall(), 50);
  EXPECT_NE(errors.find("date 2020-01-03 (gold 2020-01-02)"), std::string::npos);
  EXPECT_NE(errors.find("- event\ta\tE2"), std::string::npos);
}

TEST(DateScoreTest, OverlapAndValueMatch) {
  Article a;
  a.id = "d";
  a.text = "Ngày 2/12 và hôm qua, năm 2020.";
  DateScore score;
  std::vector<GoldDate> gold = {{0, 10, "2020-12-02"}, {15, 23, "-"}, {25, 34, "2020"}};
  std::vector<TimeExpression> found = {{6, 10, "2/12", "2020-12-02"},  // overlaps, same value
                                       {15, 23, "hôm qua", ""},       // unresolved = "-"
                                       {25, 34, "năm 2020", "2021"}};  // wrong value
  score.Add(a, gold, found);
  EXPECT_NEAR(score.F1(), 100.0 * 2 / 3, 1e-9);
  EXPECT_NE(score.Table().find("| year | 1 | 1 | 0 |"), std::string::npos);  // found with a wrong value
  EXPECT_NE(score.Table().find("| day | 1 | 1 | 1 |"), std::string::npos);
}

TEST(GoldParseTest, BadLinesAreNamed) {
  EXPECT_TRUE(ParseGoldDates("# c\nd\t0\t9\t2020-12-02\n", "x").has_value());
  auto bad = ParseGoldDates("# c\nd\t9\t0\t2020\n", "dates.tsv");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().ToString().find("dates.tsv:2"), std::string::npos);
  const std::string row = "a\tE1\t6\t10\t04\tPutin\tMỹ\t-\t-\thappened\n";
  auto events = ParseGoldEvents(row + "a\tE1\t28\t32\t04\tPutin\tMỹ\t-\t-\thappened\n", "events.tsv");
  ASSERT_TRUE(events.has_value());
  ASSERT_EQ(events->at("a").size(), 1u);
  EXPECT_EQ(events->at("a")[0].triggers.size(), 2u);
  auto differ = ParseGoldEvents(row + "a\tE1\t28\t32\t04\tPutin\tNga\t-\t-\thappened\n", "events.tsv");
  ASSERT_FALSE(differ.has_value());
  EXPECT_NE(differ.error().ToString().find("events.tsv:2"), std::string::npos);
  EXPECT_FALSE(ParseGoldEvents("a\tE1\t6\t10\t4x\tPutin\t-\t-\t-\thappened\n", "e").has_value());
  EXPECT_FALSE(ParseGoldEvents("a\tE1\t6\t10\t04\tPutin\t-\t-\t-\tmaybe\n", "e").has_value());
}

TEST(DateKindTest, Forms) {
  EXPECT_EQ(DateKind("2020-10-23"), "day");
  EXPECT_EQ(DateKind("2020-10"), "month");
  EXPECT_EQ(DateKind("2020"), "year");
  EXPECT_EQ(DateKind("199"), "decade");
  EXPECT_EQ(DateKind("2020-Q3"), "quarter");
  EXPECT_EQ(DateKind("2020-SU"), "season");
  EXPECT_EQ(DateKind("--10-02"), "open");
  EXPECT_EQ(DateKind("2020-10-12/2020-10-18"), "range");
  EXPECT_EQ(DateKind("2020-10-18,2020-10-19"), "list");
  EXPECT_EQ(DateKind("-"), "unresolved");
}

}  // namespace
}  // namespace bantin
