// Posting lists: for one term, the documents it occurs in, how often, and at which positions,
// compressed (varint deltas) in checksummed blocks of up to 128 documents with a block index
// for skipping. Within a block the documents and frequencies come first and the positions
// after, with checks of their own, so a ranking that needs no positions never reads them.
// See docs/format.md, "Posting list".
//
//   PostingListWriter w;
//   w.Add(3, {0, 7});  w.Add(9, {2});          // doc ids ascending, positions ascending
//   std::string bytes = w.Finish();
//   PostingCursor c(bytes);
//   while (c.Next()) use(c.doc(), c.freq(), c.positions());
//   if (!c.status().ok()) ...                    // Corruption names the block
//
// Thread safety: writers and cursors are single-threaded values; a cursor only reads its bytes.
#ifndef BANTIN_INDEX_POSTINGS_H_
#define BANTIN_INDEX_POSTINGS_H_

#include <array>
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
  // A list with positions (`with_positions`) or with frequencies only.
  explicit PostingListWriter(bool with_positions = true) : with_positions_(with_positions) {}
  // REQUIRES: doc > the previous doc added, doc > 0; positions ascending, non-empty.
  void Add(uint32_t doc, std::span<const uint32_t> positions) {
    Add(doc, static_cast<uint32_t>(positions.size()), positions);
  }
  // REQUIRES: as above, freq > 0; positions.size() == freq in a list with positions, ignored
  // in a list without. `length` is the document's length (for the blocks' score bounds; 0 if
  // unknown, which makes the bound assume the shortest document).
  void Add(uint32_t doc, uint32_t freq, std::span<const uint32_t> positions, uint32_t length = 0);
  // The encoded list; the writer is empty again afterwards.
  std::string Finish();
  size_t doc_count() const { return doc_count_; }
  bool with_positions() const { return with_positions_; }

 private:
  void CloseBlock();

  std::string blocks_;     // finished blocks
  // The open block's document deltas and frequencies (encoded when it closes), and positions.
  std::array<uint32_t, kBlockSize> deltas_{}, freqs_{};
  std::string positions_;
  std::string index_;      // (last_doc, block_length, max_freq, min_length) per finished block
  uint32_t block_max_freq_ = 0, block_min_length_ = UINT32_MAX;
  uint32_t block_docs_ = 0;
  uint32_t block_count_ = 0;
  uint32_t last_doc_ = 0;
  size_t doc_count_ = 0;
  bool with_positions_ = true;
};

// Reads a list written by PostingListWriter. Never reads outside `bytes`; damage is reported
// through status() (Corruption), after which Next() returns false, freq() 0 and positions()
// empty. A block is verified before any of its documents is returned, its positions before any
// of them is; frequencies and positions are decoded when first asked for.
class PostingCursor {
 public:
  // `bytes` must outlive the cursor; empty bytes make an empty cursor (the term is absent).
  explicit PostingCursor(std::string_view bytes);
  // A cursor that reports `status` and has no documents (a damaged dictionary entry).
  static PostingCursor Failed(Status status) {
    PostingCursor c{std::string_view()};
    c.status_ = std::move(status);
    return c;
  }

  // Advances to the next document; false at the end or on damage.
  bool Next();
  // Advances to the first document >= target (skipping whole blocks); false if none.
  bool SkipTo(uint32_t target);

  uint32_t doc() const { return doc_; }
  // Without decoding anything: the highest frequency and the shortest document length of the
  // block SkipTo(target) would land in; false when no document >= target is left. Only moves
  // a mark of its own forward: call it with targets ascending between moves of the cursor.
  bool PeekBlock(uint32_t target, uint32_t* max_freq, uint32_t* min_length);
  // Bulk reading: the open block's documents from the current one to its end (empty when the
  // cursor is not on a document), and with BlockFreqs their frequencies (decoded; nullptr after
  // damage); Advance(m) then moves m documents on (m <= the span's size), opening the next block
  // when it passes this one's end: false at the end of the list or on damage.
  std::span<const uint32_t> BlockDocs() const {
    return open_ ? std::span<const uint32_t>(docs_.data() + in_block_, block_docs_ - in_block_)
                 : std::span<const uint32_t>();
  }
  const uint32_t* BlockFreqs() {
    if (!open_ || (freqs_decoded_ < block_docs_ && !DecodeFreqs(block_docs_))) return nullptr;
    return freqs_.data() + in_block_;
  }
  bool Advance(uint32_t m) {
    if (in_block_ + m < block_docs_) {
      in_block_ += m;
      doc_ = docs_[in_block_];
      return true;
    }
    in_block_ = block_docs_ - 1;
    return Next();
  }
  // The current document's frequency (decoded on first use; 0 after damage).
  uint32_t freq() {
    if (in_block_ >= freqs_decoded_ && (!open_ || !DecodeFreqs(in_block_ + 1))) return 0;
    return freqs_[in_block_];
  }
  // The current document's positions; empty in a list without positions. Valid until the
  // cursor moves. The first asked for in a block are decoded alone (a snippet wants one
  // document of a block); asking for a second document's decodes the whole block.
  std::span<const uint32_t> positions();
  bool has_positions() const { return with_positions_; }
  size_t doc_count() const { return doc_count_; }
  const Status& status() const { return status_; }
  // Over the whole list: the highest frequency and the shortest document length.
  uint32_t max_freq() const { return max_freq_; }
  uint32_t min_length() const { return min_length_; }

 private:
  struct BlockRef {
    uint32_t last_doc;
    uint32_t offset;  // into blocks_
    uint32_t length;
    uint32_t max_freq, min_length;
  };
  bool Fail(const std::string& what);
  bool OpenBlock(size_t block);
  // The varint deltas of block `block` (n documents after `doc`) into docs_; frequencies left
  // in freq_rest_ for DecodeFreqs.
  bool DecodeDeltas(std::string_view in, size_t block, uint32_t n, uint32_t doc);
  bool CheckPositions();
  bool DecodePositions();
  bool DecodeOnePositions();  // the current document's only, into one_positions_
  bool DecodeFreqs(uint32_t upto);  // the open block's first `upto` frequencies

  std::string_view blocks_;
  std::vector<BlockRef> index_;
  size_t doc_count_ = 0;
  uint32_t max_freq_ = 0, min_length_ = 0;
  bool with_positions_ = true;
  bool encoded_ = false;      // blocks start with an encoding byte (lists of segment format 3)
  size_t block_ = 0;          // the open block
  size_t peeked_ = 0;         // PeekBlock's last answer (a block index)
  bool open_ = false;
  uint32_t doc_ = 0;
  // The open block, decoded: documents, frequencies, where each document's positions start.
  std::array<uint32_t, kBlockSize> docs_{};
  std::array<uint32_t, kBlockSize> freqs_{};
  std::array<uint32_t, kBlockSize + 1> position_start_{};
  uint32_t block_docs_ = 0;
  uint32_t in_block_ = 0;
  uint32_t freqs_decoded_ = 0;
  std::string_view freq_rest_;        // the open block's frequencies not decoded yet
  std::string_view block_positions_;  // encoded, with their check
  bool positions_ready_ = false;      // the whole block's decoded into positions_
  bool positions_checked_ = false;    // their check verified
  uint32_t one_ = UINT32_MAX;         // the one document (in the block) whose positions one_positions_ holds
  std::vector<uint32_t> one_positions_;
  std::vector<uint32_t> positions_;   // the open block's, decoded
  Status status_;
};

}  // namespace bantin::index

#endif  // BANTIN_INDEX_POSTINGS_H_
