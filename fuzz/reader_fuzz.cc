// Fuzzes the article reader: any bytes, read as a .txt, .jsonl, .gz or .zst file, must give
// articles or errors, never a crash, and every article's paragraphs must lie inside its text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "bantin/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kNames[] = {"a.txt", "a.jsonl", "a.jsonl.gz", "a.txt.zst", "a"};
  std::string name = kNames[data[0] % 5];
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  bantin::ReaderOptions options;
  options.max_decompressed_bytes = 16 << 20;  // libFuzzer's memory limit is 2 GiB
  bantin::ArticleReader reader(options);
  reader.ReadBytes(
      name, bytes,
      [](bantin::Article a) {
        if (a.title.empty()) std::abort();
        for (const bantin::Paragraph& p : a.paragraphs) {
          if (p.begin > p.end || p.end > a.text.size()) std::abort();
        }
      },
      [](const bantin::Status& s) {
        if (s.ok() || s.message().empty()) std::abort();
      });
  return 0;
}
