#include "text/tokenizer.h"

#include "text/utf8.h"

namespace bantin::text {
namespace {

class Scanner {
 public:
  Scanner(std::string_view text, std::vector<Token>* out)
      : s_(text), out_(out), table_(CharTable::Get()) {}

  void Run() {
    while (pos_ < s_.size()) {
      char32_t cp;
      size_t len = Decode(pos_, &cp);
      if (len == 0) {  // invalid byte: a symbol of its own, never a crash
        Emit(pos_, pos_ + 1, TokenKind::kSymbol, false);
        continue;
      }
      const CharInfo& info = table_.Info(cp);
      switch (info.cls) {
        case CharClass::kNewline: newline_ = true; pos_ += len; break;
        case CharClass::kSpace: pos_ += len; break;
        case CharClass::kLetter: ScanWordLike(info.upper); break;
        case CharClass::kDigit: ScanNumber(); break;
        case CharClass::kPunct: ScanPunct(cp, len); break;
        case CharClass::kMark:
        case CharClass::kSymbol: Emit(pos_, SkipMarks(pos_ + len), TokenKind::kSymbol, false); break;
      }
    }
  }

 private:
  [[gnu::always_inline]] size_t Decode(size_t at, char32_t* cp) const {
    return DecodeUtf8(s_.data() + at, s_.size() - at, cp);
  }
  [[gnu::always_inline]] CharClass ClassAt(size_t at, size_t* len) const {
    auto b = static_cast<unsigned char>(s_[at]);
    if (b < 0x80) {
      *len = 1;
      return table_.Info(b).cls;
    }
    char32_t cp;
    *len = Decode(at, &cp);
    if (*len == 0) return CharClass::kSymbol;
    return table_.Info(cp).cls;
  }
  bool IsAsciiDigitAt(size_t at) const {
    return at < s_.size() && s_[at] >= '0' && s_[at] <= '9';
  }
  size_t SkipMarks(size_t at) const {
    size_t len;
    while (at < s_.size() && ClassAt(at, &len) == CharClass::kMark) at += len;
    return at;
  }
  void Emit(size_t begin, size_t end, TokenKind kind, bool upper) {
    Token t;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(end);
    t.kind = kind;
    t.newline_before = newline_;
    t.upper_first = upper;
    out_->push_back(t);
    newline_ = false;
    pos_ = end;
  }

  // Letters, marks and digits; an apostrophe between two letters stays inside.
  size_t WordEnd(size_t at) const {
    size_t len;
    while (at < s_.size()) {
      auto b = static_cast<unsigned char>(s_[at]);
      if (b < 0x80) {  // ASCII fast path: most bytes of Vietnamese text
        if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
          ++at;
          continue;
        }
        if (b >= '0' && b <= '9') {
          ++at;
          continue;
        }
        if (b != '\'') break;
      }
      CharClass cls = ClassAt(at, &len);
      if (cls == CharClass::kLetter || cls == CharClass::kMark || cls == CharClass::kDigit) {
        at += len;
        continue;
      }
      if (s_[at] == '\'' || (b == 0xE2 && s_.compare(at, 3, "\u2019") == 0)) {
        size_t apos = s_[at] == '\'' ? 1 : 3;
        size_t next_len;
        if (at + apos < s_.size() && ClassAt(at + apos, &next_len) == CharClass::kLetter) {
          at += apos;
          continue;
        }
      }
      break;
    }
    return at;
  }

  // A word followed by one of these may be the start of a URL or an e-mail address.
  static bool MaySpanLinkOrEmail(char c) {
    return c == '@' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == ':';
  }
  // Characters that join the digit groups of one number: 10/4, 2025-12-24, 24.000, 3,5, 10:30.
  static bool IsNumberJoiner(char c) {
    return c == '.' || c == '/' || c == ',' || c == ':' || c == '-';
  }
  static bool IsAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  static bool IsEmailLocal(char c) {
    return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  // local@domain.tld, ASCII only. Returns the end, or 0 when there is none at pos_.
  size_t EmailEnd() const {
    size_t at = pos_;
    while (at < s_.size() && IsEmailLocal(s_[at])) ++at;
    if (at == pos_ || at >= s_.size() || s_[at] != '@' || s_[at - 1] == '.') return 0;
    size_t domain = ++at;
    while (at < s_.size() && (IsAsciiAlnum(s_[at]) || s_[at] == '-' || s_[at] == '.')) ++at;
    while (at > domain && (s_[at - 1] == '.' || s_[at - 1] == '-')) --at;  // trailing "."
    size_t last_dot = s_.substr(domain, at - domain).rfind('.');
    if (last_dot == std::string_view::npos || last_dot == 0) return 0;  // needs a.tld
    return at;
  }

  bool StartsWithUrl() const {
    auto starts = [&](std::string_view p) {
      if (s_.size() - pos_ < p.size()) return false;
      for (size_t k = 0; k < p.size(); ++k) {
        char c = s_[pos_ + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != p[k]) return false;
      }
      return true;
    };
    return starts("http://") || starts("https://") || starts("www.");
  }

  // A URL runs to the next space or closing bracket/quote, less trailing punctuation.
  size_t UrlEnd() const {
    size_t at = pos_;
    while (at < s_.size()) {
      char c = s_[at];
      if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '<' || c == '>' || c == ')' ||
          c == ']' || static_cast<unsigned char>(c) >= 0x80) {
        break;
      }
      ++at;
    }
    while (at > pos_ && std::string_view(".,;:!?'").find(s_[at - 1]) != std::string_view::npos) {
      --at;
    }
    return at;
  }

  void ScanWordLike(bool upper) {
    size_t end = WordEnd(pos_);
    if (static_cast<unsigned char>(s_[pos_]) < 0x80 && end < s_.size() &&
        MaySpanLinkOrEmail(s_[end])) {
      if (StartsWithUrl()) {
        size_t url_end = UrlEnd();
        if (url_end > pos_ + 4) return Emit(pos_, url_end, TokenKind::kUrl, false);
      }
      if (size_t email_end = EmailEnd(); email_end != 0) {
        return Emit(pos_, email_end, TokenKind::kEmail, false);
      }
    }
    Emit(pos_, end, TokenKind::kWord, upper);
  }

  void ScanNumber() {
    if (size_t end = EmailEnd(); end != 0) return Emit(pos_, end, TokenKind::kEmail, false);
    size_t at = pos_;
    while (true) {
      while (IsAsciiDigitAt(at)) ++at;
      if (at + 1 < s_.size() && IsNumberJoiner(s_[at]) &&
          IsAsciiDigitAt(at + 1)) {
        ++at;
        continue;
      }
      break;
    }
    size_t len;
    if (at < s_.size()) {
      CharClass cls = ClassAt(at, &len);
      if (cls == CharClass::kLetter || cls == CharClass::kMark) {
        return Emit(pos_, WordEnd(at), TokenKind::kWord, false);  // 5G, 20h30, 10km
      }
    }
    Emit(pos_, at, TokenKind::kNumber, false);
  }

  void ScanPunct(char32_t cp, size_t len) {
    size_t end = pos_ + len;
    if (cp == '.') {
      while (end < s_.size() && s_[end] == '.') ++end;  // "..." is one token
    }
    Emit(pos_, SkipMarks(end), TokenKind::kPunct, false);
  }

  std::string_view s_;
  std::vector<Token>* out_;
  const CharTable& table_;
  size_t pos_ = 0;
  bool newline_ = false;
};

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* out) { Scanner(text, out).Run(); }

}  // namespace bantin::text
