// EventExtractor: CAMEO-coded events from trigger verbs and the entities around them.
#include <algorithm>
#include <map>
#include <set>

#include "bantin/analyzer.h"
#include "bantin/extract.h"
#include "base/table_text.h"

extern "C" const char bantin_event_lexicon_model_begin[];
extern "C" const char bantin_event_lexicon_model_end[];

namespace bantin {
namespace {

struct Trigger {
  std::string words;  // normalized, lowercase, space-separated
  std::string code;   // CAMEO root
};

// The event lexicon (data/lexicons/event-lexicon.tsv, linked in by builtin_event_lexicon.S):
// Vietnamese verbs by CAMEO root (the manual's root categories; verbs chosen from news
// usage), the roots' labels, and seats of government that news names for the government itself
// ("Washington đề xuất với Moskva"; no Debian package carries capitals, and a city found in ICU
// already maps to its country through the gazetteer, so only capitals without a time zone of
// their own are listed).
struct EventLexicon {
  std::vector<Trigger> triggers;
  std::map<std::string, std::string> labels;
  std::vector<std::pair<std::string, std::string>> seats;  // name, ISO 3166 code
};

Result<EventLexicon> ParseEventLexicon(std::string_view text, std::string_view source) {
  EventLexicon lex;
  Status s = ForEachTableLine(text, source, "# bantin event lexicon 1", [&](std::string_view line) -> std::string {
    if (line.starts_with('#')) return "";
    auto f = TabFields(line);
    if (f.size() != 3 || f[1].empty() || f[2].empty()) return "expected three tab-separated fields";
    if (f[0] == "trigger") lex.triggers.push_back({std::string(f[1]), std::string(f[2])});
    else if (f[0] == "label") lex.labels.emplace(f[1], f[2]);
    else if (f[0] == "seat") lex.seats.emplace_back(f[1], f[2]);
    else return "unknown kind \"" + std::string(f[0]) + "\" (trigger, label, seat)";
    return "";
  });
  if (!s.ok()) return Err(s);
  for (const Trigger& t : lex.triggers) {
    if (!lex.labels.count(t.code)) {
      return Err(Status::Corruption(source, "trigger \"" + t.words + "\": root " + t.code + " has no label"));
    }
  }
  return lex;
}

const std::set<std::string> kNegations = {"không", "chưa", "chẳng", "chả"};


// Events are found one sentence at a time, and the work for a trigger grows with the entities
// of its sentence. A "sentence" longer than this many tokens (a text without full stops: no
// news sentence comes near it) is taken in windows of this many tokens, so extraction stays
// linear in the article's length.
constexpr size_t kMaxWindowTokens = 512;

std::vector<Sentence> Windows(const Analysis& a) {
  std::vector<Sentence> out;
  out.reserve(a.sentences.size());
  size_t t = 0;
  for (const Sentence& s : a.sentences) {
    while (t < a.tokens.size() && a.tokens[t].begin < s.begin) ++t;
    uint32_t begin = s.begin;
    size_t n = 0;
    for (; t < a.tokens.size() && a.tokens[t].end <= s.end; ++t) {
      if (++n > kMaxWindowTokens) {
        out.push_back({begin, a.tokens[t - 1].end});
        begin = a.tokens[t].begin;
        n = 1;
      }
    }
    out.push_back({begin, s.end});
  }
  return out;
}

}  // namespace

struct EventExtractor::Impl {
  std::unique_ptr<Analyzer> analyzer;
  EventLexicon lexicon;
  std::map<std::string, std::string> seats;  // seat of government -> its country's canonical name
};

EventExtractor::EventExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventExtractor::~EventExtractor() = default;

Result<std::unique_ptr<EventExtractor>> EventExtractor::Create() {
  auto impl = std::make_unique<Impl>();
  auto analyzer = Analyzer::Create();
  if (!analyzer) return Err(analyzer.error());
  impl->analyzer = std::move(*analyzer);
  auto names = Canonicalizer::Shared();
  if (!names) return Err(names.error());
  auto lexicon = ParseEventLexicon(
      std::string_view(bantin_event_lexicon_model_begin,
                       static_cast<size_t>(bantin_event_lexicon_model_end - bantin_event_lexicon_model_begin)),
      "built-in event lexicon");
  if (!lexicon) return Err(lexicon.error());
  impl->lexicon = std::move(*lexicon);
  for (const auto& [seat, code] : impl->lexicon.seats) impl->seats.emplace(seat, (*names)->Country(code));
  return std::unique_ptr<EventExtractor>(new EventExtractor(std::move(impl)));
}

std::vector<Event> EventExtractor::Extract(const Article& article, const std::vector<Entity>& entities,
                                           const std::vector<TimeExpression>& dates,
                                           const Analysis* analysis) {
  const std::string_view text = article.text;
  Analysis own;
  if (analysis == nullptr) {
    own = impl_->analyzer->Analyze(article);
    analysis = &own;
  }
  const Analysis& a = *analysis;
  const auto& tok = a.tokens;
  // An actor: a person, an organisation, or a place (a city stands for its country's
  // government, as news uses capitals: "Moskva" -> Russia).
  auto actor = [&](const Entity& e) -> std::string {
    if (e.type == EntityType::kLocation && !e.country.empty()) return e.country;
    auto seat = impl_->seats.find(e.canonical);
    return seat == impl_->seats.end() ? e.canonical : seat->second;
  };
  // "Nga" in "Tổng thống Nga Vladimir Putin" is part of a title, not an actor. Roles sorted by
  // start, with the furthest end of any role starting at or before each: a binary search.
  std::vector<std::pair<uint32_t, uint32_t>> roles;
  for (const Entity& p : entities) {
    if (p.role_end > p.role_begin) roles.emplace_back(p.role_begin, p.role_end);
  }
  std::sort(roles.begin(), roles.end());
  for (size_t r = 1; r < roles.size(); ++r) roles[r].second = std::max(roles[r].second, roles[r - 1].second);
  auto inside_role = [&](const Entity& e) {
    auto after = std::upper_bound(roles.begin(), roles.end(), std::make_pair(e.begin, UINT32_MAX));
    return after != roles.begin() && std::prev(after)->second >= e.end;
  };
  // Entities and dates in text order, swept once alongside the sentences (never rescanned).
  std::vector<const Entity*> by_begin;
  for (const Entity& e : entities) by_begin.push_back(&e);
  std::stable_sort(by_begin.begin(), by_begin.end(), [](const Entity* x, const Entity* y) { return x->begin < y->begin; });
  std::vector<const TimeExpression*> dates_by_begin;
  for (const TimeExpression& d : dates) dates_by_begin.push_back(&d);
  std::stable_sort(dates_by_begin.begin(), dates_by_begin.end(),
                   [](const TimeExpression* x, const TimeExpression* y) { return x->begin < y->begin; });
  size_t next_entity = 0, next_date = 0;
  std::vector<Event> out;
  size_t t = 0;
  for (const Sentence& s : Windows(a)) {
    while (next_entity < by_begin.size() && by_begin[next_entity]->begin < s.begin) ++next_entity;
    while (next_date < dates_by_begin.size() && dates_by_begin[next_date]->begin < s.begin) ++next_date;
    std::vector<const Entity*> in;
    for (size_t k = next_entity; k < by_begin.size() && by_begin[k]->begin < s.end; ++k) {
      const Entity& e = *by_begin[k];
      if (e.end <= s.end && !inside_role(e)) in.push_back(&e);
    }
    // The sentence's date: its first day if it names one ("năm 2025 ngày 19/12" is the 19th),
    // else its first date of any kind.
    std::string date, any;
    for (size_t k = next_date; k < dates_by_begin.size() && dates_by_begin[k]->begin < s.end; ++k) {
      const TimeExpression& d = *dates_by_begin[k];
      if (d.end > s.end || d.value.empty()) continue;
      const bool day = d.value.size() == 10 || (d.value.size() == 7 && d.value[0] == '-');
      if (day && date.empty()) date = d.value;
      if (any.empty()) any = d.value;
      if (!date.empty()) break;
    }
    if (date.empty()) date = any;
    if (date.empty() && article.date) date = article.date->ToString();
    // The place: an entity after "tại" ("tại Istanbul", "tại Điện Kremlin"); it is no actor.
    std::string place;
    static constexpr std::string_view kAt = "tại ";
    auto after_at = [&](const Entity* e) {
      return e->type != EntityType::kPerson && e->begin >= kAt.size() &&
             text.substr(e->begin - kAt.size(), kAt.size()) == kAt;
    };
    std::vector<const Entity*> places;
    for (const Entity* e : in) {
      if (after_at(e)) places.push_back(e);
    }
    in.erase(std::remove_if(in.begin(), in.end(), after_at), in.end());
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    while (t < tok.size() && tok[t].begin < s.begin) ++t;
    for (size_t i = t; i < tok.size() && tok[i].end <= s.end; ++i) {
      const Trigger* hit = nullptr;
      size_t len = 0;
      for (const Trigger& tr : impl_->lexicon.triggers) {
        std::string_view w = tr.words;
        size_t k = i, at = 0;
        bool ok = true;
        while (ok && at < w.size()) {
          size_t sp = w.find(' ', at);
          std::string_view part = w.substr(at, sp == std::string_view::npos ? std::string_view::npos : sp - at);
          ok = k < tok.size() && tok[k].end <= s.end && tok[k].norm == part;
          ++k;
          at = sp == std::string_view::npos ? w.size() : sp + 1;
        }
        if (ok && k - i > len) {
          hit = &tr;
          len = k - i;
        }
      }
      if (hit == nullptr) continue;
      // Not a verb here: a noun ("các cuộc đàm phán", "vòng đàm phán"), a passive ("bị cắt
      // đứt": the actors would be reversed), or "tiếp" of "tiếp tục", "tiếp theo".
      const std::string& before = i > t ? tok[i - 1].norm : std::string();
      const std::string& next = i + len < tok.size() ? tok[i + len].norm : std::string();
      if (before == "cuộc" || before == "vòng" || before == "bị" || before == "được" ||
          (hit->words == "tiếp" &&
           (next == "tục" || next == "theo" || next == "cận" || next == "đó" || next == "nhận"))) {
        continue;
      }
      const uint32_t tb = tok[i].begin, te = tok[i + len - 1].end;
      // Source: the nearest actor before the verb; two joined by "và" ("Nga và Mỹ đã gặp
      // nhau") are source and target.
      const Entity* source = nullptr;
      const Entity* paired = nullptr;
      for (const Entity* e : in) {
        if (e->end > tb) break;
        if (source != nullptr && text.substr(source->end, e->begin - source->end) == " và ") {
          paired = e;
          continue;
        }
        source = e;
        paired = nullptr;
      }
      if (source == nullptr) continue;
      // Targets: the first actor after the verb, and those joined to the one before them by
      // "cùng" or "và" ("Witkoff của Tổng thống Mỹ Donald Trump, cùng ông Jared Kushner").
      std::vector<const Entity*> targets;
      if (paired != nullptr) targets.push_back(paired);
      const Entity* prev = nullptr;
      for (const Entity* e : in) {
        if (e->begin < te) continue;
        if (targets.empty() || (paired != nullptr && targets.size() == 1 && prev == nullptr)) {
          if (paired == nullptr) targets.push_back(e);
          prev = e;
          continue;
        }
        if (prev != nullptr) {
          std::string_view gap = text.substr(prev->end, e->begin - prev->end);
          if (gap.rfind(", cùng ", 0) == 0 || gap.rfind(" cùng ", 0) == 0 || gap == " và ") targets.push_back(e);
        }
        prev = e;
      }
      // The place: the first "tại …" after the verb ("xung đột tại Ukraine" before it is where
      // the conflict is, not where the proposal was made).
      place.clear();
      for (const Entity* e : places) {
        if (place.empty() && e->begin >= te) place = e->canonical;
      }
      bool negated = false;
      for (size_t k = i; k > t && k + 3 > i; --k) negated = negated || kNegations.count(tok[k - 1].norm) > 0;
      auto add = [&](const std::string& target) {
        if (!seen.insert({hit->code, actor(*source), target}).second) return;
        Event ev;
        ev.code = hit->code;
        ev.label = impl_->lexicon.labels.at(ev.code);
        ev.source = actor(*source);
        ev.target = target;
        ev.date = date;
        ev.place = place;
        ev.sentence_begin = s.begin;
        ev.sentence_end = s.end;
        ev.trigger_begin = tb;
        ev.trigger_end = te;
        ev.negated = negated;
        out.push_back(std::move(ev));
      };
      if (targets.empty()) add("");
      for (const Entity* e : targets) {
        if (actor(*e) != actor(*source)) add(actor(*e));
      }
      i += len - 1;
    }
  }
  return out;
}

}  // namespace bantin
