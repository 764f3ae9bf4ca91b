// `bantin check` and `check --repair` on damage a careful operator could meet: a byte of an
// article's text flipped in bantin.db, extraction and threading rows that no longer fit their
// articles. Check names each problem with the document's id; repair re-derives the derived rows
// (equal to the originals) and leaves the articles alone.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace bantin {
namespace {

namespace fs = std::filesystem;

struct Ran {
  std::string out;  // standard output and error
  int exit_code = -1;
};

Ran Bantin(const std::string& args) {
  const std::string cmd = std::string(BANTIN_CLI_PATH) + " " + args + " 2>&1";
  Ran r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

void Sql(const std::string& db, const std::string& sql) {
  sqlite3* c = nullptr;
  ASSERT_EQ(sqlite3_open((db + "/bantin.db").c_str(), &c), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(c, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(c);
}

// The rows of a query, one line each.
std::string Rows(const std::string& db, const std::string& sql) {
  sqlite3* c = nullptr;
  if (sqlite3_open((db + "/bantin.db").c_str(), &c) != SQLITE_OK) return "cannot open";
  sqlite3_stmt* q = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(c, sql.c_str(), -1, &q, nullptr) == SQLITE_OK) {
    while (sqlite3_step(q) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(q); ++i) {
        const unsigned char* t = sqlite3_column_text(q, i);
        out += (t ? reinterpret_cast<const char*>(t) : "NULL") + std::string("|");
      }
      out += "\n";
    }
  }
  sqlite3_finalize(q);
  sqlite3_close(c);
  return out;
}

// Replaces the one occurrence of `from` in the database file by `to` (same length), as a
// flipped bit on disk would; the WAL is checkpointed first so the bytes are in the file.
void FlipInFile(const std::string& db, const std::string& from, const std::string& to) {
  Sql(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  const std::string path = db + "/bantin.db";
  std::stringstream ss;
  ss << std::ifstream(path, std::ios::binary).rdbuf();
  std::string bytes = ss.str();
  const size_t at = bytes.find(from);
  ASSERT_NE(at, std::string::npos);
  ASSERT_EQ(bytes.find(from, at + 1), std::string::npos) << "'" << from << "' is not unique in the file";
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(at));
  f.write(to.data(), static_cast<std::streamsize>(to.size()));
}

// Finding (issue 17): `bantin check` said ok after a byte of an article's text was flipped.
TEST(CheckTest, AFlippedByteOfAnArticleIsNamedAndDerivedRowsAreRepaired) {
  const std::string db = testing::TempDir() + "/check-test-" + std::to_string(::getpid());
  fs::remove_all(db);
  ASSERT_EQ(Bantin("ingest --quiet --db " + db + " " BANTIN_SOURCE_DIR "/data/sample").exit_code, 0);
  ASSERT_EQ(Bantin("check --db " + db).exit_code, 0);
  const std::string entities = Rows(db, "SELECT * FROM entities ORDER BY doc, begin, end");
  // (Fingerprints are left out: re-threading reads the flipped article as it now is.)
  const std::string threaded = Rows(db, "SELECT doc, story, duplicate_of FROM story_docs ORDER BY doc");
  ASSERT_GT(entities.size(), 100u);

  FlipInFile(db, "dài 11,2 km, qua 10 nhà ga", "dài 11,3 km, qua 10 nhà ga");
  Ran flipped = Bantin("check --db " + db);
  EXPECT_EQ(flipped.exit_code, 1);
  EXPECT_NE(flipped.out.find("(05_metro_thu_thiem_binh_quoi_chay_thu): text differs from what was stored"),
            std::string::npos)
      << flipped.out;

  // Derived rows that no longer fit: an entity moved by a byte, a story that is not there, a
  // near-duplicate band listing a document that is not threaded.
  Sql(db, "UPDATE entities SET begin = begin + 1 WHERE rowid = (SELECT min(rowid) FROM entities); "
          "UPDATE story_docs SET story = 424242 WHERE doc = 3; INSERT INTO story_bands VALUES(7, 424242);");
  Ran damaged = Bantin("check --db " + db);
  EXPECT_EQ(damaged.exit_code, 1);
  EXPECT_NE(damaged.out.find(": entity row: text differs from the article's bytes"), std::string::npos) << damaged.out;
  EXPECT_NE(damaged.out.find("document 3 (03_cuu_tro_vung_lu_quang_nam): threading row: its story 424242 does not exist"),
            std::string::npos)
      << damaged.out;
  EXPECT_NE(damaged.out.find("story_bands: 1 entries of documents that do not exist"), std::string::npos) << damaged.out;
  EXPECT_NE(damaged.out.find("check --repair"), std::string::npos) << damaged.out;

  // Repair re-derives the rows as they were; the flipped article is left and still named.
  Ran repaired = Bantin("check --repair --db " + db);
  EXPECT_EQ(repaired.exit_code, 1) << repaired.out;
  EXPECT_EQ(repaired.out.find("entity row"), repaired.out.rfind("entity row")) << repaired.out;  // before repair only
  EXPECT_NE(repaired.out.find("re-ingest them from their sources"), std::string::npos) << repaired.out;
  EXPECT_EQ(Rows(db, "SELECT * FROM entities ORDER BY doc, begin, end"), entities);
  EXPECT_EQ(Rows(db, "SELECT doc, story, duplicate_of FROM story_docs ORDER BY doc"), threaded);
  FlipInFile(db, "dài 11,3 km, qua 10 nhà ga", "dài 11,2 km, qua 10 nhà ga");
  Ran clean = Bantin("check --db " + db);
  EXPECT_EQ(clean.exit_code, 0) << clean.out;

  // A damaged index is removed and rebuilt.
  for (const auto& f : fs::directory_iterator(db + "/index")) {
    if (f.path().extension() == ".bti") {
      std::fstream seg(f.path(), std::ios::in | std::ios::out | std::ios::binary);
      seg.seekp(100);
      seg.write("XXXX", 4);
    }
  }
  EXPECT_EQ(Bantin("check --db " + db).exit_code, 1);
  Ran reindexed = Bantin("check --repair --db " + db);
  EXPECT_EQ(reindexed.exit_code, 0) << reindexed.out;
  EXPECT_EQ(Bantin("check --db " + db).exit_code, 0);
  fs::remove_all(db);
}

}  // namespace
}  // namespace bantin
