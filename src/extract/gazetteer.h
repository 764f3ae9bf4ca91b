// Gazetteer: place names built from data Debian ships, not typed by hand — ICU's country
// names (Vietnamese and English) and time-zone cities (Vietnamese, English, and the city's own
// name romanized: Москва -> "Moskva"), and iso-codes' Vietnamese country names (US -> "Mỹ")
// when the iso-codes package is installed. `bantin gazetteer` prints it.
// Thread safety: a built Gazetteer is immutable.
#ifndef BANTIN_EXTRACT_GAZETTEER_H_
#define BANTIN_EXTRACT_GAZETTEER_H_

#include <map>
#include <string>
#include <vector>

#include "bantin/status.h"

namespace bantin::extract {

struct Place {
  std::string canonical;           // English name ("United States", "Moscow")
  std::string kind;                // "country" or "city"
  std::string code;                // ISO 3166 alpha-2 (the city's country for cities)
  std::vector<std::string> names;  // every name found, as written
};

class Gazetteer {
 public:
  // `iso_codes_dir`: where iso-codes keeps its JSON (its .mo files are found under
  // /usr/share/locale); missing is fine (fewer names), damaged is an error.
  static Result<Gazetteer> Build(const std::string& iso_codes_dir = "/usr/share/iso-codes/json",
                                 const std::string& locale_dir = "/usr/share/locale");
  const std::vector<Place>& places() const { return places_; }
  // The place a name (normalized, lowercase: "mát-xcơ-va") stands for, or nullptr.
  const Place* Find(const std::string& lowercase_name) const;
  // The country with ISO code `code`, or nullptr.
  const Place* Country(const std::string& code) const;

 private:
  std::vector<Place> places_;
  std::map<std::string, size_t> by_name_;  // lowercase normalized name -> index
  std::map<std::string, size_t> by_code_;  // country code -> index
};

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_GAZETTEER_H_
