// Training the entity model: an averaged structured perceptron (Collins, "Discriminative
// training methods for hidden Markov models", EMNLP 2002) over BILOU labels, with the averaging
// trick of Daumé III (2006, section 2.2.3): keep w and u = sum of step x update; the average is
// w - u / steps. Also the gold-annotation reader and the cluster learner's front.
#include <algorithm>
#include <random>
#include <sstream>
#include <unordered_map>

#include "bantin/ner.h"
#include "base/table_text.h"
#include "extract/clusters.h"
#include "extract/entity_internals.h"
#include "extract/ner.h"

namespace bantin {
namespace {

using extract::kLabels;

// A sentence to learn from: its article's features, its token range, the gold labels.
struct Example {
  size_t article = 0;
  uint32_t first = 0, end = 0;
};

class Perceptron {
 public:
  Perceptron() : tw_((kLabels + 1) * kLabels, 0), tu_(tw_.size(), 0) {}
  // Scores of tokens [first, end) of `f` into `emit` (n x kLabels).
  void Emit(const extract::NerFeatures& f, uint32_t first, uint32_t end, std::vector<float>* emit) const {
    emit->assign(static_cast<size_t>(end - first) * kLabels, 0);
    for (uint32_t i = first; i < end; ++i) {
      float* e = &(*emit)[static_cast<size_t>(i - first) * kLabels];
      for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
        auto it = index_.find(f.keys[k]);
        if (it == index_.end()) continue;
        const float* w = &w_[static_cast<size_t>(it->second) * kLabels];
        for (int l = 0; l < kLabels; ++l) e[l] += w[l];
      }
    }
  }
  const float* transitions() const { return tw_.data(); }
  void Update(const extract::NerFeatures& f, uint32_t token, uint8_t label, float delta) {
    for (uint32_t k = f.offsets[token]; k < f.offsets[token + 1]; ++k) {
      auto [it, added] = index_.emplace(f.keys[k], static_cast<uint32_t>(keys_.size()));
      if (added) {
        keys_.push_back(f.keys[k]);
        w_.resize(w_.size() + kLabels, 0);
        u_.resize(u_.size() + kLabels, 0);
      }
      const size_t at = static_cast<size_t>(it->second) * kLabels + label;
      w_[at] += delta;
      u_[at] += static_cast<double>(step_) * delta;
    }
  }
  void UpdateTransition(uint8_t prev, uint8_t label, float delta) {
    const size_t at = static_cast<size_t>(prev) * kLabels + label;
    tw_[at] += delta;
    tu_[at] += static_cast<double>(step_) * delta;
  }
  void Step() { ++step_; }
  std::string Model(double prune) const {
    auto avg = [&](float w, double u) { return static_cast<float>(w - u / static_cast<double>(step_)); };
    std::vector<std::pair<uint32_t, std::array<float, kLabels>>> rows(keys_.size());
    for (size_t r = 0; r < keys_.size(); ++r) {
      rows[r].first = keys_[r];
      for (int l = 0; l < kLabels; ++l) rows[r].second[l] = avg(w_[r * kLabels + l], u_[r * kLabels + l]);
    }
    std::vector<float> t(tw_.size());
    for (size_t i = 0; i < t.size(); ++i) t[i] = avg(tw_[i], tu_[i]);
    return extract::NerModel::Serialize(rows, t, prune);
  }

 private:
  std::unordered_map<uint32_t, uint32_t> index_;
  std::vector<uint32_t> keys_;
  std::vector<float> w_;
  std::vector<double> u_;
  std::vector<float> tw_;
  std::vector<double> tu_;
  uint64_t step_ = 1;
};

}  // namespace

Result<std::vector<std::pair<std::string, std::vector<GoldMention>>>> ParseGoldMentions(std::string_view text,
                                                                                       std::string_view source) {
  std::vector<std::pair<std::string, std::vector<GoldMention>>> out;
  std::unordered_map<std::string, size_t> at;
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const auto f = TabFields(line);
    GoldMention m;
    if (f.size() != 4 || f[0].empty() || !ParseDecimal(f[1], &m.begin) || !ParseDecimal(f[2], &m.end) ||
        m.end <= m.begin || !ParseEntityType(f[3], &m.type)) {
      return Err(Status::InvalidArgument(std::string(source) + ":" + std::to_string(line_no),
                                         "want article_id, begin, end (begin < end), PER|LOC|ORG"));
    }
    auto [it, added] = at.emplace(std::string(f[0]), out.size());
    if (added) out.emplace_back(std::string(f[0]), std::vector<GoldMention>());
    out[it->second].second.push_back(m);
  }
  return out;
}

struct ClusterLearner::Impl {
  std::unique_ptr<Analyzer> analyzer;
  extract::ClusterTrainer trainer;
};
ClusterLearner::ClusterLearner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ClusterLearner::~ClusterLearner() = default;

Result<std::unique_ptr<ClusterLearner>> ClusterLearner::Create() {
  auto impl = std::make_unique<Impl>();
  auto analyzer = Analyzer::Create();
  if (!analyzer) return Err(analyzer.error());
  impl->analyzer = std::move(*analyzer);
  return std::unique_ptr<ClusterLearner>(new ClusterLearner(std::move(impl)));
}

void ClusterLearner::Add(const Article& article) {
  const Analysis a = impl_->analyzer->Analyze(article);
  std::vector<std::string> sentence;
  size_t w = 0;
  for (const Sentence& s : a.sentences) {
    sentence.clear();
    while (w < a.words.size() && a.words[w].begin < s.end) {
      if (a.words[w].begin >= s.begin) sentence.push_back(extract::ClusterKey(article.text, a, a.words[w]));
      ++w;
    }
    if (!sentence.empty()) impl_->trainer.Add(sentence);
  }
}

std::string ClusterLearner::Train(const ClusterLearnerOptions& o, std::string* log) const {
  extract::ClusterOptions options;
  options.coarse = o.coarse;
  options.fine = o.fine;
  options.min_count = o.min_count;
  options.max_words = o.max_words;
  options.passes = o.passes;
  return impl_->trainer.Train(options, log);
}

Result<std::string> TrainEntityModel(const std::vector<AnnotatedArticle>& train, const NerTrainOptions& options,
                                     std::string* log) {
  EntityOptions eo;
  eo.use_model = false;
  auto made = EntityExtractor::Create(eo);
  if (!made) return Err(made.error());
  EntityExtractor& x = **made;
  // Decoding reads the built-in clusters; training the same ones keeps the two in step.
  auto clusters = extract::WordClusters::Builtin();
  if (!clusters) return Err(clusters.error());
  extract::NerResources resources = extract::EntityInternals::Resources(x, false);
  if (options.clusters && clusters->size() > 0) resources.clusters = &*clusters;
  resources.rules = options.rules;
  std::vector<extract::NerFeatures> features(train.size());
  std::vector<std::vector<uint8_t>> gold(train.size());
  std::vector<Example> examples;
  size_t mentions = 0, skipped = 0, tokens = 0;
  for (size_t d = 0; d < train.size(); ++d) {
    std::vector<extract::RuleMention> rules;
    const Analysis a = extract::EntityInternals::Analyze(x, train[d].article, &rules);
    extract::ArticleFeatures(train[d].article.text, a, rules, resources, &features[d]);
    const auto& tok = a.tokens;
    gold[d].assign(tok.size(), extract::kOutside);
    for (const GoldMention& m : train[d].mentions) {
      auto i = static_cast<size_t>(std::lower_bound(tok.begin(), tok.end(), m.begin,
                                                    [](const AnalyzedToken& t, uint32_t b) { return t.begin < b; }) -
                                   tok.begin());
      size_t j = i;
      while (j < tok.size() && tok[j].end < m.end) ++j;
      bool free = i < tok.size() && j < tok.size() && tok[i].begin == m.begin && tok[j].end == m.end;
      for (size_t k = i; free && k <= j; ++k) free = gold[d][k] == extract::kOutside;
      if (!free) {
        ++skipped;
        continue;
      }
      ++mentions;
      if (i == j) {
        gold[d][i] = extract::Label(m.type, 3);
        continue;
      }
      gold[d][i] = extract::Label(m.type, 0);
      for (size_t k = i + 1; k < j; ++k) gold[d][k] = extract::Label(m.type, 1);
      gold[d][j] = extract::Label(m.type, 2);
    }
    for (auto [first, end] : extract::SentenceTokens(a)) examples.push_back({d, first, end});
    tokens += tok.size();
  }
  std::ostringstream out;
  out << train.size() << " articles, " << examples.size() << " sentences, " << tokens << " tokens, " << mentions
      << " mentions (" << skipped << " skipped: their ends fall inside a token, or they overlap)\n";
  Perceptron p;
  std::mt19937 rng(options.seed);
  std::vector<float> emit;
  std::vector<uint8_t> pred;
  std::vector<size_t> order(examples.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  for (uint32_t epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);  // Fisher-Yates
    size_t wrong = 0;
    for (size_t k : order) {
      const Example& e = examples[k];
      const extract::NerFeatures& f = features[e.article];
      const uint8_t* g = gold[e.article].data() + e.first;
      const size_t n = e.end - e.first;
      p.Emit(f, e.first, e.end, &emit);
      pred.assign(n, 0);
      extract::Viterbi(emit.data(), n, p.transitions(), pred.data());
      uint8_t prev_g = kLabels, prev_p = kLabels;
      for (size_t i = 0; i < n; ++i) {
        if (pred[i] != g[i]) {
          ++wrong;
          p.Update(f, static_cast<uint32_t>(e.first + i), g[i], 1);
          p.Update(f, static_cast<uint32_t>(e.first + i), pred[i], -1);
        }
        if (pred[i] != g[i] || prev_p != prev_g) {
          p.UpdateTransition(prev_g, g[i], 1);
          p.UpdateTransition(prev_p, pred[i], -1);
        }
        prev_g = g[i];
        prev_p = pred[i];
      }
      p.Step();
    }
    out << "epoch " << epoch << ": " << wrong << " tokens wrong\n";
  }
  if (log != nullptr) *log += out.str();
  return p.Model(options.prune);
}

}  // namespace bantin
