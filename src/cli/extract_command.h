// The `bantin extract` subcommand.
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_EXTRACT_COMMAND_H_
#define BANTIN_CLI_EXTRACT_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

// Adds the subcommand to `app`; it runs when parsed and stores its exit code in *exit_code.
void AddExtractCommand(CLI::App* app, int* exit_code);
// `bantin gazetteer` and `bantin train-names`.
void AddGazetteerCommand(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_EXTRACT_COMMAND_H_
