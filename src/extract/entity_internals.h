// What training the entity model needs from EntityExtractor: an article's analysis and the
// rules' mentions, and the resources the features read (the same ones decoding uses).
// Thread safety: as EntityExtractor (one per thread).
#ifndef BANTIN_EXTRACT_ENTITY_INTERNALS_H_
#define BANTIN_EXTRACT_ENTITY_INTERNALS_H_

#include <vector>

#include "bantin/extract.h"
#include "extract/ner.h"

namespace bantin::extract {

struct EntityInternals {
  // Analyzes `article` and writes what the rules found, as token ranges, to `rules`.
  static Analysis Analyze(EntityExtractor& x, const Article& article, std::vector<RuleMention>* rules);
  // The clusters (unless `clusters` is false) and name lexicon `x` holds; they live as long as `x`.
  static NerResources Resources(const EntityExtractor& x, bool clusters);
};

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_ENTITY_INTERNALS_H_
