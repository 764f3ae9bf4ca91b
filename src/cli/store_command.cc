#include "cli/store_command.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bantin/extract.h"
#include "bantin/ingest.h"
#include "bantin/pipeline.h"
#include "bantin/search.h"
#include "bantin/store.h"
#include "cli/common.h"

namespace bantin::cli {
namespace {

// A one-line progress bar redrawn on stderr, at most ten times a second.
class ProgressBar {
 public:
  void Update(const IngestProgress& p) {
    auto now = std::chrono::steady_clock::now();
    if (p.fraction < 1.0 && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr int kWidth = 24;
    int filled = static_cast<int>(p.fraction * kWidth + 0.5);
    double rate = p.elapsed_s > 0 ? static_cast<double>(p.stats->read) / p.elapsed_s : 0;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '.');
    char eta[32] = "--:--";
    if (p.fraction > 0.01 && p.fraction < 1.0) {
      auto left = static_cast<int>(p.elapsed_s * (1 - p.fraction) / p.fraction);
      std::snprintf(eta, sizeof eta, "%d:%02d", left / 60, left % 60);
    }
    std::fprintf(stderr, "\r[%s] %3.0f%%  %zu articles  %.0f/s  ETA %s   ", bar.c_str(),
                 100 * p.fraction, p.stats->read, rate, p.fraction >= 1.0 ? "0:00" : eta);
    std::fflush(stderr);
    drawn_ = true;
  }
  void Finish() {
    if (drawn_) std::fputc('\n', stderr);
  }

 private:
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

struct IngestArgs {
  std::string db = "bantin-data";
  std::string date;
  size_t batch = 2000;
  bool replace_invalid = false;
  size_t max_article_bytes = size_t{2} << 20;
  bool quiet = false;
  bool no_extract = false, no_stories = false;
  std::vector<std::string> inputs;
};

int RunIngest(const IngestArgs& args) {
  PipelineOptions options;
  options.batch_size = args.batch;
  options.replace_invalid_utf8 = args.replace_invalid;
  options.max_article_bytes = args.max_article_bytes;
  options.lock_wait.on_wait = [](const std::string& line) { std::cerr << "bantin: " << line << "\n"; };
  options.extract = !args.no_extract;
  options.stories = !args.no_stories;
  if (!ParseDateOption("--date", args.date, &options.default_date)) return 2;
  ProgressBar bar;
  const bool tty = isatty(STDERR_FILENO) && !args.quiet;
  if (tty) options.on_progress = [&](const IngestProgress& p) { bar.Update(p); };
  options.on_error = [&](const Status& s) {
    if (tty) std::fputc('\n', stderr);
    PrintError(s);
  };
  auto pipeline = Pipeline::Open(args.db, options);
  if (!pipeline) {
    PrintError(pipeline.error());
    return 2;
  }
  auto run = (*pipeline)->Add(args.inputs);
  bar.Finish();
  if (!run) {
    PrintError(run.error());
    return 2;
  }
  const IngestStats& stats = run->stats;
  auto total = (*pipeline)->store().Count();
  std::cout << "read " << stats.read << " articles: " << stats.added << " added, "
            << stats.duplicate_id << " already stored (same id), " << stats.duplicate_content
            << " already stored (same content); " << stats.errors << " could not be read; "
            << (total ? std::to_string(*total) : "?") << " articles in " << args.db;
  if (run->extracted > 0) std::cout << "; extracted entities, dates and events of " << run->extracted;
  if (run->threaded.articles > 0) {
    std::cout << "; threaded " << run->threaded.articles << " (" << run->threaded.duplicates
              << " near-duplicates, " << run->threaded.opened << " new stories)";
  }
  std::cout << "\n";
  return stats.errors == 0 ? 0 : 1;
}

// Prints what a check found; true when nothing.
bool PrintReport(const Store::CheckReport& report, const Result<int64_t>& index) {
  for (const Status& p : report.problems) PrintError(p);
  if (report.more > 0) std::cerr << "bantin: ... and " << report.more << " more problems\n";
  if (!index) PrintError(index.error());
  return report.ok() && index.has_value();
}

int RunCheck(const std::string& db, bool repair) {
  auto store = Store::Open(db, {});
  if (!store) {
    PrintError(store.error());
    return 1;
  }
  auto report = (*store)->Check();
  if (!report) {
    PrintError(report.error());
    return 1;
  }
  auto behind = CheckIndex(db);
  if (!PrintReport(*report, behind)) {
    if (!repair) {
      std::cerr << "bantin: " << db << ": " << report->problems.size() + report->more + (behind ? 0 : 1)
                << " problems; `bantin check --repair` re-derives extractions, stories and the index\n";
      return 1;
    }
    if (report->database) {
      std::cerr << "bantin: " << db << ": the database file itself is damaged; restore it from a copy, or "
                << "ingest the sources into a new folder (--repair mends derived data only)\n";
      return 1;
    }
    // Derived data, re-derived: extraction rows, stories, the index (rebuilt and swapped in
    // whole: searchers keep the index they opened).
    if (Status s = (*store)->RepairDerived(*report); !s.ok()) {
      PrintError(s);
      return 1;
    }
    if (!report->bad_extractions.empty()) {
      auto extractor = StoredExtractor::Create();
      if (!extractor) {
        PrintError(extractor.error());
        return 1;
      }
      if (auto redone = (*extractor)->Redo(**store, report->bad_extractions); !redone) {
        PrintError(redone.error());
        return 1;
      }
    }
    if (!behind) {
      if (auto rebuilt = Reindex(db); !rebuilt) {
        PrintError(rebuilt.error());
        return 1;
      }
    }
    store->reset();
    auto pipeline = Pipeline::Open(db);
    if (!pipeline) {
      PrintError(pipeline.error());
      return 1;
    }
    if (auto caught = (*pipeline)->Add(std::vector<Article>{}); !caught) {
      PrintError(caught.error());
      return 1;
    }
    pipeline->reset();
    store = Store::Open(db, {});
    if (!store) {
      PrintError(store.error());
      return 1;
    }
    report = (*store)->Check();
    if (!report) {
      PrintError(report.error());
      return 1;
    }
    behind = CheckIndex(db);
    if (!PrintReport(*report, behind)) {
      std::cerr << "bantin: " << db << ": repaired what is derived; what is left above is in the articles "
                << "themselves: re-ingest them from their sources\n";
      return 1;
    }
    std::cout << db << ": repaired; ";
  }
  std::cout << db << ": ok (" << *(*store)->Count() << " articles, store and index";
  if (*behind > 0) std::cout << "; " << *behind << " not indexed yet: the next ingest indexes them";
  std::cout << ")\n";
  return 0;
}

}  // namespace

int RunMerge(const std::string& db, const std::vector<std::string>& shards) {
  PipelineOptions options;
  options.on_error = [](const Status& s) { PrintError(s); };
  auto merged = MergeFolders(db, shards, options);
  if (!merged) {
    PrintError(merged.error());
    return 2;
  }
  std::cout << "merged " << shards.size() << " folders: " << merged->ingest.read << " articles read, "
            << merged->ingest.added << " added, " << merged->ingest.duplicate_id + merged->ingest.duplicate_content
            << " already stored; extraction copied for " << merged->extractions_copied << ", done for "
            << merged->extracted << "; threaded " << merged->threaded.articles << " ("
            << merged->threaded.duplicates << " near-duplicates, " << merged->threaded.opened << " new stories)\n";
  return 0;
}

void AddStoreCommands(CLI::App* app, int* exit_code) {
  auto ingest = std::make_shared<IngestArgs>();
  CLI::App* i = app->add_subcommand(
      "ingest",
      "Store articles (.txt, .jsonl, .zst, .gz, folders, - for stdin) in a data folder; "
      "batches are atomic and re-ingesting adds nothing");
  i->add_option("--db", ingest->db, "data folder")->capture_default_str();
  i->add_option("--date", ingest->date, "date (YYYY-MM-DD) for articles that name none");
  i->add_option("--batch", ingest->batch, "articles per transaction")->capture_default_str();
  i->add_flag("--replace-invalid-utf8", ingest->replace_invalid,
              "replace invalid UTF-8 with U+FFFD instead of rejecting the article");
  i->add_option("--max-article-bytes", ingest->max_article_bytes,
                "longest article text taken (title, lead and body); longer ones are refused with an error (0: no limit)")
      ->capture_default_str();
  i->add_flag("--quiet", ingest->quiet, "no progress bar");
  i->add_flag("--no-extract", ingest->no_extract,
              "store and index only; entities, dates and events are extracted by a later ingest");
  i->add_flag("--no-stories", ingest->no_stories,
              "no near-duplicate detection or story threading (a later ingest, or stories --rebuild, does it)");
  i->add_option("PATH", ingest->inputs, "inputs")->required();
  i->callback([ingest, exit_code] { *exit_code = RunIngest(*ingest); });

  auto merge_db = std::make_shared<std::string>("bantin-data");
  auto shards = std::make_shared<std::vector<std::string>>();
  CLI::App* m = app->add_subcommand(
      "merge",
      "Merge data folders built apart (bantin.dask's shards) into one: articles in order, their extraction "
      "copied, the index and stories built over the whole (docs/scale.md)");
  m->add_option("--db", *merge_db, "the merged folder (created if missing)")->capture_default_str();
  m->add_option("SHARD", *shards, "data folders, in the order their articles come")->required();
  m->callback([merge_db, shards, exit_code] { *exit_code = RunMerge(*merge_db, *shards); });

  auto db = std::make_shared<std::string>("bantin-data");
  CLI::App* c = app->add_subcommand(
      "check",
      "Verify a data folder: the database, every article against its content hash, every extraction and "
      "story row against its article, the index; exits 1 and names each problem");
  c->add_option("--db", *db, "data folder")->capture_default_str();
  auto repair = std::make_shared<bool>(false);
  c->add_flag("--repair", *repair,
              "re-derive what is wrong among extractions, stories and the index (articles are never changed)");
  c->callback([db, repair, exit_code] { *exit_code = RunCheck(*db, *repair); });
}

}  // namespace bantin::cli
