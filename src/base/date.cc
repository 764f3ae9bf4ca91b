#include <charconv>
#include <cstdio>

#include "bantin/article.h"

namespace bantin {

bool Date::IsValid(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max;
}

Result<Date> Date::Parse(std::string_view text) {
  auto bad = [&] {
    return Err(Status::InvalidArgument("date", "\"" + std::string(text.substr(0, 40)) +
                                                   "\" is not a YYYY-MM-DD date"));
  };
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return bad();
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return bad();
  Date d;
  auto num = [&](size_t at, size_t len, int* v) {
    auto r = std::from_chars(text.data() + at, text.data() + at + len, *v);
    return r.ec == std::errc() && r.ptr == text.data() + at + len;
  };
  if (!num(0, 4, &d.year) || !num(5, 2, &d.month) || !num(8, 2, &d.day)) return bad();
  if (!IsValid(d.year, d.month, d.day)) return bad();
  return d;
}

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string_view ParagraphKindName(ParagraphKind kind) {
  switch (kind) {
    case ParagraphKind::kTitle: return "title";
    case ParagraphKind::kLead: return "lead";
    case ParagraphKind::kBody: return "body";
    case ParagraphKind::kCaption: return "caption";
  }
  return "body";
}

}  // namespace bantin
