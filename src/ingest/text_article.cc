#include "ingest/text_article.h"

#include <string_view>
#include <vector>

namespace bantin::ingest {
namespace {

struct Line {
  uint32_t begin, end;  // trimmed content, byte offsets into the text
  size_t number;        // 1-based
};

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Non-empty lines, trimmed of ASCII white space and a leading BOM.
std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0, number = 1;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    size_t b = start, e = end;
    if (text.substr(b, 3) == "\xEF\xBB\xBF") b += 3;
    while (b < e && IsSpaceByte(text[b])) ++b;
    while (e > b && IsSpaceByte(text[e - 1])) --e;
    if (e > b) lines.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), number});
    if (nl == std::string_view::npos) break;
    start = nl + 1;
    ++number;
  }
  return lines;
}

std::string_view View(std::string_view text, const Line& l) {
  return text.substr(l.begin, l.end - l.begin);
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// "Nguồn: TASS", "Nguồn : VnExpress." -> the outlet; "Theo TTXVN" -> "TTXVN"; else empty.
std::string_view SourceOf(std::string_view line) {
  for (std::string_view prefix : {"Nguồn:", "Nguồn :", "NGUỒN:", "Nguồn tin:"}) {
    if (line.starts_with(prefix)) {
      std::string_view rest = line.substr(prefix.size());
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      while (!rest.empty() && (rest.back() == '.' || rest.back() == ' ')) rest.remove_suffix(1);
      return rest;
    }
  }
  if (line.starts_with("Theo ") && CountWords(line) <= 6 &&
      line.find_first_of(",;:!?\"") == std::string_view::npos) {
    std::string_view rest = line.substr(5);
    while (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
    return rest;
  }
  return {};
}

// A by-line: two to five words, each starting with a capital, no digits or punctuation.
bool LooksLikeAuthor(std::string_view line) {
  size_t words = CountWords(line);
  if (words < 1 || words > 5 || line.size() > 60) return false;
  if (line.find_first_of("0123456789.,;:!?\"()[]") != std::string_view::npos) return false;
  bool word_start = true;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == ' ') {
      word_start = true;
      continue;
    }
    if (word_start) {
      auto b = static_cast<unsigned char>(c);
      // ASCII lowercase starts a word: not a name. Non-ASCII initials (Đ, Ô, Ư...) are accepted.
      if (b >= 'a' && b <= 'z') return false;
      word_start = false;
    }
  }
  return true;
}

// A photo caption ends with "Ảnh: X" / "(Ảnh: X)" / "Ảnh X" where X is a short credit.
bool LooksLikeCaption(std::string_view line) {
  for (std::string_view marker : {"Ảnh:", "ẢNH:", "Ảnh :", "(Ảnh", "Ảnh minh họa", "Ảnh minh hoạ"}) {
    size_t at = line.rfind(marker);
    if (at == std::string_view::npos) continue;
    std::string_view credit = line.substr(at + marker.size());
    if (credit.size() <= 60 && CountWords(credit) <= 6 &&
        credit.find_first_of(".!?") == std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// Reads "date YYYY-MM-DD" at the start of `line`. Returns the bytes consumed (0 if absent).
Result<size_t> ParseDatePrefix(std::string_view line, std::optional<Date>* date) {
  if (!(line.starts_with("date ") || line.starts_with("Date ") || line.starts_with("date:"))) {
    return size_t{0};
  }
  size_t at = 5;
  while (at < line.size() && line[at] == ' ') ++at;
  std::string_view value = line.substr(at, 10);
  const size_t after = at + 10;
  // Not "YYYY-..." followed by a space or the line's end: a title that starts with "Date".
  if (value.size() < 10 || value[4] != '-' || (after < line.size() && line[after] != ' ')) {
    return size_t{0};
  }
  auto parsed = Date::Parse(value);
  if (!parsed) return Err(parsed.error());
  *date = *parsed;
  at = after;
  while (at < line.size() && line[at] == ' ') ++at;
  return at;
}

}  // namespace

Result<Article> ParseTextArticle(std::string id, std::string origin, std::string text) {
  Article a;
  a.id = std::move(id);
  a.origin = std::move(origin);
  std::vector<Line> lines = SplitLines(text);
  if (lines.empty()) return Err(Status::InvalidArgument(a.origin, "empty article"));

  size_t first = 0;
  auto consumed = ParseDatePrefix(View(text, lines[0]), &a.date);
  if (!consumed) {
    return Err(Status::InvalidArgument(a.origin + ":" + std::to_string(lines[0].number),
                                       consumed.error().message()));
  }
  if (*consumed > 0) {
    lines[0].begin += static_cast<uint32_t>(*consumed);
    if (lines[0].begin >= lines[0].end) first = 1;  // the date stood on a line of its own
  }
  if (first >= lines.size()) {
    return Err(Status::InvalidArgument(a.origin, "missing title (only a date line)"));
  }

  // Trailing metadata: a source line and an author line, in either order.
  size_t last = lines.size();
  for (int k = 0; k < 2 && last > first + 1; ++k) {
    std::string_view l = View(text, lines[last - 1]);
    if (std::string_view src = SourceOf(l); !src.empty() && a.source.empty()) {
      a.source = std::string(src);
      --last;
    } else if (a.author.empty() && LooksLikeAuthor(l) && !LooksLikeCaption(l)) {
      a.author = std::string(l);
      --last;
    } else {
      break;
    }
  }

  for (size_t i = first; i < last; ++i) {
    std::string_view l = View(text, lines[i]);
    ParagraphKind kind = ParagraphKind::kBody;
    if (i == first) {
      kind = ParagraphKind::kTitle;
      a.title = std::string(l);
    } else if (LooksLikeCaption(l)) {
      kind = ParagraphKind::kCaption;
      a.captions.emplace_back(l);
    } else if (a.lead.empty() && a.body.empty()) {
      kind = ParagraphKind::kLead;
      a.lead = std::string(l);
    } else {
      if (!a.body.empty()) a.body += '\n';
      a.body += l;
    }
    a.paragraphs.push_back({kind, lines[i].begin, lines[i].end});
  }
  a.text = std::move(text);
  a.text_is_source = true;
  return a;
}

}  // namespace bantin::ingest
