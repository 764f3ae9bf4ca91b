// The `bantin reindex` and `bantin search` subcommands.
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_SEARCH_COMMAND_H_
#define BANTIN_CLI_SEARCH_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

void AddSearchCommands(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_SEARCH_COMMAND_H_
