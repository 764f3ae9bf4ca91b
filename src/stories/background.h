// Background word frequencies: in how many of a reference corpus's articles each folded word
// appears (data/models/story-background.tsv, docs/models.md). Threading weighs terms by IDF; an
// archive of a few articles cannot tell a function word from a name by itself, so the
// reference corpus's counts are added to the archive's own.
//
// Format (text, tab-separated): "# bantin background 1", then "N<TAB>articles", then one
// "folded word<TAB>articles" line per word, sorted.
#ifndef BANTIN_STORIES_BACKGROUND_H_
#define BANTIN_STORIES_BACKGROUND_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bantin/status.h"

namespace bantin::stories {

class Background {
 public:
  // The table linked into the binary; empty (no counts) if the build had none.
  static Result<Background> Builtin();
  static Result<Background> Parse(std::string_view text, std::string_view source);

  uint64_t docs() const { return docs_; }
  // Articles with the folded word `word`; 0 if unknown.
  uint32_t Count(std::string_view word) const {
    auto it = counts_.find(word);
    return it == counts_.end() ? 0 : it->second;
  }

 private:
  uint64_t docs_ = 0;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> counts_;
};

// Counts words over a corpus and writes the table (deterministic).
class BackgroundCounter {
 public:
  void Add(std::string_view folded_text);  // one article
  // Words in at least `min_docs` articles.
  std::string Model(uint32_t min_docs) const;

 private:
  uint64_t docs_ = 0;
  std::unordered_map<std::string, uint32_t> counts_;
};

}  // namespace bantin::stories

#endif  // BANTIN_STORIES_BACKGROUND_H_
