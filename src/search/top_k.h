// TopK: the k best documents of a snapshot for a weighted sum of BM25 terms — exact, without
// scoring documents that cannot reach the top k (MaxScore: H. Turtle and J. Flood, "Query
// evaluation: strategies and optimizations", Information Processing & Management 31(6), 1995).
//
// Terms are sorted by the most they can add to a score (from their lists' highest frequency
// and shortest document). Once the k-th best score exceeds the sum of the smallest bounds,
// those lists can no longer bring a document into the top k alone: they are only probed (by
// skipping) for documents the other ("essential") lists find, and a document is dropped as
// soon as its score plus what is left cannot reach the k-th — judged first by the bound of the
// block a probe would land in, read from the block index without decoding the block (the
// block-max idea of S. Ding and T. Suel, "Faster top-k document retrieval using block-max
// indexes", SIGIR 2011). The essential lists are read a window of 4,096 documents at a time
// into an array of sums (no merging of cursors). Before all that, the rarest lists (postings
// up to 1/64 of the documents, 1,024 at least) are summed per document: the k-th best of those
// partial sums is a floor for the k-th score, so the pass starts with most lists non-essential.
// Thread safety: stateless.
#ifndef BANTIN_SEARCH_TOP_K_H_
#define BANTIN_SEARCH_TOP_K_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "bantin/status.h"
#include "search/snapshot.h"

namespace bantin::search {

struct RankTerm {
  std::string term;
  double weight = 1;
};

struct Ranked {
  size_t slot = 0;
  double score = 0;
};

struct TopKResult {
  std::vector<Ranked> hits;  // best first; equal scores in document order
  uint64_t counted = 0;      // documents scored in full and accepted
  bool exhaustive = true;    // every document with a positive score was counted
};

// The k best accepted documents (accept(slot) true; every document when `accept` is empty)
// with a positive score. Corruption when a
// posting list is damaged (naming the segment and term).
Result<TopKResult> TopK(const Snapshot& snap, const std::vector<RankTerm>& terms, size_t k,
                        const std::function<bool(size_t)>& accept);

}  // namespace bantin::search

#endif  // BANTIN_SEARCH_TOP_K_H_
