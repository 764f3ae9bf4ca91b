// Status and Result<T>: how every bantin call that can fail because of its input or its
// environment says so. bantin does not throw; exceptions from third-party code are caught at
// the adapter that calls it and turned into a Status.
//
//   bantin::Result<Article> r = ParseSomething(bytes);
//   if (!r) { std::cerr << r.error().ToString() << "\n"; return; }
//   Use(*r);
//
// Thread safety: Status and Result are values; distinct objects may be used from any thread.
#ifndef BANTIN_STATUS_H_
#define BANTIN_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace bantin {

class [[nodiscard]] Status {
 public:
  enum class Code { kOk = 0, kNotFound, kInvalidArgument, kCorruption, kIOError, kUnsupported, kAborted };

  Status() = default;  // OK.
  // Lets `return Err(status);` serve functions returning Status as well as Result<T>.
  Status(const tl::unexpected<Status>& error) : Status(error.value()) {}  // NOLINT: implicit
  static Status OK() { return Status(); }
  // `context` names what the error is about (a path, "path:line", a field); `message` says
  // what is wrong. ToString() gives "context: message".
  static Status NotFound(std::string_view context, std::string_view message = {}) {
    return Status(Code::kNotFound, context, message);
  }
  static Status InvalidArgument(std::string_view context, std::string_view message = {}) {
    return Status(Code::kInvalidArgument, context, message);
  }
  static Status Corruption(std::string_view context, std::string_view message = {}) {
    return Status(Code::kCorruption, context, message);
  }
  static Status IOError(std::string_view context, std::string_view message = {}) {
    return Status(Code::kIOError, context, message);
  }
  static Status Unsupported(std::string_view context, std::string_view message = {}) {
    return Status(Code::kUnsupported, context, message);
  }
  // Work stopped on request (a server shutting down); what it committed stays.
  static Status Aborted(std::string_view context, std::string_view message = {}) {
    return Status(Code::kAborted, context, message);
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsIOError() const { return code_ == Code::kIOError; }
  bool IsUnsupported() const { return code_ == Code::kUnsupported; }
  bool IsAborted() const { return code_ == Code::kAborted; }

  // The message without the code name, e.g. "a.txt:3: missing title".
  const std::string& message() const { return message_; }
  // "Invalid argument: a.txt:3: missing title"; "OK" for success.
  std::string ToString() const;
  // The same error with `context` before its message ("a.jsonl:7: zstd: truncated input").
  Status WithContext(std::string_view context) const { return Status(code_, context, message_); }
  // The same error with `more` after its message.
  Status WithSuffix(std::string_view more) const { return Status(code_, "", message_ + std::string(more)); }

 private:
  Status(Code code, std::string_view context, std::string_view message);

  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status saying why there is none.
template <typename T>
using Result = tl::expected<T, Status>;

// Turns a non-OK Status into the error side of a Result: `return Err(status);`.
inline tl::unexpected<Status> Err(Status status) { return tl::unexpected<Status>(std::move(status)); }

}  // namespace bantin

// Returns from the enclosing function when `expr` (a Status) is not OK. Works in functions
// returning Status or Result<T>.
#define BANTIN_RETURN_IF_ERROR(expr)                             \
  do {                                                           \
    ::bantin::Status bantin_status_ = (expr);                    \
    if (!bantin_status_.ok()) return ::bantin::Err(bantin_status_); \
  } while (0)

#endif  // BANTIN_STATUS_H_
