// The words that cue an entity's type: titles and honorifics before people, organisation
// heads, place cues, administrative words. Keys are lowercase normalized (text/normalizer.h).
// Used by the entity rules and, as features, by the entity model. Data, not code:
// data/lexicons/entity-cues.tsv, linked into the binary (docs/format.md "Entity cues").
// Thread safety: immutable tables.
#ifndef BANTIN_EXTRACT_ENTITY_CUES_H_
#define BANTIN_EXTRACT_ENTITY_CUES_H_

#include <set>
#include <unordered_set>
#include <string>
#include <vector>

#include "bantin/status.h"

namespace bantin::extract {

// Whether the linked-in table parses (Corruption naming the line if not); the accessors below
// REQUIRE it (EntityExtractor::Create checks).
Status CheckEntityCues();

const std::unordered_set<std::string>& Titles();        // "tổng thống", "bộ trưởng", … (before a person)
const std::unordered_set<std::string>& Honorifics();    // "ông", "bà", "anh", …
const std::vector<std::string>& OrgHeads();   // "bộ", "công ty", "ngân hàng", … (start an organisation)
const std::unordered_set<std::string>& StandaloneOrgs();  // heads that are a name alone: "chính phủ", "quốc hội", …
const std::unordered_set<std::string>& PlaceCues();     // "tại", "ở"
const std::unordered_set<std::string>& AdminWords();    // "tỉnh", "huyện", "thành phố", … (before a place)
// Abbreviations in capitals that name no organisation ("SN", "PV", "GDP", …).
const std::unordered_set<std::string>& NotOrganisations();

// The cue class of a lowercase key, for features: 't' title, 'h' honorific, 'o' organisation
// head, 'p' place cue, 'a' administrative word, 0 none.
char CueClass(const std::string& key);

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_ENTITY_CUES_H_
