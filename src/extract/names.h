// The name lexicon: names learned from news and the type they carry, and Vietnamese surnames
// (docs/models.md, "Name lexicon"). The entity rules type a name by its cue ("ông …", "Công ty
// …", "tại …"); the lexicon remembers what those cues said across a corpus, so that the same
// name is typed where the text gives no cue ("Vinamilk cho biết …").
//
// Format (text, one entry a line, tab-separated; docs/format.md "Name lexicon"):
//   # bantin names 1
//   N <key> <PER|LOC|ORG> <count>     a name (lowercase normalized key) and its type
//   S <key> <count>                   a surname (first syllable of Vietnamese full names)
#ifndef BANTIN_EXTRACT_NAMES_H_
#define BANTIN_EXTRACT_NAMES_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bantin/extract.h"
#include "bantin/status.h"

namespace bantin::extract {

class NameLexicon {
 public:
  // The lexicon linked into the binary (data/models/names.tsv); empty if the build had none.
  static Result<NameLexicon> Builtin();
  // Errors name `source` and the line.
  static Result<NameLexicon> Parse(std::string_view text, std::string_view source);

  // The type of the name with lowercase normalized key `key`, or nullptr.
  const EntityType* Find(const std::string& key) const {
    auto it = names_.find(key);
    return it == names_.end() ? nullptr : &it->second.type;
  }
  // The number of corpus articles that typed the name with key `key` so (0: not in the lexicon).
  uint32_t Articles(const std::string& key) const {
    auto it = names_.find(key);
    return it == names_.end() ? 0 : it->second.articles;
  }
  bool Surname(const std::string& key) const { return surnames_.count(key) > 0; }
  size_t size() const { return names_.size(); }

 private:
  struct Name {
    EntityType type;
    uint32_t articles;
  };
  std::unordered_map<std::string, Name> names_;
  std::unordered_set<std::string> surnames_;
};

// Counts, over a corpus, the articles in which the rules typed each name, and the surnames of
// Vietnamese full names; writes the lexicon. Deterministic: the same articles in the same order
// give the same bytes.
class NameCounter {
 public:
  // One article's names (lowercase normalized keys, repeats allowed) and the first words of
  // its Vietnamese full names (`surnames`), of its places and organisations (`others`), and
  // which Vietnamese name starts with which surname.
  void Add(const std::vector<std::pair<std::string, EntityType>>& names,
           const std::vector<std::string>& surnames, const std::vector<std::string>& others,
           const std::vector<std::pair<std::string, std::string>>& person_surname);
  // Names typed in at least `min_docs` articles, at least `min_share` of them with one type;
  // surnames starting full names in at least `min_surname` articles, and in more articles than
  // they start places and organisations ("Chính phủ" makes "chính" no surname). A Vietnamese
  // person's name is kept only if its surname is.
  std::string Model(uint32_t min_docs, double min_share, uint32_t min_surname, double min_capitalized) const;
  // One occurrence, inside a sentence, of the words with key `key`, capitalized or not; counted
  // for names already added only. A name written in lowercase too often is a common word
  // ("Theo" at a sentence's start): Model() keeps names capitalized in at least
  // `min_capitalized` of their occurrences.
  void Cased(const std::string& key, bool capitalized) {
    if (names_.count(key)) ++case_[key][capitalized ? 1 : 0];
  }

 private:
  std::map<std::string, std::array<uint32_t, 3>> names_;  // articles typing it PER, LOC, ORG
  std::map<std::string, uint32_t> surnames_, others_;
  std::map<std::string, std::string> person_surname_;
  std::map<std::string, std::array<uint32_t, 2>> case_;  // lowercase, capitalized occurrences
};

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_NAMES_H_
