// Online story threading: each article joins the story whose centroid it is most similar to,
// or opens a new one (docs/stories.md, "Threading"). Candidate stories come from lists of
// stories by term (their centroids' heaviest terms), of which an article reads each term's most
// recent stories, so one article costs the same however large the archive: O(n) over a
// stream, plus the O(log n) of the store's indexes.
#ifndef BANTIN_STORIES_THREADER_H_
#define BANTIN_STORIES_THREADER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bantin/article.h"
#include "bantin/status.h"
#include "stories/features.h"

namespace bantin::stories {

// When an article is: its publication date and the days its text names ("hôm 10/4"); for an
// undated article the days keep an open year (month and day only).
struct ArticleTime {
  std::optional<Date> published;
  std::vector<Date> days;           // full dates named in the text
  std::vector<int> month_days;      // month * 100 + day, named without a year (undated articles)
  // Term keys of the article's event dyads (DyadKey): a story whose centroid holds one of them
  // is the same actors doing the same kind of thing again, and time is no bar to joining it.
  std::vector<uint64_t> dyads;
};

struct StoryState {
  int64_t id = 0;
  Vector centroid;  // sum of its articles' vectors, heaviest kCentroidTerms terms, by key
  std::optional<Date> first, last;  // publication dates
  int anchor = 0;  // month * 100 + day an undated article's text named (the first), or 0
  std::vector<uint64_t> dyads;  // its articles' event dyads (DyadKey), sorted, at most kStoryDyads
  uint32_t articles = 0;  // distinct reports
  uint32_t reports = 0;   // all reports, near-duplicates included
  std::string title;      // of the article most like the story when it joined
  float title_score = 0;
};

struct ThreaderOptions {
  // An article joins a story when cosine(article, centroid) x time factor reaches this.
  float threshold = 0.25f;
  // The time factor: 1 when the article's time meets the story's span, else
  // 1 / (1 + gap_days / time_scale_days) but never below `time_floor`. The gap is the
  // smallest between any of the article's days (publication, days its text names) and the
  // story's span; without years (undated articles), between months and days on the calendar
  // circle; 1 when either side has no time at all, or when the article continues one of the
  // story's dyads (ArticleTime::dyads).
  float time_scale_days = 30.0f;
  float time_floor = 0.5f;
};

inline constexpr size_t kArticleTerms = 60;
inline constexpr size_t kCentroidTerms = 120;
// An article is compared with, per term, the newest stories (highest ids) that hold the term:
// this many. Lists hold every story with the term, so the candidates are the same whether a
// run resumed or not.
inline constexpr size_t kPostingCap = 64;
inline constexpr size_t kStoryDyads = 64;

// A story in a term's list: the term's weight in its centroid over the centroid's norm, so
// that an article's weights times these, summed over its terms, are its cosine with the story.
// (story id, weight), as the store reads it.
using Posting = std::pair<int64_t, float>;

// Where the stories live between articles: the store (StoryThreader), or memory (tests). The
// threader holds none of them, so its memory does not grow with the archive.
class StoryBook {
 public:
  virtual ~StoryBook() = default;
  // The newest (highest-id) `limit` stories listed under `term`, newest first.
  virtual Status Candidates(uint64_t term, size_t limit, std::vector<Posting>* out) = 0;
  virtual Status Read(int64_t id, StoryState* out) = 0;
  // Stores story `s`, new or changed.
  virtual Status Write(const StoryState& s) = 0;
  // Lists story `id` under `terms` (Posting weights), and off the lists of the terms in `gone`.
  virtual Status List(int64_t id, const std::vector<std::pair<uint64_t, float>>& terms,
                      const std::vector<uint64_t>& gone) = 0;
  // The highest story id (0: none).
  virtual Result<int64_t> LastId() = 0;
};

// A centroid's entries in the term lists: (term, weight over the centroid's norm), by term.
std::vector<std::pair<uint64_t, float>> Listing(const Vector& centroid);

class Threader {
 public:
  // `book` outlives the threader.
  Threader(const ThreaderOptions& options, StoryBook* book) : options_(options), book_(book) {}

  // The story for an article with vector `v` (existing or new); the story is updated.
  Result<int64_t> Assign(const Vector& v, const ArticleTime& time, std::string_view title);
  // A near-duplicate report of an article already in `story`.
  Status AddReport(int64_t story, const ArticleTime& time);
  // Stories opened by this threader.
  size_t opened() const { return opened_; }

 private:
  float TimeFactor(const StoryState& s, const ArticleTime& time) const;
  static void Widen(StoryState* s, const ArticleTime& time);

  ThreaderOptions options_;
  StoryBook* book_;
  int64_t last_id_ = -1;  // the highest story id; -1: not read from the book yet
  size_t opened_ = 0;
  // Assign's scratch: cosine by candidate story, the same in order, and a term's list.
  std::unordered_map<int64_t, float> sums_;
  std::vector<std::pair<int64_t, float>> parts_;
  std::vector<Posting> list_;
};

// A story's centroid and dyads as stored (stories.centroid; docs/format.md "Stories"), and
// back (Corruption naming the story when the bytes are not such a state).
std::string EncodeState(const StoryState& s);
Status DecodeState(std::string_view bytes, StoryState* s);

}  // namespace bantin::stories

#endif  // BANTIN_STORIES_THREADER_H_
