// Snapshot: the index segments a searcher opened, as one collection: document slots, BM25
// length norms, global document frequencies — all read from the mapped segments, nothing held
// per document. Segments stay open (and mapped) as long as the snapshot lives, whatever a
// writer does to the manifest meanwhile.
// Thread safety: immutable after Open; share freely.
#ifndef BANTIN_SEARCH_SNAPSHOT_H_
#define BANTIN_SEARCH_SNAPSHOT_H_

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bantin/status.h"
#include "index/segment.h"

namespace bantin::search {

// BM25 parameters (Robertson & Zaragoza 2009, section 3.4: the usual k1 = 1.2, b = 0.75).
inline constexpr double kK1 = 1.2;
inline constexpr double kB = 0.75;

struct Snapshot {
  // Reads the manifest of data folder `dir` and opens its segments (again, if a writer removed
  // one in between).
  static Result<std::unique_ptr<Snapshot>> Open(const std::string& dir);

  // Segments in document order; a document's slot is base[segment] + its row there. Nothing is
  // held per document: rows are read from the mapped segments.
  std::vector<std::unique_ptr<index::SegmentReader>> segments;
  std::vector<size_t> base;
  size_t count = 0;  // documents in all segments
  double average_length = 1;
  // BM25's length norm of a document of `length`, k1 * (1 - b + b * length / average), as the
  // ranking uses it (a float: bounds computed from it round the same way as scores).
  float Norm(uint32_t length) const { return static_cast<float>(norm_fixed + norm_per_token * length); }
  double norm_fixed = kK1 * (1 - kB);  // k1 * (1 - b)
  double norm_per_token = kK1 * kB;    // k1 * b / average
  std::vector<std::vector<int64_t>> source_ids;  // per segment: its source index -> global id
  std::vector<std::string> source_names;         // by global id

  size_t size() const { return count; }
  double Idf(uint64_t df) const {
    double n = static_cast<double>(count);
    return std::log(1.0 + (n - static_cast<double>(df) + 0.5) / (static_cast<double>(df) + 0.5));
  }
  // The segment holding `slot`.
  size_t SegmentOf(size_t slot) const;
  // The document in `slot` (and, if `segment`, the segment holding it).
  index::DocInfo Doc(size_t slot, size_t* segment = nullptr) const {
    const size_t s = SegmentOf(slot);
    if (segment != nullptr) *segment = s;
    return segments[s]->docs()[slot - base[s]];
  }
  // The slot of the document segment `s`'s posting lists call `ordinal` (its row + 1), -1 if
  // the segment has no such row (a damaged list).
  int64_t SlotOf(size_t s, uint32_t ordinal) const {
    return ordinal == 0 || ordinal > segments[s]->docs().size() ? -1 : static_cast<int64_t>(base[s] + ordinal - 1);
  }
  // The slot of store document `doc`, -1 if no segment holds it.
  int64_t SlotOfDoc(uint32_t doc) const;
};

}  // namespace bantin::search

#endif  // BANTIN_SEARCH_SNAPSHOT_H_
