// EventExtractor: CAMEO-coded events from trigger verbs and the entities around them.
#include <algorithm>
#include <map>
#include <set>

#include "bantin/analyzer.h"
#include "bantin/extract.h"

namespace bantin {
namespace {

struct Trigger {
  const char* words;  // normalized, lowercase, space-separated
  const char* code;
};

// Vietnamese verbs by CAMEO root (the manual's root categories; verbs chosen from news usage).
constexpr Trigger kTriggers[] = {
    {"cho biết", "01"}, {"tuyên bố", "01"}, {"khẳng định", "01"}, {"nhấn mạnh", "01"},
    {"phát biểu", "01"}, {"xác nhận", "01"},
    {"kêu gọi", "02"}, {"thúc giục", "02"}, {"đề nghị", "02"},
    {"đề xuất", "03"}, {"cam kết", "03"}, {"sẵn sàng", "03"}, {"thúc đẩy", "03"},
    {"gặp", "04"}, {"gặp gỡ", "04"}, {"tiếp", "04"}, {"hội đàm", "04"}, {"đàm phán", "04"},
    {"thảo luận", "04"}, {"tham vấn", "04"}, {"tiếp xúc", "04"}, {"thăm", "04"},
    {"ký", "05"}, {"ký kết", "05"}, {"nhất trí", "05"}, {"bình thường hóa", "05"},
    {"viện trợ", "07"}, {"cứu trợ", "07"},
    {"yêu cầu", "10"}, {"đòi", "10"},
    {"chỉ trích", "11"}, {"lên án", "11"}, {"phản đối", "11"},
    {"bác bỏ", "12"}, {"từ chối", "12"},
    {"đe dọa", "13"}, {"dọa", "13"},
    {"biểu tình", "14"},
    {"trục xuất", "16"}, {"cắt đứt", "16"},
    {"tịch thu", "17"}, {"bắt giữ", "17"},
    {"tấn công", "18"},
    {"giao tranh", "19"}, {"không kích", "19"}, {"pháo kích", "19"},
};

const char* Label(const std::string& code) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"01", "make public statement"}, {"02", "appeal"}, {"03", "express intent to cooperate"},
      {"04", "consult"}, {"05", "engage in diplomatic cooperation"},
      {"07", "provide aid"}, {"10", "demand"}, {"11", "disapprove"}, {"12", "reject"},
      {"13", "threaten"}, {"14", "protest"}, {"16", "reduce relations"}, {"17", "coerce"},
      {"18", "assault"}, {"19", "fight"}};
  for (const auto& [c, l] : kLabels) {
    if (code == c) return l;
  }
  return "";
}

const std::set<std::string> kNegations = {"không", "chưa", "chẳng", "chả"};

// Seats of government that news names for the government itself ("Washington đề xuất với
// Moskva"). Typed by hand: no Debian package carries capitals (ICU and iso-codes do not); a
// city found in ICU already maps to its country through the gazetteer, so only capitals
// without a time zone of their own are listed.
const std::pair<const char*, const char*> kSeats[] = {
    {"Washington", "US"}, {"Bắc Kinh", "CN"}, {"Bình Nhưỡng", "KP"}, {"Nhà Trắng", "US"},
    {"Lầu Năm Góc", "US"}};

}  // namespace

struct EventExtractor::Impl {
  std::unique_ptr<Analyzer> analyzer;
  std::map<std::string, std::string> seats;  // seat of government -> its country's canonical name
};

EventExtractor::EventExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventExtractor::~EventExtractor() = default;

Result<std::unique_ptr<EventExtractor>> EventExtractor::Create() {
  auto impl = std::make_unique<Impl>();
  auto analyzer = Analyzer::Create();
  if (!analyzer) return Err(analyzer.error());
  impl->analyzer = std::move(*analyzer);
  auto names = Canonicalizer::Shared();
  if (!names) return Err(names.error());
  for (const auto& [seat, code] : kSeats) impl->seats.emplace(seat, (*names)->Country(code));
  return std::unique_ptr<EventExtractor>(new EventExtractor(std::move(impl)));
}

std::vector<Event> EventExtractor::Extract(const Article& article, const std::vector<Entity>& entities,
                                           const std::vector<TimeExpression>& dates,
                                           const Analysis* analysis) {
  const std::string_view text = article.text;
  Analysis own;
  if (analysis == nullptr) {
    own = impl_->analyzer->Analyze(article);
    analysis = &own;
  }
  const Analysis& a = *analysis;
  const auto& tok = a.tokens;
  // An actor: a person, an organisation, or a place (a city stands for its country's
  // government, as news uses capitals: "Moskva" -> Russia).
  auto actor = [&](const Entity& e) -> std::string {
    if (e.type == EntityType::kLocation && !e.country.empty()) return e.country;
    auto seat = impl_->seats.find(e.canonical);
    return seat == impl_->seats.end() ? e.canonical : seat->second;
  };
  // "Nga" in "Tổng thống Nga Vladimir Putin" is part of a title, not an actor.
  auto inside_role = [&](const Entity& e) {
    for (const Entity& p : entities) {
      if (p.role_end > p.role_begin && e.begin >= p.role_begin && e.end <= p.role_end) return true;
    }
    return false;
  };
  std::vector<Event> out;
  size_t t = 0;
  for (const Sentence& s : a.sentences) {
    std::vector<const Entity*> in;
    for (const Entity& e : entities) {
      if (e.begin >= s.begin && e.end <= s.end && !inside_role(e)) in.push_back(&e);
    }
    // The sentence's date: its first day if it names one ("năm 2025 ngày 19/12" is the 19th),
    // else its first date of any kind.
    std::string date, any;
    for (const TimeExpression& d : dates) {
      if (d.begin < s.begin || d.end > s.end || d.value.empty()) continue;
      const bool day = d.value.size() == 10 || (d.value.size() == 7 && d.value[0] == '-');
      if (day && date.empty()) date = d.value;
      if (any.empty()) any = d.value;
    }
    if (date.empty()) date = any;
    if (date.empty() && article.date) date = article.date->ToString();
    // The place: an entity after "tại" ("tại Istanbul", "tại Điện Kremlin"); it is no actor.
    std::string place;
    static constexpr std::string_view kAt = "tại ";
    auto after_at = [&](const Entity* e) {
      return e->type != EntityType::kPerson && e->begin >= kAt.size() &&
             text.substr(e->begin - kAt.size(), kAt.size()) == kAt;
    };
    std::vector<const Entity*> places;
    for (const Entity* e : in) {
      if (after_at(e)) places.push_back(e);
    }
    in.erase(std::remove_if(in.begin(), in.end(), after_at), in.end());
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    while (t < tok.size() && tok[t].begin < s.begin) ++t;
    for (size_t i = t; i < tok.size() && tok[i].end <= s.end; ++i) {
      const Trigger* hit = nullptr;
      size_t len = 0;
      for (const Trigger& tr : kTriggers) {
        std::string_view w = tr.words;
        size_t k = i, at = 0;
        bool ok = true;
        while (ok && at < w.size()) {
          size_t sp = w.find(' ', at);
          std::string_view part = w.substr(at, sp == std::string_view::npos ? std::string_view::npos : sp - at);
          ok = k < tok.size() && tok[k].end <= s.end && tok[k].norm == part;
          ++k;
          at = sp == std::string_view::npos ? w.size() : sp + 1;
        }
        if (ok && k - i > len) {
          hit = &tr;
          len = k - i;
        }
      }
      if (hit == nullptr) continue;
      // Not a verb here: a noun ("các cuộc đàm phán", "vòng đàm phán"), a passive ("bị cắt
      // đứt": the actors would be reversed), or "tiếp" of "tiếp tục", "tiếp theo".
      const std::string& before = i > t ? tok[i - 1].norm : std::string();
      const std::string& next = i + len < tok.size() ? tok[i + len].norm : std::string();
      if (before == "cuộc" || before == "vòng" || before == "bị" || before == "được" ||
          (std::string_view(hit->words) == "tiếp" &&
           (next == "tục" || next == "theo" || next == "cận" || next == "đó" || next == "nhận"))) {
        continue;
      }
      const uint32_t tb = tok[i].begin, te = tok[i + len - 1].end;
      // Source: the nearest actor before the verb; two joined by "và" ("Nga và Mỹ đã gặp
      // nhau") are source and target.
      const Entity* source = nullptr;
      const Entity* paired = nullptr;
      for (const Entity* e : in) {
        if (e->end > tb) break;
        if (source != nullptr && text.substr(source->end, e->begin - source->end) == " và ") {
          paired = e;
          continue;
        }
        source = e;
        paired = nullptr;
      }
      if (source == nullptr) continue;
      // Targets: the first actor after the verb, and those joined to the one before them by
      // "cùng" or "và" ("Witkoff của Tổng thống Mỹ Donald Trump, cùng ông Jared Kushner").
      std::vector<const Entity*> targets;
      if (paired != nullptr) targets.push_back(paired);
      const Entity* prev = nullptr;
      for (const Entity* e : in) {
        if (e->begin < te) continue;
        if (targets.empty() || (paired != nullptr && targets.size() == 1 && prev == nullptr)) {
          if (paired == nullptr) targets.push_back(e);
          prev = e;
          continue;
        }
        if (prev != nullptr) {
          std::string_view gap = text.substr(prev->end, e->begin - prev->end);
          if (gap.rfind(", cùng ", 0) == 0 || gap.rfind(" cùng ", 0) == 0 || gap == " và ") targets.push_back(e);
        }
        prev = e;
      }
      // The place: the first "tại …" after the verb ("xung đột tại Ukraine" before it is where
      // the conflict is, not where the proposal was made).
      place.clear();
      for (const Entity* e : places) {
        if (place.empty() && e->begin >= te) place = e->canonical;
      }
      bool negated = false;
      for (size_t k = i; k > t && k + 3 > i; --k) negated = negated || kNegations.count(tok[k - 1].norm) > 0;
      auto add = [&](const std::string& target) {
        if (!seen.insert({hit->code, actor(*source), target}).second) return;
        Event ev;
        ev.code = hit->code;
        ev.label = Label(ev.code);
        ev.source = actor(*source);
        ev.target = target;
        ev.date = date;
        ev.place = place;
        ev.sentence_begin = s.begin;
        ev.sentence_end = s.end;
        ev.trigger_begin = tb;
        ev.trigger_end = te;
        ev.negated = negated;
        out.push_back(std::move(ev));
      };
      if (targets.empty()) add("");
      for (const Entity* e : targets) {
        if (actor(*e) != actor(*source)) add(actor(*e));
      }
      i += len - 1;
    }
  }
  return out;
}

}  // namespace bantin
