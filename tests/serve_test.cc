// `bantin serve` as a process: SIGTERM while a large POST is being extracted stops the server
// between articles (it does not wait for the whole POST); nothing committed is lost, the folder
// passes `check`, and the next ingest finishes what the POST left.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

namespace bantin {
namespace {

namespace fs = std::filesystem;

int Shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A port nothing listens on now (the server binds it a moment later).
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  ::close(fd);
  return port;
}

std::string SampleBody(int copies) {
  std::string out;
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(BANTIN_SOURCE_DIR "/data/sample")) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  for (int c = 0; c < copies; ++c) {
    for (const fs::path& f : files) {
      std::stringstream ss;
      ss << std::ifstream(f).rdbuf();
      std::string text = ss.str();
      const size_t eol = text.find('\n');
      std::string title = text.substr(0, eol);
      if (title.rfind("date ", 0) == 0) title = title.substr(16);
      const std::string id = f.stem().string() + "-" + std::to_string(c);
      out += nlohmann::json({{"id", id}, {"title", title}, {"body", text.substr(eol + 1) + "\nBản " + id}}).dump() + "\n";
    }
  }
  return out;
}

// Finding (issue 17): a server busy with one large article ignored SIGTERM for minutes.
TEST(ServeTest, SigtermDuringALargePostStopsBetweenArticlesAndLosesNothing) {
  const std::string dir = testing::TempDir() + "/serve-test-" + std::to_string(::getpid());
  fs::remove_all(dir);
  const std::string cli = BANTIN_CLI_PATH, db = dir + "/db";
  ASSERT_EQ(Shell(cli + " ingest --quiet --db " + db + " " BANTIN_SOURCE_DIR "/data/sample > /dev/null 2>&1"), 0);
  const int port = FreePort();
  const pid_t server = ::fork();
  if (server == 0) {
    const std::string p = std::to_string(port);
    ::execl(cli.c_str(), cli.c_str(), "serve", "--db", db.c_str(), "--port", p.c_str(), "--write-token", "t",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(120, 0);
  bool up = false;
  for (int i = 0; i < 200 && !up; ++i) {
    auto h = c.Get("/api/health");
    up = h && h->status == 200;
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(up);
  const std::string body = SampleBody(120);  // 1,440 articles, ~5 MB: seconds of extraction
  std::thread posting([&] { (void)c.Post("/api/articles", {{"Authorization", "Bearer t"}}, body, "application/x-ndjson"); });
  // Once the POST's articles are stored (health counts them), the server is extracting.
  httplib::Client watch("127.0.0.1", port);
  bool stored = false;
  for (int i = 0; i < 1200 && !stored; ++i) {
    auto h = watch.Get("/api/health");
    stored = h && h->status == 200 && nlohmann::json::parse(h->body)["articles"].get<int>() > 12;
    if (!stored) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_TRUE(stored);
  ASSERT_EQ(::kill(server, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(server, &status, 0), server);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  posting.join();
  EXPECT_EQ(Shell(cli + " check --db " + db + " > /dev/null 2>&1"), 0);
  // The next ingest finishes: every stored article extracted and threaded.
  ASSERT_EQ(Shell(cli + " ingest --quiet --db " + db + " " BANTIN_SOURCE_DIR "/data/sample > " + dir + "/after.txt 2>&1"), 0);
  std::stringstream after;
  after << std::ifstream(dir + "/after.txt").rdbuf();
  EXPECT_NE(after.str().find("1452 articles in"), std::string::npos) << after.str();
  // The server stopped between articles: the POST's extraction was left to this ingest.
  EXPECT_NE(after.str().find("extracted entities, dates and events of 1440"), std::string::npos) << after.str();
  EXPECT_EQ(Shell(cli + " check --db " + db + " > /dev/null 2>&1"), 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace bantin
