#include "base/table_text.h"

#include <charconv>

namespace bantin {

Status ForEachTableLine(std::string_view text, std::string_view source, std::string_view header,
                        const std::function<std::string(std::string_view line)>& fn) {
  if (text.empty()) return Status::Corruption(source, "empty (no header)");
  size_t line_no = 0;
  for (size_t at = 0; at < text.size();) {
    const size_t nl = text.find('\n', at);
    const std::string_view line = text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
    at = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    std::string why;
    if (line_no == 1) {
      if (line != header) why = "expected the header \"" + std::string(header) + "\"";
    } else if (!line.empty()) {
      why = fn(line);
    }
    if (!why.empty()) return Status::Corruption(std::string(source) + ":" + std::to_string(line_no), why);
  }
  return Status::OK();
}

std::vector<std::string_view> TabFields(std::string_view line) {
  std::vector<std::string_view> out;
  for (size_t at = 0;;) {
    const size_t tab = line.find('\t', at);
    out.push_back(line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
    if (tab == std::string_view::npos) return out;
    at = tab + 1;
  }
}

bool ParseDecimal(std::string_view s, uint32_t* out) {
  if (s.empty() || s[0] < '0' || s[0] > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace bantin
