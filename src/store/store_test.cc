#include "bantin/store.h"

#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace bantin {
namespace {

namespace fs = std::filesystem;

Article Make(const std::string& id, const std::string& title, const std::string& body) {
  Article a;
  a.id = id;
  a.origin = id + ".txt";
  a.title = title;
  a.body = body;
  a.captions = {"Ảnh một. Ảnh: TASS"};
  a.text = title + "\n\n" + body + "\n" + a.captions[0];
  auto t = static_cast<uint32_t>(title.size()), b = static_cast<uint32_t>(body.size());
  a.paragraphs = {{ParagraphKind::kTitle, 0, t},
                  {ParagraphKind::kBody, t + 2, t + 2 + b},
                  {ParagraphKind::kCaption, t + 3 + b, static_cast<uint32_t>(a.text.size())}};
  a.source = "TASS";
  a.date = *Date::Parse("2025-12-24");
  return a;
}

class StoreTest : public ::testing::Test {
 protected:
  std::string dir_ = testing::TempDir() + "/store_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name();
  void SetUp() override { fs::remove_all(dir_); }
  std::unique_ptr<Store> OpenStore(bool create = true) {
    auto s = Store::Open(dir_, {.create = create});
    EXPECT_TRUE(s.has_value()) << s.error().ToString();
    return s ? std::move(*s) : nullptr;
  }
};

TEST_F(StoreTest, AddsOnceByIdOrContentAndReadsBack) {
  auto store = OpenStore();
  auto first = store->Add({Make("a", "Đàm phán", "Nga và Mỹ."), Make("b", "Hòa bình", "Thân.")});
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(*first, (std::vector<AddOutcome>{AddOutcome::kAdded, AddOutcome::kAdded}));
  auto again = store->Add({Make("a", "Khác", "Khác."), Make("c", "Đàm phán", "Nga và Mỹ."),
                           Make("d", "Mới", "Mới.")});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, (std::vector<AddOutcome>{AddOutcome::kDuplicateId,
                                             AddOutcome::kDuplicateContent, AddOutcome::kAdded}));
  EXPECT_EQ(*store->Count(), 3);

  auto got = store->Get("a");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->doc, 1);
  const Article& a = got->article;
  Article want = Make("a", "Đàm phán", "Nga và Mỹ.");
  EXPECT_EQ(a.title, want.title);
  EXPECT_EQ(a.text, want.text);
  EXPECT_EQ(a.captions, want.captions);
  EXPECT_EQ(a.source, "TASS");
  EXPECT_EQ(a.date->ToString(), "2025-12-24");
  EXPECT_EQ(a.body, want.body);
  ASSERT_EQ(a.paragraphs.size(), 3u);
  EXPECT_EQ(a.paragraphs[1].begin, want.paragraphs[1].begin);
  EXPECT_EQ(a.paragraphs[1].kind, ParagraphKind::kBody);
  EXPECT_TRUE(store->Get("zz").error().IsNotFound());

  std::vector<std::string> order;
  ASSERT_TRUE(store->ForEach([&](const StoredArticle& s) {
    order.push_back(s.article.id);
    return Status::OK();
  }).ok());
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "d"}));
  EXPECT_TRUE(store->Check()->ok());
}

TEST_F(StoreTest, PersistsAcrossOpens) {
  {
    auto store = OpenStore();
    ASSERT_TRUE(store->Add({Make("x", "Một", "Hai.")}).has_value());
  }
  auto store = OpenStore(/*create=*/false);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->Count(), 1);
}

TEST_F(StoreTest, MissingFolderIsNotFound) {
  auto s = Store::Open(dir_, {});
  ASSERT_FALSE(s.has_value());
  EXPECT_TRUE(s.error().IsNotFound());
  fs::create_directories(dir_);
  auto t = Store::Open(dir_, {});
  ASSERT_FALSE(t.has_value());
  EXPECT_TRUE(t.error().IsNotFound()) << t.error().ToString();
}

// `stored_at` comes from the Env's clock.
TEST_F(StoreTest, StoredAtComesFromTheEnvClock) {
  auto clock = NewMemEnv({}, {}, 1764547200);  // 2025-12-01T00:00:00Z
  {
    auto store = Store::Open(dir_, {.create = true, .env = clock.get()});
    ASSERT_TRUE(store.has_value());
    Article a;
    a.id = "t";
    a.title = a.text = "Tin";
    a.paragraphs = {{ParagraphKind::kTitle, 0, 3}};
    ASSERT_TRUE((*store)->Add({a}).has_value());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/bantin.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT stored_at FROM articles", -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "2025-12-01T00:00:00Z");
  sqlite3_finalize(q);
  sqlite3_close(db);
}

TEST_F(StoreTest, NewerSchemaIsRefused) {
  { OpenStore(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/bantin.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "UPDATE meta SET value = '10' WHERE key = 'schema_version'", nullptr, nullptr,
               nullptr);
  sqlite3_close(db);
  auto s = Store::Open(dir_, {});
  ASSERT_FALSE(s.has_value());
  EXPECT_TRUE(s.error().IsUnsupported());
  EXPECT_NE(s.error().message().find("schema 10, this build reads 1..9"), std::string::npos);
}

TEST_F(StoreTest, ExtractionsAreStoredReplacedAndListed) {
  auto store = OpenStore();
  Article a;
  a.id = "a";
  a.title = "Putin gặp Witkoff";
  a.text = "Putin gặp Witkoff\n\nPutin sẽ gặp Witkoff.";
  const uint32_t body = static_cast<uint32_t>(a.text.find("\n\n") + 2);
  a.paragraphs = {{ParagraphKind::kTitle, 0, body - 2}, {ParagraphKind::kBody, body, static_cast<uint32_t>(a.text.size())}};
  ASSERT_TRUE(store->Add({a}).has_value());
  Extraction x;
  x.doc = 1;
  Entity putin;
  putin.begin = 0;
  putin.end = 5;
  putin.text = "Putin";
  putin.canonical = "Vladimir Putin";
  x.entities = {putin};
  Event meet;
  meet.code = "04";
  meet.label = "consult";
  meet.source = "Vladimir Putin";
  meet.target = "Steve Witkoff";
  meet.date = "2025-12-02";
  meet.sentence_end = body - 2;
  meet.status = "planned";
  meet.mentions = {{body, static_cast<uint32_t>(a.text.size()), 30, 35}};
  x.events = {meet};
  x.aliases = {{"Vladimir Putin", "Vladimir Putin", "vladimir putin", "vladimir putin"},
               {"Vladimir Putin", "Putin", "putin", "putin"},
               {"Steve Witkoff", "Steve Witkoff", "steve witkoff", "steve witkoff"}};
  ASSERT_TRUE(store->extractions().Put({x}).ok());
  ASSERT_TRUE(store->extractions().Put({x}).ok());  // again: replaced, not doubled
  EXPECT_EQ(store->extractions().LastDoc().value(), 1);
  std::vector<EntityCount> counts;
  ASSERT_TRUE(store->extractions().ListEntities("PER", 10, [&](const EntityCount& c) { counts.push_back(c); }).ok());
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].canonical, "Vladimir Putin");
  EXPECT_EQ(counts[0].mentions, 1);
  std::vector<StoredEvent> events;
  auto collect = [&](const StoredEvent& e) { events.push_back(e); };
  ASSERT_TRUE(store->extractions().ListEvents(EntityKeys{"steve witkoff", "steve witkoff"}, std::nullopt,
                                std::nullopt, 10, collect).ok());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].article_id, "a");
  EXPECT_EQ(events[0].sentence, "Putin gặp Witkoff");
  EXPECT_EQ(events[0].event.status, "planned");
  ASSERT_EQ(events[0].event.mentions.size(), 1u);
  EXPECT_EQ(events[0].event.mentions[0].trigger_begin, 30u);
  EXPECT_EQ(events[0].event.mentions[0].trigger_end, 35u);
  EXPECT_EQ(events[0].mention_sentences, std::vector<std::string>{"Putin sẽ gặp Witkoff."});
  const Extraction back = store->extractions().Get(1).value();
  ASSERT_EQ(back.events.size(), 1u);
  EXPECT_EQ(back.events[0].mentions.size(), 1u);
  EXPECT_EQ(back.events[0].status, "planned");
  events.clear();
  ASSERT_TRUE(store->extractions().ListEvents(std::nullopt, Date{2025, 12, 3}, std::nullopt, 10, collect).ok());
  EXPECT_TRUE(events.empty());
  ASSERT_TRUE(store->extractions().ListEvents(EntityKeys{"witkoff", "witkoff"}, std::nullopt,
                                std::nullopt, 10, collect).ok());
  EXPECT_TRUE(events.empty());  // no alias "Witkoff" was stored
  const std::vector<int64_t> first = {1};
  EXPECT_EQ(store->extractions().DocsWithEntity({"vladimir putin", "vladimir putin"}).value(), first);
  EXPECT_EQ(store->extractions().DocsWithEntity({"putin", "putin"}).value(), first);  // an alias
  EXPECT_TRUE(store->extractions().DocsWithEntity({"witkoff", "witkoff"}).value().empty());
}

// A name stands for the entities with an alias of its exact key, else of its folded key.
TEST_F(StoreTest, EntityNamesResolveExactFirstThenFolded) {
  auto store = OpenStore();
  std::vector<Article> articles(2);
  std::vector<Extraction> batch(2);
  const char* canonicals[] = {"Mỹ", "My"};
  for (int i = 0; i < 2; ++i) {
    articles[i].id = std::to_string(i);
    articles[i].title = articles[i].text = std::string(canonicals[i]) + " " + std::to_string(i);
    articles[i].paragraphs = {{ParagraphKind::kTitle, 0, static_cast<uint32_t>(articles[i].text.size())}};
    Entity e;
    e.text = e.canonical = canonicals[i];
    e.type = i == 0 ? EntityType::kLocation : EntityType::kPerson;
    batch[i].doc = i + 1;
    batch[i].entities = {e};
  }
  batch[0].aliases = {{"Mỹ", "Mỹ", "mỹ", "my"}, {"Mỹ", "Hoa Kỳ", "hoa kỳ", "hoa ky"},
                      {"Mỹ", "United States", "united states", "united states"}};
  batch[1].aliases = {{"My", "My", "my", "my"}};
  ASSERT_TRUE(store->Add(articles).has_value());
  ASSERT_TRUE(store->extractions().Put(batch).ok());
  auto docs = [&](const char* exact, const char* folded) {
    return store->extractions().DocsWithEntity({exact, folded}).value();
  };
  EXPECT_EQ(docs("mỹ", "my"), (std::vector<int64_t>{1}));  // exact: the country only
  EXPECT_EQ(docs("my", "my"), (std::vector<int64_t>{2}));  // exact: the person only
  EXPECT_EQ(docs("united states", "united states"), (std::vector<int64_t>{1}));
  EXPECT_EQ(docs("hoa ky", "hoa ky"), (std::vector<int64_t>{1}));  // no exact: folded
  EXPECT_EQ(docs("mý", "my"), (std::vector<int64_t>{1, 2}));       // no exact: both fold so
  EXPECT_TRUE(docs("nga", "nga").empty());
  auto us = store->extractions().FindEntities({"hoa kỳ", "hoa ky"}).value();
  ASSERT_EQ(us.size(), 1u);
  EXPECT_EQ(us[0].canonical, "Mỹ");
  EXPECT_EQ(us[0].aliases, (std::vector<std::string>{"Mỹ", "Hoa Kỳ", "United States"}));
  auto both = store->extractions().FindEntities({"mý", "my"}).value();
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].canonical, "My");
  EXPECT_EQ(both[1].canonical, "Mỹ");
}

namespace {

// An extraction of document `doc` naming each of `canonicals` once (each its own alias).
Extraction Naming(int64_t doc, const std::vector<std::string>& canonicals) {
  Extraction x;
  x.doc = doc;
  for (const std::string& c : canonicals) {
    Entity e;
    e.canonical = c;  // an empty span (its text checked against the article's bytes)
    x.entities.push_back(e);
    std::string key = c;
    for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    x.aliases.push_back({c, c, key, key});
  }
  return x;
}

int64_t Count(const std::string& dir, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open((dir + "/bantin.db").c_str(), &db);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &q, nullptr);
  const int64_t n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
  sqlite3_finalize(q);
  sqlite3_close(db);
  return n;
}

void Exec(const std::string& dir, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/bantin.db").c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

}  // namespace

// entity_docs holds each (name, document) pair of the mentions once, follows an article's
// extraction when it is replaced, and `check` finds and repairs it when it does not.
TEST_F(StoreTest, EntityDocumentsFollowTheMentions) {
  auto store = OpenStore();
  ASSERT_TRUE(store->Add({Make("a", "Một", "một"), Make("b", "Hai", "hai")}).has_value());
  ASSERT_TRUE(store->extractions().Put({Naming(1, {"Putin", "Putin", "Witkoff"}), Naming(2, {"Putin"})}).ok());
  const std::vector<int64_t> both = {1, 2}, first = {1}, second = {2};
  EXPECT_EQ(store->extractions().DocsWithEntity({"putin", "putin"}).value(), both);
  EXPECT_EQ(Count(dir_, "SELECT count(*) FROM entity_docs"), 3);
  ASSERT_TRUE(store->extractions().Put({Naming(1, {"Witkoff"})}).ok());  // Putin no longer in 1
  EXPECT_EQ(store->extractions().DocsWithEntity({"putin", "putin"}).value(), second);
  EXPECT_EQ(store->extractions().DocsWithEntity({"witkoff", "witkoff"}).value(), first);
  EXPECT_EQ(store->extractions().FindEntities({"putin", "putin"}).value().size(), 1u);
  ASSERT_TRUE(store->Check()->ok());

  Exec(dir_, "DELETE FROM entity_docs WHERE doc = 2; INSERT INTO entity_docs VALUES('Nobody', 1);");
  auto report = store->Check();
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->bad_entity_docs);
  ASSERT_EQ(report->problems.size(), 2u);
  EXPECT_NE(report->problems[0].ToString().find("1 (name, document) pairs of entities have no row"), std::string::npos)
      << report->problems[0].ToString();
  EXPECT_NE(report->problems[1].ToString().find("1 rows name a pair no entity mention has"), std::string::npos)
      << report->problems[1].ToString();
  EXPECT_TRUE(report->bad_extractions.empty());
  ASSERT_TRUE(store->RepairDerived(*report).ok());
  EXPECT_TRUE(store->Check()->ok());
  EXPECT_EQ(store->extractions().DocsWithEntity({"putin", "putin"}).value(), second);
}

// A folder of schema 8 has no entity_docs: opening it fills the table from its entities, and
// later extractions keep it.
TEST_F(StoreTest, SchemaEightEntitiesGetTheirDocuments) {
  {
    auto store = OpenStore();
    ASSERT_TRUE(store->Add({Make("a", "Một", "một"), Make("b", "Hai", "hai")}).has_value());
    ASSERT_TRUE(store->extractions().Put({Naming(1, {"Putin", "Putin"}), Naming(2, {"Putin", "Nga"})}).ok());
  }
  Exec(dir_, "DROP TRIGGER entity_docs_add; DROP TRIGGER entity_docs_drop; DROP TABLE entity_docs; "
             "UPDATE meta SET value = '8' WHERE key = 'schema_version';");
  auto store = OpenStore();
  EXPECT_EQ(Count(dir_, "SELECT value FROM meta WHERE key = 'schema_version'"), 9);
  EXPECT_EQ(Count(dir_, "SELECT count(*) FROM entity_docs"), 3);
  const std::vector<int64_t> both = {1, 2}, second = {2};
  EXPECT_EQ(store->extractions().DocsWithEntity({"putin", "putin"}).value(), both);
  ASSERT_TRUE(store->extractions().Put({Naming(1, {"Nga"})}).ok());
  EXPECT_EQ(store->extractions().DocsWithEntity({"putin", "putin"}).value(), second);
  EXPECT_TRUE(store->Check()->ok());
}

// A place called exactly the name stands for it alone; people who carry the name as part of
// theirs are meant only by their full names. Among people, every bearer of the alias counts.
TEST_F(StoreTest, APlaceCalledSoLeavesOutPeopleNamedSo) {
  auto store = OpenStore();
  ASSERT_TRUE(store->Add({Make("a", "Một", "một"), Make("b", "Hai", "hai"), Make("c", "Ba", "ba"),
                          Make("d", "Bốn", "bốn")}).has_value());
  auto naming = [](int64_t doc, const char* canonical, EntityType type, std::vector<EntityAlias> aliases) {
    Extraction x = Naming(doc, {canonical});
    x.entities[0].type = type;
    x.aliases = std::move(aliases);
    return x;
  };
  ASSERT_TRUE(store->extractions().Put({
      naming(1, "Nga", EntityType::kLocation, {{"Nga", "Nga", "nga", "nga"}, {"Nga", "Russia", "russia", "russia"}}),
      naming(2, "Phương Nga", EntityType::kPerson, {{"Phương Nga", "Phương Nga", "phương nga", "phuong nga"},
                                                    {"Phương Nga", "Nga", "nga", "nga"}}),
      naming(3, "Vladimir Putin", EntityType::kPerson, {{"Vladimir Putin", "Vladimir Putin", "vladimir putin", "vladimir putin"},
                                                        {"Vladimir Putin", "Putin", "putin", "putin"}}),
      naming(4, "Putin", EntityType::kPerson, {{"Putin", "Putin", "putin", "putin"}})}).ok());
  auto docs = [&](const char* exact, const char* folded) {
    return store->extractions().DocsWithEntity({exact, folded}).value();
  };
  EXPECT_EQ(docs("nga", "nga"), (std::vector<int64_t>{1}));
  EXPECT_EQ(docs("russia", "russia"), (std::vector<int64_t>{1}));
  EXPECT_EQ(docs("phương nga", "phuong nga"), (std::vector<int64_t>{2}));
  EXPECT_EQ(docs("putin", "putin"), (std::vector<int64_t>{3, 4}));  // people: both
  auto nga = store->extractions().FindEntities({"nga", "nga"}).value();
  ASSERT_EQ(nga.size(), 1u);
  EXPECT_EQ(nga[0].canonical, "Nga");
}

// Two processes opening a folder of schema 8 at once: the second waits for the first's upgrade
// (longer than SQLite's 10 s busy wait), then finds the folder upgraded and leaves it as it is.
TEST_F(StoreTest, AnUpgradeWaitsForAnotherProcessUpgrading) {
  {
    auto store = OpenStore();
    ASSERT_TRUE(store->Add({Make("a", "Một", "một"), Make("b", "Hai", "hai")}).has_value());
    ASSERT_TRUE(store->extractions().Put({Naming(1, {"Putin"}), Naming(2, {"Putin"})}).ok());
  }
  Exec(dir_, "DELETE FROM entity_docs; UPDATE meta SET value = '8' WHERE key = 'schema_version';");
  // The other process: its upgrade holds the write lock for 12 s and fills one pair only, so a
  // second fill would show.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/bantin.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO entity_docs VALUES('Putin', 1); "
                                "UPDATE meta SET value = '9' WHERE key = 'schema_version';",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  std::thread commit([other] {
    std::this_thread::sleep_for(std::chrono::seconds(12));
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  });
  auto opened = Store::Open(dir_, {});
  commit.join();
  sqlite3_close(other);
  ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
  EXPECT_EQ(Count(dir_, "SELECT count(*) FROM entity_docs"), 1);
  EXPECT_EQ(Count(dir_, "SELECT value FROM meta WHERE key = 'schema_version'"), 9);
}

// A folder of schema 3 holds English canonical names and no aliases: opening it drops its
// extraction results (articles stay) so that the next extraction redoes them.
TEST_F(StoreTest, SchemaThreeExtractionsAreDroppedOnUpgrade) {
  {
    auto store = OpenStore();
    Article a;
    a.id = "a";
    a.title = a.text = "Nga";
    a.paragraphs = {{ParagraphKind::kTitle, 0, 3}};
    ASSERT_TRUE(store->Add({a}).has_value());
    Extraction x;
    x.doc = 1;
    Entity e;
    e.text = "Nga";
    e.canonical = "Russia";
    x.entities = {e};
    ASSERT_TRUE(store->extractions().Put({x}).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/bantin.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "UPDATE meta SET value = '3' WHERE key = 'schema_version'", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto store = OpenStore();
  EXPECT_EQ(store->extractions().LastDoc().value(), 0);
  EXPECT_EQ(store->LastDoc().value(), 1);
  size_t n = 0;
  ASSERT_TRUE(store->extractions().ListEntities("", 10, [&](const EntityCount&) { ++n; }).ok());
  EXPECT_EQ(n, 0u);
}

// A folder of schema 5 keeps its events with `negated`: opening it turns that into `status`
// ("denied" or "happened") and adds `mentions`, keeping every row.
TEST_F(StoreTest, SchemaFiveEventsGetAStatus) {
  { OpenStore(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/bantin.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TABLE events; "
                         "CREATE TABLE events(doc INTEGER NOT NULL, code TEXT NOT NULL, label TEXT NOT NULL, "
                         "source TEXT NOT NULL, target TEXT, date TEXT, place TEXT, sentence_begin INTEGER NOT NULL, "
                         "sentence_end INTEGER NOT NULL, trigger_begin INTEGER NOT NULL, trigger_end INTEGER NOT NULL, "
                         "negated INTEGER NOT NULL); "
                         "INSERT INTO events VALUES(1, '04', 'consult', 'Nga', 'Mỹ', NULL, NULL, 0, 3, 0, 3, 1); "
                         "INSERT INTO events VALUES(1, '01', 'make public statement', 'Nga', NULL, NULL, NULL, 0, 3, 0, 3, 0); "
                         "UPDATE meta SET value = '5' WHERE key = 'schema_version'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenStore();
  const Extraction x = store->extractions().Get(1).value();
  ASSERT_EQ(x.events.size(), 2u);
  std::map<std::string, std::string> status;
  for (const Event& e : x.events) status[e.code] = e.status;
  EXPECT_EQ(status["04"], "denied");
  EXPECT_EQ(status["01"], "happened");
  Extraction again = x;
  again.events[0].mentions = {{0, 3, 0, 3}};
  ASSERT_TRUE(store->extractions().Put({again}).ok());  // the new columns take new rows
  EXPECT_EQ(store->extractions().Get(1).value().events[0].mentions.size(), 1u);
}

// A folder of schema 4 keeps its stories' table in a WITHOUT ROWID story_model, where finding any
// key read the whole 16 MiB value: opening it moves the rows to a rowid table, keeping them.
TEST_F(StoreTest, SchemaFourStoryModelBecomesARowidTable) {
  { OpenStore(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/bantin.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TABLE story_model; "
                         "CREATE TABLE story_model(key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID; "
                         "INSERT INTO story_model VALUES('frequencies', x'4254444631'); "
                         "UPDATE meta SET value = '4' WHERE key = 'schema_version'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenStore();
  auto counts = store->stories().Counts();
  ASSERT_TRUE(counts.has_value()) << counts.error().ToString();
  EXPECT_EQ(counts->table, "BTDF1");
  ASSERT_EQ(sqlite3_open((dir_ + "/bantin.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE name = 'story_model'", -1, &q, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  const std::string sql = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
  EXPECT_EQ(sql.find("WITHOUT ROWID"), std::string::npos) << sql;
  sqlite3_finalize(q);
  sqlite3_close(db);
}

// Damage the database file: opening or checking reports it; nothing crashes.
TEST_F(StoreTest, DamagedDatabaseIsReported) {
  {
    auto store = OpenStore();
    std::vector<Article> many;
    for (int i = 0; i < 200; ++i) {
      many.push_back(Make("id" + std::to_string(i), "Tiêu đề " + std::to_string(i),
                          std::string(300, 'x') + std::to_string(i)));
    }
    ASSERT_TRUE(store->Add(many).has_value());
    ASSERT_TRUE(store->Check()->ok());
  }
  // Checkpoint the WAL into the main file, then overwrite the start of a page in the middle
  // (its b-tree header or overflow link: damage SQLite's check sees, wherever the page falls).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ + "/bantin.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto size = fs::file_size(dir_ + "/bantin.db");
  {
    std::fstream f(dir_ + "/bantin.db", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2 / 4096 * 4096));
    std::string junk(512, '\x5A');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto s = Store::Open(dir_, {});
  if (s.has_value()) {
    auto c = (*s)->Check();
    if (c.has_value()) {
      EXPECT_FALSE(c->ok());
      EXPECT_FALSE(c->problems.empty());
    } else {
      EXPECT_TRUE(c.error().IsCorruption() || c.error().IsIOError()) << c.error().ToString();
    }
  } else {
    EXPECT_TRUE(s.error().IsCorruption()) << s.error().ToString();
  }
}

}  // namespace
TEST_F(StoreTest, StoriesAreStoredListedAndCleared) {
  auto store = OpenStore();
  Article dated = Make("a", "Một", "Nội dung một.");
  dated.date = Date{2026, 1, 5};
  Article undated = Make("b", "Hai", "Nội dung hai.");
  undated.date.reset();
  ASSERT_TRUE(store->Add({dated, undated, Make("c", "Ba", "Nội dung ba.")}).has_value());
  // What is left to thread, in threading order: undated first, then by date, a page at a time.
  auto unthreaded = [&] {
    std::vector<std::pair<int64_t, std::optional<Date>>> all, page;
    auto n = store->stories().ListUnthreaded();
    EXPECT_TRUE(n.has_value());
    while (store->stories().NextUnthreaded(2, &page).ok() && !page.empty()) all.insert(all.end(), page.begin(), page.end());
    EXPECT_EQ(static_cast<int64_t>(all.size()), *n);
    return all;
  };
  auto todo = unthreaded();
  ASSERT_EQ(todo.size(), 3u);
  EXPECT_EQ(todo[0].first, 2);  // undated first
  EXPECT_FALSE(todo[0].second.has_value());
  EXPECT_EQ(todo[1].first, 3);  // 2025-12-24: by date, not in the order stored
  EXPECT_EQ(todo[2].first, 1);
  EXPECT_EQ(todo[2].second, (Date{2026, 1, 5}));
  StoredStory s;
  s.id = 7;
  s.title = "Một";
  s.first = s.last = Date{2025, 4, 10};
  s.anchor = 227;
  s.articles = 1;
  s.reports = 2;
  s.title_score = 0.5;
  s.centroid = std::string("\0\1\2", 3);
  StoryCounts counts;
  counts.docs = 2;
  counts.table = "table-1";
  counts.changed = {{9, 1}};  // ignored beside a table: it holds every counter
  StoryTables& tables = store->stories();
  auto put = [&](const std::vector<StoryDoc>& docs, const std::vector<StoredStory>& stories, const StoryCounts& c) {
    Status st = tables.Begin();
    for (const StoryDoc& d : docs) {
      if (st.ok()) st = tables.PutDoc(d);
    }
    for (const StoredStory& one : stories) {
      if (st.ok()) st = tables.PutStory(one);
    }
    if (st.ok()) st = tables.PutCounts(c);
    if (st.ok()) st = tables.Commit();
    return st;
  };
  EXPECT_EQ(*tables.LastStory(), 0);
  ASSERT_TRUE(put({{1, 7, "sketch-a", 0}, {3, 7, "sketch-c", 1}}, {s}, counts).ok());
  EXPECT_EQ(*tables.LastStory(), 7);
  todo = unthreaded();
  ASSERT_EQ(todo.size(), 1u);
  EXPECT_EQ(todo[0].first, 2);  // threading resumes with what has no row, whatever its place
  auto got = store->stories().Get(7);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->title, "Một");
  EXPECT_EQ(got->anchor, 227);
  EXPECT_EQ(got->reports, 2);
  EXPECT_EQ(got->centroid, s.centroid);
  EXPECT_EQ(*got->last, (Date{2025, 4, 10}));
  EXPECT_TRUE(store->stories().Get(8).error().IsNotFound());
  std::vector<StoryDoc> docs;
  ASSERT_TRUE(store->stories().ForEachDoc(7, [&](const StoryDoc& d) {
    docs.push_back(d);
    return Status::OK();
  }).ok());
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1].duplicate_of, 1);
  EXPECT_EQ(docs[1].fingerprint, "sketch-c");
  size_t listed = 0;
  auto count = [&](const StoredStory&) {
    ++listed;
    return Status::OK();
  };
  ASSERT_TRUE(store->stories().ForEach(Date{2025, 5, 1}, std::nullopt, count).ok());
  EXPECT_EQ(listed, 0u);  // ended before --from
  ASSERT_TRUE(store->stories().ForEach(Date{2025, 4, 1}, Date{2025, 4, 30}, count).ok());
  EXPECT_EQ(listed, 1u);
  auto stored = store->stories().Counts();
  ASSERT_TRUE(stored.has_value()) << stored.error().ToString();
  EXPECT_EQ(stored->docs, 2u);
  EXPECT_EQ(stored->table, "table-1");
  EXPECT_TRUE(stored->changed.empty());
  // Changed counters alone add to the table; a new table replaces them.
  ASSERT_TRUE(put({}, {}, {3, "", {{5, 2}, {9, 4}}}).ok());
  ASSERT_TRUE(put({}, {}, {4, "", {{9, 6}}}).ok());
  stored = store->stories().Counts();
  EXPECT_EQ(stored->docs, 4u);
  EXPECT_EQ(stored->table, "table-1");
  EXPECT_EQ(stored->changed, (std::vector<std::pair<uint32_t, uint16_t>>{{5, 2}, {9, 6}}));
  ASSERT_TRUE(put({}, {}, {5, "table-2", {}}).ok());
  stored = store->stories().Counts();
  EXPECT_EQ(stored->table, "table-2");
  EXPECT_TRUE(stored->changed.empty());
  // The term lists (newest first, at most `limit`) and the band lists (by document).
  EXPECT_FALSE(*tables.Listed());
  ASSERT_TRUE(tables.Begin().ok());
  const uint64_t term = 0xF000000000000001ull;  // a hash: the top bit set
  ASSERT_TRUE(tables.PutTerms(7, {{term, 0.5f}, {2, 0.25f}}, {}).ok());
  ASSERT_TRUE(tables.PutTerms(9, {{term, 0.75f}}, {}).ok());
  ASSERT_TRUE(tables.PutTerms(8, {{term, 0.125f}}, {}).ok());
  ASSERT_TRUE(tables.PutBands(3, {40, 4000000000u}).ok());
  ASSERT_TRUE(tables.PutBands(1, {4000000000u}).ok());
  std::vector<std::pair<int64_t, float>> list;
  ASSERT_TRUE(tables.ReadTerm(term, 2, &list).ok());  // inside the transaction: its own writes
  EXPECT_EQ(list, (std::vector<std::pair<int64_t, float>>{{9, 0.75f}, {8, 0.125f}}));
  ASSERT_TRUE(tables.MarkListed().ok());
  tables.Rollback();
  EXPECT_FALSE(*tables.Listed());
  ASSERT_TRUE(tables.ReadTerm(term, 64, &list).ok());
  EXPECT_TRUE(list.empty());  // rolled back
  ASSERT_TRUE(tables.Begin().ok());
  ASSERT_TRUE(tables.PutTerms(7, {{term, 0.5f}, {2, 0.25f}}, {}).ok());
  ASSERT_TRUE(tables.PutTerms(8, {{term, 0.125f}}, {}).ok());
  ASSERT_TRUE(tables.PutTerms(7, {{term, 0.375f}}, {2}).ok());  // changed: reweighed, one term gone
  ASSERT_TRUE(tables.PutBands(3, {40, 4000000000u}).ok());
  ASSERT_TRUE(tables.PutBands(1, {4000000000u}).ok());
  ASSERT_TRUE(tables.MarkListed().ok());
  ASSERT_TRUE(tables.Commit().ok());
  EXPECT_TRUE(*tables.Listed());
  ASSERT_TRUE(tables.ReadTerm(term, 64, &list).ok());
  EXPECT_EQ(list, (std::vector<std::pair<int64_t, float>>{{8, 0.125f}, {7, 0.375f}}));
  ASSERT_TRUE(tables.ReadTerm(2, 64, &list).ok());
  EXPECT_TRUE(list.empty());
  std::vector<int64_t> band;
  ASSERT_TRUE(tables.DocsInBand(4000000000u, 8, &band).ok());
  EXPECT_EQ(band, (std::vector<int64_t>{1, 3}));
  ASSERT_TRUE(tables.DocsInBand(4000000000u, 1, &band).ok());
  EXPECT_EQ(band, (std::vector<int64_t>{1}));
  ASSERT_TRUE(tables.DocsInBand(41, 8, &band).ok());
  EXPECT_TRUE(band.empty());
  ASSERT_TRUE(store->stories().Clear().ok());
  EXPECT_FALSE(*tables.Listed());
  ASSERT_TRUE(tables.ReadTerm(term, 64, &list).ok());
  EXPECT_TRUE(list.empty());
  ASSERT_TRUE(tables.DocsInBand(40, 8, &band).ok());
  EXPECT_TRUE(band.empty());
  EXPECT_EQ(unthreaded().size(), 3u);
  stored = store->stories().Counts();
  EXPECT_EQ(stored->docs, 0u);
  EXPECT_EQ(stored->table, "");
  EXPECT_TRUE(stored->changed.empty());
}

}  // namespace bantin
