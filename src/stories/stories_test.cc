#include <cmath>

#include <gtest/gtest.h>

#include "stories/background.h"
#include "stories/features.h"
#include "stories/fingerprint.h"
#include "stories/threader.h"
#include "stories/words.h"

namespace bantin::stories {
namespace {

const std::string kReport =
    "nga va my nhat tri tiep tuc dam phan ve hoat dong cua cac co quan ngoai giao tai istanbul "
    "phai doan hai nuoc da gap nhau trong sau gio va thao luan ve viec tra lai tai san ngoai giao "
    "bi tich thu cung nhu viec khoi phuc cac chuyen bay thang giua hai nuoc trong thoi gian toi";

TEST(WordsTest, FoldedWordsAndBreaks) {
  const std::string t = "dam phan, nga-my: 2025 ok";
  auto w = FoldedWords(t);
  ASSERT_EQ(w.size(), 6u);
  EXPECT_EQ(w[1], "phan");
  EXPECT_TRUE(BreakBetween(w[1], w[2]));   // ", "
  EXPECT_FALSE(BreakBetween(w[2], w[3]));  // "-"
  EXPECT_FALSE(BreakBetween(w[0], w[1]));
}

TEST(FingerprintTest, NearCopiesAreNearOthersFar) {
  std::string report;
  for (int i = 0; i < 8; ++i) report += kReport + " doan " + std::to_string(i) + " ";  // ~500 words
  const Sketch a = MinHash(report);
  EXPECT_EQ(MinHash(report), a);
  std::string edited = report;
  edited.replace(edited.find("sau gio"), 7, "bay gio");  // one word changed: 3 shingles of ~500
  EXPECT_GE(Resemblance(a, MinHash(edited)), kNearDuplicateResemblance);
  const Sketch other = MinHash(
      "gia vang hom nay tang manh theo gia the gioi sau khi fed giu lai suat cac ngan hang thuong "
      "mai dieu chinh gia mua ban vang mieng");
  EXPECT_LT(Resemblance(a, other), 0.2);
  Sketch back;
  ASSERT_TRUE(ParseSketch(EncodeSketch(a), &back));
  EXPECT_EQ(back, a);
  EXPECT_FALSE(ParseSketch("short", &back));

  FingerprintIndex index;
  index.Add(7, a);
  index.Add(3, MinHash(edited));  // the earlier document wins
  index.Add(9, other);
  EXPECT_EQ(index.FindNear(a), 3);
  EXPECT_EQ(index.FindNear(MinHash("mot bai bao khac han ve bong da viet nam va thai lan")), 0);
}

TEST(FeaturesTest, FrequenciesWeighAndRoundTrip) {
  Background none;
  DocFrequencies df;
  ArticleText common{"tin", "hom nay troi dep", {}, {}};
  for (int i = 0; i < 50; ++i) df.Add(CountTerms(common, none));
  ArticleText rare{"dam phan nga my", "hom nay nga va my dam phan tai istanbul", {"russia", "united states"}, {}};
  Counts c = CountTerms(rare, none);
  df.Add(c);
  Vector v = Weigh(c, df, 0, 60);
  float norm = 0;
  for (const Term& t : v) norm += t.weight * t.weight;
  EXPECT_NEAR(norm, 1.0f, 1e-4);
  for (size_t i = 1; i < v.size(); ++i) EXPECT_LT(v[i - 1].key, v[i].key);
  EXPECT_NEAR(Dot(v, v), 1.0f, 1e-4);
  // "hom" is in every document: it weighs less than "istanbul".
  EXPECT_LT(df.Idf(CountTerms({"", "hom", {}, {}}, none)[0], 0), df.Idf(CountTerms({"", "istanbul", {}, {}}, none)[0], 0));
  auto back = DocFrequencies::Parse(df.Serialize(), "df");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->docs(), 51u);
  EXPECT_EQ(Weigh(c, *back, 0, 60).size(), v.size());
  std::string bad = df.Serialize();
  bad.pop_back();
  EXPECT_FALSE(DocFrequencies::Parse(bad, "df").has_value());
}

TEST(FeaturesTest, DyadsIgnoreDirection) {
  EXPECT_EQ(Dyad("russia", "united states", "04"), Dyad("united states", "russia", "04"));
  EXPECT_NE(Dyad("russia", "united states", "04"), Dyad("russia", "united states", "01"));
  Background none;
  Counts c = CountTerms({"", "", {}, {Dyad("russia", "united states", "04")}}, none);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].key, DyadKey(Dyad("united states", "russia", "04")));
}

TEST(BackgroundTest, CountsWordsPerArticleAndParses) {
  BackgroundCounter counter;
  counter.Add("cua cua nga");
  counter.Add("cua my");
  counter.Add("cua nga");
  const std::string model = counter.Model(2);
  EXPECT_EQ(model, "# bantin background 1\nN\t3\ncua\t3\nnga\t2\n");
  auto b = Background::Parse(model, "bg");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->docs(), 3u);
  EXPECT_EQ(b->Count("cua"), 3u);
  EXPECT_EQ(b->Count("my"), 0u);
  auto bad = Background::Parse("# bantin background 1\nN\t3\ncua\tmany\n", "bg");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().ToString().find("bg:3"), std::string::npos);
  // With a background, a word common there weighs less in a two-article archive than a rare one.
  DocFrequencies df;
  df.Add(CountTerms({"", "cua nga", {}, {}}, *b));
  df.Add(CountTerms({"", "cua nga", {}, {}}, *b));
  const TermCount cua = CountTerms({"", "cua", {}, {}}, *b)[0], istanbul = CountTerms({"", "istanbul", {}, {}}, *b)[0];
  EXPECT_EQ(cua.background, 3u);
  EXPECT_LT(df.Idf(cua, b->docs()), df.Idf(istanbul, b->docs()));
}

Vector V(std::initializer_list<std::pair<uint64_t, float>> terms) {
  Vector v;
  float n = 0;
  for (auto [k, w] : terms) n += w * w;
  for (auto [k, w] : terms) v.push_back({k, w / std::sqrt(n)});
  return v;
}

TEST(ThreaderTest, JoinsSimilarOpensNewAndWeighsTime) {
  ThreaderOptions o;
  o.threshold = 0.5f;
  Threader t(o);
  const ArticleTime d1{Date{2025, 4, 10}, {}, {}, {}}, d2{Date{2025, 4, 12}, {}, {}, {}}, far{Date{2026, 4, 10}, {}, {}, {}};
  const int64_t a = t.Assign(V({{1, 1}, {2, 1}, {3, 1}}), d1, "Nga Mỹ đàm phán");
  EXPECT_EQ(t.Assign(V({{1, 1}, {2, 1}, {4, 1}}), d2, "Đàm phán ở Istanbul"), a);  // cosine 0.82
  const int64_t b = t.Assign(V({{7, 1}, {8, 1}}), d1, "Giá vàng");
  EXPECT_NE(b, a);
  EXPECT_EQ(t.story(a).articles, 2u);
  EXPECT_EQ(*t.story(a).first, *d1.published);
  EXPECT_EQ(*t.story(a).last, *d2.published);
  t.AddReport(a, d2);
  EXPECT_EQ(t.story(a).reports, 3u);
  EXPECT_EQ(t.TakeChanged().size(), 2u);
  EXPECT_TRUE(t.TakeChanged().empty());
  // A year later the same words score half (the time floor): below the threshold here…
  const Vector later = V({{1, 1}, {2, 1}, {3, 1}, {5, 1}});  // cosine 0.75 with the story
  auto fresh = [&] {
    Threader f(o);
    f.Load(t.story(a));
    return f;
  };
  EXPECT_NE(fresh().Assign(later, far, "x"), a);
  // … unless the later article names a day of the story's span ("hôm 10/4" of last year).
  ArticleTime recalls = far;
  recalls.days = {Date{2025, 4, 11}};
  EXPECT_EQ(fresh().Assign(later, recalls, "x"), a);
  // Undated articles are placed by the month and day their text names, on the calendar circle.
  EXPECT_NE(fresh().Assign(later, ArticleTime{std::nullopt, {}, {1010}, {}}, "x"), a);
  EXPECT_EQ(fresh().Assign(later, ArticleTime{std::nullopt, {}, {411}, {}}, "x"), a);
  // The same actors doing the same kind of thing again: time is no bar.
  ArticleTime dyad = far;
  dyad.dyads = {77};
  EXPECT_NE(fresh().Assign(later, dyad, "x"), a);  // the story has no dyad yet
  ArticleTime with_dyad = d2;
  with_dyad.dyads = {77};
  t.AddReport(a, with_dyad);
  EXPECT_EQ(t.story(a).dyads, std::vector<uint64_t>{77});
  EXPECT_EQ(fresh().Assign(later, dyad, "x"), a);
  dyad.dyads = {99};
  EXPECT_NE(fresh().Assign(later, dyad, "x"), a);
  EXPECT_EQ(fresh().Assign(later, ArticleTime{}, "x"), a);  // no time at all: no penalty
  EXPECT_EQ(t.story(a).reports, 4u);
  // Loaded stories continue: new ids after theirs.
  Threader u(o);
  StoryState s = t.story(a);
  u.Load(s);
  EXPECT_EQ(u.Assign(V({{1, 1}, {2, 1}, {3, 1}}), d2, "y"), a);
  EXPECT_GT(u.Assign(V({{9, 1}}), d2, "z"), a);
}

TEST(ThreaderTest, StateBytesAsDocumented) {
  StoryState s;
  s.centroid = {{0x0102030405060708ull, 1.0f}};
  const std::string bytes = EncodeState(s);
  const unsigned char expected[] = {1, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0x80, 0x3f, 0, 0, 0, 0};
  EXPECT_EQ(bytes, std::string(reinterpret_cast<const char*>(expected), sizeof expected));
  s.dyads = {5, 9};
  StoryState back;
  ASSERT_TRUE(DecodeState(EncodeState(s), &back).ok());
  EXPECT_EQ(back.dyads, s.dyads);
  ASSERT_EQ(back.centroid.size(), 1u);
  EXPECT_EQ(back.centroid[0].weight, 1.0f);
  EXPECT_TRUE(DecodeState(bytes.substr(0, 10), &back).IsCorruption());
  std::string unsorted = EncodeState(StoryState{0, {{2, 1.0f}, {1, 1.0f}}, {}, {}, 0, {}, 0, 0, "", 0});
  EXPECT_TRUE(DecodeState(unsorted, &back).IsCorruption());
}

}  // namespace
}  // namespace bantin::stories
