// The event model's date features (extract/event_features.h): which of the text's temporal
// expressions, the article's date, or none, is the day an event happened. The rules' choice
// (the trigger's clause, then its sentence, never a deadline) is one feature among the
// candidate's place (its sentence, one before, opening a sentence as the occasion's day does),
// its precision and the words before it.
#include <algorithm>
#include <set>

#include "extract/event_features.h"

namespace bantin::extract {
namespace {

// Before a date, these make it a deadline or a target, not the day something happened.
const std::set<std::string, std::less<>> kDeadline = {"trước", "đến", "tới", "hạn", "chậm nhất", "muộn nhất", "hết",
                                                      "mục tiêu"};
constexpr size_t kSentencesBefore = 20, kSentencesAfter = 2;

std::string Near(size_t n) { return n <= 2 ? std::to_string(n) : n <= 5 ? "3-5" : n <= 10 ? "6-10" : "11+"; }

}  // namespace

int DatePrecision(const std::string& v) {
  if (v.empty()) return 0;
  if (v.size() == 10 || (v.size() == 7 && v[0] == '-')) return 4;
  if (v.find('/') != std::string::npos || v.find(',') != std::string::npos) return 3;
  if (v.size() == 7 || (v.size() == 4 && v[0] == '-')) return 2;
  return 1;
}

bool IsClauseEnd(std::string_view word) {
  static const std::set<std::string, std::less<>> ends = {",", ";", ":", "(", ")", "\"", "“", "”"};
  return ends.count(word) > 0;
}

size_t EventFeaturizer::WordAt(uint32_t byte) const {
  const auto& words = analysis_->words;
  return static_cast<size_t>(
      std::lower_bound(words.begin(), words.end(), byte, [](const Word& w, uint32_t b) { return w.end <= b; }) -
      words.begin());
}

void EventFeaturizer::BeginDates(const std::vector<TimeExpression>& dates) {
  dates_.clear();
  date_sentence_.clear();
  for (const TimeExpression& d : dates) {
    if (!d.value.empty()) dates_.push_back(&d);
  }
  std::stable_sort(dates_.begin(), dates_.end(),
                   [](const TimeExpression* x, const TimeExpression* y) { return x->begin < y->begin; });
  sentence_dated_.assign(sentences_.size(), false);
  size_t s = 0;
  for (const TimeExpression* d : dates_) {
    while (s + 1 < sentences_.size() && sentences_[s].end <= d->begin) ++s;
    date_sentence_.push_back(s);
    if (s < sentence_dated_.size()) sentence_dated_[s] = true;
  }
}

const TimeExpression* EventFeaturizer::RuleDate(size_t sentence, size_t w, size_t w_end) const {
  const EventSentence& s = sentences_[sentence];
  const Analysis& a = *analysis_;
  size_t cb = w, ce = w_end;
  while (cb > s.first_word && !IsClauseEnd(words_[cb - 1])) --cb;
  while (ce < s.end_word && !IsClauseEnd(words_[ce])) ++ce;
  const uint32_t clause_begin = a.words[cb].begin, clause_end = ce < s.end_word ? a.words[ce].begin : s.end;
  auto deadline = [&](const TimeExpression* d) {
    const size_t k = WordAt(d->begin);
    return k > s.first_word && k <= s.end_word && kDeadline.count(words_[k - 1]) > 0;
  };
  const uint32_t trigger = a.words[w].begin;
  const TimeExpression* when = nullptr;
  auto distance = [&](const TimeExpression* d) { return std::labs(static_cast<long>(d->begin) - static_cast<long>(trigger)); };
  for (size_t i = 0; i < dates_.size(); ++i) {
    const TimeExpression* d = dates_[i];
    if (date_sentence_[i] != sentence || d->begin < s.begin || d->end > s.end || deadline(d)) continue;
    if (d->begin < clause_begin || d->end > clause_end) continue;
    if (!when || distance(d) < distance(when)) when = d;
  }
  if (when) return when;
  for (size_t i = 0; i < dates_.size(); ++i) {
    const TimeExpression* d = dates_[i];
    if (date_sentence_[i] != sentence || d->begin < s.begin || d->end > s.end || deadline(d)) continue;
    if (DatePrecision(d->value) >= 2) return d;
  }
  return nullptr;
}

void EventFeaturizer::DateCandidates(size_t sentence, std::vector<DateCandidate>* out) const {
  out->clear();
  for (size_t i = 0; i < dates_.size(); ++i) {
    const size_t ds = date_sentence_[i];
    if (ds + kSentencesBefore < sentence || ds > sentence + kSentencesAfter) continue;
    out->push_back({dates_[i], false, dates_[i]->value, i});
  }
  if (article_->date) out->push_back({nullptr, true, article_->date->ToString(), 0});
  out->push_back({nullptr, false, "", 0});
}

void EventFeaturizer::DateKeys(size_t sentence, size_t w, size_t w_end, int root, const DateCandidate& c, bool rule,
                               std::vector<uint32_t>* keys) const {
  keys->clear();
  const std::string r = (root < 10 ? "0" : "") + std::to_string(root);
  auto add = [&](const std::string& f) { keys->push_back(EventFeatureKey("D" + f)); };
  const EventSentence& s = sentences_[sentence];
  const Analysis& a = *analysis_;
  const bool sentence_has_date = sentence < sentence_dated_.size() && sentence_dated_[sentence];
  std::string kind;
  if (c.date == nullptr) {
    kind = c.article ? "a" : "0";
    add("k=" + kind + "|has=" + (sentence_has_date ? "1" : "0"));
  } else {
    // Its sentence: this one, one before (how far), or the next.
    const size_t ds = date_sentence_[c.index];
    kind = ds == sentence ? "s" : ds < sentence ? "p" + std::to_string(std::min<size_t>(sentence - ds, 4)) : "n";
    const int precision = DatePrecision(c.value);
    add("k=" + kind);
    add("kp=" + kind + std::to_string(precision));
    const size_t k = WordAt(c.date->begin);
    const EventSentence& own = sentences_[ds];
    const std::string before = k > own.first_word && k <= own.end_word ? words_[k - 1] : "<s>";
    add("cue=" + before);
    add("cuek=" + before + "|" + kind);
    if (kDeadline.count(before)) add("deadline|" + kind);
    // Opening its sentence ("Ngày 10-2, hội nghị …"): the day of the occasion.
    add("open=" + std::string(k < own.first_word + 3 ? "1" : "0") + kind);
    if (ds == sentence) {
      const bool after = c.date->begin >= a.words[w_end - 1].end;
      const size_t gap = after ? (k > w_end ? k - w_end : 0) : (w > k ? w - k : 0);
      add("pos=" + std::string(after ? "R" : "L") + Near(gap));
      // In the trigger's clause?
      bool comma = false;
      for (size_t x = std::min(k, w); x < std::max(k, w_end) && x < s.end_word; ++x) comma = comma || IsClauseEnd(words_[x]);
      add("clause=" + std::string(comma ? "0" : "1"));
    }
    if (article_->date && c.value == article_->date->ToString()) add("eqa");
    // The same paragraph as the trigger?
    for (const Paragraph& p : article_->paragraphs) {
      if (p.begin <= s.begin && s.begin < p.end) {
        add("par=" + std::string(p.begin <= c.date->begin && c.date->begin < p.end ? "1" : "0") + kind);
        break;
      }
    }
  }
  add("dated=" + std::string(article_->date ? "1" : "0") + kind);
  add("r=" + r + kind);
  if (rule) {
    add("rule");
    add("rule|" + kind);
  }
  for (const Paragraph& p : article_->paragraphs) {
    if (p.begin <= s.begin && s.begin < p.end) {
      add("tpar=" + std::string(ParagraphKindName(p.kind)) + kind);
      break;
    }
  }
}

}  // namespace bantin::extract
