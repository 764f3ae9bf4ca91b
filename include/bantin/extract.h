// Extraction: what an article's text says about time (and, to come, who, where and what).
//
//   auto dates = bantin::DateExtractor::Create().value();
//   for (const bantin::TimeExpression& t : dates->Extract(text, article_date)) ...
//
// Values are ISO 8601: "2025-12-02" a day; "2025-11" a month; "2025" a year; "A/B" an
// interval of days ("2025-11-11/2025-11-20" for giữa tháng 11); without the article's year a
// day is "--12-02", a month "--11" (never a guessed year). Relative expressions ("hôm qua",
// "tuần trước", "cùng ngày") without an article date are unresolved: empty value.
// Resolution rules and their reasons: docs/extraction.md.
//
// Thread safety: a DateExtractor is not thread-safe (it memoizes word forms); use one per thread.
#ifndef BANTIN_EXTRACT_H_
#define BANTIN_EXTRACT_H_

#include <cstdint>
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/analyzer.h"
#include "bantin/article.h"
#include "bantin/records.h"
#include "bantin/status.h"

namespace bantin {


class DateExtractor {
 public:
  static Result<std::unique_ptr<DateExtractor>> Create();
  ~DateExtractor();
  DateExtractor(const DateExtractor&) = delete;
  DateExtractor& operator=(const DateExtractor&) = delete;

  // Every temporal expression of `text` (valid UTF-8), in order, resolved against `article_date`.
  std::vector<TimeExpression> Extract(std::string_view text,
                                      const std::optional<Date>& article_date);

 private:
  struct Impl;
  explicit DateExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};



namespace extract {
class Gazetteer;
struct EntityInternals;
}


// Canonical names: what bantin calls an entity everywhere it shows one (entity lists, events'
// actors, stories, the API, the web page), and every other name that finds it. A place's
// canonical name is Vietnamese as the news writes it: "Mỹ" (also "Hoa Kỳ", "United States",
// "United States of America"), "Nga", "Mát-xcơ-va" ("Moscow", "Moskva"), "Việt Nam" beside
// "Cần Thơ", never "Vietnam". Any other entity's canonical name is the one extraction gives it
// (a person's longest name in the article); its mentions' texts become its aliases.
// Lookups ignore case and tone placement, then diacritics: "hoa ky" finds "Mỹ".
// Thread safety: immutable; Shared() gives every caller of the process the same instance.
class Canonicalizer {
 public:
  // Built on first use from ICU's and iso-codes' data (docs/extraction.md, "Places").
  static Result<std::shared_ptr<const Canonicalizer>> Shared();
  ~Canonicalizer();
  Canonicalizer(const Canonicalizer&) = delete;
  Canonicalizer& operator=(const Canonicalizer&) = delete;

  // The canonical name of the place any of whose names is `name`, in any case or tone
  // placement ("Hoa Kỳ", "UNITED STATES" -> "Mỹ"), else without diacritics ("hoa ky") when
  // just one place folds so; empty when no place is called so.
  std::string Place(std::string_view name) const;
  // The canonical name of the country with ISO 3166 code `code` ("US" -> "Mỹ"); empty if none.
  std::string Country(std::string_view code) const;
  // For a city's canonical name, its country's ("Mát-xcơ-va" -> "Nga"); empty otherwise.
  std::string CountryOf(std::string_view canonical) const;
  // The English name of the entity whose canonical name is `canonical`, for exports that
  // English tools read (GDELT's Actor1Name): a place's from the gazetteer ("Mỹ" -> "United
  // States"); an organisation's from the English-names lexicon (data/lexicons/english-names.tsv:
  // "Liên Hợp Quốc" -> "United Nations"), also with a place after it ("Bộ Quốc phòng Nga" ->
  // "Russia Ministry of Defence", "UBND tỉnh Quảng Nam" -> "Quang Nam People's Committee");
  // otherwise the name itself. Always without diacritics, case kept ("Nguyễn Phú Trọng" ->
  // "Nguyen Phu Trong", how English-language news writes Vietnamese names).
  std::string English(std::string_view canonical) const;
  // The ISO 3166 alpha-3 code (GDELT's Actor1CountryCode) of a country, or of a city's
  // country, by canonical name ("Nga" -> "RUS", "Mát-xcơ-va" -> "RUS"); empty for anything else.
  std::string CountryCode(std::string_view canonical) const;
  // Every name of the place whose canonical name is `canonical`, that one first; {canonical}
  // for a name that is no place's canonical.
  std::vector<std::string> Names(std::string_view canonical) const;
  // The aliases of an article's entities and its events' actors, each (canonical, name) once:
  // every canonical name itself, the other names of its place, and the texts its mentions are
  // written with ("Mát-xcơ-va" in the text: "Mát-xcơ-va", "Moscow", "Moskva", and its
  // country "Nga", "Russia", "Liên Bang Nga"...).
  std::vector<EntityAlias> Aliases(const std::vector<Entity>& entities,
                                   const std::vector<Event>& events) const;
  // The gazetteer as text, one place a line: canonical, English, kind, code, every name
  // (tab-separated).
  std::string GazetteerText() const;
  // The places this machine's ICU and iso-codes name, as the frozen gazetteer file
  // (docs/format.md "Gazetteer"; `bantin gazetteer --freeze`, scripts/freeze-gazetteer.sh).
  static Result<std::string> FreezeSystemGazetteer();
  const extract::Gazetteer& gazetteer() const;

 private:
  struct Impl;
  explicit Canonicalizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct EntityOptions {
  // Type names the rules find no cue for from the learned name lexicon (data/models/names.tsv,
  // docs/models.md) and take capitalized Vietnamese names starting with a learned surname as
  // people. Off only to learn the lexicon itself.
  bool learned_names = true;
  // Decide with the learned entity model (data/models/ner.bnm, docs/models.md), the rules'
  // entities among its features. Off: the rules alone (the ablation's first row).
  bool use_model = true;
  // A model file's bytes to decode with instead of the built-in one (from TrainEntityModel).
  std::string model;
  // After the model: one name, one type in an article (the type most of its mentions have), and
  // found again where the model left it. Off by default: the model reads the article's other
  // mentions of a name as features already, and the pass lost 0.1-0.3 F1 in cross-validation
  // and on the held-out split, retyping "tại Điện Kremlin" (the site) and "Điện Kremlin khẳng
  // định" (the administration) alike (docs/BENCHMARKS.md, the ablation).
  bool document_consistency = false;
};

// Entities: places from a gazetteer built from ICU and iso-codes data (see docs/extraction.md),
// organisations by their head words and acronyms, people by titles and honorifics before them
// and by runs of capitalized foreign words; a person named again by surname gets the full name;
// names without a cue typed by the learned name lexicon.
class EntityExtractor {
 public:
  static Result<std::unique_ptr<EntityExtractor>> Create(const EntityOptions& options = {});
  ~EntityExtractor();
  EntityExtractor(const EntityExtractor&) = delete;
  EntityExtractor& operator=(const EntityExtractor&) = delete;

  // `analysis`, if given, receives the article's analysis (sentences, tokens, words), for
  // EventExtractor to reuse.
  std::vector<Entity> Extract(const Article& article, Analysis* analysis = nullptr);

 private:
  friend struct extract::EntityInternals;
  struct Impl;
  explicit EntityExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Learns the name lexicon from a corpus: every name the entity rules type by a cue, counted by
// the articles that type it so, and the surnames of Vietnamese full names. `bantin train-names`;
// docs/models.md.
class NameLearner {
 public:
  static Result<std::unique_ptr<NameLearner>> Create();
  ~NameLearner();
  NameLearner(const NameLearner&) = delete;
  NameLearner& operator=(const NameLearner&) = delete;
  // First pass: the names the rules type in `article`.
  void Add(const Article& article);
  // Second pass (after every Add): how often each name is written capitalized inside sentences.
  void Count(const Article& article);
  // The lexicon text (docs/format.md "Name lexicon"): names typed in at least `min_docs`
  // articles with one type in at least `min_share` of them, and capitalized in at least
  // `min_capitalized` of their occurrences inside sentences; surnames of full names in at
  // least `min_surname` articles.
  std::string Model(uint32_t min_docs, double min_share, uint32_t min_surname, double min_capitalized) const;

 private:
  struct Impl;
  explicit NameLearner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};



struct EventOptions {
  // Decide with the learned event model (data/models/events.bem, docs/models.md "Event model"):
  // its triggers and actors. Off: the event lexicon's verbs and the hand-written actor rules
  // (which are among the model's features). Off by default until the model also finds the
  // seeds' four events (issue 13; docs/BENCHMARKS.md "Events" compares the two).
  bool use_model = false;
  // An event model file's bytes (from TrainEventModel) to use instead of the built-in one.
  std::string model;
};

// Events: the event model (docs/models.md "Event model", trained on the annotated event set)
// finds trigger words and their CAMEO root and picks each one's source and target among the
// sentence's entities (no named source, no event); rules give the date (the trigger's clause,
// then its sentence, then the article's), the place, the status, and merge the records of one
// action reported in several sentences. docs/extraction.md "Events".
class EventExtractor {
 public:
  static Result<std::unique_ptr<EventExtractor>> Create(const EventOptions& options = {});
  ~EventExtractor();
  EventExtractor(const EventExtractor&) = delete;
  EventExtractor& operator=(const EventExtractor&) = delete;

  // `analysis`: the article's analysis from EntityExtractor, or nullptr to analyze it here.
  std::vector<Event> Extract(const Article& article, const std::vector<Entity>& entities,
                             const std::vector<TimeExpression>& dates,
                             const Analysis* analysis = nullptr);

 private:
  struct Impl;
  explicit EventExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class Store;

// Runs extraction (dates, entities, events, aliases) on every stored article after the last
// one extracted, storing the results batch by batch (a crash loses at most the batch under
// way; the next run goes on from there), on two threads for 1,000 articles or more. Keeps its
// extractors between runs (the pipeline holds one: a POST does not make them anew).
// Not thread-safe: one Run at a time.
class StoredExtractor {
 public:
  static Result<std::unique_ptr<StoredExtractor>> Create();
  ~StoredExtractor();
  StoredExtractor(const StoredExtractor&) = delete;
  StoredExtractor& operator=(const StoredExtractor&) = delete;
  // Returns how many articles it extracted.
  // `stop`, when given and set (by another thread), ends the run between articles with
  // Aborted; the batches written before stay (the next run goes on from them).
  Result<size_t> Run(Store& store, const std::atomic<bool>* stop = nullptr);
  // Extracts again the stored documents `docs` (after Store::RepairDerived removed their rows),
  // whatever the mark of the last document extracted says. Returns how many were extracted.
  Result<size_t> Redo(Store& store, const std::vector<int64_t>& docs);

 private:
  struct Impl;
  explicit StoredExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A StoredExtractor made for one run.
Result<size_t> ExtractStored(Store& store);

}  // namespace bantin

#endif  // BANTIN_EXTRACT_H_
