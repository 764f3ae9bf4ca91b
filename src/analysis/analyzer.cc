#include "bantin/analyzer.h"

#include "text/normalizer.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"
#include "text/word_cache.h"
#include "text/utf8.h"

namespace bantin {

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kSyllable: return "syllable";
    case TokenKind::kForeign: return "foreign";
    case TokenKind::kNumber: return "number";
    case TokenKind::kPunct: return "punct";
    case TokenKind::kSymbol: return "symbol";
    case TokenKind::kUrl: return "url";
    case TokenKind::kEmail: return "email";
  }
  return "symbol";
}

size_t FindInvalidUtf8(std::string_view text) {
  size_t at = text::FindInvalidUtf8(text);
  return at == text::kNoError ? std::string_view::npos : at;
}

std::string ReplaceInvalidUtf8(std::string_view text, size_t* replaced) {
  return text::ReplaceInvalidUtf8(text, replaced);
}

struct Analyzer::Impl {
  explicit Impl(std::unique_ptr<text::Normalizer> n)
      : normalizer(std::move(n)), cache(normalizer.get()) {}

  std::unique_ptr<text::Normalizer> normalizer;
  text::WordCache cache;
  // Reused by Scan() so the throughput path allocates only while buffers grow.
  std::vector<text::Token> tokens;
  std::vector<text::SentenceSpan> sentences;

  // Tokens and sentences of text[begin, end), offsets relative to `text`.
  void AnalyzeRange(std::string_view text, uint32_t begin, uint32_t end, Analysis* out) {
    std::string_view part = text.substr(begin, end - begin);
    std::vector<text::Token> tokens;
    text::Tokenize(part, &tokens);
    std::vector<text::SentenceSpan> sentences;
    text::SplitSentences(part, tokens, &sentences);
    for (const auto& s : sentences) out->sentences.push_back({s.begin + begin, s.end + begin});
    for (const text::Token& t : tokens) {
      AnalyzedToken a;
      a.begin = t.begin + begin;
      a.end = t.end + begin;
      std::string_view bytes = part.substr(t.begin, t.end - t.begin);
      switch (t.kind) {
        case text::TokenKind::kWord: {
          text::WordCache::Forms forms = cache.Get(bytes);
          a.kind = forms.syllable ? TokenKind::kSyllable : TokenKind::kForeign;
          a.norm.assign(forms.norm);
          a.fold.assign(forms.fold);
          break;
        }
        case text::TokenKind::kNumber: a.kind = TokenKind::kNumber; break;
        case text::TokenKind::kPunct: a.kind = TokenKind::kPunct; break;
        case text::TokenKind::kSymbol: a.kind = TokenKind::kSymbol; break;
        case text::TokenKind::kUrl: a.kind = TokenKind::kUrl; break;
        case text::TokenKind::kEmail: a.kind = TokenKind::kEmail; break;
      }
      if (t.kind != text::TokenKind::kWord) {
        a.norm = normalizer->Normalize(bytes);
        a.fold = normalizer->Fold(bytes);
      }
      out->tokens.push_back(std::move(a));
    }
  }
};

Result<std::unique_ptr<Analyzer>> Analyzer::Create(const AnalyzerOptions& /*options*/) {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto impl = std::make_unique<Impl>(std::move(*normalizer));
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;

Analysis Analyzer::Analyze(const Article& article) {
  Analysis out;
  for (const Paragraph& p : article.paragraphs) {
    impl_->AnalyzeRange(article.text, p.begin, p.end, &out);
  }
  return out;
}

Analysis Analyzer::AnalyzeText(std::string_view text) {
  Analysis out;
  impl_->AnalyzeRange(text, 0, static_cast<uint32_t>(text.size()), &out);
  return out;
}

std::string Analyzer::Normalize(std::string_view text) const {
  return impl_->normalizer->Normalize(text);
}

std::string Analyzer::Fold(std::string_view text) const { return impl_->normalizer->Fold(text); }

Analyzer::Counts Analyzer::Scan(std::string_view text) {
  Impl& m = *impl_;
  m.tokens.clear();
  m.sentences.clear();
  text::Tokenize(text, &m.tokens);
  text::SplitSentences(text, m.tokens, &m.sentences);
  Counts counts;
  counts.tokens = m.tokens.size();
  counts.sentences = m.sentences.size();
  for (const text::Token& t : m.tokens) {
    if (t.kind != text::TokenKind::kWord) continue;
    counts.folded_bytes += m.cache.Get(text.substr(t.begin, t.end - t.begin)).fold.size();
  }
  return counts;
}

}  // namespace bantin
