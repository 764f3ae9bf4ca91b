#include "extract/event_features.h"

#include <algorithm>
#include <array>

#include "base/hash.h"
#include "base/table_text.h"

extern "C" const char bantin_event_lexicon_model_begin[];
extern "C" const char bantin_event_lexicon_model_end[];

namespace bantin::extract {
namespace {

// Events are found one sentence at a time. A "sentence" longer than this many tokens (a text
// without full stops: no news sentence comes near it) is taken in windows of this many tokens,
// so extraction stays linear in the article's length.
constexpr size_t kMaxWindowTokens = 512;

uint32_t Key(std::string_view feature) {
  const uint32_t k = static_cast<uint32_t>(HashBytes(feature));
  return k == 0 ? 1 : k;
}

// Words that say something about the word after them: modality, negation, nominalization,
// the passive.
const std::array<std::string_view, 18> kMarkers = {"sẽ", "đã", "không", "chưa", "đang", "bị", "được", "cuộc", "chuyến",
                                                   "vòng", "việc", "sự", "lời", "dự kiến", "vừa", "từng", "đều", "cũng"};
// Words between an actor and its verb that say which role it has.
const std::array<std::string_view, 22> kLinks = {",", "và", "với", "cho", "của", "tại", "ở", "trước", "bởi", "bị",
                                                 "được", "về", "tới", "đến", "vào", "cùng", "rằng", "là", "đã", "sẽ",
                                                 "theo", ":"};

std::string Bucket(size_t n) {
  return n == 0 ? "0" : n == 1 ? "1" : n == 2 ? "2" : n <= 5 ? "3-5" : n <= 10 ? "6-10" : "11+";
}

}  // namespace

uint32_t EventFeatureKey(std::string_view feature) { return Key(feature); }

Result<EventLexicon> ParseEventLexicon(std::string_view text, std::string_view source) {
  EventLexicon lex;
  Status s = ForEachTableLine(text, source, "# bantin event lexicon 1", [&](std::string_view line) -> std::string {
    if (line.starts_with('#')) return "";
    auto f = TabFields(line);
    if (f.size() != 3 || f[1].empty() || f[2].empty()) return "expected three tab-separated fields";
    if (f[0] == "trigger") {
      if (f[2].size() < 2 || f[2].size() > 3 || !std::all_of(f[2].begin(), f[2].end(), ::isdigit)) {
        return "trigger \"" + std::string(f[1]) + "\": code \"" + std::string(f[2]) + "\" is no CAMEO code";
      }
      lex.triggers.emplace(f[1], f[2]);
      lex.longest = std::max<size_t>(lex.longest, std::count(f[1].begin(), f[1].end(), ' ') + 1);
    } else if (f[0] == "label") {
      lex.labels.emplace(f[1], f[2]);
    } else if (f[0] == "seat") {
      lex.seats.emplace_back(f[1], f[2]);
    } else {
      return "unknown kind \"" + std::string(f[0]) + "\" (trigger, label, seat)";
    }
    return "";
  });
  if (!s.ok()) return Err(s);
  for (const auto& [words, code] : lex.triggers) {
    if (!lex.labels.count(code.substr(0, 2))) {
      return Err(Status::Corruption(source, "trigger \"" + words + "\": root " + code.substr(0, 2) + " has no label"));
    }
  }
  return lex;
}

Result<EventLexicon> BuiltinEventLexicon() {
  return ParseEventLexicon(
      std::string_view(bantin_event_lexicon_model_begin,
                       static_cast<size_t>(bantin_event_lexicon_model_end - bantin_event_lexicon_model_begin)),
      "built-in event lexicon");
}

void EventFeaturizer::Begin(const Article& article, const Analysis& a, const std::vector<Entity>& entities) {
  article_ = &article;
  analysis_ = &a;
  entities_ = &entities;
  const size_t n = a.words.size();
  words_.assign(n, std::string());
  for (size_t w = 0; w < n; ++w) {
    const Word& word = a.words[w];
    for (uint32_t t = word.first_token; t < word.first_token + word.token_count; ++t) {
      if (t > word.first_token) words_[w] += ' ';
      words_[w] += a.tokens[t].norm;
    }
  }
  // The entity each word is inside (entities and words are both in text order).
  std::vector<size_t> by_begin(entities.size());
  for (size_t e = 0; e < entities.size(); ++e) by_begin[e] = e;
  std::stable_sort(by_begin.begin(), by_begin.end(),
                   [&](size_t x, size_t y) { return entities[x].begin < entities[y].begin; });
  word_entity_.assign(n, -1);
  size_t k = 0;
  for (size_t w = 0; w < n; ++w) {
    while (k < by_begin.size() && entities[by_begin[k]].end <= a.words[w].begin) ++k;
    if (k < by_begin.size() && entities[by_begin[k]].begin < a.words[w].end) word_entity_[w] = static_cast<int>(by_begin[k]);
  }
  // The lexicon's code of the longest trigger covering each word ("cho biết" split in two
  // words: both carry 01), and whether the word starts it.
  lexicon_at_.assign(n, std::string());
  lexicon_inside_.assign(n, false);
  for (size_t w = 0; w < n; ++w) {
    std::string joined;
    size_t len = 0;
    std::string code;
    for (size_t m = 0; m < lexicon_->longest && w + m < n; ++m) {
      if (m > 0) joined += ' ';
      joined += words_[w + m];
      auto it = lexicon_->triggers.find(joined);
      if (it != lexicon_->triggers.end()) code = it->second, len = m + 1;
    }
    if (len == 0 || !lexicon_at_[w].empty()) continue;
    for (size_t m = 0; m < len; ++m) {
      lexicon_at_[w + m] = code;
      lexicon_inside_[w + m] = m > 0;
    }
  }
  // What the article is about: sport and market reports use the words of war and diplomacy.
  std::string all;
  for (const std::string& w : words_) all += w + ' ';
  auto count = [&](std::initializer_list<std::string_view> keys) {
    size_t c = 0;
    for (std::string_view key : keys) {
      for (size_t at = all.find(key); at != std::string::npos; at = all.find(key, at + 1)) ++c;
    }
    return c;
  };
  const size_t sport = count({"bóng đá", "cầu thủ", "hlv", "đội tuyển", "trận đấu", "bàn thắng", "giải đấu", "tiền đạo",
                              "thủ môn", "vòng loại", "ghi bàn", "sân cỏ", "tiền vệ", "hậu vệ", "mùa giải"});
  const size_t market = count({"cổ phiếu", "chứng khoán", "vn-index", "thị trường", "giá vàng", "lãi suất", "tỷ giá",
                               "nhà đầu tư", "doanh thu", "lợi nhuận"});
  const size_t crime = count({"công an", "bị can", "bắt giữ", "khởi tố", "tạm giam", "đối tượng", "vụ án", "điều tra",
                              "bị cáo", "cảnh sát"});
  domain_ = "news";
  size_t best = 2;
  if (sport > best) domain_ = "sport", best = sport;
  if (market > best) domain_ = "market", best = market;
  if (crime > best) domain_ = "crime", best = crime;
  // Sentences (windows), their words and actor candidates: entities not inside a person's title
  // ("Nga" in "Tổng thống Nga Vladimir Putin").
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
  sentences_.clear();
  size_t t = 0, w = 0, e = 0;
  for (const Sentence& s : a.sentences) {
    while (t < a.tokens.size() && a.tokens[t].begin < s.begin) ++t;
    std::vector<std::pair<uint32_t, uint32_t>> windows;
    uint32_t begin = s.begin;
    size_t count_tokens = 0;
    for (; t < a.tokens.size() && a.tokens[t].end <= s.end; ++t) {
      if (++count_tokens > kMaxWindowTokens) {
        windows.emplace_back(begin, a.tokens[t - 1].end);
        begin = a.tokens[t].begin;
        count_tokens = 1;
      }
    }
    windows.emplace_back(begin, s.end);
    for (const auto& [wb, we] : windows) {
      EventSentence out;
      out.begin = wb;
      out.end = we;
      while (w < n && a.words[w].begin < wb) ++w;
      out.first_word = w;
      while (w < n && a.words[w].end <= we) ++w;
      out.end_word = w;
      while (e < by_begin.size() && entities[by_begin[e]].begin < wb) ++e;
      for (size_t x = e; x < by_begin.size() && entities[by_begin[x]].begin < we; ++x) {
        const Entity& ent = entities[by_begin[x]];
        if (ent.end <= we && !inside_role(ent)) out.actors.push_back(by_begin[x]);
      }
      sentences_.push_back(std::move(out));
    }
  }
}

bool EventFeaturizer::Candidate(size_t w) const {
  if (word_entity_[w] >= 0) return false;
  const Word& word = analysis_->words[w];
  const TokenKind kind = analysis_->tokens[word.first_token].kind;
  return kind == TokenKind::kSyllable || kind == TokenKind::kForeign;
}

void EventFeaturizer::TriggerKeys(const EventSentence& s, size_t w, std::vector<uint32_t>* keys) const {
  keys->clear();
  auto at = [&](long k) -> std::string_view {
    if (k < static_cast<long>(s.first_word)) return "<s>";
    if (k >= static_cast<long>(s.end_word)) return "</s>";
    return words_[k];
  };
  const long i = static_cast<long>(w);
  const std::string word(at(i));
  auto add = [&](std::string f) { keys->push_back(Key(f)); };
  // The names around it: is there an actor before (a subject) and after (an object)?
  const Word& wd = analysis_->words[w];
  std::string before = "0", after = "0";
  size_t n_before = 0;
  for (size_t e : s.actors) {
    const Entity& ent = (*entities_)[e];
    if (ent.end <= wd.begin) {
      before = EntityTypeName(ent.type);
      ++n_before;
    } else if (ent.begin >= wd.end && after == "0") {
      after = EntityTypeName(ent.type);
    }
  }
  add("b");
  add("w=" + word);
  add("w-1=" + std::string(at(i - 1)));
  add("w+1=" + std::string(at(i + 1)));
  add("w-2=" + std::string(at(i - 2)));
  add("w+2=" + std::string(at(i + 2)));
  add("w-1w=" + std::string(at(i - 1)) + "|" + word);
  add("ww+1=" + word + "|" + std::string(at(i + 1)));
  const std::string& lex = lexicon_at_[w];
  add("lex=" + lex + (lexicon_inside_[w] ? "+" : ""));
  if (!lex.empty()) {
    add("lexr=" + lex.substr(0, 2) + "|" + domain_);
    add("lexe=" + lex.substr(0, 2) + "|" + (n_before > 0 ? "1" : "0"));
  }
  add("dom=" + domain_ + "|" + word);
  for (long k = 1; k <= 4; ++k) {
    std::string_view m = at(i - k);
    if (std::find(kMarkers.begin(), kMarkers.end(), m) != kMarkers.end()) add("m=" + std::string(m));
  }
  const char first = article_->text[wd.begin];
  if (first >= 'A' && first <= 'Z' && w > s.first_word) add("cap");
  add("e<=" + before);
  add("e>=" + after);
  add("e<>=" + before + after + "|" + word);
  add("nb=" + Bucket(n_before));
  for (const Paragraph& p : article_->paragraphs) {
    if (p.begin <= wd.begin && wd.end <= p.end) {
      add("par=" + std::string(ParagraphKindName(p.kind)));
      break;
    }
  }
}

void EventFeaturizer::RuleActors(const EventSentence& s, size_t w, size_t w_end, size_t* source, size_t* target) const {
  const Analysis& a = *analysis_;
  size_t paired = SIZE_MAX;
  *source = *target = SIZE_MAX;
  for (size_t x : s.actors) {
    const Entity& o = (*entities_)[x];
    if (o.end <= a.words[w].begin) {
      if (*source != SIZE_MAX &&
          std::string_view(article_->text).substr((*entities_)[*source].end, o.begin - (*entities_)[*source].end) == " và ") {
        paired = x;
        continue;
      }
      *source = x;
      paired = SIZE_MAX;
    } else if (o.begin >= a.words[w_end - 1].end && *target == SIZE_MAX) {
      *target = x;
    }
  }
  if (paired != SIZE_MAX) *target = paired;
}

void EventFeaturizer::ActorKeys(const EventSentence& s, size_t w, size_t w_end, int root, bool target, size_t e,
                                std::vector<uint32_t>* keys) const {
  keys->clear();
  const std::string role = target ? "T" : "S";
  const std::string r = (root < 10 ? "0" : "") + std::to_string(root);
  auto add = [&](const std::string& f) { keys->push_back(Key(role + f)); };
  if (e == SIZE_MAX) {
    size_t n = s.actors.size(), before = 0;
    for (size_t x : s.actors) before += (*entities_)[x].end <= analysis_->words[w].begin;
    add("none");
    add("none|r=" + r);
    add("none|n=" + Bucket(n) + "|b=" + Bucket(before));
    return;
  }
  const Entity& ent = (*entities_)[e];
  const Analysis& a = *analysis_;
  const bool left = ent.end <= a.words[w].begin;
  const std::string dir = left ? "L" : "R";
  const std::string type(EntityTypeName(ent.type));
  // The words from the entity to the trigger (exclusive), and the words just around the entity.
  size_t ef = s.first_word, el = s.first_word;  // the entity's first word and one past its last
  while (ef < s.end_word && a.words[ef].end <= ent.begin) ++ef;
  el = ef;
  while (el < s.end_word && a.words[el].begin < ent.end) ++el;
  const size_t from = left ? el : w_end, to = left ? w : ef;
  add("d=" + dir);
  add("dt=" + dir + type);
  add("dd=" + dir + Bucket(to > from ? to - from : 0));
  add("r=" + r + dir + type);
  // The words around the entity, when they are function words ("của", "với", "theo", ",").
  auto link = [&](size_t k, bool inside) -> std::string {
    if (!inside) return k < s.first_word ? "<s>" : "</s>";
    return std::find(kLinks.begin(), kLinks.end(), words_[k]) != kLinks.end() ? words_[k] : "w";
  };
  const std::string pv = link(ef - 1, ef > s.first_word), nx = link(el, el < s.end_word);
  add("pv=" + pv + dir);
  add("nx=" + nx + dir);
  add("pvnx=" + pv + "|" + nx + dir);
  // The noun the entity completes: "phái đoàn ngoại giao của Nga", "đại sứ Mỹ" (an office of
  // the state: the state acts) against "con trai của Trump" (a possessor: no actor).
  if (ef > s.first_word) {
    if (words_[ef - 1] != "của") add("pw=" + words_[ef - 1] + dir);
    if (words_[ef - 1] == "của" && ef >= s.first_word + 2) {
      add("h1=" + words_[ef - 2]);
      if (ef >= s.first_word + 3) add("h2=" + words_[ef - 3]);
    }
  }
  // Two names joined by "và" before a reciprocal verb ("Nga và Mỹ đã gặp nhau"): the first
  // the source, the second the target.
  if (w_end < s.end_word && words_[w_end] == "nhau" && left) {
    const bool joined_after = el < s.end_word && words_[el] == "và";
    const bool joined_before = ef >= s.first_word + 1 && words_[ef - 1] == "và";
    add(std::string("recip=") + (joined_after ? "first" : joined_before ? "second" : "other"));
  }
  bool clause = false;
  for (size_t k = from; k < to; ++k) {
    if (std::find(kLinks.begin(), kLinks.end(), words_[k]) != kLinks.end()) add("bt=" + words_[k] + dir);
    clause = clause || words_[k] == "," || words_[k] == ";" || words_[k] == ":";
  }
  add("cl=" + std::string(clause ? "1" : "0") + dir);
  // The trigger's clause (between the punctuation around it): is the entity in it, and is it
  // the clause's first name (the subject of a Vietnamese clause comes first)?
  auto boundary = [&](size_t k) { return words_[k] == "," || words_[k] == ";" || words_[k] == ":"; };
  size_t cb = w, ce = w_end;
  while (cb > s.first_word && !boundary(cb - 1)) --cb;
  while (ce < s.end_word && !boundary(ce)) ++ce;
  const bool in_clause = ef >= cb && el <= ce;
  bool first_in_clause = in_clause;
  for (size_t x : s.actors) {
    const Entity& o = (*entities_)[x];
    if (x != e && o.begin < ent.begin && o.begin >= a.words[cb].begin && in_clause) first_in_clause = false;
  }
  add("inc=" + std::string(in_clause ? "1" : "0") + dir + (first_in_clause ? "f" : ""));
  add("incr=" + std::string(in_clause ? "1" : "0") + dir + (first_in_clause ? "f" : "") + r);
  add("adj=" + std::string(to == from ? "1" : "0") + dir + (ent.role.empty() ? "" : "r"));
  // What the hand-written rules would choose (a feature, never the decision).
  {
    size_t rule_source = SIZE_MAX, rule_target = SIZE_MAX;
    RuleActors(s, w, w_end, &rule_source, &rule_target);
    const size_t rule = target ? rule_target : rule_source;
    if (rule == e) {
      add("rule");
      add("rule|r=" + r);
      add("rule|" + type);
    }
  }
  // Its rank among the candidates on its side, counted from the trigger.
  size_t rank = 0;
  for (size_t x : s.actors) {
    const Entity& o = (*entities_)[x];
    if (x == e) continue;
    if (left && o.end <= a.words[w].begin && o.begin > ent.begin) ++rank;
    if (!left && o.begin >= a.words[w_end - 1].end && o.begin < ent.begin) ++rank;
  }
  add("rk=" + dir + Bucket(rank));
  add("rkt=" + dir + Bucket(rank) + type + r);
  if (!ent.role.empty()) add("role");
  if (ent.type == EntityType::kLocation && !ent.country.empty()) add("city" + dir);
}

}  // namespace bantin::extract
