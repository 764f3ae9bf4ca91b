// The event model's file, scoring and training. Format (docs/format.md "Event model"):
//   model   := magic:"BNTEVT01" version:fixed32 feature_version:fixed32 classes:fixed32
//              trigger_rows:fixed32 actor_rows:fixed32 trow{trigger_rows} arow{actor_rows}
//              check:fixed64
//   trow    := key:fixed32 weight:int16{classes}        (keys ascending)
//   arow    := key:fixed32 weight:int16                  (keys ascending)
// check is XXH3-64 of every byte before it. Weights are the averaged perceptron's, each table
// scaled so its largest magnitude is 32767.
#include "extract/event_model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "base/coding.h"
#include "base/hash.h"

extern "C" const char bantin_events_model_begin[];
extern "C" const char bantin_events_model_end[];

namespace bantin::extract {
namespace {

constexpr std::string_view kMagic = "BNTEVT01";
constexpr uint32_t kVersion = 1;

// Averaged perceptron weights: w, the running sum of updates times their step (the lazy
// average of Daumé's thesis, 2006, sec. 2.1.2), and the average w - u / steps.
struct Averaged {
  float w = 0, u = 0;
  void Add(float delta, long step) {
    w += delta;
    u += delta * static_cast<float>(step);
  }
  float Mean(long steps) const { return w - u / static_cast<float>(steps); }
};

}  // namespace

Result<EventModel> EventModel::Builtin() {
  std::string_view bytes(bantin_events_model_begin,
                         static_cast<size_t>(bantin_events_model_end - bantin_events_model_begin));
  if (bytes.empty()) return EventModel();
  return Parse(bytes, "built-in event model");
}

Result<EventModel> EventModel::Parse(std::string_view bytes, std::string_view name) {
  auto bad = [&](std::string_view what) { return Err(Status::Corruption(std::string(name), std::string(what))); };
  const size_t head = kMagic.size() + 20;
  if (bytes.size() < head + 8 || bytes.substr(0, kMagic.size()) != kMagic) return bad("not an event model");
  const char* p = bytes.data() + kMagic.size();
  const uint32_t version = DecodeFixed32(p), features = DecodeFixed32(p + 4), classes = DecodeFixed32(p + 8);
  const uint32_t trows = DecodeFixed32(p + 12), arows = DecodeFixed32(p + 16);
  if (version != kVersion) {
    return Err(Status::Unsupported(std::string(name), "event model format " + std::to_string(version) +
                                                          ", this build reads " + std::to_string(kVersion)));
  }
  if (features != kEventFeatureVersion || classes != kEventClasses) {
    return Err(Status::Unsupported(std::string(name), "event model trained with other features; retrain it (make events-model)"));
  }
  if (bytes.size() != head + uint64_t{trows} * (4 + 2 * kEventClasses) + uint64_t{arows} * 6 + 8) {
    return bad("size does not match its row counts");
  }
  if (DecodeFixed64(bytes.data() + bytes.size() - 8) != HashBytes(bytes.substr(0, bytes.size() - 8))) {
    return bad("checksum mismatch");
  }
  EventModel m;
  p = bytes.data() + head;
  uint32_t last = 0;
  for (uint32_t r = 0; r < trows; ++r) {
    const uint32_t key = DecodeFixed32(p);
    p += 4;
    if (r > 0 && key <= last) return bad("trigger rows not ascending");
    last = key;
    auto& w = m.trigger_[key];
    for (int c = 0; c < kEventClasses; ++c, p += 2) w[c] = static_cast<int16_t>(DecodeFixed16(p));
  }
  last = 0;
  for (uint32_t r = 0; r < arows; ++r, p += 6) {
    const uint32_t key = DecodeFixed32(p);
    if (r > 0 && key <= last) return bad("actor rows not ascending");
    last = key;
    m.actor_[key] = static_cast<int16_t>(DecodeFixed16(p + 4));
  }
  return m;
}

std::array<int32_t, kEventClasses> EventModel::Trigger(const std::vector<uint32_t>& keys) const {
  std::array<int32_t, kEventClasses> s{};
  for (uint32_t k : keys) {
    auto it = trigger_.find(k);
    if (it == trigger_.end()) continue;
    for (int c = 0; c < kEventClasses; ++c) s[c] += it->second[c];
  }
  return s;
}

int32_t EventModel::Actor(const std::vector<uint32_t>& keys) const {
  int32_t s = 0;
  for (uint32_t k : keys) {
    auto it = actor_.find(k);
    if (it != actor_.end()) s += it->second;
  }
  return s;
}

std::string EventTrainer::Train(int epochs, uint32_t seed, std::string* log) const {
  std::map<uint32_t, std::array<Averaged, kEventClasses>> tw;
  std::map<uint32_t, Averaged> aw;
  std::mt19937 rng(seed);
  std::vector<size_t> order_t(triggers_.size()), order_a(actors_.size());
  std::iota(order_t.begin(), order_t.end(), 0);
  std::iota(order_a.begin(), order_a.end(), 0);
  long step_t = 1, step_a = 1;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    std::shuffle(order_t.begin(), order_t.end(), rng);
    std::shuffle(order_a.begin(), order_a.end(), rng);
    size_t wrong_t = 0, wrong_a = 0;
    for (size_t i : order_t) {
      const TriggerExample& x = triggers_[i];
      std::array<float, kEventClasses> s{};
      for (uint32_t k : x.keys) {
        auto it = tw.find(k);
        if (it == tw.end()) continue;
        for (int c = 0; c < kEventClasses; ++c) s[c] += it->second[c].w;
      }
      const int guess = static_cast<int>(std::max_element(s.begin(), s.end()) - s.begin());
      if (guess != x.label) {
        ++wrong_t;
        for (uint32_t k : x.keys) {
          auto& w = tw[k];
          w[x.label].Add(1, step_t);
          w[guess].Add(-1, step_t);
        }
      }
      ++step_t;
    }
    for (size_t i : order_a) {
      const ActorGroup& g = actors_[i];
      size_t guess = 0;
      float best = 0;
      for (size_t c = 0; c < g.candidates.size(); ++c) {
        float s = 0;
        for (uint32_t k : g.candidates[c]) {
          auto it = aw.find(k);
          if (it != aw.end()) s += it->second.w;
        }
        if (c == 0 || s > best) best = s, guess = c;
      }
      if (guess != g.gold) {
        ++wrong_a;
        for (uint32_t k : g.candidates[g.gold]) aw[k].Add(1, step_a);
        for (uint32_t k : g.candidates[guess]) aw[k].Add(-1, step_a);
      }
      ++step_a;
    }
    if (log) {
      *log += "epoch " + std::to_string(epoch + 1) + ": triggers wrong " + std::to_string(wrong_t) + " of " +
              std::to_string(triggers_.size()) + ", actors wrong " + std::to_string(wrong_a) + " of " +
              std::to_string(actors_.size()) + "\n";
    }
  }
  // Averages, scaled per table to int16.
  std::vector<std::pair<uint32_t, std::array<float, kEventClasses>>> trows;
  float tmax = 1e-9f, amax = 1e-9f;
  for (const auto& [k, w] : tw) {
    std::array<float, kEventClasses> m{};
    for (int c = 0; c < kEventClasses; ++c) m[c] = w[c].Mean(step_t), tmax = std::max(tmax, std::fabs(m[c]));
    trows.emplace_back(k, m);
  }
  std::vector<std::pair<uint32_t, float>> arows;
  for (const auto& [k, w] : aw) {
    arows.emplace_back(k, w.Mean(step_a));
    amax = std::max(amax, std::fabs(arows.back().second));
  }
  auto q = [](float x, float max) { return static_cast<int16_t>(std::lround(x * 32767.0 / max)); };
  std::erase_if(trows, [&](const auto& r) {
    return std::all_of(r.second.begin(), r.second.end(), [&](float x) { return q(x, tmax) == 0; });
  });
  std::erase_if(arows, [&](const auto& r) { return q(r.second, amax) == 0; });
  std::string out(kMagic);
  PutFixed32(&out, kVersion);
  PutFixed32(&out, kEventFeatureVersion);
  PutFixed32(&out, kEventClasses);
  PutFixed32(&out, static_cast<uint32_t>(trows.size()));
  PutFixed32(&out, static_cast<uint32_t>(arows.size()));
  for (const auto& [k, m] : trows) {
    PutFixed32(&out, k);
    for (float x : m) PutFixed16(&out, static_cast<uint16_t>(q(x, tmax)));
  }
  for (const auto& [k, x] : arows) {
    PutFixed32(&out, k);
    PutFixed16(&out, static_cast<uint16_t>(q(x, amax)));
  }
  PutFixed64(&out, HashBytes(out));
  return out;
}

}  // namespace bantin::extract
