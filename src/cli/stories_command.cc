#include "cli/stories_command.h"

#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "bantin/reader.h"
#include "bantin/search.h"
#include "bantin/stories.h"
#include "bantin/store.h"
#include "cli/common.h"
#include "bantin/json.h"

namespace bantin::cli {
namespace {

using nlohmann::ordered_json;

struct StoriesArgs {
  std::string db = "bantin-data";
  std::string from, to;
  bool json = false, rebuild = false;
  size_t min_articles = 1;
  double threshold = StoryOptions().threshold, time_floor = StoryOptions().time_floor;
};

struct TimelineArgs {
  std::string db = "bantin-data";
  std::string query;
  int64_t story = 0;
  bool json = false;
  size_t limit = 200;
};

std::string Dump(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }
ordered_json DateJson(const std::optional<Date>& d) { return d ? ordered_json(d->ToString()) : ordered_json(nullptr); }

int RunStories(const StoriesArgs& args) {
  std::optional<Date> from, to;
  if (!ParseDateOption("--from", args.from, &from) || !ParseDateOption("--to", args.to, &to)) return 2;
  auto store = Store::Open(args.db, {});
  if (!store) {
    PrintError(store.error());
    return 2;
  }
  if (args.rebuild) {
    StoryOptions options;
    options.rebuild = true;
    options.threshold = args.threshold;
    options.time_floor = args.time_floor;
    auto run = ThreadStored(**store, options);
    if (!run) {
      PrintError(run.error());
      return 2;
    }
    std::cerr << "threaded " << run->articles << " articles: " << run->opened << " stories, "
              << run->duplicates << " near-duplicates; " << static_cast<int64_t>(run->read_ms) << " ms reading, "
              << static_cast<int64_t>(run->fingerprint_ms) << " ms fingerprints, " << static_cast<int64_t>(run->thread_ms)
              << " ms threading, " << static_cast<int64_t>(run->write_ms) << " ms writing\n";
  }
  // The stories' documents, in one pass over the threading table.
  std::map<int64_t, std::pair<std::vector<int64_t>, std::vector<int64_t>>> docs;  // story -> (reports, duplicates)
  Status s = (*store)->stories().ForEachDoc(0, [&](const StoryDoc& d) {
    (d.duplicate_of == 0 ? docs[d.story].first : docs[d.story].second).push_back(d.doc);
    return Status::OK();
  });
  if (s.ok()) {
    s = (*store)->stories().ForEach(from, to, [&](const StoredStory& st) -> Status {
      if (static_cast<size_t>(st.articles) < args.min_articles) return Status::OK();
      auto ids = [&](const std::vector<int64_t>& list) -> Result<ordered_json> {
        ordered_json out = ordered_json::array();
        for (int64_t doc : list) {
          auto a = (*store)->GetByDoc(doc);
          if (!a) return Err(a.error());
          out.push_back(a->article.id);
        }
        return out;
      };
      auto articles = ids(docs[st.id].first);
      if (!articles) return articles.error();
      auto duplicates = ids(docs[st.id].second);
      if (!duplicates) return duplicates.error();
      if (args.json) {
        std::cout << Dump({{"id", st.id}, {"title", st.title}, {"articles", *articles},
                           {"first", DateJson(st.first)}, {"last", DateJson(st.last)},
                           {"reports", st.reports}, {"duplicates", *duplicates}})
                  << "\n";
      } else {
        std::cout << st.id << "  " << st.title << "  (" << st.articles << " articles, " << st.reports
                  << " reports; " << (st.first ? st.first->ToString() : "undated") << " .. "
                  << (st.last ? st.last->ToString() : "undated") << ")\n";
      }
      return Status::OK();
    });
  }
  if (!s.ok()) {
    PrintError(s);
    return 2;
  }
  return 0;
}

void PrintTimeline(const std::vector<TimelineEntry>& entries, bool json) {
  using Kind = TimelineEntry::Kind;
  if (json) {  // the API's shape, one entry a line
    for (const ordered_json& j : json::TimelineJson(entries)) std::cout << Dump(j) << "\n";
    return;
  }
  for (const TimelineEntry& t : entries) {
    const std::string date = t.date.empty() ? "(no date)" : t.date;
    if (t.kind == Kind::kEvent) {
      const Event& e = t.event;
      std::cout << date << "  " << e.code << " " << e.label << ": " << e.source << " -> "
                << (e.target.empty() ? "-" : e.target) << (e.status == "happened" ? "" : " (" + e.status + ")")
                << (e.place.empty() ? "" : "  at " + e.place) << "\n    \"" << t.sentence << "\"  [" << t.article_id
                << "]\n";
    } else if (t.kind == Kind::kMention) {
      std::cout << date << "  \"" << t.sentence << "\"  [" << t.article_id << "]\n";
    } else {
      std::cout << date << "  article " << t.article_id << ": " << t.title << "\n";
    }
  }
}

int RunStory(const TimelineArgs& args) {
  auto store = Store::Open(args.db, {});
  if (!store) {
    PrintError(store.error());
    return 2;
  }
  auto story = (*store)->stories().Get(args.story);
  if (!story) {
    PrintError(story.error());
    return story.error().code() == Status::Code::kNotFound ? 1 : 2;
  }
  auto timeline = StoryTimeline(**store, args.story);
  if (!timeline) {
    PrintError(timeline.error());
    return 2;
  }
  auto entities = StoryEntities(**store, args.story, 10);
  if (!entities) {
    PrintError(entities.error());
    return 2;
  }
  if (args.json) {
    ordered_json head = json::StoryJson(*story);
    head["entities"] = json::StoryEntitiesJson(*entities);
    std::cout << Dump({{"story", head}}) << "\n";
  } else {
    std::cout << "story " << story->id << ": " << story->title << " (" << story->articles << " articles, "
              << story->reports << " reports)\n  who and where:";
    for (const StoryEntity& e : *entities) std::cout << "  " << e.canonical << " (" << e.articles << ")";
    std::cout << "\n";
  }
  PrintTimeline(*timeline, args.json);
  return 0;
}

int RunTimeline(const TimelineArgs& args) {
  auto store = Store::Open(args.db, {});
  if (!store) {
    PrintError(store.error());
    return 2;
  }
  auto searcher = Searcher::Open(args.db);
  if (!searcher) {
    PrintError(searcher.error());
    return 2;
  }
  SearchOptions options;
  options.limit = args.limit;
  auto results = (*searcher)->Search(args.query, options);
  if (!results) {
    PrintError(results.error());
    return 2;
  }
  std::vector<int64_t> docs;
  for (const SearchHit& h : results->hits) {
    auto a = (*store)->Get(h.id);
    if (!a) {
      PrintError(a.error());
      return 2;
    }
    docs.push_back(a->doc);
  }
  auto timeline = Timeline(**store, docs);
  if (!timeline) {
    PrintError(timeline.error());
    return 2;
  }
  PrintTimeline(*timeline, args.json);
  return 0;
}

struct TrainBackgroundArgs {
  std::string out;
  uint32_t min_docs = 3;
  std::vector<std::string> inputs;
};

int RunTrainBackground(const TrainBackgroundArgs& args) {
  auto learner = BackgroundLearner::Create();
  if (!learner) {
    PrintError(learner.error());
    return 2;
  }
  size_t n = 0;
  if (ReadInputs(ReaderOptions(), args.inputs, [&](Article a) {
        (*learner)->Add(a);
        ++n;
      }) > 0) {
    return 1;  // a table from part of the corpus would not be the one asked for
  }
  const std::string model = (*learner)->Model(args.min_docs);
  if (Status s = WriteFileDurably(Env::Default(), args.out, {model}); !s.ok()) {
    PrintError(s);
    return 2;
  }
  std::cerr << "train-background: " << n << " articles -> " << args.out << "\n";
  return n > 0 ? 0 : 1;
}

}  // namespace

void AddStoriesCommands(CLI::App* app, int* exit_code) {
  auto train = std::make_shared<TrainBackgroundArgs>();
  CLI::App* tb = app->add_subcommand(
      "train-background", "Count in how many articles of a corpus each folded word appears (story threading's background; docs/models.md)");
  tb->add_option("--out", train->out, "where to write the table (data/models/story-background.tsv)")->required();
  tb->add_option("--min-docs", train->min_docs, "keep words in at least this many articles")->capture_default_str();
  tb->add_option("FILE", train->inputs, "the corpus (any input the reader takes)")->required();
  tb->callback([train, exit_code] { *exit_code = RunTrainBackground(*train); });

  auto stories = std::make_shared<StoriesArgs>();
  CLI::App* s = app->add_subcommand(
      "stories", "List the stories articles were threaded into (near-duplicate reports counted, not listed twice)");
  s->add_option("--db", stories->db, "data folder")->capture_default_str();
  s->add_option("--from", stories->from, "stories still running on or after this date (YYYY-MM-DD)");
  s->add_option("--to", stories->to, "stories begun on or before this date (YYYY-MM-DD)");
  s->add_option("--min-articles", stories->min_articles, "only stories with at least this many articles")
      ->capture_default_str();
  s->add_flag("--json", stories->json,
              "one JSON object per line: id, title, articles, first, last, reports, duplicates");
  s->add_flag("--rebuild", stories->rebuild, "thread the whole archive again first (date order)");
  s->add_option("--threshold", stories->threshold, "with --rebuild: the similarity an article needs to join a story")
      ->capture_default_str();
  s->add_option("--time-floor", stories->time_floor, "with --rebuild: the least time factor for articles far apart")
      ->capture_default_str();
  s->callback([stories, exit_code] { *exit_code = RunStories(*stories); });

  auto story = std::make_shared<TimelineArgs>();
  CLI::App* one = app->add_subcommand(
      "story", "A story: its title, span and entities, then its timeline (articles, events, dated sentences) in date order");
  one->add_option("--db", story->db, "data folder")->capture_default_str();
  one->add_flag("--json", story->json, "a first line {\"story\":…}, then one JSON object per timeline entry");
  one->add_option("ID", story->story, "story id (from bantin stories)")->required();
  one->callback([story, exit_code] { *exit_code = RunStory(*story); });

  auto timeline = std::make_shared<TimelineArgs>();
  CLI::App* t = app->add_subcommand(
      "timeline", "The timeline of the articles a search finds (any query bantin search takes, entity:\"…\" too)");
  t->add_option("--db", timeline->db, "data folder")->capture_default_str();
  t->add_option("--limit", timeline->limit, "articles taken from the search")->capture_default_str();
  t->add_flag("--json", timeline->json, "one JSON object per timeline entry");
  t->add_option("QUERY", timeline->query, "the search")->required();
  t->callback([timeline, exit_code] { *exit_code = RunTimeline(*timeline); });
}

}  // namespace bantin::cli
