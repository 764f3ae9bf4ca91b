// What the event model sees: for one article, its sentences' words as trigger candidates and
// its entities as actor candidates, each described by hashed features. The same code serves
// training (events_train.cc) and extraction (events.cc), so the two never disagree.
// Thread safety: a featurizer keeps per-article state; one per thread.
#ifndef BANTIN_EXTRACT_EVENT_FEATURES_H_
#define BANTIN_EXTRACT_EVENT_FEATURES_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/analyzer.h"
#include "bantin/article.h"
#include "bantin/records.h"
#include "bantin/status.h"

namespace bantin::extract {

// The event lexicon (data/lexicons/event-lexicon.tsv): verbs by CAMEO code, the roots'
// labels, seats of government. In the model its verbs are features, never decisions.
struct EventLexicon {
  std::map<std::string, std::string> triggers;  // words (normalized, space-separated) -> code
  size_t longest = 1;                            // words in the longest trigger
  std::map<std::string, std::string> labels;     // root -> label
  std::vector<std::pair<std::string, std::string>> seats;  // name, ISO 3166 code
};
Result<EventLexicon> ParseEventLexicon(std::string_view text, std::string_view source);
// The lexicon linked into the binary.
Result<EventLexicon> BuiltinEventLexicon();

// One sentence (or window of a long one) and what stands in it.
struct EventSentence {
  uint32_t begin = 0, end = 0;
  size_t first_word = 0, end_word = 0;  // Analysis::words [first_word, end_word)
  std::vector<size_t> actors;           // indexes into the entities: actor candidates, in text order
};

// The hashed key of a feature's text (never 0).
uint32_t EventFeatureKey(std::string_view feature);
// How precise a date value is (TimeExpression::value): 4 a day, 3 a range or list, 2 a month, 1
// a year or coarser, 0 none.
int DatePrecision(const std::string& value);
// Whether a word (normalized) ends a clause: punctuation and quotes.
bool IsClauseEnd(std::string_view word);

// A candidate for an event's date: a valued temporal expression of the text, the article's
// date, or none.
struct DateCandidate {
  const TimeExpression* date = nullptr;  // the expression; nullptr for the article's date or none
  bool article = false;                  // the article's date
  std::string value;                     // what the event's date becomes ("" for none)
  size_t index = 0;                      // the expression's place among the article's valued ones
};

class EventFeaturizer {
 public:
  explicit EventFeaturizer(const EventLexicon* lexicon) : lexicon_(lexicon) {}
  // Per article. The references must outlive the calls that follow.
  void Begin(const Article& article, const Analysis& analysis, const std::vector<Entity>& entities);
  const std::vector<EventSentence>& sentences() const { return sentences_; }
  // Whether word `w` can be a trigger at all (a word of letters, not inside a name).
  bool Candidate(size_t w) const;
  // Features of word `w` of sentence `s` as a trigger.
  void TriggerKeys(const EventSentence& s, size_t w, std::vector<uint32_t>* keys) const;
  // Features of entity `e` (an index into the entities; SIZE_MAX for "none") as the source
  // (`target` false) or target of the trigger of root `root` spanning words [w, w_end).
  void ActorKeys(const EventSentence& s, size_t w, size_t w_end, int root, bool target, size_t e,
                 std::vector<uint32_t>* keys) const;
  // The rules' choice (the model's feature; the decision without a model): the source is the
  // nearest actor before the verb, or the first of two joined by "và" ("Nga và Mỹ đã gặp
  // nhau", the second then the target); the target the first actor after the verb.
  // SIZE_MAX for none.
  void RuleActors(const EventSentence& s, size_t w, size_t w_end, size_t* source, size_t* target) const;
  // Per article, after Begin: its temporal expressions (the references must outlive the calls).
  void BeginDates(const std::vector<TimeExpression>& dates);
  // The rules' date (the model's feature; the decision without a model): the nearest valued
  // expression in the trigger's clause, else a month or finer one in its sentence, never one
  // after a deadline's word ("trước", "đến", "hạn" …); nullptr for none (then the article's).
  const TimeExpression* RuleDate(size_t sentence, size_t w, size_t w_end) const;
  // The candidates for the date of the trigger at words [w, w_end) of sentence number
  // `sentence`: the valued expressions of that sentence, of the four before it and of the one
  // after it; the article's date when it has one; none.
  void DateCandidates(size_t sentence, std::vector<DateCandidate>* out) const;
  // Features of a date candidate (`rule`: the rules would choose it) for a trigger of root `root`.
  void DateKeys(size_t sentence, size_t w, size_t w_end, int root, const DateCandidate& c, bool rule,
                std::vector<uint32_t>* keys) const;
  // The lexicon's code of the trigger covering word `w` ("" for none), and whether `w` starts it.
  const std::string& LexiconCode(size_t w) const { return lexicon_at_[w]; }
  bool LexiconStart(size_t w) const { return !lexicon_at_[w].empty() && !lexicon_inside_[w]; }
  // The normalized text of word `w` ("đàm phán").
  const std::string& WordNorm(size_t w) const { return words_[w]; }

 private:
  const EventLexicon* lexicon_;
  const Article* article_ = nullptr;
  const Analysis* analysis_ = nullptr;
  const std::vector<Entity>* entities_ = nullptr;
  std::vector<std::string> words_;      // each word's norm
  std::vector<int> word_entity_;        // the entity a word is inside, or -1
  std::vector<std::string> lexicon_at_; // the lexicon code of a trigger covering each word
  std::vector<bool> lexicon_inside_;    // the word is not the first of that trigger
  std::vector<EventSentence> sentences_;
  std::string domain_;                  // "sport", "market", "crime" or "news"
  std::vector<const TimeExpression*> dates_;  // valued expressions, by begin
  std::vector<size_t> date_sentence_;         // the sentence each of dates_ stands in
  std::vector<bool> sentence_dated_;          // whether a sentence has a valued expression
  size_t WordAt(uint32_t byte) const;         // the first word ending after `byte`
};

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_EVENT_FEATURES_H_
