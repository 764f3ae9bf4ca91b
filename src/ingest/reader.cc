// ArticleReader: picks the format of each input and hands it to the matching parser.
#include "bantin/reader.h"

#include <string_view>

#include "ingest/decompress.h"
#include "ingest/jsonl_article.h"
#include "ingest/text_article.h"
#include "text/utf8.h"

namespace bantin {
namespace {

enum class Format { kText, kJsonl, kOther };

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
  return Format::kOther;
}

// 1-based line of byte `offset` in `text`.
size_t LineOf(std::string_view text, size_t offset) {
  size_t line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

}  // namespace

Status ArticleReader::Read(const std::string& path, const ArticleFn& on_article,
                           const ErrorFn& on_error) const {
  Env* env = options_.env;
  if (path == "-") {
    auto bytes = env->ReadStdin();
    if (!bytes) return bytes.error();
    ReadBytes("<stdin>", std::move(*bytes), on_article, on_error);
    return Status::OK();
  }
  auto is_dir = env->IsDirectory(path);
  if (!is_dir) return is_dir.error();
  if (!*is_dir) {
    auto bytes = env->ReadFile(path);
    if (!bytes) return bytes.error();
    ReadBytes(path, std::move(*bytes), on_article, on_error);
    return Status::OK();
  }
  auto files = env->ListFiles(path);
  if (!files) return files.error();
  for (size_t i = 0; i < files->size(); ++i) {
    const std::string& file = (*files)[i];
    if (options_.progress) options_.progress(i, files->size());
    if (FormatOf(file) == Format::kOther) continue;  // images, notes... in a news folder
    auto bytes = env->ReadFile(file);
    if (!bytes) {
      on_error(bytes.error());
      continue;
    }
    ReadBytes(file, std::move(*bytes), on_article, on_error);
  }
  return Status::OK();
}

void ArticleReader::ReadBytes(const std::string& name, std::string bytes,
                              const ArticleFn& on_article, const ErrorFn& on_error) const {
  ingest::Compression compression = ingest::DetectCompression(bytes);
  if (compression != ingest::Compression::kNone) {
    auto plain = ingest::Decompress(name, bytes, compression, options_.max_decompressed_bytes);
    if (!plain) return on_error(plain.error());
    bytes = std::move(*plain);
  }
  size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");  // white space, BOM bytes
  if (first == std::string::npos) return on_error(Status::InvalidArgument(name, "empty file"));
  if (size_t nul = bytes.find('\0'); nul != std::string::npos) {
    return on_error(Status::InvalidArgument(
        name, "binary file, not text (NUL byte at offset " + std::to_string(nul) + ")"));
  }
  auto finish = [&](Article a) {
    if (!a.date && options_.default_date) a.date = options_.default_date;
    on_article(std::move(a));
  };
  Format format = FormatOf(name);
  if (format == Format::kOther) {
    format = bytes[first] == '{' ? Format::kJsonl : Format::kText;
  }
  if (format == Format::kJsonl) {
    // simdjson validates UTF-8 per line, so one bad line does not lose the others.
    return ingest::ParseJsonl(name, Stem(name), bytes, options_.replace_invalid_utf8, finish,
                              on_error, options_.progress);
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
  article->text_is_source = replaced == 0;
  article->invalid_utf8_replaced = static_cast<uint32_t>(replaced);
  finish(std::move(*article));
}

}  // namespace bantin
