// The entity model's parts: BILOU decoding, the model file, training, word clusters and the
// gold-annotation reader. Small data made here; the corpus-scale checks live in
// tests/models_test.cc and tests/cli_test.cc.
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "bantin/ner.h"
#include "extract/clusters.h"
#include "extract/ner.h"

namespace bantin {
namespace {

using extract::kLabels;
using extract::Label;
using extract::LabelPart;

TEST(NerTest, ViterbiKeepsBilouValid) {
  std::mt19937 rng(7);
  std::vector<float> transitions((kLabels + 1) * kLabels);
  for (float& t : transitions) t = static_cast<float>(static_cast<int>(rng() % 200) - 100);
  for (int round = 0; round < 200; ++round) {
    const size_t n = 1 + rng() % 12;
    std::vector<float> emit(n * kLabels);
    for (float& e : emit) e = static_cast<float>(static_cast<int>(rng() % 200) - 100);
    std::vector<uint8_t> labels(n);
    extract::Viterbi(emit.data(), n, transitions.data(), labels.data());
    uint8_t prev = kLabels;
    for (uint8_t y : labels) {
      ASSERT_TRUE(extract::Allowed(prev, y)) << int(prev) << " -> " << int(y);
      prev = y;
    }
    EXPECT_TRUE(prev == extract::kOutside || LabelPart(prev) >= 2) << "a mention left open";
  }
}

TEST(NerTest, ViterbiFindsTheBestPath) {
  // Emissions alone: B-PER, L-PER, O wins when each is the best label of its token.
  std::vector<float> transitions((kLabels + 1) * kLabels, 0);
  std::vector<float> emit(3 * kLabels, 0);
  emit[0 * kLabels + Label(EntityType::kPerson, 0)] = 5;
  emit[1 * kLabels + Label(EntityType::kPerson, 2)] = 5;
  emit[2 * kLabels + extract::kOutside] = 5;
  std::vector<uint8_t> labels(3);
  extract::Viterbi(emit.data(), 3, transitions.data(), labels.data());
  EXPECT_EQ(labels, (std::vector<uint8_t>{Label(EntityType::kPerson, 0), Label(EntityType::kPerson, 2), 0}));
}

TEST(NerTest, ModelFileRoundTripsAndRefusesDamage) {
  std::vector<std::pair<uint32_t, std::array<float, kLabels>>> rows = {{7, {}}, {3, {}}, {9, {}}};
  rows[0].second[1] = 2.5f;
  rows[1].second[0] = -1.0f;
  rows[2].second[12] = 0.001f;  // below the prune share: dropped
  std::vector<float> transitions((kLabels + 1) * kLabels, 0.5f);
  const std::string bytes = extract::NerModel::Serialize(rows, transitions, 0.01);
  auto model = extract::NerModel::Parse(bytes, "test");
  ASSERT_TRUE(model.has_value()) << model.error().ToString();
  EXPECT_EQ(model->feature_count(), 2u);
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x20);
    EXPECT_FALSE(extract::NerModel::Parse(bad, "test").has_value()) << "byte " << i;
  }
  EXPECT_FALSE(extract::NerModel::Parse(bytes.substr(0, bytes.size() - 1), "test").has_value());
}

Article MakeArticle(const std::string& id, const std::string& text) {
  Article a;
  a.id = id;
  a.title = text;
  a.text = text;
  a.paragraphs.push_back({ParagraphKind::kTitle, 0, static_cast<uint32_t>(text.size())});
  return a;
}

// Annotated articles: "<name> gặp <name> tại <place>" with gold spans.
std::vector<AnnotatedArticle> Toy() {
  const std::vector<std::string> people = {"Lan", "Hùng", "Minh", "Tuấn", "Hoa", "Dũng"};
  const std::vector<std::string> places = {"Huế", "Vinh", "Sơn La", "Cà Mau"};
  std::vector<AnnotatedArticle> out;
  for (size_t i = 0; i < 24; ++i) {
    const std::string& a = people[i % people.size()];
    const std::string& b = people[(i + 1) % people.size()];
    const std::string& p = places[i % places.size()];
    const std::string text = "Hôm qua, ông " + a + " gặp bà " + b + " tại " + p + ".";
    AnnotatedArticle x{MakeArticle("toy-" + std::to_string(i), text), {}};
    auto mark = [&](const std::string& name, EntityType type, size_t from) {
      const auto at = static_cast<uint32_t>(text.find(name, from));
      x.mentions.push_back({at, static_cast<uint32_t>(at + name.size()), type});
      return at + name.size();
    };
    size_t at = mark(a, EntityType::kPerson, text.find("ông"));
    at = mark(b, EntityType::kPerson, text.find("bà", at));
    mark(p, EntityType::kLocation, text.find("tại", at));
    out.push_back(std::move(x));
  }
  return out;
}

TEST(NerTest, TrainingIsDeterministicAndLearns) {
  NerTrainOptions o;
  o.epochs = 5;
  std::string log;
  auto first = TrainEntityModel(Toy(), o, &log);
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_NE(log.find("24 articles"), std::string::npos) << log;
  auto second = TrainEntityModel(Toy(), o, nullptr);
  ASSERT_TRUE(second.has_value());
  EXPECT_TRUE(*first == *second);
  EntityOptions eo;
  eo.model = *first;
  auto x = EntityExtractor::Create(eo).value();
  std::set<std::pair<std::string, std::string>> found;
  for (const Entity& e : x->Extract(MakeArticle("new", "Hôm nay, ông Hùng gặp bà Lan tại Sơn La.")))
    found.emplace(e.text, std::string(EntityTypeName(e.type)));
  EXPECT_TRUE(found.count({"Hùng", "PER"}));
  EXPECT_TRUE(found.count({"Lan", "PER"}));
  EXPECT_TRUE(found.count({"Sơn La", "LOC"}));
}

TEST(NerTest, GoldMentionsNameTheBadLine) {
  auto ok = ParseGoldMentions("# comment\na\t0\t3\tPER\na\t5\t9\tLOC\nb\t1\t2\tORG\n", "g.tsv");
  ASSERT_TRUE(ok.has_value());
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].second.size(), 2u);
  for (const std::string bad : {"a\t3\t3\tPER\n", "a\t0\t3\tMISC\n", "a\t0\tx\tPER\n", "a\t0\t3\n"}) {
    auto r = ParseGoldMentions("a\t0\t1\tPER\n" + bad, "g.tsv");
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_NE(r.error().ToString().find("g.tsv:2"), std::string::npos) << r.error().ToString();
  }
}

TEST(ClustersTest, WordsInTheSameContextsShareAClass) {
  extract::ClusterTrainer t;
  const std::vector<std::string> cities = {"^huế", "^vinh", "^đà nẵng", "^cần thơ"};
  const std::vector<std::string> verbs = {"ăn", "uống", "ngủ", "chơi"};
  for (int i = 0; i < 40; ++i) {
    t.Add({"ông", "ấy", "đến", cities[i % 4], "hôm", "qua"});
    t.Add({"họ", verbs[i % 4], "rất", "nhiều"});
  }
  extract::ClusterOptions o;
  o.coarse = 4;
  o.fine = 8;  // 16 words: enough classes that unlike contexts need not share one
  o.min_count = 5;
  std::string log;
  const std::string text = t.Train(o, &log);
  EXPECT_EQ(text, t.Train(o, nullptr));  // deterministic
  auto c = extract::WordClusters::Parse(text, "test");
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_EQ(c->Find("^huế").fine, c->Find("^cần thơ").fine) << text;
  EXPECT_EQ(c->Find("ăn").fine, c->Find("ngủ").fine) << text;
  EXPECT_NE(c->Find("^huế").fine, c->Find("ăn").fine) << text;
  EXPECT_EQ(c->Find("chưa thấy").fine, 0) << "an unknown word has no class";
  EXPECT_FALSE(extract::WordClusters::Parse("# bantin clusters 1\nhuế\t1\n", "bad").has_value());
  EXPECT_FALSE(extract::WordClusters::Parse("# bantin clusters 9\n", "bad").has_value());
}

}  // namespace
}  // namespace bantin
