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
  double weight = 0;  // the term's weights summed
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
    // A term asked twice ("có" and "cơ" both bring "f:co") is one list with both weights.
    auto same = std::find_if(lists.begin(), lists.end(), [&](const List& l) { return l.term->term == t.term; });
    if (same != lists.end()) {
      same->factor += same->factor / same->weight * t.weight;
      same->weight += t.weight;
      continue;
    }
    uint64_t df = 0;
    std::vector<index::SegmentReader::TermInfo> entries;
    for (const auto& s : snap.segments) {
      auto info = s->Lookup(t.term);
      if (!info) return Err(info.error());
      df += info->df;
      entries.push_back(*info);
    }
    if (df == 0 || t.weight <= 0) continue;
    lists.push_back({&t, std::move(entries), t.weight, t.weight * snap.Idf(df) * (kK1 + 1)});
  }
  const size_t n = lists.size();
  // The most a list can add: from its (or its block's) highest frequency and shortest document.
  // The norm as scores use it (a float): rounded the same way, never above the norm of a
  // document at least as long. (The double was, by up to ~1e-7 of the score, and a first k-th
  // score from the rarest lists lies that close to a best document's score.)
  auto bound = [&](const List& l, uint32_t max_freq, uint32_t min_length) {
    return l.factor * max_freq / (max_freq + static_cast<double>(snap.Norm(min_length)));
  };
  std::vector<double> prefix(n);        // prefix[j]: the most lists 0..j can add together
  auto worse = [](const Ranked& a, const Ranked& b) { return Better(a, b); };
  std::priority_queue<Ranked, std::vector<Ranked>, decltype(worse)> heap(worse);  // top: k-th
  double theta = 0;                                                             // k-th score
  if (k == 0) return out;
  constexpr uint32_t kWindow = 4096;
  // The most postings the first pass reads: ~1.6% of the documents (1,024 at least).
  const uint64_t seed_postings = std::max<uint64_t>(1024, snap.size() / 64);
  std::vector<double> sums(kWindow, 0.0);
  std::vector<uint64_t> touched(kWindow / 64, 0);

  auto offer = [&](const Ranked& r) {
    ++out.counted;
    if (heap.size() < k) {
      heap.push(r);
    } else if (Better(r, heap.top())) {
      heap.pop();
      heap.push(r);
    } else {
      return;
    }
    if (heap.size() == k) theta = std::max(theta, heap.top().score);
  };
  // A first k-th score before the main pass, so that it starts with most lists non-essential
  // instead of raising the k-th score slowly from 0: the lists that can add the most (rare
  // words and word pairs, which the best answers usually hold) that fit in seed_postings,
  // summed per document. A document's sum over some lists is at most its whole score, so the
  // k-th best such sum (of accepted documents) is at most the final k-th score: nothing that
  // belongs in the top k is pruned. The main pass scores those documents again in full.
  {
    std::vector<size_t> order(n);
    for (size_t j = 0; j < n; ++j) order[j] = j;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return lists[a].factor > lists[b].factor; });
    std::vector<std::pair<uint32_t, double>> partial;  // (slot, what one list adds)
    uint64_t taken = 0;
    for (size_t j : order) {
      uint64_t df = 0;
      for (const auto& e : lists[j].entries) df += e.df;
      if (taken + df > seed_postings) continue;
      taken += df;
      const auto from = static_cast<ptrdiff_t>(partial.size());
      for (size_t s = 0; s < snap.segments.size(); ++s) {
        index::PostingCursor c = snap.segments[s]->Cursor(lists[j].entries[s]);
        const index::DocRows& rows = snap.segments[s]->docs();
        while (c.Next()) {
          const int64_t slot = snap.SlotOf(s, c.doc());
          if (slot < 0) break;  // damage: the main pass reports it
          const double tf = c.freq();
          partial.emplace_back(static_cast<uint32_t>(slot),
                               lists[j].factor * tf / (tf + snap.Norm(rows.length(c.doc() - 1))));
        }
      }
      // Each list comes in slot order (segments in order, documents ascending): merged in.
      std::inplace_merge(partial.begin(), partial.begin() + from, partial.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    }

    std::vector<double> sums_of_docs;
    for (size_t i = 0; i < partial.size();) {
      size_t e = i;
      double sum = 0;
      for (; e < partial.size() && partial[e].first == partial[i].first; ++e) sum += partial[e].second;
      if (!accept || accept(partial[i].first)) sums_of_docs.push_back(sum);
      i = e;
    }
    if (sums_of_docs.size() >= k) {
      std::nth_element(sums_of_docs.begin(), sums_of_docs.begin() + static_cast<ptrdiff_t>(k - 1),
                       sums_of_docs.end(), std::greater<>());
      // A hair lower: the main pass adds the same terms in another order (rounding).
      theta = sums_of_docs[k - 1] * (1 - 1e-9);
    }
  }

  for (size_t s = 0; s < snap.segments.size(); ++s) {
    const index::SegmentReader& seg = *snap.segments[s];
    const index::DocRows& rows = seg.docs();
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
        // A block at a time: its documents in the window, added up in one tight loop.
        while (l.alive && l.cursor.doc() < end) {
          const std::span<const uint32_t> docs = l.cursor.BlockDocs();
          const uint32_t* freqs = l.cursor.BlockFreqs();
          if (freqs == nullptr) {
            l.alive = false;  // damage: reported below
            break;
          }
          if (docs.back() > rows.size()) {  // documents ascend, the first is at least 1
            return Err(Status::Corruption(seg.path(), "a posting list names document " +
                                                          std::to_string(docs.back()) + ", not in the segment"));
          }
          uint32_t m = 0;
          const double factor = l.factor;
          for (; m < docs.size() && docs[m] < end; ++m) {
            const uint32_t at = docs[m] - start;
            const double tf = freqs[m];
            sums[at] += factor * tf / (tf + snap.Norm(rows.length(docs[m] - 1)));
            touched[at >> 6] |= uint64_t{1} << (at & 63);
          }
          l.alive = l.cursor.Advance(m);
          if (m < docs.size()) break;  // the rest of the block is past the window
        }
      }
      for (size_t word = 0; word < touched.size(); ++word) {
        for (uint64_t bits = touched[word]; bits != 0; bits &= bits - 1) {
          const uint32_t offset = static_cast<uint32_t>(word * 64 + std::countr_zero(bits));
          const uint32_t doc = start + offset;
          double score = sums[offset];
          sums[offset] = 0;
          // Most candidates cannot reach the k-th score even with every other list: dropped
          // before anything else is read.
          if (window_essential > 0 && score + prefix[window_essential - 1] < theta) {
            out.exhaustive = false;
            continue;
          }
          const auto slot = static_cast<size_t>(snap.SlotOf(s, doc));
          if (accept && !accept(slot)) continue;
          const double norm = snap.Norm(rows.length(doc - 1));
          bool dropped = false;
          for (size_t j = window_essential; j-- > 0;) {
            if (score + prefix[j] < theta) {
              dropped = true;
              break;
            }
            List& l = lists[j];
            if (l.alive && l.cursor.doc() < doc) {
              // The bound of the block holding `doc`, if any, before decoding it.
              uint32_t max_freq = 0, min_length = 0;
              if (!l.cursor.PeekBlock(doc, &max_freq, &min_length)) {
                l.alive = false;
                continue;
              }
              if (score + bound(l, max_freq, min_length) + (j > 0 ? prefix[j - 1] : 0) < theta) {
                dropped = true;
                break;
              }
              l.alive = l.cursor.SkipTo(doc);
            }
            if (l.alive && l.cursor.doc() == doc) {
              const double tf = l.cursor.freq();
              score += l.factor * tf / (tf + norm);
            }
          }
          if (dropped) {
            out.exhaustive = false;
            continue;
          }
          offer({slot, score});
          if (heap.size() == k) {
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
