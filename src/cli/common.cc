#include "cli/common.h"

#include <cstdio>
#include <iostream>
#include <sstream>

#include "bantin/analyzer.h"
#include "bantin/env.h"

namespace bantin::cli {

void PrintError(const Status& s) { std::cerr << "bantin: " << s.message() << "\n"; }

bool ParseDateOption(std::string_view flag, const std::string& value, std::optional<Date>* out) {
  if (value.empty()) return true;
  auto d = Date::Parse(value);
  if (!d) {
    std::cerr << "bantin: " << flag << ": " << d.error().message() << "\n";
    return false;
  }
  *out = *d;
  return true;
}

int ForEachLine(const std::string& input,
                const std::function<void(std::string_view line, bool last)>& on_line) {
  auto bytes = ReadAllOf(Env::Default(), input);
  if (!bytes) {
    PrintError(bytes.error());
    return 2;
  }
  std::string_view rest = *bytes;
  size_t line_no = 0;
  int exit_code = 0;
  while (!rest.empty()) {
    ++line_no;
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    std::string fixed;
    if (size_t bad = FindInvalidUtf8(line); bad != std::string_view::npos) {
      std::cerr << "bantin: " << (input == "-" ? "<stdin>" : input) << ":" << line_no
                << ": invalid UTF-8 at byte " << bad << " of the line, replaced with U+FFFD\n";
      size_t replaced = 0;
      fixed = ReplaceInvalidUtf8(line, &replaced);
      line = fixed;
      exit_code = 1;
    }
    on_line(line, nl == std::string_view::npos);
  }
  std::cout.flush();
  return exit_code;
}

size_t ReadInputs(const ReaderOptions& options, const std::vector<std::string>& inputs,
                  const std::function<void(Article)>& on_article) {
  ArticleReader reader(options);
  size_t errors = 0;
  auto on_error = [&](const Status& s) {
    ++errors;
    PrintError(s);
  };
  const std::vector<std::string> all = inputs.empty() ? std::vector<std::string>{"-"} : inputs;
  for (const std::string& input : all) {
    Status s = reader.Read(input, on_article, on_error);
    if (!s.ok()) on_error(s);
  }
  return errors;
}


Result<std::set<std::string>> SplitIds(const std::string& path, const std::string& split) {
  auto text = Env::Default()->ReadFile(path);
  if (!text) return Err(text.error());
  std::set<std::string> ids;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
    if (f.size() >= 4 && f[3] == split) ids.insert(f[0]);
  }
  if (ids.empty()) return Err(Status::InvalidArgument(path, "no article in split \"" + split + "\""));
  return ids;
}

}  // namespace bantin::cli
