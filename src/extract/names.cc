#include "extract/names.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/unistr.h>

#include "base/table_text.h"
#include "text/normalizer.h"

namespace bantin::extract {

// The bytes of data/models/names.tsv, linked in by builtin_names.S.
extern "C" const char bantin_names_model_begin[];
extern "C" const char bantin_names_model_end[];

namespace {

constexpr std::string_view kHeader = "# bantin names 1";

}  // namespace

Result<NameLexicon> NameLexicon::Builtin() {
  std::string_view bytes(bantin_names_model_begin,
                         static_cast<size_t>(bantin_names_model_end - bantin_names_model_begin));
  if (bytes.empty()) return NameLexicon();
  return Parse(bytes, "built-in name lexicon");
}

Result<NameLexicon> NameLexicon::Parse(std::string_view text, std::string_view source) {
  NameLexicon lex;
  Status s = ForEachTableLine(text, source, kHeader, [&](std::string_view line) -> std::string {
    auto f = TabFields(line);
    uint32_t n = 0;
    if (f[0] == "N" && f.size() == 4 && !f[1].empty() && ParseDecimal(f[3], &n)) {
      EntityType type;
      if (!ParseEntityType(f[2], &type)) return "type must be PER, LOC or ORG";
      lex.names_.emplace(std::string(f[1]), Name{type, n});
    } else if (f[0] == "S" && f.size() == 3 && !f[1].empty() && ParseDecimal(f[2], &n)) {
      lex.surnames_.emplace(f[1]);
    } else {
      return "expected \"N<TAB>key<TAB>type<TAB>count\" or \"S<TAB>key<TAB>count\"";
    }
    return "";
  });
  if (!s.ok()) return Err(s);
  return lex;
}

void NameCounter::Add(const std::vector<std::pair<std::string, EntityType>>& names,
                      const std::vector<std::string>& surnames, const std::vector<std::string>& others,
                      const std::vector<std::pair<std::string, std::string>>& person_surname) {
  std::set<std::pair<std::string, EntityType>> seen(names.begin(), names.end());
  for (const auto& [key, type] : seen) ++names_[key][static_cast<size_t>(type)];
  for (const std::string& s : std::set<std::string>(surnames.begin(), surnames.end())) ++surnames_[s];
  for (const std::string& s : std::set<std::string>(others.begin(), others.end())) ++others_[s];
  for (const auto& [name, surname] : person_surname) person_surname_.emplace(name, surname);
}

std::string NameCounter::Model(uint32_t min_docs, double min_share, uint32_t min_surname,
                               double min_capitalized) const {
  std::ostringstream out;
  out << kHeader << '\n';
  std::set<std::string> kept;
  for (const auto& [key, n] : surnames_) {
    auto other = others_.find(key);
    if (n >= min_surname && (other == others_.end() || other->second < n)) kept.insert(key);
  }
  for (const auto& [key, c] : names_) {
    const uint32_t total = c[0] + c[1] + c[2];
    const size_t best = static_cast<size_t>(std::max_element(c.begin(), c.end()) - c.begin());
    if (c[best] < min_docs || c[best] < min_share * total) continue;
    if (auto k = case_.find(key); k != case_.end() && k->second[1] < min_capitalized * (k->second[0] + k->second[1])) {
      continue;
    }
    if (auto s = person_surname_.find(key); best == 0 && s != person_surname_.end() && !kept.count(s->second)) continue;
    out << "N\t" << key << '\t' << EntityTypeName(static_cast<EntityType>(best)) << '\t' << c[best] << '\n';
  }
  for (const std::string& key : kept) out << "S\t" << key << '\t' << surnames_.at(key) << '\n';
  return out.str();
}

}  // namespace bantin::extract

namespace bantin {

namespace {

bool IsWordToken(const AnalyzedToken& t) { return t.kind == TokenKind::kSyllable || t.kind == TokenKind::kForeign; }
std::string_view TokenText(const AnalyzedToken& t, std::string_view text) { return text.substr(t.begin, t.end - t.begin); }
bool StartsUpper(std::string_view s) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c > 0 && u_isupper(c);
}
// The key of tokens [i, j): their lowercase normalized forms with the text between them.
std::string Key(const std::vector<AnalyzedToken>& tok, std::string_view text, size_t i, size_t j) {
  std::string out;
  for (size_t k = i; k < j; ++k) {
    if (k > i) out.append(text.substr(tok[k - 1].end, tok[k].begin - tok[k - 1].end));
    out.append(tok[k].norm.empty() ? TokenText(tok[k], text) : std::string_view(tok[k].norm));
  }
  return out;
}
// A lowercase head at token i ("hãng", "công ty", "tỉnh") naming the type of the capitalized
// words after it; `*j` gets the first token after the head.
bool LowercaseCue(const std::vector<AnalyzedToken>& tok, std::string_view text, size_t i, size_t* j,
                  EntityType* type) {
  static const std::map<std::string, EntityType, std::less<>> kCues = {
      {"hãng", EntityType::kOrganization},       {"công ty", EntityType::kOrganization},
      {"tập đoàn", EntityType::kOrganization},   {"ngân hàng", EntityType::kOrganization},
      {"báo", EntityType::kOrganization},        {"tờ", EntityType::kOrganization},
      {"thương hiệu", EntityType::kOrganization}, {"hãng tin", EntityType::kOrganization},
      {"đài", EntityType::kOrganization},        {"câu lạc bộ", EntityType::kOrganization},
      {"tỉnh", EntityType::kLocation},           {"thành phố", EntityType::kLocation},
      {"huyện", EntityType::kLocation},          {"quận", EntityType::kLocation},
      {"thị xã", EntityType::kLocation},         {"xã", EntityType::kLocation},
      {"phường", EntityType::kLocation},         {"thủ đô", EntityType::kLocation},
      {"bang", EntityType::kLocation},           {"đường", EntityType::kLocation}};
  if (!IsWordToken(tok[i]) || StartsUpper(TokenText(tok[i], text))) return false;
  for (size_t n = 3; n >= 1; --n) {
    if (i + n >= tok.size()) continue;
    bool words = true;
    for (size_t k = i; k < i + n; ++k) words = words && IsWordToken(tok[k]) && (k == i || tok[k].begin == tok[k - 1].end + 1);
    if (!words) continue;
    auto it = kCues.find(Key(tok, text, i, i + n));
    if (it != kCues.end()) {
      *j = i + n;
      *type = it->second;
      return tok[i + n].begin == tok[i + n - 1].end + 1;
    }
  }
  return false;
}

const std::set<std::string, std::less<>> kHonorifics = {"ông", "bà", "ngài", "anh", "chị", "cô", "cụ"};

}  // namespace

struct NameLearner::Impl {
  std::unique_ptr<EntityExtractor> extractor;
  std::unique_ptr<Analyzer> tokenizer;  // tokens only, for the second pass
  std::unique_ptr<text::Normalizer> normalizer;
  extract::NameCounter counter;
};

NameLearner::NameLearner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NameLearner::~NameLearner() = default;

Result<std::unique_ptr<NameLearner>> NameLearner::Create() {
  auto impl = std::make_unique<Impl>();
  EntityOptions options;
  options.learned_names = false;  // learn from the rules' cues alone
  auto extractor = EntityExtractor::Create(options);
  if (!extractor) return Err(extractor.error());
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  AnalyzerOptions tokens_only;
  tokens_only.words = false;
  auto tokenizer = Analyzer::Create(tokens_only);
  if (!tokenizer) return Err(tokenizer.error());
  impl->tokenizer = std::move(*tokenizer);
  impl->extractor = std::move(*extractor);
  impl->normalizer = std::move(*normalizer);
  return std::unique_ptr<NameLearner>(new NameLearner(std::move(impl)));
}

void NameLearner::Add(const Article& article) {
  Impl& m = *impl_;
  auto key = [&](std::string_view s) {
    std::string out;
    icu::UnicodeString::fromUTF8(m.normalizer->Normalize(s)).toLower(icu::Locale("vi")).toUTF8String(out);
    return out;
  };
  // Heads whose rest is the organisation's own name ("Tập đoàn Vingroup" -> "Vingroup").
  static const char* const kNamingHeads[] = {"công ty ", "tập đoàn ", "ngân hàng ", "hãng ", "báo ", "đài "};
  std::vector<std::pair<std::string, EntityType>> names;
  std::vector<std::string> surnames, others;
  std::vector<std::pair<std::string, std::string>> person_surname;  // Vietnamese names
  std::string norm, fold;
  Analysis a;
  const std::vector<Entity> entities = m.extractor->Extract(article, &a);
  // Lowercase heads are cues too, weaker than the rules' ("hãng Honda", "tỉnh An Giang"): the
  // capitalized words after one are counted as a name of that type.
  const auto& tok = a.tokens;
  const std::string_view text = article.text;
  for (size_t i = 0; i + 1 < tok.size(); ++i) {
    EntityType type;
    size_t j = i + 1;
    if (LowercaseCue(tok, text, i, &j, &type)) {
      size_t k = j;
      while (k < tok.size() && k < j + 6 && IsWordToken(tok[k]) && StartsUpper(TokenText(tok[k], text)) &&
             (k == j || tok[k].begin == tok[k - 1].end + 1)) {
        ++k;
      }
      if (k > j) names.emplace_back(Key(tok, text, j, k), type);
    }
  }
  for (const Entity& e : entities) {
    std::string k = key(e.text);
    if (e.type == EntityType::kOrganization) {
      for (const char* head : kNamingHeads) {
        const std::string_view h(head);
        if (k.size() > h.size() && k.compare(0, h.size(), h) == 0) {
          names.emplace_back(k.substr(h.size()), EntityType::kOrganization);
        }
      }
    }
    if (e.type == EntityType::kPerson) {
      // Only people an honorific marks count ("ông …", "bà …"): runs of foreign words are taken
      // for people without a cue and are as often products and companies ("Apple Watch"), and
      // after a title often stands an organisation ("Chủ tịch Vinamilk cho biết").
      auto at = std::lower_bound(tok.begin(), tok.end(), e.begin,
                                 [](const AnalyzedToken& t, uint32_t b) { return t.begin < b; });
      if (at == tok.begin() || !kHonorifics.count((at - 1)->norm)) continue;
      // People are learned from names that look like names: two to four Vietnamese syllables
      // (whose first is then a surname), or foreign words only ("Donald Trump"); not from runs
      // that mix in places and organisations ("UBND TP Nguyễn …" after a title).
      std::vector<std::string_view> parts;
      std::string_view t(e.text);
      for (size_t at = 0; at <= t.size();) {
        size_t sp = t.find(' ', at);
        if (sp == std::string_view::npos) sp = t.size();
        parts.push_back(t.substr(at, sp - at));
        at = sp + 1;
      }
      size_t vietnamese = 0, foreign = 0;
      for (std::string_view p : parts) {
        if (p.empty()) continue;
        bool syllable = m.normalizer->WordForms(p, &norm, &fold);
        bool capitals = p.size() >= 2 && norm != std::string(p) && std::all_of(p.begin(), p.end(), [](char c) {
          return c >= 'A' && c <= 'Z';
        });
        int32_t i = 0;
        UChar32 first = 0;
        U8_NEXT(p.data(), i, static_cast<int32_t>(p.size()), first);
        if (syllable && u_isupper(first)) ++vietnamese;  // "Nguyễn Văn An", not "Ngoại giao …"
        else if (!capitals) ++foreign;
      }
      if (vietnamese == parts.size() && parts.size() >= 2 && parts.size() <= 4) {
        surnames.push_back(key(parts[0]));
        person_surname.emplace_back(k, key(parts[0]));
      } else if (foreign != parts.size()) {
        continue;
      } else if (parts.size() >= 2) {
        // A foreign person is named again by surname ("Donald Trump" ... "Trump").
        names.emplace_back(key(parts.back()), EntityType::kPerson);
      }
    } else if (size_t sp = k.find(' '); sp != std::string::npos) {
      others.push_back(k.substr(0, sp));  // a first word that starts other names ("Chính phủ")
    } else {
      others.push_back(k);
    }
    names.emplace_back(std::move(k), e.type);
  }
  m.counter.Add(names, surnames, others, person_surname);
}

void NameLearner::Count(const Article& article) {
  Impl& m = *impl_;
  const Analysis a = m.tokenizer->Analyze(article);
  const auto& tok = a.tokens;
  const std::string_view text = article.text;
  size_t sentence = 0;
  for (size_t i = 0; i < tok.size(); ++i) {
    while (sentence < a.sentences.size() && a.sentences[sentence].end <= tok[i].begin) ++sentence;
    const bool first = sentence < a.sentences.size() && tok[i].begin == a.sentences[sentence].begin;
    if (first || !IsWordToken(tok[i]) || (i > 0 && tok[i - 1].kind == TokenKind::kPunct &&
                                          TokenText(tok[i - 1], text) != ",")) {
      continue;  // sentence starts, and words after a colon or a quote, are capitalized anyway
    }
    const bool upper = StartsUpper(TokenText(tok[i], text));
    for (size_t j = i + 1; j <= tok.size() && j <= i + 5; ++j) {
      if (!IsWordToken(tok[j - 1]) && tok[j - 1].kind != TokenKind::kPunct) break;
      m.counter.Cased(Key(tok, text, i, j), upper);
    }
  }
}

std::string NameLearner::Model(uint32_t min_docs, double min_share, uint32_t min_surname,
                               double min_capitalized) const {
  return impl_->counter.Model(min_docs, min_share, min_surname, min_capitalized);
}

}  // namespace bantin
