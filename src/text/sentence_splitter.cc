#include "text/sentence_splitter.h"

#include <algorithm>
#include <string_view>

namespace bantin::text {
namespace {

// Abbreviations that stand before a name, a title or a number, so a period after them never
// ends a sentence. Vietnamese: thành phố, giáo sư, phó giáo sư, tiến sĩ, thạc sĩ, bác sĩ, kỹ
// sư, cử nhân, quận, phường, thị xã, thị trấn, huyện, xã, tỉnh, nhà xuất bản, trang, số...
constexpr std::string_view kPrefixAbbreviations[] = {
    "TP", "Tp", "tp", "GS", "PGS", "TS", "ThS", "Ths", "BS", "KS", "CN", "NXB", "TX", "TT", "Th",
    "Tr", "tr", "St", "Mr", "Mrs", "Ms", "Dr", "Prof", "Jr", "Sr", "No", "Vol", "vol", "Co", "Ltd",
    "Inc", "Corp", "ĐH", "PV", "BTV", "TAND", "VKSND", "UBND"};

bool IsPrefixAbbreviation(std::string_view word) {
  return std::find(std::begin(kPrefixAbbreviations), std::end(kPrefixAbbreviations), word) !=
         std::end(kPrefixAbbreviations);
}

std::string_view TextOf(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

bool IsTerminal(std::string_view p) {
  return p == "." || p == "!" || p == "?" || p == "\u2026" || p.starts_with("..");
}
bool IsOpener(std::string_view p) {
  return p == "(" || p == "[" || p == "{" || p == "\u201C" || p == "\u2018" || p == "\u00AB";
}
bool IsCloser(std::string_view p) {
  return p == ")" || p == "]" || p == "}" || p == "\u201D" || p == "\u2019" || p == "\u00BB";
}
bool IsStraightQuote(std::string_view p) { return p == "\"" || p == "'"; }
bool IsDash(std::string_view p) {
  return p == "-" || p == "\u2013" || p == "\u2014";
}

class Splitter {
 public:
  Splitter(std::string_view text, std::span<const Token> tokens, std::vector<SentenceSpan>* out)
      : text_(text), tokens_(tokens), out_(out) {}

  void Run() {
    size_t start = 0;
    int depth = 0;  // open quotes and brackets on this line
    bool straight_open = false;
    for (size_t i = 0; i < tokens_.size(); ++i) {
      const Token& t = tokens_[i];
      if (t.newline_before && i > start) {
        Close(start, i - 1);
        start = i;
      }
      if (t.newline_before) {
        depth = 0;
        straight_open = false;
      }
      if (t.kind != TokenKind::kPunct) continue;
      std::string_view p = TextOf(text_, t);
      if (IsOpener(p)) ++depth;
      if (IsCloser(p) && depth > 0) --depth;
      if (IsStraightQuote(p)) {
        straight_open = !straight_open;
        depth += straight_open ? 1 : -1;
      }
      if (!IsTerminal(p)) continue;
      // Take in following terminals and closing quotes/brackets on the same line.
      size_t last = i;
      while (last + 1 < tokens_.size() && !tokens_[last + 1].newline_before &&
             tokens_[last + 1].kind == TokenKind::kPunct) {
        std::string_view q = TextOf(text_, tokens_[last + 1]);
        bool closes_straight = IsStraightQuote(q) && straight_open;
        if (!IsTerminal(q) && !IsCloser(q) && !closes_straight) break;
        if (IsCloser(q) && depth > 0) --depth;
        if (closes_straight) {
          straight_open = false;
          --depth;
        }
        ++last;
      }
      if (EndsSentence(i, last, depth)) {
        Close(start, last);
        start = last + 1;
        depth = 0;
        straight_open = false;
      }
      i = last;
    }
    if (start < tokens_.size()) Close(start, tokens_.size() - 1);
  }

 private:
  void Close(size_t first, size_t last) {
    out_->push_back({tokens_[first].begin, tokens_[last].end});
  }

  bool EndsSentence(size_t terminal, size_t last, int depth) const {
    if (last + 1 >= tokens_.size()) return false;  // the text's end closes it anyway
    const Token& next = tokens_[last + 1];
    if (next.newline_before) return false;          // the line break closes it
    if (next.begin == tokens_[last].end) return false;  // "TP.HCM", "a.b": no space, no end
    if (!CanOpenSentence(next)) return false;
    if (TextOf(text_, tokens_[terminal]) == "." && terminal > 0 &&
        IsAbbreviation(tokens_[terminal - 1], tokens_[terminal])) {
      return false;
    }
    if (depth > 0 && ContinuesAfterClosing(last + 1, depth)) return false;
    return true;
  }

  bool CanOpenSentence(const Token& t) const {
    if (t.upper_first || t.kind == TokenKind::kNumber) return true;
    if (t.kind != TokenKind::kPunct) return false;
    std::string_view p = TextOf(text_, t);
    return IsOpener(p) || IsStraightQuote(p) || IsDash(p);
  }

  // The word before a period is an abbreviation of a title or place, or an initial.
  bool IsAbbreviation(const Token& word, const Token& period) const {
    if (word.kind != TokenKind::kWord || word.end != period.begin) return false;
    std::string_view w = TextOf(text_, word);
    if (IsPrefixAbbreviation(w)) return true;
    // A single capital letter (J. Smith, Q. 1); "v.v." is lowercase and may end a sentence.
    return word.upper_first && (w.size() == 1 || (w.size() == 2 && (w[0] & 0x80) != 0 &&
                                                  static_cast<unsigned char>(w[0]) < 0xE0));
  }

  // Inside an open quote or bracket: true when it closes later on this line and what follows
  // the closing mark continues the sentence (a comma, colon, semicolon or lowercase word).
  bool ContinuesAfterClosing(size_t from, int depth) const {
    constexpr size_t kLookahead = 200;
    for (size_t k = from; k < tokens_.size() && k < from + kLookahead; ++k) {
      const Token& t = tokens_[k];
      if (t.newline_before) return false;
      if (t.kind != TokenKind::kPunct) continue;
      std::string_view p = TextOf(text_, t);
      if (IsOpener(p)) ++depth;
      if (IsCloser(p) || IsStraightQuote(p)) --depth;
      if (depth > 0) continue;
      if (k + 1 >= tokens_.size() || tokens_[k + 1].newline_before) return false;
      const Token& after = tokens_[k + 1];
      std::string_view a = TextOf(text_, after);
      if (after.kind == TokenKind::kPunct) return a == "," || a == ":" || a == ";";
      return after.kind == TokenKind::kWord && !after.upper_first;
    }
    return false;
  }

  std::string_view text_;
  std::span<const Token> tokens_;
  std::vector<SentenceSpan>* out_;
};

}  // namespace

void SplitSentences(std::string_view text, std::span<const Token> tokens,
                    std::vector<SentenceSpan>* out) {
  Splitter(text, tokens, out).Run();
}

}  // namespace bantin::text
