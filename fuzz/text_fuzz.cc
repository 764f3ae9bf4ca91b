// Fuzzes the text layer: tokens and sentences of any (valid UTF-8) text are in order, inside
// the text and non-empty; every token lies in exactly one sentence; Normalize and Fold are
// idempotent.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "bantin/analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bantin::Analyzer* analyzer = bantin::Analyzer::Create().value().release();
  size_t replaced = 0;
  std::string text = bantin::ReplaceInvalidUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size), &replaced);
  bantin::Analysis a = analyzer->AnalyzeText(text);
  uint32_t prev = 0;
  for (const auto& t : a.tokens) {
    if (t.begin < prev || t.begin >= t.end || t.end > text.size()) std::abort();
    prev = t.end;
  }
  size_t next_token = 0;
  prev = 0;
  for (const auto& s : a.sentences) {
    if (s.begin < prev || s.begin >= s.end || s.end > text.size()) std::abort();
    prev = s.end;
    if (next_token >= a.tokens.size() || a.tokens[next_token].begin != s.begin) std::abort();
    while (next_token < a.tokens.size() && a.tokens[next_token].end <= s.end) ++next_token;
    if (a.tokens[next_token - 1].end != s.end) std::abort();
  }
  if (next_token != a.tokens.size()) std::abort();
  std::string norm = analyzer->Normalize(text);
  if (analyzer->Normalize(norm) != norm) std::abort();
  std::string fold = analyzer->Fold(text);
  if (analyzer->Fold(fold) != fold) std::abort();
  bantin::Analyzer::Counts c = analyzer->Scan(text);
  if (c.tokens != a.tokens.size() || c.sentences != a.sentences.size()) std::abort();
  return 0;
}
