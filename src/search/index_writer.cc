// IndexWriter: the index follows the store, one immutable segment per commit, merged as it grows.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

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

// One thread's share of a catch-up: a contiguous range of documents, indexed into its own
// writer (written out as a segment of its own whenever it holds kBufferBytes).
struct Worker {
  int64_t after = 0, last = 0;  // documents (after, last]
  index::SegmentWriter buffer;
  search::FormTerms forms;
  uint32_t first_doc = 0, last_doc = 0;
  std::vector<search::SegmentEntry> written;
  Status status;
};

struct IndexWriter::Impl {
  std::string dir;
  Env* env = nullptr;
  int lock_fd = -1;
  bool manifest_exists = false;
  bool outdated = false;  // a live segment is of a format this build no longer reads
  Status manifest_status;  // why the live list could not be read (Rebuild still works)
  std::vector<search::SegmentEntry> live;     // published
  std::vector<search::SegmentEntry> pending;  // written, not yet published
  uint32_t last_doc = 0;                      // the last document live or pending
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

  // Writes `writers` (ascending ranges first_doc..last_doc in total) as one segment.
  Status WriteSegment(const std::vector<index::SegmentWriter*>& writers, uint32_t first,
                      uint32_t last, std::vector<search::SegmentEntry>* out) {
    size_t count = 0;
    for (const auto* w : writers) count += w->doc_count();
    if (count == 0) return Status::OK();
    search::SegmentEntry e{NewName(), first, last, static_cast<uint32_t>(count)};
    BANTIN_RETURN_IF_ERROR(index::SegmentWriter::WriteMerged(writers, PathOf(e.name), env));
    out->push_back(std::move(e));
    return Status::OK();
  }

  void Run(Worker* w, std::mutex* names_mu) {
    auto store = Store::Open(dir, {});
    auto normalizer = text::Normalizer::Create();
    if (!store || !normalizer) {
      w->status = !store ? store.error() : normalizer.error();
      return;
    }
    text::WordCache cache(normalizer->get());
    std::vector<index::Occurrence> occurrences;
    w->status = (*store)->ForEachBetween(w->after, w->last, [&](const StoredArticle& a) {
      uint32_t length = search::ArticleTerms(a.article, &cache, &w->forms, &w->buffer, &occurrences);
      auto doc = static_cast<uint32_t>(a.doc);
      w->buffer.AddDocument(doc, length, search::DayNumber(a.article.date), a.article.source,
                            &occurrences);
      if (w->first_doc == 0) w->first_doc = doc;
      w->last_doc = doc;
      if (w->buffer.memory_bytes() < kBufferBytes) return Status::OK();
      std::lock_guard<std::mutex> lock(*names_mu);
      Status s = WriteSegment({&w->buffer}, w->first_doc, w->last_doc, &w->written);
      w->forms.Clear();
      w->first_doc = 0;
      return s;
    });
  }

  // Indexes the store's documents after last_doc on up to two threads, each a contiguous
  // share; the result is one pending segment (more when a share outgrows its buffer).
  Status Add(const Store& store) {
    auto stored_last = store.LastDoc();
    if (!stored_last) return stored_last.error();
    if (*stored_last <= last_doc) return Status::OK();
    const int64_t span = *stored_last - last_doc;
    const unsigned threads = span < 2000 ? 1 : std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
    std::vector<Worker> workers(threads);
    for (unsigned t = 0; t < threads; ++t) {
      workers[t].after = last_doc + span * t / threads;
      workers[t].last = last_doc + span * (t + 1) / threads;
    }
    std::mutex names_mu;
    std::vector<std::thread> running;
    for (unsigned t = 1; t < threads; ++t) running.emplace_back([&, t] { Run(&workers[t], &names_mu); });
    Run(&workers[0], &names_mu);
    for (auto& th : running) th.join();
    for (const Worker& w : workers) BANTIN_RETURN_IF_ERROR(w.status);
    bool split = false;
    for (const Worker& w : workers) split = split || !w.written.empty();
    if (!split) {  // the usual case: every share still in memory, written as one segment
      std::vector<index::SegmentWriter*> buffers;
      uint32_t first = 0, last = 0;
      for (Worker& w : workers) {
        if (w.buffer.doc_count() == 0) continue;
        buffers.push_back(&w.buffer);
        if (first == 0) first = w.first_doc;
        last = w.last_doc;
      }
      BANTIN_RETURN_IF_ERROR(WriteSegment(buffers, first, last, &pending));
    } else {
      for (Worker& w : workers) {
        pending.insert(pending.end(), w.written.begin(), w.written.end());
        BANTIN_RETURN_IF_ERROR(WriteSegment({&w.buffer}, w.first_doc, w.last_doc, &pending));
      }
    }
    last_doc = static_cast<uint32_t>(*stored_last);
    return Status::OK();
  }

  // Removes segments no manifest names any more (open readers keep their file); a failure
  // leaves a stray file the next Open removes.
  void Remove(const std::vector<search::SegmentEntry>& gone) {
    for (const auto& e : gone) (void)env->RemoveFile(PathOf(e.name));
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
    BANTIN_RETURN_IF_ERROR(index::MergeSegments(view, PathOf(merged.name), env));
    std::vector<search::SegmentEntry> gone(live.begin() + static_cast<ptrdiff_t>(first),
                                           live.begin() + static_cast<ptrdiff_t>(last) + 1);
    live.erase(live.begin() + static_cast<ptrdiff_t>(first) + 1,
               live.begin() + static_cast<ptrdiff_t>(last) + 1);
    live[first] = merged;
    BANTIN_RETURN_IF_ERROR(search::WriteManifest(dir, live, env));
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

namespace {

// The process that wrote its pid into the lock file (the holder), as text for messages.
std::string Holder(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  const std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  return pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos ? "another process" : "process " + pid;
}

bool WritePid(int fd) {
  const std::string pid = std::to_string(::getpid());
  return ::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.data(), pid.size(), 0) == static_cast<ssize_t>(pid.size());
}

// Takes the exclusive lock on `fd`, waiting as `wait` says; then writes this process's pid.
Status TakeLock(int fd, const std::string& path, const IndexLockWait& wait) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait.timeout_seconds);
  bool told = false;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) return Status::IOError(path, std::strerror(errno));
    const std::string holder = Holder(fd);
    if (std::chrono::steady_clock::now() >= deadline) {
      return Status::IOError(path, "the data folder is being written by " + holder + " (a bantin ingest, or a bantin serve that took a POST); still held after " +
                                       std::to_string(wait.timeout_seconds) + " s");
    }
    if (!told && wait.on_wait) {
      wait.on_wait(path + ": the data folder is being written by " + holder + "; waiting up to " +
                   std::to_string(wait.timeout_seconds) + " s for it to finish");
    }
    told = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  (void)WritePid(fd);  // for waiters' messages only: not writing it is no failure to lock
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& dir, Env* env, const IndexLockWait& wait) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->env = env;
  const std::string index_dir = search::IndexDir(dir);
  BANTIN_RETURN_IF_ERROR(env->CreateDirs(index_dir));
  std::error_code ec;
  const std::string lock = (fs::path(index_dir) / "LOCK").string();
  impl->lock_fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (impl->lock_fd < 0) return Err(Status::IOError(lock, std::strerror(errno)));
  BANTIN_RETURN_IF_ERROR(TakeLock(impl->lock_fd, lock, wait));
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
      if ((segment && !named.count(name)) || tmp) (void)env->RemoveFile(f.path().string());
    }
    impl->last_doc = impl->live.empty() ? 0 : impl->live.back().last;
    for (const auto& e : impl->live) {
      const uint32_t version = index::SegmentFormatOf(impl->PathOf(e.name));
      if (version != 0 && version < index::kOldestSegmentFormatVersion) impl->outdated = true;
    }
  }
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

Status IndexWriter::CatchUp(const Store& store) {
  if (!impl_->manifest_status.ok()) return impl_->manifest_status;
  // An index an older build wrote (a format this one does not read) is rebuilt from the store,
  // the truth, rather than left for every search to refuse.
  if (impl_->outdated) return Rebuild(store);
  return impl_->Add(store);
}

Status IndexWriter::Commit() {
  Impl& m = *impl_;
  if (!m.manifest_status.ok()) return m.manifest_status;
  if (m.pending.empty()) {  // nothing new; an empty store still gets an (empty) index
    return m.manifest_exists ? Status::OK() : search::WriteManifest(m.dir, m.live, m.env);
  }
  m.live.insert(m.live.end(), m.pending.begin(), m.pending.end());
  m.pending.clear();
  BANTIN_RETURN_IF_ERROR(search::WriteManifest(m.dir, m.live, m.env));
  m.manifest_exists = true;
  return m.MergeAsDue();
}

Status IndexWriter::Rebuild(const Store& store) {
  Impl& m = *impl_;
  m.outdated = false;
  std::vector<search::SegmentEntry> old = m.manifest_status.ok() ? m.live : std::vector<search::SegmentEntry>{};
  m.Remove(m.pending);
  m.pending.clear();
  m.last_doc = 0;
  BANTIN_RETURN_IF_ERROR(m.Add(store));
  m.live = std::move(m.pending);
  m.pending.clear();
  m.manifest_status = Status::OK();
  BANTIN_RETURN_IF_ERROR(search::WriteManifest(m.dir, m.live, m.env));
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

size_t IndexWriter::doc_count() const {
  size_t n = 0;
  for (const auto& e : impl_->live) n += e.count;
  return n;
}

}  // namespace bantin
