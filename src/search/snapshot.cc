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
  for (const auto& s : snap->segments) {
    if (!snap->docs.empty() && !s->docs().empty() && s->docs().front().doc <= snap->docs.back()->doc) {
      return Err(Status::Corruption(s->path(), "documents overlap an earlier segment's"));
    }
    snap->base.push_back(snap->docs.size());
    for (const index::DocInfo& d : s->docs()) {
      snap->docs.push_back(&d);
      total += d.length;
    }
    std::vector<int64_t> map;
    for (const std::string& name : s->sources()) {
      auto [it, fresh] = ids.emplace(name, static_cast<int64_t>(snap->source_names.size()));
      if (fresh) snap->source_names.push_back(name);
      map.push_back(it->second);
    }
    snap->source_ids.push_back(std::move(map));
  }
  const double avg =
      snap->docs.empty() ? 1.0 : std::max(1.0, static_cast<double>(total) / snap->docs.size());
  snap->average_length = avg;
  snap->slot_of_doc.assign(snap->docs.empty() ? 0 : snap->docs.back()->doc + 1, -1);
  snap->norm.reserve(snap->docs.size());
  for (size_t i = 0; i < snap->docs.size(); ++i) {
    snap->slot_of_doc[snap->docs[i]->doc] = static_cast<int32_t>(i);
    snap->norm.push_back(static_cast<float>(snap->Norm(snap->docs[i]->length)));
  }
  return snap;
}

size_t Snapshot::SegmentOf(size_t slot) const {
  auto it = std::upper_bound(base.begin(), base.end(), slot);
  return static_cast<size_t>(it - base.begin()) - 1;
}

}  // namespace bantin::search
