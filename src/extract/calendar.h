// Calendar facts the date rules need beyond the Gregorian calendar: the lunar new year (Tết)
// and the lunar mid-autumn day of a year, and the years a sexagenary name ("Canh Tý") names.
// Thread safety: all functions are thread-safe.
#ifndef BANTIN_EXTRACT_CALENDAR_H_
#define BANTIN_EXTRACT_CALENDAR_H_

#include <optional>
#include <string_view>

#include "bantin/article.h"

namespace bantin::extract {

// The Gregorian day of the first day of the lunar year that begins in Gregorian `year`
// (1900..2100), from ICU's Chinese calendar. It reckons new moons at UTC+8, Vietnam's calendar
// at UTC+7: the two differ in a few years of the last century (1985 the best known), none of
// 1990-2050 that news mostly names. nullopt outside 1900..2100 or if ICU fails.
std::optional<Date> LunarNewYear(int year);

// The Gregorian day of the 15th day of the 8th lunar month (Tết Trung thu) in `year`.
std::optional<Date> MidAutumn(int year);

// The Gregorian year whose lunar year is called `stem branch` (folded: "canh", "ty") and that
// lies nearest `near`; 0 when the words are no stem and branch.
int SexagenaryYear(std::string_view stem, std::string_view branch, int near);

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_CALENDAR_H_
