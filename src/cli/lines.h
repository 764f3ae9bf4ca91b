// Line-by-line commands (`normalize`, `segment`): reading the input, repairing invalid UTF-8
// with a warning that names the line, and handing each line on.
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_LINES_H_
#define BANTIN_CLI_LINES_H_

#include <functional>
#include <string>
#include <string_view>

namespace bantin::cli {

// Calls `on_line(line, last)` for each line of `input` (a path, or "-" for standard input),
// without its "\n"; `last` is true for a final line that had no "\n". A line with invalid UTF-8
// is passed with U+FFFD in place of the bad bytes, after a warning on stderr naming file and
// line. Returns 0, 1 if some line had invalid UTF-8, or 2 if the input cannot be read.
int ForEachLine(const std::string& input,
                const std::function<void(std::string_view line, bool last)>& on_line);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_LINES_H_
