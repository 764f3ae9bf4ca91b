#include "bantin/analyzer.h"

#include "segment/segmenter.h"
#include "segment/token_view.h"
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
  std::unique_ptr<segment::Segmenter> segmenter;
  // Reused across calls so the throughput path allocates only while buffers grow.
  std::vector<text::Token> tokens;
  std::vector<text::SentenceSpan> sentences;
  std::vector<segment::TokenView> views;
  std::vector<uint8_t> joins;
  segment::Segmenter::Scratch segment_scratch;

  // Segments the tokens [first, first + count) of `tokens` (one sentence of `text`) and calls
  // on_word(first_token, token_count) for each word.
  template <typename OnWord>
  void SegmentSentence(std::string_view text, std::span<const text::Token> sentence,
                       OnWord on_word) {
    if (!segmenter) return;
    views.clear();
    segment::BuildTokenViews(text, sentence, &cache, &views);
    segmenter->Segment(views, &joins, &segment_scratch);
    for (size_t i = 0; i < sentence.size();) {
      size_t j = i;
      while (j + 1 < sentence.size() && joins[j]) ++j;
      on_word(i, j - i + 1);
      i = j + 1;
    }
  }

  // Tokens and sentences of text[begin, end), offsets relative to `text`.
  void AnalyzeRange(std::string_view text, uint32_t begin, uint32_t end, Analysis* out) {
    std::string_view part = text.substr(begin, end - begin);
    std::vector<text::Token> tokens;
    text::Tokenize(part, &tokens);
    std::vector<text::SentenceSpan> sentences;
    text::SplitSentences(part, tokens, &sentences);
    const size_t token_base = out->tokens.size();
    size_t next = 0;  // first token of the current sentence
    for (const auto& s : sentences) {
      out->sentences.push_back({s.begin + begin, s.end + begin});
      size_t count = 0;
      while (next + count < tokens.size() && tokens[next + count].end <= s.end) ++count;
      std::span<const text::Token> sentence(tokens.data() + next, count);
      SegmentSentence(part, sentence, [&](size_t first, size_t n) {
        out->words.push_back({sentence[first].begin + begin, sentence[first + n - 1].end + begin,
                              static_cast<uint32_t>(token_base + next + first),
                              static_cast<uint32_t>(n)});
      });
      next += count;
    }
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

Result<std::unique_ptr<Analyzer>> Analyzer::Create(const AnalyzerOptions& options) {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto impl = std::make_unique<Impl>(std::move(*normalizer));
  if (options.words) {
    Result<std::unique_ptr<segment::Segmenter>> segmenter = Err(Status());
    if (options.segmenter_model.empty()) {
      segmenter = segment::Segmenter::Builtin();
    } else {
      auto bytes = options.env->ReadFile(options.segmenter_model);
      if (!bytes) return Err(bytes.error());
      segmenter = segment::Segmenter::Load(*bytes, options.segmenter_model);
    }
    if (!segmenter) return Err(segmenter.error());
    impl->segmenter = std::move(*segmenter);
  }
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

std::string Analyzer::SegmentLine(std::string_view line) {
  Impl& m = *impl_;
  m.tokens.clear();
  text::Tokenize(line, &m.tokens);
  std::string out;
  out.reserve(line.size() + 8);
  m.SegmentSentence(line, m.tokens, [&](size_t first, size_t n) {
    if (!out.empty()) out += ' ';
    for (size_t k = first; k < first + n; ++k) {
      const text::Token& t = m.tokens[k];
      if (k > first && t.begin > m.tokens[k - 1].end) out += '_';
      out.append(line, t.begin, t.end - t.begin);
    }
  });
  return out;
}

Analyzer::Counts Analyzer::Scan(std::string_view text, bool words) {
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
  if (!words || !m.segmenter) return counts;
  size_t next = 0;
  for (const auto& s : m.sentences) {
    size_t count = 0;
    while (next + count < m.tokens.size() && m.tokens[next + count].end <= s.end) ++count;
    m.SegmentSentence(text, std::span<const text::Token>(m.tokens.data() + next, count),
                      [&](size_t, size_t) { ++counts.words; });
    next += count;
  }
  return counts;
}

Status NameKeys(std::string_view name, std::string* exact, std::string* folded) {
  static const auto normalizer = text::Normalizer::Create();
  if (!normalizer) return normalizer.error();
  (*normalizer)->NameKeys(name, exact, folded);
  return Status::OK();
}

}  // namespace bantin
