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

std::vector<std::pair<uint64_t, float>> Listing(const Vector& centroid) {
  const float norm = Norm(centroid);
  std::vector<std::pair<uint64_t, float>> out;
  out.reserve(centroid.size());
  for (const Term& t : centroid) out.emplace_back(t.key, norm > 0 ? t.weight / norm : 0.0f);
  return out;
}

Result<int64_t> Threader::Assign(const Vector& v, const ArticleTime& date, std::string_view title) {
  if (last_id_ < 0) {
    auto last = book_->LastId();
    if (!last) return Err(last.error());
    last_id_ = *last;
  }
  // Cosines with the candidate stories, summed through the lists (a story is listed once
  // under each of its terms), in the article's term order per story.
  sums_.clear();
  for (const Term& t : v) {
    BANTIN_RETURN_IF_ERROR(book_->Candidates(t.key, kPostingCap, &list_));
    for (const auto& [story, weight] : list_) sums_[story] += t.weight * weight;
  }
  // The time factor (at most 1) only for the stories whose cosine alone reaches the best score
  // so far: most similar first, so that few are read.
  parts_.clear();
  for (const auto& [story, cosine] : sums_) {
    if (cosine >= options_.threshold) parts_.emplace_back(story, cosine);
  }
  std::sort(parts_.begin(), parts_.end(), [](const auto& a, const auto& b) {
    return a.second > b.second || (a.second == b.second && a.first < b.first);
  });
  StoryState best;
  float best_score = options_.threshold;
  StoryState s;
  for (const auto& [story, similarity] : parts_) {
    if (similarity < best_score) break;
    BANTIN_RETURN_IF_ERROR(book_->Read(story, &s));
    const float score = similarity * TimeFactor(s, date);
    if (score > best_score || (score == best_score && best.id != 0 && story < best.id)) {
      best = s;
      best_score = score;
    }
  }
  if (best.id == 0) {
    StoryState fresh;
    fresh.id = ++last_id_;
    ++opened_;
    fresh.centroid = v;
    fresh.articles = fresh.reports = 1;
    fresh.title.assign(title);
    fresh.title_score = 1.0f;
    Widen(&fresh, date);
    BANTIN_RETURN_IF_ERROR(book_->Write(fresh));
    BANTIN_RETURN_IF_ERROR(book_->List(fresh.id, Listing(fresh.centroid), {}));
    return fresh.id;
  }
  const Vector before = std::move(best.centroid);
  best.centroid = Add(before, v, kCentroidTerms);
  const float norm = Norm(best.centroid);
  ++best.articles;
  ++best.reports;
  Widen(&best, date);
  // The title: of the article most like the story as it now stands.
  const float like = norm > 0 ? Dot(v, best.centroid) / norm : 0;
  if (!title.empty() && like > best.title_score) {
    best.title.assign(title);
    best.title_score = like;
  }
  std::vector<uint64_t> gone;
  for (const Term& t : before) {
    if (WeightOf(best.centroid, t.key) == 0) gone.push_back(t.key);
  }
  BANTIN_RETURN_IF_ERROR(book_->Write(best));
  BANTIN_RETURN_IF_ERROR(book_->List(best.id, Listing(best.centroid), gone));
  return best.id;
}

Status Threader::AddReport(int64_t story, const ArticleTime& date) {
  StoryState s;
  BANTIN_RETURN_IF_ERROR(book_->Read(story, &s));
  ++s.reports;
  Widen(&s, date);
  return book_->Write(s);
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
