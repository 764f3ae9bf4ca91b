#include "ingest/warc.h"

#include <algorithm>
#include <string>

#include "base/ascii.h"
#include "ingest/decompress.h"
#include "web/html_article.h"

namespace bantin::ingest {
namespace {

// A buffered view of a SequentialFile: lines and counted bytes.
class Stream {
 public:
  explicit Stream(SequentialFile& f) : file_(f) {}
  // The next line without its "\r\n" or "\n"; false at the end of the input.
  Result<bool> Line(std::string* line) {
    line->clear();
    while (true) {
      const size_t nl = buf_.find('\n', pos_);
      if (nl != std::string::npos) {
        line->append(buf_, pos_, nl - pos_);
        pos_ = nl + 1;
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return true;
      }
      line->append(buf_, pos_, std::string::npos);
      pos_ = buf_.size();
      if (line->size() > (size_t{1} << 16)) return Err(Status::Corruption("", "a header line longer than 64 KiB"));
      auto more = Fill();
      if (!more) return Err(more.error());
      if (!*more) return !line->empty();
    }
  }
  // Appends the next `n` bytes to `out` (nullptr: skips them); false when the input ends first.
  Result<bool> Bytes(uint64_t n, std::string* out) {
    while (n > 0) {
      if (pos_ == buf_.size()) {
        auto more = Fill();
        if (!more) return Err(more.error());
        if (!*more) return false;
      }
      const size_t take = static_cast<size_t>(std::min<uint64_t>(n, buf_.size() - pos_));
      if (out) out->append(buf_, pos_, take);
      pos_ += take;
      n -= take;
    }
    return true;
  }

 private:
  Result<bool> Fill() {
    buf_.erase(0, pos_);
    pos_ = 0;
    const size_t old = buf_.size();
    buf_.resize(old + (size_t{1} << 16));
    auto got = file_.Read(buf_.data() + old, buf_.size() - old);
    if (!got) return Err(got.error());
    buf_.resize(old + *got);
    return *got > 0;
  }
  SequentialFile& file_;
  std::string buf_;
  size_t pos_ = 0;
};

// The value of header `key` (lowercase) in "Key: value" lines, or "".
std::string Header(const std::vector<std::string>& lines, std::string_view key) {
  for (const std::string& l : lines) {
    const size_t colon = l.find(':');
    if (colon != std::string::npos && AsciiLower(l.substr(0, colon)) == key) {
      return std::string(TrimAscii(std::string_view(l).substr(colon + 1)));
    }
  }
  return "";
}

bool IsHtml(const std::string& content_type) {
  const std::string t = AsciiLower(content_type);
  return t.starts_with("text/html") || t.starts_with("application/xhtml");
}

// A chunked HTTP body (RFC 9112 §7.1) joined; false when it is not well formed.
bool Dechunk(std::string_view in, std::string* out) {
  out->clear();
  size_t pos = 0;
  while (pos < in.size()) {
    const size_t eol = in.find("\r\n", pos);
    if (eol == std::string_view::npos) return false;
    const size_t size = std::strtoul(std::string(in.substr(pos, eol - pos)).c_str(), nullptr, 16);
    pos = eol + 2;
    if (size == 0) return true;
    if (pos + size > in.size()) return false;
    out->append(in.substr(pos, size));
    pos += size + 2;
  }
  return true;
}

}  // namespace

WarcCounts ParseWarc(std::string_view name, SequentialFile& source, size_t max_page_bytes,
                     const std::function<void(Article)>& on_article, const std::function<void(const Status&)>& on_error) {
  WarcCounts counts;
  Stream in(source);
  std::string line, block;
  while (true) {
    const std::string where = std::string(name) + ": record " + std::to_string(counts.records + 1);
    // The version line (blank lines between records are allowed), then the named fields.
    bool more = false;
    do {
      auto got = in.Line(&line);
      if (!got) return on_error(got.error().WithContext(where)), counts;
      more = *got;
    } while (more && line.empty());
    if (!more) return counts;
    if (!line.starts_with("WARC/")) {
      on_error(Status::Corruption(where, "not a WARC record (it starts \"" + line.substr(0, 40) + "\"); reading stops"));
      return counts;
    }
    std::vector<std::string> fields;
    while (true) {
      auto got = in.Line(&line);
      if (!got) return on_error(got.error().WithContext(where)), counts;
      if (!*got) return on_error(Status::Corruption(where, "cut short in its header")), counts;
      if (line.empty()) break;
      fields.push_back(line);
    }
    ++counts.records;
    const std::string length_text = Header(fields, "content-length");
    char* end = nullptr;
    const uint64_t length = std::strtoull(length_text.c_str(), &end, 10);
    if (length_text.empty() || *end != '\0') {
      on_error(Status::Corruption(where, "no valid Content-Length; reading stops"));
      return counts;
    }
    const std::string type = AsciiLower(Header(fields, "warc-type"));
    const bool response = type == "response", resource = type == "resource";
    const bool wanted = (response && AsciiLower(Header(fields, "content-type")).starts_with("application/http")) ||
                        (resource && IsHtml(Header(fields, "content-type")));
    if (wanted && length > max_page_bytes) {
      on_error(Status::InvalidArgument(where, "page of " + std::to_string(length) + " bytes, over the limit of " +
                                                  std::to_string(max_page_bytes) + "; skipped"));
    }
    block.clear();
    auto got = in.Bytes(length, wanted && length <= max_page_bytes ? &block : nullptr);
    if (!got) return on_error(got.error().WithContext(where)), counts;
    if (!*got) return on_error(Status::Corruption(where, "cut short in its content")), counts;
    if (!wanted || length > max_page_bytes) {
      ++counts.skipped;
      continue;
    }
    // A response: the HTTP status line and headers, then the body.
    std::string content_type = Header(fields, "content-type");
    std::string_view body = block;
    if (response) {
      size_t head_end = block.find("\r\n\r\n");
      size_t sep = 4;
      if (head_end == std::string::npos) head_end = block.find("\n\n"), sep = 2;
      if (head_end == std::string::npos) {
        on_error(Status::InvalidArgument(where, "HTTP response without a header end; skipped"));
        ++counts.skipped;
        continue;
      }
      std::vector<std::string> http;
      for (size_t p = 0; p < head_end;) {
        size_t e = block.find('\n', p);
        if (e == std::string::npos || e > head_end) e = head_end;
        std::string l = block.substr(p, e - p);
        if (!l.empty() && l.back() == '\r') l.pop_back();
        http.push_back(std::move(l));
        p = e + 1;
      }
      const bool ok = !http.empty() && http[0].starts_with("HTTP/") && http[0].find(" 200") != std::string::npos;
      content_type = Header(http, "content-type");
      if (!ok || !IsHtml(content_type)) {
        ++counts.skipped;
        continue;
      }
      body = std::string_view(block).substr(head_end + sep);
      std::string joined;
      if (AsciiLower(Header(http, "transfer-encoding")).find("chunked") != std::string::npos && Dechunk(body, &joined)) {
        block = std::move(joined);
        body = block;
      }
      const std::string encoding = AsciiLower(Header(http, "content-encoding"));
      if (encoding == "gzip" || encoding == "x-gzip") {
        auto plain = Decompress(where, body, Compression::kGzip, max_page_bytes);
        if (!plain) {
          on_error(plain.error());
          ++counts.skipped;
          continue;
        }
        block = std::move(*plain);
        body = block;
      }
    }
    web::PageInfo info;
    info.url = Header(fields, "warc-target-uri");
    if (info.url.starts_with("<") && info.url.ends_with(">")) info.url = info.url.substr(1, info.url.size() - 2);
    info.content_type = content_type;
    if (auto d = Date::Parse(Header(fields, "warc-date")); d) info.date = *d;
    auto article = web::ParseHtmlArticle(info.url, where, body, info);
    if (!article) {
      on_error(article.error());
      ++counts.skipped;
      continue;
    }
    if (!article->url.empty()) article->id = article->url;
    ++counts.pages;
    on_article(std::move(*article));
  }
}

}  // namespace bantin::ingest
