// Where a data folder keeps its index, and the terms an article is indexed under.
// Thread safety: stateless functions.
#ifndef BANTIN_SEARCH_INDEX_DIR_H_
#define BANTIN_SEARCH_INDEX_DIR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bantin/article.h"
#include "bantin/status.h"
#include "index/segment.h"
#include "text/word_cache.h"

namespace bantin::search {

// DIR/index/MANIFEST names the live segment: "bantin-index 1\n<segment file name>\n".
std::string IndexDir(const std::string& dir);
std::string ManifestPath(const std::string& dir);
// The live segment's path; NotFound when there is no index.
Result<std::string> LiveSegment(const std::string& dir);

// Days since 1970-01-01 plus one (0 for no date): the segment's date field.
uint32_t DayNumber(const std::optional<Date>& date);

// Terms of `article` by position: "e:" + normalized form and "f:" + folded form of every word
// and number, and for the title's words also "te:" and "tf:". Positions count tokens; paragraphs are kParagraphGap apart so that no phrase
// matches across them. Returns the number of positions used (the document length).
inline constexpr uint32_t kParagraphGap = 8;
uint32_t ArticleTerms(const Article& article, text::WordCache* cache,
                      index::TermPositions* terms);

}  // namespace bantin::search

#endif  // BANTIN_SEARCH_INDEX_DIR_H_
