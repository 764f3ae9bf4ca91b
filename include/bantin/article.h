// Article: one news report as bantin reads it, and the calendar date it carries.
//
// `text` holds the article's bytes and every offset bantin reports (paragraphs, sentences,
// tokens, later entities) points into it. For a plain-text file `text` is the file exactly as
// read (so offsets are file offsets); for a JSONL record it is composed as
// title "\n\n" lead "\n\n" body, and `text_is_source` is false.
//
// Thread safety: plain values.
#ifndef BANTIN_ARTICLE_H_
#define BANTIN_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/status.h"

namespace bantin {

// A proleptic Gregorian calendar date.
struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31, valid for the month

  // Parses "YYYY-MM-DD", or the date part of an ISO 8601 timestamp ("2019-05-03T10:20:00+07:00").
  static Result<Date> Parse(std::string_view text);
  static bool IsValid(int year, int month, int day);
  std::string ToString() const;  // "YYYY-MM-DD"
  auto operator<=>(const Date&) const = default;
};

// What a paragraph of an article is.
enum class ParagraphKind : uint8_t { kTitle, kLead, kBody, kCaption };
std::string_view ParagraphKindName(ParagraphKind kind);

struct Paragraph {
  ParagraphKind kind = ParagraphKind::kBody;
  uint32_t begin = 0;  // byte offsets into Article::text
  uint32_t end = 0;
};

struct Article {
  std::string id;        // file stem for text files; the "id" field for JSONL
  std::string origin;    // where it was read: "path" or "path:line"
  std::string text;      // the bytes all offsets point into (see the file comment)
  bool text_is_source = true;  // text is the input file's bytes, unchanged
  // How many ill-formed UTF-8 sequences the reader replaced with U+FFFD (only when asked to:
  // ReaderOptions::replace_invalid_utf8); 0 otherwise.
  uint32_t invalid_utf8_replaced = 0;

  std::string title;
  std::string lead;      // may be empty
  std::string body;      // body paragraphs joined by "\n"
  std::vector<std::string> captions;  // photo captions ("... Ảnh: TASS")
  std::string author;    // may be empty
  std::string source;    // outlet, from a "Nguồn:" line or the JSONL field; may be empty
  std::string url, category, lang;
  std::optional<Date> date;  // publication date; absent when the input names none
  std::string time;          // publication time "HH:MM", local to the outlet (web pages); may be empty

  std::vector<Paragraph> paragraphs;  // title, lead, body and captions, in text order
};

// Composes `text` and `paragraphs` from the fields, for inputs whose text is not a file's bytes
// (JSONL, web pages): title "\n\n" [lead "\n\n"] body paragraphs (the lines of `body`, blank
// ones skipped) joined by "\n", then ["\n\n" captions joined by "\n"]; text_is_source false.
void ComposeText(Article* article);

}  // namespace bantin

#endif  // BANTIN_ARTICLE_H_
