// The `bantin segment`, `bantin train-segmenter` and `bantin eval-segmenter` subcommands.
// Thread safety: single-threaded command code.
#ifndef BANTIN_CLI_SEGMENT_COMMAND_H_
#define BANTIN_CLI_SEGMENT_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

void AddSegmentCommands(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_SEGMENT_COMMAND_H_
