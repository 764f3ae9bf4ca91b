#include "extract/gazetteer.h"

#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/timezone.h>
#include <unicode/translit.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>
#include <unicode/uvernum.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/coding.h"
#include "base/table_text.h"
#include "extract/names.h"
#include "text/normalizer.h"

namespace bantin::extract {
namespace {

constexpr std::string_view kFrozenHeader = "# bantin gazetteer 1";

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// A gettext .mo file: original -> translation (format: GNU gettext manual, "MO Files").
Result<std::unordered_map<std::string, std::string>> ReadMo(const std::string& path) {
  std::unordered_map<std::string, std::string> out;
  std::ifstream f(path, std::ios::binary);
  if (!f) return out;  // not installed: no names from it
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string bytes = ss.str();
  auto bad = [&] { return Err(Status::Corruption(path, "not a gettext .mo file")); };
  if (bytes.size() < 20 || DecodeFixed32(bytes.data()) != 0x950412de) return bad();
  const uint32_t n = DecodeFixed32(bytes.data() + 8), originals = DecodeFixed32(bytes.data() + 12),
                 translations = DecodeFixed32(bytes.data() + 16);
  auto at = [&](uint32_t table, uint32_t i, std::string* s) {
    uint64_t entry = uint64_t{table} + 8ull * i;
    if (entry + 8 > bytes.size()) return false;
    uint32_t len = DecodeFixed32(bytes.data() + entry), off = DecodeFixed32(bytes.data() + entry + 4);
    if (uint64_t{off} + len > bytes.size()) return false;
    s->assign(bytes, off, len);
    return true;
  };
  for (uint32_t i = 0; i < n; ++i) {
    std::string a, b;
    if (!at(originals, i, &a) || !at(translations, i, &b)) return bad();
    if (!a.empty() && !b.empty()) out.emplace(std::move(a), std::move(b));
  }
  return out;
}

}  // namespace

Result<std::vector<Place>> Gazetteer::FromSystem(const std::string& iso_codes_dir, const std::string& locale_dir) {
  Gazetteer g;
  std::map<std::string, size_t> by_code;  // country code -> place index
  auto add_place = [&](std::string english, const char* kind, std::string code) {
    g.places_.push_back({"", english, kind, std::move(code), {}, {}, {}});
    return g.places_.size() - 1;
  };
  auto add_name = [&](size_t place, const std::string& name, bool is_vietnamese = false) {
    if (name.empty()) return;
    if (is_vietnamese) g.places_[place].vietnamese.push_back(name);
    auto& names = g.places_[place].names;
    for (const std::string& n : names) {
      if (n == name) return;
    }
    names.push_back(name);
  };
  const icu::Locale vi("vi"), en("en");
  for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
    icu::UnicodeString a, b;
    std::string english = Utf8(icu::Locale("", *c).getDisplayCountry(en, b));
    if (english.empty() || english == *c) continue;
    const size_t place = add_place(english, "country", *c);
    by_code[*c] = place;
    add_name(place, Utf8(icu::Locale("", *c).getDisplayCountry(vi, a)), true);
    add_name(place, english);
  }
  // Continents and their parts (UN M.49 through ICU): "Châu Âu", "Đông Nam Á".
  {
    UErrorCode st = U_ZERO_ERROR;
    for (URegionType type : {URGN_CONTINENT, URGN_SUBCONTINENT}) {
      std::unique_ptr<icu::StringEnumeration> regions(icu::Region::getAvailable(type, st));
      if (U_FAILURE(st) || !regions) continue;
      while (const char* code = regions->next(nullptr, st)) {
        icu::UnicodeString a, b;
        std::string english = Utf8(icu::Locale("", code).getDisplayCountry(en, b));
        const size_t place = add_place(english, "region", code);
        add_name(place, Utf8(icu::Locale("", code).getDisplayCountry(vi, a)), true);
        add_name(place, english);
      }
    }
  }
  // iso-codes: English names (official, common) and their Vietnamese translations.
  {
    std::ifstream f(iso_codes_dir + "/iso_3166-1.json");
    if (f) {
      auto mo = ReadMo(locale_dir + "/vi/LC_MESSAGES/iso_3166-1.mo");
      if (!mo) return Err(mo.error());
      nlohmann::json j = nlohmann::json::parse(f, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.contains("3166-1")) {
        return Err(Status::Corruption(iso_codes_dir + "/iso_3166-1.json", "not iso-codes' country list"));
      }
      for (const auto& e : j["3166-1"]) {
        auto it = by_code.find(e.value("alpha_2", ""));
        if (it == by_code.end()) continue;
        for (const char* field : {"name", "official_name", "common_name"}) {
          std::string name = e.value(field, "");
          if (name.empty()) continue;
          add_name(it->second, name);
          auto tr = mo->find(name);
          if (tr != mo->end()) add_name(it->second, tr->second, true);
        }
      }
    }
  }
  // Vietnam's provinces and cities (iso-codes' ISO 3166-2, names as Vietnamese writes them):
  // "An Giang", "Hà Nội". Other countries' subdivisions are left out: their names are in their
  // own languages, rarely how Vietnamese news writes them.
  std::map<std::string, size_t> provinces;  // name -> place
  {
    std::ifstream f(iso_codes_dir + "/iso_3166-2.json");
    if (f) {
      nlohmann::json j = nlohmann::json::parse(f, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.contains("3166-2")) {
        return Err(Status::Corruption(iso_codes_dir + "/iso_3166-2.json", "not iso-codes' subdivision list"));
      }
      for (const auto& e : j["3166-2"]) {
        const std::string code = e.value("code", "");
        const std::string name = e.value("name", "");
        if (code.rfind("VN-", 0) != 0 || name.empty()) continue;
        provinces[name] = add_place(name, "province", "VN");
        add_name(provinces[name], name, true);
      }
    }
  }
  // Cities: ICU's exemplar city of each time zone, in Vietnamese, English and (romanized) the
  // language of its country.
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZoneNames> vi_names(icu::TimeZoneNames::createInstance(vi, status));
  std::unique_ptr<icu::TimeZoneNames> en_names(icu::TimeZoneNames::createInstance(en, status));
  std::unique_ptr<icu::Transliterator> latin(
      icu::Transliterator::createInstance("Any-Latin; NFC", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) return Err(Status::IOError("ICU data", u_errorName(status)));
  std::unique_ptr<icu::StringEnumeration> zones(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
  if (U_FAILURE(status)) return Err(Status::IOError("ICU data", u_errorName(status)));
  std::set<std::string> seen;
  std::map<std::string, std::unique_ptr<icu::TimeZoneNames>> own_names;  // by locale
  while (const icu::UnicodeString* zone = zones->snext(status)) {
    if (U_FAILURE(status)) break;
    char region[8] = {0};
    UErrorCode st = U_ZERO_ERROR;
    icu::TimeZone::getRegion(*zone, region, sizeof region, st);
    if (U_FAILURE(st) || std::strlen(region) != 2) continue;
    icu::UnicodeString e, v, local;
    std::string english = Utf8(en_names->getExemplarLocationName(*zone, e));
    if (english.empty() || !seen.insert(english + "/" + region).second) continue;
    // A Vietnamese city that is a province too ("TP Hồ Chí Minh", province "Hồ Chí Minh") is
    // one place: the province, with the city's names.
    const std::string vietnamese_name = Utf8(vi_names->getExemplarLocationName(*zone, v));
    auto province = provinces.find(vietnamese_name.starts_with("TP ") ? vietnamese_name.substr(3) : vietnamese_name);
    const size_t place = std::strcmp(region, "VN") == 0 && province != provinces.end()
                             ? province->second
                             : add_place(english, "city", region);
    add_name(place, vietnamese_name, true);
    add_name(place, english);
    icu::Locale likely("und", region);
    likely.addLikelySubtags(st);
    auto& own = own_names[likely.getName()];
    if (!own) own.reset(icu::TimeZoneNames::createInstance(likely, st));
    if (U_SUCCESS(st) && own) {
      own->getExemplarLocationName(*zone, local);
      latin->transliterate(local);
      add_name(place, Utf8(local));
    }
  }
  return std::move(g.places_);
}

std::string Gazetteer::Freeze(const std::vector<Place>& places) {
  std::string out = std::string(kFrozenHeader) + "\n# from ICU " U_ICU_VERSION " and iso-codes\n";
  for (const Place& p : places) {
    out += p.kind + '\t' + p.code + '\t' + p.english;
    for (const std::string& name : p.names) {
      const bool vietnamese = std::find(p.vietnamese.begin(), p.vietnamese.end(), name) != p.vietnamese.end();
      out += '\t' + std::string(vietnamese ? "*" : "") + name;
    }
    out += '\n';
  }
  return out;
}

Result<std::vector<Place>> Gazetteer::Thaw(std::string_view text, std::string_view source) {
  std::vector<Place> places;
  Status s = ForEachTableLine(text, source, kFrozenHeader, [&](std::string_view line) -> std::string {
    if (line.starts_with('#')) return "";  // where it came from
    auto f = TabFields(line);
    if (f.size() < 4 || f[0].empty() || f[2].empty()) return "expected \"kind<TAB>code<TAB>English name<TAB>name...\"";
    Place p{"", std::string(f[2]), std::string(f[0]), std::string(f[1]), {}, {}, {}};
    for (size_t k = 3; k < f.size(); ++k) {
      const bool vietnamese = f[k].starts_with('*');
      std::string name(f[k].substr(vietnamese ? 1 : 0));
      if (name.empty()) return "an empty name";
      if (vietnamese) p.vietnamese.push_back(name);
      p.names.push_back(std::move(name));
    }
    places.push_back(std::move(p));
    return "";
  });
  if (!s.ok()) return Err(s);
  return places;
}

Result<Gazetteer> Gazetteer::Build(std::vector<Place> places, const NameLexicon* usage,
                                   std::string_view aliases, std::string_view aliases_source) {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto key = [&](const std::string& name) {
    std::string out;
    icu::UnicodeString::fromUTF8((*normalizer)->Normalize(name)).toLower(icu::Locale("vi")).toUTF8String(out);
    return out;
  };
  Gazetteer g;
  g.places_ = std::move(places);
  // The canonical name. Of the Vietnamese names (countries have several: ICU's, iso-codes'
  // translations of the official and common English names), the one news writes most as a
  // place in at least kCommon articles ("Mỹ" over "Hoa Kỳ", "Nhật Bản"), else the one of
  // fewest words, ICU's on a tie ("Pháp", not "Cộng hoà Pháp": the lexicon leaves out names
  // that are common words too — "chủ nhật", "pháp luật" — so a missing count is no evidence).
  // Then another name (English, the city's own) where news writes it more often than that
  // counted Vietnamese name ("Ukraine" over "Ukraina"); an uncounted one stands.
  constexpr uint32_t kCommon = 100;
  auto words = [](const std::string& s) { return std::count(s.begin(), s.end(), ' ') + 1; };
  auto articles = [&](const std::string& name) -> uint32_t {
    const EntityType* type = usage == nullptr ? nullptr : usage->Find(key(name));
    return type != nullptr && *type == EntityType::kLocation ? usage->Articles(key(name)) : 0;
  };
  for (size_t i = 0; i < g.places_.size(); ++i) {
    Place& p = g.places_[i];
    uint32_t most = kCommon - 1;
    for (const std::string& v : p.vietnamese) {
      if (uint32_t n = articles(v); n > most) {
        p.canonical = v;
        most = n;
      }
    }
    for (const std::string& v : p.vietnamese) {
      if (most >= kCommon) break;
      if (p.canonical.empty() || words(v) < words(p.canonical)) p.canonical = v;
    }
    most = p.canonical.empty() ? 0 : articles(p.canonical);
    for (const std::string& name : p.names) {
      if (most == 0) break;
      if (uint32_t n = articles(name); n > most) {
        most = n;
        p.canonical = name;
      }
    }
    if (p.canonical.empty()) p.canonical = p.english;
  }
  for (size_t i = 0; i < g.places_.size(); ++i) {
    if (g.places_[i].kind == "country") g.by_code_.emplace(g.places_[i].code, i);
    for (const std::string& n : g.places_[i].names) {
      // Countries first: a country's name wins over a city's of the same spelling.
      g.by_name_.emplace(key(n), i);
    }
  }
  // The hand-written aliases: the canonical name to show, a name the gazetteer knows, more.
  std::set<size_t> renamed;
  Status s = aliases.empty() ? Status::OK() : ForEachTableLine(aliases, aliases_source, "# bantin place aliases 1",
      [&](std::string_view line) -> std::string {
    if (line.starts_with('#')) return "";  // a comment: the file is written by hand
    auto f = TabFields(line);
    if (f.size() < 2 || f[0].empty()) return "expected \"canonical<TAB>known name[<TAB>alias...]\"";
    auto it = g.by_name_.find(key(std::string(f[1])));
    if (it == g.by_name_.end()) return "";  // not in this system's ICU or iso-codes: nothing to name
    if (!renamed.insert(it->second).second) return "a second line for the place of \"" + std::string(f[1]) + "\"";
    Place& p = g.places_[it->second];
    p.canonical = std::string(f[0]);
    for (size_t k = 0; k < f.size(); ++k) {
      std::string name(f[k]);
      if (name.empty() || std::find(p.names.begin(), p.names.end(), name) != p.names.end() ||
          std::find(p.aliases.begin(), p.aliases.end(), name) != p.aliases.end()) {
        continue;
      }
      p.aliases.push_back(name);
      g.by_alias_.emplace(key(name), it->second);
    }
    return "";
  });
  if (!s.ok()) return Err(s);
  for (size_t i = 0; i < g.places_.size(); ++i) {
    Place& p = g.places_[i];
    auto it = std::find(p.names.begin(), p.names.end(), p.canonical);
    if (it != p.names.end()) std::rotate(p.names.begin(), it, it + 1);
    g.by_canonical_.emplace(p.canonical, i);
  }
  return g;
}

const Place* Gazetteer::Country(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &places_[it->second];
}

const Place* Gazetteer::Named(const std::string& canonical) const {
  auto it = by_canonical_.find(canonical);
  return it == by_canonical_.end() ? nullptr : &places_[it->second];
}

const Place* Gazetteer::FindAlias(const std::string& lowercase_name) const {
  auto it = by_alias_.find(lowercase_name);
  return it == by_alias_.end() ? nullptr : &places_[it->second];
}

const Place* Gazetteer::Find(const std::string& lowercase_name) const {
  auto it = by_name_.find(lowercase_name);
  return it == by_name_.end() ? nullptr : &places_[it->second];
}

}  // namespace bantin::extract
