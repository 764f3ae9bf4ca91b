#include "search/query.h"

#include "text/tokenizer.h"

namespace bantin::search {
namespace {

// The searchable words of `part` (syllables, foreign words, numbers; not punctuation).
std::vector<QueryWord> Words(std::string_view part, text::WordCache* cache) {
  std::vector<text::Token> tokens;
  text::Tokenize(part, &tokens);
  std::vector<QueryWord> out;
  for (const text::Token& t : tokens) {
    std::string_view s = part.substr(t.begin, t.end - t.begin);
    QueryWord w;
    if (t.kind == text::TokenKind::kWord) {
      text::WordCache::Forms f = cache->Get(s);
      w.norm.assign(f.norm);
      w.fold.assign(f.fold);
    } else if (t.kind == text::TokenKind::kNumber) {
      w.norm = w.fold = std::string(s);
    } else {
      continue;
    }
    w.plain = w.norm == w.fold;
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace

Result<Query> ParseQuery(std::string_view text, text::WordCache* cache) {
  Query q;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '"') {
      size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos) {
        return Err(Status::InvalidArgument("query", "unclosed quote"));
      }
      std::vector<QueryWord> phrase = Words(text.substr(i + 1, close - i - 1), cache);
      if (phrase.size() == 1) {
        q.words.push_back(std::move(phrase[0]));
      } else if (!phrase.empty()) {
        q.phrases.push_back(std::move(phrase));
      }
      i = close + 1;
      continue;
    }
    // entity:"Vladimir Putin" or entity:Putin — a filter on what extraction found.
    constexpr std::string_view kEntity = "entity:";
    if (text.substr(i, kEntity.size()) == kEntity) {
      size_t at = i + kEntity.size();
      size_t end = at;
      if (at < text.size() && text[at] == '"') {
        end = text.find('"', at + 1);
        if (end == std::string_view::npos) return Err(Status::InvalidArgument("query", "unclosed quote"));
        q.entities.emplace_back(text.substr(at + 1, end - at - 1));
        i = end + 1;
      } else {
        end = text.find_first_of(" \t\n\r", at);
        if (end == std::string_view::npos) end = text.size();
        q.entities.emplace_back(text.substr(at, end - at));
        i = end;
      }
      if (q.entities.back().empty()) return Err(Status::InvalidArgument("query", "entity: names nobody"));
      continue;
    }
    size_t end = text.find_first_of(" \t\n\r\"", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view chunk = text.substr(i, end - i);
    i = end;
    if (chunk == "OR") continue;  // words are alternatives already
    bool exclude = chunk.size() > 1 && chunk[0] == '-';
    std::vector<QueryWord> words = Words(exclude ? chunk.substr(1) : chunk, cache);
    for (QueryWord& w : words) (exclude ? q.excluded : q.words).push_back(std::move(w));
  }
  if (q.words.empty() && q.phrases.empty() && q.entities.empty()) {
    return Err(Status::InvalidArgument("query", "nothing to search for"));
  }
  return q;
}

}  // namespace bantin::search
