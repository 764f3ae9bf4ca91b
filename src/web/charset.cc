#include "web/charset.h"

#include <simdjson.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <memory>

#include "base/ascii.h"


namespace bantin::web {
namespace {

// The value after "charset=" in `s` (quotes and spaces around it removed), or "".
std::string CharsetParam(std::string_view s) {
  const std::string lower = AsciiLower(s);
  size_t at = lower.find("charset");
  if (at == std::string::npos) return "";
  at = lower.find_first_not_of(" \t", at + 7);
  if (at == std::string::npos || lower[at] != '=') return "";
  at = lower.find_first_not_of(" \t\"'", at + 1);
  if (at == std::string::npos) return "";
  const size_t end = lower.find_first_of(" \t\"';>/", at);
  return lower.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace

std::string DeclaredCharset(std::string_view bytes, std::string_view header) {
  if (std::string c = CharsetParam(header); !c.empty()) return c;
  if (bytes.starts_with("\xEF\xBB\xBF")) return "utf-8";
  if (bytes.starts_with("\xFF\xFE")) return "utf-16le";
  if (bytes.starts_with("\xFE\xFF")) return "utf-16be";
  // <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">.
  const std::string head = AsciiLower(bytes.substr(0, 4096));
  for (size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const size_t end = head.find('>', at);
    if (std::string c = CharsetParam(std::string_view(head).substr(at, end == std::string::npos ? 200 : end - at)); !c.empty()) {
      return c;
    }
  }
  return "";
}

Result<std::string> ToUtf8(std::string_view name, std::string_view bytes, std::string_view declared, std::string* used) {
  std::string charset(declared);
  const bool is_utf8 = charset.empty() || charset == "utf-8" || charset == "utf8";
  if (!charset.starts_with("utf-16")) {
    if (simdjson::validate_utf8(bytes.data(), bytes.size())) {  // SIMD: a page is checked at memory speed
      if (used) *used = is_utf8 ? "utf-8" : "utf-8 (declared " + charset + ", but the bytes are valid UTF-8)";
      if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
      return std::string(bytes);
    }
    if (is_utf8) {
      charset = "windows-1258";
      if (used) *used = declared.empty() ? "windows-1258 (none declared, not UTF-8)" : "windows-1258 (declared utf-8, but not valid UTF-8)";
    } else if (used) {
      *used = charset;
    }
  } else if (used) {
    *used = charset;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> from(ucnv_open(charset.c_str(), &status), ucnv_close);
  if (U_FAILURE(status)) return Err(Status::InvalidArgument(std::string(name), "unknown charset \"" + charset + "\""));
  std::unique_ptr<UConverter, void (*)(UConverter*)> to(ucnv_open("UTF-8", &status), ucnv_close);
  if (U_FAILURE(status)) return Err(Status::Unsupported("ICU", "no UTF-8 converter"));
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) {
    return Err(Status::InvalidArgument(std::string(name), std::string("cannot convert from ") + charset + ": " + u_errorName(status)));
  }
  out.resize(static_cast<size_t>(target - out.data()));
  if (out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);
  return out;
}

}  // namespace bantin::web
