// Throughput of the text layer (NFC + tone canonicalization + case and diacritic folding of
// every word, syllable tokenization and sentence splitting, with no per-token output), of the
// same plus word segmentation, and the time to load the segmenter model.
//
// Input: the file named by $BANTIN_BENCH_TEXT (bench/text_bench.sh extracts the baomoi corpus
// to one; run that script, which also times `wc -w` and `uconv` on the same bytes).
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bantin/analyzer.h"

namespace {

const std::string& Corpus() {
  static const std::string* text = [] {
    auto* s = new std::string();
    const char* path = std::getenv("BANTIN_BENCH_TEXT");
    if (path == nullptr) return s;
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    *s = ss.str();
    return s;
  }();
  return *text;
}

// Cuts the corpus at line ends into pieces of about `size` bytes (articles are a few KB; the
// analyzer sees one piece at a time, as it would see one article).
std::vector<std::string_view> Pieces(std::string_view text, size_t size) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t cut = text.size() - start <= size ? std::string_view::npos : text.find('\n', start + size);
    size_t end = cut == std::string_view::npos ? text.size() : cut + 1;
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

// Runs `per_piece(analyzer, piece)` over the corpus, cut into ~4 KB pieces (articles are a few
// KB), as many times as the benchmark asks; reports bytes/s and the mean of what it returns.
template <typename PerPiece>
void RunOverCorpus(benchmark::State& state, const char* counter, PerPiece per_piece) {
  const std::string& text = Corpus();
  if (text.empty()) {
    state.SkipWithError("set BANTIN_BENCH_TEXT to a text file (see bench/text_bench.sh)");
    return;
  }
  auto analyzer = bantin::Analyzer::Create().value();
  std::vector<std::string_view> pieces = Pieces(text, 4096);
  size_t total = 0;
  for (auto _ : state) {
    for (std::string_view p : pieces) total += per_piece(*analyzer, p);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters[counter] = static_cast<double>(total) / static_cast<double>(state.iterations());
}

void BM_TextLayer(benchmark::State& state) {
  RunOverCorpus(state, "tokens", [](bantin::Analyzer& a, std::string_view p) {
    return a.Scan(p).tokens;
  });
}
BENCHMARK(BM_TextLayer)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// The text layer plus word segmentation of every sentence (issue 3's throughput figure).
void BM_Segment(benchmark::State& state) {
  RunOverCorpus(state, "words", [](bantin::Analyzer& a, std::string_view p) {
    return a.Scan(p, /*words=*/true).words;
  });
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// Creating an Analyzer: parsing the built-in segmenter model and building its tables.
void BM_LoadModel(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(bantin::Analyzer::Create().value());
}
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond);

// The analysis behind `bantin analyze` (owned strings per token, words), for comparison.
void BM_AnalyzeText(benchmark::State& state) {
  RunOverCorpus(state, "tokens", [](bantin::Analyzer& a, std::string_view p) {
    return a.AnalyzeText(p).tokens.size();
  });
}
BENCHMARK(BM_AnalyzeText)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
