#include "stories/threader.h"

#include <algorithm>
#include <cmath>
#include <cstring>

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
  auto each_known = [&](auto&& fn) {
    for (const Date& d : time.days) fn(d);
    if (time.published) fn(*time.published);
  };
  const bool any_known = time.published.has_value() || !time.days.empty();
  if (s.first) {
    each_known([&](const Date& d) {
      keep(d < *s.first ? Days(*s.first) - Days(d) : *s.last < d ? Days(d) - Days(*s.last) : 0);
    });
    if (!any_known) {
      const bool year_or_more = Days(*s.last) - Days(*s.first) >= 365;
      for (int md : time.month_days) keep(year_or_more ? 0 : std::min(circle(md, month_day(*s.first)), circle(md, month_day(*s.last))));
    }
  } else if (s.anchor != 0) {
    each_known([&](const Date& d) { keep(circle(month_day(d), s.anchor)); });
    for (int md : time.month_days) keep(circle(md, s.anchor));
  }
  if (gap < 0) return 1.0f;
  return std::max(options_.time_floor, 1.0f / (1.0f + static_cast<float>(gap) / options_.time_scale_days));
}

void Threader::Post(uint32_t index, const Vector& before) {
  // Lists are in story order (index order is id order): a new story's entries go at the end.
  auto find = [&](std::vector<Posting>& list) {
    return std::lower_bound(list.begin(), list.end(), index, [](const Posting& p, uint32_t s) { return p.story < s; });
  };
  const Vector& now = stories_[index].centroid;
  for (const Term& t : before) {
    if (WeightOf(now, t.key) > 0) continue;
    auto it = postings_.find(t.key);
    if (it == postings_.end()) continue;
    auto at = find(it->second);
    if (at != it->second.end() && at->story == index) it->second.erase(at);
  }
  for (const Term& t : now) {
    std::vector<Posting>& list = postings_[t.key];
    auto at = find(list);
    if (at != list.end() && at->story == index) {
      at->weight = t.weight;
    } else {
      list.insert(at, {index, t.weight});
    }
  }
}

void Threader::Load(StoryState story) {
  const uint32_t index = static_cast<uint32_t>(stories_.size());
  next_id_ = std::max(next_id_, story.id + 1);
  index_[story.id] = index;
  norms_.push_back(Norm(story.centroid));
  stories_.push_back(std::move(story));
  changed_.push_back(0);
  Post(index, {});
}

int64_t Threader::Assign(const Vector& v, const ArticleTime& date, std::string_view title) {
  // Dot products with the candidate stories' centroids, summed through the postings (a story
  // is listed once under each of its terms) into a scratch array; the time factor (at most 1)
  // only for the candidates whose similarity alone reaches the threshold.
  acc_.resize(stories_.size(), 0.0f);
  touched_.clear();
  for (const Term& t : v) {
    auto it = postings_.find(t.key);
    if (it == postings_.end()) continue;
    const std::vector<Posting>& list = it->second;
    for (size_t i = list.size() > kPostingCap ? list.size() - kPostingCap : 0; i < list.size(); ++i) {
      const Posting& p = list[i];
      if (acc_[p.story] == 0.0f) touched_.push_back(p.story);
      acc_[p.story] += t.weight * p.weight;
    }
  }
  uint32_t best = UINT32_MAX;
  float best_score = options_.threshold;
  for (uint32_t s : touched_) {
    const float similarity = norms_[s] > 0 ? acc_[s] / norms_[s] : 0.0f;
    acc_[s] = 0.0f;
    if (similarity < best_score) continue;
    const StoryState& story = stories_[s];
    const float score = similarity * TimeFactor(story, date);
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
  const Vector before = s.centroid;
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
  Post(best, before);
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

// Story state bytes: term count (4 bytes LE), then per term its key (8 bytes LE) and weight
// (IEEE 754 float, 4 bytes LE); then dyad count (4 bytes LE) and the dyad keys (8 bytes LE).
std::string EncodeState(const stories::StoryState& s) {
  const Vector& v = s.centroid;
  std::string out(8 + 12 * v.size() + 8 * s.dyads.size(), '\0');
  auto put = [&](size_t at, uint64_t x, int bytes) {
    for (int i = 0; i < bytes; ++i) out[at + i] = static_cast<char>(x >> (8 * i));
  };
  put(0, v.size(), 4);
  for (size_t i = 0; i < v.size(); ++i) {
    uint32_t w;
    std::memcpy(&w, &v[i].weight, 4);
    put(4 + 12 * i, v[i].key, 8);
    put(12 + 12 * i, w, 4);
  }
  const size_t at = 4 + 12 * v.size();
  put(at, s.dyads.size(), 4);
  for (size_t i = 0; i < s.dyads.size(); ++i) put(at + 4 + 8 * i, s.dyads[i], 8);
  return out;
}

Status DecodeState(std::string_view b, stories::StoryState* s) {
  auto get = [&](size_t at, int bytes) {
    uint64_t x = 0;
    for (int i = 0; i < bytes; ++i) x |= uint64_t{static_cast<unsigned char>(b[at + i])} << (8 * i);
    return x;
  };
  auto bad = [&](std::string_view why) { return Status::Corruption("story " + std::to_string(s->id), why); };
  if (b.size() < 4) return bad("state too short");
  const size_t terms = get(0, 4), at = 4 + 12 * terms;
  if (b.size() < at + 4 || b.size() != at + 4 + 8 * get(at, 4)) return bad("state has the wrong length");
  s->centroid.resize(terms);
  for (size_t i = 0; i < terms; ++i) {
    s->centroid[i].key = get(4 + 12 * i, 8);
    const uint32_t w = static_cast<uint32_t>(get(12 + 12 * i, 4));
    std::memcpy(&s->centroid[i].weight, &w, 4);
    if (i > 0 && s->centroid[i].key <= s->centroid[i - 1].key) return bad("centroid terms out of order");
  }
  s->dyads.resize(get(at, 4));
  for (size_t i = 0; i < s->dyads.size(); ++i) {
    s->dyads[i] = get(at + 4 + 8 * i, 8);
    if (i > 0 && s->dyads[i] <= s->dyads[i - 1]) return bad("dyads out of order");
  }
  return Status::OK();
}

}  // namespace bantin::stories
