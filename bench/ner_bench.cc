// Loading the entity model and the word clusters linked into the binary (issue 12 asks < 100 ms).
//   build/bench/ner_bench
#include <benchmark/benchmark.h>

#include "extract/clusters.h"
#include "extract/ner.h"

namespace {

void BM_EntityModelLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto m = bantin::extract::NerModel::Builtin();
    benchmark::DoNotOptimize(m);
    if (!m) state.SkipWithError("no model");
  }
}
BENCHMARK(BM_EntityModelLoad)->Unit(benchmark::kMillisecond);

void BM_WordClustersLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto c = bantin::extract::WordClusters::Builtin();
    benchmark::DoNotOptimize(c);
    if (!c) state.SkipWithError("no clusters");
  }
}
BENCHMARK(BM_WordClustersLoad)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
