// Snapshot: the index segments a searcher opened, as one collection: document slots, BM25
// length norms, global document frequencies. Segments stay open (and mapped) as long as the
// snapshot lives, whatever a writer does to the manifest meanwhile.
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

  // Segments in document order; a document's slot is base[segment] + its index there.
  std::vector<std::unique_ptr<index::SegmentReader>> segments;
  std::vector<size_t> base;
  std::vector<const index::DocInfo*> docs;       // by slot
  std::vector<float> norm;                       // by slot: k1 * (1 - b + b * length / average)
  double average_length = 1;
  // BM25's length norm of a document of `length`.
  double Norm(uint32_t length) const { return kK1 * (1 - kB + kB * length / average_length); }
  std::vector<int32_t> slot_of_doc;              // document number -> slot, -1 if none
  std::vector<std::vector<int64_t>> source_ids;  // per segment: its source index -> global id
  std::vector<std::string> source_names;         // by global id

  size_t size() const { return docs.size(); }
  double Idf(uint64_t df) const {
    double n = static_cast<double>(docs.size());
    return std::log(1.0 + (n - static_cast<double>(df) + 0.5) / (static_cast<double>(df) + 0.5));
  }
  // The slot of `doc` if segment `s` holds it, else -1.
  int32_t SlotOf(uint32_t doc, size_t s) const {
    if (doc >= slot_of_doc.size()) return -1;
    int32_t slot = slot_of_doc[doc];
    size_t end = s + 1 < base.size() ? base[s + 1] : docs.size();
    return slot >= static_cast<int32_t>(base[s]) && static_cast<size_t>(slot) < end ? slot : -1;
  }
  // The segment holding `slot`.
  size_t SegmentOf(size_t slot) const;
};

}  // namespace bantin::search

#endif  // BANTIN_SEARCH_SNAPSHOT_H_
