#include "stories/threader.h"

#include <algorithm>
#include <cmath>

namespace bantin::stories {
namespace {

int64_t Days(const Date& d) {  // days since 1970-01-01 (civil calendar)
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return int64_t{era} * 146097 + doe - 719468;
}

float Norm(const Vector& v) {
  float s = 0;
  for (const Term& t : v) s += t.weight * t.weight;
  return std::sqrt(s);
}

// a + b, keeping the `keep` heaviest terms, sorted by key.
Vector Add(const Vector& a, const Vector& b, size_t keep) {
  Vector out;
  out.reserve(a.size() + b.size());
  for (size_t i = 0, j = 0; i < a.size() || j < b.size();) {
    if (j == b.size() || (i < a.size() && a[i].key < b[j].key)) out.push_back(a[i++]);
    else if (i == a.size() || b[j].key < a[i].key) out.push_back(b[j++]);
    else out.push_back({a[i].key, a[i++].weight + b[j++].weight});
  }
  if (out.size() > keep) {
    std::nth_element(out.begin(), out.begin() + static_cast<ptrdiff_t>(keep), out.end(),
                     [](const Term& x, const Term& y) { return x.weight > y.weight || (x.weight == y.weight && x.key < y.key); });
    out.resize(keep);
    std::sort(out.begin(), out.end(), [](const Term& x, const Term& y) { return x.key < y.key; });
  }
  return out;
}

float WeightOf(const Vector& v, uint64_t key) {
  auto it = std::lower_bound(v.begin(), v.end(), key, [](const Term& t, uint64_t k) { return t.key < k; });
  return it != v.end() && it->key == key ? it->weight : 0.0f;
}

}  // namespace

void Threader::Widen(StoryState* s, const ArticleTime& time) {
  for (uint64_t dyad : time.dyads) {
    auto it = std::lower_bound(s->dyads.begin(), s->dyads.end(), dyad);
    if (s->dyads.size() < kStoryDyads && (it == s->dyads.end() || *it != dyad)) s->dyads.insert(it, dyad);
  }
  if (time.published) {
    const Date& d = *time.published;
    if (!s->first || d < *s->first) s->first = d;
    if (!s->last || *s->last < d) s->last = d;
  } else if (s->anchor == 0 && !time.month_days.empty()) {
    s->anchor = time.month_days.front();
  }
}

float Threader::TimeFactor(const StoryState& s, const ArticleTime& time) const {
  for (uint64_t dyad : time.dyads) {
    if (std::binary_search(s.dyads.begin(), s.dyads.end(), dyad)) return 1.0f;
  }
  int64_t gap = -1;  // days; -1: unknown
  auto keep = [&](int64_t g) { gap = gap < 0 ? g : std::min(gap, g); };
  auto circle = [](int a, int b) {  // month*100+day values, days apart on the calendar circle
    const int64_t x = Days({2001, a / 100, a % 100}), y = Days({2001, b / 100, b % 100});
    const int64_t d = x > y ? x - y : y - x;
    return std::min<int64_t>(d, 365 - d);
  };
  auto month_day = [](const Date& d) { return d.month * 100 + d.day; };
  std::vector<Date> known = time.days;
  if (time.published) known.push_back(*time.published);
  if (s.first) {
    for (const Date& d : known) {
      keep(d < *s.first ? Days(*s.first) - Days(d) : *s.last < d ? Days(d) - Days(*s.last) : 0);
    }
    if (known.empty()) {
      const bool year_or_more = Days(*s.last) - Days(*s.first) >= 365;
      for (int md : time.month_days) keep(year_or_more ? 0 : std::min(circle(md, month_day(*s.first)), circle(md, month_day(*s.last))));
    }
  } else if (s.anchor != 0) {
    for (const Date& d : known) keep(circle(month_day(d), s.anchor));
    for (int md : time.month_days) keep(circle(md, s.anchor));
  }
  if (gap < 0) return 1.0f;
  return std::max(options_.time_floor, 1.0f / (1.0f + static_cast<float>(gap) / options_.time_scale_days));
}

void Threader::Post(uint32_t index) {
  std::vector<uint64_t>& posted = posted_[index];
  for (const Term& t : stories_[index].centroid) {
    auto it = std::lower_bound(posted.begin(), posted.end(), t.key);
    if (it != posted.end() && *it == t.key) continue;
    posted.insert(it, t.key);
    std::vector<uint32_t>& list = postings_[t.key];
    list.push_back(index);
    if (list.size() > kPostingCap) list.erase(list.begin(), list.begin() + kPostingCap / 2);
  }
}

void Threader::Load(StoryState story) {
  const uint32_t index = static_cast<uint32_t>(stories_.size());
  next_id_ = std::max(next_id_, story.id + 1);
  index_[story.id] = index;
  norms_.push_back(Norm(story.centroid));
  stories_.push_back(std::move(story));
  posted_.emplace_back();
  changed_.push_back(0);
  Post(index);
}

int64_t Threader::Assign(const Vector& v, const ArticleTime& date, std::string_view title) {
  // Dot products with the candidate stories' centroids, summed through the postings (a story
  // is listed once under each of its terms).
  std::unordered_map<uint32_t, float> dot;
  for (const Term& t : v) {
    auto it = postings_.find(t.key);
    if (it == postings_.end()) continue;
    for (uint32_t s : it->second) {
      const float w = WeightOf(stories_[s].centroid, t.key);
      if (w > 0) dot[s] += t.weight * w;
    }
  }
  uint32_t best = UINT32_MAX;
  float best_score = options_.threshold;
  for (const auto& [s, d] : dot) {
    const StoryState& story = stories_[s];
    if (norms_[s] <= 0) continue;
    const float score = d / norms_[s] * TimeFactor(story, date);
    if (score > best_score || (score == best_score && best != UINT32_MAX && story.id < stories_[best].id)) {
      best = s;
      best_score = score;
    }
  }
  if (best == UINT32_MAX) {
    StoryState s;
    s.id = next_id_;
    s.centroid = v;
    s.articles = s.reports = 1;
    s.title.assign(title);
    s.title_score = 1.0f;
    Widen(&s, date);
    Load(std::move(s));
    changed_.back() = 1;
    return stories_.back().id;
  }
  StoryState& s = stories_[best];
  s.centroid = Add(s.centroid, v, kCentroidTerms);
  norms_[best] = Norm(s.centroid);
  ++s.articles;
  ++s.reports;
  Widen(&s, date);
  // The title: of the article most like the story as it now stands.
  const float like = norms_[best] > 0 ? Dot(v, s.centroid) / norms_[best] : 0;
  if (!title.empty() && like > s.title_score) {
    s.title.assign(title);
    s.title_score = like;
  }
  Post(best);
  changed_[best] = 1;
  return s.id;
}

void Threader::AddReport(int64_t story, const ArticleTime& date) {
  const uint32_t i = index_.at(story);
  ++stories_[i].reports;
  Widen(&stories_[i], date);
  changed_[i] = 1;
}

std::vector<int64_t> Threader::TakeChanged() {
  std::vector<int64_t> out;
  for (size_t i = 0; i < stories_.size(); ++i) {
    if (changed_[i]) out.push_back(stories_[i].id);
    changed_[i] = 0;
  }
  return out;
}

}  // namespace bantin::stories
