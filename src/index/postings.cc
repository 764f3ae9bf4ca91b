#include "index/postings.h"

#include <algorithm>

#include "base/coding.h"
#include "base/hash.h"

namespace bantin::index {
namespace {

uint32_t Check32(std::string_view bytes) { return static_cast<uint32_t>(HashBytes(bytes)); }

// Reads a varint32 from the front of `in`; false if malformed or truncated.
bool GetVarint32(std::string_view* in, uint32_t* value) {
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

}  // namespace

void PostingListWriter::Add(uint32_t doc, std::span<const uint32_t> positions) {
  PutVarint32(&block_, doc - last_doc_);
  PutVarint32(&block_, static_cast<uint32_t>(positions.size()));
  uint32_t prev = 0;
  for (size_t i = 0; i < positions.size(); ++i) {
    PutVarint32(&block_, i == 0 ? positions[i] : positions[i] - prev);
    prev = positions[i];
  }
  last_doc_ = doc;
  ++doc_count_;
  if (++block_docs_ == kBlockSize) CloseBlock();
}

void PostingListWriter::CloseBlock() {
  if (block_docs_ == 0) return;
  PutFixed32(&block_, Check32(block_));
  PutVarint32(&index_, last_doc_);
  PutVarint32(&index_, static_cast<uint32_t>(block_.size()));
  blocks_ += block_;
  block_.clear();
  block_docs_ = 0;
  ++block_count_;
}

std::string PostingListWriter::Finish() {
  CloseBlock();
  std::string out;
  PutVarint32(&out, static_cast<uint32_t>(doc_count_));
  PutVarint32(&out, block_count_);
  out += index_;
  PutFixed32(&out, Check32(out));
  out += blocks_;
  *this = PostingListWriter();
  return out;
}

PostingCursor::PostingCursor(std::string_view bytes) {
  if (bytes.empty()) return;  // no list at all: an empty cursor, not a damaged one
  std::string_view in = bytes;
  uint32_t docs = 0, blocks = 0;
  if (!GetVarint32(&in, &docs) || !GetVarint32(&in, &blocks) || blocks > in.size()) {
    Fail("header");
    return;
  }
  uint32_t offset = 0, prev_last = 0;
  for (uint32_t b = 0; b < blocks; ++b) {
    uint32_t last = 0, length = 0;
    if (!GetVarint32(&in, &last) || !GetVarint32(&in, &length) || last <= prev_last ||
        length < 5) {
      Fail("block index");
      return;
    }
    index_.push_back({last, offset, length});
    offset += length;
    prev_last = last;
  }
  size_t header_size = bytes.size() - in.size();
  if (in.size() < 4 || DecodeFixed32(in.data()) != Check32(bytes.substr(0, header_size))) {
    Fail("header checksum");
    return;
  }
  blocks_ = in.substr(4);
  if (blocks_.size() != offset || docs < blocks || docs > static_cast<uint64_t>(blocks) * kBlockSize) {
    Fail("list length");
    return;
  }
  doc_count_ = docs;
}

bool PostingCursor::Fail(const std::string& what) {
  if (status_.ok()) status_ = Status::Corruption("posting list", what);
  index_.clear();
  open_ = false;
  return false;
}

bool PostingCursor::OpenBlock(size_t block) {
  const BlockRef& ref = index_[block];
  std::string_view bytes = blocks_.substr(ref.offset, ref.length);
  std::string_view data = bytes.substr(0, bytes.size() - 4);
  if (DecodeFixed32(bytes.data() + data.size()) != Check32(data)) {
    return Fail("block " + std::to_string(block) + ": bad checksum");
  }
  block_ = block;
  rest_ = data;
  block_base_ = block == 0 ? 0 : index_[block - 1].last_doc;
  doc_ = block_base_;
  open_ = true;
  return true;
}

bool PostingCursor::Next() {
  while (true) {
    if (!status_.ok()) return false;
    if (!open_) {
      if (block_ >= index_.size()) return false;
      if (!OpenBlock(block_)) return false;
    }
    if (rest_.empty()) {
      if (doc_ != index_[block_].last_doc) {
        return Fail("block " + std::to_string(block_) + ": ends before its last document");
      }
      ++block_;
      open_ = false;
      continue;
    }
    uint32_t delta = 0, freq = 0;
    if (!GetVarint32(&rest_, &delta) || !GetVarint32(&rest_, &freq) || delta == 0 ||
        freq == 0 || freq > rest_.size() || delta > index_[block_].last_doc - doc_) {
      return Fail("block " + std::to_string(block_) + ": bad posting");
    }
    doc_ += delta;
    positions_.resize(freq);
    uint32_t pos = 0;
    for (uint32_t i = 0; i < freq; ++i) {
      uint32_t d = 0;
      if (!GetVarint32(&rest_, &d) || (i > 0 && d == 0) || d > UINT32_MAX - pos) {
        return Fail("block " + std::to_string(block_) + ": bad positions");
      }
      pos += d;
      positions_[i] = pos;
    }
    return true;
  }
}

bool PostingCursor::SkipTo(uint32_t target) {
  if (!status_.ok()) return false;
  if (open_ && doc_ >= target && doc_ != block_base_) return true;
  if (block_ < index_.size() && index_[block_].last_doc < target) {
    // Whole blocks whose last document is before the target are never decoded.
    auto it = std::lower_bound(index_.begin() + static_cast<ptrdiff_t>(block_), index_.end(), target,
                               [](const BlockRef& b, uint32_t t) { return b.last_doc < t; });
    block_ = static_cast<size_t>(it - index_.begin());
    open_ = false;
  }
  while (Next()) {
    if (doc_ >= target) return true;
  }
  return false;
}

}  // namespace bantin::index
