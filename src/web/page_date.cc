// ParsePageDate (web/html_article.h): the publication date-time as pages write it.
#include <cctype>
#include <cstdio>

#include "web/html_article.h"

namespace bantin::web {
namespace {

bool Digit(std::string_view s, size_t i) { return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); }

// The number of `n` digits at s[i] (exactly n, not followed or preceded by another digit).
int Number(std::string_view s, size_t i, size_t n) {
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!Digit(s, i + k)) return -1;
    v = v * 10 + (s[i + k] - '0');
  }
  return v;
}

// Days since 1970-01-01 and back (H. Hinnant's civil-from-days algorithms).
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
Date CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

// "HH:MM" or "HHhMM" at s[i]; minutes since midnight, or -1.
int TimeAt(std::string_view s, size_t i, size_t* end) {
  if (i > 0 && Digit(s, i - 1)) return -1;
  size_t k = i;
  int h = Number(s, k, 2);
  if (h < 0) h = Number(s, k, 1), k += 1; else k += 2;
  if (h < 0 || h > 23 || k >= s.size() || (s[k] != ':' && s[k] != 'h')) return -1;
  const int m = Number(s, k + 1, 2);
  if (m < 0 || m > 59 || Digit(s, k + 3)) return -1;
  if (end) *end = k + 3;
  return h * 60 + m;
}

bool Finish(int y, int mo, int d, int minutes, int offset_minutes, bool has_offset, Date* date, std::string* time) {
  if (!Date::IsValid(y, mo, d)) return false;
  Date out{y, mo, d};
  if (minutes >= 0 && has_offset) {
    long total = DaysFromCivil(y, mo, d) * 1440 + minutes - offset_minutes + 7 * 60;
    long days = total >= 0 ? total / 1440 : (total - 1439) / 1440;
    out = CivilFromDays(days);
    minutes = static_cast<int>(total - days * 1440);
  }
  if (date) *date = out;
  if (time) {
    *time = "";
    if (minutes >= 0) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
      *time = buf;
    }
  }
  return true;
}

bool Iso(std::string_view s, Date* date, std::string* time) {
  for (size_t i = 0; i + 10 <= s.size(); ++i) {
    if ((i > 0 && Digit(s, i - 1)) || s[i + 4] != '-' || s[i + 7] != '-') continue;
    const int y = Number(s, i, 4), mo = Number(s, i + 5, 2), d = Number(s, i + 8, 2);
    if (y < 0 || mo < 0 || d < 0 || Digit(s, i + 10)) continue;
    int minutes = -1, offset = 0;
    bool has_offset = false;
    size_t k = i + 10;
    if (k < s.size() && (s[k] == 'T' || s[k] == ' ')) {
      size_t end = 0;
      if (int t = TimeAt(s, k + 1, &end); t >= 0 && s[k + 3] == ':') {
        minutes = t;
        k = end;
        if (k < s.size() && s[k] == ':' && Number(s, k + 1, 2) >= 0) k += 3;
        if (k < s.size() && s[k] == '.') while (Digit(s, ++k)) {}
        if (k < s.size() && s[k] == 'Z') {
          has_offset = true;
        } else if (k < s.size() && (s[k] == '+' || s[k] == '-')) {
          const int oh = Number(s, k + 1, 2);
          const int om = Number(s, k + (k + 3 < s.size() && s[k + 3] == ':' ? 4 : 3), 2);
          if (oh >= 0) {
            has_offset = true;
            offset = (s[k] == '-' ? -1 : 1) * (oh * 60 + (om < 0 ? 0 : om));
          }
        }
      }
    }
    if (Finish(y, mo, d, minutes, offset, has_offset, date, time)) return true;
  }
  return false;
}

bool Vietnamese(std::string_view s, Date* date, std::string* time) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!Digit(s, i) || (i > 0 && Digit(s, i - 1))) continue;
    size_t k = i;
    int d = Number(s, k, 2);
    if (d < 0) d = Number(s, k, 1), k += 1; else k += 2;
    if (k >= s.size() || (s[k] != '/' && s[k] != '-' && s[k] != '.')) continue;
    const char sep = s[k++];
    int mo = Number(s, k, 2);
    if (mo < 0) mo = Number(s, k, 1), k += 1; else k += 2;
    if (mo < 0 || k >= s.size() || s[k] != sep) continue;
    const int y = Number(s, k + 1, 4);
    if (y < 0 || Digit(s, k + 5)) continue;
    const size_t end = k + 5;
    int minutes = -1;
    for (size_t j = end; j < s.size() && j < end + 16 && minutes < 0; ++j) minutes = TimeAt(s, j, nullptr);
    for (size_t j = i >= 12 ? i - 12 : 0; j < i && minutes < 0; ++j) {
      size_t e = 0;
      if (int t = TimeAt(s, j, &e); t >= 0 && e <= i) minutes = t;
    }
    if (Finish(y, mo, d, minutes, 0, false, date, time)) return true;
  }
  return false;
}

// "20 tháng 9, 2017", "ngày 20 tháng 9 năm 2017": the month written out.
bool Written(std::string_view s, Date* date, std::string* time) {
  constexpr std::string_view kMonth = " tháng ";
  for (size_t at = s.find(kMonth); at != std::string_view::npos; at = s.find(kMonth, at + 1)) {
    size_t b = at;
    while (b > 0 && Digit(s, b - 1)) --b;
    if (b == at || at - b > 2) continue;
    const int d = Number(s, b, at - b);
    size_t k = at + kMonth.size();
    const size_t month_digits = Digit(s, k + 1) ? 2 : 1;
    const int mo = Number(s, k, month_digits);
    if (mo < 0) continue;
    k += month_digits;
    for (std::string_view sep : {", ", " năm ", " "}) {
      if (s.substr(k).starts_with(sep)) {
        k += sep.size();
        break;
      }
    }
    const int y = Number(s, k, 4);
    if (y < 0 || Digit(s, k + 4)) continue;
    int minutes = -1;
    for (size_t j = k + 4; j < s.size() && j < k + 20 && minutes < 0; ++j) minutes = TimeAt(s, j, nullptr);
    if (Finish(y, mo, d, minutes, 0, false, date, time)) return true;
  }
  return false;
}

}  // namespace

bool ParsePageDate(std::string_view text, Date* date, std::string* time) {
  return Iso(text, date, time) || Vietnamese(text, date, time) || Written(text, date, time);
}

}  // namespace bantin::web
