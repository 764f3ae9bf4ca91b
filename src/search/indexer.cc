// The index of a data folder: its manifest, the terms of an article, full rebuilds and checks.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bantin/search.h"
#include "bantin/store.h"
#include "base/hash.h"
#include "index/segment.h"
#include "search/index_dir.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace bantin {
namespace search {

namespace fs = std::filesystem;

std::string IndexDir(const std::string& dir) { return (fs::path(dir) / "index").string(); }
std::string ManifestPath(const std::string& dir) {
  return (fs::path(IndexDir(dir)) / "MANIFEST").string();
}

Result<std::vector<SegmentEntry>> ReadManifest(const std::string& dir) {
  const std::string path = ManifestPath(dir);
  std::ifstream in(path);
  if (!in) return Err(Status::NotFound(dir, "no search index (run: bantin reindex --db " + dir + ")"));
  std::string line;
  std::getline(in, line);
  if (line == "bantin-index 1") {
    return Err(Status::Unsupported(path, "index format 1, this build reads 2 (run bantin reindex)"));
  }
  if (line != "bantin-index 2") return Err(Status::Corruption(path, "line 1: not a bantin index manifest"));
  std::vector<SegmentEntry> out;
  for (int n = 2; std::getline(in, line); ++n) {
    std::istringstream fields(line);
    SegmentEntry e;
    std::string rest;
    if (!(fields >> e.name >> e.first >> e.last >> e.count) || (fields >> rest) ||
        e.name.find('/') != std::string::npos || e.name.rfind(".bti") != e.name.size() - 4 ||
        e.first == 0 || e.last < e.first || e.count == 0 || e.count - 1 > e.last - e.first ||
        (!out.empty() && e.first <= out.back().last)) {
      return Err(Status::Corruption(path, "line " + std::to_string(n) + ": malformed segment entry"));
    }
    out.push_back(std::move(e));
  }
  return out;
}

Status WriteManifest(const std::string& dir, const std::vector<SegmentEntry>& segments, Env* env) {
  std::string text = "bantin-index 2\n";
  for (const SegmentEntry& e : segments) {
    text += e.name + ' ' + std::to_string(e.first) + ' ' + std::to_string(e.last) + ' ' +
            std::to_string(e.count) + '\n';
  }
  return WriteFileDurably(env, ManifestPath(dir), {text});
}

uint32_t DayNumber(const std::optional<Date>& date) {
  if (!date) return 0;
  std::chrono::year_month_day ymd{std::chrono::year(date->year),
                                  std::chrono::month(static_cast<unsigned>(date->month)),
                                  std::chrono::day(static_cast<unsigned>(date->day))};
  auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return days < 0 ? 0 : static_cast<uint32_t>(days) + 1;
}

FormTerms::Ids& FormTerms::Get(std::string_view norm, uint64_t norm_hash, std::string_view fold,
                               index::SegmentWriter* writer) {
  int64_t at = by_hash_.Find(norm_hash);
  // Exact: the form behind the hash is compared; a (never yet seen) 64-bit collision only
  // costs the cache, the terms are still looked up by name.
  if (at >= 0 && writer->TermName(ids_[static_cast<size_t>(at)].exact).substr(2) == norm) {
    return ids_[static_cast<size_t>(at)];
  }
  auto id = [&](std::string_view prefix, std::string_view form) {
    scratch_.assign(prefix);
    scratch_.append(form);
    return writer->TermId(scratch_);
  };
  Ids ids{id("e:", norm), id("f:", fold)};
  if (at >= 0) {  // the slot is taken by another form: keep the first, serve this one uncached
    scratch_ready_ = ids;
    return scratch_ready_;
  }
  by_hash_.Insert(norm_hash, static_cast<uint32_t>(ids_.size()));
  ids_.push_back(ids);
  return ids_.back();
}

uint32_t FormTerms::ParagraphTerm(index::SegmentWriter* writer) {
  if (paragraph_term_ < 0) paragraph_term_ = writer->TermId(kParagraphTerm);
  return static_cast<uint32_t>(paragraph_term_);
}

uint32_t ArticleTerms(const Article& article, text::WordCache* cache, FormTerms* forms,
                      index::SegmentWriter* writer, std::vector<index::Occurrence>* occurrences) {
  uint32_t position = 0;
  std::vector<text::Token> tokens;
  std::string term;
  std::string_view all = article.text;
  for (const Paragraph& p : article.paragraphs) {
    std::string_view part = all.substr(p.begin, p.end - p.begin);
    occurrences->push_back({forms->ParagraphTerm(writer), position});
    tokens.clear();
    text::Tokenize(part, &tokens);
    int64_t last_fold = -1;  // the previous token's "f:" term, if it was indexed
    const bool title = p.kind == ParagraphKind::kTitle;
    for (const text::Token& t : tokens) {
      std::string_view s = part.substr(t.begin, t.end - t.begin);
      FormTerms::Ids* ids;
      if (t.kind == text::TokenKind::kWord) {
        text::WordCache::Forms f = cache->Get(s);
        ids = &forms->Get(f.norm, f.norm_hash, f.fold, writer);
      } else if (t.kind == text::TokenKind::kNumber) {
        ids = &forms->Get(s, HashBytes(s), s, writer);
      } else {
        last_fold = -1;
        continue;
      }
      occurrences->push_back({ids->exact, position});
      occurrences->push_back({ids->folded, position});
      if (title) {  // the headline says what the article is about
        if (ids->title_exact < 0) {
          // Names are copied out first: TermId may move the writer's term storage.
          term.assign("te:").append(writer->TermName(ids->exact).substr(2));
          std::string folded = "tf:" + std::string(writer->TermName(ids->folded).substr(2));
          ids->title_exact = writer->TermId(term);
          ids->title_folded = writer->TermId(folded);
        }
        occurrences->push_back({static_cast<uint32_t>(ids->title_exact), position});
        occurrences->push_back({static_cast<uint32_t>(ids->title_folded), position});
      }
      if (last_fold >= 0) {
        occurrences->push_back(
            {writer->PairTermId("p:", static_cast<uint32_t>(last_fold), ids->folded, 2), position});
      }
      last_fold = ids->folded;
      ++position;
    }
    position += kParagraphGap;
  }
  return position;
}

}  // namespace search

Result<size_t> Reindex(const std::string& dir) {
  auto store = Store::Open(dir, {});
  if (!store) return Err(store.error());
  auto writer = IndexWriter::Open(dir);
  if (!writer) return Err(writer.error());
  BANTIN_RETURN_IF_ERROR((*writer)->Rebuild(**store));
  return (*writer)->doc_count();
}

Result<int64_t> CheckIndex(const std::string& dir) {
  auto entries = search::ReadManifest(dir);
  if (!entries) return Err(entries.error());
  int64_t total = 0;
  for (const search::SegmentEntry& e : *entries) {
    const std::string path = (std::filesystem::path(search::IndexDir(dir)) / e.name).string();
    auto segment = index::SegmentReader::Open(path);
    if (!segment) return Err(segment.error());
    BANTIN_RETURN_IF_ERROR((*segment)->CheckAll());
    const auto& docs = (*segment)->docs();
    if (docs.size() != e.count || docs.front().doc != e.first || docs.back().doc != e.last) {
      return Err(Status::Corruption(path, "does not hold the documents the manifest names"));
    }
    total += e.count;
  }
  auto store = Store::Open(dir, {});
  if (!store) return Err(store.error());
  const int64_t last = entries->empty() ? 0 : entries->back().last;
  auto covered = (*store)->CountUpTo(last);
  auto count = (*store)->Count();
  if (!covered) return Err(covered.error());
  if (!count) return Err(count.error());
  if (total != *covered) {
    return Err(Status::Corruption(search::ManifestPath(dir),
                                  "indexes " + std::to_string(total) + " articles up to document " +
                                      std::to_string(last) + ", the store holds " + std::to_string(*covered) +
                                      " there (run bantin reindex)"));
  }
  return *count - *covered;
}

}  // namespace bantin
