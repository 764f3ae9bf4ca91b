// EventExtractor: CAMEO-coded events. The event model (extract/event_model.h) says which words
// are triggers and of which root, and which entity of the sentence is the source and which
// the target; rules give the date (the trigger's clause, then its sentence, then the
// article's), the place ("tại", "ở"), the status ("sẽ", "không") and merge the records of one
// action reported in several sentences. docs/extraction.md "Events".
#include <algorithm>
#include <map>
#include <set>

#include "bantin/analyzer.h"
#include "bantin/extract.h"
#include "extract/event_features.h"
#include "extract/event_model.h"
#include "extract/events_internal.h"

namespace bantin {
namespace {

using extract::EventFeaturizer;
using extract::EventSentence;

const std::set<std::string> kNegations = {"không", "chưa", "chẳng", "chả", "không hề", "chưa hề"};
const std::set<std::string> kPlanned = {"sẽ", "dự kiến", "kế hoạch", "chuẩn bị", "sắp", "dự định", "định", "lên kế hoạch",
                                        "sắp tới", "mục tiêu"};
// Before a verb of the lexicon, these make it a noun ("cuộc gặp", "lệnh trừng phạt", "sự hợp
// tác", "các hỗ trợ", "chuyến thăm") or a passive ("bị tấn công"), no event of the rules
// (chosen on the train split: precision 41.4 -> 43.2 %, recall 68.5 -> 66.8 %).
const std::set<std::string> kNounBefore = {"cuộc", "vòng", "bị", "được", "lệnh", "biện pháp", "việc", "sự", "các",
                                           "những", "đợt", "vụ", "lời", "chuyến"};
// After "gặp", these make it trouble met, not a meeting.
const std::set<std::string> kTroubles = {"khó khăn", "nạn", "chấn thương", "lỗi", "vấn đề", "rắc rối", "sự cố",
                                         "trục trặc", "tai nạn", "bất lợi", "áp lực", "thất bại"};
// Roots whose verb takes another act as its content: appeal, intent (pledge), demand, threaten.
const std::set<std::string> kSpeechActs = {"02", "03", "10", "13"};

std::string Root(int root) { return (root < 10 ? "0" : "") + std::to_string(root); }

}  // namespace

struct EventExtractor::Impl {
  std::unique_ptr<Analyzer> analyzer;
  extract::EventLexicon lexicon;
  extract::EventModel model;
  bool use_model = false;  // the model decides (else the lexicon and the rules)
  std::shared_ptr<const Canonicalizer> names;
  std::map<std::string, std::string> seats;  // seat of government -> its country's canonical name
};

EventExtractor::EventExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventExtractor::~EventExtractor() = default;

Result<std::unique_ptr<EventExtractor>> EventExtractor::Create(const EventOptions& options) {
  auto impl = std::make_unique<Impl>();
  auto analyzer = Analyzer::Create();
  if (!analyzer) return Err(analyzer.error());
  impl->analyzer = std::move(*analyzer);
  auto names = Canonicalizer::Shared();
  if (!names) return Err(names.error());
  impl->names = *names;
  auto lexicon = extract::BuiltinEventLexicon();
  if (!lexicon) return Err(lexicon.error());
  impl->lexicon = std::move(*lexicon);
  auto model = options.model.empty() ? extract::EventModel::Builtin()
                                     : extract::EventModel::Parse(options.model, "event model");
  if (!model) return Err(model.error());
  impl->model = std::move(*model);
  impl->use_model = options.use_model && !impl->model.empty();
  for (const auto& [seat, code] : impl->lexicon.seats) impl->seats.emplace(seat, (*names)->Country(code));
  return std::unique_ptr<EventExtractor>(new EventExtractor(std::move(impl)));
}

std::vector<Event> EventExtractor::Extract(const Article& article, const std::vector<Entity>& entities,
                                           const std::vector<TimeExpression>& dates, const Analysis* analysis) {
  Analysis own;
  if (analysis == nullptr) {
    own = impl_->analyzer->Analyze(article);
    analysis = &own;
  }
  const Analysis& a = *analysis;
  const std::string_view text = article.text;
  const Impl& m = *impl_;
  EventFeaturizer f(&m.lexicon);
  f.Begin(article, a, entities);
  // A seat of government stands for its country ("Washington phản đối"); any other entity is
  // named by its canonical name.
  // A person by the fullest name the article gives ("Prayut" -> "Prayut Chan-o-cha" when the
  // article writes both).
  // (Over the distinct names: an article repeats a name many times.)
  std::set<std::string> people;
  for (const Entity& e : entities) {
    if (e.type == EntityType::kPerson) people.insert(e.canonical);
  }
  std::map<std::string, std::string> fullest;
  for (const std::string& name : people) {
    std::string best = name;
    for (const std::string& c : people) {
      if (c.size() > best.size() && c.size() > name.size() + 1 &&
          ((c.starts_with(name) && c[name.size()] == ' ') ||
           (c.ends_with(name) && c[c.size() - name.size() - 1] == ' '))) {
        best = c;
      }
    }
    fullest.emplace(name, std::move(best));
  }
  auto actor = [&](const Entity& e) {
    if (e.type == EntityType::kPerson) return fullest[e.canonical];
    auto seat = m.seats.find(e.canonical);
    return seat == m.seats.end() ? e.canonical : seat->second;
  };
  f.BeginDates(dates);
  std::vector<Event> out;
  std::vector<bool> own_date;  // the date comes from the text, not the article's
  std::vector<uint32_t> keys;
  std::vector<extract::DateCandidate> date_candidates;
  for (size_t si = 0; si < f.sentences().size(); ++si) {
    const EventSentence& s = f.sentences()[si];
    // Triggers: runs of words the model gives one root; without the model, the lexicon's verbs
    // (not after "cuộc", "vòng": nouns; not after "bị", "được": passives, whose actors would be
    // reversed).
    std::vector<int> root(s.end_word - s.first_word, 0);
    for (size_t w = s.first_word; w < s.end_word; ++w) {
      if (!f.Candidate(w)) continue;
      if (m.use_model) {
        f.TriggerKeys(s, w, &keys);
        auto scores = m.model.Trigger(keys);
        root[w - s.first_word] = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      } else if (f.LexiconStart(w)) {
        const std::string& before = w > s.first_word ? f.WordNorm(w - 1) : "";
        if (kNounBefore.count(before)) continue;
        // The content of an appeal, a pledge, a demand or a threat ("đe dọa tấn công", "cam kết
        // viện trợ", "kêu gọi trừng phạt") is no event of its own: the event is that act.
        if (w > s.first_word && !f.LexiconCode(w - 1).empty() && kSpeechActs.count(f.LexiconCode(w - 1).substr(0, 2))) {
          continue;
        }
        // "gặp khó khăn", "gặp nạn": trouble, no meeting.
        if (f.WordNorm(w) == "gặp") {
          bool trouble = false;
          for (size_t k = w + 1; k < s.end_word && k <= w + 3; ++k) trouble = trouble || kTroubles.count(f.WordNorm(k));
          if (trouble) continue;
        }
        const int r = std::stoi(f.LexiconCode(w).substr(0, 2));
        for (size_t k = w; k < s.end_word && (k == w || (!f.LexiconStart(k) && f.LexiconCode(k) == f.LexiconCode(w))); ++k) {
          root[k - s.first_word] = r;
        }
      }
    }
    for (size_t w = s.first_word; w < s.end_word;) {
      const int r = root[w - s.first_word];
      size_t w_end = w + 1;
      while (r != 0 && w_end < s.end_word && root[w_end - s.first_word] == r) ++w_end;
      if (r == 0) {
        w = w_end;
        continue;
      }
      // Source, then target: the best-scoring candidate, or none (without the model: the rules').
      size_t rule_source = SIZE_MAX, rule_target = SIZE_MAX;
      f.RuleActors(s, w, w_end, &rule_source, &rule_target);
      auto best = [&](bool target, size_t exclude) {
        if (!m.use_model) return target ? rule_target : rule_source;
        size_t pick = SIZE_MAX;
        f.ActorKeys(s, w, w_end, r, target, SIZE_MAX, &keys);
        int32_t top = m.model.Actor(keys);
        for (size_t e : s.actors) {
          if (e == exclude || (exclude != SIZE_MAX && actor(entities[e]) == actor(entities[exclude]))) continue;
          f.ActorKeys(s, w, w_end, r, target, e, &keys);
          const int32_t score = m.model.Actor(keys);
          if (score > top) top = score, pick = e;
        }
        return pick;
      };
      const size_t source = best(false, SIZE_MAX);
      if (source == SIZE_MAX) {  // no name, no event
        w = w_end;
        continue;
      }
      const size_t target = best(true, source);
      Event ev;
      ev.trigger_begin = a.words[w].begin;
      ev.trigger_end = a.words[w_end - 1].end;
      ev.sentence_begin = s.begin;
      ev.sentence_end = s.end;
      ev.code = Root(r);
      // The lexicon's sub-code where the verb says it ("điện đàm" 041) and the model agrees on the root.
      std::string words;
      for (size_t k = w; k < w_end; ++k) words += (k > w ? " " : "") + f.WordNorm(k);
      if (auto lex = m.lexicon.triggers.find(words); lex != m.lexicon.triggers.end() && lex->second.size() == 3 &&
                                                     lex->second.substr(0, 2) == ev.code) {
        ev.code = lex->second;
      }
      auto label = m.lexicon.labels.find(ev.code.substr(0, 2));
      ev.label = label == m.lexicon.labels.end() ? "" : label->second;
      ev.source = actor(entities[source]);
      if (target != SIZE_MAX) ev.target = actor(entities[target]);
      // The start of the trigger's clause: the punctuation before it.
      size_t cb = w;
      while (cb > s.first_word && !extract::IsClauseEnd(f.WordNorm(cb - 1))) --cb;
      // Status: a negation or a word of intent shortly before the trigger, in its clause.
      for (size_t k = w; k > cb && k + 4 > w; --k) {
        const std::string& b = f.WordNorm(k - 1);
        if (kNegations.count(b)) ev.status = "denied";
        if (kPlanned.count(b) && ev.status == "happened" && ev.code.substr(0, 2) != "13" && ev.code.substr(0, 2) != "03") {
          ev.status = "planned";
        }
      }
      // Date: the model's choice among the text's dates, the article's and none; without the
      // model the rules': one in the clause (the nearest), else one in the sentence, never a
      // deadline; else the article's.
      const TimeExpression* when = f.RuleDate(si, w, w_end);
      ev.date = when ? when->value : article.date ? article.date->ToString() : "";
      bool dated = when != nullptr;
      if (m.use_model) {
        f.DateCandidates(si, &date_candidates);
        int32_t top = 0;
        const extract::DateCandidate* pick = nullptr;
        for (const extract::DateCandidate& c : date_candidates) {
          const bool rule = c.date != nullptr ? c.date == when : c.article ? when == nullptr : !when && !article.date;
          f.DateKeys(si, w, w_end, r, c, rule, &keys);
          const int32_t score = m.model.Actor(keys);
          if (!pick || score > top) top = score, pick = &c;
        }
        ev.date = pick->value;
        dated = pick->date != nullptr;
      }
      // Place: a name after "tại" / "ở" / "trên" after the trigger ("xung đột tại Ukraine" before
      // it is where the conflict is, not where the proposal was made); a visit's country.
      auto after_at = [&](const Entity& e) {
        for (std::string_view at : {"tại ", "ở ", "trên "}) {
          if (e.begin >= at.size() && text.substr(e.begin - at.size(), at.size()) == at) return true;
        }
        return false;
      };
      for (size_t e : s.actors) {
        const Entity& ent = entities[e];
        if (ent.type != EntityType::kPerson && after_at(ent) && ent.begin >= ev.trigger_end) {
          ev.place = ent.canonical;
          break;
        }
      }
      if (ev.place.empty() && ev.code == "042" && target != SIZE_MAX && entities[target].type == EntityType::kLocation) {
        ev.place = entities[target].canonical;
      }
      // Targets joined to the chosen one ("Witkoff … cùng ông Jared Kushner", "Nhật Bản và Hàn
      // Quốc"): one record per source-target pair.
      std::vector<std::string> more;
      if (target != SIZE_MAX) {
        size_t prev = target;
        for (size_t e : s.actors) {
          const Entity& o = entities[e];
          if (o.begin <= entities[prev].begin) continue;
          std::string_view gap = text.substr(entities[prev].end, o.begin - entities[prev].end);
          const bool joined = gap == " và " || gap == ", " || gap.starts_with(" cùng ") || gap.starts_with(", cùng ") ||
                              gap.starts_with(" và ông ") || gap.starts_with(" và bà ");
          // "Witkoff của Tổng thống Donald Trump, cùng ông Jared Kushner": the possessor is passed over.
          if (!joined && gap.starts_with(" của ") && gap.size() < 40) {
            prev = e;
            continue;
          }
          if (!joined || gap.size() > 16 || actor(o) == ev.source) break;
          more.push_back(actor(o));
          prev = e;
        }
      }
      for (const std::string& t : more) {
        Event copy = ev;
        copy.target = t;
        out.push_back(std::move(copy));
      }
      out.insert(out.end() - static_cast<long>(more.size()), std::move(ev));
      own_date.insert(own_date.end(), more.size() + 1, dated);
      w = w_end;
    }
  }
  return extract::MergeEvents(std::move(out), own_date, article);
}

namespace extract {

std::vector<Event> MergeEvents(std::vector<Event> events, const std::vector<bool>& own_date, const Article& article) {
  // One action reported in several sentences is one record: a title or lead repeating the
  // body, the same verb again for the same parties, a speaker's statements (same source).
  auto headline = [&](const Event& e) {
    for (const Paragraph& p : article.paragraphs) {
      if (p.begin <= e.sentence_begin && e.sentence_begin < p.end) {
        return p.kind == ParagraphKind::kTitle || p.kind == ParagraphKind::kLead;
      }
    }
    return false;
  };
  auto verb = [&](const Event& e) {
    return std::string_view(article.text).substr(e.trigger_begin, e.trigger_end - e.trigger_begin);
  };
  std::vector<Event> out;
  std::vector<bool> out_own;
  for (size_t i = 0; i < events.size(); ++i) {
    Event& ev = events[i];
    const std::string root = ev.code.substr(0, 2);
    Event* same = nullptr;
    size_t same_index = 0;
    for (size_t k = 0; k < out.size(); ++k) {
      Event& o = out[k];
      if (o.code.compare(0, 2, root) != 0 || o.source != ev.source) continue;
      if (root != "01" && o.target != ev.target && !o.target.empty() && !ev.target.empty()) continue;
      if (root != "01" && !headline(o) && !headline(ev) && verb(o) != verb(ev)) continue;
      if (out_own[k] && own_date[i] && o.date != ev.date) continue;
      same = &o;
      same_index = k;
      break;
    }
    if (!same) {
      out.push_back(std::move(ev));
      out_own.push_back(own_date[i]);
      continue;
    }
    same->mentions.push_back({ev.sentence_begin, ev.sentence_end, ev.trigger_begin, ev.trigger_end});
    if (own_date[i] && (!out_own[same_index] || extract::DatePrecision(ev.date) > extract::DatePrecision(same->date))) {
      same->date = ev.date;
      out_own[same_index] = true;
    }
    if (same->place.empty()) same->place = ev.place;
    if (same->target.empty()) same->target = ev.target;
    if (same->code.size() < ev.code.size()) same->code = ev.code;
  }
  return out;
}

}  // namespace extract
}  // namespace bantin
