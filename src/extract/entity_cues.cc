#include "extract/entity_cues.h"

#include <unordered_map>

namespace bantin::extract {

const std::set<std::string>& Titles() {
  static const auto* s = new std::set<std::string>{
      "tổng thống", "thủ tướng", "phó thủ tướng", "ngoại trưởng", "bộ trưởng", "thứ trưởng",
      "vụ trưởng", "cục trưởng", "đại sứ", "đặc phái viên", "người phát ngôn", "phát ngôn viên",
      "chủ tịch", "phó chủ tịch", "tổng bí thư", "trợ lý", "phó", "cố vấn", "giám đốc",
      "tổng giám đốc", "đại diện", "thượng nghị sĩ", "nghị sĩ", "thị trưởng", "thống đốc", "cựu",
      "tướng", "đô đốc", "giáo sư", "tiến sĩ", "bác sĩ", "nhà báo", "ca sĩ", "hoàng tử", "vua",
      "nữ hoàng", "giáo hoàng", "tổng thư ký", "phó tổng thống", "chánh văn phòng"};
  return *s;
}

const std::set<std::string>& Honorifics() {
  static const auto* s = new std::set<std::string>{"ông", "bà", "ngài", "anh", "chị", "cô", "cụ"};
  return *s;
}

const std::vector<std::string>& OrgHeads() {
  static const auto* s = new std::vector<std::string>{
      "bộ", "tổ chức", "liên hợp quốc", "ngân hàng", "công ty", "tập đoàn", "đại sứ quán",
      "tổng lãnh sự quán", "lãnh sự quán", "điện", "nhà trắng", "quốc hội", "chính phủ", "vụ",
      "cục", "sở", "ủy ban", "hãng", "báo", "đài", "viện", "trường", "đại học", "bệnh viện",
      "hội đồng", "liên minh", "đảng", "tòa án", "tổng cục", "học viện", "hiệp hội", "quỹ",
      "liên đoàn", "câu lạc bộ", "thông tấn xã", "lầu năm góc", "thượng viện", "hạ viện"};
  return *s;
}

const std::set<std::string>& StandaloneOrgs() {
  static const auto* s = new std::set<std::string>{"chính phủ", "quốc hội", "nhà trắng", "lầu năm góc",
                                                   "liên hợp quốc", "thượng viện", "hạ viện"};
  return *s;
}

const std::set<std::string>& PlaceCues() {
  static const auto* s = new std::set<std::string>{"tại", "ở"};
  return *s;
}

const std::set<std::string>& AdminWords() {
  static const auto* s = new std::set<std::string>{
      "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "thôn",
      "ấp", "bang", "vùng", "miền", "châu", "nước", "thủ đô", "làng", "bản", "xóm"};
  return *s;
}

const std::set<std::string>& NotOrganisations() {
  static const auto* s = new std::set<std::string>{"SN", "PV", "TP", "TS", "PGS", "GS", "THS", "BS",
                                                   "GDP", "GRDP", "CPI", "FDI", "CEO", "ATM", "VAT",
                                                   "TNHH", "CP", "TMCP", "KCN", "NXB", "ĐT"};
  return *s;
}

char CueClass(const std::string& key) {
  static const auto* classes = [] {
    auto* m = new std::unordered_map<std::string, char>;
    for (const auto& k : OrgHeads()) m->emplace(k, 'o');
    for (const auto& k : AdminWords()) m->insert_or_assign(k, 'a');
    for (const auto& k : PlaceCues()) m->insert_or_assign(k, 'p');
    for (const auto& k : Honorifics()) m->insert_or_assign(k, 'h');
    for (const auto& k : Titles()) m->insert_or_assign(k, 't');
    return m;
  }();
  auto it = classes->find(key);
  return it == classes->end() ? 0 : it->second;
}

}  // namespace bantin::extract
