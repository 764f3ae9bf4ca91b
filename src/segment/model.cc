#include "segment/model.h"

#include <algorithm>
#include <cmath>

#include "base/coding.h"
#include "base/hash.h"

namespace bantin::segment {
namespace {

constexpr std::string_view kMagic("BNTNSEG\0", 8);

// Sorted keys as varint deltas from the previous key.
void PutSortedKeys(std::string* out, const std::vector<uint32_t>& keys) {
  PutFixed32(out, static_cast<uint32_t>(keys.size()));
  uint32_t prev = 0;
  for (uint32_t k : keys) {
    PutVarint32(out, k - prev);
    prev = k;
  }
}

bool GetSortedKeys(Decoder* d, std::vector<uint32_t>* keys) {
  uint32_t n = d->Fixed32();
  if (!d->ok() || n > d->remaining()) return false;  // each key takes at least one byte
  keys->resize(n);
  uint64_t prev = 0;
  for (uint32_t i = 0; i < n; ++i) {
    uint64_t k = prev + d->Varint32();
    if (!d->ok() || k > 0xFFFFFFFFULL || (i > 0 && k == prev) || k == 0) return false;
    (*keys)[i] = static_cast<uint32_t>(k);
    prev = k;
  }
  return true;
}

}  // namespace

SegmenterModel SegmenterModel::Build(const std::vector<std::pair<uint32_t, float>>& weights,
                                     std::vector<std::pair<uint32_t, uint8_t>> lexicon_entries,
                                     size_t lexicon_sources, double prune) {
  float max_abs = 0;
  for (const auto& [key, w] : weights) max_abs = std::max(max_abs, std::fabs(w));
  float scale = max_abs > 0 ? 32767.0f / max_abs : 1.0f;
  std::vector<std::pair<uint32_t, int16_t>> q;
  const float threshold = static_cast<float>(prune) * max_abs;
  for (const auto& [key, w] : weights) {
    auto v = static_cast<int16_t>(std::lround(w * scale));
    if (v != 0 && std::fabs(w) >= threshold) q.emplace_back(key, v);
  }
  std::sort(q.begin(), q.end());
  SegmenterModel m;
  for (const auto& [key, v] : q) {
    m.keys_.push_back(key);
    m.values_.push_back(v);
  }
  m.lexicon_.Build(std::move(lexicon_entries), lexicon_sources);
  m.Index();
  return m;
}

void SegmenterModel::Index() { weights_.Build(keys_, values_); }

std::string SegmenterModel::Serialize() const {
  std::string out(kMagic);
  PutFixed32(&out, kModelFormatVersion);
  PutFixed32(&out, kFeatureVersion);
  PutFixed32(&out, static_cast<uint32_t>(lexicon_.sources()));
  PutSortedKeys(&out, keys_);
  for (int16_t v : values_) PutFixed16(&out, static_cast<uint16_t>(v));
  std::vector<uint32_t> lexicon_keys;
  for (const auto& [key, flags] : lexicon_.entries()) lexicon_keys.push_back(key);
  PutSortedKeys(&out, lexicon_keys);
  for (const auto& [key, flags] : lexicon_.entries()) out.push_back(static_cast<char>(flags));
  PutFixed64(&out, HashBytes(out));
  return out;
}

Result<SegmenterModel> SegmenterModel::Parse(std::string_view bytes, std::string_view name) {
  if (bytes.size() < kMagic.size() + 16 || bytes.substr(0, kMagic.size()) != kMagic) {
    return Err(Status::Corruption(name, "not a bantin segmenter model (bad magic)"));
  }
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  if (DecodeFixed64(bytes.data() + body.size()) != HashBytes(body)) {
    return Err(Status::Corruption(name, "segmenter model checksum mismatch"));
  }
  Decoder d(body.substr(kMagic.size()));
  uint32_t version = d.Fixed32();
  uint32_t features = d.Fixed32();
  if (version != kModelFormatVersion) {
    return Err(Status::Unsupported(name, "segmenter model is format " + std::to_string(version) +
                                             ", this build reads " +
                                             std::to_string(kModelFormatVersion)));
  }
  if (features != kFeatureVersion) {
    return Err(Status::Unsupported(
        name, "segmenter model was trained with feature set " + std::to_string(features) +
                  ", this build computes " + std::to_string(kFeatureVersion) +
                  "; retrain it (bantin train-segmenter)"));
  }
  uint32_t sources = d.Fixed32();
  if (!d.ok() || sources > kMaxLexiconSources) {
    return Err(Status::Corruption(name, "segmenter model header is malformed"));
  }
  SegmenterModel m;
  std::vector<uint32_t> lexicon_keys;
  bool ok = GetSortedKeys(&d, &m.keys_);
  if (ok) {
    m.values_.resize(m.keys_.size());
    for (int16_t& v : m.values_) v = static_cast<int16_t>(d.Fixed16());
    ok = d.ok() && GetSortedKeys(&d, &lexicon_keys);
  }
  std::vector<std::pair<uint32_t, uint8_t>> lexicon_entries;
  if (ok) {
    std::string_view flags = d.Bytes(lexicon_keys.size());
    ok = d.ok() && d.remaining() == 0;
    for (size_t i = 0; ok && i < lexicon_keys.size(); ++i) {
      lexicon_entries.emplace_back(lexicon_keys[i], static_cast<uint8_t>(flags[i]));
    }
  }
  if (!ok) return Err(Status::Corruption(name, "segmenter model is truncated or malformed"));
  m.lexicon_.Build(std::move(lexicon_entries), sources);
  m.Index();
  return m;
}

}  // namespace bantin::segment
