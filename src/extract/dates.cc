// DateExtractor: Vietnamese temporal expressions, matched over tokens' lowercase forms and
// resolved against the article's date. Rules: docs/extraction.md "Dates". This file: making
// the tokens, the matching loop, relative days, numeric dates, months and years;
// dates_periods.cc the rest.
#include "extract/calendar.h"
#include "extract/dates_internal.h"

namespace bantin {
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
  if (Is(at, {"hôm"}) && Is(at + 1, {"qua", "nay", "kia"}) && !(at == i && Counted(i))) {  // not "mấy hôm nay"
    *j = at + 2;
    *value = Relative(Is(at + 1, {"qua"}) ? -1 : Is(at + 1, {"nay"}) ? 0 : -2);
    ExplicitDay(j, value);
    return true;
  }
  if (tod == i && Is(i, {"ngày"}) && Is(i + 1, {"mai", "kia"})) {
    *j = i + 2;
    *value = Relative(Is(i + 1, {"mai"}) ? 1 : 2);
    ExplicitDay(j, value);  // "Ngày mai (07/02)"
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
  // tuần trước / tuần này / tuần sau / tuần tới / tuần vừa qua
  if (Is(i, {"tuần"}) && Is(i + 1, {"vừa"}) && Is(i + 2, {"qua"}) && !Counted(i)) {
    *j = i + 3;
    *value = Week(-1);
    return true;
  }
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
    } else if (unit == "tuần") {
      *value = Week(-n);  // "hai tuần trước": that week, as "tuần trước" is
    } else if (unit == "ngày") {
      *value = Relative(-n);
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
      k > i || (i > 0 && Is(i - 1, {"từ", "đến", "tới", "vào", "trước", "sau", "(", "và", "hồi", "đêm", "ngày", "dịp", "lễ",
                                   "sớm"}));  // "sáng sớm 1/8"
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
  const bool from = i > 0 && Is(i - 1, {"từ"});  // "từ 30-4 đến 3-5": a range, whatever the separator
  if (Is(*j, {"-", "–", "—", "đến", "tới"}) && *j + 1 < t.size() && ParseDayMonth(K(*j + 1), true, &to) && !to.first &&
      (Is(*j, {"-", "–", "—"}) || K(*j + 1).find('/') != std::string::npos || from) &&
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
      {"giêng", 1}, {"một", 1}, {"hai", 2}, {"ba", 3}, {"tư", 4}, {"năm", 5}, {"sáu", 6}, {"bảy", 7},
      {"tám", 8}, {"chín", 9}, {"mười", 10}, {"chạp", 12}};
  // Lowercase too where the name cannot be a number word of another reading ("tháng tám tới";
  // not "tháng năm", "tháng hai", "tháng ba").
  if (auto name = kMonthNames.find(K(at + 1));
      name != kMonthNames.end() && at + 1 < t.size() &&
      (t[at + 1].upper || !OneOf(K(at + 1), {"năm", "ba", "mười"})) &&
      !Is(at + 2, {"lần"}) && !(Is(at + 1, {"một", "hai"}) && at > 0 && Is(at - 1, {"một", "hai", "ba", "mỗi"}))) {
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
  if (third >= 0 && article && Is(at + 1, {"trước", "sau", "tới"})) {  // "cuối tháng trước"
    *j = at + 2;
    int m = article->month - 1 + (Is(at + 1, {"trước"}) ? -1 : 1);
    const int y = article->year + (m < 0 ? -1 : m > 11 ? 1 : 0);
    m = (m + 12) % 12 + 1;
    NoteMonth(m, y);
    *value = MonthValue(m, y, third);
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
  // "sang năm": next year.
  if (third < 0 && Is(i, {"sang"}) && Is(i + 1, {"năm"}) && !(i + 2 < t.size() && t[i + 2].kind == text::TokenKind::kNumber)) {
    *j = i + 2;
    *value = article ? std::to_string(article->year + 1) : "";
    return true;
  }
  // "năm tài khóa 2018", "năm tài chính 2020": that year.
  if (third < 0 && Is(i, {"năm"}) && Is(i + 1, {"tài"}) && Is(i + 2, {"khóa", "khoá", "chính"}) && IsNumber(i + 3, &y) &&
      IsYear(y, K(i + 3).size())) {
    *j = i + 4;
    *value = std::to_string(y);
    return true;
  }
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
