// The `bantin normalize` and `bantin analyze` subcommands.
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_ANALYZE_COMMAND_H_
#define BANTIN_CLI_ANALYZE_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

// Adds the subcommands to `app`; each runs when parsed and stores its exit code in *exit_code.
void AddNormalizeCommand(CLI::App* app, int* exit_code);
void AddAnalyzeCommand(CLI::App* app, int* exit_code);
// `bantin read`: articles as corpus-schema JSONL (web pages and archives made into JSONL).
void AddReadCommand(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_ANALYZE_COMMAND_H_
