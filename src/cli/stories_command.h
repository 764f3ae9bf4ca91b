// The `bantin stories`, `bantin story` and `bantin timeline` subcommands.
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_STORIES_COMMAND_H_
#define BANTIN_CLI_STORIES_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

// Adds the subcommands to `app`; each runs when parsed and stores its exit code in *exit_code.
void AddStoriesCommands(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_STORIES_COMMAND_H_
