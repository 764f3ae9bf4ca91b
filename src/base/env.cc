#include "bantin/env.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <system_error>

namespace bantin {
namespace {

namespace fs = std::filesystem;

class PosixEnv final : public Env {
 public:
  Result<std::string> ReadFile(const std::string& path) override {
    std::error_code ec;
    if (!fs::exists(path, ec)) return Err(Status::NotFound(path, "no such file"));
    if (fs::is_directory(path, ec)) return Err(Status::InvalidArgument(path, "is a directory"));
    std::ifstream in(path, std::ios::binary);
    if (!in) return Err(Status::IOError(path, std::strerror(errno)));
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return Err(Status::IOError(path, "read failed"));
    return data;
  }

  Result<std::string> ReadStdin() override {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (std::cin.bad()) return Err(Status::IOError("<stdin>", "read failed"));
    return data;
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
};

class MemEnv final : public Env {
 public:
  MemEnv(std::map<std::string, std::string> files, std::string stdin_content)
      : files_(std::move(files)), stdin_(std::move(stdin_content)) {}

  Result<std::string> ReadFile(const std::string& path) override {
    auto it = files_.find(path);
    if (it == files_.end()) return Err(Status::NotFound(path, "no such file"));
    return it->second;
  }
  Result<std::string> ReadStdin() override { return stdin_; }
  Result<bool> IsDirectory(const std::string& path) override {
    if (files_.count(path)) return false;
    std::string prefix = path.ends_with("/") ? path : path + "/";
    auto it = files_.lower_bound(prefix);
    if (it != files_.end() && it->first.starts_with(prefix)) return true;
    return Err(Status::NotFound(path, "no such file or directory"));
  }
  Result<std::vector<std::string>> ListFiles(const std::string& dir) override {
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

 private:
  const std::map<std::string, std::string> files_;
  const std::string stdin_;
};

}  // namespace

Env* Env::Default() {
  static Env* env = new PosixEnv();  // never destroyed: safe to use during exit
  return env;
}

std::unique_ptr<Env> NewMemEnv(std::map<std::string, std::string> files,
                               std::string stdin_content) {
  return std::make_unique<MemEnv>(std::move(files), std::move(stdin_content));
}

}  // namespace bantin
