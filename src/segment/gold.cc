#include "segment/gold.h"

#include <algorithm>

namespace bantin::segment {

std::vector<GoldSentence> ParseGold(std::string_view content) {
  std::vector<GoldSentence> out;
  while (!content.empty()) {
    size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
    GoldSentence sentence;
    size_t start = 0;
    while (start <= line.size()) {
      size_t sp = line.find_first_of(" \t\r", start);
      std::string_view word = line.substr(start, sp == std::string_view::npos ? line.npos : sp - start);
      start = sp == std::string_view::npos ? line.size() + 1 : sp + 1;
      std::vector<std::string> syllables;
      size_t s = 0;
      while (s <= word.size()) {
        size_t u = word.find('_', s);
        std::string_view syl = word.substr(s, u == std::string_view::npos ? word.npos : u - s);
        if (!syl.empty()) syllables.emplace_back(syl);
        s = u == std::string_view::npos ? word.size() + 1 : u + 1;
      }
      if (!syllables.empty()) sentence.push_back(std::move(syllables));
    }
    if (!sentence.empty()) out.push_back(std::move(sentence));
  }
  return out;
}

namespace {

bool IsOneOf(const std::vector<std::string>& word, std::initializer_list<std::string_view> set) {
  if (word.size() != 1) return false;
  for (std::string_view p : set) {
    if (word[0] == p) return true;
  }
  return false;
}

}  // namespace

GoldText RenderGold(const GoldSentence& sentence,
                    const std::function<std::string(std::string_view)>& transform,
                    bool natural_spacing) {
  GoldText g;
  bool after_opener = false;
  for (const auto& word : sentence) {
    bool closer = natural_spacing &&
                  IsOneOf(word, {",", ".", ";", ":", "!", "?", ")", "]", "\u201D", "%", "...",
                                 "\u2026"});
    if (!g.text.empty() && !closer && !after_opener) g.text += ' ';
    after_opener = natural_spacing && IsOneOf(word, {"(", "[", "\u201C"});
    auto begin = static_cast<uint32_t>(g.text.size());
    for (size_t i = 0; i < word.size(); ++i) {
      if (i > 0) g.text += ' ';
      g.text += transform ? transform(word[i]) : word[i];
    }
    g.words.emplace_back(begin, static_cast<uint32_t>(g.text.size()));
  }
  return g;
}

bool GoldJoins(const GoldText& gold, const std::vector<text::Token>& tokens,
               std::vector<uint8_t>* joins) {
  joins->assign(tokens.empty() ? 0 : tokens.size() - 1, 0);
  bool representable = true;
  size_t w = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    while (w < gold.words.size() && gold.words[w].second <= tokens[i].begin) ++w;
    if (w >= gold.words.size()) break;
    if (tokens[i].begin < gold.words[w].first || tokens[i].end > gold.words[w].second) {
      representable = false;  // the token straddles a gold word boundary
      continue;
    }
    if (i + 1 < tokens.size() && tokens[i + 1].end <= gold.words[w].second) (*joins)[i] = 1;
  }
  return representable;
}

std::vector<std::pair<uint32_t, uint32_t>> WordSpans(const std::vector<text::Token>& tokens,
                                                     const std::vector<uint8_t>& joins) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (size_t i = 0; i < tokens.size();) {
    size_t j = i;
    while (j + 1 < tokens.size() && joins[j]) ++j;
    out.emplace_back(tokens[i].begin, tokens[j].end);
    i = j + 1;
  }
  return out;
}

void SegmentationScore::Add(const std::vector<std::pair<uint32_t, uint32_t>>& gold,
                            const std::vector<std::pair<uint32_t, uint32_t>>& predicted) {
  ++sentences;
  gold_words += gold.size();
  predicted_words += predicted.size();
  // Both lists are sorted and non-overlapping: count common spans by merging.
  size_t i = 0, j = 0;
  while (i < gold.size() && j < predicted.size()) {
    if (gold[i] == predicted[j]) {
      ++correct_words;
      ++i;
      ++j;
    } else if (gold[i] < predicted[j]) {
      ++i;
    } else {
      ++j;
    }
  }
}

double SegmentationScore::precision() const {
  return predicted_words ? static_cast<double>(correct_words) / predicted_words : 0;
}
double SegmentationScore::recall() const {
  return gold_words ? static_cast<double>(correct_words) / gold_words : 0;
}
double SegmentationScore::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

}  // namespace bantin::segment
