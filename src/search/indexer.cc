// The index of a data folder: its manifest, the terms of an article, full rebuilds and checks.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bantin/search.h"
#include "bantin/store.h"
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

Status WriteManifest(const std::string& dir, const std::vector<SegmentEntry>& segments) {
  const std::string path = ManifestPath(dir);
  {
    std::ofstream out(path + ".tmp", std::ios::trunc);
    out << "bantin-index 2\n";
    for (const SegmentEntry& e : segments) {
      out << e.name << ' ' << e.first << ' ' << e.last << ' ' << e.count << '\n';
    }
    out.flush();
    if (!out.good()) return Status::IOError(path + ".tmp", "cannot write");
  }
  std::error_code ec;
  fs::rename(path + ".tmp", path, ec);  // the atomic swap
  if (ec) return Status::IOError(path, ec.message());
  return Status::OK();
}

uint32_t DayNumber(const std::optional<Date>& date) {
  if (!date) return 0;
  std::chrono::year_month_day ymd{std::chrono::year(date->year),
                                  std::chrono::month(static_cast<unsigned>(date->month)),
                                  std::chrono::day(static_cast<unsigned>(date->day))};
  auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return days < 0 ? 0 : static_cast<uint32_t>(days) + 1;
}

uint32_t ArticleTerms(const Article& article, text::WordCache* cache, index::SegmentWriter* writer,
                      std::vector<index::Occurrence>* occurrences) {
  uint32_t position = 0;
  std::vector<text::Token> tokens;
  std::string term, last_fold;
  std::string_view all = article.text;
  auto add = [&](std::string_view prefix, std::string_view form, uint32_t at, bool positions) {
    term.assign(prefix);
    term.append(form);
    occurrences->push_back({writer->TermId(term, positions), at});
  };
  for (const Paragraph& p : article.paragraphs) {
    std::string_view part = all.substr(p.begin, p.end - p.begin);
    tokens.clear();
    text::Tokenize(part, &tokens);
    bool pair_open = false;  // the previous token was indexed: a pair can end here
    const bool title = p.kind == ParagraphKind::kTitle;
    for (const text::Token& t : tokens) {
      std::string_view s = part.substr(t.begin, t.end - t.begin);
      std::string_view norm, fold;
      if (t.kind == text::TokenKind::kWord) {
        text::WordCache::Forms f = cache->Get(s);
        norm = f.norm;
        fold = f.fold;
      } else if (t.kind == text::TokenKind::kNumber) {
        norm = fold = s;
      } else {
        pair_open = false;
        continue;
      }
      add("e:", norm, position, true);
      add("f:", fold, position, true);
      if (title) {  // the headline says what the article is about
        add("te:", norm, position, true);
        add("tf:", fold, position, true);
      }
      if (pair_open) {
        term.assign("p:");
        term.append(last_fold);
        term.push_back(' ');
        term.append(fold);
        occurrences->push_back({writer->TermId(term, false), position});
      }
      last_fold.assign(fold);
      pair_open = true;
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

Status CheckIndex(const std::string& dir) {
  auto entries = search::ReadManifest(dir);
  if (!entries) return entries.error();
  int64_t total = 0;
  for (const search::SegmentEntry& e : *entries) {
    const std::string path = (std::filesystem::path(search::IndexDir(dir)) / e.name).string();
    auto segment = index::SegmentReader::Open(path);
    if (!segment) return segment.error();
    BANTIN_RETURN_IF_ERROR((*segment)->CheckAll());
    const auto& docs = (*segment)->docs();
    if (docs.size() != e.count || docs.front().doc != e.first || docs.back().doc != e.last) {
      return Status::Corruption(path, "does not hold the documents the manifest names");
    }
    total += e.count;
  }
  auto store = Store::Open(dir, {});
  if (!store) return store.error();
  auto count = (*store)->Count();
  if (!count) return count.error();
  if (total != *count) {
    return Status::Corruption(search::ManifestPath(dir),
                              "indexes " + std::to_string(total) + " articles, the store holds " +
                                  std::to_string(*count) + " (run bantin ingest or bantin reindex)");
  }
  return Status::OK();
}

}  // namespace bantin
