// The HTTP front over libmicrohttpd (see http.h).
#include "server/http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/ascii.h"

namespace bantin::http {
namespace {

using Clock = std::chrono::steady_clock;

// Threads taking jobs from a bounded queue; a job that finds the queue full is refused.
class Pool {
 public:
  Pool(size_t threads, size_t capacity) : capacity_(capacity) {
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
  }
  ~Pool() { Stop(); }
  bool TrySubmit(std::function<void()> job) {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || jobs_.size() >= capacity_) return false;
    jobs_.push_back(std::move(job));
    cv_.notify_one();
    return true;
  }
  // Runs what is queued and under way, then ends the threads.
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
      cv_.notify_all();
    }
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  void Work() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, and nothing left
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// One request from its headers to its answer.
struct Call {
  Request request;
  Response response;
  Clock::time_point started = Clock::now();
  bool dispatched = false;
  std::atomic<bool> answered{false};  // `response` is ready (set by a pool thread)
  size_t content_lengths = 0;
  std::string content_length;
  bool conflicting_lengths = false;
};


// Headers every answer carries: no sniffing, no framing, nothing loaded from elsewhere.
constexpr const char* kSecurityHeaders[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
     "form-action 'self'; frame-ancestors 'none'"},
    {"Referrer-Policy", "no-referrer"},
};

MHD_Result Send(MHD_Connection* connection, const Response& r) {
  MHD_Response* response = MHD_create_response_from_buffer(r.body.size(), const_cast<char*>(r.body.data()),
                                                           MHD_RESPMEM_MUST_COPY);
  if (response == nullptr) return MHD_NO;
  MHD_add_response_header(response, "Content-Type", r.content_type.c_str());
  for (const auto& h : kSecurityHeaders) MHD_add_response_header(response, h[0], h[1]);
  for (const auto& [name, value] : r.headers) MHD_add_response_header(response, name.c_str(), value.c_str());
  const MHD_Result queued = MHD_queue_response(connection, static_cast<unsigned int>(r.status), response);
  MHD_destroy_response(response);
  return queued;
}

MHD_Result AddHeader(void* cls, MHD_ValueKind, const char* key, const char* value) {
  Call* call = static_cast<Call*>(cls);
  std::string name = AsciiLower(key);
  std::string v = value == nullptr ? "" : value;
  if (name == "content-length") {
    if (call->content_lengths++ > 0 && v != call->content_length) call->conflicting_lengths = true;
    call->content_length = v;
  }
  call->request.headers.emplace(std::move(name), std::move(v));
  return MHD_YES;
}

MHD_Result AddParam(void* cls, MHD_ValueKind, const char* key, const char* value) {
  Call* call = static_cast<Call*>(cls);
  std::string k = key == nullptr ? "" : key, v = value == nullptr ? "" : value;
  call->request.target_bytes += k.size() + v.size() + 2;
  call->request.query.emplace(std::move(k), std::move(v));
  return MHD_YES;
}

}  // namespace

void Error(Response* r, int status, std::string_view message) {
  r->status = status;
  r->content_type = "application/json; charset=utf-8";
  const nlohmann::json body = {{"error", {{"status", status}, {"message", message}}}};
  r->body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Request::Param(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

std::string Request::Header(const std::string& lowercase_name) const {
  auto it = headers.find(lowercase_name);
  return it == headers.end() ? std::string() : it->second;
}

struct Listener::Impl {
  Options options;
  Handler handler;
  int fd = -1;
  int bound_port = 0;
  MHD_Daemon* daemon = nullptr;
  std::unique_ptr<Pool> reads, writes;

  // The first call brings the headers; the next ones the body in pieces; the last none.
  static MHD_Result Access(void* cls, MHD_Connection* connection, const char* url, const char* method,
                           const char*, const char* upload_data, size_t* upload_data_size, void** state) {
    Impl& m = *static_cast<Impl*>(cls);
    if (*state == nullptr) {
      auto* call = new Call;
      *state = call;
      call->request.method = method;
      call->request.path = url;
      call->request.target_bytes = call->request.path.size();
      MHD_get_connection_values(connection, MHD_HEADER_KIND, &AddHeader, call);
      MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &AddParam, call);
      // Framing that two readers could take differently (request smuggling) is refused.
      if (call->conflicting_lengths ||
          (call->content_lengths > 0 && !call->request.Header("transfer-encoding").empty())) {
        Error(&call->response, 400, "conflicting Content-Length and Transfer-Encoding headers");
        return Send(connection, call->response);
      }
      if (call->content_lengths > 0) {
        const std::string& v = call->content_length;
        const bool digits = !v.empty() && v.size() < 19 && v.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::stoull(v) > m.options.max_body_bytes) {
          Error(&call->response, 413,
                    "request body larger than " + std::to_string(m.options.max_body_bytes) + " bytes");
          return Send(connection, call->response);
        }
      }
      return MHD_YES;
    }
    Call* call = static_cast<Call*>(*state);
    if (*upload_data_size != 0) {
      // A body arriving too slowly, or growing past the limit (chunked), ends the connection.
      if (Clock::now() - call->started > std::chrono::seconds(m.options.body_seconds)) return MHD_NO;
      if (call->request.body.size() + *upload_data_size > m.options.max_body_bytes) return MHD_NO;
      call->request.body.append(upload_data, *upload_data_size);
      *upload_data_size = 0;
      return MHD_YES;
    }
    if (call->answered.load()) return Send(connection, call->response);
    if (call->dispatched) return MHD_YES;
    call->dispatched = true;
    MHD_suspend_connection(connection);
    Pool& pool = call->request.method == "POST" ? *m.writes : *m.reads;
    const bool queued = pool.TrySubmit([&m, call, connection] {
      try {
        m.handler(call->request, call->response);
      } catch (const std::exception& e) {
        Error(&call->response, 500, std::string("internal error: ") + e.what());
      }
      call->answered = true;
      MHD_resume_connection(connection);
    });
    if (!queued) {
      Error(&call->response, 503, "the server is busy; try again shortly");
      call->response.headers.emplace_back("Retry-After", "1");
      call->answered = true;
      MHD_resume_connection(connection);
    }
    return MHD_YES;
  }

  static void Completed(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
    delete static_cast<Call*>(*state);
    *state = nullptr;
  }
};

Listener::Listener(Options options, Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
}

Listener::~Listener() { Stop(); }

Status Listener::Bind() {
  Impl& m = *impl_;
  if (m.fd >= 0) return Status::OK();
  const std::string where = m.options.host + ":" + std::to_string(m.options.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(m.options.host.c_str(), std::to_string(m.options.port).c_str(), &hints, &found); rc != 0) {
    return Status::InvalidArgument(where, std::string("cannot listen there: ") + gai_strerror(rc));
  }
  std::string why = "no address";
  for (addrinfo* a = found; a != nullptr && m.fd < 0; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) continue;
    const int yes = 1;  // a restart may bind while old connections linger; no SO_REUSEPORT
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 1024) == 0) {
      m.fd = fd;
      break;
    }
    why = errno == EADDRINUSE ? "the port is in use (another bantin serve, or another program, listens there)"
                              : std::strerror(errno);
    ::close(fd);
  }
  freeaddrinfo(found);
  if (m.fd < 0) return Status::IOError(where, "cannot listen there: " + why);
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(m.fd, reinterpret_cast<sockaddr*>(&addr), &len);
  m.bound_port = ntohs(addr.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port
                                                  : reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  return Status::OK();
}

Status Listener::Start() {
  Impl& m = *impl_;
  BANTIN_RETURN_IF_ERROR(Bind());
  // Each connection is a file descriptor: allow as many as the system lets this process have.
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
  }
  m.reads = std::make_unique<Pool>(std::max<size_t>(1, m.options.read_threads), m.options.read_queue);
  m.writes = std::make_unique<Pool>(1, m.options.write_queue);
  // poll(), not epoll: with epoll, libmicrohttpd 0.9.75 keeps a connection its client closed
  // while still sending headers until the idle timeout, so a client opening and closing
  // connections fast filled its per-IP quota (measured: 1,100 such connections, then every new
  // one refused for 10 s; with poll they are freed at once). poll is O(connections) a wake-up,
  // fine at the 4,096 connections allowed.
  m.daemon = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_ALLOW_SUSPEND_RESUME, 0, nullptr, nullptr,
      &Impl::Access, &m, MHD_OPTION_LISTEN_SOCKET, m.fd, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      static_cast<size_t>(m.options.max_header_bytes), MHD_OPTION_CONNECTION_LIMIT,
      static_cast<unsigned int>(m.options.max_connections), MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      static_cast<unsigned int>(m.options.max_connections_per_ip), MHD_OPTION_CONNECTION_TIMEOUT,
      static_cast<unsigned int>(m.options.idle_seconds), MHD_OPTION_NOTIFY_COMPLETED, &Impl::Completed, nullptr,
      MHD_OPTION_END);
  if (m.daemon == nullptr) return Status::IOError(m.options.host + ":" + std::to_string(m.bound_port), "cannot start serving");
  return Status::OK();
}

void Listener::Stop() {
  Impl& m = *impl_;
  if (m.daemon != nullptr) {
    MHD_quiesce_daemon(m.daemon);  // no new connections
    m.reads->Stop();               // handlers under way finish and resume their connections
    m.writes->Stop();
    MHD_stop_daemon(m.daemon);
    m.daemon = nullptr;
  }
  if (m.fd >= 0) {
    ::close(m.fd);
    m.fd = -1;
  }
}

int Listener::port() const { return impl_->bound_port; }

}  // namespace bantin::http
