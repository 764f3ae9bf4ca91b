// HTML to article on one core: every page of a folder (BANTIN_HTML_PAGES, default the tests'
// outlet-style pages; bench/html/run.sh makes 400 more from corpus text) parsed with
// web::ParseHtmlArticle, bytes of HTML per second; the anchor, in the same run: libxml2
// building and freeing its DOM of the same pages, nothing extracted. docs/BENCHMARKS.md "Web pages".
#include <benchmark/benchmark.h>
#include <libxml/HTMLparser.h>

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

void BM_Libxml2Dom(benchmark::State& state) {
  static const std::vector<std::string> pages = LoadPages();
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& page : pages) {
      htmlDocPtr doc = htmlReadMemory(page.data(), static_cast<int>(page.size()), nullptr, "UTF-8",
                                      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                          HTML_PARSE_COMPACT);
      benchmark::DoNotOptimize(doc);
      xmlFreeDoc(doc);
      bytes += page.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Libxml2Dom)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
