// Reindex: the store's articles -> one index segment, swapped in through the manifest.
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

Result<std::string> LiveSegment(const std::string& dir) {
  std::ifstream in(ManifestPath(dir));
  if (!in) return Err(Status::NotFound(dir, "no search index (run: bantin reindex --db " + dir + ")"));
  std::string magic, name;
  std::getline(in, magic);
  std::getline(in, name);
  if (magic != "bantin-index 1" || name.empty() || name.find('/') != std::string::npos) {
    return Err(Status::Corruption(ManifestPath(dir), "malformed manifest"));
  }
  return (fs::path(IndexDir(dir)) / name).string();
}

uint32_t DayNumber(const std::optional<Date>& date) {
  if (!date) return 0;
  std::chrono::year_month_day ymd{std::chrono::year(date->year),
                                  std::chrono::month(static_cast<unsigned>(date->month)),
                                  std::chrono::day(static_cast<unsigned>(date->day))};
  auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return days < 0 ? 0 : static_cast<uint32_t>(days) + 1;
}

uint32_t ArticleTerms(const Article& article, text::WordCache* cache,
                      index::TermPositions* terms) {
  uint32_t position = 0;
  std::vector<text::Token> tokens;
  std::string_view all = article.text;
  for (const Paragraph& p : article.paragraphs) {
    std::string_view part = all.substr(p.begin, p.end - p.begin);
    tokens.clear();
    text::Tokenize(part, &tokens);
    for (const text::Token& t : tokens) {
      std::string_view s = part.substr(t.begin, t.end - t.begin);
      std::string norm, fold;
      if (t.kind == text::TokenKind::kWord) {
        text::WordCache::Forms f = cache->Get(s);
        norm.assign(f.norm);
        fold.assign(f.fold);
      } else if (t.kind == text::TokenKind::kNumber) {
        norm = fold = std::string(s);
      } else {
        continue;
      }
      (*terms)["e:" + norm].push_back(position);
      (*terms)["f:" + fold].push_back(position);
      if (p.kind == ParagraphKind::kTitle) {  // the headline says what the article is about
        (*terms)["te:" + norm].push_back(position);
        (*terms)["tf:" + fold].push_back(position);
      }
      ++position;
    }
    position += kParagraphGap;
  }
  return position;
}

}  // namespace search

Result<size_t> Reindex(const std::string& dir) {
  namespace fs = std::filesystem;
  auto store = Store::Open(dir, {});
  if (!store) return Err(store.error());
  auto normalizer = text::Normalizer::Create();
  if (!normalizer) return Err(normalizer.error());
  text::WordCache cache(normalizer->get());
  index::SegmentWriter writer;
  index::TermPositions terms;
  Status s = (*store)->ForEach([&](const StoredArticle& a) {
    terms.clear();
    uint32_t length = search::ArticleTerms(a.article, &cache, &terms);
    writer.AddDocument(static_cast<uint32_t>(a.doc), length, search::DayNumber(a.article.date),
                       a.article.source, terms);
    return Status::OK();
  });
  if (!s.ok()) return Err(s);
  std::error_code ec;
  fs::create_directories(search::IndexDir(dir), ec);
  if (ec) return Err(Status::IOError(search::IndexDir(dir), ec.message()));
  // A fresh name each time: readers holding the old segment keep it until they close.
  auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  std::string name = "seg-" + std::to_string(stamp) + ".bti";
  std::string path = (fs::path(search::IndexDir(dir)) / name).string();
  BANTIN_RETURN_IF_ERROR(writer.WriteTo(path));
  auto old = search::LiveSegment(dir);
  std::string manifest = search::ManifestPath(dir);
  {
    std::ofstream out(manifest + ".tmp", std::ios::trunc);
    out << "bantin-index 1\n" << name << "\n";
    out.flush();
    if (!out.good()) return Err(Status::IOError(manifest + ".tmp", "cannot write"));
  }
  fs::rename(manifest + ".tmp", manifest, ec);  // the atomic swap
  if (ec) return Err(Status::IOError(manifest, ec.message()));
  if (old && *old != path) fs::remove(*old, ec);  // open readers keep their file on POSIX
  return writer.doc_count();
}

Status CheckIndex(const std::string& dir) {
  auto path = search::LiveSegment(dir);
  if (!path) return path.error();
  auto segment = index::SegmentReader::Open(*path);
  if (!segment) return segment.error();
  BANTIN_RETURN_IF_ERROR((*segment)->CheckAll());
  auto store = Store::Open(dir, {});
  if (!store) return store.error();
  auto count = (*store)->Count();
  if (!count) return count.error();
  if (static_cast<size_t>(*count) != (*segment)->docs().size()) {
    return Status::Corruption(*path, "indexes " + std::to_string((*segment)->docs().size()) +
                                         " articles, the store holds " + std::to_string(*count) +
                                         " (run bantin reindex)");
  }
  return Status::OK();
}

}  // namespace bantin
