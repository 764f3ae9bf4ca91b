#include "search/top_k.h"

#include <algorithm>
#include <queue>

namespace bantin::search {
namespace {

// `a` ranks above `b`: higher score, or the same score and an earlier document.
bool Better(const Ranked& a, const Ranked& b) {
  return a.score != b.score ? a.score > b.score : a.slot < b.slot;
}

struct List {
  const RankTerm* term;
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
    for (const auto& s : snap.segments) {
      index::PostingCursor c = s->Postings(t.term);
      if (!c.status().ok()) {
        return Err(Status::Corruption(s->path(), "term \"" + t.term + "\": " + c.status().message()));
      }
      df += c.doc_count();
    }
    if (df == 0 || t.weight <= 0) continue;
    lists.push_back({&t, t.weight * snap.Idf(df) * (kK1 + 1)});
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

  for (size_t s = 0; s < snap.segments.size(); ++s) {
    const index::SegmentReader& seg = *snap.segments[s];
    for (List& l : lists) {
      l.cursor = seg.Postings(l.term->term);
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
    // The essential lists' current documents, smallest on top.
    std::vector<std::pair<uint32_t, uint32_t>> next;  // (doc, list)
    auto later = [](const auto& a, const auto& b) { return a.first > b.first; };
    auto refill = [&] {
      next.clear();
      for (size_t j = essential; j < n; ++j) {
        if (lists[j].alive) next.emplace_back(lists[j].cursor.doc(), static_cast<uint32_t>(j));
      }
      std::make_heap(next.begin(), next.end(), later);
    };
    refill();
    while (!next.empty()) {
      const uint32_t doc = next.front().first;
      const int32_t slot = snap.SlotOf(doc, s);
      if (slot < 0) {
        return Err(Status::Corruption(seg.path(), "a posting list names document " +
                                                      std::to_string(doc) + ", not in the segment"));
      }
      const double norm = snap.norm[static_cast<size_t>(slot)];
      double score = 0;
      while (!next.empty() && next.front().first == doc) {
        std::pop_heap(next.begin(), next.end(), later);
        List& l = lists[next.back().second];
        const double tf = l.cursor.freq();
        score += l.factor * tf / (tf + norm);
        l.alive = l.cursor.Next();
        if (l.alive) {
          next.back().first = l.cursor.doc();
          std::push_heap(next.begin(), next.end(), later);
        } else {
          next.pop_back();
        }
      }
      if (!accept(static_cast<size_t>(slot))) continue;
      bool dropped = false;
      for (size_t j = essential; j-- > 0;) {
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
      Ranked r{static_cast<size_t>(slot), score};
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
        const size_t was = essential;
        while (essential < n && prefix[essential] < theta) ++essential;
        if (essential > 0) out.exhaustive = false;
        if (essential != was) refill();
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
