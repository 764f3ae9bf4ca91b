// Word clusters: classes of words that stand in the same contexts, learned from raw news with
// the exchange algorithm (Kneser & Ney, "Improved clustering techniques for class-based
// statistical language modelling", Eurospeech 1993; Martin, Liermann & Ney, "Algorithms for
// bigram and trigram word clustering", Speech Communication 24, 1998): words are moved between
// a fixed number of classes while the likelihood of the class bigram model rises. Two
// clusterings are kept, a coarse and a fine one; the entity model uses both as features, so
// names never seen in annotated text are typed by the company they keep in 58k articles
// (docs/models.md, "Word clusters").
//
// A word's key (ClusterKey): its tokens' normalized lowercase forms joined by spaces, prefixed
// with "^" when its first token is capitalized; numbers are "<num>".
//
// Format (text; docs/format.md "Word clusters"):
//   # bantin clusters 1
//   <key> TAB <coarse class> TAB <fine class>       classes from 1; sorted by key
//
// Thread safety: WordClusters is immutable after Parse; ClusterTrainer is single-threaded.
#ifndef BANTIN_EXTRACT_CLUSTERS_H_
#define BANTIN_EXTRACT_CLUSTERS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bantin/analyzer.h"
#include "bantin/status.h"
#include "base/hash.h"

namespace bantin::extract {

// The key of word `w` of `a` (see above). `text` is the analyzed text.
std::string ClusterKey(std::string_view text, const Analysis& a, const Word& w);

class WordClusters {
 public:
  struct Classes {
    uint16_t coarse = 0, fine = 0;  // 0: unknown word
  };
  // The clusters linked into the binary (data/models/clusters.tsv); empty if the build had none.
  static Result<WordClusters> Builtin();
  // Errors name `source` and the line.
  static Result<WordClusters> Parse(std::string_view text, std::string_view source);

  Classes Find(std::string_view key) const { return FindHash(HashBytes(key)); }
  // The same by the key's HashBytes (callers that hash the key anyway).
  Classes FindHash(uint64_t key_hash) const {
    auto it = words_.find(key_hash);
    return it == words_.end() ? Classes{} : it->second;
  }
  size_t size() const { return words_.size(); }

 private:
  std::unordered_map<uint64_t, Classes> words_;  // by the key's hash (64 bits: no collision among 30k words)
};

struct ClusterOptions {
  uint32_t coarse = 64;       // classes of the coarse clustering
  uint32_t fine = 256;        // classes of the fine clustering
  uint32_t min_count = 10;    // words seen fewer times share one fixed class
  uint32_t max_words = 30000; // at most this many words are clustered (the most frequent)
  uint32_t passes = 6;        // exchange passes over the words (stops early when none moves)
};

// Collects word bigrams from sentences, then clusters. Deterministic: the same sentences in the
// same order give the same bytes.
class ClusterTrainer {
 public:
  // One sentence's word keys, in order.
  void Add(const std::vector<std::string>& sentence);
  // The clusters file (format above). `log` receives one line per pass.
  std::string Train(const ClusterOptions& options, std::string* log) const;
  size_t words_seen() const { return ids_.size(); }

 private:
  uint32_t Id(const std::string& key);
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> keys_;
  std::vector<uint64_t> counts_;
  std::unordered_map<uint64_t, uint32_t> bigrams_;  // (left id << 32 | right id) -> count
};

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_CLUSTERS_H_
