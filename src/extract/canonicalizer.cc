// Canonicalizer: the one place that decides what an entity is called (see bantin/extract.h).
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

#include "base/table_text.h"
#include "bantin/extract.h"
#include "extract/entity_cues.h"
#include "extract/gazetteer.h"
#include "extract/names.h"
#include "text/normalizer.h"

// The bytes of data/lexicons/place-aliases.tsv and data/lexicons/gazetteer.tsv, linked in by
// builtin_place_aliases.S and builtin_gazetteer.S.
extern "C" const char bantin_place_aliases_model_begin[];
extern "C" const char bantin_place_aliases_model_end[];
extern "C" const char bantin_gazetteer_model_begin[];
extern "C" const char bantin_gazetteer_model_end[];
// data/lexicons/english-names.tsv, by builtin_english_names.S.
extern "C" const char bantin_english_names_model_begin[];
extern "C" const char bantin_english_names_model_end[];

namespace bantin {

struct Canonicalizer::Impl {
  extract::Gazetteer gazetteer;
  std::unique_ptr<text::Normalizer> normalizer;
  // Folded name -> the place it names; a folded name two places share maps to nullptr.
  std::map<std::string, const extract::Place*> by_folded;
  // The English-names lexicon: exact key (NameKeys) of a Vietnamese name -> its English name.
  std::map<std::string, std::string> english;
};

namespace {

Status ParseEnglishNames(std::string_view text, const text::Normalizer& normalizer,
                         std::map<std::string, std::string>* out) {
  return ForEachTableLine(text, "built-in English names", "# bantin english names 1",
                          [&](std::string_view line) -> std::string {
    if (line.starts_with('#')) return "";
    auto f = TabFields(line);
    if (f.size() != 2 || f[0].empty() || f[1].empty()) return "expected \"Vietnamese name<TAB>English name\"";
    std::string exact, folded;
    normalizer.NameKeys(f[0], &exact, &folded);
    if (!out->emplace(exact, std::string(f[1])).second) return "\"" + std::string(f[0]) + "\" twice";
    return "";
  });
}

// A place's canonical name, then its other names and aliases.
std::vector<std::string> NamesOf(const extract::Place& p) {
  std::vector<std::string> out = {p.canonical};
  for (const auto* list : {&p.names, &p.aliases}) {
    for (const std::string& name : *list) {
      if (name != p.canonical) out.push_back(name);
    }
  }
  return out;
}

}  // namespace

Canonicalizer::Canonicalizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Canonicalizer::~Canonicalizer() = default;

Result<std::shared_ptr<const Canonicalizer>> Canonicalizer::Shared() {
  static std::once_flag once;
  static Result<std::shared_ptr<const Canonicalizer>> shared = Err(Status::Unsupported("", ""));
  std::call_once(once, [] {
    auto impl = std::make_unique<Impl>();
    auto normalizer = text::Normalizer::Create();
    if (!normalizer) {
      shared = Err(normalizer.error());
      return;
    }
    impl->normalizer = std::move(*normalizer);
    const std::string_view english(bantin_english_names_model_begin,
                                   static_cast<size_t>(bantin_english_names_model_end - bantin_english_names_model_begin));
    if (Status s = ParseEnglishNames(english, *impl->normalizer, &impl->english); !s.ok()) {
      shared = Err(s);
      return;
    }
    auto usage = extract::NameLexicon::Builtin();
    if (!usage) {
      shared = Err(usage.error());
      return;
    }
    const std::string_view aliases(
        bantin_place_aliases_model_begin,
        static_cast<size_t>(bantin_place_aliases_model_end - bantin_place_aliases_model_begin));
    // The frozen gazetteer; this machine's ICU and iso-codes only while there is none
    // (bootstrapping `make gazetteer-data`).
    const std::string_view frozen(bantin_gazetteer_model_begin,
                                  static_cast<size_t>(bantin_gazetteer_model_end - bantin_gazetteer_model_begin));
    auto places = frozen.empty() ? extract::Gazetteer::FromSystem()
                                 : extract::Gazetteer::Thaw(frozen, "built-in gazetteer");
    if (!places) {
      shared = Err(places.error());
      return;
    }
    auto gazetteer = extract::Gazetteer::Build(std::move(*places), &*usage, aliases, "built-in place aliases");
    if (!gazetteer) {
      shared = Err(gazetteer.error());
      return;
    }
    impl->gazetteer = std::move(*gazetteer);
    std::string exact, folded;
    for (const extract::Place& p : impl->gazetteer.places()) {
      for (const std::string& name : NamesOf(p)) {
        impl->normalizer->NameKeys(name, &exact, &folded);
        auto [it, added] = impl->by_folded.emplace(folded, &p);
        if (!added && it->second != &p) it->second = nullptr;
      }
    }
    shared = std::shared_ptr<const Canonicalizer>(new Canonicalizer(std::move(impl)));
  });
  return shared;
}

const extract::Gazetteer& Canonicalizer::gazetteer() const { return impl_->gazetteer; }

std::string Canonicalizer::Place(std::string_view name) const {
  std::string exact, folded;
  impl_->normalizer->NameKeys(name, &exact, &folded);
  if (const extract::Place* p = impl_->gazetteer.Find(exact)) return p->canonical;
  if (const extract::Place* p = impl_->gazetteer.FindAlias(exact)) return p->canonical;
  auto it = impl_->by_folded.find(folded);
  return it != impl_->by_folded.end() && it->second != nullptr ? it->second->canonical : "";
}

std::string Canonicalizer::Country(std::string_view code) const {
  const extract::Place* p = impl_->gazetteer.Country(std::string(code));
  return p == nullptr ? "" : p->canonical;
}

std::string Canonicalizer::CountryOf(std::string_view canonical) const {
  const extract::Place* p = impl_->gazetteer.Named(std::string(canonical));
  return p == nullptr || p->kind != "city" ? "" : Country(p->code);
}

std::string Canonicalizer::English(std::string_view canonical) const {
  const text::Normalizer& n = *impl_->normalizer;
  // Without diacritics, case kept: each letter folded alone, made upper case again if it was.
  auto ascii = [&](std::string_view s) {
    std::string out;
    const std::string norm = n.Normalize(s);
    for (size_t i = 0; i < norm.size();) {
      UChar32 cp;
      const size_t at = i;
      U8_NEXT(norm.data(), i, norm.size(), cp);
      const std::string_view one(norm.data() + at, i - at);
      if (cp < 0x80 || cp < 0) {
        out += one;
        continue;
      }
      std::string folded = n.Fold(one);
      if (u_isupper(cp)) {
        for (char& c : folded) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      out += folded;
    }
    return out;
  };
  auto place_english = [&](std::string_view name) -> std::string {
    const std::string place = Place(name);
    const extract::Place* p = place.empty() ? nullptr : impl_->gazetteer.Named(place);
    return p == nullptr ? "" : p->english;
  };
  if (std::string place = place_english(canonical); !place.empty()) return ascii(place);
  std::string exact, folded;
  n.NameKeys(canonical, &exact, &folded);
  if (auto it = impl_->english.find(exact); it != impl_->english.end()) return it->second;
  // The longest lexicon name that starts `canonical` at a word's start, a place after it.
  for (size_t cut = exact.size(); cut > 0; --cut) {
    cut = exact.rfind(' ', cut - 1);
    if (cut == std::string::npos || cut == 0) break;
    auto it = impl_->english.find(exact.substr(0, cut));
    if (it == impl_->english.end()) continue;
    std::string rest = exact.substr(cut + 1);
    for (const std::string& w : extract::AdminWords()) {  // "tỉnh Quảng Nam": "Quảng Nam"
      if (rest.size() > w.size() && rest.compare(0, w.size() + 1, w + " ") == 0) {
        rest = rest.substr(w.size() + 1);
        break;
      }
    }
    // The rest as the text wrote it, for a place the gazetteer may not hold: a name, capitalized
    // ("tỉnh Quảng Nam"; not "UBND xã").
    const std::string tail = std::string(canonical.substr(canonical.size() - std::min(canonical.size(), rest.size())));
    std::string place = place_english(rest);
    const std::string tail_ascii = ascii(tail);
    if (place.empty() && !tail_ascii.empty() && std::isupper(static_cast<unsigned char>(tail_ascii[0])) &&
        n.Fold(tail) == n.Fold(rest)) {
      place = tail;
    }
    if (!place.empty()) return ascii(place) + " " + it->second;
  }
  return ascii(canonical);
}

std::string Canonicalizer::CountryCode(std::string_view canonical) const {
  const extract::Place* p = impl_->gazetteer.Named(std::string(canonical));
  if (p == nullptr || (p->kind != "country" && p->kind != "city") || p->code.size() != 2) return "";
  const char* iso3 = icu::Locale("", p->code.c_str()).getISO3Country();
  return iso3 == nullptr ? "" : iso3;
}

std::vector<std::string> Canonicalizer::Names(std::string_view canonical) const {
  const extract::Place* p = impl_->gazetteer.Named(std::string(canonical));
  if (p == nullptr) return {std::string(canonical)};
  return NamesOf(*p);
}

std::vector<EntityAlias> Canonicalizer::Aliases(const std::vector<Entity>& entities,
                                                const std::vector<Event>& events) const {
  std::vector<EntityAlias> out;
  std::set<std::pair<std::string, std::string>> seen;
  auto add = [&](const std::string& canonical, const std::string& name) {
    if (name.empty() || !seen.emplace(canonical, name).second) return;
    EntityAlias a{canonical, name, "", ""};
    impl_->normalizer->NameKeys(name, &a.exact, &a.folded);
    out.push_back(std::move(a));
  };
  std::set<std::string> canonicals;
  auto add_names = [&](const std::string& canonical) {
    if (canonical.empty() || !canonicals.insert(canonical).second) return;
    for (const std::string& name : Names(canonical)) add(canonical, name);
  };
  for (const Entity& e : entities) {
    add_names(e.canonical);
    add_names(e.country);
    add(e.canonical, e.text);
  }
  for (const Event& e : events) {
    add_names(e.source);
    add_names(e.target);
  }
  return out;
}

Result<std::string> Canonicalizer::FreezeSystemGazetteer() {
  auto places = extract::Gazetteer::FromSystem();
  if (!places) return Err(places.error());
  return extract::Gazetteer::Freeze(*places);
}

std::string Canonicalizer::GazetteerText() const {
  std::ostringstream out;
  for (const extract::Place& p : impl_->gazetteer.places()) {
    out << p.canonical << '\t' << p.english << '\t' << p.kind << '\t' << p.code;
    for (const std::string& n : NamesOf(p)) out << '\t' << n;
    out << '\n';
  }
  return out.str();
}

}  // namespace bantin
