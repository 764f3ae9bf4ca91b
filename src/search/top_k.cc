#include "search/top_k.h"

#include <algorithm>
#include <bit>
#include <queue>

namespace bantin::search {
namespace {

// `a` ranks above `b`: higher score, or the same score and an earlier document.
bool Better(const Ranked& a, const Ranked& b) {
  return a.score != b.score ? a.score > b.score : a.slot < b.slot;
}

struct List {
  const RankTerm* term;
  std::vector<index::SegmentReader::TermInfo> entries;  // per segment
  double factor = 0;  // weight * idf * (k1 + 1): BM25 is factor * tf / (tf + norm) < factor
  double bound = 0;   // the most it adds in the current segment
  index::PostingCursor cursor{std::string_view()};
  bool alive = false;
};

}  // namespace

Result<TopKResult> TopK(const Snapshot& snap, const std::vector<RankTerm>& terms, size_t k,
                        const std::function<bool(size_t)>& accept) {
  TopKResult out;
  std::vector<List> lists;
  for (const RankTerm& t : terms) {
    uint64_t df = 0;
    std::vector<index::SegmentReader::TermInfo> entries;
    for (const auto& s : snap.segments) {
      auto info = s->Lookup(t.term);
      if (!info) return Err(info.error());
      df += info->df;
      entries.push_back(*info);
    }
    if (df == 0 || t.weight <= 0) continue;
    lists.push_back({&t, std::move(entries), t.weight * snap.Idf(df) * (kK1 + 1)});
  }
  const size_t n = lists.size();
  // The most a list can add: from its (or its block's) highest frequency and shortest document.
  auto bound = [&](const List& l, uint32_t max_freq, uint32_t min_length) {
    return l.factor * max_freq / (max_freq + snap.Norm(min_length));
  };
  std::vector<double> prefix(n);        // prefix[j]: the most lists 0..j can add together
  auto worse = [](const Ranked& a, const Ranked& b) { return Better(a, b); };
  std::priority_queue<Ranked, std::vector<Ranked>, decltype(worse)> heap(worse);  // top: k-th
  double theta = 0;                                                             // k-th score
  if (k == 0) return out;
  constexpr uint32_t kWindow = 4096;
  std::vector<double> sums(kWindow, 0.0);
  std::vector<uint64_t> touched(kWindow / 64, 0);

  for (size_t s = 0; s < snap.segments.size(); ++s) {
    const index::SegmentReader& seg = *snap.segments[s];
    for (List& l : lists) {
      l.cursor = seg.Cursor(l.entries[s]);
      l.alive = l.cursor.Next();
      l.bound = l.alive ? bound(l, l.cursor.max_freq(), l.cursor.min_length()) : 0;
    }
    // Lists by bound, smallest first; those whose bounds together stay below the k-th score
    // (`essential` of them) cannot bring in a document alone.
    std::stable_sort(lists.begin(), lists.end(),
                     [](const List& a, const List& b) { return a.bound < b.bound; });
    for (size_t j = 0; j < n; ++j) prefix[j] = lists[j].bound + (j > 0 ? prefix[j - 1] : 0);
    size_t essential = 0;
    while (essential < n && prefix[essential] < theta) ++essential;
    if (essential > 0) out.exhaustive = false;
    // Windows of documents: the essential lists' postings in a window are added up in an
    // array (one pass per list, no merging), then each document they touched is a candidate.
    while (true) {
      uint32_t start = UINT32_MAX;
      for (size_t j = essential; j < n; ++j) {
        if (lists[j].alive) start = std::min(start, lists[j].cursor.doc());
      }
      if (start == UINT32_MAX) break;
      const uint32_t end = start + std::min<uint32_t>(kWindow, UINT32_MAX - start);
      const size_t window_essential = essential;  // the lists added up in this window
      for (size_t j = window_essential; j < n; ++j) {
        List& l = lists[j];
        while (l.alive && l.cursor.doc() < end) {
          const uint32_t doc = l.cursor.doc();
          const int32_t slot = snap.SlotOf(doc, s);
          if (slot < 0) {
            return Err(Status::Corruption(seg.path(), "a posting list names document " +
                                                          std::to_string(doc) + ", not in the segment"));
          }
          const double tf = l.cursor.freq();
          sums[doc - start] += l.factor * tf / (tf + snap.norm[static_cast<size_t>(slot)]);
          touched[(doc - start) >> 6] |= uint64_t{1} << ((doc - start) & 63);
          l.alive = l.cursor.Next();
        }
      }
      for (size_t word = 0; word < touched.size(); ++word) {
        for (uint64_t bits = touched[word]; bits != 0; bits &= bits - 1) {
          const uint32_t offset = static_cast<uint32_t>(word * 64 + std::countr_zero(bits));
          const uint32_t doc = start + offset;
          double score = sums[offset];
          sums[offset] = 0;
          const auto slot = static_cast<size_t>(snap.SlotOf(doc, s));
          if (!accept(slot)) continue;
          const double norm = snap.norm[slot];
          bool dropped = false;
          for (size_t j = window_essential; j-- > 0;) {
            if (score + prefix[j] < theta) {
              dropped = true;
              break;
            }
            List& l = lists[j];
            if (l.alive && l.cursor.doc() < doc) l.alive = l.cursor.SkipTo(doc);
            if (l.alive && l.cursor.doc() == doc) {
              const double tf = l.cursor.freq();
              score += l.factor * tf / (tf + norm);
            }
          }
          if (dropped) {
            out.exhaustive = false;
            continue;
          }
          ++out.counted;
          Ranked r{slot, score};
          if (heap.size() < k) {
            heap.push(r);
          } else if (Better(r, heap.top())) {
            heap.pop();
            heap.push(r);
          } else {
            continue;
          }
          if (heap.size() == k) {
            theta = heap.top().score;
            while (essential < n && prefix[essential] < theta) ++essential;
            if (essential > 0) out.exhaustive = false;
          }
        }
        touched[word] = 0;
      }
    }
    for (const List& l : lists) {
      if (!l.cursor.status().ok()) {
        return Err(Status::Corruption(seg.path(), "term \"" + l.term->term + "\": " +
                                                      l.cursor.status().message()));
      }
    }
  }
  while (!heap.empty()) {
    out.hits.push_back(heap.top());
    heap.pop();
  }
  std::reverse(out.hits.begin(), out.hits.end());
  return out;
}

}  // namespace bantin::search
