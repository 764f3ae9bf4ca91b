// Segment: an immutable index file — per-document facts (length, date, source), a term
// dictionary and the posting lists of its terms. See docs/format.md, "Index segment".
//
//   SegmentWriter w;
//   w.AddDocument(doc, length, day, "TASS", {{"e:hòa", {0, 5}}, {"f:hoa", {0, 5}}});
//   BANTIN_RETURN_IF_ERROR(w.WriteTo(path));
//   auto seg = SegmentReader::Open(path).value();
//   PostingCursor c = seg->Postings("f:hoa");
//
// Thread safety: a writer is single-threaded; a reader is immutable and may be shared.
#ifndef BANTIN_INDEX_SEGMENT_H_
#define BANTIN_INDEX_SEGMENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bantin/status.h"
#include "index/postings.h"

namespace bantin::index {

// A document's terms, each with its positions (ascending).
using TermPositions = std::unordered_map<std::string, std::vector<uint32_t>>;

// Segment file history: 1 = first format (2026-11).
inline constexpr uint32_t kSegmentFormatVersion = 1;

struct DocInfo {
  uint32_t doc = 0;     // the store's document number
  uint32_t length = 0;  // tokens indexed
  uint32_t day = 0;     // days since 1970-01-01, plus one; 0 = no date
  uint32_t source = 0;  // index into the segment's source names
};

class SegmentWriter {
 public:
  // Adds one document with its terms and their positions (ascending).
  // REQUIRES: doc ascending across calls, doc > 0.
  void AddDocument(uint32_t doc, uint32_t length, uint32_t day, std::string_view source,
                   const TermPositions& terms);
  size_t doc_count() const { return docs_.size(); }
  // Writes the segment to `path` (through a temporary file renamed into place, so a reader
  // never sees half a file).
  Status WriteTo(const std::string& path);

 private:
  std::vector<DocInfo> docs_;
  std::vector<std::string> sources_;
  std::unordered_map<std::string, uint32_t> source_ids_;
  std::unordered_map<std::string, PostingListWriter> postings_;  // sorted when written
};

class SegmentReader {
 public:
  // Reads and verifies `path` (magic, version, section checksums). Corruption / Unsupported /
  // IOError name the file.
  static Result<std::unique_ptr<SegmentReader>> Open(const std::string& path);

  const std::vector<DocInfo>& docs() const { return docs_; }
  const std::vector<std::string>& sources() const { return sources_; }
  // Documents containing `term` (0 if none).
  uint32_t DocFreq(std::string_view term) const;
  // A cursor over `term`'s postings (empty if the term is absent). Valid while the reader lives.
  PostingCursor Postings(std::string_view term) const;
  // Verifies every posting list (what `bantin check` does); names the first damaged term.
  Status CheckAll() const;
  const std::string& path() const { return path_; }
  size_t term_count() const { return terms_.size(); }

 private:
  struct TermInfo {
    uint32_t df;
    uint64_t offset;  // into postings_
    uint32_t length;
  };
  std::string path_;
  std::string bytes_;
  std::string_view postings_;
  std::vector<DocInfo> docs_;
  std::vector<std::string> sources_;
  std::unordered_map<std::string, TermInfo> terms_;
};

}  // namespace bantin::index

#endif  // BANTIN_INDEX_SEGMENT_H_
