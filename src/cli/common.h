// What the subcommands share: printing errors, parsing date options, and reading input line by
// line (repairing invalid UTF-8 with a warning that names the line).
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_COMMON_H_
#define BANTIN_CLI_COMMON_H_

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/article.h"
#include "bantin/reader.h"
#include "bantin/status.h"

namespace bantin::cli {

// "bantin: <message>" on stderr.
void PrintError(const Status& s);

// Parses the value of date option `flag` into `*out` (an empty value leaves it unset). On a bad
// date prints "bantin: --flag: ..." and returns false.
bool ParseDateOption(std::string_view flag, const std::string& value, std::optional<Date>* out);

// Calls `on_line(line, last)` for each line of `input` (a path, or "-" for standard input),
// without its "\n"; `last` is true for a final line that had no "\n". A line with invalid UTF-8
// is passed with U+FFFD in place of the bad bytes, after a warning on stderr naming file and
// line. Returns 0, 1 if some line had invalid UTF-8, or 2 if the input cannot be read.
// Reads every input (none: standard input) with a reader made from `options`, calling
// `on_article` for each article; bad inputs and articles are printed. Returns how many errors
// were printed.
size_t ReadInputs(const ReaderOptions& options, const std::vector<std::string>& inputs,
                  const std::function<void(Article)>& on_article);

int ForEachLine(const std::string& input,
                const std::function<void(std::string_view line, bool last)>& on_line);

// The ids of an article list's rows (data/annotations/ner-articles.tsv, events-articles.tsv:
// id first, split fourth) whose split is `split`; InvalidArgument naming the file when none.
Result<std::set<std::string>> SplitIds(const std::string& path, const std::string& split);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_COMMON_H_
