// Annotated events and dates (the gold files of docs/annotation.md Part II): parsing them,
// scoring extraction against them (docs/extraction.md "Evaluation: events and dates") and
// training the event model on them (docs/models.md "Event model").
//
//   auto gold = bantin::ParseGoldEvents(text, "events.tsv").value();
//   auto score = bantin::EventScore::Create().value();
//   score->Add(article, gold[article.id], extracted_events);
//   std::cout << score->Table();
//
// Thread safety: a score is not thread-safe; parsing is.
#ifndef BANTIN_EVENT_EVAL_H_
#define BANTIN_EVENT_EVAL_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bantin/article.h"
#include "bantin/records.h"
#include "bantin/status.h"

namespace bantin {

// A gold temporal expression: byte offsets into the article's text and its value ("-" when
// the text does not resolve it).
struct GoldDate {
  uint32_t begin = 0, end = 0;
  std::string value;
};

// A gold event: every trigger that reports it (byte offsets), and its fields ("-" for none).
struct GoldEvent {
  std::string id;  // "E3", unique in its article
  std::vector<std::pair<uint32_t, uint32_t>> triggers;
  std::string code, source, target, date, place, status;
};

// "article_id TAB begin TAB end TAB value" lines ('#' comments; docs/format.md "Date
// annotations"). Errors name the file (`source`) and line.
Result<std::map<std::string, std::vector<GoldDate>>> ParseGoldDates(std::string_view text, std::string_view source);

// "article_id TAB event TAB begin TAB end TAB code TAB source TAB target TAB date TAB place TAB
// status" lines, one per trigger of an event, its fields repeated (docs/format.md "Event
// annotations"). Errors name the file and line, also for an event whose lines disagree.
Result<std::map<std::string, std::vector<GoldEvent>>> ParseGoldEvents(std::string_view text, std::string_view source);

// What a found expression is, by its gold value's form: "day", "month", "year", "range",
// "list", "decade", "quarter", "season", "open" (no year), "unresolved".
std::string_view DateKind(std::string_view value);

// Precision, recall and F1 of temporal expressions: a found expression is right when it
// overlaps a gold one not matched yet and has its value (an unresolved one matches "-").
class DateScore {
 public:
  // `errors`, if given, receives a line per miss ("-"), spurious or wrong value ("+").
  void Add(const Article& article, const std::vector<GoldDate>& gold, const std::vector<TimeExpression>& found,
           std::string* errors = nullptr);
  double F1() const;
  // A table per kind (of the gold value; a spurious expression counts under its own value's).
  std::string Table() const;

 private:
  std::map<std::string, std::array<size_t, 3>> counts_;  // kind -> right, found, gold
};

// Events: a found event is real when one of its triggers overlaps a trigger of a gold event
// not yet taken by another found event (one found record per gold event: a repeat is not
// real); fully right when, besides, its CAMEO root, source, target, date and place equal the
// gold's. Names are compared as the canonicalizer names places and after case, tone placement
// and diacritics ("Hoa Kỳ" = "Mỹ"); "-" equals empty.
class EventScore {
 public:
  static Result<std::unique_ptr<EventScore>> Create();
  ~EventScore();
  EventScore(const EventScore&) = delete;
  EventScore& operator=(const EventScore&) = delete;

  // `errors`, if given, receives a line per missed gold event, spurious found event, and
  // field that differs.
  void Add(const Article& article, const std::vector<GoldEvent>& gold, const std::vector<Event>& found,
           std::string* errors = nullptr);
  // Fully right share of found events, real-event precision, recall, per root and in all;
  // each field's accuracy on real events.
  std::string Table() const;
  double FullyRight() const;
  double Precision() const;
  double Recall() const;

 private:
  struct Impl;
  explicit EventScore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct AnnotatedEvents {
  Article article;
  std::vector<GoldEvent> events;
};

struct EventTrainOptions {
  int epochs = 12;
  uint32_t seed = 20261201;
};

// Trains the event model on `train` (entities and words found by bantin's own extractors, so
// that the model learns from what it will see) and returns the model file's bytes; `log`, if
// given, receives a line per epoch. Deterministic for the same inputs.
Result<std::string> TrainEventModel(const std::vector<AnnotatedEvents>& train, const EventTrainOptions& options,
                                    std::string* log = nullptr);

}  // namespace bantin

#endif  // BANTIN_EVENT_EVAL_H_
