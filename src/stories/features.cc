#include "stories/features.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include <xxhash.h>

#include "stories/background.h"
#include "stories/words.h"

namespace bantin::stories {
namespace {

// Kinds of term, as hash seeds: the same text as a word and as an entity are different terms.
constexpr uint64_t kUnigram = 1, kBigram = 2, kEntity = 3, kEvent = 4;
// How much an entity or event counts against a word (they say more about the story).
constexpr float kEntityBoost = 2.0f, kEventBoost = 1.0f, kTitleBoost = 2.0f;
constexpr double kEntityPrior = 64;

uint64_t Hash(std::string_view s, uint64_t seed) { return XXH3_64bits_withSeed(s.data(), s.size(), seed); }

}  // namespace

Counts CountTerms(const ArticleText& text, const Background& background) {
  std::map<uint64_t, TermCount> counts;
  auto add = [&](uint64_t key, float weight, uint32_t bg, bool word) {
    TermCount& t = counts[key];
    t.key = key;
    t.count += weight;
    t.background = bg;
    t.word = word;
  };
  auto words = [&](std::string_view folded, size_t limit, float weight) {
    std::vector<std::string_view> w = FoldedWords(folded);
    if (w.size() > limit) w.resize(limit);
    std::vector<uint32_t> bg(w.size());
    for (size_t i = 0; i < w.size(); ++i) bg[i] = background.Count(w[i]);
    for (size_t i = 0; i < w.size(); ++i) {
      if (w[i].size() < 2) continue;
      add(Hash(w[i], kUnigram), weight, bg[i], true);
      if (i + 1 < w.size() && !BreakBetween(w[i], w[i + 1])) {
        add(Hash(w[i + 1], Hash(w[i], kBigram)), weight, std::min(bg[i], bg[i + 1]), true);
      }
    }
  };
  words(text.folded_title, 60, kTitleBoost);
  words(text.folded_body, kOpeningWords, 1.0f);
  for (const std::string& e : text.entities) add(Hash(e, kEntity), kEntityBoost, 0, false);
  for (const std::string& e : text.events) add(DyadKey(e), kEventBoost, 0, false);
  Counts out;
  out.reserve(counts.size());
  for (const auto& [key, t] : counts) out.push_back(t);
  return out;
}

std::string Dyad(const std::string& a, const std::string& b, const std::string& code) {
  return a < b ? a + "|" + b + "|" + code : b + "|" + a + "|" + code;
}

uint64_t DyadKey(const std::string& dyad) { return Hash(dyad, kEvent); }

DocFrequencies::DocFrequencies() : counts_(kBuckets, 0), marked_(kBuckets, false) {}

void DocFrequencies::Add(const Counts& counts) {
  ++docs_;
  for (const TermCount& t : counts) {
    const uint32_t bucket = static_cast<uint32_t>(t.key & (kBuckets - 1));
    uint16_t& c = counts_[bucket];
    if (c == UINT16_MAX) continue;
    ++c;
    if (!marked_[bucket]) {
      marked_[bucket] = true;
      changed_.push_back(bucket);
    }
  }
}

std::vector<std::pair<uint32_t, uint16_t>> DocFrequencies::TakeChanged() {
  std::sort(changed_.begin(), changed_.end());
  std::vector<std::pair<uint32_t, uint16_t>> out;
  out.reserve(changed_.size());
  for (uint32_t bucket : changed_) {
    out.emplace_back(bucket, counts_[bucket]);
    marked_[bucket] = false;
  }
  changed_.clear();
  return out;
}

Status DocFrequencies::Restore(uint32_t counter, uint16_t value, std::string_view source) {
  if (counter >= kBuckets) {
    return Status::Corruption(source, "counter " + std::to_string(counter) + " is past the table's " +
                                          std::to_string(kBuckets));
  }
  counts_[counter] = value;
  return Status::OK();
}

float DocFrequencies::Idf(const TermCount& t, uint64_t background_docs) const {
  // Entities and events have no background counts: they are taken to be in one background
  // article of kEntityPrior (a prior that a large archive's own counts soon outweigh).
  const double n = static_cast<double>(docs_ + background_docs) + 1.0;
  const double prior = t.word ? t.background : static_cast<double>(background_docs) / kEntityPrior;
  const double df = static_cast<double>(counts_[t.key & (kBuckets - 1)]) + prior + 0.5;
  return static_cast<float>(std::log(n / df));
}

std::string DocFrequencies::Serialize() const {
  std::string out("BTDF1");
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(docs_ >> (8 * i)));
  out.resize(out.size() + 2 * kBuckets);
  char* p = out.data() + 13;
  for (uint16_t c : counts_) {
    *p++ = static_cast<char>(c & 0xff);
    *p++ = static_cast<char>(c >> 8);
  }
  return out;
}

Result<DocFrequencies> DocFrequencies::Parse(std::string_view bytes, std::string_view source) {
  if (bytes.size() != 13 + 2 * kBuckets || bytes.substr(0, 5) != "BTDF1") {
    return Err(Status::Corruption(source, "not a document-frequency table (BTDF1, " +
                                              std::to_string(13 + 2 * kBuckets) + " bytes)"));
  }
  DocFrequencies df;
  for (int i = 0; i < 8; ++i) df.docs_ |= uint64_t{static_cast<unsigned char>(bytes[5 + i])} << (8 * i);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data()) + 13;
  for (size_t i = 0; i < kBuckets; ++i, p += 2) df.counts_[i] = static_cast<uint16_t>(p[0] | (p[1] << 8));
  return df;
}

Vector Weigh(const Counts& counts, const DocFrequencies& df, uint64_t background_docs, size_t keep) {
  Vector v;
  v.reserve(counts.size());
  for (const TermCount& t : counts) {
    const float w = (1.0f + std::log(std::max(t.count, 1.0f))) * std::max(df.Idf(t, background_docs), 0.0f);
    if (w > 0) v.push_back({t.key, w});
  }
  if (v.size() > keep) {
    std::nth_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(keep), v.end(),
                     [](const Term& a, const Term& b) { return a.weight > b.weight || (a.weight == b.weight && a.key < b.key); });
    v.resize(keep);
  }
  std::sort(v.begin(), v.end(), [](const Term& a, const Term& b) { return a.key < b.key; });
  float norm = 0;
  for (const Term& t : v) norm += t.weight * t.weight;
  norm = std::sqrt(norm);
  if (norm > 0) {
    for (Term& t : v) t.weight /= norm;
  }
  return v;
}

float Dot(const Vector& a, const Vector& b) {
  float s = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i].key < b[j].key) ++i;
    else if (a[i].key > b[j].key) ++j;
    else s += a[i++].weight * b[j++].weight;
  }
  return s;
}

}  // namespace bantin::stories
