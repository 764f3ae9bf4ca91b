#include <array>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/coding.h"
#include "base/hash.h"
#include "segment/gold.h"
#include "segment/model.h"
#include "segment/segmenter.h"
#include "segment/trainer.h"

namespace bantin::segment {
namespace {

using Spans = std::vector<std::pair<uint32_t, uint32_t>>;

TEST(GoldTest, ParseAndRender) {
  auto gold = ParseGold("Phái_đoàn Nga dẫn_đầu .\n\n( TP._HCM ) ,\n");
  ASSERT_EQ(gold.size(), 2u);
  ASSERT_EQ(gold[0].size(), 4u);
  EXPECT_EQ(gold[0][0], (std::vector<std::string>{"Phái", "đoàn"}));
  GoldText g = RenderGold(gold[0]);
  EXPECT_EQ(g.text, "Phái đoàn Nga dẫn đầu .");
  EXPECT_EQ(g.words, (Spans{{0, 12}, {13, 16}, {17, 29}, {30, 31}}));  // byte offsets
  GoldText natural = RenderGold(gold[1], nullptr, /*natural_spacing=*/true);
  EXPECT_EQ(natural.text, "(TP. HCM),");
  GoldText upper = RenderGold(gold[0], [](std::string_view s) { return std::string(s) + "!"; });
  EXPECT_EQ(upper.text, "Phái! đoàn! Nga! dẫn! đầu! .!");
}

TEST(GoldTest, JoinsSpansAndScore) {
  GoldText g = RenderGold(ParseGold("Phái_đoàn Nga TP._HCM")[0]);
  std::vector<text::Token> tokens;
  text::Tokenize(g.text, &tokens);  // Phái đoàn Nga TP . HCM
  std::vector<uint8_t> joins;
  ASSERT_TRUE(GoldJoins(g, tokens, &joins));
  EXPECT_EQ(joins, (std::vector<uint8_t>{1, 0, 0, 1, 1}));
  EXPECT_EQ(WordSpans(tokens, joins), g.words);

  // A gold boundary inside one of our tokens ("5G" split as 5 / G) is not representable.
  GoldSentence odd = {{"5"}, {"G"}};
  GoldText o = RenderGold(odd);
  o.text = "5G x";  // pretend the raw text had no space
  o.words = {{0, 1}, {1, 2}};
  std::vector<text::Token> t2;
  text::Tokenize(o.text, &t2);
  EXPECT_FALSE(GoldJoins(o, t2, &joins));

  SegmentationScore score;
  score.Add({{0, 3}, {4, 6}, {7, 9}}, {{0, 3}, {4, 9}});
  EXPECT_EQ(score.correct_words, 1u);
  EXPECT_DOUBLE_EQ(score.precision(), 0.5);
  EXPECT_DOUBLE_EQ(score.recall(), 1.0 / 3);
  EXPECT_NEAR(score.f1(), 0.4, 1e-12);
}

// Viterbi against brute force over every decision sequence, on random scores.
TEST(SegmenterTest, DecodeFindsTheBestSequence) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(-3, 3);
  for (int trial = 0; trial < 300; ++trial) {
    size_t gaps = 1 + rng() % 8;
    std::vector<std::array<double, 2>> score(gaps);
    for (auto& s : score) s = {u(rng), u(rng)};
    auto join_score = [&](size_t g, bool prev) { return score[g][prev ? 1 : 0]; };
    auto total = [&](const std::vector<uint8_t>& joins) {
      double t = 0;
      for (size_t g = 0; g < gaps; ++g) {
        if (joins[g]) t += join_score(g, g > 0 && joins[g - 1]);
      }
      return t;
    };
    double best = -1e9;
    for (uint32_t mask = 0; mask < (1u << gaps); ++mask) {
      std::vector<uint8_t> joins(gaps);
      for (size_t g = 0; g < gaps; ++g) joins[g] = (mask >> g) & 1;
      best = std::max(best, total(joins));
    }
    std::vector<uint8_t> got;
    Segmenter::Decode(gaps, join_score, &got);
    ASSERT_NEAR(total(got), best, 1e-9) << "trial " << trial;
  }
}

class TrainedTest : public ::testing::Test {
 protected:
  std::unique_ptr<text::Normalizer> normalizer_ = text::Normalizer::Create().value();
  // A tiny treebank: the model must learn it and be reproducible.
  std::vector<GoldSentence> gold_ = ParseGold(
      "Phái_đoàn Nga gặp phái_đoàn Mỹ tại Thổ_Nhĩ_Kỳ .\n"
      "Đại_sứ Alexandr_Darchiev dẫn_đầu phái_đoàn .\n"
      "Hai bên đàm_phán về quan_hệ song_phương .\n"
      "Ông Vladimir_Putin tiếp đặc_phái_viên Steve_Witkoff .\n"
      "Các cuộc đàm_phán diễn ra tại Istanbul .\n");

  SegmenterModel Train(int epochs) {
    TrainOptions o;
    o.epochs = epochs;
    Trainer t(normalizer_.get(), o);
    t.AddLexicon("quan hệ\nsong phương\nđàm phán\n");
    t.AddTraining(gold_);
    return t.Train(nullptr);
  }
};

TEST_F(TrainedTest, LearnsItsTrainingSentences) {
  Segmenter s(Train(10));
  SegmentationScore score = Evaluate(s, *normalizer_, gold_);
  EXPECT_EQ(score.correct_words, score.gold_words);
  EXPECT_EQ(score.predicted_words, score.gold_words);
}

TEST_F(TrainedTest, TrainingIsReproducibleAndRoundTrips) {
  std::string a = Train(3).Serialize(), b = Train(3).Serialize();
  EXPECT_EQ(a, b);
  auto parsed = SegmenterModel::Parse(a, "m");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(parsed->Serialize(), a);
  EXPECT_EQ(parsed->lexicon().sources(), 1u);
}

TEST_F(TrainedTest, DamagedModelsAreRefusedNeverMisread) {
  std::string good = Train(2).Serialize();
  for (size_t i = 0; i < good.size(); i += 1 + good.size() / 300) {
    std::string bad = good;
    bad[i] ^= 0x20;
    auto m = SegmenterModel::Parse(bad, "m.bnm");
    ASSERT_FALSE(m.has_value()) << "byte " << i;
    EXPECT_TRUE(m.error().IsCorruption()) << m.error().ToString();
  }
  for (size_t len : {size_t{0}, size_t{7}, size_t{20}, good.size() - 1}) {
    auto m = SegmenterModel::Parse(good.substr(0, len), "m.bnm");
    ASSERT_FALSE(m.has_value());
    EXPECT_TRUE(m.error().IsCorruption());
  }
}

TEST(ModelTest, OtherVersionsAreUnsupported) {
  std::string bytes = SegmenterModel::Build({{5, 1.0f}}, {}, 0).Serialize();
  // Rewrite the feature version and the checksum, as a build with other features would.
  bytes[12] = static_cast<char>(kFeatureVersion + 1);
  std::string body = bytes.substr(0, bytes.size() - 8);
  std::string fixed = body;
  PutFixed64(&fixed, HashBytes(body));
  auto m = SegmenterModel::Parse(fixed, "old.bnm");
  ASSERT_FALSE(m.has_value());
  EXPECT_TRUE(m.error().IsUnsupported());
  EXPECT_NE(m.error().message().find("retrain"), std::string::npos);
}

}  // namespace
}  // namespace bantin::segment
