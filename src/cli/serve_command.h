// The `bantin serve` subcommand: the HTTP JSON API and web page (docs/http_api.md).
// Thread safety: single-threaded command code (the server runs its own threads).
#ifndef BANTIN_CLI_SERVE_COMMAND_H_
#define BANTIN_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

// Adds the subcommand to `app`; it runs when parsed and stores its exit code in *exit_code.
void AddServeCommand(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_SERVE_COMMAND_H_
