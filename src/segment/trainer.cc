#include "segment/trainer.h"

#include <algorithm>
#include <random>
#include <unordered_map>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "segment/features.h"

namespace bantin::segment {

struct Trainer::Example {
  std::vector<TokenView> views;
  std::vector<uint8_t> joins;  // gold decision per gap
};

// Averaged perceptron weights with lazy averaging (Daumé III, "Practical structured learning
// techniques for natural language processing", 2006, section 2.2.3).
struct Trainer::Weights {
  struct Acc {
    float w = 0;
    double total = 0;  // sum of w over the steps before `last`
    uint64_t last = 0;
  };
  std::unordered_map<uint32_t, Acc> table;
  uint64_t step = 1;

  float Score(const uint32_t* keys, size_t n) const {
    float s = 0;
    for (size_t i = 0; i < n; ++i) {
      auto it = table.find(keys[i]);
      if (it != table.end()) s += it->second.w;
    }
    return s;
  }
  void Update(const uint32_t* keys, size_t n, float delta) {
    for (size_t i = 0; i < n; ++i) {
      Acc& a = table[keys[i]];
      a.total += static_cast<double>(a.w) * static_cast<double>(step - a.last);
      a.last = step;
      a.w += delta;
    }
  }
  std::vector<std::pair<uint32_t, float>> Averaged() const {
    std::vector<std::pair<uint32_t, float>> out;
    out.reserve(table.size());
    for (const auto& [key, a] : table) {
      double total = a.total + static_cast<double>(a.w) * static_cast<double>(step - a.last);
      out.emplace_back(key, static_cast<float>(total / static_cast<double>(step)));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

Trainer::Trainer(const text::Normalizer* normalizer, TrainOptions options)
    : normalizer_(normalizer), options_(options), cache_(normalizer) {}
Trainer::~Trainer() = default;

std::vector<TokenView> Trainer::Views(const std::string& text, std::vector<text::Token>* tokens) {
  tokens->clear();
  text::Tokenize(text, tokens);
  std::vector<TokenView> views;
  BuildTokenViews(text, *tokens, &cache_, &views);
  return views;
}

void Trainer::AddLexicon(std::string_view content) {
  const size_t source = std::min(lexicon_sources_, kMaxLexiconSources - 1);
  lexicon_sources_ = source + 1;
  std::vector<text::Token> tokens;
  while (!content.empty()) {
    size_t nl = content.find('\n');
    std::string entry(content.substr(0, nl));
    content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
    std::replace(entry.begin(), entry.end(), '_', ' ');
    std::vector<TokenView> v = Views(entry, &tokens);
    if (v.size() < 2 || v.size() > kMaxLexiconTokens) continue;
    std::span<const TokenView> all(v);
    for (bool fold : {false, true}) {
      const uint8_t folded = fold ? kLexiconFolded : 0;
      lexicon_entries_.emplace_back(LexiconKey(all, fold), LexiconWordFlag(source) | folded);
      for (size_t len = 2; len < v.size(); ++len) {  // lookups start at two tokens
        lexicon_entries_.emplace_back(LexiconKey(all.subspan(0, len), fold),
                                      kLexiconPrefix | folded);
      }
    }
  }
  lexicon_.Build(lexicon_entries_, lexicon_sources_);
}

size_t Trainer::AddTraining(const std::vector<GoldSentence>& sentences) {
  auto fold = [&](std::string_view s) { return normalizer_->Fold(s); };
  auto upper = [](std::string_view s) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
        .toUpper(icu::Locale::getRoot())
        .toUTF8String(out);
    return out;
  };
  size_t unrepresentable = 0;
  std::vector<text::Token> tokens;
  for (size_t i = 0; i < sentences.size(); ++i) {
    // Half the sentences as running text spaces them, half as the gold files do.
    std::vector<GoldText> versions = {RenderGold(sentences[i], nullptr, i % 2 == 0)};
    if (options_.fold_every > 0 && i % options_.fold_every == 1) {
      versions.push_back(RenderGold(sentences[i], fold));
    }
    if (options_.upper_every > 0 && i % options_.upper_every == 2) {
      versions.push_back(RenderGold(sentences[i], upper));
    }
    for (const GoldText& g : versions) {
      Example e;
      e.views = Views(g.text, &tokens);
      if (!GoldJoins(g, tokens, &e.joins)) ++unrepresentable;
      if (e.views.size() >= 2) examples_.push_back(std::move(e));
    }
  }
  return unrepresentable;
}

SegmenterModel Trainer::Train(const std::function<void(int, const SegmenterModel&)>& progress) {
  Weights weights;
  std::vector<size_t> order(examples_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(options_.seed);  // mt19937's output is fixed by the standard
  SentenceFeatures s;
  std::vector<std::vector<uint32_t>> base;  // per gap: the keys that ignore the previous gap
  std::vector<uint8_t> predicted;
  uint32_t trans[kMaxTransitionFeatures];
  uint32_t keys[kMaxGapFeatures];
  for (int epoch = 1; epoch <= options_.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (size_t idx : order) {
      const Example& e = examples_[idx];
      PrepareSentence(lexicon_, e.views, &s);
      const size_t gaps = e.views.size() - 1;
      base.resize(gaps);
      std::vector<float> base_score(gaps);
      for (size_t g = 0; g < gaps; ++g) {
        size_t n = GapFeatures(s, g, keys);
        base[g].assign(keys, keys + n);
        base_score[g] = weights.Score(keys, n);
      }
      Segmenter::Decode(
          gaps,
          [&](size_t g, bool prev) {
            return static_cast<double>(base_score[g] +
                                       weights.Score(trans, TransitionFeatures(s, g, prev, trans)));
          },
          &predicted);
      // Structured perceptron update: + the gold path's join features, - the predicted path's,
      // wherever the two differ (a gap or the decision before it).
      for (size_t g = 0; g < gaps; ++g) {
        bool gold = e.joins[g] != 0, pred = predicted[g] != 0;
        bool gold_prev = g > 0 && e.joins[g - 1], pred_prev = g > 0 && predicted[g - 1];
        if (gold == pred && (!gold || gold_prev == pred_prev)) continue;
        if (gold) {
          weights.Update(base[g].data(), base[g].size(), 1.0f);
          weights.Update(trans, TransitionFeatures(s, g, gold_prev, trans), 1.0f);
        }
        if (pred) {
          weights.Update(base[g].data(), base[g].size(), -1.0f);
          weights.Update(trans, TransitionFeatures(s, g, pred_prev, trans), -1.0f);
        }
      }
      ++weights.step;
    }
    if (progress) progress(epoch, SegmenterModel::Build(weights.Averaged(), lexicon_.entries(), lexicon_sources_, options_.prune));
  }
  return SegmenterModel::Build(weights.Averaged(), lexicon_.entries(), lexicon_sources_, options_.prune);
}

SegmentationScore Evaluate(const Segmenter& segmenter, const text::Normalizer& normalizer,
                           const std::vector<GoldSentence>& sentences) {
  text::WordCache cache(&normalizer);
  Segmenter::Scratch scratch;
  SegmentationScore score;
  std::vector<text::Token> tokens;
  std::vector<TokenView> views;
  std::vector<uint8_t> joins;
  for (const GoldSentence& sentence : sentences) {
    GoldText g = RenderGold(sentence);
    tokens.clear();
    views.clear();
    text::Tokenize(g.text, &tokens);
    BuildTokenViews(g.text, tokens, &cache, &views);
    segmenter.Segment(views, &joins, &scratch);
    score.Add(g.words, WordSpans(tokens, joins));
  }
  return score;
}

}  // namespace bantin::segment
