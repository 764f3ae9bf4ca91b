// `bantin eval-entities`, `bantin train-ner` and `bantin train-clusters`: scoring entities
// against annotated articles, training the entity model (with K-fold cross-validation) and
// learning the word clusters it uses (docs/models.md).
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_NER_COMMAND_H_
#define BANTIN_CLI_NER_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

// Adds the subcommands to `app`; they run when parsed and store the exit code in *exit_code.
void AddNerCommands(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_NER_COMMAND_H_
