// Searcher: BM25 over the index segment, exact forms above folded ones, phrases, exclusions,
// filters, and snippets cut from the stored text.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <unordered_map>

#include "bantin/search.h"
#include "bantin/store.h"
#include "index/segment.h"
#include "search/index_dir.h"
#include "search/query.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace bantin {
namespace {

// BM25 parameters (Robertson & Zaragoza 2009, section 3.4: the usual k1 = 1.2, b = 0.75).
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
// Weights of the two forms a query word matches (see search.h): the form typed, and the other.
constexpr double kPrimary = 1.0;
constexpr double kTypedPlainExactBonus = 0.5;  // "nga" typed, "Nga" in the text
constexpr double kOtherDiacritics = 0.3;       // "đường" typed, "dương" in the text
constexpr double kAdjacentPair = 1.0;          // two query words side by side, as typed
constexpr double kInTitle = 0.5;               // a query word in the headline
constexpr size_t kSnippetTokens = 32;

struct WeightedTerm {
  std::string term;
  double weight;
};

// The terms a query word is looked up under, with their weights.
std::vector<WeightedTerm> TermsOf(const search::QueryWord& w) {
  if (w.plain) return {{"f:" + w.fold, kPrimary}, {"e:" + w.norm, kTypedPlainExactBonus}};
  return {{"e:" + w.norm, kPrimary}, {"f:" + w.fold, kOtherDiacritics}};
}
std::string PrimaryTerm(const search::QueryWord& w) { return w.plain ? "f:" + w.fold : "e:" + w.norm; }

bool Matches(const search::QueryWord& w, const text::WordCache::Forms& f) {
  return w.plain ? f.fold == w.fold : f.norm == w.norm;
}

}  // namespace

struct Searcher::Impl {
  std::unique_ptr<index::SegmentReader> segment;
  std::unique_ptr<Store> store;
  std::unique_ptr<text::Normalizer> normalizer;
  std::vector<int32_t> slot_of_doc;  // store doc number -> index into segment->docs(), or -1
  double avg_length = 1;
  mutable std::mutex mu;  // guards `store` and `cache` (Search is const and thread-safe)
  mutable std::unique_ptr<text::WordCache> cache;

  double Idf(uint32_t df) const {
    double n = static_cast<double>(segment->docs().size());
    return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }
  double Bm25(uint32_t tf, uint32_t length, double idf) const {
    double norm = kK1 * (1 - kB + kB * length / avg_length);
    return idf * tf * (kK1 + 1) / (tf + norm);
  }

  // For each document where `b` follows `a` directly, how often: (slot, count).
  std::vector<std::pair<size_t, uint32_t>> Adjacent(const std::string& a,
                                                    const std::string& b) const {
    std::vector<std::pair<size_t, uint32_t>> out;
    index::PostingCursor ca = segment->Postings(a), cb = segment->Postings(b);
    while (ca.Next()) {
      if (cb.doc() < ca.doc() && !cb.SkipTo(ca.doc())) break;
      if (cb.doc() != ca.doc()) continue;
      uint32_t n = 0;
      const auto& pb = cb.positions();
      for (uint32_t p : ca.positions()) n += std::binary_search(pb.begin(), pb.end(), p + 1);
      if (n > 0) out.emplace_back(static_cast<size_t>(slot_of_doc[ca.doc()]), n);
    }
    return out;
  }

  // Documents (segment slots) containing `phrase` as consecutive words.
  std::vector<uint8_t> PhraseDocs(const std::vector<search::QueryWord>& phrase) const {
    std::vector<uint8_t> hit(segment->docs().size(), 0);
    std::vector<index::PostingCursor> cursors;
    for (const auto& w : phrase) cursors.push_back(segment->Postings(PrimaryTerm(w)));
    while (cursors[0].Next()) {
      uint32_t doc = cursors[0].doc();
      bool all = true;
      for (size_t k = 1; k < cursors.size() && all; ++k) {
        if (cursors[k].doc() < doc || cursors[k].doc() == 0) {
          if (!cursors[k].SkipTo(doc)) return hit;
        }
        all = cursors[k].doc() == doc;
      }
      if (!all) continue;
      for (uint32_t p : cursors[0].positions()) {
        bool ok = true;
        for (size_t k = 1; k < cursors.size() && ok; ++k) {
          const auto& pos = cursors[k].positions();
          ok = std::binary_search(pos.begin(), pos.end(), p + static_cast<uint32_t>(k));
        }
        if (ok) {
          hit[static_cast<size_t>(slot_of_doc[doc])] = 1;
          break;
        }
      }
    }
    return hit;
  }

  // The passage of `a` shown for a hit: the window of kSnippetTokens tokens holding the most
  // matched words, from the body when it has any (the title is shown apart), else the start.
  void Snippet(const Article& a, const search::Query& q, SearchHit* hit) const {
    std::vector<const search::QueryWord*> all;
    for (const auto& w : q.words) all.push_back(&w);
    for (const auto& p : q.phrases) {
      for (const auto& w : p) all.push_back(&w);
    }
    std::vector<Paragraph> order;  // body first, the title last
    for (const Paragraph& p : a.paragraphs) {
      if (p.kind != ParagraphKind::kTitle) order.push_back(p);
    }
    for (const Paragraph& p : a.paragraphs) {
      if (p.kind == ParagraphKind::kTitle) order.push_back(p);
    }
    std::string_view text = a.text;
    size_t best_count = 0;
    bool chosen = false;
    std::vector<text::Token> tokens;
    for (const Paragraph& p : order) {
      if (p.kind == ParagraphKind::kTitle && best_count > 0) break;
      std::string_view part = text.substr(p.begin, p.end - p.begin);
      tokens.clear();
      text::Tokenize(part, &tokens);
      if (tokens.empty()) continue;
      std::vector<uint8_t> matched(tokens.size(), 0);
      for (size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind != text::TokenKind::kWord &&
            tokens[i].kind != text::TokenKind::kNumber) {
          continue;
        }
        auto f = cache->Get(part.substr(tokens[i].begin, tokens[i].end - tokens[i].begin));
        for (const auto* w : all) matched[i] |= Matches(*w, f) ? 1 : 0;
      }
      // Sliding window: `count` matches in tokens [i + 1 - kSnippetTokens, i].
      size_t count = 0, best_first = 0, paragraph_best = 0;
      for (size_t i = 0; i < tokens.size(); ++i) {
        count += matched[i];
        if (i >= kSnippetTokens) count -= matched[i - kSnippetTokens];
        if (count > paragraph_best) {
          paragraph_best = count;
          best_first = i + 1 >= kSnippetTokens ? i + 1 - kSnippetTokens : 0;
        }
      }
      if (chosen && paragraph_best <= best_count) continue;
      chosen = true;
      best_count = paragraph_best;
      size_t last = std::min(tokens.size(), best_first + kSnippetTokens) - 1;
      hit->snippet_begin = p.begin + tokens[best_first].begin;
      hit->snippet_end = p.begin + tokens[last].end;
      hit->snippet.assign(text.substr(hit->snippet_begin, hit->snippet_end - hit->snippet_begin));
      hit->highlights.clear();
      for (size_t k = best_first; k <= last; ++k) {
        if (matched[k]) {
          hit->highlights.push_back({p.begin + tokens[k].begin, p.begin + tokens[k].end});
        }
      }
    }
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& dir) {
  auto path = search::LiveSegment(dir);
  if (!path) return Err(path.error());
  auto segment = index::SegmentReader::Open(*path);
  if (!segment) return Err(segment.error());
  auto store = Store::Open(dir, {});
  if (!store) return Err(store.error());
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto impl = std::make_unique<Impl>();
  impl->segment = std::move(*segment);
  impl->store = std::move(*store);
  impl->normalizer = std::move(*normalizer);
  impl->cache = std::make_unique<text::WordCache>(impl->normalizer.get());
  const auto& docs = impl->segment->docs();
  uint64_t total = 0;
  uint32_t max_doc = docs.empty() ? 0 : docs.back().doc;
  impl->slot_of_doc.assign(max_doc + 1, -1);
  for (size_t i = 0; i < docs.size(); ++i) {
    impl->slot_of_doc[docs[i].doc] = static_cast<int32_t>(i);
    total += docs[i].length;
  }
  if (!docs.empty()) impl->avg_length = std::max(1.0, static_cast<double>(total) / docs.size());
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

Result<SearchResults> Searcher::Search(std::string_view text, const SearchOptions& options) const {
  const auto start = std::chrono::steady_clock::now();
  const Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.mu);
  auto parsed = search::ParseQuery(text, m.cache.get());
  if (!parsed) return Err(parsed.error());
  const search::Query& q = *parsed;
  const auto& docs = m.segment->docs();
  std::vector<double> score(docs.size(), 0.0);
  std::vector<uint8_t> matched(docs.size(), 0);
  auto add_term = [&](const std::string& term, double weight, bool marks) {
    index::PostingCursor c = m.segment->Postings(term);
    double idf = m.Idf(m.segment->DocFreq(term));
    while (c.Next()) {
      auto slot = static_cast<size_t>(m.slot_of_doc[c.doc()]);
      score[slot] += weight * m.Bm25(c.freq(), docs[slot].length, idf);
      if (marks) matched[slot] = 1;
    }
    return c.status();
  };
  for (const auto& w : q.words) {
    for (const auto& t : TermsOf(w)) BANTIN_RETURN_IF_ERROR(add_term(t.term, t.weight, true));
    BANTIN_RETURN_IF_ERROR(add_term("t" + PrimaryTerm(w), kInTitle, false));
  }
  // Query words that stand side by side in the document as in the query score again, as one
  // rarer term: a folded pair is far less ambiguous than its syllables ("dam phan" is nearly
  // always đàm phán, "dam" alone is not) and Vietnamese words are syllable pairs.
  for (size_t i = 0; i + 1 < q.words.size(); ++i) {
    auto pairs = m.Adjacent(PrimaryTerm(q.words[i]), PrimaryTerm(q.words[i + 1]));
    double idf = m.Idf(static_cast<uint32_t>(pairs.size()));
    for (auto [slot, n] : pairs) score[slot] += kAdjacentPair * m.Bm25(n, docs[slot].length, idf);
  }
  std::vector<std::vector<uint8_t>> phrase_docs;
  for (const auto& p : q.phrases) {
    phrase_docs.push_back(m.PhraseDocs(p));
    for (const auto& w : p) BANTIN_RETURN_IF_ERROR(add_term(PrimaryTerm(w), kPrimary, false));
  }
  std::vector<uint8_t> excluded(docs.size(), 0);
  for (const auto& w : q.excluded) {
    index::PostingCursor c = m.segment->Postings(PrimaryTerm(w));
    while (c.Next()) excluded[static_cast<size_t>(m.slot_of_doc[c.doc()])] = 1;
    if (!c.status().ok()) return Err(c.status());
  }
  const uint32_t from = search::DayNumber(options.from), to = search::DayNumber(options.to);
  int64_t source = -1;
  if (!options.source.empty()) {
    const auto& names = m.segment->sources();
    auto it = std::find(names.begin(), names.end(), options.source);
    source = it == names.end() ? -2 : it - names.begin();
  }
  std::vector<size_t> found;
  for (size_t i = 0; i < docs.size(); ++i) {
    bool in = q.words.empty() ? true : matched[i] != 0;
    for (const auto& pd : phrase_docs) in = in && pd[i];
    if (!in || excluded[i]) continue;
    if ((from && (docs[i].day == 0 || docs[i].day < from)) || (to && (docs[i].day == 0 || docs[i].day > to))) continue;
    if (source != -1 && static_cast<int64_t>(docs[i].source) != source) continue;
    found.push_back(i);
  }
  SearchResults results;
  results.total = found.size();
  size_t k = std::min(options.limit, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<ptrdiff_t>(k), found.end(),
                    [&](size_t a, size_t b) {
                      return score[a] != score[b] ? score[a] > score[b] : docs[a].doc < docs[b].doc;
                    });
  for (size_t r = 0; r < k; ++r) {
    size_t slot = found[r];
    auto stored = m.store->GetByDoc(docs[slot].doc);
    if (!stored) return Err(stored.error());
    SearchHit hit;
    hit.id = stored->article.id;
    hit.title = stored->article.title;
    hit.source = stored->article.source;
    hit.date = stored->article.date;
    hit.score = score[slot];
    m.Snippet(stored->article, q, &hit);
    results.hits.push_back(std::move(hit));
  }
  results.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return results;
}

}  // namespace bantin
