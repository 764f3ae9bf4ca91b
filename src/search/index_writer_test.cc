#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "bantin/ingest.h"
#include "bantin/search.h"
#include "bantin/store.h"
#include "search/index_dir.h"
#include "search/snapshot.h"
#include "text/normalizer.h"

namespace bantin {
namespace {

namespace fs = std::filesystem;

SearchOptions Hundred() {
  SearchOptions o;
  o.limit = 100;
  return o;
}

class IndexWriterTest : public ::testing::Test {
 protected:
  std::string dir_ = testing::TempDir() + "/index_writer_test_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::unique_ptr<bantin::Store> store_;

  void SetUp() override {
    fs::remove_all(dir_);
    auto s = Store::Open(dir_, {.create = true});
    ASSERT_TRUE(s.has_value());
    store_ = std::move(*s);
  }
  // Stores articles first..last (one word each that only they hold: "mốc<i>").
  void StoreArticles(int first, int last) {
    std::vector<Article> batch;
    for (int i = first; i <= last; ++i) {
      Article a;
      a.id = "a" + std::to_string(i);
      a.text = "Tin số " + std::to_string(i) + "\nmốc" + std::to_string(i) + " đàm phán hòa bình";
      a.title = "Tin số " + std::to_string(i);
      a.paragraphs = {{ParagraphKind::kTitle, 0, static_cast<uint32_t>(a.title.size())},
                      {ParagraphKind::kBody, static_cast<uint32_t>(a.title.size() + 1),
                       static_cast<uint32_t>(a.text.size())}};
      batch.push_back(a);
    }
    ASSERT_TRUE(store_->Add(batch).has_value());
  }
  // One ingest's index step: what the store holds beyond the index, indexed and published.
  void IndexNewArticles() {
    auto w = IndexWriter::Open(dir_);
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->CatchUp(*store_).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  std::vector<std::string> Ids(std::string_view q) {
    auto s = Searcher::Open(dir_);
    EXPECT_TRUE(s.has_value()) << s.error().ToString();
    if (!s) return {};
    auto r = (*s)->Search(q, Hundred());
    EXPECT_TRUE(r.has_value());
    std::vector<std::string> ids;
    for (const auto& h : r->hits) ids.push_back(h.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

TEST_F(IndexWriterTest, CommitsAddSegmentsThatMergeGeometrically) {
  std::vector<size_t> counts;
  for (int round = 0; round < 8; ++round) {
    StoreArticles(round * 10 + 1, round * 10 + 10);
    auto w = IndexWriter::Open(dir_);
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->CatchUp(*store_).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    EXPECT_EQ((*w)->doc_count(), static_cast<size_t>(round * 10 + 10));
    auto manifest = search::ReadManifest(dir_);
    ASSERT_TRUE(manifest.has_value());
    for (size_t i = 1; i < manifest->size(); ++i) {
      // Sizes fall geometrically from the oldest segment to the newest.
      EXPECT_GT((*manifest)[i - 1].count, 2 * (*manifest)[i].count) << round;
    }
    counts.push_back(manifest->size());
    EXPECT_EQ(CheckIndex(dir_).value(), 0);
  }
  // [10] [20] [30] [30 10] [50] [50 10] [50 20] [80]
  EXPECT_EQ(counts, (std::vector<size_t>{1, 1, 1, 2, 1, 2, 2, 1}));
  EXPECT_EQ(Ids("moc37"), (std::vector<std::string>{"a37"}));
  EXPECT_EQ(Ids("đàm phán").size(), 80u);
  // Only the live segments stay on disk.
  size_t files = 0;
  for (const auto& f : fs::directory_iterator(search::IndexDir(dir_))) {
    files += f.path().extension() == ".bti";
  }
  EXPECT_EQ(files, 1u);
}

TEST_F(IndexWriterTest, SearchersKeepTheirSnapshotWhileTheIndexChanges) {
  StoreArticles(1, 5);
  ASSERT_TRUE(Reindex(dir_).has_value());
  auto before = Searcher::Open(dir_);
  ASSERT_TRUE(before.has_value());
  StoreArticles(6, 20);
  {
    auto w = IndexWriter::Open(dir_);
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->CatchUp(*store_).ok());
    ASSERT_TRUE((*w)->Commit().ok());  // merges: the segment `before` holds is deleted
  }
  auto r = (*before)->Search("đàm phán", Hundred());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->hits.size(), 5u);
  EXPECT_EQ(Ids("đàm phán").size(), 20u);
}

TEST_F(IndexWriterTest, UnpublishedSegmentsAreRemovedAndTheStoreCaughtUp) {
  StoreArticles(1, 5);
  ASSERT_TRUE(Reindex(dir_).has_value());
  StoreArticles(6, 9);
  {
    // A writer that dies after writing its segment, before publishing it.
    auto w = IndexWriter::Open(dir_);
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->CatchUp(*store_).ok());
  }
  std::ofstream(search::IndexDir(dir_) + "/seg-orphan.bti") << "half a segment";
  EXPECT_EQ(CheckIndex(dir_).value(), 4);  // 5 indexed, 9 stored: 4 behind, no damage
  auto w = IndexWriter::Open(dir_);
  ASSERT_TRUE(w.has_value());
  EXPECT_FALSE(fs::exists(search::IndexDir(dir_) + "/seg-orphan.bti"));
  ASSERT_TRUE((*w)->CatchUp(*store_).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_EQ(CheckIndex(dir_).value(), 0);
  EXPECT_EQ(Ids("moc8"), (std::vector<std::string>{"a8"}));
}

TEST_F(IndexWriterTest, ADamagedManifestIsReportedAndReindexRepairsIt) {
  StoreArticles(1, 3);
  ASSERT_TRUE(Reindex(dir_).has_value());
  std::ofstream(search::ManifestPath(dir_)) << "bantin-index 2\nseg-x.bti 1 zz 3\n";
  auto check = CheckIndex(dir_);
  ASSERT_FALSE(check.has_value());
  EXPECT_TRUE(check.error().IsCorruption()) << check.error().ToString();
  EXPECT_NE(check.error().message().find("line 2"), std::string::npos);
  auto w = IndexWriter::Open(dir_);
  ASSERT_TRUE(w.has_value());
  EXPECT_TRUE((*w)->CatchUp(*store_).IsCorruption());
  w->reset();
  ASSERT_TRUE(Reindex(dir_).has_value());
  EXPECT_EQ(CheckIndex(dir_).value(), 0);
}

// An index an older build wrote is refused by searches (naming the cure) and rebuilt from the
// store by the next ingest's writer.
TEST_F(IndexWriterTest, AnIndexOfAnOlderFormatIsRebuiltByTheNextIngest) {
  StoreArticles(1, 3);
  ASSERT_TRUE(Reindex(dir_).has_value());
  auto live = search::ReadManifest(dir_);
  ASSERT_TRUE(live.has_value());
  ASSERT_EQ(live->size(), 1u);
  const std::string path = search::IndexDir(dir_) + "/" + (*live)[0].name;
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(8);
    f.put(3);  // the format version, as a build of format 3 wrote it
  }
  auto refused = Searcher::Open(dir_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(refused.error().IsUnsupported()) << refused.error().ToString();
  EXPECT_NE(refused.error().message().find("run bantin reindex"), std::string::npos);
  StoreArticles(4, 5);
  IndexNewArticles();
  EXPECT_EQ(CheckIndex(dir_).value(), 0);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(Ids("moc2"), (std::vector<std::string>{"a2"}));
  EXPECT_EQ(Ids("moc5"), (std::vector<std::string>{"a5"}));
}

// Store numbers map to slots and back across segments (what entity filters use), read from the
// segments' document tables.
TEST_F(IndexWriterTest, StoreNumbersAndSlotsMapBothWaysAcrossSegments) {
  StoreArticles(1, 10);
  ASSERT_TRUE(Reindex(dir_).has_value());
  StoreArticles(11, 12);
  IndexNewArticles();
  auto snap = search::Snapshot::Open(dir_);
  ASSERT_TRUE(snap.has_value()) << snap.error().ToString();
  ASSERT_EQ((*snap)->segments.size(), 2u);
  ASSERT_EQ((*snap)->size(), 12u);
  for (uint32_t doc = 1; doc <= 12; ++doc) {
    const int64_t slot = (*snap)->SlotOfDoc(doc);
    ASSERT_GE(slot, 0) << doc;
    EXPECT_EQ((*snap)->Doc(static_cast<size_t>(slot)).doc, doc);
  }
  EXPECT_EQ((*snap)->SlotOfDoc(0), -1);
  EXPECT_EQ((*snap)->SlotOfDoc(13), -1);
}

// Pairs of neighbouring words are indexed, folded, without crossing punctuation.
TEST(ArticleTermsTest, PairsOfNeighboursWithinPunctuation) {
  auto normalizer = text::Normalizer::Create();
  ASSERT_TRUE(normalizer.has_value());
  text::WordCache cache(normalizer->get());
  Article a;
  a.text = "Đàm phán, hòa bình";
  a.paragraphs = {{ParagraphKind::kBody, 0, static_cast<uint32_t>(a.text.size())}};
  index::SegmentWriter w;
  search::FormTerms forms;
  std::vector<index::Occurrence> occ;
  EXPECT_EQ(search::ArticleTerms(a, &cache, &forms, &w, &occ), 4u + search::kParagraphGap);
  std::string path = testing::TempDir() + "/article_terms_test.bti";
  w.AddDocument(1, 4, 0, "", &occ);
  ASSERT_TRUE(w.WriteTo(path).ok());
  auto r = index::SegmentReader::Open(path);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ((*r)->DocFreq("p:dam phan"), 1u);
  EXPECT_EQ((*r)->DocFreq("p:hoa binh"), 1u);
  EXPECT_EQ((*r)->DocFreq("p:phan hoa"), 0u);  // a comma between
  EXPECT_EQ((*r)->DocFreq("e:đàm"), 1u);
  EXPECT_EQ((*r)->DocFreq("f:dam"), 1u);
  EXPECT_EQ((*r)->DocFreq("e:hòa"), 1u);
  EXPECT_FALSE((*r)->Postings("p:dam phan").has_positions());
  auto c = (*r)->Postings("e:bình");
  ASSERT_TRUE(c.Next());
  EXPECT_EQ(std::vector<uint32_t>(c.positions().begin(), c.positions().end()), (std::vector<uint32_t>{3}));
}

}  // namespace
}  // namespace bantin
