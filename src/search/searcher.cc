// Searcher: BM25 over the index segment, exact forms above folded ones, phrases, exclusions,
// filters, and snippets cut from the stored text.
#include "bantin/search.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
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
constexpr size_t kSnippetTokens = 32;
// ... and at most this many bytes (a "word" of a megabyte is one token), cut on a character.
constexpr size_t kMaxSnippetBytes = 600;

using search::RankTerm;

// The terms a query word is looked up under, with their weights.
std::vector<RankTerm> TermsOf(const search::QueryWord& w) {
  if (w.plain) return {{"f:" + w.fold, kPrimary}, {"e:" + w.norm, kTypedPlainExactBonus}};
  return {{"e:" + w.norm, kPrimary}, {"f:" + w.fold, kOtherDiacritics}};
}
std::string PrimaryTerm(const search::QueryWord& w) { return w.plain ? "f:" + w.fold : "e:" + w.norm; }

bool Matches(const search::QueryWord& w, const text::WordCache::Forms& f) {
  return w.plain ? f.fold == w.fold : f.norm == w.norm;
}

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

  // The passage of `a` shown for a hit: the window of kSnippetTokens tokens holding the most
  // matched words, from the body when it has any (the title is shown apart), else the start.
  void Snippet(const Article& a, const search::Query& q, text::WordCache* cache, SearchHit* hit) const {
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
    size_t shortest = SIZE_MAX, longest = 0;
    // The first bytes of the words' folded forms. A token that starts with an ASCII byte
    // folds to a form starting with that byte lowercased, so it can only match a word whose
    // folded form starts so (a matching exact form folds alike): most tokens are ruled out
    // without normalizing them. Tokens starting otherwise ("Đà", "Ấn") are looked up.
    std::array<bool, 128> first{};
    for (const auto* w : all) {
      shortest = std::min(shortest, w->fold.size());
      longest = std::max(longest, w->fold.size());
      if (!w->fold.empty() && static_cast<unsigned char>(w->fold[0]) < 128) first[static_cast<unsigned char>(w->fold[0])] = true;
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
        // A token can only match a word whose folded form is no longer than it and no less
        // than a third of it (a letter takes 1 to 3 bytes, đ 2).
        const size_t bytes = tokens[i].end - tokens[i].begin;
        if (bytes < shortest || bytes > 3 * longest) continue;
        const auto lead = static_cast<unsigned char>(part[tokens[i].begin]);
        if (lead < 128 && !first[lead >= 'A' && lead <= 'Z' ? lead + ('a' - 'A') : lead]) continue;
        auto f = cache->Get(part.substr(tokens[i].begin, bytes));
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
      if (hit->snippet_end - hit->snippet_begin > kMaxSnippetBytes) {
        uint32_t cut = hit->snippet_begin + static_cast<uint32_t>(kMaxSnippetBytes);
        while (cut > hit->snippet_begin && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        hit->snippet_end = cut;
        while (last > best_first && p.begin + tokens[last].begin >= cut) --last;
      }
      hit->snippet.assign(text.substr(hit->snippet_begin, hit->snippet_end - hit->snippet_begin));
      hit->highlights.clear();
      for (size_t k = best_first; k <= last; ++k) {
        if (matched[k] && p.begin + tokens[k].end <= hit->snippet_end) {
          hit->highlights.push_back({p.begin + tokens[k].begin, p.begin + tokens[k].end});
        }
      }
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
  Result<search::TopKResult> top = search::TopKResult{};
  if (terms.empty()) {
    // Only entity:"…" filters: every document that passes them, newest first (equal days in
    // slot order); each one's day read once, only the first `want` put in order.
    std::vector<std::pair<uint32_t, size_t>> all;  // (day, slot)
    auto consider = [&](size_t slot) {
      if (accept(slot)) all.emplace_back(snap.Doc(slot).day, slot);
    };
    if (!q.entities.empty()) {
      for (uint32_t slot : named) consider(slot);
    } else {
      for (size_t i = 0; i < n; ++i) consider(i);
    }
    top->counted = all.size();
    const size_t want = std::min(all.size(), options.collapse_duplicates ? 2 * options.limit + 5 : options.limit);
    std::partial_sort(all.begin(), all.begin() + static_cast<ptrdiff_t>(want), all.end(),
                      [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (size_t r = 0; r < want; ++r) top->hits.push_back({all[r].second, 0.0});
  } else {
    // Room for the near-duplicates collapsed below.
    const bool filtered = !q.entities.empty() || !q.phrases.empty() || !excluded.empty() || from || to ||
                          source != -1;
    top = search::TopK(snap, terms, options.collapse_duplicates ? 2 * options.limit + 5 : options.limit,
                       filtered ? std::function<bool(size_t)>(accept) : std::function<bool(size_t)>());
  }
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
  results.rank_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::set<int64_t> first_reports;  // of the hits kept
  // The hits' articles and stories, read in one transaction (one lock, one state).
  BANTIN_RETURN_IF_ERROR(worker.store->ReadTogether([&]() -> Status {
    for (const search::Ranked& r : top->hits) {
      if (results.hits.size() == options.limit) break;
      const int64_t doc = snap.Doc(r.slot).doc;
      int64_t story = 0, reports = 1;
      if (auto t = worker.store->stories().GetDoc(doc); t.has_value()) {
        const int64_t first = t->duplicate_of != 0 ? t->duplicate_of : doc;
        if (options.collapse_duplicates && !first_reports.insert(first).second) continue;
        auto n = worker.store->stories().CountReports(first);
        if (!n) return n.error();
        story = t->story;
        reports = *n;
      } else if (!t.error().IsNotFound()) {
        return t.error();
      }
      auto stored = worker.store->GetByDoc(doc);
      if (!stored) return stored.error();
      SearchHit hit;
      hit.story = story;
      hit.reports = reports;
      hit.id = stored->article.id;
      hit.title = stored->article.title;
      hit.source = stored->article.source;
      hit.url = stored->article.url;
      hit.date = stored->article.date;
      hit.score = r.score;
      m.Snippet(stored->article, q, worker.cache.get(), &hit);
      results.hits.push_back(std::move(hit));
    }
    return Status::OK();
  }));
  results.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return results;
}

}  // namespace bantin
