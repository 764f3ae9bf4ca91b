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
      {"từ 27/2 đến 10/4", "2025-12-24", {{"27/2", "2025-02-27"}, {"10/4", "2025-04-10"}}},
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
