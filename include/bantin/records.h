// Records: the plain values extraction finds and the store keeps — a date expression, an
// entity mention, an entity's alias, an event, and one article's extraction. No behaviour: the
// extractors live in bantin/extract.h, the store in bantin/store.h, and the store needs only
// these (so storing and reading results does not depend on the NLP code).
#ifndef BANTIN_RECORDS_H_
#define BANTIN_RECORDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bantin {

struct TimeExpression {
  uint32_t begin = 0, end = 0;  // byte offsets into the text
  std::string text;             // the text's bytes [begin, end)
  std::string value;            // ISO 8601 (bantin/extract.h, DateExtractor); empty when unresolved
};

enum class EntityType : uint8_t { kPerson, kLocation, kOrganization };
inline std::string_view EntityTypeName(EntityType type) {  // "PER", "LOC", "ORG"
  return type == EntityType::kPerson ? "PER" : type == EntityType::kLocation ? "LOC" : "ORG";
}
// The type named "PER", "LOC" or "ORG"; false for anything else.
inline bool ParseEntityType(std::string_view name, EntityType* type) {
  if (name == "PER") *type = EntityType::kPerson;
  else if (name == "LOC") *type = EntityType::kLocation;
  else if (name == "ORG") *type = EntityType::kOrganization;
  else return false;
  return true;
}

struct Entity {
  uint32_t begin = 0, end = 0;  // byte offsets into the article's text
  std::string text;
  EntityType type = EntityType::kPerson;
  std::string canonical;  // "Vladimir Putin" for "ông Putin"; "Mỹ" for "Hoa Kỳ" (Canonicalizer)
  std::string role;       // for a person, the title the text gives ("Tổng thống Nga")
  uint32_t role_begin = 0, role_end = 0;  // where the role stands in the text (empty: none)
  std::string country;    // for a city, its country's canonical name ("Mát-xcơ-va" -> "Nga")
};

// A name an entity goes by, with the keys that find it (text::Normalizer::NameKeys): "Hoa Kỳ"
// for "Mỹ", keys "hoa kỳ" and "hoa ky".
struct EntityAlias {
  std::string canonical, name, exact, folded;
};

// A further sentence that reports an event (a title repeating the body, a quote's next line).
struct EventMention {
  uint32_t sentence_begin = 0, sentence_end = 0;  // byte offsets into the article's text
  uint32_t trigger_begin = 0, trigger_end = 0;
};

// An event: who did what to whom, when and where, and the sentence that says so. `code` is a
// CAMEO root code ("01" make statement … "20" mass violence), or a three-digit sub-code where the
// verb says so ("042" make a visit; Schrodt, CAMEO manual 1.1b3).
struct Event {
  std::string code, label;      // "04", "consult"
  std::string source, target;   // canonical names of the actors ("Nga", "Steve Witkoff")
  std::string date;             // as TimeExpression::value; the article's date if the sentence has none
  std::string place;            // canonical name, or empty
  uint32_t sentence_begin = 0, sentence_end = 0;  // byte offsets into the article's text
  uint32_t trigger_begin = 0, trigger_end = 0;    // the verb ("gặp", "kêu gọi")
  // "happened"; "planned" ("sẽ", "dự kiến", "kế hoạch"); "denied" ("không gặp", "chưa ký",
  // "bác bỏ")
  std::string status = "happened";
  std::vector<EventMention> mentions;  // further sentences reporting the same event
};

// What extraction found in one stored article (what the store keeps).
struct Extraction {
  int64_t doc = 0;  // the store's document number
  std::vector<Entity> entities;
  std::vector<EntityAlias> aliases;  // Canonicalizer::Aliases(entities)
  std::vector<TimeExpression> dates;
  std::vector<Event> events;
};

}  // namespace bantin

#endif  // BANTIN_RECORDS_H_
