#include <gtest/gtest.h>

#include "bantin/article.h"
#include "bantin/env.h"
#include "bantin/status.h"
#include "base/table_text.h"

namespace bantin {
namespace {

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status::OK().ok());
  EXPECT_EQ(Status::OK().ToString(), "OK");
  Status s = Status::InvalidArgument("a.txt:3", "missing title");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.message(), "a.txt:3: missing title");
  EXPECT_EQ(s.ToString(), "Invalid argument: a.txt:3: missing title");
  EXPECT_EQ(Status::Corruption("seg.pst").ToString(), "Corruption: seg.pst");
}

Status FailIfNegative(int v) {
  if (v < 0) return Status::InvalidArgument("v", "negative");
  return Status::OK();
}
Result<int> Doubled(int v) {
  BANTIN_RETURN_IF_ERROR(FailIfNegative(v));
  return 2 * v;
}
Status Checked(int v) {
  BANTIN_RETURN_IF_ERROR(FailIfNegative(v));
  return Status::OK();
}

TEST(StatusTest, ReturnIfErrorServesStatusAndResult) {
  EXPECT_EQ(*Doubled(4), 8);
  ASSERT_FALSE(Doubled(-1).has_value());
  EXPECT_EQ(Doubled(-1).error().message(), "v: negative");
  EXPECT_TRUE(Checked(1).ok());
  EXPECT_TRUE(Checked(-1).IsInvalidArgument());
}

TEST(DateTest, ParsesTable) {
  struct Case { const char* in; bool ok; const char* out; };
  const Case cases[] = {
      {"2025-12-24", true, "2025-12-24"},
      {"2019-05-03T10:20:00+07:00", true, "2019-05-03"},
      {"2024-02-29", true, "2024-02-29"},
      {"2023-02-29", false, ""},
      {"1900-02-29", false, ""},
      {"2000-02-29", true, "2000-02-29"},
      {"2025-13-01", false, ""},
      {"2025-04-31", false, ""},
      {"2025-1-1", false, ""},
      {"24/12/2025", false, ""},
      {"", false, ""},
      {"2025-12-24x", false, ""},
  };
  for (const Case& c : cases) {
    auto d = Date::Parse(c.in);
    EXPECT_EQ(d.has_value(), c.ok) << c.in;
    if (d && c.ok) {
      EXPECT_EQ(d->ToString(), c.out);
    }
  }
  EXPECT_LT(*Date::Parse("2025-04-10"), *Date::Parse("2025-12-24"));
}

TEST(MemEnvTest, ListsAndReads) {
  auto env = NewMemEnv({{"d/a.txt", "A"}, {"d/sub/b.jsonl", "B"}, {"d/.hidden", "H"},
                        {"e.txt", "E"}},
                       "stdin!");
  EXPECT_EQ(*env->ReadFile("e.txt"), "E");
  EXPECT_TRUE(env->ReadFile("nope").error().IsNotFound());
  EXPECT_TRUE(*env->IsDirectory("d"));
  EXPECT_FALSE(*env->IsDirectory("e.txt"));
  EXPECT_TRUE(env->IsDirectory("zz").error().IsNotFound());
  EXPECT_EQ(*env->ListFiles("d"), (std::vector<std::string>{"d/a.txt", "d/sub/b.jsonl"}));
  EXPECT_EQ(*ReadAllOf(env.get(), "-"), "stdin!");
  EXPECT_EQ(*ReadAllOf(env.get(), "e.txt"), "E");
  EXPECT_TRUE(ReadAllOf(env.get(), "nope").error().IsNotFound());
}

// A durable write struck at any step leaves the old content or the new one, whole; a write
// that was never synced is lost at the fault, so the old content must still be there.
TEST(EnvTest, DurableWritesAreAllOrNothingAtEveryFault) {
  int steps = 0;
  {
    auto mem = NewMemEnv({{"d/f", "old"}});
    auto counting = NewFaultEnv(mem.get(), 0, &steps);
    ASSERT_TRUE(WriteFileDurably(counting.get(), "d/f", {"n", "ew"}).ok());
    EXPECT_EQ(mem->ReadFile("d/f").value(), "new");
  }
  EXPECT_EQ(steps, 4);  // write, sync, rename, sync the folder
  for (int fail_at = 1; fail_at <= steps; ++fail_at) {
    auto mem = NewMemEnv({{"d/f", "old"}});
    int seen = 0;
    auto faulty = NewFaultEnv(mem.get(), fail_at, &seen);
    Status s = WriteFileDurably(faulty.get(), "d/f", {"n", "ew"});
    EXPECT_FALSE(s.ok()) << fail_at;
    const std::string now = mem->ReadFile("d/f").value();
    EXPECT_TRUE(now == "old" || now == "new") << "step " << fail_at << ": " << now;
    EXPECT_EQ(now, fail_at <= 3 ? "old" : "new") << fail_at;
  }
}

// A file written piece by piece (index segments) is as all-or-nothing as one written at once,
// and a failed or abandoned write leaves no temporary file behind.
TEST(EnvTest, DurableWriterPieceByPieceIsAllOrNothing) {
  auto write = [](Env* env) -> Status {
    DurableWriter w(env, "d/f");
    BANTIN_RETURN_IF_ERROR(w.Append({"n"}));
    BANTIN_RETURN_IF_ERROR(w.Append({"e", ""}));
    BANTIN_RETURN_IF_ERROR(w.Append({"w"}));
    EXPECT_EQ(w.written(), 3u);
    return w.Finish();
  };
  int steps = 0;
  {
    auto mem = NewMemEnv({{"d/f", "old"}});
    auto counting = NewFaultEnv(mem.get(), 0, &steps);
    ASSERT_TRUE(write(counting.get()).ok());
    EXPECT_EQ(mem->ReadFile("d/f").value(), "new");
    EXPECT_FALSE(mem->ReadFile("d/f.tmp").has_value());
  }
  EXPECT_EQ(steps, 6);  // three pieces, sync, rename, sync the folder
  for (int fail_at = 1; fail_at <= steps; ++fail_at) {
    auto mem = NewMemEnv({{"d/f", "old"}, {"d/f.tmp", "left by a killed run"}});
    int seen = 0;
    auto faulty = NewFaultEnv(mem.get(), fail_at, &seen);
    EXPECT_FALSE(write(faulty.get()).ok()) << fail_at;
    EXPECT_EQ(mem->ReadFile("d/f").value(), fail_at <= 5 ? "old" : "new") << fail_at;
  }
  {
    auto mem = NewMemEnv({{"d/f", "old"}});
    {
      DurableWriter abandoned(mem.get(), "d/f");
      ASSERT_TRUE(abandoned.Append({"half"}).ok());
    }
    EXPECT_EQ(mem->ReadFile("d/f").value(), "old");
    EXPECT_FALSE(mem->ReadFile("d/f.tmp").has_value());
  }
}

TEST(TableTextTest, FieldsAndDecimals) {
  EXPECT_EQ(TabFields("a\tb\t\tc"), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_EQ(TabFields("no tab"), (std::vector<std::string_view>{"no tab"}));
  uint32_t v = 0;
  EXPECT_TRUE(ParseDecimal("0", &v));
  EXPECT_TRUE(ParseDecimal("4294967295", &v));
  EXPECT_EQ(v, 4294967295u);
  for (std::string_view bad : {"", "-1", "+1", "1x", " 1", "4294967296"}) EXPECT_FALSE(ParseDecimal(bad, &v)) << bad;
}

TEST(TableTextTest, HeaderThenLinesAndErrorsNameTheLine) {
  std::vector<std::string> seen;
  auto keep = [&](std::string_view line) -> std::string {
    seen.emplace_back(line);
    return line == "bad" ? "a bad line" : "";
  };
  EXPECT_TRUE(ForEachTableLine("# t 1\na\n\nb\n", "t.tsv", "# t 1", keep).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"}));
  Status s = ForEachTableLine("# t 1\na\nbad\nc", "t.tsv", "# t 1", keep);
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.ToString().find("t.tsv:3"), std::string::npos) << s.ToString();
  EXPECT_NE(s.ToString().find("a bad line"), std::string::npos);
  EXPECT_NE(ForEachTableLine("# other\n", "t.tsv", "# t 1", keep).ToString().find("t.tsv:1"), std::string::npos);
  EXPECT_TRUE(ForEachTableLine("", "t.tsv", "# t 1", keep).IsCorruption());
}

}  // namespace
}  // namespace bantin
