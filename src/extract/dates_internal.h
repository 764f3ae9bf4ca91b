// What the date rules share (dates.cc: extraction, relative days, numeric dates, months and
// years; dates_periods.cc: decades, quarters, seasons, stretches, holidays, weekdays): the token
// form they match, date arithmetic, the parsing of numeric tokens, and DateExtractor::Impl.
// Internal to src/extract. Thread safety: as DateExtractor (one per thread).
#ifndef BANTIN_EXTRACT_DATES_INTERNAL_H_
#define BANTIN_EXTRACT_DATES_INTERNAL_H_

#include <array>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/extract.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"
#include "text/word_cache.h"

namespace bantin {
namespace date_rules {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

struct Tok {
  uint32_t begin, end;
  text::TokenKind kind;
  bool upper;
  // Words: lowercase NFC with diacritics ("tháng"; "thắng" stays "thắng", never "thang"); in a
  // text written without diacritics, the date word its letters spell ("thang" -> "tháng").
  // Numbers and punctuation: as written.
  std::string key;
};

inline sys_days ToDays(const Date& d) {
  return sys_days(year_month_day{std::chrono::year(d.year), std::chrono::month(static_cast<unsigned>(d.month)),
                                 std::chrono::day(static_cast<unsigned>(d.day))});
}
inline Date FromDays(sys_days s) {
  year_month_day ymd(s);
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}
inline int DaysInMonth(int year, int month) {
  for (int d = 31; d >= 28; --d) {
    if (Date::IsValid(year, month, d)) return d;
  }
  return 28;
}
inline std::string Two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
inline std::string Day(const Date& d) { return d.ToString(); }
inline std::string Month(int year, int month) { return std::to_string(year) + "-" + Two(month); }
inline std::string Interval(const Date& a, const Date& b) { return Day(a) + "/" + Day(b); }

inline bool OneOf(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (s == w) return true;
  }
  return false;
}

// The numbers of a token like "12/10", "2/9/1945", "21-22/10", "5-2013": up to four numbers
// and the separators between them.
struct Numeric {
  int n[4] = {0, 0, 0, 0};
  char sep[3] = {0, 0, 0};
  size_t count = 0;
  size_t digits[4] = {0, 0, 0, 0};
};
inline bool ParseNumeric(std::string_view s, Numeric* out) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end && out->count < 4) {
    auto [next, ec] = std::from_chars(p, end, out->n[out->count]);
    if (ec != std::errc() || next == p) return false;
    out->digits[out->count] = static_cast<size_t>(next - p);
    ++out->count;
    p = next;
    if (p == end) return true;
    if ((*p != '/' && *p != '-' && *p != '.') || out->count == 4) return false;
    out->sep[out->count - 1] = *p++;
  }
  return false;
}
inline bool ValidDayMonth(int d, int m, int y) {
  return m >= 1 && m <= 12 && d >= 1 && d <= (y ? DaysInMonth(y, m) : (m == 2 ? 29 : 31));
}
inline bool IsYear(int y, size_t digits) { return digits == 4 && y >= 1000 && y <= 2999; }

// A day and month, maybe a year, and maybe a first day before them ("21-22/10"): what a
// numeric token says. `short_ok`: "23-10" and "20.10" (day-month without a year written with
// "-" or "."), which need a cue word before them (scores, prices and decimals look alike).
struct DayMonth {
  int first = 0, first_month = 0, day = 0, month = 0, year = 0;  // first_month 0: the same month
};
inline bool ParseDayMonth(std::string_view s, bool short_ok, DayMonth* out) {
  Numeric x;
  if (!ParseNumeric(s, &x) || x.count < 2) return false;
  if (x.count == 4 && x.sep[0] == x.sep[2] && x.sep[1] == '-' && x.sep[0] != '-') {
    // "30/4-1/5": a range across months.
    if (!ValidDayMonth(x.n[0], x.n[1], 0) || !ValidDayMonth(x.n[2], x.n[3], 0) || x.n[1] >= x.n[3]) return false;
    out->first = x.n[0];
    out->first_month = x.n[1];
    out->day = x.n[2];
    out->month = x.n[3];
    return true;
  }
  size_t at = 0;
  if (x.count >= 3 && x.sep[0] == '-' && x.sep[1] != '-' && x.n[0] < x.n[1]) {
    out->first = x.n[0];  // "21-22/10", "21-22/10/2020"
    at = 1;
  }
  const size_t left = x.count - at;
  if (left < 2 || left > 3) return false;
  const char sep = x.sep[at];
  if (left == 3 && x.sep[at + 1] != sep) return false;
  out->day = x.n[at];
  out->month = x.n[at + 1];
  out->year = left == 3 ? x.n[at + 2] : 0;
  if (left == 3 && !IsYear(out->year, x.digits[at + 2])) return false;
  if (left == 2 && sep != '/' && !short_ok) return false;
  if (x.digits[at] > 2 || x.digits[at + 1] > 2) return false;
  if (out->first && (out->first < 1 || out->first >= out->day)) return false;
  return ValidDayMonth(out->day, out->month, out->year);
}

inline bool Number(const Tok& t, int* v) {
  if (t.kind != text::TokenKind::kNumber) return false;
  auto [p, ec] = std::from_chars(t.key.data(), t.key.data() + t.key.size(), *v);
  return ec == std::errc() && p == t.key.data() + t.key.size();
}

// A quarter or century number: 1..4 / 1..21 in digits or Roman numerals.
inline int Ordinal(const Tok& t) {
  int v = 0;
  if (Number(t, &v)) return v;
  static const std::map<std::string, int> kRoman = {
      {"i", 1},   {"ii", 2},   {"iii", 3}, {"iv", 4},  {"v", 5},    {"vi", 6},  {"vii", 7},
      {"viii", 8}, {"ix", 9},  {"x", 10},  {"xi", 11}, {"xii", 12}, {"xiii", 13}, {"xiv", 14},
      {"xv", 15}, {"xvi", 16}, {"xvii", 17}, {"xviii", 18}, {"xix", 19}, {"xx", 20}, {"xxi", 21}};
  auto it = kRoman.find(t.key);
  return it == kRoman.end() ? 0 : it->second;
}

constexpr std::array<std::string_view, 6> kWeekdayNames = {"hai", "ba", "tư", "năm", "sáu", "bảy"};
const std::initializer_list<std::string_view> kTimeOfDay = {"sáng", "trưa", "chiều", "tối", "đêm", "khuya"};
// Words after which a number is a count, not a date word's: "nhiều năm trước", "3 tháng sau".
const std::initializer_list<std::string_view> kCounting = {"nhiều", "vài", "mấy", "hàng", "các", "những", "mỗi"};
// Numbers written as words, and "suốt" (throughout): before "năm qua", "tuần sau", "hôm nay"
// they make an amount of time ("hai năm sau khi ly hôn", "Gần ba năm qua", "80 triệu năm
// trước", "suốt năm qua"), not a date.
const std::initializer_list<std::string_view> kAmountWords = {
    "một", "hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười", "mươi", "chục", "trăm", "nghìn",
    "ngàn", "triệu", "tỷ", "tỉ", "dăm", "rưỡi", "suốt"};

// In a text without diacritics, the date word each folded spelling stands for.
inline const std::map<std::string, std::string, std::less<>>& AsciiReadings() {
  static const auto* readings = new std::map<std::string, std::string, std::less<>>{
      {"ngay", "ngày"},  {"hom", "hôm"},   {"thang", "tháng"}, {"nam", "năm"},    {"tuan", "tuần"},
      {"sang", "sáng"},  {"trua", "trưa"}, {"chieu", "chiều"}, {"dem", "đêm"},    {"cung", "cùng"},
      {"truoc", "trước"}, {"ngoai", "ngoái"}, {"dau", "đầu"},  {"giua", "giữa"},  {"cuoi", "cuối"},
      {"thu", "thứ"},    {"chu", "chủ"},   {"nhat", "nhật"},   {"tu", "từ"},      {"den", "đến"},
      {"vao", "vào"},    {"va", "và"},     {"nhieu", "nhiều"}, {"vai", "vài"},    {"may", "mấy"},
      {"hang", "hàng"},  {"cac", "các"},   {"nhung", "những"}, {"moi", "mỗi"},    {"quy", "quý"},
      {"mua", "mùa"},    {"xuan", "xuân"}, {"he", "hè"},       {"dong", "đông"},  {"thap", "thập"},
      {"nien", "niên"},  {"ky", "kỷ"},     {"the", "thế"},     {"tet", "tết"},    {"nguyen", "nguyên"},
      {"dan", "đán"},    {"hoi", "hồi"},   {"cach", "cách"},   {"day", "đây"},    {"do", "đó"},
      {"bay", "bảy"},    {"sau", "sau"},   {"toi", "tới"},     {"giai", "giai"},  {"doan", "đoạn"}};
  return *readings;
}

}  // namespace date_rules
using namespace date_rules;  // NOLINT: the rules below are written in these words

struct DateExtractor::Impl {
  std::unique_ptr<text::Normalizer> normalizer;
  std::unique_ptr<text::WordCache> cache;
  // Per call.
  std::vector<Tok> t;
  std::optional<Date> article;
  bool ascii = false;            // the text is written without diacritics
  std::optional<Date> last_day;  // the last day resolved in full ("cùng ngày" refers to it)
  int context_month = 0, context_year = 0;  // the month last named (a day alone takes it)
  int last_open_month = 0, last_open_day = 0;  // undated: the day last named ("--04-10")
  int last_year = 0;                        // the year last named or resolved
  // Undated: the day the text itself gives to "today" ("Sáng nay (24-6)"); year 0 if none.
  std::optional<Date> today;

  const std::string& K(size_t i) const {
    static const std::string kNone;
    return i < t.size() ? t[i].key : kNone;
  }
  bool Is(size_t i, std::initializer_list<std::string_view> words) const { return OneOf(K(i), words); }
  bool IsNumber(size_t i, int* v) const { return i < t.size() && Number(t[i], v); }

  // The year for day/month: news mostly looks back, so the one that falls from ten months
  // before the article's date to two months after it (a window of a year: one candidate).
  std::optional<Date> WithYear(int day, int month) const {
    if (!article) return std::nullopt;
    std::optional<Date> closest;
    long closest_gap = 0;
    for (int y = article->year - 1; y <= article->year + 1; ++y) {
      if (!Date::IsValid(y, month, day)) continue;
      long offset = (ToDays(Date{y, month, day}) - ToDays(*article)).count();
      if (offset >= -304 && offset <= 60) return Date{y, month, day};
      if (!closest || std::labs(offset) < closest_gap) {
        closest = Date{y, month, day};
        closest_gap = std::labs(offset);
      }
    }
    return closest;  // 29/2 outside the window
  }
  int YearOfMonth(int month) const {  // the year of the month's 15th, as above
    auto d = WithYear(15, month);
    return d ? d->year : 0;
  }
  void NoteMonth(int month, int year) {
    context_month = month;
    context_year = year;
  }
  std::string DayValue(int day, int month, int year) {
    std::optional<Date> d;
    if (year != 0) {
      if (!Date::IsValid(year, month, day)) return "";
      d = Date{year, month, day};
    } else {
      d = WithYear(day, month);
    }
    if (!d) {
      NoteMonth(month, 0);
      last_open_month = month;
      last_open_day = day;
      return "--" + Two(month) + "-" + Two(day);
    }
    last_day = d;
    NoteMonth(d->month, d->year);
    return Day(*d);
  }
  // A third of a month or year: "đầu" the first, "giữa" the second, "cuối" the last.
  static int Third(std::string_view w) { return w == "đầu" ? 0 : w == "giữa" ? 1 : w == "cuối" ? 2 : -1; }
  std::string MonthValue(int month, int year, int third) {
    if (year == 0) year = YearOfMonth(month);
    NoteMonth(month, year);
    if (third < 0) return year ? Month(year, month) : "--" + Two(month);
    const int first = third * 10 + 1, last = third == 2 ? (year ? DaysInMonth(year, month) : 31) : first + 9;
    if (year == 0) return "--" + Two(month) + "-" + Two(first) + "/--" + Two(month) + "-" + Two(last);
    return Interval(Date{year, month, first}, Date{year, month, last});
  }
  static std::string YearValue(int year, int third) {
    if (third < 0) return std::to_string(year);
    const int first = third * 4 + 1, last = first + 3;
    return Interval(Date{year, first, 1}, Date{year, last, DaysInMonth(year, last)});
  }
  std::string Relative(int offset_days) {
    if (!article && today) {
      const int year = today->year ? today->year : 2001;  // a common year, for the arithmetic only
      Date d = FromDays(ToDays(Date{year, today->month, today->day}) + days(offset_days));
      if (today->year) {
        last_day = d;
        return Day(d);
      }
      last_open_month = d.month;
      last_open_day = d.day;
      return "--" + Two(d.month) + "-" + Two(d.day);
    }
    if (!article) return "";
    Date d = FromDays(ToDays(*article) + days(offset_days));
    last_day = d;
    NoteMonth(d.month, d.year);
    return Day(d);
  }
  std::string Week(int offset_weeks) const {
    if (!article) return "";
    sys_days a = ToDays(*article);
    unsigned weekday = std::chrono::weekday(a).iso_encoding();  // Monday 1 .. Sunday 7
    sys_days monday = a - days(weekday - 1) + days(7 * offset_weeks);
    return Interval(FromDays(monday), FromDays(monday + days(6)));
  }
  std::string MonthOffset(int offset) {
    if (!article) return "";
    int m = article->month - 1 + offset;
    int y = article->year + (m < 0 ? (m - 11) / 12 : m / 12);
    m = ((m % 12) + 12) % 12 + 1;
    NoteMonth(m, y);
    return Month(y, m);
  }
  // Weekday `iso` (1 Monday .. 7 Sunday): the last one on or before the article's date,
  // a week earlier ("tuần trước"), or the next one after it ("tới", "tuần sau").
  std::string Weekday(unsigned iso, int direction) {
    if (!article) return "";
    sys_days a = ToDays(*article);
    unsigned today = std::chrono::weekday(a).iso_encoding();
    sys_days d = a - days((today + 7 - iso) % 7);
    if (direction < 0) d -= days(7);
    if (direction > 0) d = a + days((iso + 7 - today) % 7 == 0 ? 7 : (iso + 7 - today) % 7);
    Date out = FromDays(d);
    last_day = out;
    NoteMonth(out.month, out.year);
    return Day(out);
  }
  // A year relative to the article's: "nay"/"này" 0, "ngoái"/"trước" -1, "sau"/"tới" +1.
  std::optional<int> RelativeYear(std::string_view r) const {
    if (!article) return std::nullopt;
    if (OneOf(r, {"nay", "này"})) return article->year;
    if (OneOf(r, {"ngoái", "trước", "qua"})) return article->year - 1;
    if (OneOf(r, {"sau", "tới"})) return article->year + 1;
    return std::nullopt;
  }

  // "nhiều năm trước" (many years ago), "3 tháng sau": an amount of time, not last year or
  // next month.
  bool Counted(size_t i) const {
    int n = 0;
    return i > 0 && (Number(t[i - 1], &n) || OneOf(K(i - 1), kCounting) || OneOf(K(i - 1), kAmountWords));
  }

  // The day the text last named, moved by `offset` days ("hôm sau" +1); the article's date when
  // none; "--MM-DD" when only an undated day was named.
  std::string FromLast(int offset) {
    if (!last_day && !article && last_open_month) {
      Date d = FromDays(ToDays(Date{2001, last_open_month, std::min(last_open_day, DaysInMonth(2001, last_open_month))}) +
                        days(offset));
      return "--" + Two(d.month) + "-" + Two(d.day);
    }
    std::optional<Date> base = last_day ? last_day : article;
    if (!base) return "";
    Date d = FromDays(ToDays(*base) + days(offset));
    last_day = d;
    NoteMonth(d.month, d.year);
    return Day(d);
  }
  // A day the text gives right after a relative expression ("hôm qua 20/1", "Sáng nay (24-6)",
  // "sáng nay, 21/06/2017"): the expression takes it and ends after it.
  void ExplicitDay(size_t* j, std::string* value) {
    size_t k = *j + (Is(*j, {"(", ","}) ? 1 : 0);
    if (k > *j && Is(*j, {"("}) && Is(k, {"ngày"})) ++k;  // "Hôm qua (ngày 7/2)"
    DayMonth dm;
    if (k >= t.size() || !ParseDayMonth(K(k), true, &dm) || dm.first) return;
    if (Is(*j, {","}) && dm.year == 0) return;  // ", 20/1" without a year may start a list
    *value = DayValue(dm.day, dm.month, dm.year);
    *j = k + 1 + (Is(*j, {"("}) && Is(k + 1, {")"}) ? 1 : 0);
  }
  // Every expression of the tokens `t` (made by Extract).
  std::vector<TimeExpression> Run(std::string_view text);
  bool MatchRelative(size_t i, size_t* j, std::string* value);
  bool MatchNumeric(size_t i, size_t* j, std::string* value);
  bool MatchMonth(size_t i, size_t* j, std::string* value);
  bool MatchYear(size_t i, size_t* j, std::string* value);
  bool MatchPeriod(size_t i, size_t* j, std::string* value);
  bool MatchHoliday(size_t i, size_t* j, std::string* value);
  bool MatchWeekday(size_t i, size_t* j, std::string* value);

  // Tries every pattern at token i; on a match sets [i, *j) and the value.
  bool Match(size_t i, size_t* j, std::string* value) {
    return MatchRelative(i, j, value) || MatchNumeric(i, j, value) || MatchMonth(i, j, value) ||
           MatchYear(i, j, value) || MatchPeriod(i, j, value) || MatchHoliday(i, j, value) ||
           MatchWeekday(i, j, value);
  }
};

}  // namespace bantin

#endif  // BANTIN_EXTRACT_DATES_INTERNAL_H_
