// Analyzer: what bantin understands of an article's text — sentences and tokens (syllables,
// foreign words, numbers, punctuation, URLs, e-mails), each with byte offsets into
// Article::text and its normalized (`norm`) and folded search (`fold`) forms.
//
//   auto analyzer = bantin::Analyzer::Create().value();
//   bantin::Analysis a = analyzer->Analyze(article);
//   for (const auto& s : a.sentences)
//     std::cout << std::string_view(article.text).substr(s.begin, s.end - s.begin) << "\n";
//   for (const auto& t : a.tokens)           // "Hoà" -> norm "hòa", fold "hoa"
//     std::cout << t.norm << " " << t.fold << "\n";
//   analyzer->Normalize("Thuỷ điện") == "Thủy điện";
//   analyzer->Fold("Đàm phán") == "dam phan";
//
// Thread safety: an Analyzer keeps working memory (a cache of word forms), so it is not
// thread-safe: create one per thread (creation is cheap; later models are shared read-only).
#ifndef BANTIN_ANALYZER_H_
#define BANTIN_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/article.h"
#include "bantin/env.h"
#include "bantin/status.h"

namespace bantin {

enum class TokenKind : uint8_t {
  kSyllable,  // a Vietnamese syllable ("đàm", "Nga")
  kForeign,   // a word that is not one ("Putin", "TASS", "5G")
  kNumber,    // "20", "10/4", "2025-12-24", "24.000", "3,5"
  kPunct,
  kSymbol,
  kUrl,
  kEmail,
};
std::string_view TokenKindName(TokenKind kind);

struct AnalyzedToken {
  uint32_t begin = 0;  // byte offsets into the analyzed text
  uint32_t end = 0;
  TokenKind kind = TokenKind::kPunct;
  std::string norm;  // NFC, canonical tone placement, lowercase ("hòa")
  std::string fold;  // norm without diacritics, đ -> d ("hoa")
};

struct Sentence {
  uint32_t begin = 0;  // byte offsets into the analyzed text
  uint32_t end = 0;
};

// A word: one or more tokens ("đàm phán", "Thổ Nhĩ Kỳ", "Alexandr Darchiev"), as the word
// segmenter groups them within a sentence.
struct Word {
  uint32_t begin = 0;  // byte offsets into the analyzed text
  uint32_t end = 0;
  uint32_t first_token = 0;  // index into Analysis::tokens
  uint32_t token_count = 0;
};

struct Analysis {
  std::vector<Sentence> sentences;
  std::vector<AnalyzedToken> tokens;
  std::vector<Word> words;  // every token in exactly one word, in order
};

// The byte offset of the first ill-formed UTF-8 sequence in `text`, or std::string_view::npos.
size_t FindInvalidUtf8(std::string_view text);
// `text` with each ill-formed sequence replaced by U+FFFD; `*replaced` gets how many.
std::string ReplaceInvalidUtf8(std::string_view text, size_t* replaced);

struct AnalyzerOptions {
  // Segment sentences into words (Analysis::words, SegmentLine, Scan's word count). Without it
  // no model is loaded and `words` stays empty.
  bool words = true;
  // Word segmentation model file (from `bantin train-segmenter`); empty: the built-in model.
  std::string segmenter_model;
  Env* env = Env::Default();  // reads `segmenter_model`
};

class Analyzer {
 public:
  // Fails when the segmenter model cannot be read or is not a valid model.
  static Result<std::unique_ptr<Analyzer>> Create(const AnalyzerOptions& options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Sentences, tokens and words of every paragraph of `article` (title, lead, body, captions;
  // not the date, author or source lines). Offsets point into article.text.
  // REQUIRES: article.text is valid UTF-8 (ArticleReader guarantees it).
  Analysis Analyze(const Article& article);
  // The same for a bare text. REQUIRES: valid UTF-8.
  Analysis AnalyzeText(std::string_view text);

  // NFC + canonical tone placement, case kept. REQUIRES: valid UTF-8.
  std::string Normalize(std::string_view text) const;
  // The search form: Normalize, lowercase, diacritics removed (đ -> d). REQUIRES: valid UTF-8.
  std::string Fold(std::string_view text) const;

  // Segments `line` as one sentence and renders it as the gold files do: words separated by
  // single spaces, the syllables of a word joined by "_" ("Phái_đoàn Nga do ông ..."), other
  // bytes kept. REQUIRES: valid UTF-8 and AnalyzerOptions::words.
  std::string SegmentLine(std::string_view line);

  // Counts of what Analyze would produce for `text`, computed with no per-token allocation:
  // the text layer's throughput path (benchmarks).
  // With `words`, also segments each sentence into words.
  struct Counts {
    size_t tokens = 0;
    size_t sentences = 0;
    size_t folded_bytes = 0;
    size_t words = 0;  // 0 unless asked for
  };
  Counts Scan(std::string_view text, bool words = false);

 private:
  struct Impl;
  explicit Analyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The two keys an entity's name is looked up by, the same everywhere (entity:"…" filters,
// events' actors, the store's aliases): `exact` = lowercase, NFC, canonical tone placement;
// `folded` = also without diacritics; white space made single ("  Hoa  Kỳ" -> "hoa kỳ",
// "hoa ky"). Fails only when ICU's data cannot be loaded. REQUIRES: valid UTF-8.
Status NameKeys(std::string_view name, std::string* exact, std::string* folded);

}  // namespace bantin

#endif  // BANTIN_ANALYZER_H_
