#include "extract/gazetteer.h"

#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/timezone.h>
#include <unicode/translit.h>
#include <unicode/tznames.h>
#include <unicode/unistr.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/coding.h"
#include "text/normalizer.h"

namespace bantin::extract {
namespace {

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

Result<Gazetteer> Gazetteer::Build(const std::string& iso_codes_dir, const std::string& locale_dir) {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto key = [&](const std::string& name) {
    std::string out;
    icu::UnicodeString::fromUTF8((*normalizer)->Normalize(name)).toLower(icu::Locale("vi")).toUTF8String(out);
    return out;
  };
  Gazetteer g;
  std::map<std::string, size_t> by_code;  // country code -> place index
  auto add_name = [&](size_t place, const std::string& name) {
    if (name.empty()) return;
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
    by_code[*c] = g.places_.size();
    g.places_.push_back({english, "country", *c, {}});
    add_name(g.places_.size() - 1, Utf8(icu::Locale("", *c).getDisplayCountry(vi, a)));
    add_name(g.places_.size() - 1, english);
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
        g.places_.push_back({english, "region", code, {}});
        add_name(g.places_.size() - 1, Utf8(icu::Locale("", code).getDisplayCountry(vi, a)));
        add_name(g.places_.size() - 1, english);
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
          if (tr != mo->end()) add_name(it->second, tr->second);
        }
      }
    }
  }
  // Vietnam's provinces and cities (iso-codes' ISO 3166-2, names as Vietnamese writes them):
  // "An Giang", "Hà Nội". Other countries' subdivisions are left out: their names are in their
  // own languages, rarely how Vietnamese news writes them.
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
        g.places_.push_back({name, "province", "VN", {}});
        add_name(g.places_.size() - 1, name);
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
    g.places_.push_back({english, "city", region, {}});
    const size_t place = g.places_.size() - 1;
    add_name(place, Utf8(vi_names->getExemplarLocationName(*zone, v)));
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
  g.by_code_ = by_code;
  for (size_t i = 0; i < g.places_.size(); ++i) {
    for (const std::string& n : g.places_[i].names) {
      // Countries first: a country's name wins over a city's of the same spelling.
      g.by_name_.emplace(key(n), i);
    }
  }
  return g;
}

const Place* Gazetteer::Country(const std::string& code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &places_[it->second];
}

const Place* Gazetteer::Find(const std::string& lowercase_name) const {
  auto it = by_name_.find(lowercase_name);
  return it == by_name_.end() ? nullptr : &places_[it->second];
}

}  // namespace bantin::extract
