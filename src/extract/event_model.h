// The event model: an averaged perceptron that classifies words as event triggers (none or a
// CAMEO root, 01-20) and ranks an event's candidate actors (its source, then its target, or
// none), over hashed features (extract/event_features.h). docs/models.md "Event model";
// format: docs/format.md "Event model".
// Thread safety: a parsed model is immutable; a trainer is not thread-safe.
#ifndef BANTIN_EXTRACT_EVENT_MODEL_H_
#define BANTIN_EXTRACT_EVENT_MODEL_H_

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bantin/status.h"

namespace bantin::extract {

inline constexpr int kEventClasses = 21;  // 0: no event; k: CAMEO root k

class EventModel {
 public:
  // The model linked into the binary (data/models/events.bem); an empty model before one is
  // trained (bootstrapping `make events-model`).
  static Result<EventModel> Builtin();
  // Corruption naming `name` for a damaged file; Unsupported for another format or features.
  static Result<EventModel> Parse(std::string_view bytes, std::string_view name);
  bool empty() const { return trigger_.empty(); }
  // The score of every class for a trigger candidate with features `keys`.
  std::array<int32_t, kEventClasses> Trigger(const std::vector<uint32_t>& keys) const;
  // The score of an actor candidate (or of "none") with features `keys`.
  int32_t Actor(const std::vector<uint32_t>& keys) const;

 private:
  friend class EventTrainer;
  std::unordered_map<uint32_t, std::array<int16_t, kEventClasses>> trigger_;
  std::unordered_map<uint32_t, int16_t> actor_;
};

// A group of candidates of which at most one is right: an actor and "none" for one event.
struct ActorGroup {
  std::vector<std::vector<uint32_t>> candidates;  // the last one is "none"
  size_t gold = 0;                                 // index of the right one
};

class EventTrainer {
 public:
  void AddTrigger(std::vector<uint32_t> keys, int label) { triggers_.push_back({std::move(keys), label}); }
  void AddActors(ActorGroup group) { actors_.push_back(std::move(group)); }
  // Trains `epochs` passes (examples shuffled with `seed`) and returns the model file's bytes.
  std::string Train(int epochs, uint32_t seed, std::string* log) const;

 private:
  struct TriggerExample {
    std::vector<uint32_t> keys;
    int label;
  };
  std::vector<TriggerExample> triggers_;
  std::vector<ActorGroup> actors_;
};

// The feature version the model's bytes carry: bumped whenever event_features.cc changes what
// a feature means, so that an old model is refused instead of silently misread.
inline constexpr uint32_t kEventFeatureVersion = 2;

}  // namespace bantin::extract

#endif  // BANTIN_EXTRACT_EVENT_MODEL_H_
