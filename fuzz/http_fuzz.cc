// Fuzzes the HTTP server as a client on the wire would: any bytes sent on a connection to a
// running server (libmicrohttpd's parser, then bantin's framing checks, routing, parameters,
// handlers and POST bodies) must get an answer or a closed connection — never a crash — and the
// server must still answer /api/health after each input. Run with -detect_leaks=0: the server's
// threads make libFuzzer's leak check unreliable (leaks are ASan's at exit).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "bantin/pipeline.h"
#include "bantin/server.h"

namespace {

int port = 0;

// Sends `bytes` on a new connection (closing its writing side after them when `half_close`: a
// server may take that as the client gone) and reads until the server closes (or a second
// passes); returns what came back.
std::string Exchange(const std::string& bytes, bool half_close, int wait_ms = 200) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string got;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    timeval tv{wait_ms / 1000, (wait_ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    (void)!::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (half_close) ::shutdown(fd, SHUT_WR);
    char buf[65536];
    ssize_t n;
    while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) got.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return got;
}

void StartServer() {
  const std::string dir = std::filesystem::temp_directory_path() / ("bantin-http-fuzz-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  bantin::Article a;
  a.id = "a1";
  a.title = "Nga và Mỹ đàm phán tại Istanbul";
  a.text = a.title;
  a.paragraphs = {{bantin::ParagraphKind::kTitle, 0, static_cast<uint32_t>(a.text.size())}};
  if (!bantin::Pipeline::Open(dir).value()->Add(std::vector<bantin::Article>{a})) std::abort();
  bantin::ServerOptions o;
  o.db = dir;
  o.port = 0;
  o.write_token = "t";
  o.max_body_bytes = 1 << 20;
  static std::unique_ptr<bantin::Server> server = bantin::Server::Create(o).value();
  if (!server->Bind().ok()) std::abort();
  port = server->port();
  std::thread([] { (void)server->Listen(); }).detach();  // serves until the process ends
  // The first answer opens the index and the analyzers (slow under the sanitizers).
  (void)Exchange("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false, 60000);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool started = (StartServer(), true);
  (void)started;
  (void)Exchange(std::string(reinterpret_cast<const char*>(data), size), true);
  const std::string probe = "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  // One client IP may hold 1,024 connections; connections a client closed while sending headers
  // are freed by the idle timeout (10 s), so at this rate the probe may meet a full quota for a
  // moment: it must be answered within a few seconds, not at once.
  std::string health;
  for (int attempt = 0; attempt < 15 && health.rfind("HTTP/1.1 200", 0) != 0; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::seconds(1));
    health = Exchange(probe, false, 30000);
  }
  if (health.rfind("HTTP/1.1 200", 0) != 0) {  // the server must live on
    std::fprintf(stderr, "health after the input, 15 tries: [%s]\n", health.substr(0, 200).c_str());
    std::abort();
  }
  return 0;
}
