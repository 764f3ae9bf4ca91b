// What story threading compares: an article as a weighted, sparse vector of hashed terms —
// folded word unigrams and bigrams of its title and opening, the canonical names of its
// entities, and its events (actor, CAMEO root, target) — weighted by TF-IDF (docs/stories.md).
#ifndef BANTIN_STORIES_FEATURES_H_
#define BANTIN_STORIES_FEATURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bantin/status.h"

namespace bantin::stories {

struct Term {
  uint64_t key = 0;
  float weight = 0;
};
using Vector = std::vector<Term>;  // sorted by key, no repeats

// A term of one article before weighting.
struct TermCount {
  uint64_t key = 0;
  float count = 0;
  uint32_t background = 0;  // articles of the background corpus with it (words only)
  bool word = false;        // a word unigram or bigram (else an entity or event)
};
using Counts = std::vector<TermCount>;  // by key

struct ArticleText {
  std::string_view folded_title;  // text::Normalizer::Fold of the title
  std::string_view folded_body;   // … of the lead and body; only the opening words are used
  std::vector<std::string> entities;  // canonical names, lowercase, one per mention
  std::vector<std::string> events;    // Dyad() of each event with a source and a target
};

// Words of the body used (news puts the story first).
inline constexpr size_t kOpeningWords = 300;

class Background;
// A bigram's background count is the smaller of its words' (an upper bound).
Counts CountTerms(const ArticleText& text, const Background& background);

// An event's dyad: its two actors (lowercase canonical names, in byte order, so "Russia meets
// the US" and "the US meets Russia" are one) and its CAMEO root.
std::string Dyad(const std::string& a, const std::string& b, const std::string& code);
// The term key of a dyad, as CountTerms gives it.
uint64_t DyadKey(const std::string& dyad);

// Document frequencies in 2^23 hashed 16-bit saturating counters (collisions only raise a rare
// term's count a little: most terms are rare and share buckets with other rare terms).
class DocFrequencies {
 public:
  DocFrequencies();
  void Add(const Counts& counts);  // one document's terms
  // log((N + B + 1) / (df + b + 0.5)): N the documents added, df those with the term; B the
  // background corpus's articles, b those with the word (an entity or event: B / 64).
  float Idf(const TermCount& t, uint64_t background_docs) const;
  uint64_t docs() const { return docs_; }
  // "BTDF1" + N (8 bytes LE) + the counters (2 bytes LE each).
  std::string Serialize() const;
  static Result<DocFrequencies> Parse(std::string_view bytes, std::string_view source);

  // Counters changed by Add since the last TakeChanged, as (counter, value) in counter order;
  // the marks are cleared.
  std::vector<std::pair<uint32_t, uint16_t>> TakeChanged();
  size_t changed() const { return changed_.size(); }
  // Sets what a stored table says after it was written (StoryCounts): a counter's value and N.
  // Out-of-range counters are refused (Corruption naming `source`).
  Status Restore(uint32_t counter, uint16_t value, std::string_view source);
  void set_docs(uint64_t docs) { docs_ = docs; }
  static constexpr size_t kBuckets = size_t{1} << 23;

 private:
  std::vector<uint16_t> counts_;
  uint64_t docs_ = 0;
  std::vector<uint32_t> changed_;  // counters changed since TakeChanged, each once
  std::vector<bool> marked_;       // kBuckets: in changed_
};

// The article's `keep` heaviest terms, (1 + ln tf) · idf, scaled to unit length.
Vector Weigh(const Counts& counts, const DocFrequencies& df, uint64_t background_docs, size_t keep);

// Sum of products over shared keys.
float Dot(const Vector& a, const Vector& b);

}  // namespace bantin::stories

#endif  // BANTIN_STORIES_FEATURES_H_
