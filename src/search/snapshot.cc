#include "search/snapshot.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "search/index_dir.h"

namespace bantin::search {

Result<std::unique_ptr<Snapshot>> Snapshot::Open(const std::string& dir) {
  auto snap = std::make_unique<Snapshot>();
  // A writer may merge (and delete) segments between reading the manifest and opening them:
  // read it again then.
  for (int attempt = 0;; ++attempt) {
    auto entries = ReadManifest(dir);
    if (!entries) return Err(entries.error());
    snap->segments.clear();
    Status failed;
    for (const auto& e : *entries) {
      auto segment =
          index::SegmentReader::Open((std::filesystem::path(IndexDir(dir)) / e.name).string());
      if (!segment) {
        failed = segment.error();
        break;
      }
      snap->segments.push_back(std::move(*segment));
    }
    if (failed.ok()) break;
    if (!failed.IsIOError() || attempt == 2) return Err(failed);
  }
  uint64_t total = 0;
  std::map<std::string, int64_t> ids;
  uint32_t last_doc = 0;
  for (const auto& s : snap->segments) {
    const index::DocRows& rows = s->docs();
    if (!rows.empty() && rows.front().doc <= last_doc) {
      return Err(Status::Corruption(s->path(), "documents overlap an earlier segment's"));
    }
    if (!rows.empty()) last_doc = rows.back().doc;
    snap->base.push_back(snap->count);
    snap->count += rows.size();
    for (size_t r = 0; r < rows.size(); ++r) total += rows.length(r);
    std::vector<int64_t> map;
    for (const std::string& name : s->sources()) {
      auto [it, fresh] = ids.emplace(name, static_cast<int64_t>(snap->source_names.size()));
      if (fresh) snap->source_names.push_back(name);
      map.push_back(it->second);
    }
    snap->source_ids.push_back(std::move(map));
  }
  snap->average_length =
      snap->count == 0 ? 1.0 : std::max(1.0, static_cast<double>(total) / static_cast<double>(snap->count));
  snap->norm_per_token = kK1 * kB / snap->average_length;
  return snap;
}

int64_t Snapshot::SlotOfDoc(uint32_t doc) const {
  // The segment whose range holds `doc` (a folder has O(log n) segments), then its rows.
  for (size_t s = 0; s < segments.size(); ++s) {
    const index::DocRows& rows = segments[s]->docs();
    if (rows.empty() || doc < rows.front().doc || doc > rows.back().doc) continue;
    const int64_t row = rows.Find(doc);
    return row < 0 ? -1 : static_cast<int64_t>(base[s]) + row;
  }
  return -1;
}

size_t Snapshot::SegmentOf(size_t slot) const {
  auto it = std::upper_bound(base.begin(), base.end(), slot);
  return static_cast<size_t>(it - base.begin()) - 1;
}

}  // namespace bantin::search
