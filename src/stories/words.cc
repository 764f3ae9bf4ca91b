#include "stories/words.h"

namespace bantin::stories {
namespace {

bool WordByte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::vector<std::string_view> FoldedWords(std::string_view folded) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < folded.size();) {
    if (!WordByte(static_cast<unsigned char>(folded[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < folded.size() && WordByte(static_cast<unsigned char>(folded[j]))) ++j;
    out.push_back(folded.substr(i, j - i));
    i = j;
  }
  return out;
}

bool BreakBetween(std::string_view before, std::string_view after) {
  for (const char* p = before.data() + before.size(); p < after.data(); ++p) {
    if (*p != ' ' && *p != '-') return true;
  }
  return false;
}

}  // namespace bantin::stories
