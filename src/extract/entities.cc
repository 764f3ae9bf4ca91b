// EntityExtractor: places by gazetteer, organisations by head words and acronyms, people by
// titles, honorifics and foreign-name runs, over the segmenter's words. Rules and their limits:
// docs/extraction.md.
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <map>
#include <set>
#include <sstream>

#include "bantin/analyzer.h"
#include "bantin/extract.h"
#include "extract/gazetteer.h"
#include "extract/names.h"
#include "text/normalizer.h"

namespace bantin {
namespace {

// Lowercase normalized keys.
const std::set<std::string> kTitles = {
    "tổng thống", "thủ tướng", "phó thủ tướng", "ngoại trưởng", "bộ trưởng", "thứ trưởng",
    "vụ trưởng", "cục trưởng", "đại sứ", "đặc phái viên", "người phát ngôn", "phát ngôn viên",
    "chủ tịch", "phó chủ tịch", "tổng bí thư", "trợ lý", "phó", "cố vấn", "giám đốc",
    "tổng giám đốc", "đại diện", "thượng nghị sĩ", "nghị sĩ", "thị trưởng", "thống đốc", "cựu",
    "tướng", "đô đốc", "giáo sư", "tiến sĩ", "bác sĩ", "nhà báo", "ca sĩ", "hoàng tử", "vua",
    "nữ hoàng", "giáo hoàng", "tổng thư ký", "phó tổng thống", "chánh văn phòng"};
const std::set<std::string> kHonorifics = {"ông", "bà", "ngài", "anh", "chị", "cô", "cụ"};
const std::vector<std::string> kOrgHeads = {
    "bộ", "tổ chức", "liên hợp quốc", "ngân hàng", "công ty", "tập đoàn", "đại sứ quán",
    "tổng lãnh sự quán", "lãnh sự quán", "điện", "nhà trắng", "quốc hội", "chính phủ", "vụ",
    "cục", "sở", "ủy ban", "hãng", "báo", "đài", "viện", "trường", "đại học", "bệnh viện",
    "hội đồng", "liên minh", "đảng", "tòa án", "tổng cục", "học viện", "hiệp hội", "quỹ",
    "liên đoàn", "câu lạc bộ", "thông tấn xã", "lầu năm góc", "thượng viện", "hạ viện"};
// Heads that are a name on their own ("Chính phủ cho biết", "tại Quốc hội").
const std::set<std::string> kStandaloneOrgs = {"chính phủ", "quốc hội", "nhà trắng", "lầu năm góc",
                                               "liên hợp quốc", "thượng viện", "hạ viện"};
const std::set<std::string> kPlaceCues = {"tại", "ở"};
// Lowercase words that may stand inside a title ("Vụ trưởng Vụ Bắc Đại Tây Dương thuộc Bộ …").
bool OneOfKey(const std::string& key) {
  return key == "thuộc" || key == "của" || key == "phụ" || key == "trách" || key == "thường" || key == "trực";
}


}  // namespace

// Abbreviations in capitals that name no organisation: sinh năm, phóng viên, thành phố,
// academic titles, economic measures. (Currency codes come from ICU.)
const std::set<std::string> kNotOrganisations = {"SN", "PV", "TP", "TS", "PGS", "GS", "THS", "BS",
                                                  "GDP", "GRDP", "CPI", "FDI", "CEO", "ATM", "VAT",
                                                  "TNHH", "CP", "TMCP", "KCN", "NXB", "ĐT"};

struct EntityExtractor::Impl {
  std::unique_ptr<Analyzer> analyzer;
  std::set<std::string> currencies;  // ISO 4217 codes, from ICU ("USD" is no organisation)
  std::unique_ptr<text::Normalizer> normalizer;
  extract::Gazetteer gazetteer;
  extract::NameLexicon names;  // empty unless EntityOptions::learned_names

  std::string Key(std::string_view s) const {
    std::string out;
    icu::UnicodeString::fromUTF8(normalizer->Normalize(s)).toLower(icu::Locale("vi")).toUTF8String(out);
    return out;
  }
  static bool Upper(std::string_view s) {
    int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    return c > 0 && u_isupper(c);
  }
  static bool Acronym(std::string_view s) {
    if (s.size() < 2) return false;
    for (char ch : s) {
      if (!(ch >= 'A' && ch <= 'Z')) return false;
    }
    return true;
  }
};

EntityExtractor::EntityExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EntityExtractor::~EntityExtractor() = default;

Result<std::unique_ptr<EntityExtractor>> EntityExtractor::Create(const EntityOptions& entity_options) {
  auto impl = std::make_unique<Impl>();
  if (entity_options.learned_names) {
    auto names = extract::NameLexicon::Builtin();
    if (!names) return Err(names.error());
    impl->names = std::move(*names);
  }
  AnalyzerOptions options;
  options.words = true;
  auto analyzer = Analyzer::Create(options);
  if (!analyzer) return Err(analyzer.error());
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto gazetteer = extract::Gazetteer::Build();
  if (!gazetteer) return Err(gazetteer.error());
  impl->analyzer = std::move(*analyzer);
  impl->normalizer = std::move(*normalizer);
  UErrorCode status = U_ZERO_ERROR;
  if (UEnumeration* codes = ucurr_openISOCurrencies(UCURR_ALL, &status)) {
    int32_t len = 0;
    while (const char* code = uenum_next(codes, &len, &status)) impl->currencies.emplace(code, len);
    uenum_close(codes);
  }
  impl->gazetteer = std::move(*gazetteer);
  return std::unique_ptr<EntityExtractor>(new EntityExtractor(std::move(impl)));
}

std::string EntityExtractor::GazetteerText() const {
  std::ostringstream out;
  for (const auto& p : impl_->gazetteer.places()) {
    out << p.canonical << '\t' << p.kind << '\t' << p.code;
    for (const auto& n : p.names) out << '\t' << n;
    out << '\n';
  }
  return out.str();
}

std::vector<Entity> EntityExtractor::Extract(const Article& article, Analysis* analysis_out) {
  Impl& m = *impl_;
  const std::string_view text = article.text;
  Analysis own;
  Analysis& a = analysis_out != nullptr ? *analysis_out : own;
  a = m.analyzer->Analyze(article);
  const auto& tok = a.tokens;
  const size_t n = tok.size();
  auto str = [&](size_t i, size_t j) {  // tokens [i, j); empty when j <= i
    return j <= i ? std::string_view() : text.substr(tok[i].begin, tok[j - 1].end - tok[i].begin);
  };
  // The lookup key of tokens [i, j): their normalized lowercase forms with the text between
  // them (what Impl::Key makes of the same text, without running ICU again).
  std::string key_buf;
  auto key = [&](size_t i, size_t j) -> const std::string& {
    key_buf.clear();
    for (size_t k = i; k < j; ++k) {
      if (k > i) key_buf.append(text.substr(tok[k - 1].end, tok[k].begin - tok[k - 1].end));
      key_buf.append(tok[k].norm.empty() ? text.substr(tok[k].begin, tok[k].end - tok[k].begin)
                                         : std::string_view(tok[k].norm));
    }
    return key_buf;
  };
  std::vector<uint32_t> sentence(n, 0), word(n, 0);
  for (size_t s = 0, i = 0; s < a.sentences.size(); ++s) {
    while (i < n && tok[i].begin < a.sentences[s].end) sentence[i++] = static_cast<uint32_t>(s);
  }
  for (size_t w = 0; w < a.words.size(); ++w) {
    for (uint32_t k = 0; k < a.words[w].token_count; ++k) word[a.words[w].first_token + k] = static_cast<uint32_t>(w);
  }
  auto is_word = [&](size_t i) {
    return tok[i].kind == TokenKind::kSyllable || tok[i].kind == TokenKind::kForeign;
  };
  auto upper = [&](size_t i) { return is_word(i) && Impl::Upper(str(i, i + 1)); };
  auto word_end = [&](size_t i) {  // one past the last token of token i's word
    const Word& w = a.words[word[i]];
    return static_cast<size_t>(w.first_token + w.token_count);
  };
  // The key of the words before token i (up to `count` words back), for cues.
  auto key_before = [&](size_t i, size_t words) -> std::string {
    if (i == 0) return "";
    size_t w = word[i - 1];
    if (w + 1 < words) return "";
    const Word& first = a.words[w + 1 - words];
    if (sentence[first.first_token] != sentence[i - 1]) return "";
    return key(first.first_token, i);
  };
  auto cue_before = [&](size_t i, const std::set<std::string>& set) {
    for (size_t words = 1; words <= 3; ++words) {
      if (set.count(key_before(i, words))) return words;
    }
    return size_t{0};
  };

  std::vector<Entity> out;
  std::vector<uint8_t> used(n, 0);
  auto emit = [&](size_t i, size_t j, EntityType type, std::string canonical) {
    Entity e;
    e.begin = tok[i].begin;
    e.end = tok[j - 1].end;
    e.text.assign(str(i, j));
    e.type = type;
    e.canonical = canonical.empty() ? e.text : std::move(canonical);
    out.push_back(std::move(e));
    for (size_t k = i; k < j; ++k) used[k] = 1;
  };
  // 1. Places from the gazetteer: the longest span of tokens whose text is a name.
  for (size_t i = 0; i < n; ++i) {
    // Continents are written "châu Âu" as often as "Châu Âu".
    const bool continent = key(i, i + 1) == "châu" && i + 1 < n && upper(i + 1);
    if (used[i] || (!upper(i) && !continent) || cue_before(i, kHonorifics)) continue;
    size_t best = 0;
    const extract::Place* place = nullptr;
    for (size_t j = i + 1; j <= n && j <= i + 12 && sentence[j - 1] == sentence[i]; ++j) {
      // Names end where words end, or where a capitalized foreign name starts inside a word
      // ("Mỹ Donald Trump" may be one word to the segmenter).
      if (j < n && word[j] == word[j - 1] &&
          !(tok[j].kind == TokenKind::kForeign && tok[j - 1].kind == TokenKind::kSyllable && upper(j))) {
        continue;
      }
      if (const extract::Place* p = m.gazetteer.Find(key(i, j))) {
        best = j;
        place = p;
      }
    }
    if (place != nullptr) {
      emit(i, best, EntityType::kLocation, place->canonical);
      if (place->kind == "city") {
        if (const extract::Place* c = m.gazetteer.Country(place->code)) out.back().country = c->canonical;
      }
      i = best - 1;
    }
  }
  // 2. Organisations by their head words ("Bộ Ngoại giao", "Tổng lãnh sự quán Nga", "Điện
  // Kremlin"): the head, the capitalized words after it, and a country right after them.
  for (size_t i = 0; i < n; ++i) {
    if (used[i] || !upper(i)) continue;
    size_t head_end = 0;
    for (const std::string& head : kOrgHeads) {
      size_t tokens = 1;
      for (char ch : head) tokens += ch == ' ' ? 1 : 0;
      if (i + tokens <= n && sentence[i + tokens - 1] == sentence[i] && key(i, i + tokens) == head) {
        head_end = std::max(head_end, i + tokens);
      }
    }
    if (head_end == 0) continue;
    size_t j = head_end;
    while (j < n && !used[j] && sentence[j] == sentence[i] &&
           (upper(j) || (j > head_end && word[j] == word[j - 1] && is_word(j)))) {
      ++j;
    }
    // A country right after: "Bộ Ngoại giao Nga" is the Russian ministry.
    Entity* country = nullptr;
    for (Entity& e : out) {
      if (e.type == EntityType::kLocation && j < n && e.begin == tok[j].begin) country = &e;
    }
    // "Bộ" alone is no name; "Chính phủ" is.
    if (j == head_end && country == nullptr && !kStandaloneOrgs.count(key(i, head_end))) continue;
    std::string canonical(str(i, j));
    if (key(i, head_end) == "điện") canonical.assign(str(head_end, j));  // "Điện Kremlin"
    if (country != nullptr) {
      size_t end = j;
      while (end < n && tok[end].end <= country->end) ++end;
      canonical.append(text.substr(tok[j - 1].end, country->end - tok[j - 1].end));
      out.erase(out.begin() + (country - out.data()));
      j = end;
    }
    emit(i, j, EntityType::kOrganization, canonical);
    i = j - 1;
  }
  // The learned type of tokens [i, j), if any; never for acronyms that name nothing ("GDP").
  auto learned_type = [&](size_t i, size_t j) -> const EntityType* {
    const std::string span(str(i, j));
    if (kNotOrganisations.count(span) || m.currencies.count(span)) return nullptr;
    return m.names.Find(key(i, j));
  };
  // A full Vietnamese name: two to four capitalized syllables, the first a learned surname.
  auto vietnamese_name = [&](size_t i, size_t j) {
    if (j - i < 2 || j - i > 4 || !m.names.Surname(key(i, i + 1))) return false;
    for (size_t k = i; k < j; ++k) {
      if (tok[k].kind != TokenKind::kSyllable || !upper(k) || (k > i && tok[k].begin != tok[k - 1].end + 1)) {
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
      for (size_t e = word_end(s); e <= j && e > s; e = e < j ? word_end(e) : j + 1) {
        if (const EntityType* t = learned_type(s, e)) {
          best = e;
          type = t;
        }
      }
      if (type == nullptr) {
        s = word_end(s);
        continue;
      }
      emit(s, best, *type, "");
      s = best;
    }
  };
  // 3. Runs of capitalized words: titles split off, then acronyms, people, places, learned names.
  for (size_t i = 0; i < n;) {
    if (used[i] || !upper(i)) {
      ++i;
      continue;
    }
    size_t j = word_end(i);
    while (j < n && !used[j] && upper(j) && sentence[j] == sentence[i]) j = word_end(j);
    // Leading titles ("Tổng thống", "Phó Trợ lý Ngoại trưởng") are not the name.
    size_t start = i;
    bool titled = false;
    while (start < j) {  // an honorific at a sentence's start is capitalized too ("Ông …")
      size_t e = word_end(start);
      const std::string& k = key(start, e);
      if (!kTitles.count(k) && !kHonorifics.count(k)) break;
      titled = true;
      start = e;
    }
    const size_t run_end = j;
    if (start >= run_end) {
      i = run_end;
      continue;
    }
    const bool sentence_start = start == 0 || sentence[start - 1] != sentence[start];
    size_t foreign_from = run_end;  // the run's tail of foreign tokens
    while (foreign_from > start && tok[foreign_from - 1].kind == TokenKind::kForeign) --foreign_from;
    const bool person_cue = titled || cue_before(start, kHonorifics) > 0 || cue_before(start, kTitles) > 0;
    const std::string acronym(str(start, run_end));
    const bool one_acronym = run_end - start == 1 && Impl::Acronym(acronym);
    if (one_acronym && (kNotOrganisations.count(acronym) || m.currencies.count(acronym))) {
      // "GDP", "USD": no name
    } else if (one_acronym) {
      emit(start, run_end, EntityType::kOrganization, "");
    } else if (person_cue) {
      emit(start, run_end, EntityType::kPerson, "");
    } else if (const EntityType* learned = learned_type(start, run_end)) {
      emit(start, run_end, *learned, "");
    } else if (foreign_from == start && run_end - start >= 2) {
      emit(start, run_end, EntityType::kPerson, "");
    } else if (run_end - foreign_from >= 2) {  // "… châu Âu và Á-Âu Sonata Coulter"
      emit(foreign_from, run_end, EntityType::kPerson, "");
    } else if (vietnamese_name(start, run_end)) {
      emit(start, run_end, EntityType::kPerson, "");
    } else if (cue_before(start, kPlaceCues) && !sentence_start) {
      emit(start, run_end, EntityType::kLocation, "");
    } else {
      learned_inside(start, run_end);
    }
    i = run_end;
  }
  // Coordination: "Moskva và Washington" — a capitalized word joined by "và" to a place.
  std::sort(out.begin(), out.end(), [](const Entity& x, const Entity& y) { return x.begin < y.begin; });
  for (size_t i = 0; i + 2 < n; ++i) {
    if (key(i + 1, i + 2) != "và" || !upper(i + 2) || used[i + 2]) continue;
    bool place = false;
    for (const Entity& e : out) place = place || (e.type == EntityType::kLocation && e.end == tok[i].end);
    if (!place) continue;
    size_t j = word_end(i + 2);
    while (j < n && !used[j] && upper(j) && sentence[j] == sentence[i]) j = word_end(j);
    emit(i + 2, j, EntityType::kLocation, "");
  }
  // The byline: the article's author is a person where the text names them.
  if (!article.author.empty()) {
    size_t at = text.rfind(article.author);
    if (at != std::string_view::npos) {
      size_t i = 0;
      while (i < n && tok[i].begin < at) ++i;
      size_t j = i;
      while (j < n && tok[j].end <= at + article.author.size()) ++j;
      if (i < n && tok[i].begin == at && j > i && !used[i]) emit(i, j, EntityType::kPerson, "");
    }
  }
  // One name, one type in an article: a capitalized name found once ("Moskva và Washington")
  // is found again where no cue marks it ("Washington đã đề xuất …").
  {
    std::map<std::string, Entity> known;
    for (const Entity& e : out) known.emplace(e.text, e);
    for (size_t i = 0; i < n; ++i) {
      if (used[i] || !upper(i)) continue;
      for (size_t j = std::min(n, i + 6); j > i; --j) {
        if (j < n && word[j] == word[j - 1]) continue;
        auto it = known.find(std::string(str(i, j)));
        if (it == known.end() || sentence[j - 1] != sentence[i]) continue;
        bool free = true;
        for (size_t k = i; k < j; ++k) free = free && !used[k];
        if (!free) continue;
        Entity copy = it->second;
        emit(i, j, copy.type, copy.canonical);
        out.back().country = copy.country;
        i = j - 1;
        break;
      }
    }
  }
  // 4. A surname alone names the person named in full elsewhere in the article.
  std::map<std::string, std::string> full;  // last word (key) -> longest full name
  for (const Entity& e : out) {
    if (e.type != EntityType::kPerson) continue;
    std::string last = m.Key(e.text.substr(e.text.rfind(' ') == std::string::npos ? 0 : e.text.rfind(' ') + 1));
    if (full[last].size() < e.text.size()) full[last] = e.text;
  }
  for (size_t i = 0; i < n; ++i) {
    if (used[i] || !upper(i) || tok[i].kind != TokenKind::kForeign) continue;
    auto it = full.find(key(i, i + 1));
    if (it != full.end()) emit(i, i + 1, EntityType::kPerson, it->second);
  }
  for (Entity& e : out) {
    if (e.type != EntityType::kPerson) continue;
    std::string last = m.Key(e.text.substr(e.text.rfind(' ') == std::string::npos ? 0 : e.text.rfind(' ') + 1));
    e.canonical = full[last];
  }
  // 5. Roles: the titles, places and organisations right before a person ("Tổng thống Nga Vladimir Putin").
  std::sort(out.begin(), out.end(), [](const Entity& x, const Entity& y) { return x.begin < y.begin; });
  for (size_t k = 0; k < out.size(); ++k) {
    Entity& e = out[k];
    if (e.type != EntityType::kPerson) continue;
    size_t t = 0;
    while (t < n && tok[t].begin < e.begin) ++t;
    size_t first = t;
    while (first > 0 && sentence[first - 1] == sentence[t]) {
      size_t w = word[first - 1];
      size_t b = a.words[w].first_token;
      std::string k2 = key(b, first);
      // An entity ending right here (a country, a ministry) is part of the title.
      const Entity* named = nullptr;
      for (size_t q = k; q-- > 0;) {
        if (out[q].end == tok[first - 1].end && out[q].type != EntityType::kPerson) named = &out[q];
        if (out[q].end < tok[first - 1].end) break;
      }
      if (named != nullptr) {
        while (first > 0 && tok[first - 1].begin >= named->begin) --first;
        continue;
      }
      if (!kTitles.count(k2)) break;
      first = b;
    }
    // A role starts with a title ("Tổng thống Mỹ"), not with a place alone ("Á-Âu").
    if (first < t && kTitles.count(key(first, word_end(first)))) {
      e.role.assign(str(first, t));
      e.role_begin = tok[first].begin;
      e.role_end = tok[t - 1].end;
    }
    size_t after = t;
    while (after < n && tok[after].end <= e.end) ++after;
    // After: "ông Alexander Gusarov, Vụ trưởng Vụ … thuộc Bộ Ngoại giao Nga, cho biết".
    if (e.role.empty() && after + 1 < n && str(after, after + 1) == "," &&
        kTitles.count(key(after + 1, word_end(after + 1)))) {
      size_t j = after + 1;
      while (j < n && sentence[j] == sentence[after] && is_word(j) &&
             (upper(j) || word[j] == word[j - 1] || OneOfKey(key(j, j + 1)))) {
        j = word_end(j);
      }
      if (j > word_end(after + 1)) {
        e.role.assign(str(after + 1, j));
        e.role_begin = tok[after + 1].begin;
        e.role_end = tok[j - 1].end;
      }
    }
    // Before: "Người phát ngôn Bộ Ngoại giao Nga, bà Maria Zakharova".
    size_t h = first;
    if (e.role.empty() && h >= 2 && kHonorifics.count(key(h - 1, h)) && str(h - 2, h - 1) == ",") {
      size_t b = h - 2;
      while (b > 0 && sentence[b - 1] == sentence[h - 2] && str(b - 1, b) != ",") --b;
      if (b < h - 2 && kTitles.count(key(b, word_end(b)))) {
        e.role.assign(str(b, h - 2));
        e.role_begin = tok[b].begin;
        e.role_end = tok[h - 3].end;
      }
    }
  }
  return out;
}

}  // namespace bantin
