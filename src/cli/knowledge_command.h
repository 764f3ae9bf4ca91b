// The `bantin entities` and `bantin events` subcommands: what extraction stored, listed.
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_KNOWLEDGE_COMMAND_H_
#define BANTIN_CLI_KNOWLEDGE_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

// Adds the subcommands to `app`; each runs when parsed and stores its exit code in *exit_code.
void AddKnowledgeCommands(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_KNOWLEDGE_COMMAND_H_
