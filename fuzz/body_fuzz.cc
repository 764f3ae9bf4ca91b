// Fuzzes the JSON body handler of POST /api/articles: any bytes, made one line when they are
// one pretty-printed object and read as JSONL with the server's limits, must give articles or
// errors — never a crash, a recursion, or an article whose paragraphs leave its text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bantin/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  bantin::ReaderOptions options;
  options.max_decompressed_bytes = 16 << 20;  // libFuzzer's memory limit is 2 GiB
  options.max_article_bytes = 64 << 10;
  bantin::ArticleReader reader(options);
  reader.ReadBytes(
      "body.jsonl", bantin::OneObjectPerLine(std::move(body)),
      [](bantin::Article a) {
        if (a.title.empty() || a.text.size() > (64 << 10)) std::abort();
        for (const bantin::Paragraph& p : a.paragraphs) {
          if (p.begin > p.end || p.end > a.text.size()) std::abort();
        }
      },
      [](const bantin::Status& s) {
        if (s.ok() || s.message().empty()) std::abort();
      });
  return 0;
}
