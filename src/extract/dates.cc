// DateExtractor: Vietnamese temporal expressions, matched over tokens' folded forms and
// resolved against the article's date. Rules: docs/extraction.md.
#include <array>
#include <chrono>
#include <charconv>
#include <cstdlib>

#include "bantin/extract.h"
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
  std::string fold;  // lowercase without diacritics; numbers and punctuation as written
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

// "12/10", "2/9/1945", "12-10-2025", "12.10.2025": day, month, year (0 when absent); false if
// the token is not such a date.
bool ParseNumericDate(std::string_view s, int* day, int* month, int* year) {
  int parts[3] = {0, 0, 0};
  size_t n = 0;
  char sep = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end && n < 3) {
    auto [next, ec] = std::from_chars(p, end, parts[n]);
    if (ec != std::errc() || next == p) return false;
    ++n;
    p = next;
    if (p == end) break;
    if (*p != '/' && *p != '-' && *p != '.') return false;
    if (sep != 0 && *p != sep) return false;
    sep = *p++;
  }
  if (p != end || n < 2) return false;
  if (n == 2 && sep != '/') return false;  // "12-10" and "24.5" are too often not dates
  *day = parts[0];
  *month = parts[1];
  *year = n == 3 ? parts[2] : 0;
  if (n == 3 && (*year < 1000 || *year > 2999)) return false;
  return *month >= 1 && *month <= 12 && *day >= 1 &&
         *day <= (n == 3 ? DaysInMonth(*year, *month) : (*month == 2 ? 29 : 31));
}

bool Number(const Tok& t, int* v) {
  if (t.kind != text::TokenKind::kNumber) return false;
  auto [p, ec] = std::from_chars(t.fold.data(), t.fold.data() + t.fold.size(), *v);
  return ec == std::errc() && p == t.fold.data() + t.fold.size();
}

bool OneOf(const std::string& s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (s == w) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 6> kWeekdayNames = {"hai", "ba", "tu", "nam", "sau", "bay"};

}  // namespace

struct DateExtractor::Impl {
  std::unique_ptr<text::Normalizer> normalizer;
  std::unique_ptr<text::WordCache> cache;
  // Per call.
  std::vector<Tok> t;
  std::optional<Date> article;
  std::optional<Date> last_day;  // the last day resolved in full ("cùng ngày" refers to it)

  const std::string& F(size_t i) const {
    static const std::string kNone;
    return i < t.size() ? t[i].fold : kNone;
  }

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
  std::string DayValue(int day, int month, int year) {
    std::optional<Date> d;
    if (year != 0) {
      d = Date{year, month, day};
    } else {
      d = WithYear(day, month);
    }
    if (!d) return "--" + Two(month) + "-" + Two(day);
    last_day = d;
    return Day(*d);
  }
  // A third of a month or year: "đầu" the first, "giữa" the second, "cuối" the last.
  static int Third(const std::string& w) { return w == "dau" ? 0 : w == "giua" ? 1 : w == "cuoi" ? 2 : -1; }
  std::string MonthValue(int month, int year, int third) const {
    if (year == 0) year = YearOfMonth(month);
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
    if (!article) return "";
    Date d = FromDays(ToDays(*article) + days(offset_days));
    last_day = d;
    return Day(d);
  }
  std::string Week(int offset_weeks) const {
    if (!article) return "";
    sys_days a = ToDays(*article);
    unsigned weekday = std::chrono::weekday(a).iso_encoding();  // Monday 1 .. Sunday 7
    sys_days monday = a - days(weekday - 1) + days(7 * offset_weeks);
    return Interval(FromDays(monday), FromDays(monday + days(6)));
  }
  std::string MonthOffset(int offset) const {
    if (!article) return "";
    int m = article->month - 1 + offset;
    int y = article->year + (m < 0 ? (m - 11) / 12 : m / 12);
    m = ((m % 12) + 12) % 12 + 1;
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
    return Day(out);
  }

  // "nhiều năm trước" (many years ago), "3 tháng sau": an amount of time, not last year or
  // next month.
  bool Counted(size_t i) const {
    int n = 0;
    return i > 0 && (Number(t[i - 1], &n) || OneOf(F(i - 1), {"nhieu", "vai", "may", "hang", "cac", "nhung", "moi"}));
  }

  // Tries every pattern at token i; on a match sets [i, *j) and the value.
  bool Match(size_t i, size_t* j, std::string* value) {
    const std::string& w = F(i);
    int d = 0, m = 0, y = 0, n = 0;
    static const std::initializer_list<std::string_view> kTimeOfDay = {"sang", "trua", "chieu", "toi", "dem"};
    // hôm qua / hôm nay / hôm kia / ngày mai / ngày kia / sáng nay / tối qua / cùng ngày
    if (w == "hom" && OneOf(F(i + 1), {"qua", "nay", "kia"})) {
      *j = i + 2;
      *value = Relative(F(i + 1) == "qua" ? -1 : F(i + 1) == "nay" ? 0 : -2);
      return true;
    }
    if (w == "ngay" && OneOf(F(i + 1), {"mai", "kia"})) {
      *j = i + 2;
      *value = Relative(F(i + 1) == "mai" ? 1 : 2);
      return true;
    }
    if (OneOf(w, kTimeOfDay) && OneOf(F(i + 1), {"nay", "qua"})) {
      *j = i + 2;
      *value = Relative(F(i + 1) == "nay" ? 0 : -1);
      return true;
    }
    if (w == "cung" && F(i + 1) == "ngay" && !ParseNumericDate(F(i + 2), &d, &m, &y)) {
      *j = i + 2;
      std::optional<Date> same = last_day ? last_day : article;
      *value = same ? Day(*same) : "";
      return true;
    }
    // ngày 2 tháng 12 [năm 2025]
    if (w == "ngay" && i + 3 < t.size() && Number(t[i + 1], &d) && F(i + 2) == "thang" &&
        Number(t[i + 3], &m) && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      *j = i + 4;
      if (F(i + 4) == "nam" && i + 5 < t.size() && Number(t[i + 5], &y) && y >= 1000) {
        *j = i + 6;
      } else {
        y = 0;
      }
      if (y != 0 && !Date::IsValid(y, m, d)) return false;
      *value = DayValue(d, m, y);
      return true;
    }
    // [ngày|hôm|sáng|…] 10/4, 2/9/1945, 17–18/11
    size_t k = i;
    const bool cue = OneOf(w, {"ngay", "hom"}) || OneOf(w, kTimeOfDay);
    if (cue) k = i + 1;
    if (k < t.size() && t[k].kind == text::TokenKind::kNumber) {
      int first_day = 0;
      size_t at = k;
      if (Number(t[k], &first_day) && k + 2 < t.size() && OneOf(t[k + 1].fold, {"-", "–", "—"})) {
        at = k + 2;  // a range of days: 17–18/11
      } else {
        first_day = 0;
      }
      if (ParseNumericDate(t[at].fold, &d, &m, &y)) {
        const bool prefixed = cue || (i > 0 && OneOf(F(i - 1), {"tu", "den", "vao", "truoc", "sau", "(", "toi", "va"}));
        if (y == 0 && !prefixed) return false;  // a bare "3/5" may be a fraction
        *j = at + 1;
        if (first_day > 0 && first_day < d) {
          std::string a = DayValue(first_day, m, y), b = DayValue(d, m, y);
          *value = a + "/" + b;
        } else if (first_day > 0) {
          return false;
        } else {
          *value = DayValue(d, m, y);
        }
        return true;
      }
    }
    // [đầu|giữa|cuối] tháng 11 [năm 2025 | /2025]
    const int third = Third(w);
    size_t at = third >= 0 ? i + 1 : i;
    if (F(at) == "thang" && at + 1 < t.size()) {
      if (t[at + 1].kind == text::TokenKind::kNumber) {
        std::string_view s = t[at + 1].fold;
        size_t slash = s.find('/');
        y = 0;
        bool ok = false;
        if (slash != std::string_view::npos) {
          ok = std::from_chars(s.data(), s.data() + slash, m).ec == std::errc() &&
               std::from_chars(s.data() + slash + 1, s.data() + s.size(), y).ec == std::errc() && y >= 1000;
        } else {
          ok = Number(t[at + 1], &m);
        }
        if (!ok || m < 1 || m > 12) return false;
        *j = at + 2;
        if (y == 0 && F(at + 2) == "nam" && at + 3 < t.size() && Number(t[at + 3], &y) && y >= 1000) *j = at + 4;
        *value = MonthValue(m, y, third);
        return true;
      }
      if (third < 0 && OneOf(F(at + 1), {"truoc", "nay", "sau", "toi"}) && !Counted(i)) {
        *j = at + 2;
        const std::string& r = F(at + 1);
        *value = MonthOffset(r == "truoc" ? -1 : r == "nay" ? 0 : 1);
        return true;
      }
    }
    // [đầu|giữa|cuối] năm 2025 / năm nay / năm ngoái / năm tới
    if (F(at) == "nam" && at + 1 < t.size()) {
      if (Number(t[at + 1], &y) && y >= 1900 && y <= 2100 && t[at + 1].fold.size() == 4) {
        *j = at + 2;
        *value = YearValue(y, third);
        return true;
      }
      const std::string& r = F(at + 1);
      if (OneOf(r, {"nay", "ngoai", "truoc", "sau", "toi"}) && (third >= 0 || !Counted(i))) {
        *j = at + 2;
        *value = article ? YearValue(article->year + (r == "nay" ? 0 : (r == "ngoai" || r == "truoc") ? -1 : 1), third) : "";
        return true;
      }
    }
    // tuần trước / tuần này / tuần sau / tuần tới
    if (w == "tuan" && OneOf(F(i + 1), {"truoc", "nay", "sau", "toi", "qua"}) && !Counted(i)) {
      *j = i + 2;
      const std::string& r = F(i + 1);
      *value = Week(r == "truoc" || r == "qua" ? -1 : r == "nay" ? 0 : 1);
      return true;
    }
    // 3 năm trước, 2 tuần trước, 5 ngày trước (ago)
    if (Number(t[i], &n) && n > 0 && n < 1000 && F(i + 2) == "truoc" &&
        OneOf(F(i + 1), {"ngay", "tuan", "thang", "nam"})) {
      *j = i + 3;
      const std::string& unit = F(i + 1);
      if (!article) {
        *value = "";
      } else if (unit == "ngay" || unit == "tuan") {
        *value = Relative(-n * (unit == "tuan" ? 7 : 1));
      } else if (unit == "thang") {
        *value = MonthOffset(-n);
      } else {
        *value = std::to_string(article->year - n);
      }
      return true;
    }
    // thứ Hai … thứ Bảy, Chủ nhật [tuần trước | tuần tới | tới]
    unsigned day = 0;  // ISO: 1 Monday .. 7 Sunday
    size_t after = i + 2;
    if (w == "thu" && i + 1 < t.size() && t[i + 1].upper) {
      // In lower case "thứ hai" is the ordinal ("lần thứ hai"); a weekday is written "thứ Hai".
      for (unsigned x = 0; x < kWeekdayNames.size(); ++x) {
        if (F(i + 1) == kWeekdayNames[x]) day = x + 1;
      }
    } else if (w == "chu" && F(i + 1) == "nhat") {
      day = 7;
    }
    if (day != 0) {
      int direction = 0;
      *j = after;
      if (F(after) == "tuan" && OneOf(F(after + 1), {"truoc", "qua"})) {
        direction = -1;
        *j = after + 2;
      } else if (F(after) == "tuan" && OneOf(F(after + 1), {"sau", "toi"})) {
        direction = 1;
        *j = after + 2;
      } else if (F(after) == "toi") {
        direction = 1;
        *j = after + 1;
      }
      *value = Weekday(day, direction);
      return true;
    }
    return false;
  }
};

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
  for (const text::Token& k : tokens) {
    std::string_view s = text.substr(k.begin, k.end - k.begin);
    std::string fold = k.kind == text::TokenKind::kWord ? std::string(m.cache->Get(s).fold) : std::string(s);
    m.t.push_back({k.begin, k.end, k.kind, k.upper_first, std::move(fold)});
  }
  m.article = article_date;
  m.last_day.reset();
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
      out.push_back(std::move(e));
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace bantin
