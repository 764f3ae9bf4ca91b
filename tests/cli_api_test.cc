// The pipeline's callers leave the same folder: the same articles ingested once through the
// CLI (`bantin ingest FILE`) and once through the API (`POST /api/articles` with the same
// bytes) give identical stores (every row of every table), indexes (segment bytes and the
// manifest's ranges), extractions and stories. Only where each article was read from
// (`origin`) and when (`stored_at`) may differ. And the CLI's --json prints what the API
// answers.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bantin/server.h"
#include "bantin/store.h"

namespace bantin {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// What a command prints on standard output.
std::string Output(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

// The repo's sample articles as JSONL (title, date and body from each file), plus a
// near-duplicate of the first under another id.
std::string SampleJsonl() {
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(BANTIN_SOURCE_DIR "/data/sample")) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  std::string out;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string text = ReadFile(files[i].string());
    const size_t eol = text.find('\n');
    std::string first = text.substr(0, eol), body = text.substr(eol + 1);
    nlohmann::json j = {{"id", files[i].stem().string()}, {"body", body}};
    if (first.rfind("date ", 0) == 0 && first.size() > 16) {
      j["date"] = first.substr(5, 10);
      j["title"] = first.substr(16);
    } else {
      j["title"] = first;
    }
    out += j.dump() + "\n";
    if (i == 0) {
      j["id"] = "copy-of-" + files[i].stem().string();
      j["body"] = body + "\n(Cập nhật)";
      out += j.dump() + "\n";
    }
  }
  return out;
}

// Every row of every table but the two columns that say where and when an article was read.
std::string Dump(const std::string& db) {
  sqlite3* c = nullptr;
  EXPECT_EQ(sqlite3_open_v2((db + "/bantin.db").c_str(), &c, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::string out;
  std::vector<std::string> tables;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(c, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &q, nullptr);
  while (sqlite3_step(q) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  sqlite3_finalize(q);
  for (const std::string& t : tables) {
    if (t == "sqlite_sequence") continue;
    out += "== " + t + "\n";
    sqlite3_prepare_v2(c, ("SELECT * FROM " + t + " ORDER BY 1, 2, 3").c_str(), -1, &q, nullptr);
    while (sqlite3_step(q) == SQLITE_ROW) {
      for (int k = 0; k < sqlite3_column_count(q); ++k) {
        const std::string name = sqlite3_column_name(q, k);
        if (t == "articles" && (name == "origin" || name == "stored_at")) continue;
        const void* v = sqlite3_column_blob(q, k);
        out += name + "=" + std::string(static_cast<const char*>(v ? v : ""), static_cast<size_t>(sqlite3_column_bytes(q, k))) + "\t";
      }
      out += "\n";
    }
    sqlite3_finalize(q);
  }
  sqlite3_close(c);
  return out;
}

// The manifest's ranges and each live segment's bytes, in order (file names carry the time).
std::string DumpIndex(const std::string& db) {
  std::istringstream manifest(ReadFile(db + "/index/MANIFEST"));
  std::string line, out;
  std::getline(manifest, line);
  out += line + "\n";
  while (std::getline(manifest, line)) {
    std::istringstream fields(line);
    std::string name, rest;
    fields >> name;
    std::getline(fields, rest);
    out += rest + " " + std::to_string(std::hash<std::string>{}(ReadFile(db + "/index/" + name))) + "\n";
  }
  return out;
}

TEST(PipelineTest, CliAndApiIngestLeaveIdenticalFolders) {
  const std::string dir = testing::TempDir() + "/pipeline-test-" + std::to_string(::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string jsonl = SampleJsonl(), file = dir + "/articles.jsonl";
  std::ofstream(file, std::ios::binary) << jsonl;

  const std::string cli = std::string(BANTIN_CLI_PATH) + " ingest --quiet --db " + dir + "/cli " + file + " > /dev/null";
  ASSERT_EQ(std::system(cli.c_str()), 0);

  ASSERT_TRUE(Store::Open(dir + "/api", {.create = true}).has_value());  // an empty folder to serve
  ServerOptions o;
  o.db = dir + "/api";
  o.port = 0;
  o.write_token = "t";
  auto server = Server::Create(o);
  ASSERT_TRUE(server.has_value()) << server.error().ToString();
  ASSERT_TRUE((*server)->Bind().ok());
  std::thread listening([&] { (void)(*server)->Listen(); });
  httplib::Client client("127.0.0.1", (*server)->port());
  client.set_read_timeout(120, 0);
  auto r = client.Post("/api/articles", {{"Authorization", "Bearer t"}}, jsonl, "application/x-ndjson");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  // The CLI prints what the API answers, item for item (one JSON shape library).
  auto cli_lines = [&](const std::string& args) {
    std::vector<nlohmann::json> out;
    std::istringstream lines(Output(std::string(BANTIN_CLI_PATH) + " " + args + " --db " + dir + "/api"));
    for (std::string line; std::getline(lines, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  };
  auto api_list = [&](const std::string& path, const char* field) {
    auto got = client.Get(path);
    std::vector<nlohmann::json> out;
    EXPECT_TRUE(got && got->status == 200) << path << ": " << (got ? got->body : httplib::to_string(got.error()));
    if (got && got->status == 200) {
      const nlohmann::json body = nlohmann::json::parse(got->body);
      for (const auto& j : body[field]) out.push_back(j);
    }
    return out;
  };
  const auto events = cli_lines("events --format json --limit 10000");
  EXPECT_GT(events.size(), 5u);
  EXPECT_EQ(events, api_list("/api/events?limit=10000", "events"));
  EXPECT_EQ(cli_lines("entities --json --limit 1000"), api_list("/api/entities?limit=1000", "entities"));
  EXPECT_EQ(cli_lines("entities --json --name 'Viet Nam'"), api_list("/api/entity?name=Viet%20Nam", "entities"));
  (*server)->Stop();
  listening.join();
  EXPECT_EQ(nlohmann::json::parse(r->body)["added"], 13);
  EXPECT_EQ(nlohmann::json::parse(r->body)["near_duplicates"], 1);

  const std::string a = Dump(dir + "/cli"), b = Dump(dir + "/api");
  EXPECT_NE(a.find("== entity_names"), std::string::npos);
  EXPECT_NE(a.find("== story_docs"), std::string::npos);
  EXPECT_GT(a.size(), 10000u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(DumpIndex(dir + "/cli"), DumpIndex(dir + "/api"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace bantin
