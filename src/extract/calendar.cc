#include "extract/calendar.h"

#include <array>
#include <cstdlib>
#include <memory>
#include <mutex>

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

namespace bantin::extract {
namespace {

constexpr int kFirst = 1900, kLast = 2100;

// The Gregorian day of lunar month `month` (0-based), day `day` of the lunar year beginning in
// Gregorian `year`: every Gregorian day from the new year's earliest possible date is converted
// until one matches (at most ~250 conversions; results are memoized by the callers).
std::optional<Date> LunarDay(int year, int month, int day) {
  if (year < kFirst || year > kLast) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone("Asia/Ho_Chi_Minh"));
  std::unique_ptr<icu::Calendar> lunar(icu::Calendar::createInstance(zone->clone(), icu::Locale("vi_VN@calendar=chinese"), status));
  icu::GregorianCalendar solar(zone->clone(), status);
  if (U_FAILURE(status)) return std::nullopt;
  solar.clear();
  solar.set(year, UCAL_JANUARY, 19, 12, 0, 0);  // the lunar new year falls from January 21
  for (int step = 0; step < 400; ++step) {
    lunar->setTime(solar.getTime(status), status);
    if (U_FAILURE(status)) return std::nullopt;
    const bool leap = lunar->get(UCAL_IS_LEAP_MONTH, status) != 0;
    if (!leap && lunar->get(UCAL_MONTH, status) == month && lunar->get(UCAL_DATE, status) == day) {
      return Date{solar.get(UCAL_YEAR, status), solar.get(UCAL_MONTH, status) + 1, solar.get(UCAL_DATE, status)};
    }
    solar.add(UCAL_DATE, 1, status);
  }
  return std::nullopt;
}

template <int kMonth, int kDay>
std::optional<Date> Memoized(int year) {
  static std::mutex mu;
  static std::array<std::optional<std::optional<Date>>, kLast - kFirst + 1> memo;
  if (year < kFirst || year > kLast) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = memo[year - kFirst];
  if (!slot) slot = LunarDay(year, kMonth, kDay);
  return *slot;
}

constexpr std::array<std::string_view, 10> kStems = {"giap", "at", "binh", "dinh", "mau", "ky", "canh", "tan", "nham", "quy"};
constexpr std::array<std::string_view, 12> kBranches = {"ty", "suu", "dan", "mao", "thin", "ty", "ngo", "mui", "than", "dau", "tuat", "hoi"};

}  // namespace

std::optional<Date> LunarNewYear(int year) { return Memoized<0, 1>(year); }
std::optional<Date> MidAutumn(int year) { return Memoized<7, 15>(year); }

int SexagenaryYear(std::string_view stem, std::string_view branch, int near) {
  if (branch == "meo") branch = "mao";  // Southern spelling of Mão
  int s = -1;
  for (int k = 0; k < 10; ++k) {
    if (kStems[k] == stem) s = k;
  }
  if (s < 0) return 0;
  // Folded, Tý (rat, 0) and Tỵ (snake, 5) are both "ty": the stem decides, since a stem and a
  // branch are paired only when both are even or both odd.
  int best = 0;
  for (int b = 0; b < 12; ++b) {
    if (kBranches[b] != branch || (b % 2) != (s % 2)) continue;
    // Years with stem s and branch b: (year - 4) % 10 == s and (year - 4) % 12 == b.
    for (int y = near - 60; y <= near + 60; ++y) {
      if (((y - 4) % 10 + 10) % 10 == s && ((y - 4) % 12 + 12) % 12 == b &&
          (best == 0 || std::abs(y - near) < std::abs(best - near))) {
        best = y;
      }
    }
  }
  return best;
}

}  // namespace bantin::extract
