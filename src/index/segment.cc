#include "index/segment.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/coding.h"
#include "base/hash.h"

namespace bantin::index {
namespace {

constexpr std::string_view kMagic("BNTNIDX\0", 8);
constexpr size_t kHeaderSize = 12;  // magic + version
constexpr size_t kFooterSize = 3 * 8 + 2 * 4 + 8;

uint32_t Check32(std::string_view bytes) { return static_cast<uint32_t>(HashBytes(bytes)); }

bool GetVarint(std::string_view* in, uint32_t* v) {
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

}  // namespace

void SegmentWriter::AddDocument(uint32_t doc, uint32_t length, uint32_t day,
                                std::string_view source,
                                const TermPositions& terms) {
  auto [it, fresh] = source_ids_.emplace(std::string(source), sources_.size());
  if (fresh) sources_.emplace_back(source);
  docs_.push_back({doc, length, day, it->second});
  for (const auto& [term, positions] : terms) postings_[term].Add(doc, positions);
}

Status SegmentWriter::WriteTo(const std::string& path) {
  std::string out(kMagic);
  PutFixed32(&out, kSegmentFormatVersion);
  const uint64_t docs_offset = out.size();
  PutVarint32(&out, static_cast<uint32_t>(docs_.size()));
  uint32_t prev = 0;
  for (const DocInfo& d : docs_) {
    PutVarint32(&out, d.doc - prev);
    PutVarint32(&out, d.length);
    PutVarint32(&out, d.day);
    PutVarint32(&out, d.source);
    prev = d.doc;
  }
  PutVarint32(&out, static_cast<uint32_t>(sources_.size()));
  for (const std::string& s : sources_) {
    PutVarint32(&out, static_cast<uint32_t>(s.size()));
    out += s;
  }
  const uint64_t terms_offset = out.size();
  std::string lists;
  PutVarint32(&out, static_cast<uint32_t>(postings_.size()));
  // The dictionary is sorted (prefix compression, and a stable file for the same input).
  std::vector<std::pair<const std::string, PostingListWriter>*> sorted;
  sorted.reserve(postings_.size());
  for (auto& entry : postings_) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  std::string_view last;
  for (auto* entry : sorted) {
    const std::string& term = entry->first;
    PostingListWriter& writer = entry->second;
    size_t shared = 0;
    while (shared < last.size() && shared < term.size() && last[shared] == term[shared]) ++shared;
    uint32_t df = static_cast<uint32_t>(writer.doc_count());
    std::string list = writer.Finish();
    PutVarint32(&out, static_cast<uint32_t>(shared));
    PutVarint32(&out, static_cast<uint32_t>(term.size() - shared));
    out.append(term, shared);
    PutVarint32(&out, df);
    PutVarint32(&out, static_cast<uint32_t>(list.size()));
    lists += list;
    last = term;
  }
  const uint64_t postings_offset = out.size();
  uint32_t docs_check = Check32(std::string_view(out).substr(0, terms_offset));
  uint32_t terms_check =
      Check32(std::string_view(out).substr(terms_offset, postings_offset - terms_offset));
  out += lists;
  PutFixed64(&out, docs_offset);
  PutFixed64(&out, terms_offset);
  PutFixed64(&out, postings_offset);
  PutFixed32(&out, docs_check);
  PutFixed32(&out, terms_check);
  out += kMagic;

  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    f.flush();
    if (!f.good()) return Status::IOError(tmp, "cannot write");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IOError(path, ec.message());
  return Status::OK();
}

Result<std::unique_ptr<SegmentReader>> SegmentReader::Open(const std::string& path) {
  auto r = std::unique_ptr<SegmentReader>(new SegmentReader());
  r->path_ = path;
  {
    std::ifstream f(path, std::ios::binary);
    if (!f) return Err(Status::IOError(path, "cannot open"));
    std::stringstream ss;
    ss << f.rdbuf();
    r->bytes_ = ss.str();
  }
  std::string_view all = r->bytes_;
  auto bad = [&](const std::string& what) { return Err(Status::Corruption(path, what)); };
  if (all.size() < kHeaderSize + kFooterSize || all.substr(0, 8) != kMagic ||
      all.substr(all.size() - 8) != kMagic) {
    return bad("not a bantin index segment (bad magic or truncated)");
  }
  uint32_t version = DecodeFixed32(all.data() + 8);
  if (version != kSegmentFormatVersion) {
    return Err(Status::Unsupported(path, "index segment is format " + std::to_string(version) +
                                             ", this build reads 1.." +
                                             std::to_string(kSegmentFormatVersion) +
                                             " (run bantin reindex)"));
  }
  const char* footer = all.data() + all.size() - kFooterSize;
  uint64_t docs_offset = DecodeFixed64(footer), terms_offset = DecodeFixed64(footer + 8);
  uint64_t postings_offset = DecodeFixed64(footer + 16);
  uint32_t docs_check = DecodeFixed32(footer + 24), terms_check = DecodeFixed32(footer + 28);
  const uint64_t end = all.size() - kFooterSize;
  if (docs_offset != kHeaderSize || terms_offset < docs_offset || postings_offset < terms_offset ||
      postings_offset > end) {
    return bad("section offsets out of range");
  }
  if (Check32(all.substr(0, terms_offset)) != docs_check) return bad("document table checksum");
  std::string_view terms = all.substr(terms_offset, postings_offset - terms_offset);
  if (Check32(terms) != terms_check) return bad("term dictionary checksum");
  r->postings_ = all.substr(postings_offset, end - postings_offset);

  std::string_view in = all.substr(docs_offset, terms_offset - docs_offset);
  uint32_t n = 0, prev = 0;
  if (!GetVarint(&in, &n) || n > in.size()) return bad("document table");
  r->docs_.resize(n);
  for (DocInfo& d : r->docs_) {
    uint32_t delta = 0;
    if (!GetVarint(&in, &delta) || delta == 0 || !GetVarint(&in, &d.length) ||
        !GetVarint(&in, &d.day) || !GetVarint(&in, &d.source)) {
      return bad("document table");
    }
    d.doc = prev + delta;
    prev = d.doc;
  }
  uint32_t sources = 0;
  if (!GetVarint(&in, &sources) || sources > in.size()) return bad("source table");
  for (uint32_t i = 0; i < sources; ++i) {
    uint32_t len = 0;
    std::string_view s;
    if (!GetVarint(&in, &len) || !GetBytes(&in, len, &s)) return bad("source table");
    r->sources_.emplace_back(s);
  }
  for (const DocInfo& d : r->docs_) {
    if (d.source >= sources) return bad("document source out of range");
  }
  uint32_t count = 0;
  if (!GetVarint(&terms, &count) || count > terms.size()) return bad("term dictionary");
  std::string term;
  uint64_t offset = 0;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t shared = 0, suffix_len = 0, df = 0, length = 0;
    std::string_view suffix;
    if (!GetVarint(&terms, &shared) || shared > term.size() || !GetVarint(&terms, &suffix_len) ||
        !GetBytes(&terms, suffix_len, &suffix) || !GetVarint(&terms, &df) ||
        !GetVarint(&terms, &length)) {
      return bad("term dictionary entry " + std::to_string(i));
    }
    term.resize(shared);
    term.append(suffix);
    r->terms_[term] = {df, offset, length};
    offset += length;
  }
  if (offset != r->postings_.size()) return bad("posting lists do not fill their section");
  return r;
}

uint32_t SegmentReader::DocFreq(std::string_view term) const {
  auto it = terms_.find(std::string(term));
  return it == terms_.end() ? 0 : it->second.df;
}

PostingCursor SegmentReader::Postings(std::string_view term) const {
  auto it = terms_.find(std::string(term));
  if (it == terms_.end()) return PostingCursor(std::string_view());
  return PostingCursor(postings_.substr(it->second.offset, it->second.length));
}

Status SegmentReader::CheckAll() const {
  for (const auto& [term, info] : terms_) {
    PostingCursor c(postings_.substr(info.offset, info.length));
    size_t n = 0;
    while (c.Next()) ++n;
    if (!c.status().ok()) {
      return Status::Corruption(path_, "term \"" + term + "\": " + c.status().message());
    }
    if (n != info.df) return Status::Corruption(path_, "term \"" + term + "\": document count");
  }
  return Status::OK();
}

}  // namespace bantin::index
