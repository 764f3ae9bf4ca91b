// Online story threading: each article joins the story whose centroid it is most similar to,
// or opens a new one (docs/stories.md, "Threading"). Candidate stories come from an inverted
// index over the stories' heaviest terms, each term's list capped to its most recent stories,
// so one article costs the same however large the archive: O(n) over a stream, plus the
// O(log n) of the maps.
#ifndef BANTIN_STORIES_THREADER_H_
#define BANTIN_STORIES_THREADER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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
// this many. Lists hold every story with the term, in id order, so the state read back from
// the store gives the same candidates as the state kept in memory (a resumed run threads as a
// clean one; the lists were trimmed by history before, which the store did not keep).
inline constexpr size_t kPostingCap = 64;
inline constexpr size_t kStoryDyads = 64;

class Threader {
 public:
  explicit Threader(const ThreaderOptions& options) : options_(options) {}

  // A story from an earlier run (its state as stored).
  void Load(StoryState story);
  // The story for an article with vector `v` (existing or new); the story is updated.
  int64_t Assign(const Vector& v, const ArticleTime& time, std::string_view title);
  // A near-duplicate report of an article already in `story`.
  void AddReport(int64_t story, const ArticleTime& time);

  const StoryState& story(int64_t id) const { return stories_[index_.at(id)]; }
  // Stories changed since the last call, by id.
  std::vector<int64_t> TakeChanged();
  size_t size() const { return stories_.size(); }

 private:
  float TimeFactor(const StoryState& s, const ArticleTime& time) const;
  // Lists story `index` under its centroid's terms with their current weights, and takes it off
  // the lists of the terms `before` had and the centroid no longer has.
  void Post(uint32_t index, const Vector& before);
  static void Widen(StoryState* s, const ArticleTime& time);

  ThreaderOptions options_;
  std::vector<StoryState> stories_;
  std::vector<float> norms_;  // |centroid| per story
  std::unordered_map<int64_t, uint32_t> index_;  // id -> position in stories_
  struct Posting {
    uint32_t story;  // position in stories_
    float weight;    // the term's weight in that story's centroid
  };
  std::unordered_map<uint64_t, std::vector<Posting>> postings_;
  std::vector<uint8_t> changed_;
  std::vector<float> acc_;         // Assign's scratch: dot product per story (all zero between calls)
  std::vector<uint32_t> touched_;  // … and the stories it touched
  int64_t next_id_ = 1;
};

// A story's centroid and dyads as stored (stories.centroid; docs/format.md "Stories"), and
// back (Corruption naming the story when the bytes are not such a state).
std::string EncodeState(const StoryState& s);
Status DecodeState(std::string_view bytes, StoryState* s);

}  // namespace bantin::stories

#endif  // BANTIN_STORIES_THREADER_H_
