#include "extract/entity_cues.h"

#include <unordered_map>

#include "base/table_text.h"

// The bytes of data/lexicons/entity-cues.tsv, linked in by builtin_entity_cues.S.
extern "C" const char bantin_entity_cues_model_begin[];
extern "C" const char bantin_entity_cues_model_end[];

namespace bantin::extract {
namespace {

struct Cues {
  std::unordered_set<std::string> titles, honorifics, standalone_orgs, place_cues, admin_words, not_orgs;
  std::vector<std::string> org_heads;
  std::unordered_map<std::string, char> classes;
};

Result<Cues> Parse(std::string_view text, std::string_view source) {
  Cues c;
  Status s = ForEachTableLine(text, source, "# bantin entity cues 1", [&](std::string_view line) -> std::string {
    if (line.starts_with('#')) return "";
    auto f = TabFields(line);
    if (f.size() != 2 || f[1].empty()) return "expected \"class<TAB>word\"";
    const std::string word(f[1]);
    if (f[0] == "title") c.titles.insert(word);
    else if (f[0] == "honorific") c.honorifics.insert(word);
    else if (f[0] == "org-head") c.org_heads.push_back(word);
    else if (f[0] == "standalone-org") c.standalone_orgs.insert(word);
    else if (f[0] == "place-cue") c.place_cues.insert(word);
    else if (f[0] == "admin") c.admin_words.insert(word);
    else if (f[0] == "not-org") c.not_orgs.insert(word);
    else return "unknown class \"" + std::string(f[0]) + "\"";
    return "";
  });
  if (!s.ok()) return Err(s);
  // Where a word has several classes, the later one here wins.
  for (const auto& k : c.org_heads) c.classes.emplace(k, 'o');
  for (const auto& k : c.admin_words) c.classes.insert_or_assign(k, 'a');
  for (const auto& k : c.place_cues) c.classes.insert_or_assign(k, 'p');
  for (const auto& k : c.honorifics) c.classes.insert_or_assign(k, 'h');
  for (const auto& k : c.titles) c.classes.insert_or_assign(k, 't');
  return c;
}

const Result<Cues>& Builtin() {
  static const auto* cues = new Result<Cues>(Parse(
      std::string_view(bantin_entity_cues_model_begin,
                       static_cast<size_t>(bantin_entity_cues_model_end - bantin_entity_cues_model_begin)),
      "built-in entity cues"));
  return *cues;
}

// REQUIRES: CheckEntityCues() is OK (else every table is empty).
const Cues& Get() {
  static const Cues empty;
  return Builtin().has_value() ? *Builtin() : empty;
}

}  // namespace

Status CheckEntityCues() { return Builtin().has_value() ? Status::OK() : Builtin().error(); }

const std::unordered_set<std::string>& Titles() { return Get().titles; }
const std::unordered_set<std::string>& Honorifics() { return Get().honorifics; }
const std::vector<std::string>& OrgHeads() { return Get().org_heads; }
const std::unordered_set<std::string>& StandaloneOrgs() { return Get().standalone_orgs; }
const std::unordered_set<std::string>& PlaceCues() { return Get().place_cues; }
const std::unordered_set<std::string>& AdminWords() { return Get().admin_words; }
const std::unordered_set<std::string>& NotOrganisations() { return Get().not_orgs; }

char CueClass(const std::string& key) {
  const auto& classes = Get().classes;
  auto it = classes.find(key);
  return it == classes.end() ? 0 : it->second;
}

}  // namespace bantin::extract
