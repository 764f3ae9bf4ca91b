// HTML to article on one core: every page of a folder (BANTIN_HTML_PAGES, default the tests'
// outlet-style pages; bench/html/run.sh makes 400 more from corpus text) parsed with
// web::ParseHtmlArticle, bytes of HTML per second. docs/BENCHMARKS.md "Web pages".
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "web/html_article.h"

namespace {

std::vector<std::string> LoadPages() {
  const char* env = std::getenv("BANTIN_HTML_PAGES");
  const std::string dir = env ? env : std::string(BANTIN_SOURCE_DIR) + "/src/web/testdata/pages";
  std::vector<std::string> pages;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".html") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    pages.push_back(s.str());
  }
  return pages;
}

void BM_HtmlToArticle(benchmark::State& state) {
  static const std::vector<std::string> pages = LoadPages();
  size_t bytes = 0, articles = 0;
  for (auto _ : state) {
    for (const std::string& page : pages) {
      auto a = bantin::web::ParseHtmlArticle("p", "p.html", page, {});
      articles += a.has_value();
      bytes += page.size();
      benchmark::DoNotOptimize(a);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["pages"] = static_cast<double>(pages.size());
  state.counters["articles"] = benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HtmlToArticle)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
