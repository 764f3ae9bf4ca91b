// Env: everything bantin asks of the operating system (files, directories, standard input),
// behind one interface so tests can run against an in-memory file system (NewMemEnv).
//
// Thread safety: implementations are safe for concurrent use.
#ifndef BANTIN_ENV_H_
#define BANTIN_ENV_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/status.h"

namespace bantin {

class Env {
 public:
  virtual ~Env() = default;

  // The whole content of the file at `path`. NotFound if there is none, IOError otherwise.
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // Everything on standard input.
  virtual Result<std::string> ReadStdin() = 0;
  // True if `path` names a directory; NotFound if nothing is there.
  virtual Result<bool> IsDirectory(const std::string& path) = 0;
  // The regular files below directory `dir`, recursively, sorted by path; hidden entries
  // (names starting with '.') are skipped.
  virtual Result<std::vector<std::string>> ListFiles(const std::string& dir) = 0;

  // The process's real file system. Never destroyed; do not delete.
  static Env* Default();
};

// An Env over `files` (path -> content); directories are implied by the paths; standard input
// reads `stdin_content`.
std::unique_ptr<Env> NewMemEnv(std::map<std::string, std::string> files,
                               std::string stdin_content = {});

}  // namespace bantin

#endif  // BANTIN_ENV_H_
