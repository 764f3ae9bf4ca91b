#include "bantin/status.h"

namespace bantin {

Status::Status(Code code, std::string_view context, std::string_view message) : code_(code) {
  message_.assign(context);
  if (!message.empty()) {
    if (!message_.empty()) message_ += ": ";
    message_ += message;
  }
}

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kNotFound: name = "Not found"; break;
    case Code::kInvalidArgument: name = "Invalid argument"; break;
    case Code::kCorruption: name = "Corruption"; break;
    case Code::kIOError: name = "IO error"; break;
    case Code::kUnsupported: name = "Unsupported"; break;
    case Code::kAborted: name = "Aborted"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace bantin
