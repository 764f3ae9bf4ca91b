// ArticleReader: picks the format of each input and hands it to the matching parser.
#include "bantin/reader.h"

#include <algorithm>
#include <string_view>

#include <simdjson.h>

#include "base/ascii.h"
#include "ingest/decompress.h"
#include "ingest/jsonl_article.h"
#include "ingest/text_article.h"
#include "ingest/warc.h"
#include "web/html_article.h"
#include "text/utf8.h"

namespace bantin {
namespace {

enum class Format { kText, kJsonl, kHtml, kWarc, kOther };

std::string_view BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The file name without directories, compression suffix and format extension.
std::string_view Stem(std::string_view path) {
  std::string_view base = ingest::StripCompressionSuffix(BaseName(path));
  size_t dot = base.find_last_of('.');
  return dot == std::string_view::npos || dot == 0 ? base : base.substr(0, dot);
}

Format FormatOf(std::string_view name) {
  std::string_view base = ingest::StripCompressionSuffix(BaseName(name));
  if (base.ends_with(".jsonl") || base.ends_with(".ndjson") || base.ends_with(".json")) {
    return Format::kJsonl;
  }
  if (base.ends_with(".txt") || base.ends_with(".text")) return Format::kText;
  if (base.ends_with(".html") || base.ends_with(".htm") || base.ends_with(".xhtml")) return Format::kHtml;
  if (base.ends_with(".warc")) return Format::kWarc;
  return Format::kOther;
}

// 1-based line of byte `offset` in `text`.
size_t LineOf(std::string_view text, size_t offset) {
  size_t line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

}  // namespace

std::string OneObjectPerLine(std::string body) {
  if (body.find('\n') == std::string::npos) return body;
  simdjson::dom::parser parser;
  if (parser.allocate(body.size(), 64) != simdjson::SUCCESS) return body;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc) != simdjson::SUCCESS || !doc.is_object()) return body;
  return simdjson::minify(doc);
}

size_t ArticleReader::MaxPageBytes() const {
  const size_t limit = options_.max_article_bytes == 0 ? SIZE_MAX / 16 : options_.max_article_bytes;
  return std::max(8 * limit, size_t{16} << 20);
}

Status ArticleReader::Read(const std::string& path, const ArticleFn& on_article,
                           const ErrorFn& on_error) const {
  Env* env = options_.env;
  if (path != "-") {
    auto is_dir = env->IsDirectory(path);
    if (!is_dir) return is_dir.error();
    if (*is_dir) {
      auto files = env->ListFiles(path);
      if (!files) return files.error();
      for (size_t i = 0; i < files->size(); ++i) {
        const std::string& file = (*files)[i];
        if (options_.progress) options_.progress(i, files->size());
        if (FormatOf(file) == Format::kOther) continue;  // images, notes... in a news folder
        auto opened = env->OpenSequential(file);
        if (!opened) {
          on_error(opened.error());
          continue;
        }
        ReadSource(file, std::move(*opened), on_article, on_error, false);
      }
      return Status::OK();
    }
  }
  auto opened = env->OpenSequential(path);
  if (!opened) return opened.error();
  ReadSource(path == "-" ? "<stdin>" : path, std::move(*opened), on_article, on_error, true);
  return Status::OK();
}

void ArticleReader::ReadBytes(const std::string& name, std::string bytes, const ArticleFn& on_article,
                              const ErrorFn& on_error) const {
  ReadSource(name, NewStringFile(std::move(bytes)), on_article, on_error, false);
}

void ArticleReader::ReadSource(const std::string& name, std::unique_ptr<SequentialFile> source,
                               const ArticleFn& on_article, const ErrorFn& on_error, bool progress) const {
  // What the input starts with picks the decompressor, then what that gives picks the format.
  constexpr size_t kPeek = size_t{1} << 16;
  auto head = ReadUpTo(*source, kPeek);
  if (!head) return on_error(head.error().WithContext(name));
  const ingest::Compression compression = ingest::DetectCompression(*head);
  source = ingest::PrefixedFile(*head, std::move(source));
  if (compression != ingest::Compression::kNone) {
    source = ingest::Decompressor(std::move(source), compression, "", options_.max_decompressed_bytes);
    head = ReadUpTo(*source, kPeek);
    if (!head) return on_error(head.error().WithContext(name));
    source = ingest::PrefixedFile(*head, std::move(source));
  }
  const size_t first = head->find_first_not_of(" \t\r\n\xEF\xBB\xBF");  // white space, BOM bytes
  if (first == std::string::npos && head->size() < kPeek) {
    return on_error(Status::InvalidArgument(name, "empty file"));
  }
  auto finish = [&](Article a) {
    if (!a.date && options_.default_date) a.date = options_.default_date;
    on_article(std::move(a));
  };
  Format format = FormatOf(name);
  if (format == Format::kOther) {
    const std::string start = first == std::string::npos ? "" : AsciiLower(std::string_view(*head).substr(first, 15));
    if (start.starts_with("{")) format = Format::kJsonl;
    else if (start.starts_with("warc/")) format = Format::kWarc;
    else if (start.starts_with("<!doctype html") || start.starts_with("<html")) format = Format::kHtml;
    else format = Format::kText;
  }
  if (format == Format::kWarc) {
    ingest::ParseWarc(name, *source, MaxPageBytes(), finish, on_error);
    return;
  }
  if (format == Format::kHtml) {
    auto page = ReadUpTo(*source, MaxPageBytes() + 1);
    if (!page) return on_error(page.error().WithContext(name));
    if (page->size() > MaxPageBytes()) {
      return on_error(Status::InvalidArgument(name, "page longer than " + std::to_string(MaxPageBytes()) +
                                                        " bytes (--max-article-bytes times 8); skipped"));
    }
    auto article = web::ParseHtmlArticle(std::string(Stem(name)), name, *page, {});
    if (!article) return on_error(article.error());
    return finish(std::move(*article));
  }
  if (format == Format::kJsonl) {
    // simdjson validates UTF-8 per line, so one bad line does not lose the others.
    ingest::JsonlOptions jsonl;
    jsonl.replace_invalid_utf8 = options_.replace_invalid_utf8;
    jsonl.max_article_bytes = options_.max_article_bytes;
    std::function<void(uint64_t, uint64_t)> report;
    if (progress && options_.progress) report = options_.progress;
    return ingest::ParseJsonl(name, Stem(name), *source, jsonl, finish, on_error, report);
  }
  // A text file is one article: read whole, up to the article limit (with room for captions,
  // the author and source lines the parser takes out).
  const size_t limit = options_.max_article_bytes == 0 ? SIZE_MAX - 1 : 2 * options_.max_article_bytes + (size_t{1} << 16);
  auto all = ReadUpTo(*source, limit + 1);
  if (!all) return on_error(all.error().WithContext(name));
  std::string bytes = std::move(*all);
  if (bytes.size() > limit) {
    return on_error(Status::InvalidArgument(name, "file longer than " + std::to_string(limit) +
                                                      " bytes: an article's text may be at most " +
                                                      std::to_string(options_.max_article_bytes) +
                                                      " (--max-article-bytes); skipped"));
  }
  if (size_t nul = bytes.find('\0'); nul != std::string::npos) {
    return on_error(Status::InvalidArgument(
        name, "binary file, not text (NUL byte at offset " + std::to_string(nul) + ")"));
  }
  size_t replaced = 0;
  if (size_t bad = text::FindInvalidUtf8(bytes); bad != text::kNoError) {
    if (!options_.replace_invalid_utf8) {
      return on_error(Status::InvalidArgument(
          name + ":" + std::to_string(LineOf(bytes, bad)),
          "invalid UTF-8 at byte offset " + std::to_string(bad)));
    }
    bytes = text::ReplaceInvalidUtf8(bytes, &replaced);
  }
  auto article = ingest::ParseTextArticle(std::string(Stem(name)), name, std::move(bytes));
  if (!article) return on_error(article.error());
  if (options_.max_article_bytes != 0 && article->text.size() > options_.max_article_bytes) {
    return on_error(Status::InvalidArgument(name, "article text is " + std::to_string(article->text.size()) +
                                                      " bytes, more than the limit of " +
                                                      std::to_string(options_.max_article_bytes) +
                                                      " (--max-article-bytes); skipped"));
  }
  article->text_is_source = replaced == 0;
  article->invalid_utf8_replaced = static_cast<uint32_t>(replaced);
  finish(std::move(*article));
}

}  // namespace bantin
