#include "text/sentence_splitter.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace bantin::text {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<SentenceSpan> spans;
  SplitSentences(text, tokens, &spans);
  std::vector<std::string> out;
  for (const auto& s : spans) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

using V = std::vector<std::string>;

TEST(SentenceSplitterTest, Table) {
  const std::pair<std::string, V> cases[] = {
      {"Ông A đến. Bà B đi.", {"Ông A đến.", "Bà B đi."}},
      {"Lạ quá! Thật sao? Đúng vậy.", {"Lạ quá!", "Thật sao?", "Đúng vậy."}},
      {"TP. HCM là thành phố lớn. Hà Nội là thủ đô.",
       {"TP. HCM là thành phố lớn.", "Hà Nội là thủ đô."}},
      {"Người dân TP.HCM đi bầu. Kết quả tốt.", {"Người dân TP.HCM đi bầu.", "Kết quả tốt."}},
      {"GS. TS Nguyễn Văn A phát biểu.", {"GS. TS Nguyễn Văn A phát biểu."}},
      {"PGS. TS. Lê B và ThS. Trần C đến.", {"PGS. TS. Lê B và ThS. Trần C đến."}},
      {"Theo J. Smith, kinh tế tăng. Ông nói thêm.", {"Theo J. Smith, kinh tế tăng.", "Ông nói thêm."}},
      {"Giá 1.000 đồng. Sau đó tăng.", {"Giá 1.000 đồng.", "Sau đó tăng."}},
      {"Nhà ở Q.1 rất đắt. Q. 3 thì rẻ hơn.", {"Nhà ở Q.1 rất đắt.", "Q. 3 thì rẻ hơn."}},
      {"Có táo, cam v.v. và nhiều loại khác.", {"Có táo, cam v.v. và nhiều loại khác."}},
      {"Có táo, cam v.v. Sau đó ông đi.", {"Có táo, cam v.v.", "Sau đó ông đi."}},
      {"Tiếp đó, trong cuộc họp báo ngày 19/12, Tổng thống tuyên bố. Nga sẵn sàng.",
       {"Tiếp đó, trong cuộc họp báo ngày 19/12, Tổng thống tuyên bố.", "Nga sẵn sàng."}},
      {"ngày 19/12, … ông nói tiếp.", {"ngày 19/12, … ông nói tiếp."}},
      {"Ông nói: “Tôi đi. Anh ở lại”, rồi ra về.", {"Ông nói: “Tôi đi. Anh ở lại”, rồi ra về."}},
      {"Ông nói: “Tôi đồng ý.” Sau đó ông ra về.",
       {"Ông nói: “Tôi đồng ý.”", "Sau đó ông ra về."}},
      {"Ông nói: \"Tôi đồng ý.\" Sau đó ông về.", {"Ông nói: \"Tôi đồng ý.\"", "Sau đó ông về."}},
      {"Bệnh viện (ở Hà Nội. Việt Nam) mở cửa. Khách đến.",
       {"Bệnh viện (ở Hà Nội. Việt Nam) mở cửa.", "Khách đến."}},
      {"Chờ đã... Rồi ông đi.", {"Chờ đã...", "Rồi ông đi."}},
      {"Năm 2024 tăng 5%. 2025 tăng tiếp.", {"Năm 2024 tăng 5%.", "2025 tăng tiếp."}},
      {"Dòng một\nDòng hai", {"Dòng một", "Dòng hai"}},
      {"Tiêu đề không chấm\n\nĐoạn văn. Câu hai.", {"Tiêu đề không chấm", "Đoạn văn.", "Câu hai."}},
      {"ĐÀM PHÁN KẾT THÚC. NGA VÀ MỸ ĐỒNG Ý.", {"ĐÀM PHÁN KẾT THÚC.", "NGA VÀ MỸ ĐỒNG Ý."}},
      {"Ông nói. - Bà đáp.", {"Ông nói.", "- Bà đáp."}},
      {"", {}},
      {"...", {"..."}},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(Split(in), want) << in;
}

TEST(SentenceSplitterTest, SeedSentenceIsOne) {
  std::string text =
      "Từ giữa tháng 11, Mỹ đã thúc đẩy một sáng kiến hòa bình mới liên quan đến Ukraine. Ngày "
      "2/12, Tổng thống Nga Vladimir Putin đã tiếp đặc phái viên Steve Witkoff của Tổng thống Mỹ "
      "Donald Trump, cùng ông Jared Kushner, tại Điện Kremlin để thảo luận về kế hoạch hòa bình "
      "do Mỹ đề xuất. Điện Kremlin sau đó khẳng định Nga vẫn sẵn sàng đàm phán.";
  V got = Split(text);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_TRUE(got[1].starts_with("Ngày 2/12, Tổng thống Nga Vladimir Putin đã tiếp"));
  EXPECT_TRUE(got[1].ends_with("do Mỹ đề xuất."));
}

}  // namespace
}  // namespace bantin::text
