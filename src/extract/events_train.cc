// Training the event model on annotated articles: every candidate word a trigger example (its
// gold root or none), every gold trigger's source and target a choice among the sentence's
// entities and "none", and its date a choice among the text's dates nearby, the article's and
// none (ranked by the actors' perceptron: the features' keys differ).
#include <algorithm>

#include "bantin/event_eval.h"
#include "bantin/extract.h"
#include "extract/event_features.h"
#include "extract/event_model.h"
#include "text/normalizer.h"

namespace bantin {

Result<std::string> TrainEventModel(const std::vector<AnnotatedEvents>& train, const EventTrainOptions& options,
                                    std::string* log) {
  auto entities = EntityExtractor::Create();
  if (!entities) return Err(entities.error());
  auto names = Canonicalizer::Shared();
  if (!names) return Err(names.error());
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto dater = DateExtractor::Create();
  if (!dater) return Err(dater.error());
  auto lexicon = extract::BuiltinEventLexicon();
  if (!lexicon) return Err(lexicon.error());
  std::map<std::string, std::string> seats;
  for (const auto& [seat, code] : lexicon->seats) seats.emplace(seat, (*names)->Country(code));
  // A name as the scorer compares it (bantin/event_eval.h): a place's canonical name, folded.
  auto key = [&](std::string_view name) {
    if (name.empty() || name == "-") return std::string();
    std::string place = (*names)->Place(name);
    return (*normalizer)->Fold(place.empty() ? name : place);
  };
  extract::EventTrainer trainer;
  extract::EventFeaturizer f(&*lexicon);
  std::vector<uint32_t> keys;
  size_t skipped = 0, dates_skipped = 0;
  std::vector<extract::DateCandidate> date_candidates;
  for (const AnnotatedEvents& x : train) {
    const Article& article = x.article;
    Analysis a;
    std::vector<Entity> ents = (*entities)->Extract(article, &a);
    f.Begin(article, a, ents);
    const std::vector<TimeExpression> dates = (*dater)->Extract(article.text, article.date);
    f.BeginDates(dates);
    // Each word's gold root: that of a gold trigger it overlaps.
    std::vector<int> gold(a.words.size(), 0);
    for (const GoldEvent& g : x.events) {
      const int root = std::stoi(g.code.substr(0, 2));
      for (const auto& [b, e] : g.triggers) {
        for (size_t w = 0; w < a.words.size(); ++w) {
          if (a.words[w].begin < e && b < a.words[w].end && gold[w] == 0) gold[w] = root;
        }
      }
    }
    for (size_t si = 0; si < f.sentences().size(); ++si) {
      const extract::EventSentence& s = f.sentences()[si];
      for (size_t w = s.first_word; w < s.end_word; ++w) {
        if (!f.Candidate(w)) continue;
        f.TriggerKeys(s, w, &keys);
        trainer.AddTrigger(keys, gold[w]);
      }
      // The actors of every gold trigger in this sentence.
      for (const GoldEvent& g : x.events) {
        const int root = std::stoi(g.code.substr(0, 2));
        for (const auto& [b, e] : g.triggers) {
          if (b < s.begin || e > s.end) continue;
          size_t w = s.first_word;
          while (w < s.end_word && a.words[w].end <= b) ++w;
          size_t w_end = w;
          while (w_end < s.end_word && a.words[w_end].begin < e) ++w_end;
          if (w == w_end) continue;
          // The date: the candidate whose value is the gold date — a text date (in the
          // trigger's sentence first, then the nearest), else the article's, else none.
          {
            const std::string want = g.date == "-" ? "" : g.date;
            const TimeExpression* rule_date = f.RuleDate(si, w, w_end);
            f.DateCandidates(si, &date_candidates);
            size_t gold_index = SIZE_MAX;
            long best = 0;
            for (size_t c = 0; c < date_candidates.size(); ++c) {
              const extract::DateCandidate& cand = date_candidates[c];
              if (cand.value != want) continue;
              long gap = cand.date ? std::labs(static_cast<long>(cand.date->begin) - static_cast<long>(b))
                                   : (cand.article ? 1L << 40 : 1L << 41);
              if (cand.date && (cand.date->begin < s.begin || cand.date->end > s.end)) gap += 1L << 30;
              if (gold_index == SIZE_MAX || gap < best) gold_index = c, best = gap;
            }
            if (gold_index == SIZE_MAX) {
              ++dates_skipped;
            } else {
              extract::ActorGroup grp;
              for (const extract::DateCandidate& cand : date_candidates) {
                const bool rule = cand.date != nullptr ? cand.date == rule_date
                                  : cand.article      ? rule_date == nullptr
                                                      : !rule_date && !article.date;
                f.DateKeys(si, w, w_end, root, cand, rule, &keys);
                grp.candidates.push_back(keys);
              }
              grp.gold = gold_index;
              trainer.AddActors(std::move(grp));
            }
          }
          const std::string sentence = (*normalizer)->Fold(std::string_view(article.text).substr(s.begin, s.end - s.begin));
          // The candidate that is the gold name (the nearest to the trigger when several are).
          auto find = [&](const std::string& name, size_t exclude) -> std::optional<size_t> {
            const std::string want = key(name);
            if (want.empty()) return SIZE_MAX;  // gold "-": none is right
            size_t pick = SIZE_MAX;
            long best = 0;
            for (size_t c = 0; c < s.actors.size(); ++c) {
              const Entity& ent = ents[s.actors[c]];
              if (s.actors[c] == exclude) continue;
              auto seat = seats.find(ent.canonical);
              const std::string as_actor = seat == seats.end() ? ent.canonical : seat->second;
              if (key(as_actor) != want && key(ent.text) != want && key(ent.canonical) != want) continue;
              const long gap = std::labs(static_cast<long>(ent.begin) - static_cast<long>(b));
              if (pick == SIZE_MAX || gap < best) pick = c, best = gap;
            }
            if (pick != SIZE_MAX) return pick;
            // Named in the sentence but not found as an entity: the entity model missed it;
            // teaching "none" here would teach the wrong thing.
            if (sentence.find((*normalizer)->Fold(name)) != std::string::npos) return std::nullopt;
            return SIZE_MAX;
          };
          auto group = [&](bool target, size_t gold_index, size_t exclude) {
            extract::ActorGroup grp;
            for (size_t c = 0; c < s.actors.size(); ++c) {
              if (s.actors[c] == exclude) continue;
              f.ActorKeys(s, w, w_end, root, target, s.actors[c], &keys);
              if (c == gold_index) grp.gold = grp.candidates.size();
              grp.candidates.push_back(keys);
            }
            f.ActorKeys(s, w, w_end, root, target, SIZE_MAX, &keys);
            if (gold_index == SIZE_MAX) grp.gold = grp.candidates.size();
            grp.candidates.push_back(keys);
            trainer.AddActors(std::move(grp));
          };
          auto source = find(g.source, SIZE_MAX);
          if (!source) {
            ++skipped;
            continue;
          }
          group(false, *source, SIZE_MAX);
          if (*source == SIZE_MAX) continue;  // no source, no event: nothing to learn of its target
          const size_t source_entity = s.actors[*source];
          auto target = find(g.target, source_entity);
          if (!target) {
            ++skipped;
            continue;
          }
          // Indexes into s.actors; group() skips the source.
          group(true, *target, source_entity);
        }
      }
    }
  }
  if (log) {
    *log += std::to_string(skipped) + " gold actors named but not found as entities (not learned from)\n";
    *log += std::to_string(dates_skipped) + " gold dates no candidate has (not learned from)\n";
  }
  return trainer.Train(options.epochs, options.seed, log);
}

}  // namespace bantin
