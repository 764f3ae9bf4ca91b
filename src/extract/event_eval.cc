// Scoring dates and events against gold annotations (bantin/event_eval.h).
#include "bantin/event_eval.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

#include "bantin/extract.h"
#include "base/table_text.h"
#include "text/normalizer.h"

namespace bantin {
namespace {

// Calls `fn(line_number, fields)` for every line that is neither empty nor a '#' comment;
// `fn` returns what is wrong with the line, or "".
Status ForEachRow(std::string_view text, std::string_view source,
                  const std::function<std::string(size_t, const std::vector<std::string_view>&)>& fn) {
  size_t at = 0, number = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(at, nl - at);
    at = nl + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::string bad = fn(number, TabFields(line));
    if (!bad.empty()) return Status::Corruption(std::string(source) + ":" + std::to_string(number), bad);
  }
  return Status::OK();
}

bool Overlap(uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2) { return b1 < e2 && b2 < e1; }

std::string Dash(std::string_view v) { return v.empty() ? "-" : std::string(v); }

std::string Percent(size_t part, size_t whole) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%5.1f", whole ? 100.0 * part / whole : 0.0);
  return buf;
}

std::string Context(const Article& a, uint32_t b, uint32_t e) {
  std::string s = a.text.substr(b, e - b);
  for (char& c : s) c = c == '\n' ? ' ' : c;
  return s;
}

}  // namespace

Result<std::map<std::string, std::vector<GoldDate>>> ParseGoldDates(std::string_view text, std::string_view source) {
  std::map<std::string, std::vector<GoldDate>> out;
  Status s = ForEachRow(text, source, [&](size_t, const std::vector<std::string_view>& f) -> std::string {
    GoldDate d;
    if (f.size() != 4 || f[0].empty() || !ParseDecimal(f[1], &d.begin) || !ParseDecimal(f[2], &d.end) ||
        d.begin >= d.end || f[3].empty()) {
      return "want article_id, begin, end (begin < end), value";
    }
    d.value = f[3];
    out[std::string(f[0])].push_back(std::move(d));
    return "";
  });
  if (!s.ok()) return Err(s);
  return out;
}

Result<std::map<std::string, std::vector<GoldEvent>>> ParseGoldEvents(std::string_view text, std::string_view source) {
  std::map<std::string, std::vector<GoldEvent>> out;
  Status s = ForEachRow(text, source, [&](size_t, const std::vector<std::string_view>& f) -> std::string {
    uint32_t b = 0, e = 0;
    if (f.size() != 10 || f[0].empty() || f[1].empty() || !ParseDecimal(f[2], &b) || !ParseDecimal(f[3], &e) ||
        b >= e) {
      return "want article_id, event, begin, end (begin < end), code, source, target, date, place, status";
    }
    if (f[4].size() < 2 || f[4].size() > 3 || !std::all_of(f[4].begin(), f[4].end(), ::isdigit)) {
      return "code \"" + std::string(f[4]) + "\" is no CAMEO code";
    }
    if (f[9] != "happened" && f[9] != "planned" && f[9] != "denied") {
      return "status \"" + std::string(f[9]) + "\" (happened, planned, denied)";
    }
    std::vector<GoldEvent>& events = out[std::string(f[0])];
    auto it = std::find_if(events.begin(), events.end(), [&](const GoldEvent& g) { return g.id == f[1]; });
    if (it == events.end()) {
      events.push_back({std::string(f[1]), {}, std::string(f[4]), std::string(f[5]), std::string(f[6]),
                        std::string(f[7]), std::string(f[8]), std::string(f[9])});
      it = std::prev(events.end());
    } else if (std::tie(it->code, it->source, it->target, it->date, it->place, it->status) !=
               std::tie(f[4], f[5], f[6], f[7], f[8], f[9])) {
      return "event " + std::string(f[1]) + "'s fields differ from its first line's";
    }
    it->triggers.emplace_back(b, e);
    return "";
  });
  if (!s.ok()) return Err(s);
  return out;
}

std::string_view DateKind(std::string_view v) {
  if (v.empty() || v == "-") return "unresolved";
  if (v.find(',') != std::string_view::npos) return "list";
  if (v.find('/') != std::string_view::npos) return "range";
  if (v.starts_with("--")) return "open";
  if (v.find("-Q") != std::string_view::npos) return "quarter";
  if (v.size() == 7 && std::isalpha(static_cast<unsigned char>(v[5]))) return "season";
  if (v.size() == 10) return "day";
  if (v.size() == 7) return "month";
  if (v.size() == 4) return "year";
  return "decade";
}

void DateScore::Add(const Article& article, const std::vector<GoldDate>& gold,
                    const std::vector<TimeExpression>& found, std::string* errors) {
  std::vector<bool> taken(gold.size(), false);
  auto value = [](const std::string& v) { return v.empty() ? std::string("-") : v; };
  for (const TimeExpression& t : found) {
    bool right = false;
    size_t near = gold.size();
    for (size_t g = 0; g < gold.size() && !right; ++g) {
      if (taken[g] || !Overlap(t.begin, t.end, gold[g].begin, gold[g].end)) continue;
      near = g;
      right = gold[g].value == value(t.value);
      if (right) taken[g] = true;
    }
    // A right expression counts under its gold kind, a wrong one under the kind it claims.
    const std::string kind(DateKind(right ? gold[near].value : value(t.value)));
    ++counts_[kind][1];
    ++counts_["all"][1];
    if (right) ++counts_[kind][0], ++counts_["all"][0];
    if (!right && errors) {
      *errors += "+ date\t" + article.id + "\t" + t.text + "\t" + value(t.value) +
                 (near < gold.size() ? "\t(gold " + gold[near].value + ")" : "") + "\n";
    }
  }
  for (size_t g = 0; g < gold.size(); ++g) {
    const std::string kind(DateKind(gold[g].value));
    ++counts_[kind][2];
    ++counts_["all"][2];
    if (!taken[g] && errors) {
      *errors += "- date\t" + article.id + "\t" + Context(article, gold[g].begin, gold[g].end) + "\t" + gold[g].value + "\n";
    }
  }
}

double DateScore::F1() const {
  auto it = counts_.find("all");
  if (it == counts_.end()) return 0;
  const auto& c = it->second;
  double p = c[1] ? double(c[0]) / c[1] : 0, r = c[2] ? double(c[0]) / c[2] : 0;
  return p + r > 0 ? 100 * 2 * p * r / (p + r) : 0;
}

std::string DateScore::Table() const {
  std::string out = "| kind | gold | found | right | P | R | F1 |\n|---|---|---|---|---|---|---|\n";
  auto row = [&](const std::string& kind, const std::array<size_t, 3>& c) {
    double p = c[1] ? 100.0 * c[0] / c[1] : 0, r = c[2] ? 100.0 * c[0] / c[2] : 0;
    char buf[160];
    std::snprintf(buf, sizeof buf, "| %s | %zu | %zu | %zu | %.1f | %.1f | %.1f |\n", kind.c_str(), c[2], c[1], c[0], p,
                  r, p + r > 0 ? 2 * p * r / (p + r) : 0.0);
    out += buf;
  };
  for (const auto& [kind, c] : counts_) {
    if (kind != "all") row(kind, c);
  }
  if (auto it = counts_.find("all"); it != counts_.end()) row("**all**", it->second);
  return out;
}

struct EventScore::Impl {
  std::shared_ptr<const Canonicalizer> names;
  std::unique_ptr<text::Normalizer> normalizer;
  // Per root ("01" … "20") and "all": found, real, fully right, gold, gold found.
  std::map<std::string, std::array<size_t, 5>> counts;
  // Per field: right among real events.
  std::map<std::string, size_t> field_right;
  size_t real = 0;

  // A name as compared: a place's canonical name, folded.
  std::string Key(std::string_view name) const {
    if (name == "-" || name.empty()) return "";
    std::string place = names->Place(name);
    return normalizer->Fold(place.empty() ? name : place);
  }
};

EventScore::EventScore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventScore::~EventScore() = default;

Result<std::unique_ptr<EventScore>> EventScore::Create() {
  auto impl = std::make_unique<Impl>();
  auto names = Canonicalizer::Shared();
  if (!names) return Err(names.error());
  impl->names = *names;
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  impl->normalizer = std::move(*normalizer);
  return std::unique_ptr<EventScore>(new EventScore(std::move(impl)));
}

void EventScore::Add(const Article& article, const std::vector<GoldEvent>& gold, const std::vector<Event>& found,
                     std::string* errors) {
  Impl& m = *impl_;
  auto root = [](const std::string& code) { return code.substr(0, 2); };
  auto date = [](const std::string& d) { return d == "-" ? std::string() : d; };
  // The fields of a found event that equal a gold event's, in the order of the table.
  auto agree = [&](const Event& f, const GoldEvent& g) {
    return std::array<bool, 5>{root(f.code) == root(g.code), m.Key(f.source) == m.Key(g.source),
                               m.Key(f.target) == m.Key(g.target), f.date == date(g.date),
                               m.Key(f.place) == m.Key(g.place)};
  };
  // Candidate pairs (found, gold) whose triggers overlap, best agreeing first; each side taken once.
  std::vector<std::tuple<int, size_t, size_t>> pairs;
  for (size_t i = 0; i < found.size(); ++i) {
    for (size_t g = 0; g < gold.size(); ++g) {
      bool overlaps = false;
      for (const auto& [b, e] : gold[g].triggers) {
        overlaps |= Overlap(found[i].trigger_begin, found[i].trigger_end, b, e);
        for (const EventMention& x : found[i].mentions) overlaps |= Overlap(x.trigger_begin, x.trigger_end, b, e);
      }
      if (!overlaps) continue;
      auto a = agree(found[i], gold[g]);
      pairs.emplace_back(-static_cast<int>(std::count(a.begin(), a.end(), true)), i, g);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  std::vector<size_t> match(found.size(), gold.size());
  std::vector<bool> gold_taken(gold.size(), false);
  for (const auto& [score, i, g] : pairs) {
    if (match[i] != gold.size() || gold_taken[g]) continue;
    match[i] = g;
    gold_taken[g] = true;
  }
  static const char* kFields[] = {"code", "source", "target", "date", "place"};
  for (size_t i = 0; i < found.size(); ++i) {
    const Event& f = found[i];
    for (const std::string& k : {root(f.code), std::string("all")}) ++m.counts[k][0];
    if (match[i] == gold.size()) {
      if (errors) {
        bool repeat = false;  // its trigger is a gold event's, taken by another found record
        for (const auto& [score, x, g] : pairs) repeat |= x == i;
        *errors += std::string(repeat ? "+ repeat" : "+ event") + "\t" + article.id + "\t" + f.code + " " + Context(article, f.trigger_begin, f.trigger_end) +
                   "\t" + Dash(f.source) + " -> " + Dash(f.target) + "\t" +
                   Context(article, f.sentence_begin, f.sentence_end) + "\n";
      }
      continue;
    }
    const GoldEvent& g = gold[match[i]];
    auto a = agree(f, g);
    const bool full = std::all_of(a.begin(), a.end(), [](bool x) { return x; });
    ++m.real;
    for (size_t k = 0; k < a.size(); ++k) m.field_right[kFields[k]] += a[k];
    m.field_right["status"] += f.status == g.status;
    if (f.code.size() == 3 && g.code.size() == 3) m.field_right["sub-code"] += f.code == g.code;
    for (const std::string& k : {root(f.code), std::string("all")}) {
      ++m.counts[k][1];
      m.counts[k][2] += full;
    }
    if (!full && errors) {
      std::string diff;
      const std::string got[] = {f.code, Dash(f.source), Dash(f.target), Dash(f.date), Dash(f.place)};
      const std::string want[] = {g.code, g.source, g.target, g.date, g.place};
      for (size_t k = 0; k < a.size(); ++k) {
        if (!a[k]) diff += std::string(" ") + kFields[k] + " " + got[k] + " (gold " + want[k] + ")";
      }
      *errors += "~ event\t" + article.id + "\t" + g.id + " " + Context(article, f.trigger_begin, f.trigger_end) + "\t" +
                 diff + "\n";
    }
  }
  for (size_t g = 0; g < gold.size(); ++g) {
    for (const std::string& k : {root(gold[g].code), std::string("all")}) {
      ++m.counts[k][3];
      m.counts[k][4] += gold_taken[g];
    }
    if (!gold_taken[g] && errors) {
      const auto& [b, e] = gold[g].triggers.front();
      *errors += "- event\t" + article.id + "\t" + gold[g].id + " " + gold[g].code + " " + Context(article, b, e) + "\t" +
                 gold[g].source + " -> " + gold[g].target + "\n";
    }
  }
}

double EventScore::FullyRight() const {
  auto it = impl_->counts.find("all");
  return it == impl_->counts.end() || it->second[0] == 0 ? 0 : 100.0 * it->second[2] / it->second[0];
}
double EventScore::Precision() const {
  auto it = impl_->counts.find("all");
  return it == impl_->counts.end() || it->second[0] == 0 ? 0 : 100.0 * it->second[1] / it->second[0];
}
double EventScore::Recall() const {
  auto it = impl_->counts.find("all");
  return it == impl_->counts.end() || it->second[3] == 0 ? 0 : 100.0 * it->second[4] / it->second[3];
}

std::string EventScore::Table() const {
  std::string out =
      "| root | gold | found | real | fully right | fully right % | precision | recall |\n"
      "|---|---|---|---|---|---|---|---|\n";
  auto row = [&](const std::string& k, const std::array<size_t, 5>& c) {
    out += "| " + k + " | " + std::to_string(c[3]) + " | " + std::to_string(c[0]) + " | " + std::to_string(c[1]) +
           " | " + std::to_string(c[2]) + " | " + Percent(c[2], c[0]) + " | " + Percent(c[1], c[0]) + " | " +
           Percent(c[4], c[3]) + " |\n";
  };
  for (const auto& [k, c] : impl_->counts) {
    if (k != "all") row(k, c);
  }
  if (auto it = impl_->counts.find("all"); it != impl_->counts.end()) row("**all**", it->second);
  out += "\nOn real events (" + std::to_string(impl_->real) + "), each field right:";
  for (const char* f : {"code", "source", "target", "date", "place", "status"}) {
    auto it = impl_->field_right.find(f);
    out += std::string(" ") + f + " " + Percent(it == impl_->field_right.end() ? 0 : it->second, impl_->real) + "%;";
  }
  out += "\n";
  return out;
}

}  // namespace bantin
