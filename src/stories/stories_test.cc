#include <cmath>
#include <map>

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

  // The lookup's bands: a near copy shares some band key, an unlike text none.
  auto shared = [](const Sketch& x, const Sketch& y) {
    const auto kx = BandKeys(x), ky = BandKeys(y);
    size_t n = 0;
    for (size_t b = 0; b < kBands; ++b) n += kx[b] == ky[b] ? 1 : 0;
    return n;
  };
  EXPECT_EQ(shared(a, a), kBands);
  EXPECT_GE(shared(a, MinHash(edited)), 1u);
  EXPECT_EQ(shared(a, other), 0u);
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

// The stories in memory: the threader's book in its own tests (StoryThreader's is the store).
class MemoryBook : public StoryBook {
 public:
  Status Candidates(uint64_t term, size_t limit, std::vector<Posting>* out) override {
    out->clear();
    auto it = lists_.find(term);
    if (it == lists_.end()) return Status::OK();
    for (auto p = it->second.rbegin(); p != it->second.rend() && out->size() < limit; ++p) out->push_back({p->first, p->second});
    return Status::OK();
  }
  Status Read(int64_t id, StoryState* out) override {
    auto it = stories_.find(id);
    if (it == stories_.end()) return Status::NotFound("story " + std::to_string(id), "no such story");
    *out = it->second;
    return Status::OK();
  }
  Status Write(const StoryState& s) override {
    stories_[s.id] = s;
    return Status::OK();
  }
  Status List(int64_t id, const std::vector<std::pair<uint64_t, float>>& terms, const std::vector<uint64_t>& gone) override {
    for (const auto& [term, weight] : terms) lists_[term][id] = weight;
    for (uint64_t term : gone) lists_[term].erase(id);
    return Status::OK();
  }
  Result<int64_t> LastId() override { return stories_.empty() ? 0 : stories_.rbegin()->first; }

  const StoryState& story(int64_t id) const { return stories_.at(id); }
  size_t listed(uint64_t term) const { return lists_.count(term) ? lists_.at(term).size() : 0; }
  // A book holding just story `id` of this one.
  MemoryBook Only(int64_t id) const {
    MemoryBook one;
    one.stories_[id] = story(id);
    for (const auto& [term, weight] : Listing(story(id).centroid)) one.lists_[term][id] = weight;
    return one;
  }

 private:
  std::map<int64_t, StoryState> stories_;
  std::map<uint64_t, std::map<int64_t, float>> lists_;
};

TEST(ThreaderTest, JoinsSimilarOpensNewAndWeighsTime) {
  ThreaderOptions o;
  o.threshold = 0.5f;
  MemoryBook book;
  Threader t(o, &book);
  const ArticleTime d1{Date{2025, 4, 10}, {}, {}, {}}, d2{Date{2025, 4, 12}, {}, {}, {}}, far{Date{2026, 4, 10}, {}, {}, {}};
  const int64_t a = *t.Assign(V({{1, 1}, {2, 1}, {3, 1}}), d1, "Nga Mỹ đàm phán");
  EXPECT_EQ(*t.Assign(V({{1, 1}, {2, 1}, {4, 1}}), d2, "Đàm phán ở Istanbul"), a);  // cosine 0.82
  const int64_t b = *t.Assign(V({{7, 1}, {8, 1}}), d1, "Giá vàng");
  EXPECT_NE(b, a);
  EXPECT_EQ(t.opened(), 2u);
  EXPECT_EQ(book.story(a).articles, 2u);
  EXPECT_EQ(*book.story(a).first, *d1.published);
  EXPECT_EQ(*book.story(a).last, *d2.published);
  EXPECT_EQ(book.listed(4), 1u);  // the story is listed under the terms its centroid gained
  ASSERT_TRUE(t.AddReport(a, d2).ok());
  EXPECT_EQ(book.story(a).reports, 3u);
  EXPECT_TRUE(t.AddReport(99, d2).IsNotFound());
  // A year later the same words score half (the time floor): below the threshold here…
  const Vector later = V({{1, 1}, {2, 1}, {3, 1}, {5, 1}});  // cosine 0.75 with the story
  auto fresh = [&](const ArticleTime& time) {
    MemoryBook one = book.Only(a);
    Threader f(o, &one);
    return *f.Assign(later, time, "x");
  };
  EXPECT_NE(fresh(far), a);
  // … unless the later article names a day of the story's span ("hôm 10/4" of last year).
  ArticleTime recalls = far;
  recalls.days = {Date{2025, 4, 11}};
  EXPECT_EQ(fresh(recalls), a);
  // Undated articles are placed by the month and day their text names, on the calendar circle.
  EXPECT_NE(fresh(ArticleTime{std::nullopt, {}, {1010}, {}}), a);
  EXPECT_EQ(fresh(ArticleTime{std::nullopt, {}, {411}, {}}), a);
  // The same actors doing the same kind of thing again: time is no bar.
  ArticleTime dyad = far;
  dyad.dyads = {77};
  EXPECT_NE(fresh(dyad), a);  // the story has no dyad yet
  ArticleTime with_dyad = d2;
  with_dyad.dyads = {77};
  ASSERT_TRUE(t.AddReport(a, with_dyad).ok());
  EXPECT_EQ(book.story(a).dyads, std::vector<uint64_t>{77});
  EXPECT_EQ(fresh(dyad), a);
  dyad.dyads = {99};
  EXPECT_NE(fresh(dyad), a);
  EXPECT_EQ(fresh(ArticleTime{}), a);  // no time at all: no penalty
  EXPECT_EQ(book.story(a).reports, 4u);
  // Stories already in the book continue: new ids after theirs.
  MemoryBook one = book.Only(a);
  Threader u(o, &one);
  EXPECT_EQ(*u.Assign(V({{1, 1}, {2, 1}, {3, 1}}), d2, "y"), a);
  EXPECT_GT(*u.Assign(V({{9, 1}}), d2, "z"), a);
}

TEST(ThreaderTest, ReadsOnlyTheNewestStoriesOfATerm) {
  // 70 stories share term 1 and each has a term of its own; an article with term 1 alone is
  // compared with the newest 64 of them only.
  ThreaderOptions o;
  o.threshold = 0.6f;  // above two such stories' cosine (0.5), below term 1's with each (0.71)
  MemoryBook book;
  Threader t(o, &book);
  for (uint64_t i = 0; i < 70; ++i) ASSERT_EQ(*t.Assign(V({{1, 1}, {1000 + i, 1}}), {}, "x"), int64_t(i + 1));
  EXPECT_EQ(book.listed(1), 70u);
  // The best (equal cosines, the lowest id) among stories 7..70: story 7, not story 1.
  EXPECT_EQ(*t.Assign(V({{1, 1}}), {}, "y"), 7);
  EXPECT_EQ(t.opened(), 70u);
  // Its centroid now weighs term 1 more: still listed once under it, and under its own term.
  EXPECT_EQ(book.listed(1), 70u);
  EXPECT_EQ(book.listed(1006), 1u);
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
