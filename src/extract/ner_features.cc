// Features of a token for the entity model. Templates (i = the token; n = normalized lowercase
// form; s = shape; w = the segmenter's word holding the token, its cluster key and classes):
//   bias; n[i-2..i+2]; n[i-1,i], n[i,i+1]; s[i-1], s[i], s[i+1], s[i-1,i,i+1]; sentence start x s[i];
//   the word's key, the token's place in its word x word length, the previous and next words'
//   keys; coarse and fine clusters of the word and of its neighbours, coarse x place in word;
//   prefix and suffix of three characters of foreign tokens; the rules' label (B/I x type, with
//   and without the rule that found it) at i-1, i, i+1; the cue class of the previous word
//   (title, honorific, organisation head, place cue, administrative word); the name lexicon's
//   type of the word; a capitalized learned surname; whether the article writes the token in
//   lowercase elsewhere, and capitalized inside a sentence elsewhere.
#include <algorithm>
#include <array>
#include <limits>
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

void ArticleFeatures(std::string_view text, const Analysis& a, const std::vector<RuleMention>& rules,
                     const NerResources& r, NerFeatures* out) {
  const auto& tok = a.tokens;
  const size_t n = tok.size();
  std::vector<char> shape(n);
  std::vector<std::string_view> norm(n);
  for (size_t i = 0; i < n; ++i) {
    shape[i] = Shape(text, tok[i]);
    norm[i] = tok[i].norm.empty() ? text.substr(tok[i].begin, tok[i].end - tok[i].begin)
                                  : std::string_view(tok[i].norm);
  }
  std::vector<uint8_t> start(n, 0);
  for (auto [first, end] : SentenceTokens(a)) start[first] = 1;
  // Words: key, classes, lexicon type; each token's word.
  std::vector<uint32_t> word(n, 0);
  std::vector<std::string> wkey(a.words.size());
  std::vector<WordClusters::Classes> wcls(a.words.size());
  for (size_t w = 0; w < a.words.size(); ++w) {
    for (uint32_t k = 0; k < a.words[w].token_count; ++k) word[a.words[w].first_token + k] = static_cast<uint32_t>(w);
    wkey[w] = ClusterKey(text, a, a.words[w]);
  }
  // Rule labels: 0 none, else 1 + 2 * type + (inside ? 1 : 0); and the rule's letter.
  std::vector<uint8_t> rule(n, 0);
  std::vector<char> rule_source(n, 0);
  if (r.rules) {
    for (const RuleMention& m : rules) {
      for (uint32_t t = m.first_token; t < m.end_token && t < n; ++t) {
        rule[t] = static_cast<uint8_t>(1 + 2 * static_cast<int>(m.type) + (t > m.first_token ? 1 : 0));
        rule_source[t] = m.source;
      }
    }
  }
  // How the article writes each form elsewhere.
  std::unordered_set<std::string_view> lower_forms, upper_inside;
  for (size_t i = 0; i < n; ++i) {
    if (shape[i] == 'x' || shape[i] == 'f') lower_forms.insert(norm[i]);
    if ((shape[i] == 'X' || shape[i] == 'F' || shape[i] == 'A') && !start[i] && i > 0 && shape[i - 1] != 'p') {
      upper_inside.insert(norm[i]);
    }
  }
  std::vector<Str> norm_hash(n), word_hash(wkey.size());
  for (size_t i = 0; i < n; ++i) norm_hash[i] = Hash(norm[i]);
  for (size_t w = 0; w < wkey.size(); ++w) {
    word_hash[w] = Hash(wkey[w]);
    if (r.clusters != nullptr) wcls[w] = r.clusters->FindHash(word_hash[w].hash);
  }
  const Str kStart = Hash("<s>"), kEnd = Hash("</s>");
  auto nrm = [&](ptrdiff_t i) -> Str {
    if (i < 0) return kStart;
    if (i >= static_cast<ptrdiff_t>(n)) return kEnd;
    return norm_hash[static_cast<size_t>(i)];
  };
  auto wrd = [&](ptrdiff_t w) -> Str {
    if (w < 0) return kStart;
    if (w >= static_cast<ptrdiff_t>(wkey.size())) return kEnd;
    return word_hash[static_cast<size_t>(w)];
  };
  auto shp = [&](ptrdiff_t i) -> uint64_t {
    return i < 0 || i >= static_cast<ptrdiff_t>(n) ? '#' : static_cast<uint64_t>(shape[static_cast<size_t>(i)]);
  };
  // Capitalized runs: each capitalized token's run (first, end) within its sentence.
  std::vector<uint32_t> run_first(n, 0), run_end(n, 0);
  auto capital = [&](size_t i) { return shape[i] == 'X' || shape[i] == 'F' || shape[i] == 'A'; };
  for (size_t i = 0; i < n;) {
    if (!capital(i)) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < n && !start[j] && (capital(j) || (shape[j] == 'd' && capital(j - 1)))) ++j;
    for (size_t k = i; k < j; ++k) run_first[k] = static_cast<uint32_t>(i), run_end[k] = static_cast<uint32_t>(j);
    i = j;
  }
  // Document evidence: for each capitalized form, the words standing before the runs that hold
  // it anywhere in the article ("đội", "ông", "hãng" before "Celta Vigo" once types every
  // other "Celta Vigo" too).
  std::unordered_map<std::string_view, std::vector<std::string_view>> doc_before;
  for (size_t i = 0; i < n; ++i) {
    if (!capital(i) || run_first[i] != i || start[i] || word[i] == 0) continue;
    const std::string_view before = wkey[word[i] - 1];
    if (before.empty() || before[0] == '^') continue;
    for (size_t k = i; k < run_end[i]; ++k) {
      auto& list = doc_before[norm[k]];
      if (list.size() < 4 && std::find(list.begin(), list.end(), before) == list.end()) list.push_back(before);
    }
  }
  // And what the rules found it to be anywhere in the article (type x rule).
  std::unordered_map<std::string_view, std::vector<uint16_t>> doc_rule;
  for (size_t i = 0; i < n; ++i) {
    if (rule[i] == 0 || !capital(i)) continue;
    const auto v = static_cast<uint16_t>((rule[i] - 1) / 2 << 8 | static_cast<uint8_t>(rule_source[i]));
    auto& list = doc_rule[norm[i]];
    if (list.size() < 4 && std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
  }
  // Organisation heads ("Công ty", "Tổng lãnh sự quán") matched on tokens, not on the
  // segmenter's words (it may split "Tổng_lãnh sự_quán"): the tokens of a capitalized head
  // (place 1 first, 2 inside), and for the tokens after it, the head whose name they may
  // continue (the nearest before, in the sentence, with no punctuation but "-", "&" between).
  std::vector<uint8_t> in_head(n, 0);
  std::vector<int32_t> org_open(n, -1);  // index into OrgHeads(), -1 none
  {
    const auto& heads = OrgHeads();
    int32_t open = -1;
    size_t since = 0;
    for (size_t i = 0; i < n; ++i) {
      if (start[i]) open = -1;
      size_t head_len = 0;
      int32_t head = -1;
      if (capital(i)) {
        for (size_t h = 0; h < heads.size(); ++h) {
          std::string_view rest = heads[h];
          size_t j = i;
          while (j < n && !rest.empty()) {
            const size_t space = rest.find(' ');
            if (norm[j] != rest.substr(0, space)) break;
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
            ++j;
          }
          if (rest.empty() && j - i > head_len) head_len = j - i, head = static_cast<int32_t>(h);
        }
      }
      if (head_len > 0) {
        for (size_t k = i; k < i + head_len; ++k) in_head[k] = k == i ? 1 : 2;
        open = head;
        since = 0;
        i += head_len - 1;
        continue;
      }
      if (shape[i] == 'p' && norm[i] != "-" && norm[i] != "&") open = -1;
      if (++since > 12) open = -1;
      org_open[i] = open;
    }
  }
  out->keys.clear();
  out->keys.reserve(n * 56);
  out->offsets.assign(1, 0);
  out->offsets.reserve(n + 1);
  // Tokens far from any name-like token (no capital, number or organisation head within three
  // tokens, and none of them a rule's): nearly always outside a name, so they get a short feature
  // set — a third of the lookups for about half the tokens of news text.
  std::vector<uint8_t> near(n + 6, 0);
  for (size_t i = 0; i < n; ++i) {
    if (capital(i) || shape[i] == 'd' || in_head[i] != 0 || rule[i] != 0) {
      for (size_t j = i > 3 ? i - 3 : 0; j <= i + 3; ++j) near[j] = 1;
    }
  }
  auto add = [&](Template t, auto value) { out->keys.push_back(Key(t, value)); };
  for (size_t ui = 0; ui < n; ++ui) {
    const auto i = static_cast<ptrdiff_t>(ui);
    auto& k = out->keys;
    add(kBias, uint64_t{0});
    add(kN0, nrm(i));
    if (!near[ui]) {
      add(kFar, static_cast<uint64_t>(shape[ui]));
      out->offsets.push_back(static_cast<uint32_t>(k.size()));
      continue;
    }
    add(kNm1, nrm(i - 1));
    add(kNp1, nrm(i + 1));
    add(kNm2, nrm(i - 2));
    add(kNp2, nrm(i + 2));
    add(kNm1N0, Pair(nrm(i - 1), nrm(i)));
    add(kN0Np1, Pair(nrm(i), nrm(i + 1)));
    add(kS0, shp(i));
    add(kSm1, shp(i - 1));
    add(kSp1, shp(i + 1));
    add(kS3, shp(i - 1) << 16 | shp(i) << 8 | shp(i + 1));
    add(kStartS0, (start[ui] ? 256u : 0u) | shp(i));
    const uint32_t w = word[ui];
    const Word& wd = a.words[w];
    const uint32_t place = ui == wd.first_token ? (wd.token_count == 1 ? 3 : 0)
                           : ui + 1 == wd.first_token + wd.token_count ? 2 : 1;
    const auto sw = static_cast<ptrdiff_t>(w);
    add(kWord, wrd(sw));
    add(kWordPlace, place << 8 | std::min<uint32_t>(wd.token_count, 5));
    add(kPrevWord, wrd(sw - 1));
    add(kNextWord, wrd(sw + 1));
    if (r.clusters != nullptr) {
      add(kC0, wcls[w].coarse);
      add(kF0, wcls[w].fine);
      add(kCm1, w > 0 ? wcls[w - 1].coarse : 65535);
      add(kCp1, w + 1 < wcls.size() ? wcls[w + 1].coarse : 65535);
      add(kFm1, w > 0 ? wcls[w - 1].fine : 65535);
      add(kFp1, w + 1 < wcls.size() ? wcls[w + 1].fine : 65535);
      add(kC0Place, uint64_t{wcls[w].coarse} << 8 | place);
    }
    if (tok[ui].kind == TokenKind::kForeign && norm[ui].size() >= 4) {
      add(kPrefix, Hash(norm[ui].substr(0, 3)));
      add(kSuffix, Hash(norm[ui].substr(norm[ui].size() - 3)));
    }
    if (r.rules) {
      add(kRule, rule[ui]);
      add(kRuleSource, uint64_t{rule[ui]} << 8 | static_cast<uint8_t>(rule_source[ui]));
      add(kRuleM1, ui > 0 ? rule[ui - 1] : 255);
      add(kRuleP1, ui + 1 < n ? rule[ui + 1] : 255);
      if (rule[ui] != 0) add(kRuleWord, Pair(Str{uint64_t{rule[ui]} << 8 | static_cast<uint8_t>(rule_source[ui])}, word_hash[w]));
    }
    if (w > 0 && ui == wd.first_token) {
      const Word& pw = a.words[w - 1];
      std::string pkey;
      for (uint32_t t = pw.first_token; t < pw.first_token + pw.token_count; ++t) {
        if (t > pw.first_token) pkey += ' ';
        pkey.append(norm[t]);
      }
      if (char c = CueClass(pkey)) add(kCue, static_cast<uint64_t>(c));
    }
    if (r.names != nullptr) {
      const std::string& key = wkey[w][0] == '^' ? wkey[w].substr(1) : wkey[w];
      if (const EntityType* t = r.names->Find(key)) add(kLexicon, static_cast<uint64_t>(*t));
      if (shape[ui] == 'X' && r.names->Surname(std::string(norm[ui]))) add(kSurname, uint64_t{1});
    }
    add(kPrevWord2, wrd(sw - 2));
    add(kNextWord2, wrd(sw + 2));
    if (capital(ui)) {  // the capitalized run the token stands in: its length, place, first word, what precedes
      const uint32_t rf = run_first[ui], re = run_end[ui];
      const uint32_t at = ui == rf ? (re - rf == 1 ? 3 : 0) : ui + 1 == re ? 2 : 1;
      add(kRunPlace, at << 8 | std::min<uint32_t>(re - rf, 6));
      add(kRunHead, word_hash[word[rf]]);
      const std::string& head = wkey[word[rf]];
      add(kRunHeadCue, uint64_t{static_cast<uint8_t>(CueClass(head[0] == '^' ? head.substr(1) : head))} << 8 | at);
      const uint32_t before = word[rf];
      add(kRunBefore, !start[rf] ? wrd(static_cast<ptrdiff_t>(before) - 1) : kStart);
      add(kRunBefore2, !start[rf] ? wrd(static_cast<ptrdiff_t>(before) - 2) : kStart);
      add(kRunAfter, re < n ? wrd(static_cast<ptrdiff_t>(word[re - 1]) + 1) : kEnd);
    }
    if (capital(ui)) {
      auto it = doc_before.find(norm[ui]);
      if (it != doc_before.end()) {
        for (std::string_view b : it->second) add(kDocBefore, Hash(b));
      }
      auto rt = doc_rule.find(norm[ui]);
      if (rt != doc_rule.end()) {
        for (uint16_t v : rt->second) add(kDocRule, v);
      }
    }
    if (org_open[ui] >= 0) {
      add(kOrgOpen, Hash(OrgHeads()[static_cast<size_t>(org_open[ui])]));
      add(kOrgOpenShape, static_cast<uint64_t>(shape[ui]));
    }
    if (in_head[ui] != 0) {
      add(kInHead, in_head[ui]);
      // A head the rules took as an organisation's start: the strongest cue there is, kept
      // apart from the word's own weights ("Tổng" is a title's start far more often).
      add(kInHeadRule, uint64_t{in_head[ui]} << 8 | rule[ui]);
    }
    if (org_open[ui] >= 0 && rule[ui] != 0) add(kOrgOpenRule, rule[ui]);
    if (shape[ui] == 'X' || shape[ui] == 'F' || shape[ui] == 'A') {
      add(kLowerElsewhere, uint64_t{lower_forms.count(norm[ui]) > 0});
      add(kUpperElsewhere, uint64_t{upper_inside.count(norm[ui]) > 0});
    }
    out->offsets.push_back(static_cast<uint32_t>(k.size()));
  }
}

template <typename T>
void Viterbi(const T* emit, size_t n, const T* transitions, uint8_t* labels) {
  if (n == 0) return;
  std::vector<T> score(n * kLabels);
  std::vector<uint8_t> back(n * kLabels, 0);
  constexpr T kNone = std::numeric_limits<T>::lowest() / 4;
  for (uint8_t y = 0; y < kLabels; ++y) {
    score[y] = Allowed(kLabels, y) ? emit[y] + transitions[kLabels * kLabels + y] : kNone;
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
      T best = kNone;
      uint8_t arg = 0;
      for (uint8_t q = 1; q <= kFrom[y][0]; ++q) {
        const uint8_t p = kFrom[y][q];
        if (score[(i - 1) * kLabels + p] == kNone) continue;
        T s = score[(i - 1) * kLabels + p] + transitions[p * kLabels + y];
        if (s > best) best = s, arg = p;
      }
      score[i * kLabels + y] = best == kNone ? kNone : best + emit[i * kLabels + y];
      back[i * kLabels + y] = arg;
    }
  }
  // End: the last label closes any mention (O, L or U).
  T best = kNone;
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
