#include "bantin/env.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <system_error>

namespace bantin {
namespace {

namespace fs = std::filesystem;

class FdFile final : public SequentialFile {
 public:
  FdFile(int fd, std::string name, bool owned, uint64_t size) : fd_(fd), name_(std::move(name)), owned_(owned), size_(size) {}
  ~FdFile() override {
    if (owned_) ::close(fd_);
  }
  Result<size_t> Read(char* buf, size_t n) override {
    while (true) {
      const ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) {
        consumed_ += static_cast<uint64_t>(got);
        return static_cast<size_t>(got);
      }
      if (errno != EINTR) return Err(Status::IOError(name_, std::string("read failed: ") + std::strerror(errno)));
    }
  }
  uint64_t size() const override { return size_; }
  uint64_t consumed() const override { return consumed_; }

 private:
  const int fd_;
  const std::string name_;
  const bool owned_;
  const uint64_t size_;
  uint64_t consumed_ = 0;
};

// A string read piece by piece (NewStringFile; MemEnv's files and standard input).
class StringFile final : public SequentialFile {
 public:
  explicit StringFile(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    const size_t got = std::min(n, data_.size() - at_);
    std::memcpy(buf, data_.data() + at_, got);
    at_ += got;
    return got;
  }
  uint64_t size() const override { return data_.size(); }
  uint64_t consumed() const override { return at_; }

 private:
  const std::string data_;
  size_t at_ = 0;
};

class PosixEnv final : public Env {
 public:
  Result<std::string> ReadFile(const std::string& path) override {
    std::error_code ec;
    if (!fs::exists(path, ec)) return Err(Status::NotFound(path, "no such file"));
    if (fs::is_directory(path, ec)) return Err(Status::InvalidArgument(path, "is a directory"));
    auto file = OpenSequential(path);
    if (!file) return Err(file.error());
    return ReadUpTo(**file, SIZE_MAX);
  }

  Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string& path) override {
    if (path == "-") return std::unique_ptr<SequentialFile>(new FdFile(STDIN_FILENO, "<stdin>", false, 0));
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      if (error == ENOENT) return Err(Status::NotFound(path, "no such file"));
      return Err(Status::IOError(path, std::strerror(error)));
    }
    struct stat st {};
    const uint64_t size = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
    return std::unique_ptr<SequentialFile>(new FdFile(fd, path, true, size));
  }

  Result<bool> IsDirectory(const std::string& path) override {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return Err(Status::NotFound(path, "no such file or directory"));
    return fs::is_directory(st);
  }

  Result<std::vector<std::string>> ListFiles(const std::string& dir) override {
    std::vector<std::string> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Err(Status::IOError(dir, ec.message()));
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) return Err(Status::IOError(dir, ec.message()));
      const fs::path& p = it->path();
      if (p.filename().string().starts_with(".")) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) out.push_back(p.string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  Status WriteFile(const std::string& path, const std::vector<std::string_view>& parts) override {
    return Write(path, parts, O_TRUNC);
  }
  Status AppendFile(const std::string& path, const std::vector<std::string_view>& parts) override {
    return Write(path, parts, O_APPEND);
  }

  Status SyncFile(const std::string& path) override { return Sync(path, O_RDONLY); }
  Status SyncDir(const std::string& dir) override { return Sync(dir, O_RDONLY | O_DIRECTORY); }

  Status RenameFile(const std::string& from, const std::string& to) override {
    if (std::rename(from.c_str(), to.c_str()) != 0) return Status::IOError(to, std::strerror(errno));
    return Status::OK();
  }

  Status RemoveFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Status::IOError(path, std::strerror(errno));
    return Status::OK();
  }

  int64_t NowSeconds() override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }

  Status CreateDirs(const std::string& dir) override {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Status::IOError(dir, ec.message());
    return Status::OK();
  }

 private:
  // Opens `path` for writing with `mode` (O_TRUNC or O_APPEND) and writes `parts`.
  static Status Write(const std::string& path, const std::vector<std::string_view>& parts, int mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | mode | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IOError(path, std::strerror(errno));
    for (std::string_view part : parts) {
      while (!part.empty()) {
        const ssize_t n = ::write(fd, part.data(), part.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          Status s = Status::IOError(path, std::strerror(errno));
          ::close(fd);
          return s;
        }
        part.remove_prefix(static_cast<size_t>(n));
      }
    }
    if (::close(fd) != 0) return Status::IOError(path, std::strerror(errno));
    return Status::OK();
  }
  static Status Sync(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return Status::IOError(path, std::strerror(errno));
    const bool ok = ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    return ok ? Status::OK() : Status::IOError(path, std::string("fsync: ") + std::strerror(error));
  }
};

class MemEnv final : public Env {
 public:
  MemEnv(std::map<std::string, std::string> files, std::string stdin_content, int64_t now)
      : files_(std::move(files)), stdin_(std::move(stdin_content)), now_(now) {}
  int64_t NowSeconds() override { return now_; }

  Result<std::string> ReadFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(path);
    if (it == files_.end()) return Err(Status::NotFound(path, "no such file"));
    return it->second;
  }
  Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string& path) override {
    if (path == "-") return std::unique_ptr<SequentialFile>(new StringFile(stdin_));
    auto data = ReadFile(path);
    if (!data) return Err(data.error());
    return std::unique_ptr<SequentialFile>(new StringFile(std::move(*data)));
  }
  Result<bool> IsDirectory(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (files_.count(path)) return false;
    std::string prefix = path.ends_with("/") ? path : path + "/";
    auto it = files_.lower_bound(prefix);
    if (it != files_.end() && it->first.starts_with(prefix)) return true;
    return Err(Status::NotFound(path, "no such file or directory"));
  }
  Result<std::vector<std::string>> ListFiles(const std::string& dir) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::string prefix = dir.ends_with("/") ? dir : dir + "/";
    std::vector<std::string> out;
    for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
      if (!it->first.starts_with(prefix)) break;
      std::string_view rest = std::string_view(it->first).substr(prefix.size());
      if (rest.starts_with(".") || rest.find("/.") != std::string_view::npos) continue;
      out.push_back(it->first);
    }
    return out;
  }
  Status WriteFile(const std::string& path, const std::vector<std::string_view>& parts) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::string& f = files_[path];
    f.clear();
    for (std::string_view part : parts) f.append(part);
    return Status::OK();
  }
  Status AppendFile(const std::string& path, const std::vector<std::string_view>& parts) override {
    std::lock_guard<std::mutex> lock(mu_);
    std::string& f = files_[path];
    for (std::string_view part : parts) f.append(part);
    return Status::OK();
  }
  Status SyncFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    return files_.count(path) ? Status::OK() : Status::NotFound(path, "no such file");
  }
  Status SyncDir(const std::string&) override { return Status::OK(); }
  Status RenameFile(const std::string& from, const std::string& to) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(from);
    if (it == files_.end()) return Status::IOError(from, "no such file");
    std::string content = std::move(it->second);
    files_.erase(it);
    files_[to] = std::move(content);
    return Status::OK();
  }
  Status RemoveFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    files_.erase(path);
    return Status::OK();
  }
  Status CreateDirs(const std::string&) override { return Status::OK(); }  // implied by paths

 private:
  std::mutex mu_;
  std::map<std::string, std::string> files_;
  const std::string stdin_;
  const int64_t now_;
};

class FaultEnv final : public Env {
 public:
  FaultEnv(Env* base, int fail_at, int* steps) : base_(base), fail_at_(fail_at), steps_(steps) {}

  Result<std::string> ReadFile(const std::string& path) override { return base_->ReadFile(path); }
  Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string& path) override {
    return base_->OpenSequential(path);
  }
  Result<bool> IsDirectory(const std::string& path) override { return base_->IsDirectory(path); }
  Result<std::vector<std::string>> ListFiles(const std::string& dir) override { return base_->ListFiles(dir); }

  Status WriteFile(const std::string& path, const std::vector<std::string_view>& parts) override {
    std::lock_guard<std::mutex> lock(mu_);
    BANTIN_RETURN_IF_ERROR(Step(path));
    unsynced_.insert(path);
    return base_->WriteFile(path, parts);
  }
  Status AppendFile(const std::string& path, const std::vector<std::string_view>& parts) override {
    std::lock_guard<std::mutex> lock(mu_);
    BANTIN_RETURN_IF_ERROR(Step(path));
    unsynced_.insert(path);
    return base_->AppendFile(path, parts);
  }
  Status SyncFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    BANTIN_RETURN_IF_ERROR(Step(path));
    BANTIN_RETURN_IF_ERROR(base_->SyncFile(path));
    unsynced_.erase(path);
    return Status::OK();
  }
  Status RenameFile(const std::string& from, const std::string& to) override {
    std::lock_guard<std::mutex> lock(mu_);
    BANTIN_RETURN_IF_ERROR(Step(to));
    BANTIN_RETURN_IF_ERROR(base_->RenameFile(from, to));
    unsynced_.erase(to);
    if (unsynced_.erase(from)) unsynced_.insert(to);
    return Status::OK();
  }
  Status SyncDir(const std::string& dir) override {
    std::lock_guard<std::mutex> lock(mu_);
    BANTIN_RETURN_IF_ERROR(Step(dir));
    return base_->SyncDir(dir);
  }
  Status RemoveFile(const std::string& path) override {
    std::lock_guard<std::mutex> lock(mu_);
    BANTIN_RETURN_IF_ERROR(Step(path));
    unsynced_.erase(path);
    return base_->RemoveFile(path);
  }
  Status CreateDirs(const std::string& dir) override {
    std::lock_guard<std::mutex> lock(mu_);
    BANTIN_RETURN_IF_ERROR(Step(dir));
    return base_->CreateDirs(dir);
  }
  int64_t NowSeconds() override { return base_->NowSeconds(); }

 private:
  // Counts a step; at the failing one, what was never synced is lost, and every step fails.
  Status Step(const std::string& path) {
    ++*steps_;
    if (fail_at_ == 0 || *steps_ < fail_at_) return Status::OK();
    if (*steps_ == fail_at_) {
      for (const std::string& lost : unsynced_) (void)base_->WriteFile(lost, {});
      unsynced_.clear();
    }
    return Status::IOError(path, "injected fault (step " + std::to_string(*steps_) + ")");
  }

  std::mutex mu_;
  Env* const base_;
  const int fail_at_;
  int* const steps_;
  std::set<std::string> unsynced_;
};

}  // namespace

Env* Env::Default() {
  static Env* env = new PosixEnv();  // never destroyed: safe to use during exit
  return env;
}

std::unique_ptr<Env> NewMemEnv(std::map<std::string, std::string> files,
                               std::string stdin_content, int64_t now) {
  return std::make_unique<MemEnv>(std::move(files), std::move(stdin_content), now);
}

std::unique_ptr<Env> NewFaultEnv(Env* base, int fail_at, int* steps) {
  return std::make_unique<FaultEnv>(base, fail_at, steps);
}

std::unique_ptr<SequentialFile> NewStringFile(std::string data) {
  return std::make_unique<StringFile>(std::move(data));
}

Result<std::string> ReadUpTo(SequentialFile& file, size_t n) {
  std::string out;
  out.reserve(std::min<uint64_t>(file.size(), n));
  while (out.size() < n) {
    // Into the room reserved, then doubling (a small file is not read into a zeroed megabyte).
    const size_t have = out.size();
    const size_t room = out.capacity() > have ? out.capacity() - have : std::max<size_t>(size_t{1} << 12, have);
    out.resize(have + std::min(room, n - have));
    auto got = file.Read(out.data() + have, out.size() - have);
    if (!got) return Err(got.error());
    out.resize(have + *got);
    if (*got == 0) break;
  }
  return out;
}

Result<std::string> ReadAllOf(Env* env, const std::string& path) {
  auto file = env->OpenSequential(path);
  if (!file) return Err(file.error());
  return ReadUpTo(**file, SIZE_MAX);
}

Status WriteFileDurably(Env* env, const std::string& path, const std::vector<std::string_view>& parts) {
  DurableWriter w(env, path);
  BANTIN_RETURN_IF_ERROR(w.Append(parts));
  return w.Finish();
}

DurableWriter::~DurableWriter() {
  if (started_ && !finished_) (void)env_->RemoveFile(tmp_);
}

Status DurableWriter::Append(const std::vector<std::string_view>& parts) {
  // The first piece creates (or truncates) the temporary file: a leftover of a killed run is
  // never appended to.
  Status s = started_ ? env_->AppendFile(tmp_, parts) : env_->WriteFile(tmp_, parts);
  started_ = true;
  for (std::string_view part : parts) written_ += part.size();
  return s;
}

Status DurableWriter::Finish() {
  if (!started_) BANTIN_RETURN_IF_ERROR(Append({}));
  BANTIN_RETURN_IF_ERROR(env_->SyncFile(tmp_));
  BANTIN_RETURN_IF_ERROR(env_->RenameFile(tmp_, path_));
  finished_ = true;  // renamed: nothing left to remove, whatever the folder's sync says
  const std::string dir = fs::path(path_).parent_path().string();
  return env_->SyncDir(dir.empty() ? "." : dir);
}

}  // namespace bantin
