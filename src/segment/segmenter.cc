#include "segment/segmenter.h"

#include "segment/features.h"

namespace bantin::segment {

// The bytes of data/models/segmenter.bnm, linked in by builtin_model.S.
extern "C" const char bantin_segmenter_model_begin[];
extern "C" const char bantin_segmenter_model_end[];

Result<std::unique_ptr<Segmenter>> Segmenter::Builtin() {
  std::string_view bytes(bantin_segmenter_model_begin,
                         static_cast<size_t>(bantin_segmenter_model_end - bantin_segmenter_model_begin));
  if (bytes.empty()) {
    return Err(Status::NotFound("built-in segmenter model",
                                "this build has none (data/models/segmenter.bnm was missing); "
                                "train one with `bantin train-segmenter` or pass --model"));
  }
  return Load(bytes, "built-in segmenter model");
}

Result<std::unique_ptr<Segmenter>> Segmenter::Load(std::string_view bytes, std::string_view name) {
  auto model = SegmenterModel::Parse(bytes, name);
  if (!model) return Err(model.error());
  return std::make_unique<Segmenter>(std::move(*model));
}

void Segmenter::Segment(std::span<const TokenView> tokens, std::vector<uint8_t>* joins,
                        Scratch* scratch) const {
  joins->assign(tokens.size() > 0 ? tokens.size() - 1 : 0, 0);
  if (tokens.size() < 2) return;
  SentenceFeatures& s = scratch->sentence;
  PrepareSentence(model_.lexicon(), tokens, &s);
  const size_t gaps = tokens.size() - 1;
  // All keys first, with a prefetch each, so the weight lookups overlap instead of waiting on
  // one cache miss after another.
  scratch->keys.resize(gaps * kMaxGapFeatures);
  scratch->key_counts.resize(gaps);
  for (size_t g = 0; g < gaps; ++g) {
    uint32_t* keys = &scratch->keys[g * kMaxGapFeatures];
    size_t n = GapFeatures(s, g, keys);
    scratch->key_counts[g] = static_cast<uint8_t>(n);
    for (size_t i = 0; i < n; ++i) model_.Prefetch(keys[i]);
  }
  scratch->base.resize(gaps);
  for (size_t g = 0; g < gaps; ++g) {
    scratch->base[g] = model_.Score(&scratch->keys[g * kMaxGapFeatures], scratch->key_counts[g]);
  }
  uint32_t trans[kMaxTransitionFeatures];
  Decode(
      gaps,
      [&](size_t g, bool prev) {
        return static_cast<double>(scratch->base[g] +
                                   model_.Score(trans, TransitionFeatures(s, g, prev, trans)));
      },
      joins);
}

}  // namespace bantin::segment
