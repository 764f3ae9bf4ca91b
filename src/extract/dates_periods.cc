// DateExtractor's rules for decades, centuries, quarters, seasons, stretches ("5 tháng đầu
// năm", "giai đoạn 2011 - 2016", weekends), holidays (Tết from the lunar calendar) and weekdays.
#include "extract/calendar.h"
#include "extract/dates_internal.h"

namespace bantin {

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
    const size_t n = at + 2 + (Is(at + 2, {"thứ"}) && at + 3 < t.size() ? 1 : 0);  // "thế kỷ thứ 13"
    const int c = Ordinal(t[n]);
    int c2 = 0;
    if (c >= 1 && c <= 21 && Is(n + 1, {"đến", "tới", "-", "–"}) && n + 2 < t.size() && (c2 = Ordinal(t[n + 2])) > c &&
        c2 <= 21) {
      *j = n + 3;  // "thế kỷ 16 đến 18"
      *value = Two(c - 1) + "/" + Two(c2 - 1);
      return true;
    }
    if (c >= 1 && c <= 21) {
      *j = n + 1;
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
    if (t[k].kind == text::TokenKind::kNumber && ParseNumeric(K(k), &x) && x.count == 2 &&
        (x.sep[0] == '/' || x.sep[0] == '.') && IsYear(x.n[1], x.digits[1])) {
      q = x.n[0];  // "quý 1/2020", "quý 1.2017"
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
  // "mùng 3 Tết", "mồng 1 tết": the Nth day of the lunar new year.
  int nth = 0;
  if (Is(i, {"mùng", "mồng"}) && IsNumber(i + 1, &nth) && nth >= 1 && nth <= 10 && Is(i + 2, {"tết"})) {
    *j = i + 3;
    const std::string first = nearest(extract::LunarNewYear, 0);
    auto d = Date::Parse(first);
    *value = first.size() == 10 && d ? Day(FromDays(ToDays(*d) + days(nth - 1))) : "";
    return true;
  }
  if (Is(i, {"noel"})) return fixed(12, 25, i + 1);
  if (Is(i, {"đêm"}) && ((Is(i + 1, {"giáng"}) && Is(i + 2, {"sinh"})) || Is(i + 1, {"noel"}))) {
    return fixed(12, 24, Is(i + 1, {"noel"}) ? i + 2 : i + 3);
  }
  if (Is(i, {"ngày", "lễ"}) && Is(i + 1, {"valentine"})) return fixed(2, 14, i + 2);
  if (Is(i, {"ngày", "lễ"}) && Is(i + 1, {"tình"}) && Is(i + 2, {"nhân"})) return fixed(2, 14, i + 3);
  if (!Is(i, {"tết"})) return false;
  if (i > 0 && Is(i - 1, {"chúc"})) return false;  // "chúc tết" (a greeting), no time
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
    // The latest such year up to the year after the article's: news recalls past years by name
    // ("Tết Mậu Thân" is 1968 in 2018) and names only the coming one ahead ("Tết Canh Tý" 2020
    // in late 2019).
    const int near = article ? article->year : 2000;
    y = extract::SexagenaryYear(stem, branch, near);
    if (article && y > near + 1) y -= 60;  // undated: the one nearest this century's start
    if (y != 0) k += 2;
    // "Tết Mậu Thân năm 1968": the year written out too is part of the expression.
    int written = 0;
    if (y != 0 && Is(k, {"năm"}) && IsNumber(k + 1, &written) && written == y) k += 2;
    if (y != 0 && Is(k, {"vừa"}) && Is(k + 1, {"qua"})) k += 2;  // "Tết Đinh Dậu vừa qua"
  } else {
    y = 0;
  }
  // "Tết vừa qua", "Tết năm ngoái"-like "Tết qua": the last one on or before the article's date.
  if (y == 0 && article && (Is(k, {"qua"}) || (Is(k, {"vừa"}) && Is(k + 1, {"qua"})))) {
    k += Is(k, {"qua"}) ? 1 : 2;
    auto d = extract::LunarNewYear(article->year);
    y = d && ToDays(*d) <= ToDays(*article) ? article->year : article->year - 1;
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

}  // namespace bantin
