// The `bantin ingest` and `bantin check` subcommands.
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_STORE_COMMAND_H_
#define BANTIN_CLI_STORE_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

void AddStoreCommands(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_STORE_COMMAND_H_
