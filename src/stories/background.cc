#include "stories/background.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>
#include <vector>

#include "bantin/stories.h"
#include "base/table_text.h"
#include "stories/words.h"
#include "text/normalizer.h"

namespace bantin::stories {

// The bytes of data/models/story-background.tsv, linked in by builtin_background.S.
extern "C" const char bantin_background_model_begin[];
extern "C" const char bantin_background_model_end[];

namespace {
constexpr std::string_view kHeader = "# bantin background 1";
}

Result<Background> Background::Builtin() {
  std::string_view bytes(bantin_background_model_begin,
                         static_cast<size_t>(bantin_background_model_end - bantin_background_model_begin));
  if (bytes.empty()) return Background();
  return Parse(bytes, "built-in background frequencies");
}

Result<Background> Background::Parse(std::string_view text, std::string_view source) {
  Background b;
  bool first = true;
  Status s = ForEachTableLine(text, source, kHeader, [&](std::string_view line) -> std::string {
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) return "expected \"word<TAB>articles\"";
    uint64_t n = 0;
    std::string_view count = line.substr(tab + 1);
    auto [p, ec] = std::from_chars(count.data(), count.data() + count.size(), n);
    if (ec != std::errc() || p != count.data() + count.size()) return "the count is not a number";
    if (first && line.substr(0, tab) == "N") {
      b.docs_ = n;
    } else {
      b.counts_.emplace(std::string(line.substr(0, tab)), static_cast<uint32_t>(n));
    }
    first = false;
    return "";
  });
  if (!s.ok()) return Err(s);
  return b;
}

void BackgroundCounter::Add(std::string_view folded_text) {
  ++docs_;
  std::set<std::string_view> seen;
  for (std::string_view w : FoldedWords(folded_text)) {
    if (seen.insert(w).second) ++counts_[std::string(w)];
  }
}

std::string BackgroundCounter::Model(uint32_t min_docs) const {
  std::vector<std::pair<std::string, uint32_t>> rows;
  for (const auto& [w, n] : counts_) {
    if (n >= min_docs) rows.emplace_back(w, n);
  }
  std::sort(rows.begin(), rows.end());
  std::ostringstream out;
  out << kHeader << "\nN\t" << docs_ << "\n";
  for (const auto& [w, n] : rows) out << w << '\t' << n << '\n';
  return out.str();
}

}  // namespace bantin::stories

namespace bantin {

struct BackgroundLearner::Impl {
  std::unique_ptr<text::Normalizer> normalizer;
  stories::BackgroundCounter counter;
};

BackgroundLearner::BackgroundLearner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BackgroundLearner::~BackgroundLearner() = default;

Result<std::unique_ptr<BackgroundLearner>> BackgroundLearner::Create() {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  auto impl = std::make_unique<Impl>();
  impl->normalizer = std::move(*normalizer);
  return std::unique_ptr<BackgroundLearner>(new BackgroundLearner(std::move(impl)));
}

void BackgroundLearner::Add(const Article& article) { impl_->counter.Add(impl_->normalizer->Fold(article.text)); }

std::string BackgroundLearner::Model(uint32_t min_docs) const { return impl_->counter.Model(min_docs); }

}  // namespace bantin
