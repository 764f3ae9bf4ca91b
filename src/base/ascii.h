// ASCII helpers for protocol and markup text (HTTP headers, tag and class names, charsets):
// bytes outside ASCII pass unchanged, so UTF-8 stays valid. Vietnamese text is lowercased by ICU
// (text/), never here.
#ifndef BANTIN_BASE_ASCII_H_
#define BANTIN_BASE_ASCII_H_

#include <string>
#include <string_view>

namespace bantin {

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// `s` without ASCII white space (space, tab, CR, LF, FF) at either end.
inline std::string_view TrimAscii(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n\f");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n\f") - b + 1);
}

}  // namespace bantin

#endif  // BANTIN_BASE_ASCII_H_
