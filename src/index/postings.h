// Posting lists: for one term, the documents it occurs in, how often, and at which positions,
// compressed (varint deltas) in checksummed blocks of up to 128 documents with a block index
// for skipping. See docs/format.md, "Posting list".
//
//   PostingListWriter w;
//   w.Add(3, {0, 7});  w.Add(9, {2});          // doc ids ascending, positions ascending
//   std::string bytes = w.Finish();
//   PostingCursor c(bytes);
//   while (c.Next()) use(c.doc(), c.positions());
//   if (!c.status().ok()) ...                    // Corruption names the block
//
// Thread safety: writers and cursors are single-threaded values; a cursor only reads its bytes.
#ifndef BANTIN_INDEX_POSTINGS_H_
#define BANTIN_INDEX_POSTINGS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bantin/status.h"

namespace bantin::index {

inline constexpr size_t kBlockSize = 128;  // documents per block

class PostingListWriter {
 public:
  // REQUIRES: doc > the previous doc added, doc > 0; positions ascending, non-empty.
  void Add(uint32_t doc, std::span<const uint32_t> positions);
  // The encoded list; the writer is empty again afterwards.
  std::string Finish();
  size_t doc_count() const { return doc_count_; }

 private:
  void CloseBlock();

  std::string blocks_;       // finished blocks
  std::string block_;        // the open block
  std::string index_;        // (last_doc, block_length) per finished block
  uint32_t block_docs_ = 0;
  uint32_t block_count_ = 0;
  uint32_t last_doc_ = 0;
  size_t doc_count_ = 0;
};

// Reads a list written by PostingListWriter. Never reads outside `bytes`; damage is reported
// through status() (Corruption), after which Next() returns false.
class PostingCursor {
 public:
  // `bytes` must outlive the cursor; empty bytes make an empty cursor (the term is absent).
  explicit PostingCursor(std::string_view bytes);

  // Advances to the next document; false at the end or on damage.
  bool Next();
  // Advances to the first document >= target (skipping whole blocks); false if none.
  bool SkipTo(uint32_t target);

  uint32_t doc() const { return doc_; }
  uint32_t freq() const { return static_cast<uint32_t>(positions_.size()); }
  const std::vector<uint32_t>& positions() const { return positions_; }
  size_t doc_count() const { return doc_count_; }
  const Status& status() const { return status_; }

 private:
  struct BlockRef {
    uint32_t last_doc;
    uint32_t offset;  // into blocks_
    uint32_t length;
  };
  bool Fail(const std::string& what);
  bool OpenBlock(size_t block);

  std::string_view blocks_;
  std::vector<BlockRef> index_;
  size_t doc_count_ = 0;
  size_t block_ = 0;          // the open block
  std::string_view rest_;     // unread postings of the open block
  uint32_t block_base_ = 0;   // last doc of the block before the open one
  bool open_ = false;
  uint32_t doc_ = 0;
  std::vector<uint32_t> positions_;
  Status status_;
};

}  // namespace bantin::index

#endif  // BANTIN_INDEX_POSTINGS_H_
