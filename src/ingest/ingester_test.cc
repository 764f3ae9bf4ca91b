#include "bantin/ingest.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace bantin {
namespace {

namespace fs = std::filesystem;

TEST(IngestTest, StoresOnceReportsErrorsAndBatches) {
  std::string dir = testing::TempDir() + "/ingest_test";
  fs::remove_all(dir);
  fs::create_directories(dir + "/in");
  std::ofstream(dir + "/in/a.jsonl")
      << R"({"id":"1","title":"Một","body":"Thân một."})" "\n"
      << R"({"id":"2","title":"Hai","body":"Thân hai."})" "\n"
      << "{broken\n"
      << R"({"id":"3","title":"Một","body":"Thân một."})" "\n";  // same content as 1
  std::ofstream(dir + "/in/b.txt") << "date 2025-04-10 Tiêu đề\nMở đầu.\n";
  auto store = Store::Open(dir + "/db", {.create = true});
  ASSERT_TRUE(store.has_value());
  IngestOptions options;
  options.batch_size = 2;
  std::vector<std::string> errors;
  options.on_error = [&](const Status& s) { errors.push_back(s.message()); };
  int progress_calls = 0;
  options.on_progress = [&](const IngestProgress& p) {
    ++progress_calls;
    EXPECT_GE(p.fraction, 0.0);
    EXPECT_LE(p.fraction, 1.0);
  };
  auto stats = Ingest(**store, {dir + "/in"}, options);
  ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
  EXPECT_EQ(stats->read, 4u);
  EXPECT_EQ(stats->added, 3u);
  EXPECT_EQ(stats->duplicate_content, 1u);
  EXPECT_EQ(stats->errors, 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with(dir + "/in/a.jsonl:3: malformed JSON")) << errors[0];
  EXPECT_GE(progress_calls, 2);

  auto again = Ingest(**store, {dir + "/in"}, options);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->added, 0u);
  EXPECT_EQ(again->duplicate_id, 3u);
  EXPECT_EQ(again->duplicate_content, 1u);
  EXPECT_EQ(*(*store)->Count(), 3);
  EXPECT_EQ((*store)->Get("b")->article.date->ToString(), "2025-04-10");
}

}  // namespace
}  // namespace bantin
