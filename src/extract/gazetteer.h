// Gazetteer: place names built from data Debian ships, not typed by hand — ICU's country
// names (Vietnamese and English) and time-zone cities (Vietnamese, English, and the city's own
// name romanized: Москва -> "Moskva"), and iso-codes' Vietnamese country names (US -> "Mỹ")
// when the iso-codes package is installed — plus a short hand-written table of the names
// Vietnamese news gives places that those lack ("TP.HCM"). `bantin gazetteer` prints it.
// Thread safety: a built Gazetteer is immutable.
#ifndef BANTIN_EXTRACT_GAZETTEER_H_
#define BANTIN_EXTRACT_GAZETTEER_H_

#include <map>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/status.h"

namespace bantin::extract {

class NameLexicon;

struct Place {
  // The name people read: the one Vietnamese news writes most — of its names, the one the
  // name lexicon (names.h) saw typed a place in most articles ("Mỹ" 12,808 over "Hoa Kỳ" 567,
  // "Moskva" 460 over "Mát-xcơ-va" 12, "Ukraine" 562 over "Ukraina" 36). A place the lexicon
  // does not know takes its Vietnamese name (ICU's or iso-codes') of fewest words, ICU's on a
  // tie, or the English one where there is none. The place aliases table has the last word
  // where it names the place ("Anh", "TP.HCM", "Moskva").
  std::string canonical;
  std::string english;             // ICU's English name ("United States", "Moscow")
  std::string kind;                // "country", "region", "province" or "city"
  std::string code;                // ISO 3166 alpha-2 (the city's country for cities)
  std::vector<std::string> names;  // every name found, as written, the canonical first
  std::vector<std::string> vietnamese;  // of those, the Vietnamese ones (ICU's first)
  // More names from the place aliases (data/lexicons/place-aliases.tsv): they find the place
  // by name (Canonicalizer) but are not looked for in text (Find).
  std::vector<std::string> aliases;
};

class Gazetteer {
 public:
  // The places this machine's ICU and iso-codes name (canonical names not chosen yet).
  // `iso_codes_dir`: where iso-codes keeps its JSON (its .mo files are found under
  // `locale_dir`); missing is fine (fewer names), damaged is an error.
  static Result<std::vector<Place>> FromSystem(const std::string& iso_codes_dir = "/usr/share/iso-codes/json",
                                               const std::string& locale_dir = "/usr/share/locale");
  // The frozen gazetteer (docs/format.md "Gazetteer"): `places` as text, and back (errors
  // naming `source` and the line). data/lexicons/gazetteer.tsv is this, linked into the
  // binary, so that every machine finds and names places alike.
  static std::string Freeze(const std::vector<Place>& places);
  static Result<std::vector<Place>> Thaw(std::string_view text, std::string_view source);
  // The gazetteer of `places`, canonical names chosen. `usage`: how often news writes each
  // name; none: by words alone. `aliases`: a place aliases table (docs/format.md "Place
  // aliases"), errors naming `aliases_source` and the line.
  static Result<Gazetteer> Build(std::vector<Place> places, const NameLexicon* usage = nullptr,
                                 std::string_view aliases = {}, std::string_view aliases_source = {});
  const std::vector<Place>& places() const { return places_; }
  // The place a name (normalized, lowercase: "mát-xcơ-va") stands for, or nullptr.
  const Place* Find(const std::string& lowercase_name) const;
  // The same for the places' aliases ("tp.hcm").
  const Place* FindAlias(const std::string& lowercase_name) const;
  // The place whose canonical name is `canonical` (exactly), or nullptr.
  const Place* Named(const std::string& canonical) const;
  // The country with ISO code `code`, or nullptr.
  const Place* Country(const std::string& code) const;

 private:
  std::vector<Place> places_;
  std::unordered_map<std::string, size_t> by_name_;  // lowercase normalized name -> index
  std::unordered_map<std::string, size_t> by_alias_;  // the same for aliases
  std::unordered_map<std::string, size_t> by_code_;  // country code -> index
  std::unordered_map<std::string, size_t> by_canonical_;
};

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_GAZETTEER_H_
