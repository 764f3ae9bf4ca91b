#include "bantin/analyzer.h"

#include "text/normalizer.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"
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
  std::unique_ptr<text::Normalizer> normalizer;

  // Tokens and sentences of text[begin, end), offsets relative to `text`.
  void AnalyzeRange(std::string_view text, uint32_t begin, uint32_t end, Analysis* out) const {
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
        case text::TokenKind::kWord:
          a.kind = normalizer->WordForms(bytes, &a.norm, &a.fold) ? TokenKind::kSyllable
                                                                  : TokenKind::kForeign;
          break;
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
  auto impl = std::make_unique<Impl>();
  impl->normalizer = std::move(*normalizer);
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;

Analysis Analyzer::Analyze(const Article& article) const {
  Analysis out;
  for (const Paragraph& p : article.paragraphs) {
    impl_->AnalyzeRange(article.text, p.begin, p.end, &out);
  }
  return out;
}

Analysis Analyzer::AnalyzeText(std::string_view text) const {
  Analysis out;
  impl_->AnalyzeRange(text, 0, static_cast<uint32_t>(text.size()), &out);
  return out;
}

std::string Analyzer::Normalize(std::string_view text) const {
  return impl_->normalizer->Normalize(text);
}

std::string Analyzer::Fold(std::string_view text) const { return impl_->normalizer->Fold(text); }

Analyzer::Counts Analyzer::Scan(std::string_view text) const {
  // Reused across calls on this thread so the loop allocates only while buffers grow.
  thread_local std::vector<text::Token> tokens;
  thread_local std::vector<text::SentenceSpan> sentences;
  thread_local std::string norm, fold;
  tokens.clear();
  sentences.clear();
  text::Tokenize(text, &tokens);
  text::SplitSentences(text, tokens, &sentences);
  Counts counts;
  counts.tokens = tokens.size();
  counts.sentences = sentences.size();
  for (const text::Token& t : tokens) {
    if (t.kind != text::TokenKind::kWord) continue;
    impl_->normalizer->WordForms(text.substr(t.begin, t.end - t.begin), &norm, &fold);
    counts.folded_bytes += fold.size();
  }
  return counts;
}

}  // namespace bantin
