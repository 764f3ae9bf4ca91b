// Features of a token for the entity model. Templates (i = the token; n = normalized lowercase
// form; s = shape; w = the segmenter's word holding the token, its cluster key and classes):
//   bias; n[i-2..i+2]; n[i-1,i], n[i,i+1]; s[i-1], s[i], s[i+1], s[i-1,i,i+1]; sentence start x s[i];
//   the word's key, the token's place in its word x word length, the keys of two words each way;
//   coarse and fine clusters of the word and its neighbours, coarse x place in word; prefix and
//   suffix of three characters of foreign tokens; the rules' label (B/I x type, with and without
//   the rule that found it) at i-1, i, i+1, and rule x word; the cue class of the previous word
//   (title, honorific, organisation head, place cue, administrative word); the name lexicon's
//   type of the word; a capitalized learned surname; for capitalized tokens, the capitalized run
//   (length, place, first word and its cue class, two words before, the word after), the words
//   before the article's other runs holding the form, what the rules found it elsewhere, and
//   whether the article writes it in lowercase or capitalized inside a sentence elsewhere; the
//   organisation head the token is in or may continue (and x the rule's label there).
// Tokens far from anything name-like get bias, form and shape only (MarkNear).
#include <algorithm>
#include <type_traits>
#include <array>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/hash.h"
#include "extract/entity_cues.h"
#include "extract/ner.h"

namespace bantin::extract {
namespace {

enum Template : uint64_t {
  kBias = 1, kN0, kNm1, kNp1, kNm2, kNp2, kNm1N0, kN0Np1, kS0, kSm1, kSp1, kS3, kStartS0,
  kWord, kWordPlace, kPrevWord, kNextWord, kC0, kF0, kCm1, kCp1, kFm1, kFp1, kC0Place,
  kPrefix, kSuffix, kRule, kRuleSource, kRuleM1, kRuleP1, kCue, kLexicon, kSurname, kLowerElsewhere,
  kUpperElsewhere, kRunPlace, kRunHead, kRunBefore, kRunBefore2, kRunAfter, kPrevWord2, kNextWord2,
  kOrgOpen, kOrgOpenShape, kDocBefore, kDocRule, kRunHeadCue, kRuleWord, kInHead, kInHeadRule,
  kOrgOpenRule, kFar,
};

// A feature's key from its template and its value: a string's hash (Str) or a small number.
struct Str {
  uint64_t hash;
};
uint32_t Key(Template t, Str value) { return segment::Key32(HashMix(t, value.hash)); }
uint32_t Key(Template t, uint64_t value) { return segment::Key32(HashMix(t, HashMix(value, 0x5bd1e995))); }
Str Hash(std::string_view s) { return {HashBytes(s)}; }
Str Pair(Str a, Str b) { return {HashMix(a.hash, b.hash)}; }

bool Upper(std::string_view s) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c > 0 && u_isupper(c);
}

// 'X' capitalized syllable, 'x' lowercase syllable, 'F' capitalized foreign word, 'f' lowercase
// foreign, 'A' all capitals (two or more letters), 'd' number, 'p' punctuation, 'o' other.
char Shape(std::string_view text, const AnalyzedToken& t) {
  std::string_view s = text.substr(t.begin, t.end - t.begin);
  switch (t.kind) {
    case TokenKind::kNumber:
      return 'd';
    case TokenKind::kPunct:
      return 'p';
    case TokenKind::kSyllable:
    case TokenKind::kForeign: {
      if (!Upper(s)) return t.kind == TokenKind::kSyllable ? 'x' : 'f';
      size_t letters = 0, upper = 0;
      for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
        UChar32 c = 0;
        U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
        if (u_isalpha(c)) ++letters, upper += u_isupper(c) ? 1 : 0;
      }
      if (letters >= 2 && upper == letters) return 'A';
      return t.kind == TokenKind::kSyllable ? 'X' : 'F';
    }
    default:
      return 'o';
  }
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> SentenceTokens(const Analysis& a) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  const auto n = static_cast<uint32_t>(a.tokens.size());
  uint32_t t = 0;
  for (const Sentence& s : a.sentences) {
    while (t < n && a.tokens[t].end <= s.begin) ++t;
    uint32_t first = t;
    while (t < n && a.tokens[t].begin < s.end) ++t;
    if (t > first) out.emplace_back(first, t);
  }
  return out;
}

namespace {

// What the features read of an article: per token, per word, and across the article. Built
// once per article (every per-word lookup and hash here, none per token later).
struct ArticleView {
  explicit ArticleView(const Analysis& a) : a(a), n(a.tokens.size()) {}
  bool capital(size_t i) const { return shape[i] == 'X' || shape[i] == 'F' || shape[i] == 'A'; }
  Str norm_at(ptrdiff_t i) const {  // sentence bounds outside the article
    if (i < 0) return start_hash;
    if (i >= static_cast<ptrdiff_t>(n)) return end_hash;
    return norm_hash[static_cast<size_t>(i)];
  }
  Str word_at(ptrdiff_t w) const {
    if (w < 0) return start_hash;
    if (w >= static_cast<ptrdiff_t>(word_hash.size())) return end_hash;
    return word_hash[static_cast<size_t>(w)];
  }
  uint64_t shape_at(ptrdiff_t i) const {
    return i < 0 || i >= static_cast<ptrdiff_t>(n) ? '#' : static_cast<uint64_t>(shape[static_cast<size_t>(i)]);
  }

  const Analysis& a;
  size_t n;
  const Str start_hash = Hash("<s>"), end_hash = Hash("</s>");
  // Tokens.
  std::vector<char> shape;
  std::vector<std::string_view> norm;
  std::vector<Str> norm_hash;
  std::vector<uint8_t> start;      // first token of a sentence
  std::vector<uint32_t> word;      // the word holding the token
  std::vector<uint8_t> rule;       // 0 none, else 1 + 2 * type + (inside ? 1 : 0)
  std::vector<char> rule_source;   // the rule's letter
  std::vector<uint32_t> run_first, run_end;  // the capitalized run holding a capitalized token
  std::vector<uint8_t> in_head;    // 1 first, 2 inside a capitalized organisation head
  std::vector<int32_t> org_open;   // the head (index into OrgHeads()) the token may continue, or -1
  std::vector<uint8_t> near;       // a name-like token within three tokens
  // Words.
  std::vector<std::string> word_key;  // ClusterKey
  std::vector<Str> word_hash;
  std::vector<WordClusters::Classes> classes;
  std::vector<char> cue;              // CueClass of the key without "^"
  std::vector<const EntityType*> lexicon_type;
  // The article: forms written in lowercase; capitalized inside a sentence; the words before
  // the runs holding a capitalized form; what the rules found it to be.
  std::unordered_set<std::string_view> lower_forms, upper_inside;
  std::unordered_map<std::string_view, std::vector<std::string_view>> doc_before;
  std::unordered_map<std::string_view, std::vector<uint16_t>> doc_rule;
  std::vector<Str> head_hash;  // of OrgHeads()
};

void ReadTokens(std::string_view text, ArticleView* v) {
  const auto& tok = v->a.tokens;
  v->shape.resize(v->n);
  v->norm.resize(v->n);
  v->norm_hash.resize(v->n);
  for (size_t i = 0; i < v->n; ++i) {
    v->shape[i] = Shape(text, tok[i]);
    v->norm[i] = tok[i].norm.empty() ? text.substr(tok[i].begin, tok[i].end - tok[i].begin)
                                     : std::string_view(tok[i].norm);
    v->norm_hash[i] = Hash(v->norm[i]);
  }
  v->start.assign(v->n, 0);
  for (auto [first, end] : SentenceTokens(v->a)) v->start[first] = 1;
}

void ReadWords(std::string_view text, const NerResources& r, ArticleView* v) {
  const auto& words = v->a.words;
  v->word.assign(v->n, 0);
  v->word_key.resize(words.size());
  v->word_hash.resize(words.size());
  v->classes.assign(words.size(), {});
  v->cue.resize(words.size());
  v->lexicon_type.assign(words.size(), nullptr);
  std::string bare;
  for (size_t w = 0; w < words.size(); ++w) {
    for (uint32_t k = 0; k < words[w].token_count; ++k) v->word[words[w].first_token + k] = static_cast<uint32_t>(w);
    v->word_key[w] = ClusterKey(text, v->a, words[w]);
    v->word_hash[w] = Hash(v->word_key[w]);
    if (r.clusters != nullptr) v->classes[w] = r.clusters->FindHash(v->word_hash[w].hash);
    const std::string& key = v->word_key[w];
    bare.assign(key, key[0] == '^' ? 1 : 0);
    v->cue[w] = CueClass(bare);
    if (r.names != nullptr) v->lexicon_type[w] = r.names->Find(bare);
  }
}

void MarkRules(const std::vector<RuleMention>& rules, bool use, ArticleView* v) {
  v->rule.assign(v->n, 0);
  v->rule_source.assign(v->n, 0);
  if (!use) return;
  for (const RuleMention& m : rules) {
    for (uint32_t t = m.first_token; t < m.end_token && t < v->n; ++t) {
      v->rule[t] = static_cast<uint8_t>(1 + 2 * static_cast<int>(m.type) + (t > m.first_token ? 1 : 0));
      v->rule_source[t] = m.source;
    }
  }
}

// Runs of capitalized tokens (and numbers after them: "U23") within a sentence.
void MarkRuns(ArticleView* v) {
  v->run_first.assign(v->n, 0);
  v->run_end.assign(v->n, 0);
  for (size_t i = 0; i < v->n;) {
    if (!v->capital(i)) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < v->n && !v->start[j] && (v->capital(j) || (v->shape[j] == 'd' && v->capital(j - 1)))) ++j;
    for (size_t k = i; k < j; ++k) v->run_first[k] = static_cast<uint32_t>(i), v->run_end[k] = static_cast<uint32_t>(j);
    i = j;
  }
}

// Organisation heads ("Công ty", "Tổng lãnh sự quán") matched on tokens, not on the segmenter's
// words (it may split "Tổng_lãnh sự_quán"): the tokens of a capitalized head, and for the
// tokens after it the head whose name they may continue (the nearest before, in the sentence,
// with no punctuation but "-", "&" between, at most 12 tokens on).
void MarkOrgHeads(ArticleView* v) {
  const auto& heads = OrgHeads();
  v->head_hash.clear();
  for (const std::string& h : heads) v->head_hash.push_back(Hash(h));
  v->in_head.assign(v->n, 0);
  v->org_open.assign(v->n, -1);
  int32_t open = -1;
  size_t since = 0;
  for (size_t i = 0; i < v->n; ++i) {
    if (v->start[i]) open = -1;
    size_t head_len = 0;
    int32_t head = -1;
    for (size_t h = 0; v->capital(i) && h < heads.size(); ++h) {
      std::string_view rest = heads[h];
      size_t j = i;
      while (j < v->n && !rest.empty()) {
        const size_t space = rest.find(' ');
        if (v->norm[j] != rest.substr(0, space)) break;
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        ++j;
      }
      if (rest.empty() && j - i > head_len) head_len = j - i, head = static_cast<int32_t>(h);
    }
    if (head_len > 0) {
      for (size_t k = i; k < i + head_len; ++k) v->in_head[k] = k == i ? 1 : 2;
      open = head;
      since = 0;
      i += head_len - 1;
      continue;
    }
    if (v->shape[i] == 'p' && v->norm[i] != "-" && v->norm[i] != "&") open = -1;
    if (++since > 12) open = -1;
    v->org_open[i] = open;
  }
}

// What the article says of a form elsewhere ("đội" before one "Celta Vigo" types them all).
void ReadArticleEvidence(ArticleView* v) {
  for (size_t i = 0; i < v->n; ++i) {
    if (v->shape[i] == 'x' || v->shape[i] == 'f') v->lower_forms.insert(v->norm[i]);
    if (v->capital(i) && !v->start[i] && i > 0 && v->shape[i - 1] != 'p') v->upper_inside.insert(v->norm[i]);
  }
  auto add_once = [](auto& list, auto value) {
    if (list.size() < 4 && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
  };
  for (size_t i = 0; i < v->n; ++i) {
    if (!v->capital(i) || v->run_first[i] != i || v->start[i] || v->word[i] == 0) continue;
    const std::string_view before = v->word_key[v->word[i] - 1];
    if (before.empty() || before[0] == '^') continue;
    for (size_t k = i; k < v->run_end[i]; ++k) add_once(v->doc_before[v->norm[k]], before);
  }
  for (size_t i = 0; i < v->n; ++i) {
    if (v->rule[i] == 0 || !v->capital(i)) continue;
    add_once(v->doc_rule[v->norm[i]],
             static_cast<uint16_t>((v->rule[i] - 1) / 2 << 8 | static_cast<uint8_t>(v->rule_source[i])));
  }
}

// Tokens far from any name-like token (no capital, number, organisation head or rule finding
// within three tokens): nearly always outside a name, they get a short feature set — a third
// of the lookups for about half the tokens of news text.
void MarkNear(ArticleView* v) {
  v->near.assign(v->n + 4, 0);
  for (size_t i = 0; i < v->n; ++i) {
    if (v->capital(i) || v->shape[i] == 'd' || v->in_head[i] != 0 || v->rule[i] != 0) {
      for (size_t j = i > 3 ? i - 3 : 0; j <= i + 3; ++j) v->near[j] = 1;
    }
  }
}

// The keys of token `ui` (the templates listed at the top of this file), appended to `keys`.
void TokenFeatures(const ArticleView& v, size_t ui, const NerResources& r, std::vector<uint32_t>* keys) {
  auto add = [&](Template t, auto value) { keys->push_back(Key(t, value)); };
  const auto i = static_cast<ptrdiff_t>(ui);
  add(kBias, uint64_t{0});
  add(kN0, v.norm_at(i));
  if (!v.near[ui]) {
    add(kFar, static_cast<uint64_t>(v.shape[ui]));
    return;
  }
  add(kNm1, v.norm_at(i - 1));
  add(kNp1, v.norm_at(i + 1));
  add(kNm2, v.norm_at(i - 2));
  add(kNp2, v.norm_at(i + 2));
  add(kNm1N0, Pair(v.norm_at(i - 1), v.norm_at(i)));
  add(kN0Np1, Pair(v.norm_at(i), v.norm_at(i + 1)));
  add(kS0, v.shape_at(i));
  add(kSm1, v.shape_at(i - 1));
  add(kSp1, v.shape_at(i + 1));
  add(kS3, v.shape_at(i - 1) << 16 | v.shape_at(i) << 8 | v.shape_at(i + 1));
  add(kStartS0, (v.start[ui] ? 256u : 0u) | v.shape_at(i));
  const uint32_t w = v.word[ui];
  const Word& wd = v.a.words[w];
  const uint32_t place = ui == wd.first_token ? (wd.token_count == 1 ? 3 : 0)
                         : ui + 1 == wd.first_token + wd.token_count ? 2 : 1;
  const auto sw = static_cast<ptrdiff_t>(w);
  add(kWord, v.word_at(sw));
  add(kWordPlace, place << 8 | std::min<uint32_t>(wd.token_count, 5));
  add(kPrevWord, v.word_at(sw - 1));
  add(kNextWord, v.word_at(sw + 1));
  if (r.clusters != nullptr) {
    const auto& c = v.classes;
    add(kC0, c[w].coarse);
    add(kF0, c[w].fine);
    add(kCm1, w > 0 ? c[w - 1].coarse : 65535);
    add(kCp1, w + 1 < c.size() ? c[w + 1].coarse : 65535);
    add(kFm1, w > 0 ? c[w - 1].fine : 65535);
    add(kFp1, w + 1 < c.size() ? c[w + 1].fine : 65535);
    add(kC0Place, uint64_t{c[w].coarse} << 8 | place);
  }
  const std::string_view form = v.norm[ui];
  if (v.a.tokens[ui].kind == TokenKind::kForeign && form.size() >= 4) {
    add(kPrefix, Hash(form.substr(0, 3)));
    add(kSuffix, Hash(form.substr(form.size() - 3)));
  }
  const uint8_t rule = v.rule[ui];
  if (r.rules) {
    add(kRule, rule);
    add(kRuleSource, uint64_t{rule} << 8 | static_cast<uint8_t>(v.rule_source[ui]));
    add(kRuleM1, ui > 0 ? v.rule[ui - 1] : 255);
    add(kRuleP1, ui + 1 < v.n ? v.rule[ui + 1] : 255);
    if (rule != 0) add(kRuleWord, Pair(Str{uint64_t{rule} << 8 | static_cast<uint8_t>(v.rule_source[ui])}, v.word_hash[w]));
  }
  if (w > 0 && ui == wd.first_token && v.cue[w - 1] != 0) add(kCue, static_cast<uint64_t>(v.cue[w - 1]));
  if (r.names != nullptr) {
    if (const EntityType* t = v.lexicon_type[w]) add(kLexicon, static_cast<uint64_t>(*t));
    if (v.shape[ui] == 'X' && r.names->Surname(std::string(form))) add(kSurname, uint64_t{1});
  }
  add(kPrevWord2, v.word_at(sw - 2));
  add(kNextWord2, v.word_at(sw + 2));
  if (v.capital(ui)) {  // the run the token stands in: length, place, first word, what surrounds it
    const uint32_t rf = v.run_first[ui], re = v.run_end[ui];
    const uint32_t at = ui == rf ? (re - rf == 1 ? 3 : 0) : ui + 1 == re ? 2 : 1;
    const auto head = static_cast<ptrdiff_t>(v.word[rf]);
    add(kRunPlace, at << 8 | std::min<uint32_t>(re - rf, 6));
    add(kRunHead, v.word_at(head));
    add(kRunHeadCue, uint64_t{static_cast<uint8_t>(v.cue[v.word[rf]])} << 8 | at);
    add(kRunBefore, !v.start[rf] ? v.word_at(head - 1) : v.start_hash);
    add(kRunBefore2, !v.start[rf] ? v.word_at(head - 2) : v.start_hash);
    add(kRunAfter, re < v.n ? v.word_at(static_cast<ptrdiff_t>(v.word[re - 1]) + 1) : v.end_hash);
    if (auto it = v.doc_before.find(form); it != v.doc_before.end()) {
      for (std::string_view b : it->second) add(kDocBefore, Hash(b));
    }
    if (auto it = v.doc_rule.find(form); it != v.doc_rule.end()) {
      for (uint16_t x : it->second) add(kDocRule, x);
    }
  }
  const int32_t open = v.org_open[ui];
  if (open >= 0) {
    add(kOrgOpen, v.head_hash[static_cast<size_t>(open)]);
    add(kOrgOpenShape, static_cast<uint64_t>(v.shape[ui]));
  }
  if (v.in_head[ui] != 0) {
    add(kInHead, v.in_head[ui]);
    // A head the rules took as an organisation's start: the strongest cue there is, kept apart
    // from the word's own weights ("Tổng" is a title's start far more often).
    add(kInHeadRule, uint64_t{v.in_head[ui]} << 8 | rule);
  }
  if (open >= 0 && rule != 0) add(kOrgOpenRule, rule);
  if (v.capital(ui)) {
    add(kLowerElsewhere, uint64_t{v.lower_forms.count(form) > 0});
    add(kUpperElsewhere, uint64_t{v.upper_inside.count(form) > 0});
  }
}

}  // namespace

void ArticleFeatures(std::string_view text, const Analysis& a, const std::vector<RuleMention>& rules,
                     const NerResources& r, NerFeatures* out) {
  ArticleView v(a);
  ReadTokens(text, &v);
  ReadWords(text, r, &v);
  MarkRules(rules, r.rules, &v);
  MarkRuns(&v);
  MarkOrgHeads(&v);
  ReadArticleEvidence(&v);
  MarkNear(&v);
  out->keys.clear();
  out->keys.reserve(v.n * 48);
  out->offsets.assign(1, 0);
  out->offsets.reserve(v.n + 1);
  for (size_t i = 0; i < v.n; ++i) {
    TokenFeatures(v, i, r, &out->keys);
    out->offsets.push_back(static_cast<uint32_t>(out->keys.size()));
  }
}

template <typename T>
void Viterbi(const T* emit, size_t n, const T* transitions, uint8_t* labels) {
  if (n == 0) return;
  // Path scores in 64 bits for integer weights: a "sentence" of 100,000 tokens (a text without
  // full stops) sums past 32 bits (found by UBSan on the issue-17 long-text test).
  using S = std::conditional_t<std::is_integral_v<T>, int64_t, T>;
  std::vector<S> score(n * kLabels);
  std::vector<uint8_t> back(n * kLabels, 0);
  constexpr S kNone = std::numeric_limits<S>::lowest() / 4;
  for (uint8_t y = 0; y < kLabels; ++y) {
    score[y] = Allowed(kLabels, y) ? S(emit[y]) + transitions[kLabels * kLabels + y] : kNone;
  }
  // Each label's allowed predecessors.
  static constexpr auto kFrom = [] {
    std::array<std::array<uint8_t, kLabels + 1>, kLabels> from{};  // [y][0] = count, then labels
    for (uint8_t y = 0; y < kLabels; ++y) {
      for (uint8_t p = 0; p < kLabels; ++p) {
        if (Allowed(p, y)) from[y][1 + from[y][0]++] = p;
      }
    }
    return from;
  }();
  for (size_t i = 1; i < n; ++i) {
    for (uint8_t y = 0; y < kLabels; ++y) {
      S best = kNone;
      uint8_t arg = 0;
      for (uint8_t q = 1; q <= kFrom[y][0]; ++q) {
        const uint8_t p = kFrom[y][q];
        if (score[(i - 1) * kLabels + p] == kNone) continue;
        S s = score[(i - 1) * kLabels + p] + transitions[p * kLabels + y];
        if (s > best) best = s, arg = p;
      }
      score[i * kLabels + y] = best == kNone ? kNone : best + emit[i * kLabels + y];
      back[i * kLabels + y] = arg;
    }
  }
  // End: the last label closes any mention (O, L or U).
  S best = kNone;
  uint8_t arg = 0;
  for (uint8_t y = 0; y < kLabels; ++y) {
    const bool closes = y == kOutside || LabelPart(y) >= 2;
    if (closes && score[(n - 1) * kLabels + y] > best) best = score[(n - 1) * kLabels + y], arg = y;
  }
  for (size_t i = n; i-- > 0;) {
    labels[i] = arg;
    arg = back[i * kLabels + arg];
  }
}

template void Viterbi<int32_t>(const int32_t*, size_t, const int32_t*, uint8_t*);
template void Viterbi<float>(const float*, size_t, const float*, uint8_t*);

}  // namespace bantin::extract
