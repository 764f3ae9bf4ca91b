#include <filesystem>

#include <gtest/gtest.h>

#include "bantin/extract.h"
#include "bantin/reader.h"
#include "extract/test_seeds.h"

namespace bantin {
namespace {

using testing_seeds::ReadSeed;
using testing_seeds::SeedPath;

struct Case {
  const char* text;
  const char* date;  // the article's date, "" for none
  std::vector<std::pair<std::string, std::string>> want;  // (text, value)
};

std::vector<std::pair<std::string, std::string>> Extracted(std::string_view text, std::optional<Date> date) {
  static auto extractor = DateExtractor::Create().value();
  std::vector<std::pair<std::string, std::string>> got;
  for (const TimeExpression& e : extractor->Extract(text, date)) {
    EXPECT_EQ(text.substr(e.begin, e.end - e.begin), e.text);
    got.emplace_back(e.text, e.value);
  }
  return got;
}

TEST(DatesTest, Table) {
  const std::vector<Case> cases = {
      // Day and month: the year that puts the day closest to the article's date.
      {"Ngày 2/12, ông Putin tiếp đặc phái viên.", "2025-12-24", {{"Ngày 2/12", "2025-12-02"}}},
      {"gặp nhau hôm 10/4 tại Istanbul", "2025-04-10", {{"hôm 10/4", "2025-04-10"}}},
      {"họp ngày 27/12 vừa qua", "2026-01-05", {{"ngày 27/12", "2025-12-27"}}},
      {"sẽ họp ngày 10/1", "2025-12-24", {{"ngày 10/1", "2026-01-10"}}},
      {"gặp nhau hôm 10/4", "", {{"hôm 10/4", "--04-10"}}},
      {"Chiều 12/10, nhiều xã di dời", "2025-10-12", {{"Chiều 12/10", "2025-10-12"}}},
      // A period written as one: from 27/2 to 10/4 (with a cue word on each side, two dates:
      // "từ ngày 1/10 đến ngày 5/10", docs/annotation.md section 11).
      {"từ 27/2 đến 10/4", "2025-12-24", {{"27/2 đến 10/4", "2025-02-27/2025-04-10"}}},
      {"từ ngày 1/10 đến ngày 5/10", "2025-12-24", {{"ngày 1/10", "2025-10-01"}, {"ngày 5/10", "2025-10-05"}}},
      {"làm việc tại Manila (17–18/11)", "2025-11-18", {{"17–18/11", "2025-11-17/2025-11-18"}}},
      // A bare day/month may be a fraction; a full date is not.
      {"chiếm 3/5 số phiếu", "2025-12-24", {}},
      {"Quốc khánh 2/9/1945", "2025-12-24", {{"2/9/1945", "1945-09-02"}}},
      {"ngày 2 tháng 9 năm 1945", "", {{"ngày 2 tháng 9 năm 1945", "1945-09-02"}}},
      {"ngày 31/2", "2025-12-24", {}},
      // Months and years.
      {"Từ giữa tháng 11, Mỹ thúc đẩy", "2025-12-24", {{"giữa tháng 11", "2025-11-11/2025-11-20"}}},
      {"cuối tháng 2", "2024-03-10", {{"cuối tháng 2", "2024-02-21/2024-02-29"}}},
      {"giữa tháng 11", "", {{"giữa tháng 11", "--11-11/--11-20"}}},
      {"trong tháng 12/2025", "", {{"tháng 12/2025", "2025-12"}}},
      {"tháng 3 năm 2024", "", {{"tháng 3 năm 2024", "2024-03"}}},
      {"tổng kết năm 2025", "2025-12-24", {{"năm 2025", "2025"}}},
      {"đầu năm 2024", "", {{"đầu năm 2024", "2024-01-01/2024-04-30"}}},
      {"năm ngoái", "2025-12-24", {{"năm ngoái", "2024"}}},
      {"năm ngoái", "", {{"năm ngoái", ""}}},
      {"kéo dài 3 năm", "2025-12-24", {}},
      {"khoảng 3 năm trước", "2025-12-24", {{"3 năm trước", "2022"}}},
      {"nhiều năm trước, vài tháng sau", "2025-12-24", {}},
      // Relative to the article's date; unresolved without one.
      {"hôm qua", "2025-12-24", {{"hôm qua", "2025-12-23"}}},
      {"hôm qua", "", {{"hôm qua", ""}}},
      {"sáng nay", "2025-12-24", {{"sáng nay", "2025-12-24"}}},
      {"ngày mai", "2025-12-31", {{"ngày mai", "2026-01-01"}}},
      {"tuần trước", "2025-12-24", {{"tuần trước", "2025-12-15/2025-12-21"}}},
      {"tháng trước", "2025-01-10", {{"tháng trước", "2024-12"}}},
      // 2025-12-24 is a Wednesday.
      {"hôm thứ Hai", "2025-12-24", {{"thứ Hai", "2025-12-22"}}},
      {"thứ Sáu tuần trước", "2025-12-24", {{"thứ Sáu tuần trước", "2025-12-12"}}},
      {"thứ Hai tới", "2025-12-24", {{"thứ Hai tới", "2025-12-29"}}},
      {"Chủ nhật", "2025-12-24", {{"Chủ nhật", "2025-12-21"}}},
      {"lần thứ hai", "2025-12-24", {}},
      // "cùng ngày": the day last named, else the article's.
      {"Ngày 2/12, A gặp B. Cùng ngày, C nói.", "2025-12-24", {{"Ngày 2/12", "2025-12-02"}, {"Cùng ngày", "2025-12-02"}}},
      {"cùng ngày, C nói", "2025-12-24", {{"cùng ngày", "2025-12-24"}}},
      {"cùng ngày, C nói", "", {{"cùng ngày", ""}}},
  };
  for (const Case& c : cases) {
    std::optional<Date> date;
    if (*c.date) date = Date::Parse(c.date).value();
    EXPECT_EQ(Extracted(c.text, date), c.want) << c.text << " @ " << c.date;
  }
}

// Every form issue 13 names, and the words that only look like date words; written from the
// language (what a reader takes each phrase to mean), not from the extractor's output.
// 2020-10-24 is a Saturday.
TEST(DatesTest, VietnameseForms) {
  const std::vector<Case> cases = {
      // Day-month with "-" or "." after a cue; without a cue they are scores and prices.
      {"Ngày 23-10, tàu cập cảng", "2020-10-24", {{"Ngày 23-10", "2020-10-23"}}},
      {"sáng 20.10 trời mưa", "2020-10-24", {{"sáng 20.10", "2020-10-20"}}},
      {"khai mạc ngày 5.11", "2020-10-24", {{"ngày 5.11", "2020-11-05"}}},
      {"thắng với tỷ số 23-10", "2020-10-24", {}},
      {"giá 24.5 nghìn đồng", "2020-10-24", {}},
      // Full dates with "-" and ".".
      {"ngày 2-9-1945", "", {{"ngày 2-9-1945", "1945-09-02"}}},
      {"Quốc khánh 2.9.1945", "", {{"2.9.1945", "1945-09-02"}}},
      // A day alone takes the month of its context, else the article's.
      {"Ngày 2/12, A đến. Đến ngày 15, B về.", "2025-12-24", {{"Ngày 2/12", "2025-12-02"}, {"ngày 15", "2025-12-15"}}},
      {"hạn chót là ngày 30", "2020-10-24", {{"ngày 30", "2020-10-30"}}},
      {"kéo dài 15 ngày", "2020-10-24", {}},
      // Ranges and lists of days.
      {"diễn ra 21-22/10", "2020-10-24", {{"21-22/10", "2020-10-21/2020-10-22"}}},
      {"vào 18 và 19/10", "2020-10-24", {{"18 và 19/10", "2020-10-18,2020-10-19"}}},
      {"các ngày 18, 19 và 20/10", "2020-10-24", {{"ngày 18, 19 và 20/10", "2020-10-18,2020-10-19,2020-10-20"}}},
      {"từ ngày 7 đến 13/7", "", {{"ngày 7 đến 13/7", "--07-07/--07-13"}}},
      {"dịp 30/4-1/5", "2021-04-20", {{"30/4-1/5", "2021-04-30/2021-05-01"}}},
      {"từ ngày 28.6 - 1.7", "", {{"ngày 28.6 - 1.7", "--06-28/--07-01"}}},
      // Years, bare years after a cue, ranges and lists of years, months with "-".
      {"sinh năm 1992", "2020-10-24", {{"năm 1992", "1992"}}},
      {"Tháng 5-2013, ông về hưu", "2020-10-24", {{"Tháng 5-2013", "2013-05"}}},
      {"tháng Tư 2001", "", {{"tháng Tư 2001", "2001-04"}}},
      {"từ 2015 đến 2019", "", {{"2015 đến 2019", "2015/2019"}}},
      {"giai đoạn 2011-2015", "", {{"giai đoạn 2011-2015", "2011/2015"}}},
      {"năm 2015, 2016 và 2017", "", {{"năm 2015, 2016 và 2017", "2015,2016,2017"}}},
      {"tháng 5 và 6 năm 2020", "", {{"tháng 5 và 6 năm 2020", "2020-05,2020-06"}}},
      {"bán 2000 chiếc xe", "2020-10-24", {}},
      // Amounts of time are no dates, with the number written as a word too.
      {"Cô quen anh hai năm sau khi ly hôn", "2021-04-14", {}},
      {"Gần ba năm qua, cô vẫn chưa trở lại", "2021-04-14", {}},
      {"Một tuần sau cái chết của anh", "2021-04-14", {}},
      {"hình thành khoảng 80 triệu năm trước", "2021-04-14", {}},
      {"toả sáng suốt năm qua", "2021-04-14", {}},
      {"nhân vật mà mấy hôm nay xuất hiện", "2021-04-14", {}},
      {"đến chúc tết gia đình", "2021-04-14", {}},
      // Next year, the month before, the last Tết, quarters and centuries as news writes them.
      {"sang năm sẽ tăng", "2017-06-14", {{"sang năm", "2018"}}},
      {"cuối tháng trước ông về", "2017-06-14", {{"cuối tháng trước", "2017-05-21/2017-05-31"}}},
      {"Tết vừa qua ông về", "2017-06-14", {{"Tết vừa qua", "2017-01-28"}}},
      {"doanh thu quý 1.2017", "2017-06-14", {{"quý 1.2017", "2017-Q1"}}},
      {"từ thế kỷ thứ 13", "", {{"thế kỷ thứ 13", "12"}}},
      // A week ago by count is that week; a Tết by its year's name is the latest up to next year.
      {"hai tuần trước ông về", "2018-02-10", {{"hai tuần trước", "2018-01-22/2018-01-28"}}},
      {"trong Tết Mậu Thân năm 1968", "2018-02-10", {{"Tết Mậu Thân năm 1968", "1968-01-30"}}},
      {"Tết Mậu Thân", "2018-02-10", {{"Tết Mậu Thân", "1968-01-30"}}},
      {"Tết Canh Tý sắp đến", "2019-11-10", {{"Tết Canh Tý", "2020-01-25"}}},
      {"Tết Đinh Dậu vừa qua, ông về", "2017-06-14", {{"Tết Đinh Dậu vừa qua", "2017-01-28"}}},
      {"tối mùng 3 tết ông về", "2017-06-14", {{"mùng 3 tết", "2017-01-30"}}},
      // Months by lowercase name, not counts; centuries' ranges; fiscal years; last week.
      {"trong tháng một và tháng hai", "2017-06-14", {{"tháng một", "2017-01"}, {"tháng hai", "2017-02"}}},
      {"mỗi tháng hai lần ông về", "2017-06-14", {}},
      {"từ thế kỷ 16 đến 18", "", {{"thế kỷ 16 đến 18", "15/17"}}},
      {"năm tài khoá 2018", "", {{"năm tài khoá 2018", "2018"}}},
      {"tuần vừa qua", "2017-06-14", {{"tuần vừa qua", "2017-06-05/2017-06-11"}}},
      // After a time of day and "sớm", a day; after "từ", "D-M đến D-M" is a range, not a score.
      {"sáng sớm 1/8, ông về", "2017-06-14", {{"1/8", "2017-08-01"}}},
      {"từ 30-4 đến 3-5", "2017-06-14", {{"30-4 đến 3-5", "2017-04-30/2017-05-03"}}},
      {"thắng 3-1 đến 2-0", "2017-06-14", {}},
      // A relative day with the day the text gives beside it takes that day; a Tết named by its
      // year in an undated article is that year's.
      {"Ngày mai (07/02), U23 Việt Nam sẽ đá", "", {{"Ngày mai (07/02)", "--02-07"}}},
      {"Hôm qua (ngày 7/2), anh về", "", {{"Hôm qua (ngày 7/2)", "--02-07"}}},
      {"Sau khi đón Tết Đinh Dậu ở quê nhà", "", {{"Tết Đinh Dậu", "2017-01-28"}}},
      // Decades and centuries.
      {"thập niên 1990", "", {{"thập niên 1990", "199"}}},
      {"những năm 90", "2020-10-24", {{"những năm 90", "199"}}},
      {"thế kỷ 20", "", {{"thế kỷ 20", "19"}}},
      {"thế kỷ XXI", "", {{"thế kỷ XXI", "20"}}},
      // Quarters and seasons.
      {"quý III/2020", "", {{"quý III/2020", "2020-Q3"}}},
      {"quý 1 năm 2021", "", {{"quý 1 năm 2021", "2021-Q1"}}},
      {"trong quý IV", "2020-10-24", {{"quý IV", "2020-Q4"}}},
      {"mùa hè năm nay", "2020-10-24", {{"mùa hè năm nay", "2020-SU"}}},
      {"mùa đông 2019", "", {{"mùa đông 2019", "2019-WI"}}},
      {"mùa thu hoạch lúa", "2020-10-24", {}},
      // Tết: the lunar new year's first day.
      {"Tết Nguyên đán 2021", "", {{"Tết Nguyên đán 2021", "2021-02-12"}}},
      {"Tết Canh Tý", "2020-10-24", {{"Tết Canh Tý", "2020-01-25"}}},
      {"về quê ăn Tết", "2020-12-20", {{"Tết", "2021-02-12"}}},
      {"Tết Trung thu", "2020-09-01", {{"Tết Trung thu", "2020-10-01"}}},
      {"Tết Đoan ngọ", "2020-09-01", {}},
      {"đêm Giáng sinh", "2020-12-01", {{"đêm Giáng sinh", "2020-12-24"}}},
      {"ngày Valentine", "2021-02-10", {{"ngày Valentine", "2021-02-14"}}},
      // Relative days with the day written beside them; from the day last named.
      {"Sáng nay (24-6), mưa lớn", "", {{"Sáng nay (24-6)", "--06-24"}}},
      {"hôm qua 20/1", "2018-01-21", {{"hôm qua 20/1", "2018-01-20"}}},
      {"Ngày 10/4, A đến. Hôm sau, B về.", "", {{"Ngày 10/4", "--04-10"}, {"Hôm sau", "--04-11"}}},
      {"Đêm hôm đó, lửa bùng lên", "2020-10-24", {{"Đêm hôm đó", "2020-10-24"}}},
      {"cách đây hai năm", "2021-04-01", {{"cách đây hai năm", "2019"}}},
      {"năm 2011 … cách đó 20 năm", "", {{"năm 2011", "2011"}, {"cách đó 20 năm", "1991"}}},
      {"cuối năm", "2020-10-24", {{"cuối năm", "2020-09-01/2020-12-31"}}},
      {"tuần rồi", "2020-10-24", {{"tuần rồi", "2020-10-12/2020-10-18"}}},
      // Stretches news writes often: the year's first months, school years and terms, weekends,
      // ranges with the year on the second day only or on both.
      {"5 tháng đầu năm 2017", "", {{"5 tháng đầu năm 2017", "2017-01/2017-05"}}},
      {"6 tháng đầu năm", "2020-10-24", {{"6 tháng đầu năm", "2020-01/2020-06"}}},
      {"giai đoạn 2011 - 2016", "", {{"giai đoạn 2011 - 2016", "2011/2016"}}},
      {"năm học 2020-2021", "", {{"năm học 2020-2021", "2020/2021"}}},
      {"cuối tuần này", "2020-10-21", {{"cuối tuần này", "2020-10-24/2020-10-25"}}},
      {"ngày 10/6 - 11/6/2021", "", {{"ngày 10/6 - 11/6/2021", "2021-06-10/2021-06-11"}}},
      {"ngày 21/12/2010 - 6/2/2021", "", {{"ngày 21/12/2010 - 6/2/2021", "2010-12-21/2021-02-06"}}},
      {"đầu tháng tám tới", "2017-06-20", {{"đầu tháng tám tới", "2017-08-01/2017-08-10"}}},
      // Words that fold to date words are not date words.
      {"đội nhà thắng 3 trận", "2020-10-24", {}},
      {"Miền Nam trước đây", "2020-10-24", {}},
      {"tháng 5", "2020-10-24", {{"tháng 5", "2020-05"}}},
      // A text typed without diacritics still reads.
      {"Ngay 2/12 va thang 11 nam ngoai", "2025-12-24",
       {{"Ngay 2/12", "2025-12-02"}, {"thang 11 nam ngoai", "2024-11"}}},
  };
  for (const Case& c : cases) {
    std::optional<Date> date;
    if (*c.date) date = Date::Parse(c.date).value();
    EXPECT_EQ(Extracted(c.text, date), c.want) << c.text << " @ " << c.date;
  }
}

// Every date expression of the seeds, found by reading them (000_* is dated 2025-12-24).
TEST(DatesTest, Seeds) {
  const std::string a = SeedPath("000_"), b = SeedPath("004_");
  if (a.empty() || b.empty()) GTEST_SKIP() << "../shared/data/seeds not found; skipping the seed tests";
  Article first = ReadSeed(a);
  ASSERT_TRUE(first.date.has_value());
  EXPECT_EQ(Extracted(first.text, first.date),
            (std::vector<std::pair<std::string, std::string>>{
                {"cùng ngày", "2025-12-24"},
                {"giữa tháng 11", "2025-11-11/2025-11-20"},
                {"Ngày 2/12", "2025-12-02"},
                {"năm 2025", "2025"},
                {"ngày 19/12", "2025-12-19"},
                {"năm 2024", "2024"},
            }));
  Article second = ReadSeed(b);
  EXPECT_FALSE(second.date.has_value());
  EXPECT_EQ(Extracted(second.text, second.date),
            (std::vector<std::pair<std::string, std::string>>{
                {"hôm 10/4", "--04-10"},
                {"ngày 10/4", "--04-10"},
                {"ngày 27/2", "--02-27"},
            }));
}

}  // namespace
}  // namespace bantin
