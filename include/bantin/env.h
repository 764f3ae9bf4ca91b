// Env: everything bantin asks of the operating system (files, directories, standard input),
// behind one interface so tests can run against an in-memory file system (NewMemEnv).
//
// Thread safety: implementations are safe for concurrent use.
#ifndef BANTIN_ENV_H_
#define BANTIN_ENV_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/status.h"

namespace bantin {

// Bytes read once from start to end, a piece at a time (inputs of any size in bounded memory):
// a file, a string, or a decompressor over another (ingest/decompress.h).
class SequentialFile {
 public:
  virtual ~SequentialFile() = default;
  // Reads up to `n` bytes into `buf`: how many were read, 0 at the end. An error names the
  // input and says what broke; a reader that failed repeats its error.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // The size of the underlying file if known when opened (0: not known, as for standard
  // input), and how much of it has been read so far (for progress).
  virtual uint64_t size() const = 0;
  virtual uint64_t consumed() const = 0;
};

// `data`, read piece by piece.
std::unique_ptr<SequentialFile> NewStringFile(std::string data);
// Reads up to `n` bytes (fewer only at the end).
Result<std::string> ReadUpTo(SequentialFile& file, size_t n);

class Env {
 public:
  virtual ~Env() = default;

  // The whole content of the file at `path`. NotFound if there is none, IOError otherwise.
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // The file at `path` to read piece by piece; "-" is standard input. NotFound, IOError.
  virtual Result<std::unique_ptr<SequentialFile>> OpenSequential(const std::string& path) = 0;
  // True if `path` names a directory; NotFound if nothing is there.
  virtual Result<bool> IsDirectory(const std::string& path) = 0;
  // The regular files below directory `dir`, recursively, sorted by path; hidden entries
  // (names starting with '.') are skipped.
  virtual Result<std::vector<std::string>> ListFiles(const std::string& dir) = 0;

  // --- Writing. Each call is one step a fault can strike (tests: NewFaultEnv). ---
  // Creates or truncates the file at `path` and writes `parts`, concatenated (not yet durable).
  virtual Status WriteFile(const std::string& path, const std::vector<std::string_view>& parts) = 0;
  // Appends `parts`, concatenated, to the file at `path` (created if missing; not yet durable).
  virtual Status AppendFile(const std::string& path, const std::vector<std::string_view>& parts) = 0;
  // Makes the file's content durable (fsync).
  virtual Status SyncFile(const std::string& path) = 0;
  // Renames `from` over `to` in one step (rename(2)); durable once the folder is synced.
  virtual Status RenameFile(const std::string& from, const std::string& to) = 0;
  // Makes the folder's entries (created, renamed, removed files) durable (fsync of the folder).
  virtual Status SyncDir(const std::string& dir) = 0;
  // Removes the file; a missing file is no error.
  virtual Status RemoveFile(const std::string& path) = 0;
  // Creates the folder and its parents (existing ones are fine).
  virtual Status CreateDirs(const std::string& dir) = 0;

  // The time now, in seconds since 1970-01-01 UTC (the store's `stored_at`).
  virtual int64_t NowSeconds() = 0;

  // The process's real file system. Never destroyed; do not delete.
  static Env* Default();
};

// Everything the file at `path` holds ("-": standard input), read through OpenSequential.
Result<std::string> ReadAllOf(Env* env, const std::string& path);

// Replaces the file at `path` with `parts`, atomically and durably: written to `path`.tmp,
// synced, renamed over `path`, and the folder synced. After a failure at any step `path` holds
// its old content or the new one, whole (a power cut included), and the temporary file is
// removed where possible. The one way bantin writes a file it reads back (index segments and
// manifest, trained models).
Status WriteFileDurably(Env* env, const std::string& path, const std::vector<std::string_view>& parts);

// The same for a file too big to hold in memory, written piece by piece:
//   DurableWriter w(env, path);
//   BANTIN_RETURN_IF_ERROR(w.Append({header}));  ... more Appends ...
//   BANTIN_RETURN_IF_ERROR(w.Finish());          // synced, renamed over `path`, folder synced
// Destroyed without a successful Finish (an error on the way), it removes `path`.tmp and leaves
// `path` as it was.
class DurableWriter {
 public:
  DurableWriter(Env* env, std::string path) : env_(env), path_(std::move(path)), tmp_(path_ + ".tmp") {}
  ~DurableWriter();
  DurableWriter(const DurableWriter&) = delete;
  DurableWriter& operator=(const DurableWriter&) = delete;
  Status Append(const std::vector<std::string_view>& parts);
  Status Finish();
  uint64_t written() const { return written_; }  // bytes appended so far

 private:
  Env* env_;
  std::string path_, tmp_;
  uint64_t written_ = 0;
  bool started_ = false, finished_ = false;
};

// An Env over `files` (path -> content); directories are implied by the paths; standard input
// reads `stdin_content`. Writes change the map; syncs do nothing; the clock stands at `now`.
std::unique_ptr<Env> NewMemEnv(std::map<std::string, std::string> files,
                               std::string stdin_content = {}, int64_t now = 0);

// For fault-injection tests: an Env that passes every call to `base` except that the
// `fail_at`-th writing step (WriteFile, SyncFile, RenameFile, SyncDir, RemoveFile, CreateDirs;
// counted from 1) and every step after it fail with IOError, as if the process had died there.
// At that moment every file written or renamed since its last SyncFile loses its content
// (truncated to nothing), as a power cut may leave it. `steps` counts the steps seen.
// `fail_at` 0: nothing fails (to count the steps of a run).
std::unique_ptr<Env> NewFaultEnv(Env* base, int fail_at, int* steps);

}  // namespace bantin

#endif  // BANTIN_ENV_H_
