// Where a data folder keeps its index, its manifest, and the terms an article is indexed under.
// Thread safety: stateless functions.
#ifndef BANTIN_SEARCH_INDEX_DIR_H_
#define BANTIN_SEARCH_INDEX_DIR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bantin/article.h"
#include "bantin/env.h"
#include "bantin/status.h"
#include "index/segment.h"
#include "index/term_table.h"
#include "text/word_cache.h"

namespace bantin::search {

// DIR/index/MANIFEST lists the live segments, oldest documents first (docs/format.md):
//   bantin-index 2
//   <file name> <first doc> <last doc> <document count>
struct SegmentEntry {
  std::string name;
  uint32_t first = 0, last = 0, count = 0;
};
std::string IndexDir(const std::string& dir);
std::string ManifestPath(const std::string& dir);
// The live segments; NotFound when there is no index; Corruption for a malformed manifest.
Result<std::vector<SegmentEntry>> ReadManifest(const std::string& dir);
// Replaces the manifest atomically and durably (WriteFileDurably).
Status WriteManifest(const std::string& dir, const std::vector<SegmentEntry>& segments,
                     Env* env = Env::Default());

// Days since 1970-01-01 plus one (0 for no date): the segment's date field.
uint32_t DayNumber(const std::optional<Date>& date);

// Indexes `article` into `writer`: at every word and number position "e:" + its normalized
// form and "f:" + its folded form, for the title's words also "te:" and "tf:"; for every two
// words side by side in a sentence part (no punctuation between), "p:" + both folded forms
// with a space, counted without positions; and kParagraphTerm at the position each paragraph
// starts at (every paragraph, in article order: snippets find their words' paragraphs by it).
// Positions count words and numbers; paragraphs are kParagraphGap apart so that no phrase
// matches across them. `occurrences` is scratch space. Returns the document length (positions
// used).
inline constexpr uint32_t kParagraphGap = 8;
inline constexpr char kParagraphTerm[] = "\xC2\xB6";  // "¶": no query word makes it
// The term ids of each word form seen by one SegmentWriter (so a form met again costs one
// lookup, not four); cleared whenever the writer is written out.
class FormTerms {
 public:
  struct Ids {
    uint32_t exact, folded;
    int64_t title_exact = -1, title_folded = -1;  // added on first use in a title
  };
  // The ids of a word with normalized form `norm` (hash `norm_hash`) and folded form `fold`.
  Ids& Get(std::string_view norm, uint64_t norm_hash, std::string_view fold,
           index::SegmentWriter* writer);
  // The id of kParagraphTerm.
  uint32_t ParagraphTerm(index::SegmentWriter* writer);
  void Clear() { *this = FormTerms(); }

 private:
  index::IdMap by_hash_;  // norm hash -> index into ids_ (the first form with that hash)
  std::vector<Ids> ids_;
  std::string scratch_;
  Ids scratch_ready_{0, 0};
  int64_t paragraph_term_ = -1;
};
uint32_t ArticleTerms(const Article& article, text::WordCache* cache, FormTerms* forms,
                      index::SegmentWriter* writer, std::vector<index::Occurrence>* occurrences);

}  // namespace bantin::search

#endif  // BANTIN_SEARCH_INDEX_DIR_H_
