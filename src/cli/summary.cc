#include "cli/summary.h"

#include <algorithm>
#include <iomanip>

namespace bantin::cli {

void Summary::Add(const Article& article, const Analysis& analysis) {
  Row row;
  row.date = article.date ? article.date->ToString() : "(no date)";
  row.source = article.source.empty() ? "-" : article.source;
  row.title = article.title;
  row.sentences = analysis.sentences.size();
  row.tokens = analysis.tokens.size();
  size_t sentence = 0;
  for (size_t i = 0; i < analysis.tokens.size(); ++i) {
    const AnalyzedToken& t = analysis.tokens[i];
    row.syllables += t.kind == TokenKind::kSyllable;
    row.foreign += t.kind == TokenKind::kForeign;
    row.numbers += t.kind == TokenKind::kNumber;
    while (sentence + 1 < analysis.sentences.size() && analysis.sentences[sentence].end <= t.begin) {
      ++sentence;
    }
    bool first_in_sentence = analysis.sentences.empty() || analysis.sentences[sentence].begin == t.begin;
    std::string_view text = std::string_view(article.text).substr(t.begin, t.end - t.begin);
    bool capitalised = (t.kind == TokenKind::kForeign || t.kind == TokenKind::kSyllable) &&
                       !text.empty() && t.norm.size() == text.size() && text != t.norm;
    if (capitalised && !first_in_sentence && text.size() > 1) ++names_[std::string(text)];
  }
  rows_.push_back(std::move(row));
}

void Summary::Print(std::ostream& out, size_t errors) const {
  size_t sentences = 0, tokens = 0, syllables = 0, foreign = 0;
  std::map<std::string, size_t> sources;
  std::string first_date, last_date;
  for (const Row& r : rows_) {
    out << std::left << std::setw(11) << r.date << " " << r.title << "\n"
        << "            source " << r.source << " · " << r.sentences << " sentences · " << r.tokens
        << " tokens (" << r.syllables << " syllables, " << r.foreign << " foreign words, "
        << r.numbers << " numbers)\n";
    sentences += r.sentences;
    tokens += r.tokens;
    syllables += r.syllables;
    foreign += r.foreign;
    ++sources[r.source];
    if (r.date[0] != '(') {
      if (first_date.empty() || r.date < first_date) first_date = r.date;
      if (last_date.empty() || r.date > last_date) last_date = r.date;
    }
  }
  out << "\n" << rows_.size() << " articles";
  if (!first_date.empty()) out << " from " << first_date << " to " << last_date;
  out << ", " << sentences << " sentences, " << tokens << " tokens (" << syllables
      << " Vietnamese syllables, " << foreign << " foreign words)";
  if (errors > 0) out << "; " << errors << " inputs could not be read (see above)";
  out << "\nsources:";
  for (const auto& [source, n] : sources) out << " " << source << " (" << n << ")";
  std::vector<std::pair<size_t, std::string>> names;
  for (const auto& [name, n] : names_) {
    if (n >= 2) names.emplace_back(n, name);
  }
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  out << "\nmost frequent capitalised words:";
  for (size_t i = 0; i < names.size() && i < 15; ++i) {
    out << " " << names[i].second << " (" << names[i].first << ")";
  }
  out << "\n";
}

}  // namespace bantin::cli
