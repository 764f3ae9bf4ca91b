// Fuzzes the query parser: any bytes (made valid UTF-8) parse into a query or a clear
// InvalidArgument, never a crash; a parsed query has something to search for (words, phrases
// or entity:"…" filters, none of them empty).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bantin/analyzer.h"
#include "search/query.h"
#include "text/normalizer.h"
#include "text/word_cache.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bantin::text::Normalizer* normalizer =
      bantin::text::Normalizer::Create().value().release();
  static bantin::text::WordCache* cache = new bantin::text::WordCache(normalizer);
  size_t replaced = 0;
  std::string text = bantin::ReplaceInvalidUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size), &replaced);
  auto q = bantin::search::ParseQuery(text, cache);
  if (q) {
    if (q->words.empty() && q->phrases.empty() && q->entities.empty()) std::abort();
    for (const auto& e : q->entities) {
      if (e.empty()) std::abort();
    }
    for (const auto& p : q->phrases) {
      if (p.size() < 2) std::abort();
    }
  } else if (!q.error().IsInvalidArgument()) {
    std::abort();
  }
  return 0;
}
