// `bantin fetch`: article pages, feeds and sitemaps from the web into a data folder, once.
#ifndef BANTIN_CLI_FETCH_COMMAND_H_
#define BANTIN_CLI_FETCH_COMMAND_H_

#include <CLI/CLI.hpp>

namespace bantin::cli {

void AddFetchCommand(CLI::App* app, int* exit_code);

}  // namespace bantin::cli

#endif  // BANTIN_CLI_FETCH_COMMAND_H_
