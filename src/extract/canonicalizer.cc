// Canonicalizer: the one place that decides what an entity is called (see bantin/extract.h).
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "bantin/extract.h"
#include "extract/gazetteer.h"
#include "extract/names.h"
#include "text/normalizer.h"

// The bytes of data/lexicons/place-aliases.tsv and data/lexicons/gazetteer.tsv, linked in by
// builtin_place_aliases.S and builtin_gazetteer.S.
extern "C" const char bantin_place_aliases_model_begin[];
extern "C" const char bantin_place_aliases_model_end[];
extern "C" const char bantin_gazetteer_model_begin[];
extern "C" const char bantin_gazetteer_model_end[];

namespace bantin {

struct Canonicalizer::Impl {
  extract::Gazetteer gazetteer;
  std::unique_ptr<text::Normalizer> normalizer;
  // Folded name -> the place it names; a folded name two places share maps to nullptr.
  std::map<std::string, const extract::Place*> by_folded;
};

namespace {

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
