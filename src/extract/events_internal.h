// What events.cc shares with events_train.cc and the tests.
#ifndef BANTIN_EXTRACT_EVENTS_INTERNAL_H_
#define BANTIN_EXTRACT_EVENTS_INTERNAL_H_

#include <string>
#include <vector>

#include "bantin/article.h"
#include "bantin/records.h"

namespace bantin::extract {

// Merges the records of one action reported in several sentences of `article` into the
// first, the others becoming its mentions: same root, source and target (or one without a
// target), and a title or lead repeating the body or the same verb again; a speaker's
// statements (root 01) by source alone; never two different days the text names for them
// (`own_date[i]`: event i's date comes from the text, not the article's). The merged record
// keeps the most precise date the text names and any place or target a mention names.
std::vector<Event> MergeEvents(std::vector<Event> events, const std::vector<bool>& own_date, const Article& article);

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_EVENTS_INTERNAL_H_
