// Test helpers: the seed articles of ../shared (tests skip when they are absent), and
// one-paragraph articles.
// Thread safety: stateless.
#ifndef BANTIN_EXTRACT_TEST_SEEDS_H_
#define BANTIN_EXTRACT_TEST_SEEDS_H_

#include <filesystem>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "bantin/reader.h"

namespace bantin::testing_seeds {

// The path of the seed whose name starts with `prefix` ("000_"), or "" if there is none.
inline std::string SeedPath(const std::string& prefix) {
  const std::string dir = std::string(BANTIN_SHARED_DIR) + "/data/seeds";
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
    if (f.path().filename().string().rfind(prefix, 0) == 0) return f.path().string();
  }
  return "";
}

// The one article of `path`, dated `date` when it names none.
inline Article ReadSeed(const std::string& path, std::optional<Date> date = std::nullopt) {
  ReaderOptions options;
  options.default_date = date;
  ArticleReader reader(options);
  Article out;
  Status s = reader.Read(path, [&](Article a) { out = std::move(a); },
                         [](const Status& e) { ADD_FAILURE() << e.ToString(); });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

// An article of one body paragraph: `text`.
inline Article FromText(const std::string& text) {
  Article a;
  a.id = "t";
  a.text = text;
  a.paragraphs = {{ParagraphKind::kBody, 0, static_cast<uint32_t>(text.size())}};
  return a;
}

}  // namespace bantin::testing_seeds

#endif  // BANTIN_EXTRACT_TEST_SEEDS_H_
