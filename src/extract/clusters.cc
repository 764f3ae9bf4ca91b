#include "extract/clusters.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/table_text.h"

namespace bantin::extract {

// The bytes of data/models/clusters.tsv, linked in by builtin_clusters.S.
extern "C" const char bantin_clusters_model_begin[];
extern "C" const char bantin_clusters_model_end[];

namespace {

constexpr std::string_view kHeader = "# bantin clusters 1";

bool Upper(std::string_view s) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c > 0 && u_isupper(c);
}

// x log x, from a table for small counts (most cells of the class matrix).
class XLogX {
 public:
  XLogX() : table_(kTable) {
    for (size_t x = 1; x < kTable; ++x) table_[x] = static_cast<double>(x) * std::log(static_cast<double>(x));
  }
  double operator()(int64_t x) const {
    if (x <= 0) return 0;
    if (x < static_cast<int64_t>(kTable)) return table_[static_cast<size_t>(x)];
    return static_cast<double>(x) * std::log(static_cast<double>(x));
  }

 private:
  static constexpr size_t kTable = size_t{1} << 20;
  std::vector<double> table_;
};

// One exchange clustering of words 0..n-1 into k classes; class k is the fixed class of rare
// words and sentence boundaries (neighbour index n).
struct Exchange {
  const std::vector<std::vector<std::pair<uint32_t, uint32_t>>>& right;  // w -> (v, count)
  const std::vector<std::vector<std::pair<uint32_t, uint32_t>>>& left;   // w -> (u, count)
  const std::vector<uint32_t>& self;                                      // count of (w, w)
  uint32_t k;
  std::vector<uint32_t> cls;     // class of each word, and of the fixed neighbour (k)
  std::vector<int64_t> cells;    // (k+1)^2 class bigram counts
  std::vector<int64_t> nl, nr;   // class counts as left and right member
  XLogX f;

  int64_t& N(uint32_t a, uint32_t b) { return cells[static_cast<size_t>(a) * (k + 1) + b]; }

  void Init(size_t n) {
    cls.resize(n + 1);
    for (size_t w = 0; w < n; ++w) cls[w] = static_cast<uint32_t>(w % k);  // by frequency rank
    cls[n] = k;
    cells.assign(static_cast<size_t>(k + 1) * (k + 1), 0);
    nl.assign(k + 1, 0);
    nr.assign(k + 1, 0);
    // The fixed neighbour's own pairs are not stored; their cells stay out of every move's
    // difference, so leaving them out changes no decision.
    for (size_t w = 0; w < n; ++w) {
      for (auto [v, c] : right[w]) {
        N(cls[w], cls[v]) += c;
        nl[cls[w]] += c;
        nr[cls[v]] += c;
      }
      for (auto [u, c] : left[w]) {
        if (cls[u] != k) continue;  // pairs between movable words are counted from the left
        N(k, cls[w]) += c;
        nl[k] += c;
        nr[cls[w]] += c;
      }
      N(cls[w], cls[w]) += self[w];
      nl[cls[w]] += self[w];
      nr[cls[w]] += self[w];
    }
  }

  // Moves word w to its best class; returns whether it changed.
  bool Move(uint32_t w, std::vector<int64_t>& rw, std::vector<int64_t>& lw,
            std::vector<uint32_t>& touched_r, std::vector<uint32_t>& touched_l) {
    touched_r.clear();
    touched_l.clear();
    int64_t out_n = self[w], in_n = self[w];
    for (auto [v, c] : right[w]) {
      uint32_t cv = cls[v];
      if (rw[cv] == 0) touched_r.push_back(cv);
      rw[cv] += c;
      out_n += c;
    }
    for (auto [u, c] : left[w]) {
      uint32_t cu = cls[u];
      if (lw[cu] == 0) touched_l.push_back(cu);
      lw[cu] += c;
      in_n += c;
    }
    const int64_t s = self[w];
    const uint32_t a = cls[w];
    auto shift = [&](uint32_t b, int64_t sign) {
      for (uint32_t c : touched_r) N(b, c) += sign * rw[c];
      for (uint32_t c : touched_l) N(c, b) += sign * lw[c];
      N(b, b) += sign * s;
      nl[b] += sign * out_n;
      nr[b] += sign * in_n;
    };
    shift(a, -1);
    uint32_t best = a;
    double best_gain = -1e300;
    for (uint32_t b = 0; b < k; ++b) {
      double gain = 0;
      for (uint32_t c : touched_r) {
        if (c != b) gain += f(N(b, c) + rw[c]) - f(N(b, c));
      }
      for (uint32_t c : touched_l) {
        if (c != b) gain += f(N(c, b) + lw[c]) - f(N(c, b));
      }
      gain += f(N(b, b) + rw[b] + lw[b] + s) - f(N(b, b));
      gain -= f(nl[b] + out_n) - f(nl[b]) + f(nr[b] + in_n) - f(nr[b]);
      if (gain > best_gain + 1e-9 || (b == a && gain >= best_gain - 1e-9)) {
        best_gain = gain;
        best = b;
      }
    }
    shift(best, +1);
    cls[w] = best;
    for (uint32_t c : touched_r) rw[c] = 0;
    for (uint32_t c : touched_l) lw[c] = 0;
    return best != a;
  }

  double Objective() {
    double o = 0;
    for (int64_t c : cells) o += f(c);
    for (uint32_t b = 0; b <= k; ++b) o -= f(nl[b]) + f(nr[b]);
    return o;
  }
};

}  // namespace

std::string ClusterKey(std::string_view text, const Analysis& a, const Word& w) {
  const AnalyzedToken& first = a.tokens[w.first_token];
  if (first.kind == TokenKind::kNumber) return "<num>";
  std::string key;
  if (Upper(text.substr(first.begin, first.end - first.begin))) key = "^";
  for (uint32_t t = w.first_token; t < w.first_token + w.token_count; ++t) {
    const AnalyzedToken& tok = a.tokens[t];
    if (t > w.first_token) key += ' ';
    if (tok.norm.empty()) {
      key.append(text.substr(tok.begin, tok.end - tok.begin));
    } else {
      key += tok.norm;
    }
  }
  return key;
}

Result<WordClusters> WordClusters::Builtin() {
  std::string_view bytes(bantin_clusters_model_begin,
                         static_cast<size_t>(bantin_clusters_model_end - bantin_clusters_model_begin));
  if (bytes.empty()) return WordClusters();
  return Parse(bytes, "built-in word clusters");
}

Result<WordClusters> WordClusters::Parse(std::string_view text, std::string_view source) {
  WordClusters out;
  Status s = ForEachTableLine(text, source, kHeader, [&](std::string_view line) -> std::string {
    const auto f = TabFields(line);
    uint32_t coarse = 0, fine = 0;
    if (f.size() != 3 || f[0].empty() || !ParseDecimal(f[1], &coarse) || !ParseDecimal(f[2], &fine) ||
        coarse == 0 || fine == 0 || coarse > 65535 || fine > 65535) {
      return "want word, coarse class, fine class (classes 1 to 65535)";
    }
    const Classes c{static_cast<uint16_t>(coarse), static_cast<uint16_t>(fine)};
    if (!out.words_.emplace(HashBytes(f[0]), c).second) return "word listed twice";
    return "";
  });
  if (!s.ok()) return Err(s);
  return out;
}

uint32_t ClusterTrainer::Id(const std::string& key) {
  auto [it, added] = ids_.emplace(key, static_cast<uint32_t>(keys_.size()));
  if (added) {
    keys_.push_back(key);
    counts_.push_back(0);
  }
  return it->second;
}

void ClusterTrainer::Add(const std::vector<std::string>& sentence) {
  if (keys_.empty()) Id("<s>");  // id 0: the sentence boundary
  uint32_t prev = 0;
  for (const std::string& key : sentence) {
    uint32_t id = Id(key);
    ++counts_[id];
    ++bigrams_[(static_cast<uint64_t>(prev) << 32) | id];
    prev = id;
  }
  ++bigrams_[static_cast<uint64_t>(prev) << 32];
}

std::string ClusterTrainer::Train(const ClusterOptions& options, std::string* log) const {
  // The clustered words: the most frequent (ties by key), boundary excluded.
  std::vector<uint32_t> order;
  for (uint32_t id = 1; id < keys_.size(); ++id) {
    if (counts_[id] >= options.min_count) order.push_back(id);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return counts_[x] != counts_[y] ? counts_[x] > counts_[y] : keys_[x] < keys_[y];
  });
  if (order.size() > options.max_words) order.resize(options.max_words);
  const auto n = static_cast<uint32_t>(order.size());
  std::vector<uint32_t> index(keys_.size(), n);  // id -> word index, n = fixed
  for (uint32_t w = 0; w < n; ++w) index[order[w]] = w;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> right(n), left(n);
  std::vector<uint32_t> self(n, 0);
  {
    std::vector<std::pair<uint64_t, uint32_t>> pairs(bigrams_.begin(), bigrams_.end());
    std::sort(pairs.begin(), pairs.end());
    std::vector<uint64_t> right_fixed(n, 0), left_fixed(n, 0);
    for (auto [key, c] : pairs) {
      uint32_t l = index[key >> 32], r = index[key & 0xffffffffu];
      if (l < n && l == r) self[l] += c;
      else if (l < n && r < n) right[l].emplace_back(r, c), left[r].emplace_back(l, c);
      else if (l < n) right_fixed[l] += c;
      else if (r < n) left_fixed[r] += c;
    }
    for (uint32_t w = 0; w < n; ++w) {
      if (right_fixed[w]) right[w].emplace_back(n, static_cast<uint32_t>(right_fixed[w]));
      if (left_fixed[w]) left[w].emplace_back(n, static_cast<uint32_t>(left_fixed[w]));
    }
  }
  std::ostringstream out;
  std::vector<std::vector<uint32_t>> classes;
  for (uint32_t k : {options.coarse, options.fine}) {
    Exchange ex{right, left, self, k, {}, {}, {}, {}, {}};
    ex.Init(n);
    std::vector<int64_t> rw(k + 1, 0), lw(k + 1, 0);
    std::vector<uint32_t> tr, tl;
    for (uint32_t pass = 1; pass <= options.passes; ++pass) {
      size_t moved = 0;
      for (uint32_t w = 0; w < n; ++w) moved += ex.Move(w, rw, lw, tr, tl) ? 1 : 0;
      if (log != nullptr) {
        std::ostringstream line;
        line << k << " classes, pass " << pass << ": " << moved << " words moved, objective "
             << static_cast<int64_t>(ex.Objective()) << "\n";
        *log += line.str();
      }
      if (moved == 0) break;
    }
    ex.cls.resize(n);
    classes.push_back(std::move(ex.cls));
  }
  std::map<std::string, uint32_t> sorted;
  for (uint32_t w = 0; w < n; ++w) sorted.emplace(keys_[order[w]], w);
  out << kHeader << "\n";
  for (const auto& [key, w] : sorted) {
    out << key << '\t' << classes[0][w] + 1 << '\t' << classes[1][w] + 1 << '\n';
  }
  return out.str();
}

}  // namespace bantin::extract
