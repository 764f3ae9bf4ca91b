// The small text tables bantin links into its binary (data/models/*.tsv): a header line, then
// one entry a line.
#ifndef BANTIN_BASE_TABLE_TEXT_H_
#define BANTIN_BASE_TABLE_TEXT_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/status.h"

namespace bantin {

// Checks that the first line of `text` is `header`, then calls `fn` with every further
// non-empty line; `fn` returns "" for a good line, else what is wrong with it. Corruption
// naming "source:line" at the first bad line (or "source" for an empty text).
Status ForEachTableLine(std::string_view text, std::string_view source, std::string_view header,
                        const std::function<std::string(std::string_view line)>& fn);

// The tab-separated fields of `line` (one field for a line without a tab); views into it.
std::vector<std::string_view> TabFields(std::string_view line);

// A whole, non-empty run of decimal digits that fits 32 bits; false otherwise.
bool ParseDecimal(std::string_view s, uint32_t* out);

}  // namespace bantin

#endif  // BANTIN_BASE_TABLE_TEXT_H_
