// EntityExtractor: the rules (places by gazetteer, organisations by head words and acronyms,
// people by titles, honorifics and foreign-name runs, names typed by the learned lexicon) find
// candidates; the learned sequence model (extract/ner.h) reads them as features, with the
// words, shapes and clusters, and decides; then one name keeps one type in an article, a
// surname alone names the person named in full, and people get their roles. Rules, model and
// limits: docs/extraction.md, docs/models.md.
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "bantin/analyzer.h"
#include "bantin/extract.h"
#include "extract/clusters.h"
#include "extract/entity_cues.h"
#include "extract/entity_internals.h"
#include "extract/gazetteer.h"
#include "extract/names.h"
#include "extract/ner.h"
#include "text/normalizer.h"

namespace bantin {
namespace {

using extract::Honorifics;
using extract::NotOrganisations;
using extract::OrgHeads;
using extract::PlaceCues;
using extract::StandaloneOrgs;
using extract::Titles;

bool Upper(std::string_view s) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c > 0 && u_isupper(c);
}
bool Acronym(std::string_view s) {
  if (s.size() < 2) return false;
  for (char ch : s) {
    if (!(ch >= 'A' && ch <= 'Z')) return false;
  }
  return true;
}
// Lowercase words that may stand inside a title ("Vụ trưởng Vụ Bắc Đại Tây Dương thuộc Bộ …").
bool OneOfKey(const std::string& key) {
  return key == "thuộc" || key == "của" || key == "phụ" || key == "trách" || key == "thường" || key == "trực";
}

// An article's tokens with the lookups every pass shares.
class Tokens {
 public:
  Tokens(std::string_view text, const Analysis& a) : text(text), a(a), tok(a.tokens), n(tok.size()), sentence(n, 0), word(n, 0) {
    for (size_t s = 0, i = 0; s < a.sentences.size(); ++s) {
      while (i < n && tok[i].begin < a.sentences[s].end) sentence[i++] = static_cast<uint32_t>(s);
    }
    for (size_t w = 0; w < a.words.size(); ++w) {
      for (uint32_t k = 0; k < a.words[w].token_count; ++k) word[a.words[w].first_token + k] = static_cast<uint32_t>(w);
    }
  }
  std::string_view str(size_t i, size_t j) const {  // tokens [i, j); empty when j <= i
    return j <= i ? std::string_view() : text.substr(tok[i].begin, tok[j - 1].end - tok[i].begin);
  }
  // The lookup key of tokens [i, j): their normalized lowercase forms with the text between them.
  const std::string& key(size_t i, size_t j) {
    key_buf_.clear();
    for (size_t k = i; k < j; ++k) {
      if (k > i) key_buf_.append(text.substr(tok[k - 1].end, tok[k].begin - tok[k - 1].end));
      key_buf_.append(tok[k].norm.empty() ? text.substr(tok[k].begin, tok[k].end - tok[k].begin)
                                          : std::string_view(tok[k].norm));
    }
    return key_buf_;
  }
  bool is_word(size_t i) const { return tok[i].kind == TokenKind::kSyllable || tok[i].kind == TokenKind::kForeign; }
  bool upper(size_t i) const { return is_word(i) && Upper(str(i, i + 1)); }
  size_t word_end(size_t i) const {  // one past the last token of token i's word
    const Word& w = a.words[word[i]];
    return static_cast<size_t>(w.first_token + w.token_count);
  }
  // The key of the words before token i (up to `words` words back), for cues.
  std::string key_before(size_t i, size_t words) {
    if (i == 0) return "";
    size_t w = word[i - 1];
    if (w + 1 < words) return "";
    const Word& first = a.words[w + 1 - words];
    if (sentence[first.first_token] != sentence[i - 1]) return "";
    return key(first.first_token, i);
  }
  size_t cue_before(size_t i, const std::unordered_set<std::string>& set) {
    for (size_t words = 1; words <= 3; ++words) {
      if (set.count(key_before(i, words))) return words;
    }
    return 0;
  }
  size_t token_at(uint32_t byte) const {  // the first token starting at or after `byte`
    return static_cast<size_t>(std::lower_bound(tok.begin(), tok.end(), byte,
                                                [](const AnalyzedToken& t, uint32_t b) { return t.begin < b; }) -
                               tok.begin());
  }

  std::string_view text;
  const Analysis& a;
  const std::vector<AnalyzedToken>& tok;
  size_t n;
  std::vector<uint32_t> sentence, word;

 private:
  std::string key_buf_;
};

// What the passes found so far: entities, the rule that found each, the tokens they cover.
struct Found {
  explicit Found(size_t n) : used(n, 0) {}
  void Emit(const Tokens& t, size_t i, size_t j, EntityType type, std::string canonical, char source) {
    Entity e;
    e.begin = t.tok[i].begin;
    e.end = t.tok[j - 1].end;
    e.text.assign(t.str(i, j));
    e.type = type;
    e.canonical = canonical.empty() ? e.text : std::move(canonical);
    entities.push_back(std::move(e));
    sources.push_back(source);
    for (size_t k = i; k < j; ++k) used[k] = 1;
  }
  void Erase(size_t k) {
    entities.erase(entities.begin() + static_cast<ptrdiff_t>(k));
    sources.erase(sources.begin() + static_cast<ptrdiff_t>(k));
  }
  void Sort() {
    std::vector<size_t> order(entities.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return entities[x].begin < entities[y].begin; });
    std::vector<Entity> e;
    std::vector<char> s;
    for (size_t k : order) e.push_back(std::move(entities[k])), s.push_back(sources[k]);
    entities = std::move(e);
    sources = std::move(s);
  }
  std::vector<Entity> entities;
  std::vector<char> sources;
  std::vector<uint8_t> used;
};

}  // namespace

struct EntityExtractor::Impl {
  EntityOptions options;
  std::unique_ptr<Analyzer> analyzer;
  std::set<std::string> currencies;  // ISO 4217 codes, from ICU ("USD" is no organisation)
  std::unique_ptr<text::Normalizer> normalizer;
  std::shared_ptr<const Canonicalizer> names_of;  // the gazetteer, canonical names
  const extract::Gazetteer* gazetteer = nullptr;  // names_of's
  extract::NameLexicon names;        // empty unless EntityOptions::learned_names
  extract::WordClusters clusters;
  extract::NerModel model;           // empty: the rules decide alone

  std::string Key(std::string_view s) const {
    std::string out;
    icu::UnicodeString::fromUTF8(normalizer->Normalize(s)).toLower(icu::Locale("vi")).toUTF8String(out);
    return out;
  }
  bool NoName(const std::string& span) const { return NotOrganisations().count(span) || currencies.count(span); }
  // The canonical name and country of a place whose key is `key` (written without
  // diacritics too: "Ha Noi"); false if not in the gazetteer.
  bool Place(const std::string& key, Entity* e) const {
    const extract::Place* p = gazetteer->Find(key);
    if (p == nullptr) p = gazetteer->Named(names_of->Place(key));
    if (p == nullptr) return false;
    e->canonical = p->canonical;
    e->country = names_of->CountryOf(p->canonical);
    return true;
  }

  void Places(Tokens& t, Found& f) const;
  void Organisations(Tokens& t, Found& f) const;
  void Runs(Tokens& t, Found& f) const;
  void Coordination(Tokens& t, Found& f) const;
  void Byline(const Article& article, Tokens& t, Found& f) const;
  void SameNames(Tokens& t, Found& f) const;
  void Surnames(Tokens& t, Found& f) const;
  // Every rule pass, in order.
  void Rules(const Article& article, Tokens& t, Found& f) const {
    Places(t, f);
    Organisations(t, f);
    Runs(t, f);
    Coordination(t, f);
    Byline(article, t, f);
    SameNames(t, f);
    Surnames(t, f);
    f.Sort();
  }
  // The model's entities, the rules' found as features; canonical names from the rules'
  // entity of the same span, else the gazetteer.
  Found Model(Tokens& t, const Found& rules) const;
  void Consistency(Tokens& t, Found& f) const;
  void FullNames(Found& f) const;
  void Roles(Tokens& t, std::vector<Entity>& out) const;
};

EntityExtractor::EntityExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EntityExtractor::~EntityExtractor() = default;

Result<std::unique_ptr<EntityExtractor>> EntityExtractor::Create(const EntityOptions& entity_options) {
  BANTIN_RETURN_IF_ERROR(extract::CheckEntityCues());
  auto impl = std::make_unique<Impl>();
  impl->options = entity_options;
  if (entity_options.learned_names) {
    auto names = extract::NameLexicon::Builtin();
    if (!names) return Err(names.error());
    impl->names = std::move(*names);
  }
  if (entity_options.use_model) {
    auto clusters = extract::WordClusters::Builtin();
    if (!clusters) return Err(clusters.error());
    impl->clusters = std::move(*clusters);
    auto model = entity_options.model.empty() ? extract::NerModel::Builtin()
                                              : extract::NerModel::Parse(entity_options.model, "entity model");
    if (!model) return Err(model.error());
    impl->model = std::move(*model);
  }
  AnalyzerOptions options;
  options.words = true;
  auto analyzer = Analyzer::Create(options);
  if (!analyzer) return Err(analyzer.error());
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto names_of = Canonicalizer::Shared();
  if (!names_of) return Err(names_of.error());
  impl->analyzer = std::move(*analyzer);
  impl->normalizer = std::move(*normalizer);
  UErrorCode status = U_ZERO_ERROR;
  if (UEnumeration* codes = ucurr_openISOCurrencies(UCURR_ALL, &status)) {
    int32_t len = 0;
    while (const char* code = uenum_next(codes, &len, &status)) impl->currencies.emplace(code, len);
    uenum_close(codes);
  }
  impl->names_of = std::move(*names_of);
  impl->gazetteer = &impl->names_of->gazetteer();
  return std::unique_ptr<EntityExtractor>(new EntityExtractor(std::move(impl)));
}

// 1. Places from the gazetteer: the longest span of tokens whose text is a name.
void EntityExtractor::Impl::Places(Tokens& t, Found& f) const {
  for (size_t i = 0; i < t.n; ++i) {
    // Continents are written "châu Âu" as often as "Châu Âu".
    const bool continent = t.key(i, i + 1) == "châu" && i + 1 < t.n && t.upper(i + 1);
    if (f.used[i] || (!t.upper(i) && !continent) || t.cue_before(i, Honorifics())) continue;
    size_t best = 0;
    for (size_t j = i + 1; j <= t.n && j <= i + 12 && t.sentence[j - 1] == t.sentence[i]; ++j) {
      // Names end where words end, or where a capitalized foreign name starts inside a word
      // ("Mỹ Donald Trump" may be one word to the segmenter).
      if (j < t.n && t.word[j] == t.word[j - 1] &&
          !(t.tok[j].kind == TokenKind::kForeign && t.tok[j - 1].kind == TokenKind::kSyllable && t.upper(j))) {
        continue;
      }
      if (gazetteer->Find(t.key(i, j)) != nullptr) best = j;
    }
    if (best != 0) {
      Entity e;
      Place(t.key(i, best), &e);
      f.Emit(t, i, best, EntityType::kLocation, e.canonical, 'g');
      f.entities.back().country = e.country;
      i = best - 1;
    }
  }
}

// 2. Organisations by their head words ("Bộ Ngoại giao", "Tổng lãnh sự quán Nga", "Điện
// Kremlin"): the head, the capitalized words after it, and a country right after them.
void EntityExtractor::Impl::Organisations(Tokens& t, Found& f) const {
  for (size_t i = 0; i < t.n; ++i) {
    if (f.used[i] || !t.upper(i)) continue;
    size_t head_end = 0;
    for (const std::string& head : OrgHeads()) {
      // Most capitalized words start no head: compare the first syllable before building keys.
      const std::string_view first_syllable = std::string_view(head).substr(0, head.find(' '));
      if (t.tok[i].norm != first_syllable) continue;
      size_t tokens = 1;
      for (char ch : head) tokens += ch == ' ' ? 1 : 0;
      if (i + tokens <= t.n && t.sentence[i + tokens - 1] == t.sentence[i] && t.key(i, i + tokens) == head) {
        head_end = std::max(head_end, i + tokens);
      }
    }
    if (head_end == 0) continue;
    size_t j = head_end;
    while (j < t.n && !f.used[j] && t.sentence[j] == t.sentence[i] &&
           (t.upper(j) || (j > head_end && t.word[j] == t.word[j - 1] && t.is_word(j)))) {
      ++j;
    }
    // A country right after: "Bộ Ngoại giao Nga" is the Russian ministry.
    size_t country = f.entities.size();
    for (size_t k = 0; k < f.entities.size(); ++k) {
      const Entity& e = f.entities[k];
      if (e.type == EntityType::kLocation && j < t.n && e.begin == t.tok[j].begin) country = k;
    }
    const bool has_country = country < f.entities.size();
    // "Bộ" alone is no name; "Chính phủ" is.
    if (j == head_end && !has_country && !StandaloneOrgs().count(t.key(i, head_end))) continue;
    std::string canonical(t.str(i, j));
    // "Điện Kremlin" is the Kremlin; "Điện Hà Nội" (no name of its own before the place) stays.
    if (t.key(i, head_end) == "điện" && j > head_end) canonical.assign(t.str(head_end, j));
    if (has_country) {
      const uint32_t country_end = f.entities[country].end;
      size_t end = j;
      while (end < t.n && t.tok[end].end <= country_end) ++end;
      canonical.append(t.text.substr(t.tok[j - 1].end, country_end - t.tok[j - 1].end));
      f.Erase(country);
      j = end;
    }
    f.Emit(t, i, j, EntityType::kOrganization, canonical, 'h');
    i = j - 1;
  }
}

// 3. Runs of capitalized words: titles split off, then acronyms, people, learned names, places.
void EntityExtractor::Impl::Runs(Tokens& t, Found& f) const {
  auto learned_type = [&](size_t i, size_t j) -> const EntityType* {
    if (NoName(std::string(t.str(i, j)))) return nullptr;
    return names.Find(t.key(i, j));
  };
  // A full Vietnamese name: two to four capitalized syllables, the first a learned surname.
  auto vietnamese_name = [&](size_t i, size_t j) {
    if (j - i < 2 || j - i > 4 || !names.Surname(t.key(i, i + 1))) return false;
    for (size_t k = i; k < j; ++k) {
      if (t.tok[k].kind != TokenKind::kSyllable || !t.upper(k) || (k > i && t.tok[k].begin != t.tok[k - 1].end + 1)) {
        return false;
      }
    }
    return true;
  };
  // Learned names inside a run no rule typed ("Theo Vinamilk"): the longest at each word.
  auto learned_inside = [&](size_t i, size_t j) {
    for (size_t s = i; s < j;) {
      size_t best = 0;
      const EntityType* type = nullptr;
      for (size_t e = t.word_end(s); e <= j && e > s; e = e < j ? t.word_end(e) : j + 1) {
        if (const EntityType* lt = learned_type(s, e)) best = e, type = lt;
      }
      if (type == nullptr) {
        s = t.word_end(s);
        continue;
      }
      f.Emit(t, s, best, *type, "", 'l');
      s = best;
    }
  };
  for (size_t i = 0; i < t.n;) {
    if (f.used[i] || !t.upper(i)) {
      ++i;
      continue;
    }
    size_t j = t.word_end(i);
    while (j < t.n && !f.used[j] && t.upper(j) && t.sentence[j] == t.sentence[i]) j = t.word_end(j);
    // Leading titles ("Tổng thống", "Phó Trợ lý Ngoại trưởng") are not the name.
    size_t start = i;
    bool titled = false;
    while (start < j) {  // an honorific at a sentence's start is capitalized too ("Ông …")
      size_t e = t.word_end(start);
      const std::string& k = t.key(start, e);
      if (!Titles().count(k) && !Honorifics().count(k)) break;
      titled = true;
      start = e;
    }
    const size_t run_end = j;
    if (start >= run_end) {
      i = run_end;
      continue;
    }
    const bool sentence_start = start == 0 || t.sentence[start - 1] != t.sentence[start];
    size_t foreign_from = run_end;  // the run's tail of foreign tokens
    while (foreign_from > start && t.tok[foreign_from - 1].kind == TokenKind::kForeign) --foreign_from;
    const bool person_cue = titled || t.cue_before(start, Honorifics()) > 0 || t.cue_before(start, Titles()) > 0;
    const std::string acronym(t.str(start, run_end));
    const bool one_acronym = run_end - start == 1 && Acronym(acronym);
    if (one_acronym && NoName(acronym)) {
      // "GDP", "USD": no name
    } else if (one_acronym) {
      f.Emit(t, start, run_end, EntityType::kOrganization, "", 'a');
    } else if (person_cue) {
      f.Emit(t, start, run_end, EntityType::kPerson, "", 'c');
    } else if (const EntityType* learned = learned_type(start, run_end)) {
      f.Emit(t, start, run_end, *learned, "", 'l');
    } else if (foreign_from == start && run_end - start >= 2) {
      f.Emit(t, start, run_end, EntityType::kPerson, "", 'f');
    } else if (run_end - foreign_from >= 2) {  // "… châu Âu và Á-Âu Sonata Coulter"
      f.Emit(t, foreign_from, run_end, EntityType::kPerson, "", 'f');
    } else if (vietnamese_name(start, run_end)) {
      f.Emit(t, start, run_end, EntityType::kPerson, "", 'v');
    } else if (t.cue_before(start, PlaceCues()) && !sentence_start) {
      f.Emit(t, start, run_end, EntityType::kLocation, "", 'p');
    } else {
      learned_inside(start, run_end);
    }
    i = run_end;
  }
}

// "Moskva và Washington": a capitalized word joined by "và" to a place is a place.
void EntityExtractor::Impl::Coordination(Tokens& t, Found& f) const {
  for (size_t i = 0; i + 2 < t.n; ++i) {
    if (t.key(i + 1, i + 2) != "và" || !t.upper(i + 2) || f.used[i + 2]) continue;
    bool place = false;
    for (const Entity& e : f.entities) place = place || (e.type == EntityType::kLocation && e.end == t.tok[i].end);
    if (!place) continue;
    size_t j = t.word_end(i + 2);
    while (j < t.n && !f.used[j] && t.upper(j) && t.sentence[j] == t.sentence[i]) j = t.word_end(j);
    f.Emit(t, i + 2, j, EntityType::kLocation, "", 'k');
  }
}

// The byline: the article's author is a person where the text names them.
void EntityExtractor::Impl::Byline(const Article& article, Tokens& t, Found& f) const {
  if (article.author.empty()) return;
  size_t at = t.text.rfind(article.author);
  if (at == std::string_view::npos) return;
  size_t i = t.token_at(static_cast<uint32_t>(at));
  size_t j = i;
  while (j < t.n && t.tok[j].end <= at + article.author.size()) ++j;
  if (i < t.n && t.tok[i].begin == at && j > i && !f.used[i]) f.Emit(t, i, j, EntityType::kPerson, "", 'b');
}

// One name, one type in an article: a capitalized name found once ("Moskva và Washington") is
// found again where no cue marks it ("Washington đã đề xuất …").
void EntityExtractor::Impl::SameNames(Tokens& t, Found& f) const {
  std::map<std::string, Entity> known;
  for (const Entity& e : f.entities) known.emplace(e.text, e);
  for (size_t i = 0; i < t.n; ++i) {
    if (f.used[i] || !t.upper(i)) continue;
    for (size_t j = std::min(t.n, i + 6); j > i; --j) {
      if (j < t.n && t.word[j] == t.word[j - 1]) continue;
      auto it = known.find(std::string(t.str(i, j)));
      if (it == known.end() || t.sentence[j - 1] != t.sentence[i]) continue;
      bool free = true;
      for (size_t k = i; k < j; ++k) free = free && !f.used[k];
      if (!free) continue;
      const Entity copy = it->second;
      f.Emit(t, i, j, copy.type, copy.canonical, 'd');
      f.entities.back().country = copy.country;
      i = j - 1;
      break;
    }
  }
}

// A foreign surname alone names the person named in full elsewhere ("Putin").
void EntityExtractor::Impl::Surnames(Tokens& t, Found& f) const {
  std::set<std::string> last;
  for (const Entity& e : f.entities) {
    if (e.type != EntityType::kPerson) continue;
    size_t space = e.text.rfind(' ');
    last.insert(Key(e.text.substr(space == std::string::npos ? 0 : space + 1)));
  }
  for (size_t i = 0; i < t.n; ++i) {
    if (f.used[i] || !t.upper(i) || t.tok[i].kind != TokenKind::kForeign) continue;
    if (last.count(t.key(i, i + 1))) f.Emit(t, i, i + 1, EntityType::kPerson, "", 's');
  }
}

namespace {
// The token range of each entity in `f`.
std::vector<extract::RuleMention> Mentions(const Tokens& t, const Found& f) {
  std::vector<extract::RuleMention> out;
  for (size_t k = 0; k < f.entities.size(); ++k) {
    const Entity& e = f.entities[k];
    size_t i = t.token_at(e.begin), j = i;
    while (j < t.n && t.tok[j].begin < e.end) ++j;
    if (j > i) out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j), e.type, f.sources[k]});
  }
  return out;
}
}  // namespace

Found EntityExtractor::Impl::Model(Tokens& t, const Found& rules) const {
  extract::NerResources resources;
  resources.clusters = clusters.size() > 0 ? &clusters : nullptr;
  resources.names = names.size() > 0 ? &names : nullptr;
  extract::NerFeatures features;
  extract::ArticleFeatures(t.text, t.a, Mentions(t, rules), resources, &features);
  std::vector<uint8_t> labels(t.n, extract::kOutside);
  for (auto [first, end] : extract::SentenceTokens(t.a)) model.Decode(features, first, end, labels.data() + first);
  std::map<std::pair<uint32_t, uint32_t>, const Entity*> by_span;
  for (const Entity& e : rules.entities) by_span.emplace(std::make_pair(e.begin, e.end), &e);
  Found out(t.n);
  for (size_t i = 0; i < t.n; ++i) {
    if (labels[i] == extract::kOutside || extract::LabelPart(labels[i]) == 1 || extract::LabelPart(labels[i]) == 2) continue;
    size_t j = i + 1;
    if (extract::LabelPart(labels[i]) == 0) {  // B: up to its L
      while (j < t.n && extract::LabelPart(labels[j]) != 2) ++j;
      j = std::min(j + 1, t.n);
    }
    // A name ends where its written word ends: "Mát-xcơ-va" is not cut after "xcơ".
    while (j + 1 < t.n && t.tok[j].begin == t.tok[j - 1].end && t.str(j, j + 1) == "-" &&
           t.tok[j + 1].begin == t.tok[j].end && t.is_word(j + 1)) {
      j += 2;
    }
    const EntityType type = extract::LabelType(labels[i]);
    Entity e;
    auto rule = by_span.find({t.tok[i].begin, t.tok[j - 1].end});
    // The canonical name: a place's from the gazetteer or its aliases (with its country), else
    // the rules' entity of the same span, else "Điện Kremlin" -> "Kremlin" (the palace or its
    // administration; "Điện Bàn" is a town), else the text (Emit).
    const bool ruled = rule != by_span.end() && rule->second->type == type;
    if (ruled) e = *rule->second;
    const bool place = type == EntityType::kLocation && Place(t.key(i, j), &e);
    if (!place && !ruled && t.key(i, i + 1) == "điện" && j > i + 1 && t.upper(i + 1) &&
        t.tok[i + 1].kind == TokenKind::kForeign) {
      e.canonical.assign(t.str(i + 1, j));
    }

    out.Emit(t, i, j, type, e.canonical, 'm');
    out.entities.back().country = e.country;
    i = j - 1;
  }
  return out;
}

// One name, one type in an article: mentions of the same text take the type most of them
// have (the first one's on a tie), and the name is found again where the model left it.
void EntityExtractor::Impl::Consistency(Tokens& t, Found& f) const {
  std::map<std::string, std::array<int, 3>> votes;
  std::map<std::string, EntityType> first;
  for (const Entity& e : f.entities) {
    ++votes[e.text][static_cast<int>(e.type)];
    first.emplace(e.text, e.type);
  }
  for (Entity& e : f.entities) {
    const auto& v = votes[e.text];
    int best = static_cast<int>(first[e.text]);
    for (int k = 0; k < 3; ++k) {
      if (v[k] > v[best]) best = k;
    }
    if (static_cast<EntityType>(best) == e.type) continue;
    e.type = static_cast<EntityType>(best);
    e.canonical = e.text;
    e.country.clear();
    if (e.type == EntityType::kLocation) Place(Key(e.text), &e);
  }
  SameNames(t, f);
}

// A person's canonical name is the longest name of the article with the same last word
// ("ông Putin" -> "Vladimir Putin").
void EntityExtractor::Impl::FullNames(Found& f) const {
  auto last_word = [&](const std::string& text) {
    size_t space = text.rfind(' ');
    return Key(text.substr(space == std::string::npos ? 0 : space + 1));
  };
  std::map<std::string, std::string> full;
  for (const Entity& e : f.entities) {
    if (e.type != EntityType::kPerson) continue;
    std::string& longest = full[last_word(e.text)];
    if (longest.size() < e.text.size()) longest = e.text;
  }
  for (Entity& e : f.entities) {
    if (e.type == EntityType::kPerson) e.canonical = full[last_word(e.text)];
  }
}

// Roles: the titles, places and organisations right before a person ("Tổng thống Nga Vladimir
// Putin"), or an apposition after or before it.
void EntityExtractor::Impl::Roles(Tokens& t, std::vector<Entity>& out) const {
  for (size_t k = 0; k < out.size(); ++k) {
    Entity& e = out[k];
    if (e.type != EntityType::kPerson) continue;
    const size_t p = t.token_at(e.begin);
    if (p >= t.n) continue;
    size_t first = p;
    while (first > 0 && t.sentence[first - 1] == t.sentence[p]) {
      size_t b = t.a.words[t.word[first - 1]].first_token;
      // An entity ending right here (a country, a ministry) is part of the title.
      const Entity* named = nullptr;
      for (size_t q = k; q-- > 0;) {
        if (out[q].end == t.tok[first - 1].end && out[q].type != EntityType::kPerson) named = &out[q];
        if (out[q].end < t.tok[first - 1].end) break;
      }
      if (named != nullptr) {
        while (first > 0 && t.tok[first - 1].begin >= named->begin) --first;
        continue;
      }
      if (!Titles().count(t.key(b, first))) break;
      first = b;
    }
    // A role starts with a title ("Tổng thống Mỹ"), not with a place alone ("Á-Âu").
    if (first < p && Titles().count(t.key(first, t.word_end(first)))) {
      e.role.assign(t.str(first, p));
      e.role_begin = t.tok[first].begin;
      e.role_end = t.tok[p - 1].end;
    }
    size_t after = p;
    while (after < t.n && t.tok[after].end <= e.end) ++after;
    // After: "ông Alexander Gusarov, Vụ trưởng Vụ … thuộc Bộ Ngoại giao Nga, cho biết".
    if (e.role.empty() && after + 1 < t.n && t.str(after, after + 1) == "," &&
        Titles().count(t.key(after + 1, t.word_end(after + 1)))) {
      size_t j = after + 1;
      while (j < t.n && t.sentence[j] == t.sentence[after] && t.is_word(j) &&
             (t.upper(j) || t.word[j] == t.word[j - 1] || OneOfKey(t.key(j, j + 1)))) {
        j = t.word_end(j);
      }
      if (j > t.word_end(after + 1)) {
        e.role.assign(t.str(after + 1, j));
        e.role_begin = t.tok[after + 1].begin;
        e.role_end = t.tok[j - 1].end;
      }
    }
    // Before: "Người phát ngôn Bộ Ngoại giao Nga, bà Maria Zakharova".
    const size_t h = first;
    if (e.role.empty() && h >= 2 && Honorifics().count(t.key(h - 1, h)) && t.str(h - 2, h - 1) == ",") {
      size_t b = h - 2;
      while (b > 0 && t.sentence[b - 1] == t.sentence[h - 2] && t.str(b - 1, b) != ",") --b;
      if (b < h - 2 && Titles().count(t.key(b, t.word_end(b)))) {
        e.role.assign(t.str(b, h - 2));
        e.role_begin = t.tok[b].begin;
        e.role_end = t.tok[h - 3].end;
      }
    }
  }
}

std::vector<Entity> EntityExtractor::Extract(const Article& article, Analysis* analysis_out) {
  Impl& m = *impl_;
  Analysis own;
  Analysis& a = analysis_out != nullptr ? *analysis_out : own;
  a = m.analyzer->Analyze(article);
  Tokens t(article.text, a);
  Found rules(t.n);
  m.Rules(article, t, rules);
  Found found = m.model.empty() ? std::move(rules) : m.Model(t, rules);
  if (!m.model.empty() && m.options.document_consistency) m.Consistency(t, found);
  m.FullNames(found);
  found.Sort();
  m.Roles(t, found.entities);
  return std::move(found.entities);
}

namespace extract {

Analysis EntityInternals::Analyze(EntityExtractor& x, const Article& article, std::vector<RuleMention>* rules) {
  EntityExtractor::Impl& m = *x.impl_;
  Analysis a = m.analyzer->Analyze(article);
  Tokens t(article.text, a);
  Found found(t.n);
  m.Rules(article, t, found);
  *rules = Mentions(t, found);
  return a;
}

NerResources EntityInternals::Resources(const EntityExtractor& x, bool clusters) {
  NerResources r;
  r.clusters = clusters && x.impl_->clusters.size() > 0 ? &x.impl_->clusters : nullptr;
  r.names = x.impl_->names.size() > 0 ? &x.impl_->names : nullptr;
  return r;
}

}  // namespace extract
}  // namespace bantin
