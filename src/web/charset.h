// The character set of a web page, and its bytes as UTF-8 (converted with ICU).
// Thread safety: stateless.
#ifndef BANTIN_WEB_CHARSET_H_
#define BANTIN_WEB_CHARSET_H_

#include <string>
#include <string_view>

#include "bantin/status.h"

namespace bantin::web {

// The charset a page declares: `header` (an HTTP Content-Type value, may be empty) first, then
// a byte-order mark, then <meta charset> or <meta http-equiv="Content-Type"> within the first
// 4 KiB. Lowercase; "" when nothing declares one.
std::string DeclaredCharset(std::string_view bytes, std::string_view header);

// `bytes` as UTF-8. Valid UTF-8 is taken as UTF-8 whatever is declared (a page declared
// windows-1252 or ISO-8859-1 that is valid UTF-8 was mislabelled: no Vietnamese text in a legacy
// charset is valid UTF-8 by chance); otherwise the declared charset, or windows-1258 (the
// Vietnamese legacy default) when none is declared or the declared UTF-8 is not valid.
// `used` (optional) receives the charset used and, when the declaration was overridden, why.
// InvalidArgument naming `name` for a charset ICU does not know.
Result<std::string> ToUtf8(std::string_view name, std::string_view bytes, std::string_view declared,
                           std::string* used = nullptr);

}  // namespace bantin::web

#endif  // BANTIN_WEB_CHARSET_H_
