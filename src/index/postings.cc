#include "index/postings.h"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/coding.h"
#include "base/hash.h"

namespace bantin::index {
namespace {

uint32_t Check32(std::string_view bytes) { return static_cast<uint32_t>(HashBytes(bytes)); }

// The list's flags byte, and a block's encoding byte (docs/format.md, "Posting list").
constexpr char kWithPositions = 1, kEncoded = 2;
constexpr char kVarint = 0, kNarrow = 1;

// Reads a varint32 from the front of `in`; false if malformed or truncated.
inline bool GetVarint32(std::string_view* in, uint32_t* value) {
  if (!in->empty() && static_cast<unsigned char>(in->front()) < 0x80) {  // the common case
    *value = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    return true;
  }
  uint32_t v = 0;
  for (int shift = 0; shift <= 28 && !in->empty(); shift += 7) {
    auto b = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    if (shift == 28 && b > 0x0F) return false;
    v |= static_cast<uint32_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *value = v;
      return true;
    }
  }
  return false;
}


// A block of byte-sized deltas `d` and frequencies `f` (n of each) decoded: documents from
// `doc` on into `docs`, frequencies widened into `freqs`; and what a reader checks of them.
struct NarrowScan {
  uint8_t min_delta, min_freq, max_freq;
  uint32_t delta_sum, freq_sum;
};
NarrowScan DecodeNarrowScalar(const unsigned char* d, const unsigned char* f, uint32_t n, uint32_t doc,
                              uint32_t* docs, uint32_t* freqs) {
  uint8_t min_delta = 255, min_freq = 255, max_freq = 0;
  uint32_t delta_sum = 0, freq_sum = 0;
  for (uint32_t i = 0; i < n; ++i) {
    min_delta = std::min<uint8_t>(min_delta, d[i]);
    delta_sum += d[i];
    docs[i] = doc + delta_sum;  // wraps only if the caller's sum check fails
  }
  for (uint32_t i = 0; i < n; ++i) {
    min_freq = std::min<uint8_t>(min_freq, f[i]);
    max_freq = std::max<uint8_t>(max_freq, f[i]);
    freq_sum += f[i];
    freqs[i] = f[i];
  }
  return {min_delta, min_freq, max_freq, delta_sum, freq_sum};
}

#if defined(__SSE2__)
// The same for a whole block, sixteen at a time: the deltas' running sums within each eight
// (16-bit lanes: at most 8 * 255) widened to 32 bits and carried from one four to the next.
NarrowScan DecodeNarrowBlock(const unsigned char* d, const unsigned char* f, uint32_t doc, uint32_t* docs,
                             uint32_t* freqs) {
  static_assert(kBlockSize % 16 == 0);
  const __m128i zero = _mm_setzero_si128();
  __m128i carry = _mm_set1_epi32(static_cast<int>(doc));
  __m128i min_delta = _mm_set1_epi8(-1), min_freq = _mm_set1_epi8(-1), max_freq = zero, freq_sum = zero;
  auto store = [](uint32_t* at, __m128i v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(at), v); };
  auto running = [](__m128i v) {  // running sums of eight 16-bit lanes
    v = _mm_add_epi16(v, _mm_slli_si128(v, 2));
    v = _mm_add_epi16(v, _mm_slli_si128(v, 4));
    return _mm_add_epi16(v, _mm_slli_si128(v, 8));
  };
  for (size_t i = 0; i < kBlockSize; i += 16) {
    const __m128i deltas = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i));
    min_delta = _mm_min_epu8(min_delta, deltas);
    const __m128i low = running(_mm_unpacklo_epi8(deltas, zero));
    const __m128i high = running(_mm_unpackhi_epi8(deltas, zero));
    const __m128i d0 = _mm_add_epi32(carry, _mm_unpacklo_epi16(low, zero));
    const __m128i d1 = _mm_add_epi32(carry, _mm_unpackhi_epi16(low, zero));
    carry = _mm_shuffle_epi32(d1, 0xFF);
    const __m128i d2 = _mm_add_epi32(carry, _mm_unpacklo_epi16(high, zero));
    const __m128i d3 = _mm_add_epi32(carry, _mm_unpackhi_epi16(high, zero));
    carry = _mm_shuffle_epi32(d3, 0xFF);
    store(docs + i, d0);
    store(docs + i + 4, d1);
    store(docs + i + 8, d2);
    store(docs + i + 12, d3);
    const __m128i fs = _mm_loadu_si128(reinterpret_cast<const __m128i*>(f + i));
    min_freq = _mm_min_epu8(min_freq, fs);
    max_freq = _mm_max_epu8(max_freq, fs);
    freq_sum = _mm_add_epi64(freq_sum, _mm_sad_epu8(fs, zero));
    const __m128i f_low = _mm_unpacklo_epi8(fs, zero), f_high = _mm_unpackhi_epi8(fs, zero);
    store(freqs + i, _mm_unpacklo_epi16(f_low, zero));
    store(freqs + i + 4, _mm_unpackhi_epi16(f_low, zero));
    store(freqs + i + 8, _mm_unpacklo_epi16(f_high, zero));
    store(freqs + i + 12, _mm_unpackhi_epi16(f_high, zero));
  }
  auto fold = [](__m128i v, auto op) {  // op over the sixteen bytes, in the lowest
    v = op(v, _mm_srli_si128(v, 8));
    v = op(v, _mm_srli_si128(v, 4));
    v = op(v, _mm_srli_si128(v, 2));
    return static_cast<uint8_t>(_mm_cvtsi128_si32(op(v, _mm_srli_si128(v, 1))));
  };
  auto min = [](__m128i a, __m128i b) { return _mm_min_epu8(a, b); };
  auto max = [](__m128i a, __m128i b) { return _mm_max_epu8(a, b); };
  const auto sum = static_cast<uint32_t>(_mm_cvtsi128_si32(_mm_add_epi64(freq_sum, _mm_srli_si128(freq_sum, 8))));
  return {fold(min_delta, min), fold(min_freq, min), fold(max_freq, max), docs[kBlockSize - 1] - doc, sum};
}
#else
NarrowScan DecodeNarrowBlock(const unsigned char* d, const unsigned char* f, uint32_t doc, uint32_t* docs,
                             uint32_t* freqs) {
  return DecodeNarrowScalar(d, f, kBlockSize, doc, docs, freqs);
}
#endif
}  // namespace

void PostingListWriter::Add(uint32_t doc, uint32_t freq, std::span<const uint32_t> positions,
                            uint32_t length) {
  block_max_freq_ = std::max(block_max_freq_, freq);
  block_min_length_ = std::min(block_min_length_, length);
  deltas_[block_docs_] = doc - last_doc_;
  freqs_[block_docs_] = freq;
  uint32_t prev = 0;
  for (size_t i = 0; with_positions_ && i < positions.size(); ++i) {
    PutVarint32(&positions_, i == 0 ? positions[i] : positions[i] - prev);
    prev = positions[i];
  }
  last_doc_ = doc;
  ++doc_count_;
  if (++block_docs_ == kBlockSize) CloseBlock();
}

void PostingListWriter::CloseBlock() {
  if (block_docs_ == 0) return;
  size_t start = blocks_.size();
  if (with_positions_) PutVarint32(&blocks_, static_cast<uint32_t>(positions_.size()));
  // A block whose deltas and frequencies all fit a byte keeps them so: a reader takes them
  // without decoding varints (most blocks of long lists, which ranking reads most).
  const std::span<const uint32_t> deltas(deltas_.data(), block_docs_);
  const std::span<const uint32_t> freqs(freqs_.data(), block_docs_);
  auto fits = [](uint32_t v) { return v <= 255; };
  const bool narrow = std::all_of(deltas.begin(), deltas.end(), fits) &&
                      std::all_of(freqs.begin(), freqs.end(), fits);
  blocks_.push_back(narrow ? kNarrow : kVarint);
  for (const auto& values : {deltas, freqs}) {
    for (uint32_t v : values) {
      if (narrow) {
        blocks_.push_back(static_cast<char>(v));
      } else {
        PutVarint32(&blocks_, v);
      }
    }
  }
  PutFixed32(&blocks_, Check32(std::string_view(blocks_).substr(start)));
  if (with_positions_) {
    blocks_ += positions_;
    PutFixed32(&blocks_, Check32(positions_));
  }
  PutVarint32(&index_, last_doc_);
  PutVarint32(&index_, static_cast<uint32_t>(blocks_.size() - start));
  PutVarint32(&index_, block_max_freq_);
  PutVarint32(&index_, block_min_length_);
  block_max_freq_ = 0;
  block_min_length_ = UINT32_MAX;
  positions_.clear();
  block_docs_ = 0;
  ++block_count_;
}

std::string PostingListWriter::Finish() {
  CloseBlock();
  std::string out;
  out.push_back(static_cast<char>(kEncoded | (with_positions_ ? kWithPositions : 0)));
  PutVarint32(&out, static_cast<uint32_t>(doc_count_));
  PutVarint32(&out, block_count_);
  out += index_;
  PutFixed32(&out, Check32(out));
  out += blocks_;
  *this = PostingListWriter(with_positions_);
  return out;
}

PostingCursor::PostingCursor(std::string_view bytes) {
  if (bytes.empty()) return;  // no list at all: an empty cursor, not a damaged one
  std::string_view in = bytes.substr(1);
  if (bytes[0] < 0 || bytes[0] > (kWithPositions | kEncoded)) {
    Fail("header flags");
    return;
  }
  with_positions_ = (bytes[0] & kWithPositions) != 0;
  encoded_ = (bytes[0] & kEncoded) != 0;
  uint32_t docs = 0, blocks = 0;
  if (!GetVarint32(&in, &docs) || !GetVarint32(&in, &blocks) || blocks == 0 ||
      blocks > in.size()) {
    Fail("header");
    return;
  }
  index_.reserve(blocks);
  uint32_t offset = 0, prev_last = 0;
  min_length_ = UINT32_MAX;
  for (uint32_t b = 0; b < blocks; ++b) {
    uint32_t last = 0, length = 0, max_freq = 0, min_length = 0;
    if (!GetVarint32(&in, &last) || !GetVarint32(&in, &length) || last <= prev_last ||
        length < (with_positions_ ? 11u : 6u) || length > bytes.size() ||
        !GetVarint32(&in, &max_freq) || max_freq == 0 || !GetVarint32(&in, &min_length)) {
      Fail("block index");
      return;
    }
    index_.push_back({last, offset, length, max_freq, min_length});
    max_freq_ = std::max(max_freq_, max_freq);
    min_length_ = std::min(min_length_, min_length);
    offset += length;
    prev_last = last;
  }
  size_t header_size = bytes.size() - in.size();
  if (in.size() < 4 || DecodeFixed32(in.data()) != Check32(bytes.substr(0, header_size))) {
    Fail("header checksum");
    return;
  }
  blocks_ = in.substr(4);
  if (blocks_.size() != offset || docs <= (blocks - 1) * kBlockSize ||
      docs > static_cast<uint64_t>(blocks) * kBlockSize) {
    Fail("list length");
    return;
  }
  doc_count_ = docs;
}

bool PostingCursor::Fail(const std::string& what) {
  if (status_.ok()) status_ = Status::Corruption("posting list", what);
  index_.clear();
  open_ = false;
  positions_ready_ = false;
  one_ = UINT32_MAX;
  return false;
}

bool PostingCursor::OpenBlock(size_t block) {
  const BlockRef& ref = index_[block];
  const std::string where = "block ";
  std::string_view bytes = blocks_.substr(ref.offset, ref.length);
  std::string_view in = bytes;
  const uint32_t n = block + 1 < index_.size()
                         ? static_cast<uint32_t>(kBlockSize)
                         : static_cast<uint32_t>(doc_count_ - block * kBlockSize);
  uint32_t positions_length = 0;
  if (with_positions_ && !GetVarint32(&in, &positions_length)) {
    return Fail(where + std::to_string(block) + ": bad checksum");
  }
  // The documents and frequencies end where their check starts, before the positions.
  const uint64_t tail = with_positions_ ? uint64_t{positions_length} + 8 : 4;
  if (in.size() < tail + 2 * uint64_t{n}) return Fail(where + std::to_string(block) + ": bad checksum");
  const size_t check_at = bytes.size() - static_cast<size_t>(tail);
  if (DecodeFixed32(bytes.data() + check_at) != Check32(bytes.substr(0, check_at))) {
    return Fail(where + std::to_string(block) + ": bad checksum");
  }
  in = bytes.substr(bytes.size() - in.size(), check_at - (bytes.size() - in.size()));
  uint32_t doc = block == 0 ? 0 : index_[block - 1].last_doc;
  const char encoding = encoded_ && !in.empty() ? in[0] : kVarint;
  if (encoded_) {
    if (in.empty() || (encoding != kVarint && encoding != kNarrow)) {
      return Fail(where + std::to_string(block) + ": bad encoding");
    }
    in.remove_prefix(1);
  }
  if (encoding == kNarrow) {
    // A byte per delta, then a byte per frequency: taken as they are.
    if (in.size() != 2 * size_t{n}) return Fail(where + std::to_string(block) + ": bad length");
    const auto* d = reinterpret_cast<const unsigned char*>(in.data());
    const NarrowScan scan = n == kBlockSize ? DecodeNarrowBlock(d, d + n, doc, &docs_[0], &freqs_[0])
                                            : DecodeNarrowScalar(d, d + n, n, doc, &docs_[0], &freqs_[0]);
    if (scan.min_delta == 0 || scan.min_freq == 0 || scan.max_freq > ref.max_freq ||
        uint64_t{doc} + scan.delta_sum != ref.last_doc ||
        (with_positions_ && scan.freq_sum > positions_length)) {
      return Fail(where + std::to_string(block) + ": bad document or frequency");
    }
    freq_rest_ = std::string_view();
    freqs_decoded_ = n;
  } else {
    if (!DecodeDeltas(in, block, n, doc)) return false;
  }
  position_start_[0] = 0;
  block_positions_ = bytes.substr(check_at + 4);
  positions_checked_ = false;
  one_ = UINT32_MAX;
  block_ = block;
  block_docs_ = n;
  in_block_ = 0;
  doc_ = docs_[0];
  positions_ready_ = false;
  open_ = true;
  return true;
}

bool PostingCursor::DecodeDeltas(std::string_view in, size_t block, uint32_t n, uint32_t doc) {
  const BlockRef& ref = index_[block];
  const std::string where = "block ";
  // Deltas now (most are one byte); frequencies when first asked for.
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const auto* end = p + in.size();
  for (uint32_t i = 0; i < n; ++i) {
    // Eight one-byte deltas at once (most are: dense lists' gaps are small); none may be 0,
    // nor may they pass the block's last document.
    if (i + 8 <= n && end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      constexpr uint64_t kHigh = 0x8080808080808080ULL, kLow = 0x0101010101010101ULL;
      if ((word & kHigh) == 0 && ((word - kLow) & ~word & kHigh) == 0) {
        uint32_t sum = 0;
        for (int b = 0; b < 8; ++b) {
          sum += p[b];
          docs_[i + b] = doc + sum;
        }
        if (sum > ref.last_doc - doc) return Fail(where + std::to_string(block) + ": bad document");
        doc += sum;
        p += 8;
        i += 7;
        continue;
      }
    }
    uint32_t delta;
    if (p < end && *p < 0x80) {
      delta = *p++;
    } else {
      std::string_view rest(reinterpret_cast<const char*>(p), static_cast<size_t>(end - p));
      if (!GetVarint32(&rest, &delta)) return Fail(where + std::to_string(block) + ": bad document");
      p = reinterpret_cast<const unsigned char*>(rest.data());
    }
    if (delta == 0 || delta > ref.last_doc - doc) {
      return Fail(where + std::to_string(block) + ": bad document");
    }
    doc += delta;
    docs_[i] = doc;
  }
  if (doc != ref.last_doc) return Fail(where + std::to_string(block) + ": wrong last document");
  freq_rest_ = std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(end - p));
  freqs_decoded_ = 0;
  return true;
}

bool PostingCursor::DecodeFreqs(uint32_t upto) {
  // A few more than asked for: sequential readers then call here once per 16 documents.
  upto = std::min(block_docs_, std::max(upto, freqs_decoded_ + 16));
  const uint32_t max_freq = index_[block_].max_freq;
  const uint64_t positions_bytes = block_positions_.size();
  const auto* p = reinterpret_cast<const unsigned char*>(freq_rest_.data());
  const auto* end = p + freq_rest_.size();
  const uint64_t most = with_positions_ ? std::min<uint64_t>(max_freq, positions_bytes) : max_freq;
  for (uint32_t i = freqs_decoded_; i < upto; ++i) {
    // Eight one-byte frequencies at once (nearly all are).
    if (i + 8 <= upto && end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        bool bad = false;
        for (int b = 0; b < 8; ++b) {
          const uint32_t f = p[b];
          bad |= f - 1 >= most;  // 0 wraps around
          freqs_[i + b] = f;
        }
        if (bad) return Fail("block " + std::to_string(block_) + ": bad frequency");
        p += 8;
        i += 7;
        continue;
      }
    }
    uint32_t f;
    if (p < end && *p < 0x80) {
      f = *p++;
    } else {
      std::string_view rest(reinterpret_cast<const char*>(p), static_cast<size_t>(end - p));
      if (!GetVarint32(&rest, &f)) return Fail("block " + std::to_string(block_) + ": bad frequency");
      p = reinterpret_cast<const unsigned char*>(rest.data());
    }
    if (f == 0 || f > max_freq || (with_positions_ && f > positions_bytes)) {
      return Fail("block " + std::to_string(block_) + ": bad frequency");
    }
    freqs_[i] = f;
  }
  freqs_decoded_ = upto;
  freq_rest_ = std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(end - p));
  if (freqs_decoded_ == block_docs_ && !freq_rest_.empty()) {
    return Fail("block " + std::to_string(block_) + ": bad frequency");
  }
  return true;
}

bool PostingCursor::CheckPositions() {
  if (positions_checked_) return true;
  if (!DecodeFreqs(block_docs_)) return false;
  const size_t size = block_positions_.size() - 4;
  if (DecodeFixed32(block_positions_.data() + size) != Check32(block_positions_.substr(0, size))) {
    return Fail("block " + std::to_string(block_) + ": bad positions checksum");
  }
  positions_checked_ = true;
  return true;
}

namespace {

// The first `count` varints taken off the front of `*data` (each ends at a byte below 0x80);
// false when it holds fewer. Sixteen bytes at a time where SSE2 is, their ends counted from the
// bytes' top bits.
bool SkipVarints(std::string_view* data, uint64_t count) {
  size_t at = 0;
#if defined(__SSE2__)
  while (count > 0 && data->size() - at >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data->data() + at));
    uint32_t ends = ~static_cast<uint32_t>(_mm_movemask_epi8(v)) & 0xFFFFu;
    const auto here = static_cast<uint64_t>(std::popcount(ends));
    if (here < count) {
      count -= here;
      at += 16;
      continue;
    }
    for (; count > 1; --count) ends &= ends - 1;  // the lower ends dropped: the count-th is lowest
    data->remove_prefix(at + static_cast<size_t>(std::countr_zero(ends)) + 1);
    return true;
  }
#endif
  for (; count > 0 && at < data->size(); ++at) count -= static_cast<unsigned char>((*data)[at]) < 0x80 ? 1 : 0;
  data->remove_prefix(at);
  return count == 0;
}

// One document's `freq` positions (first, then deltas of at least 1) from the front of `data`
// into `out`; false if malformed.
bool DecodeDocPositions(std::string_view* data, uint32_t freq, uint32_t* out) {
  uint32_t pos = 0;
  for (uint32_t k = 0; k < freq; ++k) {
    uint32_t d = 0;
    if (!GetVarint32(data, &d) || (k > 0 && d == 0) || d > UINT32_MAX - pos) return false;
    pos += d;
    out[k] = pos;
  }
  return true;
}

}  // namespace

bool PostingCursor::DecodePositions() {
  if (!CheckPositions()) return false;
  std::string_view data = block_positions_.substr(0, block_positions_.size() - 4);
  for (uint32_t i = 0; i < block_docs_; ++i) position_start_[i + 1] = position_start_[i] + freqs_[i];
  positions_.resize(position_start_[block_docs_]);
  for (uint32_t i = 0; i < block_docs_; ++i) {
    if (!DecodeDocPositions(&data, freqs_[i], positions_.data() + position_start_[i])) {
      return Fail("block " + std::to_string(block_) + ": bad positions");
    }
  }
  if (!data.empty()) return Fail("block " + std::to_string(block_) + ": bad positions");
  positions_ready_ = true;
  return true;
}

bool PostingCursor::DecodeOnePositions() {
  if (!CheckPositions()) return false;
  std::string_view data = block_positions_.substr(0, block_positions_.size() - 4);
  // The documents before it: their positions skipped, a varint ends at each byte below 0x80.
  uint64_t skip = 0;
  for (uint32_t i = 0; i < in_block_; ++i) skip += freqs_[i];
  one_positions_.resize(freqs_[in_block_]);
  if (!SkipVarints(&data, skip) || !DecodeDocPositions(&data, freqs_[in_block_], one_positions_.data())) {
    return Fail("block " + std::to_string(block_) + ": bad positions");
  }
  one_ = in_block_;
  return true;
}

std::span<const uint32_t> PostingCursor::positions() {
  if (!open_ || !with_positions_) return {};
  if (!positions_ready_) {
    if (one_ == in_block_) return one_positions_;
    if (one_ == UINT32_MAX ? !DecodeOnePositions() : !DecodePositions()) return {};
    if (!positions_ready_) return one_positions_;
  }
  return std::span<const uint32_t>(positions_).subspan(position_start_[in_block_],
                                                       freqs_[in_block_]);
}

bool PostingCursor::Next() {
  if (!status_.ok()) return false;
  if (open_ && in_block_ + 1 < block_docs_) {
    doc_ = docs_[++in_block_];
    return true;
  }
  size_t next = open_ ? block_ + 1 : block_;
  if (next >= index_.size()) {
    open_ = false;
    block_ = index_.size();
    return false;
  }
  return OpenBlock(next);
}

bool PostingCursor::PeekBlock(uint32_t target, uint32_t* max_freq, uint32_t* min_length) {
  if (!status_.ok()) return false;
  size_t b = std::max(peeked_, std::min(block_, index_.size()));
  while (b < index_.size() && index_[b].last_doc < target) ++b;
  peeked_ = b;
  if (b >= index_.size()) return false;
  *max_freq = index_[b].max_freq;
  *min_length = index_[b].min_length;
  return true;
}

bool PostingCursor::SkipTo(uint32_t target) {
  if (!status_.ok()) return false;
  if (open_ && doc_ >= target) return true;
  if (open_ && index_[block_].last_doc >= target) {
    while (docs_[in_block_] < target) ++in_block_;
    doc_ = docs_[in_block_];
    return true;
  }
  // Whole blocks whose last document is before the target are never decoded.
  size_t from = open_ ? block_ + 1 : block_;
  auto it = std::lower_bound(index_.begin() + static_cast<ptrdiff_t>(std::min(from, index_.size())),
                             index_.end(), target,
                             [](const BlockRef& b, uint32_t t) { return b.last_doc < t; });
  if (it == index_.end()) {
    open_ = false;
    block_ = index_.size();
    return false;
  }
  if (!OpenBlock(static_cast<size_t>(it - index_.begin()))) return false;
  while (docs_[in_block_] < target) ++in_block_;
  doc_ = docs_[in_block_];
  return true;
}

}  // namespace bantin::index
