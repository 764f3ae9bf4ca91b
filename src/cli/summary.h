// A readable summary of analyzed articles, for `bantin analyze --summary` and the demo.
// Thread safety: not thread-safe; one Summary per command.
#ifndef BANTIN_CLI_SUMMARY_H_
#define BANTIN_CLI_SUMMARY_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "bantin/analyzer.h"
#include "bantin/article.h"

namespace bantin::cli {

class Summary {
 public:
  // Records one article; prints nothing yet.
  void Add(const Article& article, const Analysis& analysis);
  // Prints one line per article (in the order added), then totals; `errors` is how many
  // inputs could not be read.
  void Print(std::ostream& out, size_t errors) const;

 private:
  struct Row {
    std::string date, source, title;
    size_t sentences = 0, tokens = 0, syllables = 0, foreign = 0, numbers = 0;
  };
  std::vector<Row> rows_;
  std::map<std::string, size_t> names_;  // capitalised words inside sentences -> count
};

}  // namespace bantin::cli

#endif  // BANTIN_CLI_SUMMARY_H_
