#include "index/segment.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ranges>

#include "base/coding.h"
#include "base/hash.h"

namespace bantin::index {
namespace {

constexpr std::string_view kMagic("BNTNIDX\0", 8);
constexpr size_t kHeaderSize = 12;  // magic + version
constexpr size_t kFooterSize = 3 * 8 + 2 * 4 + 8;
constexpr uint32_t kRestart = 16;  // every 16th dictionary entry holds its whole term

uint32_t Check32(std::string_view bytes) { return static_cast<uint32_t>(HashBytes(bytes)); }

bool GetVarint(std::string_view* in, uint32_t* v) {
  if (!in->empty() && static_cast<unsigned char>(in->front()) < 0x80) {  // most: one byte
    *v = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    return true;
  }
  Decoder d(*in);
  *v = d.Varint32();
  if (!d.ok()) return false;
  in->remove_prefix(d.position());
  return true;
}

bool GetBytes(std::string_view* in, size_t n, std::string_view* out) {
  if (in->size() < n) return false;
  *out = in->substr(0, n);
  in->remove_prefix(n);
  return true;
}

// Reads one raw (doc delta, freq, positions) record of SegmentWriter::TermData::raw.
uint32_t RawVarint(std::string_view* in) {
  uint32_t v = 0;
  GetVarint(in, &v);  // the writer's own bytes: well-formed
  return v;
}

}  // namespace

// ---------------------------------------------------------------------------------- writer

uint32_t SegmentWriter::TermId(std::string_view term, bool with_positions) {
  bool added = false;
  uint32_t id = table_.Intern(term, &added);
  if (added) {
    terms_.emplace_back();
    terms_.back().with_positions = with_positions;
    memory_ += sizeof(TermData);  // the name itself is counted with the table
  }
  return id;
}

uint32_t SegmentWriter::PairTermId(std::string_view prefix, uint32_t first, uint32_t second,
                                   size_t strip) {
  const uint64_t key = (uint64_t{first} << 32) | second;
  int64_t found = pairs_.Find(key);
  if (found >= 0) return static_cast<uint32_t>(found);
  std::string name(prefix);
  name.append(table_.term(first).substr(strip));
  name.push_back(' ');
  name.append(table_.term(second).substr(strip));
  uint32_t id = table_.Append(name);
  pairs_.Insert(key, id);
  terms_.emplace_back();
  terms_.back().with_positions = false;
  memory_ += sizeof(TermData);
  return id;
}

namespace {

// Appends varints to a fixed buffer (REQUIRES room: 5 bytes each).
inline char* Varint(char* p, uint32_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

}  // namespace

void SegmentWriter::AddDocument(uint32_t doc, uint32_t length, uint32_t day,
                                std::string_view source, std::vector<Occurrence>* occurrences) {
  auto it = source_ids_.find(source);
  if (it == source_ids_.end()) {
    it = source_ids_.emplace(std::string(source), static_cast<uint32_t>(sources_.size())).first;
    sources_.emplace_back(source);
  }
  docs_.push_back({doc, length, day, it->second});
  // Group the occurrences by term, keeping their order: a chain per touched term.
  const std::vector<Occurrence>& occ = *occurrences;
  if (touched_index_.size() < terms_.size()) touched_index_.resize(terms_.size(), -1);
  next_.resize(occ.size());
  touched_.clear();
  for (uint32_t i = 0; i < occ.size(); ++i) {
    int32_t& index = touched_index_[occ[i].term];
    next_[i] = UINT32_MAX;
    if (index < 0) {
      index = static_cast<int32_t>(touched_.size());
      touched_.push_back({occ[i].term, i, i, 1});
    } else {
      Touched& t = touched_[static_cast<size_t>(index)];
      next_[t.last] = i;
      t.last = i;
      ++t.count;
    }
  }
  std::string buf;
  for (const Touched& t : touched_) {
    touched_index_[t.term] = -1;
    TermData& data = terms_[t.term];
    const size_t need = 10 + (data.with_positions ? 5 * size_t{t.count} : 0);
    if (buf.size() < need) buf.resize(need);
    char* p = buf.data();
    p = Varint(p, doc - data.last_doc);
    p = Varint(p, t.count);
    if (data.with_positions) {
      uint32_t prev = 0;
      for (uint32_t i = t.first; i != UINT32_MAX; i = next_[i]) {
        p = Varint(p, occ[i].position - prev);
        prev = occ[i].position;
      }
    }
    const size_t before = data.raw.capacity();
    data.raw.append(buf.data(), static_cast<size_t>(p - buf.data()));
    data.last_doc = doc;
    ++data.df;
    memory_ += data.raw.capacity() - before;
  }
  occurrences->clear();
}

void SegmentWriter::AddDocument(uint32_t doc, uint32_t length, uint32_t day,
                                std::string_view source, const TermPositions& terms) {
  std::vector<Occurrence> occ;
  for (const auto& [term, positions] : terms) {
    uint32_t id = TermId(term);
    for (uint32_t p : positions) occ.push_back({id, p});
  }
  AddDocument(doc, length, day, source, &occ);
}

int64_t DocRows::Find(uint32_t doc) const {
  const auto all = std::views::iota(size_t{0}, count_);
  auto it = std::ranges::partition_point(all, [&](size_t row) { return this->doc(row) < doc; });
  return it != all.end() && this->doc(*it) == doc ? static_cast<int64_t>(*it) : -1;
}

namespace {

// The documents of several writers or segments as one table, their sources renumbered.
struct DocTable {
  std::vector<DocInfo> docs;
  std::vector<std::string> sources;
  std::map<std::string, uint32_t, std::less<>> source_ids;
  // False if `d` does not come after the documents added so far.
  bool Add(const DocInfo& d, const std::string& source) {
    if (!docs.empty() && d.doc <= docs.back().doc) return false;
    auto it = source_ids.find(source);
    if (it == source_ids.end()) {
      it = source_ids.emplace(source, static_cast<uint32_t>(sources.size())).first;
      sources.push_back(source);
    }
    docs.push_back({d.doc, d.length, d.day, it->second});
    return true;
  }
};

// A new segment's rows by store document number (while it is written): what its posting lists
// call each document (row + 1).
class Ordinals {
 public:
  explicit Ordinals(const std::vector<DocInfo>& docs) {
    if (docs.empty()) return;
    first_ = docs.front().doc;
    ordinal_.assign(docs.back().doc - first_ + 1, 0);
    for (size_t r = 0; r < docs.size(); ++r) ordinal_[docs[r].doc - first_] = static_cast<uint32_t>(r + 1);
  }
  uint32_t operator()(uint32_t doc) const {
    return doc >= first_ && doc - first_ < ordinal_.size() ? ordinal_[doc - first_] : 0;
  }

 private:
  uint32_t first_ = 0;
  std::vector<uint32_t> ordinal_;
};

// Writes a segment from its parts, streaming: the header and documents first, then each
// term's posting list as it comes (in term order), written out a few megabytes at a time, and
// at the end the dictionary (kept in memory until then: an entry of a few bytes a term) and
// the footer. What it holds does not grow with the segment's postings.
class SegmentFileBuilder {
 public:
  SegmentFileBuilder(const std::vector<DocInfo>& docs, const std::vector<std::string>& sources,
                     const std::string& path, Env* env)
      : file_(env, path) {
    head_.assign(kMagic);
    PutFixed32(&head_, kSegmentFormatVersion);
    PutFixed32(&head_, static_cast<uint32_t>(docs.size()));
    for (const DocInfo& d : docs) PutFixed32(&head_, d.doc);
    for (const DocInfo& d : docs) PutFixed32(&head_, d.length);
    for (const DocInfo& d : docs) PutFixed32(&head_, d.day);
    for (const DocInfo& d : docs) PutFixed32(&head_, d.source);
    PutVarint32(&head_, static_cast<uint32_t>(sources.size()));
    for (const std::string& s : sources) {
      PutVarint32(&head_, static_cast<uint32_t>(s.size()));
      head_ += s;
    }
  }

  Status AddTerm(std::string_view term, uint32_t df, std::string_view list) {
    bool restart = count_ % kRestart == 0;
    if (restart) restarts_.push_back(static_cast<uint32_t>(dictionary_.size()));
    size_t shared = 0;
    if (!restart) {
      while (shared < last_.size() && shared < term.size() && last_[shared] == term[shared]) ++shared;
    }
    PutVarint32(&dictionary_, static_cast<uint32_t>(shared));
    PutVarint32(&dictionary_, static_cast<uint32_t>(term.size() - shared));
    dictionary_.append(term.substr(shared));
    PutVarint32(&dictionary_, df);
    PutVarint32(&dictionary_, static_cast<uint32_t>(list.size()));
    if (restart) PutFixed64(&dictionary_, postings_bytes_);
    last_.assign(term);
    ++count_;
    postings_bytes_ += list.size();
    if (list.size() >= kFlushBytes) {
      BANTIN_RETURN_IF_ERROR(Flush());
      return file_.Append({list});
    }
    lists_ += list;
    return lists_.size() >= kFlushBytes ? Flush() : Status::OK();
  }

  Status Finish() {
    BANTIN_RETURN_IF_ERROR(Flush());
    for (uint32_t r : restarts_) PutFixed32(&dictionary_, r);
    PutFixed32(&dictionary_, count_);
    PutFixed32(&dictionary_, static_cast<uint32_t>(restarts_.size()));
    const uint64_t postings_offset = head_.size();
    const uint64_t terms_offset = postings_offset + postings_bytes_;
    std::string footer;
    PutFixed64(&footer, kHeaderSize);
    PutFixed64(&footer, terms_offset);
    PutFixed64(&footer, postings_offset);
    PutFixed32(&footer, Check32(head_));
    PutFixed32(&footer, Check32(dictionary_));
    footer += kMagic;
    BANTIN_RETURN_IF_ERROR(file_.Append({dictionary_, footer}));
    return file_.Finish();
  }

 private:
  static constexpr size_t kFlushBytes = size_t{8} << 20;
  // Writes the header (the first time) and the lists gathered so far.
  Status Flush() {
    if (file_.written() == 0) BANTIN_RETURN_IF_ERROR(file_.Append({head_}));
    if (lists_.empty()) return Status::OK();
    BANTIN_RETURN_IF_ERROR(file_.Append({lists_}));
    lists_.clear();
    return Status::OK();
  }

  DurableWriter file_;
  std::string head_;        // magic, version, documents
  std::string lists_;       // posting lists not written yet
  std::string dictionary_;  // the terms' entries
  std::string last_;
  std::vector<uint32_t> restarts_;
  uint32_t count_ = 0;
  uint64_t postings_bytes_ = 0;  // of all lists added
};

}  // namespace

Status SegmentWriter::WriteMerged(const std::vector<SegmentWriter*>& writers,
                                  const std::string& path, Env* env) {
  DocTable table;
  for (const SegmentWriter* w : writers) {
    for (const DocInfo& d : w->docs_) {
      if (!table.Add(d, w->sources_[d.source])) {
        return Status::InvalidArgument(path, "writers hold overlapping documents");
      }
    }
  }
  SegmentFileBuilder builder(table.docs, table.sources, path, env);
  const Ordinals ordinals(table.docs);
  // Every writer's terms sorted (prefix compression, binary search, a stable file), then
  // walked together: a term's postings are appended writer by writer.
  std::vector<std::vector<uint32_t>> orders;
  for (const SegmentWriter* w : writers) {
    std::vector<uint32_t> order(w->terms_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return w->table_.term(a) < w->table_.term(b); });
    orders.push_back(std::move(order));
  }
  std::vector<size_t> at(writers.size(), 0);
  std::vector<uint32_t> positions;
  Status written;  // of the file, as it is written
  while (written.ok()) {
    std::string_view smallest;
    bool any = false;
    for (size_t k = 0; k < writers.size(); ++k) {
      if (at[k] == orders[k].size()) continue;
      std::string_view t = writers[k]->table_.term(orders[k][at[k]]);
      if (!any || t < smallest) smallest = t;
      any = true;
    }
    if (!any) break;
    const std::string term(smallest);
    PostingListWriter list;
    uint32_t df = 0;
    bool first = true;
    for (size_t k = 0; k < writers.size(); ++k) {
      if (at[k] == orders[k].size()) continue;
      const uint32_t id = orders[k][at[k]];
      if (writers[k]->table_.term(id) != term) continue;
      TermData& t = writers[k]->terms_[id];
      if (first) list = PostingListWriter(t.with_positions);
      if (!first && t.with_positions != list.with_positions()) {
        return Status::InvalidArgument(path, "term \"" + term + "\" added with and without positions");
      }
      first = false;
      std::string_view in = t.raw;
      uint32_t doc = 0;
      while (!in.empty()) {
        doc += RawVarint(&in);
        uint32_t freq = RawVarint(&in);
        positions.clear();
        uint32_t pos = 0;
        for (uint32_t n = 0; t.with_positions && n < freq; ++n) {
          pos += RawVarint(&in);
          positions.push_back(pos);
        }
        const uint32_t ordinal = ordinals(doc);
        list.Add(ordinal, freq, positions, table.docs[ordinal - 1].length);
      }
      df += t.df;
      std::string().swap(t.raw);
      ++at[k];
    }
    written = builder.AddTerm(term, df, list.Finish());
  }
  if (written.ok()) written = builder.Finish();
  for (SegmentWriter* w : writers) *w = SegmentWriter();
  return written;
}

// ---------------------------------------------------------------------------------- reader

SegmentReader::~SegmentReader() {
  if (data_ != nullptr) munmap(const_cast<char*>(data_), size_);
}

Result<std::unique_ptr<SegmentReader>> SegmentReader::Open(const std::string& path) {
  auto r = std::unique_ptr<SegmentReader>(new SegmentReader());
  r->path_ = path;
  {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Err(Status::IOError(path, std::strerror(errno)));
    struct stat st {};
    if (fstat(fd, &st) != 0) {
      ::close(fd);
      return Err(Status::IOError(path, std::strerror(errno)));
    }
    r->size_ = static_cast<uint64_t>(st.st_size);
    if (r->size_ > 0) {
      void* p = mmap(nullptr, r->size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        ::close(fd);
        return Err(Status::IOError(path, std::strerror(errno)));
      }
      r->data_ = static_cast<const char*>(p);
    }
    ::close(fd);
  }
  std::string_view all(r->data_ == nullptr ? "" : r->data_, r->size_);
  auto bad = [&](const std::string& what) { return Err(Status::Corruption(path, what)); };
  if (all.size() < kHeaderSize + kFooterSize || all.substr(0, 8) != kMagic ||
      all.substr(all.size() - 8) != kMagic) {
    return bad("not a bantin index segment (bad magic or truncated)");
  }
  uint32_t version = DecodeFixed32(all.data() + 8);
  if (version < kOldestSegmentFormatVersion || version > kSegmentFormatVersion) {
    return Err(Status::Unsupported(path, "index segment is format " + std::to_string(version) +
                                             ", this build reads " +
                                             std::to_string(kOldestSegmentFormatVersion) + ".." +
                                             std::to_string(kSegmentFormatVersion) +
                                             " (run bantin reindex)"));
  }
  const char* footer = all.data() + all.size() - kFooterSize;
  uint64_t docs_offset = DecodeFixed64(footer), terms_offset = DecodeFixed64(footer + 8);
  uint64_t postings_offset = DecodeFixed64(footer + 16);
  uint32_t docs_check = DecodeFixed32(footer + 24), terms_check = DecodeFixed32(footer + 28);
  const uint64_t end = all.size() - kFooterSize;
  // Sections in file order: documents, postings, dictionary.
  if (docs_offset != kHeaderSize || postings_offset < docs_offset || terms_offset < postings_offset ||
      terms_offset > end || end - terms_offset < 8) {
    return bad("section offsets out of range");
  }
  if (Check32(all.substr(0, postings_offset)) != docs_check) return bad("document table checksum");
  std::string_view terms = all.substr(terms_offset, end - terms_offset);
  if (Check32(terms) != terms_check) return bad("term dictionary checksum");
  r->postings_ = all.substr(postings_offset, terms_offset - postings_offset);

  std::string_view in = all.substr(docs_offset, postings_offset - docs_offset);
  if (in.size() < 4) return bad("document table");
  const uint32_t n = DecodeFixed32(in.data());
  in.remove_prefix(4);
  if (uint64_t{n} * DocRows::kRowSize > in.size()) return bad("document table");
  r->docs_ = DocRows(in.data(), n);
  in.remove_prefix(n * DocRows::kRowSize);
  uint32_t sources = 0;
  if (!GetVarint(&in, &sources) || sources > in.size()) return bad("source table");
  for (uint32_t i = 0; i < sources; ++i) {
    uint32_t len = 0;
    std::string_view s;
    if (!GetVarint(&in, &len) || !GetBytes(&in, len, &s)) return bad("source table");
    r->sources_.emplace_back(s);
  }
  if (!in.empty()) return bad("document table length");
  uint32_t prev = 0;
  for (const DocInfo d : r->docs_) {
    if (d.doc <= prev) return bad("document table: documents do not ascend");
    if (d.source >= sources) return bad("document source out of range");
    prev = d.doc;
  }
  // Dictionary: entries, restart offsets, count, restart count.
  uint32_t count = DecodeFixed32(terms.data() + terms.size() - 8);
  uint32_t restarts = DecodeFixed32(terms.data() + terms.size() - 4);
  if (restarts != (count + kRestart - 1) / kRestart ||
      uint64_t{restarts} * 4 + 8 > terms.size()) {
    return bad("term dictionary restarts");
  }
  r->term_count_ = count;
  r->dictionary_ = terms.substr(0, terms.size() - 8 - uint64_t{restarts} * 4);
  const char* table = terms.data() + r->dictionary_.size();
  r->restarts_ = table;
  r->restart_count_ = restarts;
  for (uint32_t i = 0; i < restarts; ++i) {
    if (r->Restart(i) >= r->dictionary_.size() || (i > 0 && r->Restart(i) <= r->Restart(i - 1))) {
      return bad("term dictionary restarts");
    }
    if (i % kSampleEvery != 0) continue;
    std::string_view key;
    if (!r->RestartKey(i, &key)) return bad("term dictionary entry");
    r->sample_keys_.append(key);
    r->sample_ends_.push_back(static_cast<uint32_t>(r->sample_keys_.size()));
  }
  return r;
}

bool SegmentReader::RestartKey(size_t i, std::string_view* key) const {
  std::string_view in = dictionary_.substr(Restart(i));
  uint32_t shared = 0, length = 0;
  return GetVarint(&in, &shared) && shared == 0 && GetVarint(&in, &length) && GetBytes(&in, length, key);
}

bool SegmentReader::ReadEntry(std::string_view* in, bool restart, size_t last_size, uint32_t* shared,
                              std::string_view* suffix, TermInfo* info, uint64_t* offset) const {
  uint32_t suffix_len = 0, df = 0, length = 0;
  if (!GetVarint(in, shared) || *shared > last_size || (restart && *shared != 0) ||
      !GetVarint(in, &suffix_len) || !GetBytes(in, suffix_len, suffix) || !GetVarint(in, &df) ||
      !GetVarint(in, &length)) {
    return false;
  }
  if (restart) {
    std::string_view fixed;
    if (!GetBytes(in, 8, &fixed)) return false;
    *offset = DecodeFixed64(fixed.data());
  }
  if (*offset > postings_.size() || length > postings_.size() - *offset) return false;
  *info = {df, *offset, length};
  *offset += length;
  return true;
}

bool SegmentReader::NextEntry(std::string_view* in, bool restart, std::string* term,
                              TermInfo* info, uint64_t* offset) const {
  uint32_t shared = 0;
  std::string_view suffix;
  if (!ReadEntry(in, restart, term->size(), &shared, &suffix, info, offset)) return false;
  term->resize(shared);
  term->append(suffix);
  return true;
}

Result<SegmentReader::TermInfo> SegmentReader::Lookup(std::string_view term) const {
  auto damaged = [&] { return Err(Status::Corruption(path_, "term dictionary entry")); };
  if (restart_count_ == 0) return TermInfo{};
  // The last restart whose term is <= `term`: first among the sampled ones (in memory), then
  // among the kSampleEvery restarts after it (a restart entry holds its whole term, compared
  // where it lies: a few nearby pages instead of a probe per halving across the dictionary).
  size_t lo = 0, hi = restart_count_;
  {
    size_t slo = 0, shi = sample_ends_.size();  // samples: restarts 0, kSampleEvery, ...
    while (shi - slo > 1) {
      const size_t mid = (slo + shi) / 2;
      if (SampleKey(mid) <= term) {
        slo = mid;
      } else {
        shi = mid;
      }
    }
    lo = slo * kSampleEvery;
    hi = std::min<size_t>(restart_count_, lo + kSampleEvery);
  }
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    std::string_view whole;
    if (!RestartKey(mid, &whole)) return damaged();
    if (whole <= term) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  // The entries from that restart on, compared with `term` as they are read, without putting
  // their terms together: `same` bytes of the last entry (below `term`) equal term's first.
  // An entry shares `shared` bytes with the last: fewer than `same`, it is above `term` (keys
  // ascend); more, it stands to `term` as the last did (below); as many, its suffix decides.
  std::string_view in = dictionary_.substr(Restart(lo));
  uint64_t offset = 0;
  size_t last_size = 0, same = 0;
  for (uint32_t i = 0; i < kRestart && lo * kRestart + i < term_count_; ++i) {
    uint32_t shared = 0;
    std::string_view suffix;
    TermInfo info;
    if (!ReadEntry(&in, i == 0, last_size, &shared, &suffix, &info, &offset)) return damaged();
    last_size = size_t{shared} + suffix.size();
    if (shared < same) break;
    if (shared > same) continue;
    const std::string_view rest = term.substr(same);
    const size_t common = static_cast<size_t>(
        std::mismatch(suffix.begin(), suffix.end(), rest.begin(), rest.end()).first - suffix.begin());
    same += common;
    if (common == suffix.size() && common == rest.size()) return info;
    if (common == suffix.size()) continue;  // the entry is a prefix of `term`: below it
    if (common == rest.size() || static_cast<unsigned char>(suffix[common]) > static_cast<unsigned char>(rest[common])) {
      break;
    }
  }
  return TermInfo{};
}

PostingCursor SegmentReader::Cursor(const TermInfo& info) const {
  if (info.df == 0) return PostingCursor(std::string_view());
  PostingCursor c(postings_.substr(info.offset, info.length));
  if (c.status().ok() && c.doc_count() != info.df) {
    return PostingCursor::Failed(Status::Corruption(path_, "posting list: document count"));
  }
  return c;
}

PostingCursor SegmentReader::Postings(std::string_view term) const {
  auto info = Lookup(term);
  if (!info) return PostingCursor::Failed(info.error());
  return Cursor(*info);
}

SegmentReader::TermIterator SegmentReader::Terms() const { return TermIterator(this); }

bool SegmentReader::TermIterator::Next() {
  if (!status_.ok() || index_ >= reader_->term_count_) {
    if (status_.ok() && !done_ && (!in_.empty() || offset_ != reader_->postings_.size())) {
      status_ = Status::Corruption(reader_->path_, "posting lists do not fill their section");
    }
    done_ = true;
    return false;
  }
  if (!reader_->NextEntry(&in_, index_ % kRestart == 0, &term_, &info_, &offset_)) {
    status_ = Status::Corruption(reader_->path_, "term dictionary entry " + std::to_string(index_));
    done_ = true;
    return false;
  }
  ++index_;
  return true;
}

PostingCursor SegmentReader::TermIterator::cursor() const {
  PostingCursor c(reader_->postings_.substr(info_.offset, info_.length));
  if (c.status().ok() && c.doc_count() != info_.df) {
    return PostingCursor::Failed(Status::Corruption(reader_->path_, "term \"" + term_ + "\": document count"));
  }
  return c;
}

Status SegmentReader::ForEachTerm(
    const std::function<Status(std::string_view, PostingCursor&)>& fn) const {
  TermIterator it = Terms();
  while (it.Next()) {
    PostingCursor c = it.cursor();
    BANTIN_RETURN_IF_ERROR(fn(it.term(), c));
  }
  return it.status();
}

Status SegmentReader::CheckAll() const {
  return ForEachTerm([&](std::string_view term, PostingCursor& c) {
    size_t n = 0;
    while (c.Next() && c.freq() > 0 && (!c.has_positions() || !c.positions().empty())) {
      if (c.doc() > docs_.size()) {
        return Status::Corruption(path_, "term \"" + std::string(term) + "\": names document " +
                                             std::to_string(c.doc()) + ", past the document table");
      }
      ++n;
    }
    if (!c.status().ok()) {
      return Status::Corruption(path_, "term \"" + std::string(term) + "\": " + c.status().message());
    }
    if (n != c.doc_count()) {
      return Status::Corruption(path_, "term \"" + std::string(term) + "\": document count");
    }
    return Status::OK();
  });
}

uint32_t SegmentFormatOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[kHeaderSize];
  if (!in.read(header, kHeaderSize) || std::string_view(header, 8) != kMagic) return 0;
  return DecodeFixed32(header + 8);
}

// ---------------------------------------------------------------------------------- merge

Status MergeSegments(const std::vector<const SegmentReader*>& segments, const std::string& path, Env* env) {
  DocTable table;
  std::vector<uint32_t> offsets;  // per segment: its rows' place in the new table
  for (const SegmentReader* s : segments) {
    offsets.push_back(static_cast<uint32_t>(table.docs.size()));
    for (const DocInfo d : s->docs()) {
      if (!table.Add(d, s->sources()[d.source])) {
        return Status::InvalidArgument(s->path(), "documents overlap an earlier segment's");
      }
    }
  }
  // Every segment's terms in order, merged: a term's lists are appended segment by segment.
  SegmentFileBuilder builder(table.docs, table.sources, path, env);
  std::vector<SegmentReader::TermIterator> its;
  for (const SegmentReader* s : segments) {
    its.push_back(s->Terms());
    its.back().Next();
  }
  std::vector<uint32_t> positions;
  while (true) {
    const std::string* smallest = nullptr;
    for (auto& it : its) {
      if (!it.status().ok()) return it.status();
      if (!it.done() && (smallest == nullptr || it.term() < *smallest)) smallest = &it.term();
    }
    if (smallest == nullptr) break;
    const std::string term = *smallest;
    PostingListWriter out;
    int kind = -1;  // with positions (1) or not (0), from the first list
    for (size_t i = 0; i < its.size(); ++i) {
      if (its[i].done() || its[i].term() != term) continue;
      PostingCursor c = its[i].cursor();
      if (kind == -1) {
        kind = c.has_positions() ? 1 : 0;
        out = PostingListWriter(kind == 1);
      }
      if ((kind == 1) != c.has_positions()) {
        return Status::Corruption(segments[i]->path(), "term \"" + term + "\": kind differs between segments");
      }
      const DocRows& rows = segments[i]->docs();
      while (c.Next()) {
        auto p = c.positions();
        if (!c.status().ok()) break;
        if (c.doc() > rows.size()) {
          return Status::Corruption(segments[i]->path(), "term \"" + term + "\": names document " +
                                                             std::to_string(c.doc()) + ", past the document table");
        }
        out.Add(offsets[i] + c.doc(), c.freq(), p, rows.length(c.doc() - 1));
      }
      if (!c.status().ok()) {
        return Status::Corruption(segments[i]->path(), "term \"" + term + "\": " + c.status().message());
      }
      its[i].Next();
    }
    uint32_t df = static_cast<uint32_t>(out.doc_count());
    BANTIN_RETURN_IF_ERROR(builder.AddTerm(term, df, out.Finish()));
  }
  return builder.Finish();
}

}  // namespace bantin::index
