// The learned entity model and the word clusters it uses: training (`bantin train-clusters`,
// `bantin train-ner`) and the annotated articles it learns from. EntityExtractor (extract.h)
// decodes with the model linked into the binary, or with EntityOptions::model.
//
//   std::vector<bantin::AnnotatedArticle> train = ...;   // articles and their gold mentions
//   bantin::NerTrainOptions o;                          // epochs, seed, which features
//   std::string log;
//   std::string model = bantin::TrainEntityModel(train, o, &log).value();
//   bantin::EntityOptions eo;
//   eo.model = model;                                   // decode with it
//   auto extractor = bantin::EntityExtractor::Create(eo).value();
//
// What the model is, how it is trained and from which data: docs/models.md ("Entity model",
// "Word clusters"); the annotated corpus: docs/annotation.md.
//
// Thread safety: ClusterLearner is single-threaded; TrainEntityModel is a pure function.
#ifndef BANTIN_NER_H_
#define BANTIN_NER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bantin/article.h"
#include "bantin/extract.h"
#include "bantin/status.h"

namespace bantin {

// A gold mention: byte offsets into the article's text and its type.
struct GoldMention {
  uint32_t begin = 0, end = 0;
  EntityType type = EntityType::kPerson;
};

struct AnnotatedArticle {
  Article article;
  std::vector<GoldMention> mentions;  // in any order; overlapping mentions are refused
};

// Reads an annotation file ("article_id TAB begin TAB end TAB PER|LOC|ORG" lines, '#'
// comments; docs/format.md "Entity annotations") into article id -> mentions. Errors name the
// file and line. `source` names the text in errors.
Result<std::vector<std::pair<std::string, std::vector<GoldMention>>>> ParseGoldMentions(
    std::string_view text, std::string_view source);

struct ClusterLearnerOptions {
  uint32_t coarse = 64;        // classes of the coarse clustering
  uint32_t fine = 256;         // classes of the fine clustering
  uint32_t min_count = 10;     // rarer words are not clustered
  uint32_t max_words = 30000;  // at most this many words (the most frequent)
  uint32_t passes = 6;         // exchange passes (fewer when no word moves)
};

// Learns word clusters from raw articles (the exchange algorithm over word bigrams;
// src/extract/clusters.h). Deterministic: the same articles in the same order give the same bytes.
class ClusterLearner {
 public:
  static Result<std::unique_ptr<ClusterLearner>> Create();
  ~ClusterLearner();
  ClusterLearner(const ClusterLearner&) = delete;
  ClusterLearner& operator=(const ClusterLearner&) = delete;

  void Add(const Article& article);
  // The clusters file (docs/format.md "Word clusters"); `log` gets a line per pass.
  std::string Train(const ClusterLearnerOptions& options, std::string* log) const;

 private:
  struct Impl;
  explicit ClusterLearner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct NerTrainOptions {
  uint32_t epochs = 8;
  uint32_t seed = 20261201;  // the order sentences are visited in each epoch
  bool clusters = true;      // word-cluster features (off: the ablation without them)
  bool rules = true;         // the rules' entities as features (off: the ablation without them)
  double prune = 0.01;       // rows whose largest weight is below this share of the largest are dropped
};

// Trains the sequence model (a first-order averaged structured perceptron over BILOU labels of
// the analyzer's tokens, decoded with Viterbi) on `train`. Mentions whose ends fall inside a
// token are skipped (counted in `log`). Returns the model file's bytes (docs/format.md "Entity
// model"). Deterministic.
Result<std::string> TrainEntityModel(const std::vector<AnnotatedArticle>& train,
                                     const NerTrainOptions& options, std::string* log);

}  // namespace bantin

#endif  // BANTIN_NER_H_
