// Searcher: BM25 over the index segment, exact forms above folded ones, phrases, exclusions,
// filters, and snippets cut from the stored text.
#include "bantin/search.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <mutex>
#include <set>

#include "bantin/store.h"
#include "index/segment.h"
#include "search/index_dir.h"
#include "search/query.h"
#include "search/snapshot.h"
#include "search/top_k.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace bantin {
namespace {

// Weights of the two forms a query word matches (see search.h): the form typed, and the other.
constexpr double kPrimary = 1.0;
constexpr double kTypedPlainExactBonus = 0.5;  // "nga" typed, "Nga" in the text
constexpr double kOtherDiacritics = 0.3;       // "đường" typed, "dương" in the text
constexpr double kAdjacentPair = 1.0;          // two query words side by side, as typed
constexpr double kInTitle = 0.5;               // a query word in the headline
constexpr uint32_t kSnippetWords = 32;
// ... and at most this many bytes (a "word" of a megabyte is one token), cut on a character.
constexpr size_t kMaxSnippetBytes = 600;

using search::RankTerm;

// The terms a query word is looked up under, with their weights.
std::vector<RankTerm> TermsOf(const search::QueryWord& w) {
  if (w.plain) return {{"f:" + w.fold, kPrimary}, {"e:" + w.norm, kTypedPlainExactBonus}};
  return {{"e:" + w.norm, kPrimary}, {"f:" + w.fold, kOtherDiacritics}};
}
std::string PrimaryTerm(const search::QueryWord& w) { return w.plain ? "f:" + w.fold : "e:" + w.norm; }

}  // namespace

namespace {

// The slots in both ascending lists.
std::vector<uint32_t> Intersection(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<uint32_t> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// What tells one manifest file from the next: a commit renames a new file over it.
struct ManifestStamp {
  ino_t inode = 0;
  int64_t modified_ns = -1;
  off_t size = -1;
  bool operator==(const ManifestStamp&) const = default;
};

ManifestStamp StampOf(const std::string& dir) {
  struct stat st {};
  if (::stat(search::ManifestPath(dir).c_str(), &st) != 0) return {};
  return {st.st_ino, static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec, st.st_size};
}

// A hit's paragraphs and query words, as index positions (Searcher::Impl::Marks).
struct HitMarks {
  std::vector<uint32_t> paragraphs;  // each paragraph's first position, in article order
  std::vector<uint32_t> matched;     // the query words' positions, ascending
};

}  // namespace

struct Searcher::Impl {
  // What one search uses alone: a store connection and a word cache (neither is thread-safe).
  struct Worker {
    std::unique_ptr<Store> store;
    std::unique_ptr<text::WordCache> cache;
  };
  std::string dir;
  ManifestStamp stamp;  // of the manifest when opened
  std::unique_ptr<search::Snapshot> snap;
  std::unique_ptr<text::Normalizer> normalizer;
  mutable std::mutex mu;  // guards `idle`
  mutable std::vector<std::unique_ptr<Worker>> idle;  // workers no search holds now

  // A worker for one search: an idle one, or a new one (searches run side by side, each with
  // its own store connection).
  Result<std::unique_ptr<Worker>> Take() const {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!idle.empty()) {
        auto w = std::move(idle.back());
        idle.pop_back();
        return w;
      }
    }
    auto store = Store::Open(dir, {});
    if (!store) return Err(store.error());
    auto w = std::make_unique<Worker>();
    w->store = std::move(*store);
    w->cache = std::make_unique<text::WordCache>(normalizer.get());
    return w;
  }
  void Give(std::unique_ptr<Worker> w) const {
    std::lock_guard<std::mutex> lock(mu);
    idle.push_back(std::move(w));
  }

  // The slots of documents holding `words` as consecutive words (primary forms), ascending.
  Status MarkPhrase(const std::vector<search::QueryWord>& words, std::vector<uint32_t>* hit) const {
    const auto& segments = snap->segments;
    for (size_t s = 0; s < segments.size(); ++s) {
      std::vector<index::PostingCursor> cursors;
      for (const auto& w : words) cursors.push_back(segments[s]->Postings(PrimaryTerm(w)));
      while (cursors[0].Next()) {
        uint32_t doc = cursors[0].doc();
        bool all = true;
        for (size_t k = 1; k < cursors.size() && all; ++k) {
          all = cursors[k].SkipTo(doc) && cursors[k].doc() == doc;  // stays put when already there
        }
        if (!all) continue;
        bool found = false;
        for (uint32_t p : cursors[0].positions()) {
          bool ok = true;
          for (size_t k = 1; k < cursors.size() && ok; ++k) {
            auto pos = cursors[k].positions();
            ok = std::binary_search(pos.begin(), pos.end(), p + static_cast<uint32_t>(k));
          }
          if (ok) {
            found = true;
            break;
          }
        }
        if (!found) continue;
        if (int64_t slot = snap->SlotOf(s, doc); slot >= 0) hit->push_back(static_cast<uint32_t>(slot));
      }
      for (const auto& c : cursors) {
        if (!c.status().ok()) return Status::Corruption(segments[s]->path(), c.status().message());
      }
    }
    return Status::OK();
  }

  // The slots of documents holding the primary form of `w`, ascending.
  Status MarkWord(const search::QueryWord& w, std::vector<uint32_t>* hit) const {
    const auto& segments = snap->segments;
    for (size_t s = 0; s < segments.size(); ++s) {
      index::PostingCursor c = segments[s]->Postings(PrimaryTerm(w));
      while (c.Next()) {
        if (int64_t slot = snap->SlotOf(s, c.doc()); slot >= 0) hit->push_back(static_cast<uint32_t>(slot));
      }
      if (!c.status().ok()) return Status::Corruption(segments[s]->path(), c.status().message());
    }
    return Status::OK();
  }

  // For each of `slots`, where its paragraphs start and where the query's words (their
  // primary forms, phrases' too) stand in it, as positions (ArticleTerms' word count), read
  // from the index: each segment's lists once, the slots taken in order.
  Status Marks(const search::Query& q, const std::vector<size_t>& slots, std::vector<HitMarks>* out) const {
    std::vector<std::string> terms;
    auto add = [&](const search::QueryWord& w) {
      std::string t = PrimaryTerm(w);
      if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(std::move(t));
    };
    for (const auto& w : q.words) add(w);
    for (const auto& p : q.phrases) std::for_each(p.begin(), p.end(), add);
    std::vector<size_t> order(slots.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return slots[a] < slots[b]; });
    out->assign(slots.size(), HitMarks());
    size_t segment = SIZE_MAX;
    std::vector<index::PostingCursor> cursors;  // the paragraph marks', then each term's
    auto check = [&]() -> Status {
      for (const auto& c : cursors) {
        if (!c.status().ok()) return Status::Corruption(snap->segments[segment]->path(), c.status().message());
      }
      return Status::OK();
    };
    for (size_t i : order) {
      const size_t s = snap->SegmentOf(slots[i]);
      if (s != segment) {
        if (segment != SIZE_MAX) BANTIN_RETURN_IF_ERROR(check());
        segment = s;
        cursors.clear();
        cursors.push_back(snap->segments[s]->Postings(search::kParagraphTerm));
        for (const std::string& t : terms) cursors.push_back(snap->segments[s]->Postings(t));
      }
      const auto ordinal = static_cast<uint32_t>(slots[i] - snap->base[s] + 1);
      for (size_t k = 0; k < cursors.size(); ++k) {
        if (!cursors[k].SkipTo(ordinal) || cursors[k].doc() != ordinal) continue;
        const auto positions = cursors[k].positions();
        auto& to = k == 0 ? (*out)[i].paragraphs : (*out)[i].matched;
        to.insert(to.end(), positions.begin(), positions.end());
      }
      auto& matched = (*out)[i].matched;  // a word both typed and plain ("Nga nga") once
      std::sort(matched.begin(), matched.end());
      matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
    }
    return segment == SIZE_MAX ? Status::OK() : check();
  }

  // The passage of `a` shown for a hit: the window of kSnippetWords words holding the most
  // query words (`marks`), from the body when it has any (the title is shown apart), else the
  // start; only its paragraph is read again, to find the words' bytes.
  static void Snippet(const Article& a, const HitMarks& marks, SearchHit* hit) {
    const std::vector<uint32_t>& starts = marks.paragraphs;
    if (starts.size() != a.paragraphs.size()) return;  // an index of other articles: no passage
    std::vector<size_t> order;  // body first, the title last
    for (size_t k = 0; k < a.paragraphs.size(); ++k) {
      if (a.paragraphs[k].kind != ParagraphKind::kTitle) order.push_back(k);
    }
    for (size_t k = 0; k < a.paragraphs.size(); ++k) {
      if (a.paragraphs[k].kind == ParagraphKind::kTitle) order.push_back(k);
    }
    const std::vector<uint32_t>& matched = marks.matched;
    size_t best_count = 0, chosen = SIZE_MAX;
    uint32_t best_first = 0, best_end = 0;  // positions [first, end) of the chosen paragraph's window
    for (size_t k : order) {
      if (a.paragraphs[k].kind == ParagraphKind::kTitle && best_count > 0) break;
      // The paragraph's words: positions [begin, end) (the next paragraph starts a gap later).
      const uint32_t begin = starts[k];
      const uint32_t end = k + 1 < starts.size() ? starts[k + 1] - search::kParagraphGap : UINT32_MAX;
      if (end <= begin) continue;  // no words
      // Windows ending at each matched word: the first with the most matches.
      const auto from = std::lower_bound(matched.begin(), matched.end(), begin);
      const auto to = std::lower_bound(from, matched.end(), end);
      size_t paragraph_best = 0;
      uint32_t first = begin;
      for (auto m = from; m != to; ++m) {
        const uint32_t window_first = *m >= begin + kSnippetWords ? *m + 1 - kSnippetWords : begin;
        const auto count = static_cast<size_t>(m + 1 - std::lower_bound(from, m + 1, window_first));
        if (count > paragraph_best) {
          paragraph_best = count;
          first = window_first;
        }
      }
      if (chosen != SIZE_MAX && paragraph_best <= best_count) continue;
      chosen = k;
      best_count = paragraph_best;
      best_first = first;
      best_end = std::min<uint64_t>(end, uint64_t{first} + kSnippetWords);
    }
    if (chosen == SIZE_MAX) return;
    const Paragraph& p = a.paragraphs[chosen];
    std::string_view text = a.text;
    std::string_view part = text.substr(p.begin, p.end - p.begin);
    // The paragraph's tokens as far as the window reaches: a prefix cut after an ASCII space
    // (no token spans one) tokenizes as the whole paragraph does up to there. A word takes
    // 5 to 8 bytes; the prefix doubles until it holds the window's words.
    const uint32_t need = best_end - starts[chosen];
    std::vector<text::Token> tokens;
    for (size_t cut = std::min<uint64_t>(part.size(), uint64_t{need} * 8 + 64);; cut *= 2) {
      size_t space = cut < part.size() ? part.find_first_of(" \n\t", cut) : std::string_view::npos;
      cut = space == std::string_view::npos ? part.size() : space + 1;
      tokens.clear();
      text::Tokenize(part.substr(0, cut), &tokens);
      const auto counted = std::count_if(tokens.begin(), tokens.end(), [](const text::Token& t) {
        return t.kind == text::TokenKind::kWord || t.kind == text::TokenKind::kNumber;
      });
      if (cut == part.size() || static_cast<uint64_t>(counted) >= need) break;
    }
    // The window's words, counted as ArticleTerms counts them.
    std::vector<std::pair<const text::Token*, bool>> words;  // (token, matched)
    uint32_t position = starts[chosen];
    for (const text::Token& t : tokens) {
      if (t.kind != text::TokenKind::kWord && t.kind != text::TokenKind::kNumber) continue;
      if (position >= best_end) break;
      if (position >= best_first) words.emplace_back(&t, std::binary_search(matched.begin(), matched.end(), position));
      ++position;
    }
    if (words.empty()) return;
    hit->snippet_begin = p.begin + words.front().first->begin;
    hit->snippet_end = p.begin + words.back().first->end;
    if (hit->snippet_end - hit->snippet_begin > kMaxSnippetBytes) {
      uint32_t cut = hit->snippet_begin + static_cast<uint32_t>(kMaxSnippetBytes);
      while (cut > hit->snippet_begin && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      hit->snippet_end = cut;
    }
    hit->snippet.assign(text.substr(hit->snippet_begin, hit->snippet_end - hit->snippet_begin));
    hit->highlights.clear();
    for (const auto& [t, is_match] : words) {
      if (is_match && p.begin + t->end <= hit->snippet_end) hit->highlights.push_back({p.begin + t->begin, p.begin + t->end});
    }
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& dir) {
  auto impl = std::make_unique<Impl>();
  impl->stamp = StampOf(dir);  // before the snapshot: a commit in between makes it stale, not missed
  auto snap = search::Snapshot::Open(dir);
  if (!snap) return Err(snap.error());
  auto store = Store::Open(dir, {});
  if (!store) return Err(store.error());
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  impl->dir = dir;
  impl->snap = std::move(*snap);
  impl->normalizer = std::move(*normalizer);
  auto first = std::make_unique<Impl::Worker>();
  first->store = std::move(*store);
  first->cache = std::make_unique<text::WordCache>(impl->normalizer.get());
  impl->idle.push_back(std::move(first));
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

bool Searcher::Stale() const { return !(StampOf(impl_->dir) == impl_->stamp); }

Result<SearchResults> Searcher::Search(std::string_view text, const SearchOptions& options) const {
  const auto start = std::chrono::steady_clock::now();
  const Impl& m = *impl_;
  const search::Snapshot& snap = *m.snap;
  auto taken = m.Take();
  if (!taken) return Err(taken.error());
  // Given back when the search ends, however it ends.
  struct Return {
    const Impl& m;
    std::unique_ptr<Impl::Worker> w;
    ~Return() { m.Give(std::move(w)); }
  } held{m, std::move(*taken)};
  Impl::Worker& worker = *held.w;
  auto parsed = search::ParseQuery(text, worker.cache.get());
  if (!parsed) return Err(parsed.error());
  const search::Query& q = *parsed;
  const size_t n = snap.size();
  std::vector<RankTerm> terms;
  for (const auto& w : q.words) {
    for (auto& t : TermsOf(w)) terms.push_back(std::move(t));
    terms.push_back({"t" + PrimaryTerm(w), kInTitle});
  }
  // Query words that stand side by side in the document as in the query score again, as one
  // rarer term: a folded pair is far less ambiguous than its syllables ("dam phan" is nearly
  // always đàm phán, "dam" alone is not) and Vietnamese words are syllable pairs. The index
  // holds every pair of neighbouring words ("p:" terms).
  for (size_t i = 0; i + 1 < q.words.size(); ++i) {
    terms.push_back({"p:" + q.words[i].fold + " " + q.words[i + 1].fold, kAdjacentPair});
  }
  // The filters' documents as ascending slots (as many as match, never one per document of
  // the archive). A document must hold every phrase; its words rank like the others.
  std::vector<uint32_t> phrase_docs;
  for (size_t k = 0; k < q.phrases.size(); ++k) {
    std::vector<uint32_t> hit;
    BANTIN_RETURN_IF_ERROR(m.MarkPhrase(q.phrases[k], &hit));
    phrase_docs = k == 0 ? std::move(hit) : Intersection(phrase_docs, hit);
    for (const auto& w : q.phrases[k]) terms.push_back({PrimaryTerm(w), kPrimary});
  }
  // entity:"…": the documents extraction found naming it (all of them, for several).
  std::vector<uint32_t> named;
  for (size_t k = 0; k < q.entities.size(); ++k) {
    EntityKeys keys;
    m.normalizer->NameKeys(q.entities[k], &keys.exact, &keys.folded);
    auto docs = worker.store->extractions().DocsWithEntity(keys);  // ascending
    if (!docs) return Err(docs.error());
    std::vector<uint32_t> hit;
    for (int64_t doc : *docs) {
      if (int64_t slot = snap.SlotOfDoc(static_cast<uint32_t>(doc)); slot >= 0) hit.push_back(static_cast<uint32_t>(slot));
    }
    named = k == 0 ? std::move(hit) : Intersection(named, hit);
  }
  std::vector<uint32_t> excluded;
  for (const auto& w : q.excluded) {
    std::vector<uint32_t> hit;
    BANTIN_RETURN_IF_ERROR(m.MarkWord(w, &hit));
    std::vector<uint32_t> both;
    std::set_union(excluded.begin(), excluded.end(), hit.begin(), hit.end(), std::back_inserter(both));
    excluded = std::move(both);
  }
  const uint32_t from = search::DayNumber(options.from), to = search::DayNumber(options.to);
  int64_t source = -1;
  if (!options.source.empty()) {
    auto it = std::find(snap.source_names.begin(), snap.source_names.end(), options.source);
    source = it == snap.source_names.end() ? -2 : it - snap.source_names.begin();
  }
  auto in = [](const std::vector<uint32_t>& slots, size_t slot) {
    return std::binary_search(slots.begin(), slots.end(), static_cast<uint32_t>(slot));
  };
  auto accept = [&](size_t slot) {
    if (!q.entities.empty() && !in(named, slot)) return false;
    if (!q.phrases.empty() && !in(phrase_docs, slot)) return false;
    if (!excluded.empty() && in(excluded, slot)) return false;
    size_t s = 0;
    const index::DocInfo d = snap.Doc(slot, &s);
    if ((from && (d.day == 0 || d.day < from)) || (to && (d.day == 0 || d.day > to))) return false;
    return source == -1 || snap.source_ids[s][d.source] == source;
  };
  // The k best: ranked, or with only entity:"…" filters every document that passes them,
  // newest first (equal days in slot order; each one's day read once, only k put in order).
  const bool filtered = !q.entities.empty() || !q.phrases.empty() || !excluded.empty() || from || to ||
                        source != -1;
  auto rank = [&](size_t k) -> Result<search::TopKResult> {
    if (!terms.empty()) {
      return search::TopK(snap, terms, k, filtered ? std::function<bool(size_t)>(accept) : std::function<bool(size_t)>());
    }
    search::TopKResult out;
    std::vector<std::pair<uint32_t, size_t>> all;  // (day, slot)
    auto consider = [&](size_t slot) {
      if (accept(slot)) all.emplace_back(snap.Doc(slot).day, slot);
    };
    if (!q.entities.empty()) {
      for (uint32_t slot : named) consider(slot);
    } else {
      for (size_t i = 0; i < n; ++i) consider(i);
    }
    out.counted = all.size();
    const size_t want = std::min(all.size(), k);
    std::partial_sort(all.begin(), all.begin() + static_cast<ptrdiff_t>(want), all.end(),
                      [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (size_t r = 0; r < want; ++r) out.hits.push_back({all[r].second, 0.0});
    return out;
  };
  // Ranked for `limit` hits first. Near-duplicates of a hit kept are left out below; when that
  // leaves fewer than `limit`, the ranking is asked for more (2k + 5) until it has no more to
  // give. Ranking 25 where 10 are shown cost 13% more at the median, for duplicates that most
  // answers do not hold.
  size_t k = options.limit;
  Result<search::TopKResult> top = rank(k);
  if (!top) return Err(top.error());
  SearchResults results;
  results.total = top->counted;
  results.total_exact = top->exhaustive;
  if (!top->exhaustive) {
    // The ranking skipped documents that could not reach the top: estimate how many match
    // from the words' document frequencies (as if independent) and the share of documents
    // the filters let through; with phrases or entities, count the documents holding them
    // that the other filters let through; with other filters only, their share of 4,096
    // documents spread over the archive (the estimate costs the same at any size).
    double share = 1, accepted = static_cast<double>(n);
    if (!q.entities.empty() || !q.phrases.empty()) {
      accepted = 0;
      for (uint32_t slot : q.entities.empty() ? phrase_docs : named) accepted += accept(slot) ? 1 : 0;
    } else if (!excluded.empty() || from || to || source != -1) {
      const size_t samples = std::min<size_t>(n, 4096);
      size_t passed = 0;
      for (size_t i = 0; i < samples; ++i) passed += accept(i * n / samples) ? 1 : 0;
      accepted = samples == 0 ? 0 : static_cast<double>(passed) * static_cast<double>(n) / static_cast<double>(samples);
    }
    if (q.phrases.empty()) {
      for (const auto& w : q.words) {
        uint64_t df = 0;
        for (const auto& seg : snap.segments) df += seg->DocFreq("f:" + w.fold);
        share *= 1 - static_cast<double>(df) / std::max<size_t>(n, 1);
      }
      accepted *= 1 - share;
    }
    results.total = std::max<uint64_t>(top->counted, static_cast<uint64_t>(accepted + 0.5));
  }
  std::vector<size_t> slots;  // of the hits kept
  // The hits' stories, each time the ranking gives more.
  auto collapse = [&]() -> Status {
    std::set<int64_t> first_reports;  // of the hits kept
    slots.clear();
    results.hits.clear();
    for (const search::Ranked& r : top->hits) {
      if (results.hits.size() == options.limit) break;
      const int64_t doc = snap.Doc(r.slot).doc;
      SearchHit hit;
      hit.score = r.score;
      if (auto t = worker.store->stories().GetDoc(doc); t.has_value()) {
        const int64_t first = t->duplicate_of != 0 ? t->duplicate_of : doc;
        if (options.collapse_duplicates && !first_reports.insert(first).second) continue;
        auto count = worker.store->stories().CountReports(first);
        if (!count) return count.error();
        hit.story = t->story;
        hit.reports = *count;
      } else if (!t.error().IsNotFound()) {
        return t.error();
      }
      slots.push_back(r.slot);
      results.hits.push_back(std::move(hit));
    }
    return Status::OK();
  };
  results.rank_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  BANTIN_RETURN_IF_ERROR(worker.store->ReadTogether(collapse));
  while (results.hits.size() < options.limit && top->hits.size() == k) {
    k = 2 * k + 5;
    top = rank(k);
    if (!top) return Err(top.error());
    results.rank_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    BANTIN_RETURN_IF_ERROR(worker.store->ReadTogether(collapse));
  }
  // Their passages and articles, read in one transaction (one lock, one state).
  BANTIN_RETURN_IF_ERROR(worker.store->ReadTogether([&]() -> Status {
    std::vector<HitMarks> marks;
    BANTIN_RETURN_IF_ERROR(m.Marks(q, slots, &marks));
    for (size_t i = 0; i < slots.size(); ++i) {
      auto stored = worker.store->GetByDoc(snap.Doc(slots[i]).doc);
      if (!stored) return stored.error();
      SearchHit& hit = results.hits[i];
      hit.id = stored->article.id;
      hit.title = stored->article.title;
      hit.source = stored->article.source;
      hit.url = stored->article.url;
      hit.date = stored->article.date;
      Impl::Snippet(stored->article, marks[i], &hit);
    }
    return Status::OK();
  }));
  results.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return results;
}

}  // namespace bantin
