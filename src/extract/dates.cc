// DateExtractor: Vietnamese temporal expressions, matched over tokens' lowercase forms and
// resolved against the article's date. Rules: docs/extraction.md "Dates".
#include <array>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <map>

#include "bantin/extract.h"
#include "extract/calendar.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"
#include "text/word_cache.h"

namespace bantin {
namespace {

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

sys_days ToDays(const Date& d) {
  return sys_days(year_month_day{std::chrono::year(d.year), std::chrono::month(static_cast<unsigned>(d.month)),
                                 std::chrono::day(static_cast<unsigned>(d.day))});
}
Date FromDays(sys_days s) {
  year_month_day ymd(s);
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}
int DaysInMonth(int year, int month) {
  for (int d = 31; d >= 28; --d) {
    if (Date::IsValid(year, month, d)) return d;
  }
  return 28;
}
std::string Two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }
std::string Day(const Date& d) { return d.ToString(); }
std::string Month(int year, int month) { return std::to_string(year) + "-" + Two(month); }
std::string Interval(const Date& a, const Date& b) { return Day(a) + "/" + Day(b); }

bool OneOf(std::string_view s, std::initializer_list<std::string_view> words) {
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
bool ParseNumeric(std::string_view s, Numeric* out) {
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
bool ValidDayMonth(int d, int m, int y) {
  return m >= 1 && m <= 12 && d >= 1 && d <= (y ? DaysInMonth(y, m) : (m == 2 ? 29 : 31));
}
bool IsYear(int y, size_t digits) { return digits == 4 && y >= 1000 && y <= 2999; }

// A day and month, maybe a year, and maybe a first day before them ("21-22/10"): what a
// numeric token says. `short_ok`: "23-10" and "20.10" (day-month without a year written with
// "-" or "."), which need a cue word before them (scores, prices and decimals look alike).
struct DayMonth {
  int first = 0, first_month = 0, day = 0, month = 0, year = 0;  // first_month 0: the same month
};
bool ParseDayMonth(std::string_view s, bool short_ok, DayMonth* out) {
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

bool Number(const Tok& t, int* v) {
  if (t.kind != text::TokenKind::kNumber) return false;
  auto [p, ec] = std::from_chars(t.key.data(), t.key.data() + t.key.size(), *v);
  return ec == std::errc() && p == t.key.data() + t.key.size();
}

// A quarter or century number: 1..4 / 1..21 in digits or Roman numerals.
int Ordinal(const Tok& t) {
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

// In a text without diacritics, the date word each folded spelling stands for.
const std::map<std::string, std::string, std::less<>>& AsciiReadings() {
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

}  // namespace

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
    return i > 0 && (Number(t[i - 1], &n) || OneOf(K(i - 1), kCounting));
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

// hôm qua / hôm nay / hôm kia / (ngày) hôm sau / ngày mai / sáng nay / tối qua / cùng ngày /
// hôm đó; N ngày/tuần/tháng/năm trước, cách đây N …
bool DateExtractor::Impl::MatchRelative(size_t i, size_t* j, std::string* value) {
  int n = 0;
  // A time of day first: "sáng nay", "rạng sáng qua", "sáng sớm nay", "chiều hôm đó",
  // "chiều cùng ngày".
  size_t tod = i;
  if (Is(i, {"rạng"}) && Is(i + 1, {"sáng"})) {
    tod = i + 2;
  } else if (Is(i, kTimeOfDay)) {
    tod = i + 1;
  }
  if (tod > i && Is(tod, {"sớm", "muộn"})) ++tod;
  size_t at = tod;
  if (Is(at, {"ngày"}) && Is(at + 1, {"hôm"})) ++at;  // "ngày hôm qua", "ngày hôm sau"
  if (Is(at, {"hôm"}) && Is(at + 1, {"qua", "nay", "kia"})) {
    *j = at + 2;
    *value = Relative(Is(at + 1, {"qua"}) ? -1 : Is(at + 1, {"nay"}) ? 0 : -2);
    ExplicitDay(j, value);
    return true;
  }
  if (tod == i && Is(i, {"ngày"}) && Is(i + 1, {"mai", "kia"})) {
    *j = i + 2;
    *value = Relative(Is(i + 1, {"mai"}) ? 1 : 2);
    return true;
  }
  // From the day last named: "cùng ngày", "hôm sau", "hôm đó", "ngày này".
  DayMonth dm;
  if (Is(at, {"cùng"}) && Is(at + 1, {"ngày"}) && !(at + 2 < t.size() && ParseDayMonth(K(at + 2), true, &dm))) {
    *j = at + 2;
    *value = FromLast(0);
    return true;
  }
  if (Is(at, {"hôm"}) && Is(at + 1, {"sau", "đó", "ấy"})) {
    *j = at + 2;
    *value = FromLast(Is(at + 1, {"sau"}) ? 1 : 0);
    return true;
  }
  if (at == i && Is(i, {"ngày"}) && Is(i + 1, {"này", "đó", "ấy"}) && !(i > 0 && Is(i - 1, {"những", "các", "mấy"}))) {
    *j = i + 2;
    *value = FromLast(0);
    return true;
  }
  if (tod > i && Is(tod, {"nay", "qua"})) {
    *j = tod + 1;
    *value = Relative(Is(tod, {"nay"}) ? 0 : -1);
    ExplicitDay(j, value);
    return true;
  }
  // tuần trước / tuần này / tuần sau / tuần tới
  if (Is(i, {"tuần"}) && Is(i + 1, {"trước", "này", "nay", "sau", "tới", "qua", "rồi"}) && !Counted(i)) {
    *j = i + 2;
    *value = Week(Is(i + 1, {"trước", "qua", "rồi"}) ? -1 : Is(i + 1, {"này", "nay"}) ? 0 : 1);
    return true;
  }
  // Ago: "3 năm trước", "hai năm trước", "cách đây gần 1 tuần", "cách đó 20 năm" (from the
  // time last named).
  static const std::map<std::string, int, std::less<>> kNumberWords = {
      {"một", 1}, {"hai", 2}, {"ba", 3}, {"bốn", 4}, {"năm", 5}, {"sáu", 6}, {"bảy", 7}, {"tám", 8}, {"chín", 9}, {"mười", 10}};
  size_t num = i;
  bool from_last = false;
  if (Is(i, {"cách"}) && Is(i + 1, {"đây", "đó"})) {
    from_last = Is(i + 1, {"đó"});
    num = i + 2;
    if (Is(num, {"hơn", "gần", "khoảng", "chừng", "ngót"})) ++num;
  }
  auto word = kNumberWords.find(K(num));
  if (!IsNumber(num, &n) && word != kNumberWords.end() && (num > i || !(i > 0 && Is(i - 1, {"thứ"})))) n = word->second;
  if (n > 0 && n < 1000 && Is(num + 1, {"ngày", "tuần", "tháng", "năm"}) && (num > i || Is(num + 2, {"trước"})) &&
      !(num == i && i > 0 && OneOf(K(i - 1), kCounting))) {
    *j = num > i ? num + 2 : num + 3;
    if (num > i && Is(*j, {"trước"})) ++*j;
    const std::string& unit = K(num + 1);
    if (from_last) {
      if (unit == "năm" && last_year) *value = std::to_string(last_year - n);
      else if ((unit == "ngày" || unit == "tuần") && last_day) *value = FromLast(-n * (unit == "tuần" ? 7 : 1));
      else *value = "";
    } else if (!article) {
      *value = "";
    } else if (unit == "ngày" || unit == "tuần") {
      *value = Relative(-n * (unit == "tuần" ? 7 : 1));
    } else if (unit == "tháng") {
      *value = MonthOffset(-n);
    } else {
      *value = std::to_string(article->year - n);
    }
    return true;
  }
  return false;
}

// ngày 2 tháng 9 [năm 1945]; [ngày|hôm|sáng …] 10/4, 23-10, 20.10; 2/9/1945; 21-22/10;
// 17–18/11; 18 và 19/10; ngày 15 (a day of the month last named).
bool DateExtractor::Impl::MatchNumeric(size_t i, size_t* j, std::string* value) {
  int d = 0, m = 0, y = 0;
  if (Is(i, {"ngày"}) && IsNumber(i + 1, &d) && Is(i + 2, {"tháng"}) && IsNumber(i + 3, &m) && ValidDayMonth(d, m, 0)) {
    *j = i + 4;
    if (Is(i + 4, {"năm"}) && IsNumber(i + 5, &y) && IsYear(y, K(i + 5).size())) {
      *j = i + 6;
    } else {
      y = 0;
    }
    if (y != 0 && !Date::IsValid(y, m, d)) return false;
    *value = DayValue(d, m, y);
    return true;
  }
  size_t k = i;
  const bool cue = Is(i, {"ngày", "hôm"}) || Is(i, kTimeOfDay);
  if (cue) k = i + 1;
  if (Is(i, {"rạng"}) && Is(i + 1, {"sáng"})) k = i + 2;
  if (k >= t.size() || t[k].kind != text::TokenKind::kNumber) return false;
  const bool prefixed =
      k > i || (i > 0 && Is(i - 1, {"từ", "đến", "tới", "vào", "trước", "sau", "(", "và", "hồi", "đêm", "ngày", "dịp", "lễ"}));
  // A list or a range of days before the month: "18 và 19/10", "18, 19 và 20/10", "17–18/11".
  std::vector<int> listed;
  int first_day = 0;
  size_t at = k;
  while (at + 2 < t.size() && Number(t[at], &d) && d >= 1 && d <= 31 && t[at].key.size() <= 2) {
    if (Is(at + 1, {"-", "–", "—"}) && listed.empty()) {
      first_day = d;
      at += 2;
      break;
    }
    if (!Is(at + 1, {"và", ","})) break;
    listed.push_back(d);
    at += 2;
  }
  DayMonth dm, to;
  if ((!listed.empty() || first_day) && !ParseDayMonth(K(at), true, &dm)) {
    listed.clear();  // "ngày 15, B về": no list after all
    first_day = 0;
    at = k;
  }
  if (!ParseDayMonth(K(at), cue || prefixed, &dm)) {
    // A day alone in a month's context: "ngày 15", "hôm 3"; or the first day of a range whose
    // month comes after it: "ngày 7 đến 13/7".
    if (cue && at == k && Number(t[k], &d) && d >= 1 && d <= 31 && t[k].key.size() <= 2 && !Is(k + 1, {"tháng", "/"})) {
      if (Is(k + 1, {"đến", "tới", "-", "–"}) && k + 2 < t.size() && ParseDayMonth(K(k + 2), true, &to) && !to.first &&
          d < to.day) {
        *j = k + 3;
        std::string a = DayValue(d, to.month, to.year);
        *value = a + "/" + DayValue(to.day, to.month, to.year);
        return true;
      }
      const int month = context_month ? context_month : article ? article->month : 0;
      const int year = context_month ? context_year : article ? article->year : 0;
      if (month == 0 || !ValidDayMonth(d, month, year)) return false;
      *j = k + 1;
      *value = year ? DayValue(d, month, year) : "--" + Two(month) + "-" + Two(d);
      return true;
    }
    return false;
  }
  // A bare "3/5" may be a fraction; a range ("21-22/10") or a list is not.
  if (dm.year == 0 && !prefixed && listed.empty() && !first_day && !dm.first) return false;
  *j = at + 1;
  if (!listed.empty()) {
    std::string out;
    for (int day : listed) {
      if (!ValidDayMonth(day, dm.month, dm.year)) return false;
      out += DayValue(day, dm.month, dm.year) + ",";
    }
    *value = out + DayValue(dm.day, dm.month, dm.year);
    return true;
  }
  if (first_day) dm.first = first_day;
  if (dm.first) {
    const int first_month = dm.first_month ? dm.first_month : dm.month;
    if (!dm.first_month && dm.first >= dm.day) return false;
    std::string a = DayValue(dm.first, first_month, dm.year);
    *value = a + "/" + DayValue(dm.day, dm.month, dm.year);
    return true;
  }
  // "30/4 và 1/5": a list of days of two months.
  if (Is(*j, {"và", ","}) && *j + 1 < t.size() && ParseDayMonth(K(*j + 1), false, &to) && !to.first && to.year == dm.year &&
      to.month != dm.month) {
    std::string a = DayValue(dm.day, dm.month, dm.year);
    *value = a + "," + DayValue(to.day, to.month, to.year);
    *j += 2;
    return true;
  }
  // "ngày 28.6 - 1.7", "20/7 - 5/8", "ngày 5/11 đến 2/12": two days joined by a dash, or by
  // "đến" when the second has no cue word of its own, are one range.
  // The second may carry the year for both ("ngày 10/6 - 11/6/2021"), or each its own
  // ("21/12/2010 - 6/2/2021").
  if (Is(*j, {"-", "–", "—", "đến", "tới"}) && *j + 1 < t.size() && ParseDayMonth(K(*j + 1), true, &to) && !to.first &&
      (Is(*j, {"-", "–", "—"}) || K(*j + 1).find('/') != std::string::npos) &&
      (to.year == 0 || dm.year == 0 || dm.year <= to.year) && (to.year != 0 || dm.year == 0)) {
    if (dm.year == 0 && to.year != 0) dm.year = to.year;
  }
  if (Is(*j, {"-", "–", "—", "đến", "tới"}) && *j + 1 < t.size() && ParseDayMonth(K(*j + 1), true, &to) && !to.first &&
      (Is(*j, {"-", "–", "—"}) || K(*j + 1).find('/') != std::string::npos) &&
      (dm.year < to.year || to.month > dm.month || (to.month == dm.month && to.day > dm.day)) &&
      (to.year == 0) == (dm.year == 0) && Date::IsValid(dm.year ? dm.year : 2000, dm.month, dm.day)) {
    std::string a = DayValue(dm.day, dm.month, dm.year);
    *value = a + "/" + DayValue(to.day, to.month, to.year);
    *j += 2;
    return true;
  }
  *value = DayValue(dm.day, dm.month, dm.year);
  return true;
}

// [đầu|giữa|cuối] tháng 11 [năm 2025 | /2025 | -2025]; tháng 5 và 6; tháng này / trước / tới;
// đầu / giữa / cuối tháng (this month's, or the month last named).
bool DateExtractor::Impl::MatchMonth(size_t i, size_t* j, std::string* value) {
  if (Is(i, {"cùng"}) && Is(i + 1, {"tháng"}) && context_month && !(i + 2 < t.size() && t[i + 2].kind == text::TokenKind::kNumber)) {
    *j = i + 2 + (Is(i + 2, {"đó", "ấy", "này"}) ? 1 : 0);  // "cùng tháng đó": the month last named
    *value = MonthValue(context_month, context_year, -1);
    return true;
  }
  const int third = Third(K(i));
  const size_t at = third >= 0 ? i + 1 : i;
  if (!Is(at, {"tháng"}) || at + 1 > t.size()) return false;
  Numeric x;
  if (at + 1 < t.size() && t[at + 1].kind == text::TokenKind::kNumber && ParseNumeric(K(at + 1), &x)) {
    int m = x.n[0], y = 0;
    if (x.count == 2 && IsYear(x.n[1], x.digits[1])) {
      y = x.n[1];  // "tháng 12/2025", "Tháng 5-2013", "tháng 5.2013"
    } else if (x.count != 1) {
      return false;
    }
    if (m < 1 || m > 12 || x.digits[0] > 2) return false;
    *j = at + 2;
    std::vector<int> more;  // "tháng 5 và 6", "tháng 5, 6 và 7"
    int v = 0;
    for (size_t k = at + 2; y == 0 && third < 0 && Is(k, {"và", ","}) && IsNumber(k + 1, &v) && v >= 1 && v <= 12 &&
                            K(k + 1).size() <= 2;
         k += 2) {
      more.push_back(v);
      *j = k + 2;
    }
    // "tháng 4 – 6/2017", "tháng 4 đến tháng 6 năm 2017": a range of months.
    if (y == 0 && third < 0 && more.empty() && Is(*j, {"-", "–", "—", "đến", "tới"})) {
      size_t k = *j + 1 + (Is(*j + 1, {"tháng"}) ? 1 : 0);
      Numeric z;
      int y2 = 0;
      if (k < t.size() && t[k].kind == text::TokenKind::kNumber && ParseNumeric(K(k), &z) && z.n[0] > m && z.n[0] <= 12 &&
          z.digits[0] <= 2 && (z.count == 1 || (z.count == 2 && IsYear(z.n[1], z.digits[1])))) {
        y2 = z.count == 2 ? z.n[1] : 0;
        size_t end = k + 1;
        if (y2 == 0 && Is(end, {"năm"}) && IsNumber(end + 1, &y2) && IsYear(y2, K(end + 1).size())) end += 2;
        *j = end;
        std::string a = MonthValue(m, y2, -1);
        *value = a + "/" + MonthValue(z.n[0], y2, -1);
        return true;
      }
    }
    if (y == 0 && Is(*j, {"năm"}) && IsNumber(*j + 1, &y) && IsYear(y, K(*j + 1).size())) {
      *j += 2;
    } else if (y == 0 && Is(*j, {"cùng"}) && Is(*j + 1, {"năm"}) && last_year) {
      y = last_year;  // "Tháng 9 cùng năm": the year last named
      *j += 2;
    } else if (y == 0 && Is(*j, {"năm"}) && RelativeYear(K(*j + 1)) && !Is(*j + 1, {"qua"})) {
      y = *RelativeYear(K(*j + 1));
      *j += 2;
    } else if (y == 0) {
      y = 0;
    }
    std::string out = MonthValue(m, y, third);
    for (int v2 : more) out += "," + MonthValue(v2, y, -1);
    *value = out;
    return true;
  }
  // Months by name, written capitalized: "tháng Tư 2001", "tháng Giêng", "tháng Chạp".
  static const std::map<std::string, int, std::less<>> kMonthNames = {
      {"giêng", 1}, {"hai", 2}, {"ba", 3}, {"tư", 4}, {"năm", 5}, {"sáu", 6}, {"bảy", 7},
      {"tám", 8}, {"chín", 9}, {"mười", 10}, {"chạp", 12}};
  // Lowercase too where the name cannot be a number word of another reading ("tháng tám tới";
  // not "tháng năm", "tháng hai", "tháng ba").
  if (auto name = kMonthNames.find(K(at + 1));
      name != kMonthNames.end() && at + 1 < t.size() &&
      (t[at + 1].upper || !OneOf(K(at + 1), {"năm", "hai", "ba", "mười"}))) {
    int m = name->second, y = 0;
    *j = at + 2;
    if (m == 10 && Is(*j, {"một", "hai"}) && t[*j].upper) m = Is(*j, {"một"}) ? 11 : 12, ++*j;
    if (IsNumber(*j, &y) && IsYear(y, K(*j).size())) {
      ++*j;
    } else if (Is(*j, {"năm"}) && IsNumber(*j + 1, &y) && IsYear(y, K(*j + 1).size())) {
      *j += 2;
    } else {
      y = 0;
      if (Is(*j, {"tới", "này"})) ++*j;  // "tháng tám tới"
    }
    *value = MonthValue(m, y, third);
    return true;
  }
  if (third < 0 && Is(at + 1, {"trước", "nay", "này", "sau", "tới"}) && !Counted(i)) {
    *j = at + 2;
    const std::string& r = K(at + 1);
    *value = MonthOffset(r == "trước" ? -1 : OneOf(r, {"nay", "này"}) ? 0 : 1);
    return true;
  }
  if (third >= 0 && !Counted(i)) {  // "đầu tháng", "cuối tháng này", "hồi giữa tháng"
    *j = at + 1 + (Is(at + 1, {"này", "nay"}) ? 1 : 0);
    const int month = context_month ? context_month : article ? article->month : 0;
    if (month == 0) return false;
    *value = MonthValue(month, context_month ? context_year : article->year, third);
    return true;
  }
  return false;
}

// [đầu|giữa|cuối] năm 2025; năm nay / ngoái / tới; năm 2015, 2016 và 2017; năm 2015 đến 2019;
// a year after a cue ("từ 2015 đến 2019", "vào 2020").
bool DateExtractor::Impl::MatchYear(size_t i, size_t* j, std::string* value) {
  int y = 0;
  const int third = Third(K(i));
  const size_t at = third >= 0 ? i + 1 : i;
  if (Is(at, {"năm"})) {
    Numeric x;
    if (at + 1 < t.size() && t[at + 1].kind == text::TokenKind::kNumber && ParseNumeric(K(at + 1), &x) &&
        IsYear(x.n[0], x.digits[0]) && !Is(at, {"những"})) {
      if (x.count == 2 && x.sep[0] == '-' && IsYear(x.n[1], x.digits[1]) && x.n[0] < x.n[1] && third < 0) {
        *j = at + 2;  // "năm 2011-2015"
        *value = std::to_string(x.n[0]) + "/" + std::to_string(x.n[1]);
        return true;
      }
      if (x.count != 1) return false;
      y = x.n[0];
      *j = at + 2;
      int y2 = 0;
      if (third < 0 && Is(at + 2, {"đến", "tới", "-", "–"}) && IsNumber(at + 3, &y2) && IsYear(y2, K(at + 3).size()) &&
          y2 > y) {
        *j = at + 4;  // "năm 2015 đến 2019"
        *value = std::to_string(y) + "/" + std::to_string(y2);
        return true;
      }
      std::string out = YearValue(y, third);
      for (size_t k = at + 2; third < 0 && Is(k, {"và", ",", "hoặc"}) && IsNumber(k + 1, &y2) && IsYear(y2, K(k + 1).size());
           k += 2) {
        out += "," + std::to_string(y2);  // "năm 2015, 2016 và 2017"
        *j = k + 2;
      }
      *value = out;
      return true;
    }
    const std::string& r = K(at + 1);
    if (OneOf(r, {"nay", "ngoái", "trước", "sau", "tới"}) && (third >= 0 || !Counted(i))) {
      *j = at + 2;
      auto year = RelativeYear(r);
      *value = year ? YearValue(*year, third) : "";
      return true;
    }
    // "năm qua", "năm vừa qua": the year before the article's.
    if (third < 0 && !Counted(i) && (r == "qua" || (r == "vừa" && Is(at + 2, {"qua"})))) {
      *j = at + (r == "qua" ? 2 : 3);
      *value = article ? std::to_string(article->year - 1) : "";
      return true;
    }
    // "đầu năm", "cuối năm": a third of the year last named, else of the article's.
    if (third >= 0 && t[at + 1 < t.size() ? at + 1 : at].kind != text::TokenKind::kNumber) {
      *j = at + 1;
      const int year = last_year ? last_year : article ? article->year : 0;
      *value = year ? YearValue(year, third) : "";
      return true;
    }
    return false;
  }
  // "(2015-2019)", "từ 2015-2019": a range of years ("giai đoạn 2011-2015": MatchPeriod).
  Numeric x;
  if (i > 0 && Is(i - 1, {"(", "từ"}) && t[i].kind == text::TokenKind::kNumber && ParseNumeric(K(i), &x) &&
      x.count == 2 && x.sep[0] == '-' && IsYear(x.n[0], x.digits[0]) && IsYear(x.n[1], x.digits[1]) && x.n[0] < x.n[1]) {
    *j = i + 1;
    *value = std::to_string(x.n[0]) + "/" + std::to_string(x.n[1]);
    return true;
  }
  // A bare year after a cue, not counting something: "từ 2015 đến 2019", "vào 2020,".
  if (i > 0 && Is(i - 1, {"từ", "đến", "tới", "vào", "trong", "hồi", "sau", "trước", "(", "và", "hoặc"}) &&
      IsNumber(i, &y) && IsYear(y, K(i).size()) && y >= 1900 && y <= 2100 &&
      (i + 1 >= t.size() || t[i + 1].kind == text::TokenKind::kPunct || Is(i + 1, {"đến", "tới", "và"}))) {
    int y2 = 0;
    if (Is(i + 1, {"đến", "tới"}) && IsNumber(i + 2, &y2) && IsYear(y2, K(i + 2).size()) && y2 > y) {
      *j = i + 3;
      *value = std::to_string(y) + "/" + std::to_string(y2);
      return true;
    }
    *j = i + 1;
    *value = std::to_string(y);
    return true;
  }
  return false;
}

// Decades, centuries, quarters, seasons: "thập niên 1990", "những năm 90", "thế kỷ 20",
// "quý III/2020", "mùa hè năm nay".
bool DateExtractor::Impl::MatchPeriod(size_t i, size_t* j, std::string* value) {
  int n = 0;
  // "5 tháng đầu năm 2017", "6 tháng đầu năm": the year's first months.
  if (IsNumber(i, &n) && n >= 1 && n <= 11 && Is(i + 1, {"tháng"}) && Is(i + 2, {"đầu"}) && Is(i + 3, {"năm"})) {
    int y = 0;
    *j = i + 4;
    if (IsNumber(*j, &y) && IsYear(y, K(*j).size())) {
      ++*j;
    } else if (Is(*j, {"nay", "ngoái"}) && RelativeYear(K(*j))) {
      y = *RelativeYear(K(*j));
      ++*j;
    } else {
      y = last_year ? last_year : article ? article->year : 0;
    }
    *value = y ? Month(y, 1) + "/" + Month(y, n) : "--01/--" + Two(n);
    return true;
  }
  // "giai đoạn 2011 - 2016", "năm học 2020-2021", "nhiệm kỳ 2015 – 2020", "mùa giải 2016-2017".
  {
    size_t k = 0;
    if ((Is(i, {"giai"}) && Is(i + 1, {"đoạn"})) || (Is(i, {"nhiệm"}) && Is(i + 1, {"kỳ", "kì"})) ||
        (Is(i, {"năm"}) && Is(i + 1, {"học"})) || (Is(i, {"niên"}) && Is(i + 1, {"khóa", "khoá"})) ||
        (Is(i, {"mùa"}) && Is(i + 1, {"giải"}))) {
      k = i + 2;
    }
    int a = 0, b = 0;
    Numeric x;
    if (k && k < t.size() && t[k].kind == text::TokenKind::kNumber && ParseNumeric(K(k), &x) && x.count == 2 &&
        x.sep[0] == '-' && IsYear(x.n[0], x.digits[0]) && IsYear(x.n[1], x.digits[1]) && x.n[0] < x.n[1]) {
      *j = k + 1;
      *value = std::to_string(x.n[0]) + "/" + std::to_string(x.n[1]);
      return true;
    }
    if (k && IsNumber(k, &a) && IsYear(a, K(k).size()) && Is(k + 1, {"-", "–", "—"}) && IsNumber(k + 2, &b) &&
        IsYear(b, K(k + 2).size()) && a < b) {
      *j = k + 3;
      *value = std::to_string(a) + "/" + std::to_string(b);
      return true;
    }
  }
  // "cuối tuần này", "cuối tuần trước": the weekend, Saturday and Sunday.
  if (Is(i, {"cuối"}) && Is(i + 1, {"tuần"}) && Is(i + 2, {"này", "nay", "trước", "qua", "tới", "sau", "rồi"})) {
    *j = i + 3;
    const std::string week = Week(Is(i + 2, {"trước", "qua", "rồi"}) ? -1 : Is(i + 2, {"này", "nay"}) ? 0 : 1);
    if (week.empty()) {
      *value = "";
    } else {
      Date sunday = Date::Parse(week.substr(11)).value();
      *value = Interval(FromDays(ToDays(sunday) - days(1)), sunday);
    }
    return true;
  }
  const int third = Third(K(i));
  const size_t at = third >= 0 ? i + 1 : i;
  // Decades: the value is the decade's first three digits ("199").
  size_t num = 0;
  if (Is(at, {"thập"}) && Is(at + 1, {"niên", "kỷ", "kỉ"})) num = at + 2;
  if (Is(at, {"những"}) && Is(at + 1, {"năm"})) num = at + 2;
  if (num && IsNumber(num, &n) && n % 10 == 0) {
    int decade = 0;
    if (K(num).size() == 4 && n >= 1000) decade = n / 10;
    if (K(num).size() == 2) {
      // "những năm 50 của thế kỷ trước": the last century's; else the 1900s ("thập niên 90").
      const int century = article && article->year >= 2000 ? (article->year / 100) - 1 : 19;
      decade = century * 10 + n / 10;
    }
    if (decade) {
      *j = num + 1;
      if (Is(*j, {"của"}) && Is(*j + 1, {"thế"}) && Is(*j + 2, {"kỷ", "kỉ"}) && Is(*j + 3, {"trước", "20", "xx"})) *j += 4;
      *value = std::to_string(decade);
      return true;
    }
  }
  // Centuries: "thế kỷ 20", "thế kỷ XXI" -> "19", "20"; "thế kỷ trước" / "này".
  if (Is(at, {"thế"}) && Is(at + 1, {"kỷ", "kỉ"}) && at + 2 < t.size()) {
    const int c = Ordinal(t[at + 2]);
    if (c >= 1 && c <= 21) {
      *j = at + 3;
      *value = Two(c - 1);
      return true;
    }
    if (article && Is(at + 2, {"trước", "này"})) {
      *j = at + 3;
      *value = Two(article->year / 100 - (Is(at + 2, {"trước"}) ? 1 : 0));
      return true;
    }
    return false;
  }
  // Quarters: "quý III", "quý 1/2020", "quý IV năm ngoái", "quý này".
  if (third < 0 && Is(i, {"quý", "quí"}) && i + 1 < t.size()) {
    size_t k = i + 1;
    int q = 0, y = 0;
    Numeric x;
    if (t[k].kind == text::TokenKind::kNumber && ParseNumeric(K(k), &x) && x.count == 2 && x.sep[0] == '/' &&
        IsYear(x.n[1], x.digits[1])) {
      q = x.n[0];  // "quý 1/2020"
      y = x.n[1];
      k += 1;
    } else {
      q = Ordinal(t[k]);
      k += 1;
      if (Is(k, {"/", "-"}) && IsNumber(k + 1, &y) && IsYear(y, K(k + 1).size())) {
        k += 2;
      } else if (Is(k, {"năm"}) && IsNumber(k + 1, &y) && IsYear(y, K(k + 1).size())) {
        k += 2;
      } else if (Is(k, {"năm"}) && RelativeYear(K(k + 1))) {
        y = *RelativeYear(K(k + 1));
        k += 2;
      } else {
        y = 0;
      }
    }
    if (q < 1 || q > 4) return false;
    *j = k;
    if (y == 0 && article) y = article->year;
    *value = y ? std::to_string(y) + "-Q" + std::to_string(q) : "";
    return true;
  }
  // Seasons with a year or "này / tới / trước": "mùa hè năm nay", "mùa đông 2019".
  if (third < 0 && Is(i, {"mùa"}) && i + 2 < t.size()) {
    static const std::map<std::string, std::string, std::less<>> kSeasons = {
        {"xuân", "SP"}, {"hè", "SU"}, {"hạ", "SU"}, {"thu", "FA"}, {"đông", "WI"}};
    auto s = kSeasons.find(K(i + 1));
    if (s == kSeasons.end()) return false;
    int y = 0;
    size_t k = i + 2;
    if (IsNumber(k, &y) && IsYear(y, K(k).size())) {
      k += 1;
    } else if (Is(k, {"năm"}) && IsNumber(k + 1, &y) && IsYear(y, K(k + 1).size())) {
      k += 2;
    } else if (Is(k, {"năm"}) && Is(k + 1, {"nay", "ngoái", "trước", "sau", "tới"})) {
      y = RelativeYear(K(k + 1)).value_or(0);
      k += 2;
    } else if (Is(k, {"này", "tới", "trước", "năm"})) {
      y = RelativeYear(K(k) == "này" ? "nay" : K(k)).value_or(0);
      k += 1;
    } else {
      return false;
    }
    *j = k;
    *value = y ? std::to_string(y) + "-" + s->second : "";
    return true;
  }
  return false;
}

// Tết (the lunar new year), Tết Trung thu, Giáng sinh / Noel, Valentine, Tết Dương lịch: their
// day in the year named, else the one nearest the article's date.
bool DateExtractor::Impl::MatchHoliday(size_t i, size_t* j, std::string* value) {
  auto nearest = [&](auto day_of, int named) -> std::string {
    if (named) {
      auto d = day_of(named);
      return d ? Day(*d) : "";
    }
    if (!article) return "";
    std::optional<Date> best;
    long gap = 0;
    for (int y = article->year - 1; y <= article->year + 1; ++y) {
      auto d = day_of(y);
      if (!d) continue;
      long g = std::labs((ToDays(*d) - ToDays(*article)).count());
      if (!best || g < gap) best = d, gap = g;
    }
    return best ? Day(*best) : "";
  };
  auto fixed = [&](int month, int day, size_t end) {
    *j = end;
    int y = 0;
    if (IsNumber(end, &y) && IsYear(y, K(end).size())) {
      *j = end + 1;
      *value = DayValue(day, month, y);
    } else if (Is(end, {"năm"}) && RelativeYear(K(end + 1)) && !Is(end + 1, {"qua"})) {
      *j = end + 2;
      *value = DayValue(day, month, *RelativeYear(K(end + 1)));
    } else {
      *value = DayValue(day, month, 0);
    }
    return true;
  };
  if (Is(i, {"giáng"}) && Is(i + 1, {"sinh"})) return fixed(12, 25, i + 2);
  if (Is(i, {"noel"})) return fixed(12, 25, i + 1);
  if (Is(i, {"đêm"}) && ((Is(i + 1, {"giáng"}) && Is(i + 2, {"sinh"})) || Is(i + 1, {"noel"}))) {
    return fixed(12, 24, Is(i + 1, {"noel"}) ? i + 2 : i + 3);
  }
  if (Is(i, {"ngày", "lễ"}) && Is(i + 1, {"valentine"})) return fixed(2, 14, i + 2);
  if (Is(i, {"ngày", "lễ"}) && Is(i + 1, {"tình"}) && Is(i + 2, {"nhân"})) return fixed(2, 14, i + 3);
  if (!Is(i, {"tết"})) return false;
  if (Is(i + 1, {"dương"}) && Is(i + 2, {"lịch"})) return fixed(1, 1, i + 3);
  if (Is(i + 1, {"trung"}) && Is(i + 2, {"thu"})) {
    *j = i + 3;
    int y = 0;
    if (IsNumber(*j, &y) && IsYear(y, K(*j).size())) ++*j;
    *value = nearest(extract::MidAutumn, y);
    return true;
  }
  // Other festivals called Tết are not the new year: Đoan ngọ, Hàn thực, Thanh minh, Thiếu nhi.
  if (Is(i + 1, {"đoan", "hàn", "thanh", "thiếu", "tây", "ta"}) && !Is(i + 1, {"ta"})) return false;
  size_t k = i + 1;
  if ((Is(k, {"nguyên"}) && Is(k + 1, {"đán"})) || (Is(k, {"âm"}) && Is(k + 1, {"lịch"})) ||
      (Is(k, {"cổ"}) && Is(k + 1, {"truyền"}))) {
    k += 2;
  }
  int y = 0;
  // "Tết cổ truyền Lào", "Tết Bunpimay": another people's new year, not the lunar one.
  if (k < t.size() && t[k].upper && t[k].kind == text::TokenKind::kWord &&
      extract::SexagenaryYear(normalizer->Fold(K(k)), k + 1 < t.size() ? normalizer->Fold(K(k + 1)) : "", 2000) == 0) {
    return false;
  }
  if (IsNumber(k, &y) && IsYear(y, K(k).size())) {
    k += 1;
  } else if (Is(k, {"năm"}) && IsNumber(k + 1, &y) && IsYear(y, K(k + 1).size())) {
    k += 2;
  } else if (k + 1 < t.size() && t[k].upper && t[k + 1].upper) {
    // "Tết Canh Tý": the year of that name nearest the article's (or this century's).
    std::string stem = normalizer->Fold(K(k)), branch = normalizer->Fold(K(k + 1));
    y = extract::SexagenaryYear(stem, branch, article ? article->year : 2000);
    if (y != 0) k += 2;
  } else {
    y = 0;
  }
  *j = k;
  *value = nearest(extract::LunarNewYear, y);
  return true;
}

// thứ Hai … thứ Bảy, Chủ nhật [tuần trước | tuần tới | tới]
bool DateExtractor::Impl::MatchWeekday(size_t i, size_t* j, std::string* value) {
  unsigned day = 0;  // ISO: 1 Monday .. 7 Sunday
  if (Is(i, {"thứ"}) && i + 1 < t.size() && t[i + 1].upper) {
    // In lower case "thứ hai" is the ordinal ("lần thứ hai"); a weekday is written "thứ Hai".
    for (unsigned x = 0; x < kWeekdayNames.size(); ++x) {
      if (K(i + 1) == kWeekdayNames[x] || (ascii && x == 2 && K(i + 1) == "từ") || (ascii && x == 4 && K(i + 1) == "sau")) {
        day = x + 1;
      }
    }
  } else if (Is(i, {"chủ"}) && Is(i + 1, {"nhật"})) {
    day = 7;
  }
  if (day == 0) return false;
  const size_t after = i + 2;
  int direction = 0;
  *j = after;
  if (Is(after, {"tuần"}) && Is(after + 1, {"trước", "qua"})) {
    direction = -1;
    *j = after + 2;
  } else if (Is(after, {"tuần"}) && Is(after + 1, {"sau", "tới"})) {
    direction = 1;
    *j = after + 2;
  } else if (Is(after, {"tới"})) {
    direction = 1;
    *j = after + 1;
  }
  *value = Weekday(day, direction);
  // "thứ Tư (15/2)", "thứ Tư 15/2/2017": the day the text gives wins.
  DayMonth dm;
  size_t k = *j + (Is(*j, {"("}) ? 1 : 0);
  if (k < t.size() && ParseDayMonth(K(k), true, &dm) && !dm.first && (dm.year || article == std::nullopt)) {
    *j = k + 1 + (k > *j && Is(k + 1, {")"}) ? 1 : 0);
    *value = DayValue(dm.day, dm.month, dm.year);
  }
  return true;
}

DateExtractor::DateExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DateExtractor::~DateExtractor() = default;

Result<std::unique_ptr<DateExtractor>> DateExtractor::Create() {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto impl = std::make_unique<Impl>();
  impl->normalizer = std::move(*normalizer);
  impl->cache = std::make_unique<text::WordCache>(impl->normalizer.get());
  return std::unique_ptr<DateExtractor>(new DateExtractor(std::move(impl)));
}

std::vector<TimeExpression> DateExtractor::Extract(std::string_view text,
                                                   const std::optional<Date>& article_date) {
  Impl& m = *impl_;
  std::vector<text::Token> tokens;
  text::Tokenize(text, &tokens);
  m.t.clear();
  size_t words = 0, marked = 0;
  for (const text::Token& k : tokens) {
    std::string_view s = text.substr(k.begin, k.end - k.begin);
    std::string key(s);
    if (k.kind == text::TokenKind::kWord) {
      auto forms = m.cache->Get(s);
      key.assign(forms.norm);
      ++words;
      marked += forms.norm != forms.fold;
    }
    m.t.push_back({k.begin, k.end, k.kind, k.upper_first, std::move(key)});
  }
  // A text written without diacritics (under 5% of its words carry one): read date words from
  // their bare letters.
  m.ascii = words >= 3 && marked * 20 < words;
  if (m.ascii) {
    const auto& readings = AsciiReadings();
    for (size_t i = 0; i < m.t.size(); ++i) {
      if (m.t[i].kind != text::TokenKind::kWord) continue;
      auto it = readings.find(m.t[i].key);
      if (it == readings.end()) continue;
      // "toi" before a number or "qua"/"nay" is "tối" (evening), else "tới" (next).
      if (m.t[i].key == "toi" && i + 1 < m.t.size() &&
          (m.t[i + 1].kind == text::TokenKind::kNumber || OneOf(m.t[i + 1].key, {"qua", "nay"}))) {
        m.t[i].key = "tối";
      } else {
        m.t[i].key = it->second;
      }
    }
  }
  m.article = article_date;
  m.today.reset();
  std::vector<TimeExpression> out = m.Run(text);
  // An undated text that gives "today" its day ("Sáng nay (24-6)") resolves its other relative
  // days from it: read again.
  if (!article_date) {
    for (const TimeExpression& e : out) {
      if (e.value.empty() || m.normalizer->Fold(e.text).find("nay") == std::string::npos) continue;
      Date d{0, 0, 0};
      if (e.value.starts_with("--") && e.value.size() == 7) {
        d.month = std::stoi(e.value.substr(2, 2));
        d.day = std::stoi(e.value.substr(5, 2));
      } else if (e.value.size() == 10) {
        d = Date::Parse(e.value).value_or(Date{0, 0, 0});
      }
      if (d.month == 0) continue;
      m.today = d;
      return m.Run(text);
    }
  }
  return out;
}

std::vector<TimeExpression> DateExtractor::Impl::Run(std::string_view text) {
  Impl& m = *this;
  m.last_day.reset();
  m.context_month = m.context_year = 0;
  m.last_open_month = m.last_open_day = m.last_year = 0;
  std::vector<TimeExpression> out;
  for (size_t i = 0; i < m.t.size();) {
    size_t j = i;
    std::string value;
    if (m.Match(i, &j, &value) && j > i) {
      TimeExpression e;
      e.begin = m.t[i].begin;
      e.end = m.t[j - 1].end;
      e.text.assign(text.substr(e.begin, e.end - e.begin));
      e.value = std::move(value);
      int year = 0;  // the year a value names, for "cách đó 20 năm"
      if (e.value.size() >= 4 && std::from_chars(e.value.data(), e.value.data() + 4, year).ec == std::errc() &&
          year >= 1000) {
        m.last_year = year;
      }
      out.push_back(std::move(e));
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace bantin
