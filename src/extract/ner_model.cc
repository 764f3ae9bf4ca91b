// The entity model's file and decoding. Format (docs/format.md "Entity model"):
//   model := magic:"BNTNER01" version:fixed32 feature_version:fixed32 labels:fixed32
//            rows:fixed32 transitions:int16{(labels+1)*labels} row{rows} check:fixed64
//   row   := key:fixed32 weight:int16{labels}              (keys ascending)
// check is XXH3-64 of every byte before it. Weights are the averaged perceptron's, scaled so the
// largest magnitude is 32767.
#include <algorithm>
#include <cmath>

#include "base/coding.h"
#include "base/hash.h"
#include "extract/ner.h"

namespace bantin::extract {

// The bytes of data/models/ner.bnm, linked in by builtin_ner.S.
extern "C" const char bantin_ner_model_begin[];
extern "C" const char bantin_ner_model_end[];

namespace {
constexpr std::string_view kMagic = "BNTNER01";
constexpr uint32_t kVersion = 1;
constexpr size_t kTransitions = (kLabels + 1) * kLabels;
}  // namespace

Result<NerModel> NerModel::Builtin() {
  std::string_view bytes(bantin_ner_model_begin, static_cast<size_t>(bantin_ner_model_end - bantin_ner_model_begin));
  if (bytes.empty()) return NerModel();
  return Parse(bytes, "built-in entity model");
}

std::string NerModel::Serialize(const std::vector<std::pair<uint32_t, std::array<float, kLabels>>>& rows,
                                const std::vector<float>& transitions, double prune) {
  float largest = 1e-9f;
  for (const auto& [key, w] : rows) {
    for (float x : w) largest = std::max(largest, std::fabs(x));
  }
  for (float x : transitions) largest = std::max(largest, std::fabs(x));
  const double scale = 32767.0 / largest;
  auto q = [&](float x) { return static_cast<int16_t>(std::lround(x * scale)); };
  std::vector<const std::pair<uint32_t, std::array<float, kLabels>>*> kept;
  for (const auto& row : rows) {
    float m = 0;
    for (float x : row.second) m = std::max(m, std::fabs(x));
    if (m >= prune * largest && m * scale >= 0.5) kept.push_back(&row);
  }
  std::sort(kept.begin(), kept.end(), [](auto* x, auto* y) { return x->first < y->first; });
  std::string out(kMagic);
  PutFixed32(&out, kVersion);
  PutFixed32(&out, kNerFeatureVersion);
  PutFixed32(&out, kLabels);
  PutFixed32(&out, static_cast<uint32_t>(kept.size()));
  for (float x : transitions) PutFixed16(&out, static_cast<uint16_t>(q(x)));
  for (const auto* row : kept) {
    PutFixed32(&out, row->first);
    for (float x : row->second) PutFixed16(&out, static_cast<uint16_t>(q(x)));
  }
  PutFixed64(&out, HashBytes(out));
  return out;
}

Result<NerModel> NerModel::Parse(std::string_view bytes, std::string_view name) {
  auto bad = [&](std::string_view what) { return Err(Status::Corruption(std::string(name), std::string(what))); };
  const size_t head = kMagic.size() + 16;
  if (bytes.size() < head + 8 || bytes.substr(0, kMagic.size()) != kMagic) return bad("not an entity model");
  const char* p = bytes.data() + kMagic.size();
  const uint32_t version = DecodeFixed32(p), features = DecodeFixed32(p + 4), labels = DecodeFixed32(p + 8);
  const uint32_t rows = DecodeFixed32(p + 12);
  if (version != kVersion) {
    return Err(Status::Unsupported(std::string(name), "entity model format " + std::to_string(version) +
                                                          ", this build reads " + std::to_string(kVersion)));
  }
  if (features != kNerFeatureVersion || labels != kLabels) {
    return Err(Status::Unsupported(std::string(name), "entity model trained with other features or labels; retrain it (make ner-model)"));
  }
  const size_t row_bytes = 4 + 2 * kLabels;
  if (bytes.size() != head + 2 * kTransitions + rows * row_bytes + 8) return bad("size does not match its row count");
  if (DecodeFixed64(bytes.data() + bytes.size() - 8) != HashBytes(bytes.substr(0, bytes.size() - 8))) {
    return bad("checksum mismatch");
  }
  NerModel m;
  p = bytes.data() + head;
  m.transitions_.resize(kTransitions);
  for (size_t i = 0; i < kTransitions; ++i, p += 2) m.transitions_[i] = static_cast<int16_t>(DecodeFixed16(p));
  m.keys_.resize(rows);
  m.rows_.assign(static_cast<size_t>(rows) * kStride, 0);
  std::vector<uint32_t> values(rows);
  for (uint32_t r = 0; r < rows; ++r) {
    m.keys_[r] = DecodeFixed32(p);
    p += 4;
    if (m.keys_[r] == 0 || (r > 0 && m.keys_[r] <= m.keys_[r - 1])) return bad("row keys not ascending");
    for (int l = 0; l < kLabels; ++l, p += 2) m.rows_[r * kStride + l] = static_cast<int16_t>(DecodeFixed16(p));
    values[r] = r + 1;
  }
  m.index_.Build(m.keys_, values);
  return m;
}

void NerModel::Decode(const NerFeatures& f, uint32_t first, uint32_t end, uint8_t* labels) const {
  const size_t n = end - first;
  std::vector<int32_t> sums(n * kStride, 0);
  const uint32_t* keys = f.keys.data();
  const uint32_t from = f.offsets[first], to = f.offsets[end];
  // Rows found first (the table's slots prefetched a few keys ahead), then summed.
  std::vector<uint32_t> rows(to - from);
  constexpr uint32_t kAhead = 8;
  for (uint32_t k = from; k < std::min(to, from + kAhead); ++k) index_.Prefetch(keys[k]);
  for (uint32_t k = from; k < to; ++k) {
    if (k + kAhead < to) index_.Prefetch(keys[k + kAhead]);
    rows[k - from] = index_.Find(keys[k]);
  }
  for (size_t i = 0; i < n; ++i) {
    int32_t* e = &sums[i * kStride];
    for (uint32_t k = f.offsets[first + i]; k < f.offsets[first + i + 1]; ++k) {
      if (uint32_t row = rows[k - from]) {
        const int16_t* w = &rows_[static_cast<size_t>(row - 1) * kStride];
        for (size_t l = 0; l < kStride; ++l) e[l] += w[l];  // vectorized: 16 lanes
      }
    }
  }
  std::vector<int32_t> emit(n * kLabels);
  for (size_t i = 0; i < n; ++i) std::copy_n(&sums[i * kStride], kLabels, &emit[i * kLabels]);
  Viterbi(emit.data(), n, transitions_.data(), labels);
}

}  // namespace bantin::extract
