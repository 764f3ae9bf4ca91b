// ExtractionTables: the store's tables of extraction results — entities, their names and
// aliases, dates and events per article (docs/format.md, "Extractions"). Reached through
// Store::extractions(); shares the store's database and its thread rules.
//
//   store->extractions().Put(batch);                       // one transaction
//   auto found = store->extractions().FindEntities(keys);  // "Hoa Kỳ" -> Mỹ, with aliases
#ifndef BANTIN_STORE_EXTRACTIONS_H_
#define BANTIN_STORE_EXTRACTIONS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bantin/article.h"
#include "bantin/records.h"
#include "bantin/status.h"

namespace bantin {

namespace store {
class Connection;
}

struct EntityCount {
  std::string canonical, type;
  int64_t mentions = 0, articles = 0;
};

struct StoredEvent {
  std::string article_id;
  Event event;
  std::string sentence;  // the text of event.sentence_begin..end
  std::string url;       // the article's URL ("" when it has none)
  std::vector<std::string> mention_sentences;  // the text of each of event.mentions' sentences
  // The actors' English names (Canonicalizer::English), filled by the caller that shows them.
  std::string source_english, target_english;
};

// An entity asked for by a name, as the keys of that name (text::Normalizer::NameKeys,
// Canonicalizer::Keys). It stands for every canonical name with an alias (docs/format.md,
// `entity_names`) of key `exact`, or, when none has one, of key `folded`: "Hoa Kỳ" and
// "United States" stand for "Mỹ", "hoa ky" too; "Putin" for "Vladimir Putin".
struct EntityKeys {
  std::string exact, folded;
};

struct NamedEntity {
  std::string canonical;
  std::vector<std::string> aliases;  // every name stored for it: the canonical first, then byte order
};

class ExtractionTables {
 public:
  // Made by Store::Open, on its connection; `dir` names the folder in errors.
  ExtractionTables(store::Connection* conn, std::string dir) : conn_(conn), dir_(std::move(dir)) {}

  // Stores the results for these documents in one transaction, replacing earlier ones.
  Status Put(const std::vector<Extraction>& batch);
  // The highest document number extraction has run on (0 if none).
  Result<int64_t> LastDoc() const;
  // Extraction results of one document (entities, dates, events; text fields filled, the
  // sentence of each event not). NotFound-free: a document without results gives empty lists.
  Result<Extraction> Get(int64_t doc) const;

  // Entities by the number of articles naming them; `type` "PER"/"LOC"/"ORG" or empty for all.
  Status ListEntities(const std::string& type, size_t limit,
                      const std::function<void(const EntityCount&)>& fn) const;
  // The entities `name` stands for, most articles first, with their names.
  Result<std::vector<NamedEntity>> FindEntities(const EntityKeys& name) const;
  // Documents that name an entity `name` stands for.
  Result<std::vector<int64_t>> DocsWithEntity(const EntityKeys& name) const;
  // Events in date order whose source or target is an entity `actor` stands for (none: any)
  // and whose date falls in [from, to] (events without a full date are left out when either
  // is set).
  Status ListEvents(const std::optional<EntityKeys>& actor, const std::optional<Date>& from,
                    const std::optional<Date>& to, size_t limit,
                    const std::function<void(const StoredEvent&)>& fn) const;

 private:
  store::Connection* conn_;
  std::string dir_;
};

}  // namespace bantin

#endif  // BANTIN_STORE_EXTRACTIONS_H_
