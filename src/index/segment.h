// Segment: an immutable index file — per-document facts (length, date, source), a term
// dictionary and the posting lists of its terms. See docs/format.md, "Index segment".
//
//   SegmentWriter w;
//   std::vector<Occurrence> occ = {{w.TermId("e:hòa"), 0}, {w.TermId("f:hoa"), 0}};
//   w.AddDocument(doc, length, day, "TASS", &occ);
//   BANTIN_RETURN_IF_ERROR(w.WriteTo(path));
//   auto seg = SegmentReader::Open(path).value();
//   PostingCursor c = seg->Postings("f:hoa");
//
// Thread safety: a writer is single-threaded; a reader is immutable and may be shared.
#ifndef BANTIN_INDEX_SEGMENT_H_
#define BANTIN_INDEX_SEGMENT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bantin/env.h"
#include "base/coding.h"
#include "bantin/status.h"
#include "index/postings.h"
#include "index/term_table.h"

namespace bantin::index {

// Segment file history: 1 = first format; 2 = positions apart from documents in each posting
// block, lists without positions, a dictionary with restart points (2026-11); 3 = an encoding
// byte per posting block, blocks of byte-sized deltas and frequencies (2026-12); 4 = a
// fixed-width document table read in place, posting lists naming documents by their row in it
// (2026-12), so that a reader holds nothing per document; 5 = the posting lists before the
// dictionary, so that a writer streams them out instead of holding them all (2026-12); 6 = the
// same layout, and every document's paragraph starts indexed (search::kParagraphTerm), which
// snippets need (2026-12). This build reads and writes 6 only: `bantin reindex` rebuilds an
// older index from the store, and so does the next `bantin ingest`.
inline constexpr uint32_t kSegmentFormatVersion = 6;
inline constexpr uint32_t kOldestSegmentFormatVersion = 6;

struct DocInfo {
  uint32_t doc = 0;     // the store's document number
  uint32_t length = 0;  // tokens indexed
  uint32_t day = 0;     // days since 1970-01-01, plus one; 0 = no date
  uint32_t source = 0;  // index into the segment's source names
};

// A segment's document table as it lies in the mapped file: row r (from 0) is the document its
// posting lists call r + 1. Rows ascend by document number. Four columns of fixed32 (documents,
// lengths, days, sources), so that the ranking's reads of lengths are as dense as an array of
// them; nothing is held per document.
class DocRows {
 public:
  static constexpr size_t kRowSize = 16;  // doc, length, day, source: fixed32 each
  DocRows() = default;
  // `columns`: the four columns of `count` values each, one after the other.
  DocRows(const char* columns, size_t count) : rows_(columns), count_(count) {}
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  DocInfo operator[](size_t row) const {
    const char* p = rows_ + row * 4;
    const size_t column = count_ * 4;
    return {DecodeFixed32(p), DecodeFixed32(p + column), DecodeFixed32(p + 2 * column),
            DecodeFixed32(p + 3 * column)};
  }
  uint32_t doc(size_t row) const { return DecodeFixed32(rows_ + row * 4); }
  uint32_t length(size_t row) const { return DecodeFixed32(rows_ + count_ * 4 + row * 4); }
  DocInfo front() const { return (*this)[0]; }
  DocInfo back() const { return (*this)[count_ - 1]; }
  // The row of store document `doc`, or -1 if the segment does not hold it (binary search).
  int64_t Find(uint32_t doc) const;

  class Iterator {
   public:
    Iterator(const DocRows* rows, size_t at) : rows_(rows), at_(at) {}
    DocInfo operator*() const { return (*rows_)[at_]; }
    Iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return at_ != o.at_; }

   private:
    const DocRows* rows_;
    size_t at_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, count_); }

 private:
  const char* rows_ = nullptr;
  size_t count_ = 0;
};

// One occurrence of a term in a document: (term id from SegmentWriter::TermId, position).
struct Occurrence {
  uint32_t term;
  uint32_t position;
};

// Terms by name with their positions, for tests and small callers.
using TermPositions = std::map<std::string, std::vector<uint32_t>>;

class SegmentWriter {
 public:
  // The id of `term`, added on first use. A term keeps the kind it was added with: with
  // positions, or counted only (its positions are not stored).
  uint32_t TermId(std::string_view term, bool with_positions = true);
  // The id of the counted-only term prefix + name(first) + " " + name(second), where `first`
  // and `second` are term ids and name(x) = x's term without its first `strip` bytes (its
  // prefix); found by the two ids, without building the name again. Such terms are only ever
  // added through this call.
  uint32_t PairTermId(std::string_view prefix, uint32_t first, uint32_t second, size_t strip);
  // Adds one document. `occurrences` are its terms' occurrences, any order between terms, each
  // term's positions ascending. Cleared on return.
  // REQUIRES: doc ascending across calls, doc > 0.
  void AddDocument(uint32_t doc, uint32_t length, uint32_t day, std::string_view source,
                   std::vector<Occurrence>* occurrences);
  void AddDocument(uint32_t doc, uint32_t length, uint32_t day, std::string_view source,
                   const TermPositions& terms);
  // The name of term `id`.
  std::string_view TermName(uint32_t id) const { return table_.term(id); }
  size_t doc_count() const { return docs_.size(); }
  // Bytes held for postings and terms (roughly), to decide when to write a segment.
  size_t memory_bytes() const { return memory_ + table_.memory_bytes() + pairs_.memory_bytes(); }
  // Writes the segment to `path` (through a temporary file renamed into place, so a reader
  // never sees half a file) and empties the writer.
  Status WriteTo(const std::string& path, Env* env = Env::Default()) { return WriteMerged({this}, path, env); }
  // Writes one segment holding the documents of all `writers` (which must hold ascending,
  // non-overlapping document ranges, in that order) and empties them.
  static Status WriteMerged(const std::vector<SegmentWriter*>& writers, const std::string& path,
                            Env* env = Env::Default());

 private:
  struct TermData {
    std::string raw;  // (doc delta, freq, position deltas...) per document, varints
    uint32_t last_doc = 0;
    uint32_t df = 0;
    bool with_positions = true;
  };
  std::vector<DocInfo> docs_;
  std::vector<std::string> sources_;
  std::map<std::string, uint32_t, std::less<>> source_ids_;
  TermTable table_;
  IdMap pairs_;                  // (first id << 32 | second id) -> pair term id
  std::vector<TermData> terms_;  // by term id
  // AddDocument's scratch: per term, its index in `touched_` (-1 if untouched); per touched term,
  // its first and last occurrence; per occurrence, the next of the same term.
  struct Touched {
    uint32_t term, first, last, count;
  };
  std::vector<int32_t> touched_index_;
  std::vector<Touched> touched_;
  std::vector<uint32_t> next_;
  size_t memory_ = 0;
};

class SegmentReader {
 public:
  struct TermInfo {
    uint32_t df = 0;
    uint64_t offset = 0;  // into the postings section
    uint64_t length = 0;
  };

  // Maps and verifies `path` (magic, version, section checksums). Corruption / Unsupported /
  // IOError name the file.
  static Result<std::unique_ptr<SegmentReader>> Open(const std::string& path);
  ~SegmentReader();
  SegmentReader(const SegmentReader&) = delete;
  SegmentReader& operator=(const SegmentReader&) = delete;

  // The document table; posting lists name row r as document r + 1.
  const DocRows& docs() const { return docs_; }
  const std::vector<std::string>& sources() const { return sources_; }
  // A cursor over `term`'s postings (empty if the term is absent; failed, with a Corruption
  // status, if the dictionary is damaged). Valid while the reader lives.
  PostingCursor Postings(std::string_view term) const;
  // The dictionary entry of `term` (df 0 if absent); Corruption if the dictionary is damaged.
  Result<TermInfo> Lookup(std::string_view term) const;
  // A cursor over the list an entry from Lookup names (checked against its df).
  PostingCursor Cursor(const TermInfo& info) const;
  uint32_t DocFreq(std::string_view term) const {
    auto info = Lookup(term);
    return info ? info->df : 0;
  }
  // The terms in order, one at a time:
  //   for (auto it = seg.Terms(); it.Next();) use(it.term(), it.cursor());  then it.status()
  class TermIterator {
   public:
    bool Next();
    bool done() const { return done_; }
    const std::string& term() const { return term_; }
    PostingCursor cursor() const;
    const Status& status() const { return status_; }

   private:
    friend class SegmentReader;
    explicit TermIterator(const SegmentReader* r) : reader_(r), in_(r->dictionary_) {}
    const SegmentReader* reader_;
    std::string_view in_;
    std::string term_;
    TermInfo info_;
    uint64_t offset_ = 0;
    uint32_t index_ = 0;
    bool done_ = false;
    Status status_;
  };
  TermIterator Terms() const;
  // Calls fn(term, cursor) for every term in order; stops at the first non-OK status.
  Status ForEachTerm(const std::function<Status(std::string_view, PostingCursor&)>& fn) const;
  // Verifies every posting list (what `bantin check` does); names the first damaged term.
  Status CheckAll() const;
  const std::string& path() const { return path_; }
  uint32_t term_count() const { return term_count_; }

 private:
  SegmentReader() = default;
  // Decodes the dictionary entry at `*in`: it keeps `*shared` leading bytes of the entry before
  // (`last_size` bytes long) and adds `*suffix`; its list is `*info`, at `*offset` (a restart
  // entry gives it; then advanced past the list). False if malformed.
  bool ReadEntry(std::string_view* in, bool restart, size_t last_size, uint32_t* shared,
                 std::string_view* suffix, TermInfo* info, uint64_t* offset) const;
  // Decodes dictionary entry at `*in` (after `prev`); false if malformed.
  bool NextEntry(std::string_view* in, bool restart, std::string* term, TermInfo* info,
                 uint64_t* offset) const;

  std::string path_;
  const char* data_ = nullptr;  // the mapped file
  uint64_t size_ = 0;
  std::string_view postings_;
  std::string_view dictionary_;  // the entries
  // Offsets into dictionary_ of every kRestart-th entry: fixed32s read in place.
  const char* restarts_ = nullptr;
  uint32_t restart_count_ = 0;
  uint32_t Restart(size_t i) const { return DecodeFixed32(restarts_ + 4 * i); }
  // The whole term of restart entry i; false if the entry is malformed.
  bool RestartKey(size_t i, std::string_view* key) const;
  // Every kSampleEvery-th restart's term, copied at open (one per 1,024 terms): Lookup halves
  // among these in memory before it reads the dictionary.
  static constexpr uint32_t kSampleEvery = 64;
  std::string sample_keys_;
  std::vector<uint32_t> sample_ends_;  // sample i = sample_keys_[end of i - 1, sample_ends_[i])
  std::string_view SampleKey(size_t i) const {
    const uint32_t begin = i == 0 ? 0 : sample_ends_[i - 1];
    return std::string_view(sample_keys_).substr(begin, sample_ends_[i] - begin);
  }
  uint32_t term_count_ = 0;
  DocRows docs_;
  std::vector<std::string> sources_;
};

// The format version in the header of the segment file at `path`; 0 when it cannot be read or
// is not a segment (opening it says why).
uint32_t SegmentFormatOf(const std::string& path);

// Writes one segment holding the documents of `segments` (whose document numbers must ascend
// from one segment to the next) to `path`.
Status MergeSegments(const std::vector<const SegmentReader*>& segments, const std::string& path,
                     Env* env = Env::Default());

}  // namespace bantin::index

#endif  // BANTIN_INDEX_SEGMENT_H_
