// `bantin eval-events` and `bantin eval-dates`: scoring events and temporal expressions against
// annotated articles (docs/annotation.md Part II; docs/extraction.md "Evaluation: events and
// dates").
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_EVENTS_EVAL_COMMAND_H_
#define BANTIN_CLI_EVENTS_EVAL_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

// Adds the subcommands to `app`; they run when parsed and store the exit code in *exit_code.
void AddEventsEvalCommands(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_EVENTS_EVAL_COMMAND_H_
