// ArticleReader: reads news articles as people have them.
//
//   bantin::ArticleReader reader({});
//   Status s = reader.Read("news/", [](bantin::Article a) { ... },
//                          [](const bantin::Status& e) { std::cerr << e.ToString() << "\n"; });
//
// Inputs: web pages (.html, .htm: the article on the page, web/html_article.h), web archives
// (.warc: every HTML page of status 200 an article, ingest/warc.h), plain-text articles (.txt: optional "date YYYY-MM-DD" line start, title, lead, body
// paragraphs, photo captions "... Ảnh: X", author line, "Nguồn: X" line), JSONL (one article a
// line: id, title, lead, body, date, url, source, category, lang), either one compressed with
// zstd (.zst) or gzip (.gz), folders of them (recursively, in path order), and "-" for
// standard input. Bad input — a binary file, invalid UTF-8, an empty file, a malformed or too
// deeply nested JSON line, a missing title, an article over the size limit — is reported
// through the error callback with the file and line, and reading goes on with the next
// article. A compressed file cut short (or damaged) keeps every article before the cut, and
// the error names the line where it broke.
//
// Thread safety: Read() is const and may run concurrently on one reader.
#ifndef BANTIN_READER_H_
#define BANTIN_READER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "bantin/article.h"
#include "bantin/env.h"
#include "bantin/status.h"

namespace bantin {

struct ReaderOptions {
  Env* env = Env::Default();  // not owned; must outlive the reader
  // Invalid UTF-8 is an error by default. When true, each ill-formed sequence is replaced with
  // U+FFFD instead (the article's text then differs from the file's bytes: text_is_source is
  // false) and the reader goes on.
  bool replace_invalid_utf8 = false;
  // A compressed file that expands past this many bytes is refused (a damaged file or a
  // decompression bomb) from there on, with an error naming it; what came before is read and
  // the other inputs go on. Inputs are read a piece at a time: memory holds the longest line.
  size_t max_decompressed_bytes = size_t{64} << 30;
  // An article whose text (title, lead, body) is longer is refused with an error naming its
  // file and line (a JSONL line over 4x this + 1 MiB is not even parsed); 0: no limit.
  size_t max_article_bytes = size_t{2} << 20;
  // Called now and then while reading one path with how far it has got: done / total is the
  // fraction (units are the reader's: files of a folder, bytes of a file). May be empty.
  std::function<void(uint64_t done, uint64_t total)> progress;
  // Given to articles whose input names no date. Absent: such articles keep no date.
  std::optional<Date> default_date;
};

// `body` made JSONL: a body that is one JSON object written over several lines (pretty-printed)
// becomes that object on one line; any other body is returned as it is. Nesting deeper than
// 64 is not followed (the body is returned as it is; reading it then reports the error).
std::string OneObjectPerLine(std::string body);

class ArticleReader {
 public:
  using ArticleFn = std::function<void(Article)>;
  using ErrorFn = std::function<void(const Status&)>;

  explicit ArticleReader(ReaderOptions options) : options_(std::move(options)) {}

  // The largest web page (an HTML file or a WARC record's page) read: eight times the article
  // limit, at least 16 MiB; a larger page is skipped with an error.
  size_t MaxPageBytes() const;

  // Reads every article at `path` (see the file comment), calling `on_article` for each one
  // read and `on_error` for each one that could not be. Returns non-OK only when `path`
  // itself cannot be opened or listed.
  Status Read(const std::string& path, const ArticleFn& on_article, const ErrorFn& on_error) const;

  // Reads `bytes` as the content of a file called `name` (whose extension picks the format,
  // as Read() does).
  void ReadBytes(const std::string& name, std::string bytes, const ArticleFn& on_article,
                 const ErrorFn& on_error) const;

 private:
  void ReadSource(const std::string& name, std::unique_ptr<SequentialFile> source, const ArticleFn& on_article,
                  const ErrorFn& on_error, bool progress) const;

  ReaderOptions options_;
};

}  // namespace bantin

#endif  // BANTIN_READER_H_
