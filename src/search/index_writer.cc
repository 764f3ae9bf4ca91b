// IndexWriter: the index follows the store, one immutable segment per commit, merged as it grows.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <set>

#include "bantin/search.h"
#include "bantin/store.h"
#include "index/segment.h"
#include "search/index_dir.h"
#include "text/normalizer.h"

namespace bantin {
namespace {

namespace fs = std::filesystem;

// A segment is written once its postings take this much memory (and at every commit).
constexpr size_t kBufferBytes = size_t{768} << 20;

}  // namespace

struct IndexWriter::Impl {
  std::string dir;
  int lock_fd = -1;
  bool manifest_exists = false;
  Status manifest_status;  // why the live list could not be read (Rebuild still works)
  std::vector<search::SegmentEntry> live;     // published
  std::vector<search::SegmentEntry> pending;  // written, not yet published
  uint32_t last_doc = 0;                      // the last document live, pending or buffered
  std::unique_ptr<text::Normalizer> normalizer;
  std::unique_ptr<text::WordCache> cache;
  index::SegmentWriter buffer;
  uint32_t buffer_first = 0, buffer_last = 0;
  std::vector<index::Occurrence> occurrences;
  uint64_t names = 0;

  ~Impl() {
    if (lock_fd >= 0) ::close(lock_fd);  // releases the lock
  }

  std::string PathOf(const std::string& name) const {
    return (fs::path(search::IndexDir(dir)) / name).string();
  }

  std::string NewName() {
    auto now = std::chrono::system_clock::now().time_since_epoch().count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "seg-%016llx-%llu.bti", static_cast<unsigned long long>(now),
                  static_cast<unsigned long long>(names++));
    return buf;
  }

  Status Flush() {
    if (buffer.doc_count() == 0) return Status::OK();
    search::SegmentEntry e{NewName(), buffer_first, buffer_last,
                           static_cast<uint32_t>(buffer.doc_count())};
    BANTIN_RETURN_IF_ERROR(buffer.WriteTo(PathOf(e.name)));
    pending.push_back(std::move(e));
    buffer_first = buffer_last = 0;
    return Status::OK();
  }

  Status Add(const Store& store) {
    return store.ForEachAfter(last_doc, [&](const StoredArticle& a) {
      occurrences.clear();
      uint32_t length = search::ArticleTerms(a.article, cache.get(), &buffer, &occurrences);
      auto doc = static_cast<uint32_t>(a.doc);
      buffer.AddDocument(doc, length, search::DayNumber(a.article.date), a.article.source,
                         &occurrences);
      if (buffer_first == 0) buffer_first = doc;
      buffer_last = last_doc = doc;
      if (buffer.memory_bytes() >= kBufferBytes) return Flush();
      return Status::OK();
    });
  }

  void Remove(const std::vector<search::SegmentEntry>& gone) {
    std::error_code ec;
    for (const auto& e : gone) fs::remove(PathOf(e.name), ec);  // open readers keep their file
  }

  // Merges live[first..last] into one segment and publishes the new list.
  Status Merge(size_t first, size_t last) {
    std::vector<std::unique_ptr<index::SegmentReader>> readers;
    std::vector<const index::SegmentReader*> view;
    for (size_t i = first; i <= last; ++i) {
      auto r = index::SegmentReader::Open(PathOf(live[i].name));
      if (!r) return r.error();
      view.push_back(r->get());
      readers.push_back(std::move(*r));
    }
    search::SegmentEntry merged{NewName(), live[first].first, live[last].last, 0};
    for (size_t i = first; i <= last; ++i) merged.count += live[i].count;
    BANTIN_RETURN_IF_ERROR(index::MergeSegments(view, PathOf(merged.name)));
    std::vector<search::SegmentEntry> gone(live.begin() + static_cast<ptrdiff_t>(first),
                                           live.begin() + static_cast<ptrdiff_t>(last) + 1);
    live.erase(live.begin() + static_cast<ptrdiff_t>(first) + 1,
               live.begin() + static_cast<ptrdiff_t>(last) + 1);
    live[first] = merged;
    BANTIN_RETURN_IF_ERROR(search::WriteManifest(dir, live));
    Remove(gone);
    return Status::OK();
  }

  Status MergeAsDue() {
    while (live.size() >= 2 && live[live.size() - 2].count <= 2 * live.back().count) {
      BANTIN_RETURN_IF_ERROR(Merge(live.size() - 2, live.size() - 1));
    }
    return Status::OK();
  }
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& dir) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  const std::string index_dir = search::IndexDir(dir);
  std::error_code ec;
  fs::create_directories(index_dir, ec);
  if (ec) return Err(Status::IOError(index_dir, ec.message()));
  const std::string lock = (fs::path(index_dir) / "LOCK").string();
  impl->lock_fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (impl->lock_fd < 0 || flock(impl->lock_fd, LOCK_EX) != 0) {
    return Err(Status::IOError(lock, std::strerror(errno)));
  }
  auto live = search::ReadManifest(dir);
  if (live) {
    impl->manifest_exists = true;
    impl->live = std::move(*live);
  } else if (!live.error().IsNotFound()) {
    impl->manifest_status = live.error();
  }
  if (impl->manifest_status.ok()) {
    // Segments written by a writer that died before publishing them, and temporary files.
    std::set<std::string> named;
    for (const auto& e : impl->live) named.insert(e.name);
    for (const auto& f : fs::directory_iterator(index_dir, ec)) {
      std::string name = f.path().filename().string();
      bool segment = name.size() > 4 && name.rfind(".bti") == name.size() - 4;
      bool tmp = name.size() > 4 && name.rfind(".tmp") == name.size() - 4;
      if ((segment && !named.count(name)) || tmp) fs::remove(f.path(), ec);
    }
    impl->last_doc = impl->live.empty() ? 0 : impl->live.back().last;
  }
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  impl->normalizer = std::move(*normalizer);
  impl->cache = std::make_unique<text::WordCache>(impl->normalizer.get());
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

Status IndexWriter::CatchUp(const Store& store) {
  if (!impl_->manifest_status.ok()) return impl_->manifest_status;
  return impl_->Add(store);
}

Status IndexWriter::Commit() {
  Impl& m = *impl_;
  if (!m.manifest_status.ok()) return m.manifest_status;
  BANTIN_RETURN_IF_ERROR(m.Flush());
  if (m.pending.empty()) {  // nothing new; an empty store still gets an (empty) index
    return m.manifest_exists ? Status::OK() : search::WriteManifest(m.dir, m.live);
  }
  m.live.insert(m.live.end(), m.pending.begin(), m.pending.end());
  m.pending.clear();
  BANTIN_RETURN_IF_ERROR(search::WriteManifest(m.dir, m.live));
  m.manifest_exists = true;
  return m.MergeAsDue();
}

Status IndexWriter::Rebuild(const Store& store) {
  Impl& m = *impl_;
  std::vector<search::SegmentEntry> old = m.manifest_status.ok() ? m.live : std::vector<search::SegmentEntry>{};
  m.buffer = index::SegmentWriter();
  m.buffer_first = m.buffer_last = 0;
  m.Remove(m.pending);
  m.pending.clear();
  m.last_doc = 0;
  BANTIN_RETURN_IF_ERROR(m.Add(store));
  BANTIN_RETURN_IF_ERROR(m.Flush());
  m.live = std::move(m.pending);
  m.pending.clear();
  m.manifest_status = Status::OK();
  BANTIN_RETURN_IF_ERROR(search::WriteManifest(m.dir, m.live));
  m.manifest_exists = true;
  m.Remove(old);
  return m.live.size() > 1 ? MergeAll() : Status::OK();
}

Status IndexWriter::MergeAll() {
  Impl& m = *impl_;
  if (!m.manifest_status.ok()) return m.manifest_status;
  if (m.live.size() < 2) return Status::OK();
  return m.Merge(0, m.live.size() - 1);
}

size_t IndexWriter::segment_count() const { return impl_->live.size(); }

size_t IndexWriter::doc_count() const {
  size_t n = 0;
  for (const auto& e : impl_->live) n += e.count;
  return n;
}

}  // namespace bantin
