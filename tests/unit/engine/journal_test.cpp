#include "simulator/engine/journal.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

namespace sim::engine {
namespace {

std::unique_ptr<journal> open_or_die(const std::string& path) {
  auto r = journal::open(path);
  if (auto* err = std::get_if<std::string>(&r)) ADD_FAILURE() << *err;
  return std::move(std::get<std::unique_ptr<journal>>(r));
}

submission_record sample(const std::string& sandbox, const std::string& id) {
  submission_record s;
  s.sandbox = sandbox;
  s.ma_giao_dich = id;
  s.kind = "claim";
  s.standard = "4750";
  s.ma_cskcb = "22001";
  s.ma_lk = "LK-" + id;
  s.received_at = "2026-12-03T03:00:00Z";
  s.file = std::string("<GIAMDINHHS>\0binary-safe</GIAMDINHHS>", 37);
  return s;
}

TEST(Journal, RecordsAndPagesPerSandbox) {
  auto j = open_or_die(":memory:");
  for (int i = 0; i < 5; ++i) {
    exchange_record e;
    e.sandbox = i % 2 ? "lop-a" : "default";
    e.method = "POST";
    e.target = "/api/token/take";
    e.status = 200;
    e.response_body = "{\"maKetQua\":\"200\"}";
    ASSERT_TRUE(j->record_exchange(e));
  }
  auto page = j->exchanges("default", 0, 2);
  ASSERT_EQ(page.size(), 2u);
  auto rest = j->exchanges("default", page.back().id, 10);
  EXPECT_EQ(rest.size(), 1u);
  EXPECT_EQ(j->exchanges("lop-a", 0, 10).size(), 2u);
  ASSERT_TRUE(j->clear("lop-a"));
  EXPECT_TRUE(j->exchanges("lop-a", 0, 10).empty());
  EXPECT_EQ(j->exchanges("default", 0, 10).size(), 3u);
}

TEST(Journal, SubmissionVerdictAndUniqueTransactionId) {
  auto j = open_or_die(":memory:");
  ASSERT_TRUE(j->record_submission(sample("default", "GD1")));
  EXPECT_FALSE(j->record_submission(sample("default", "GD1")));  // duplicate maGiaoDich
  EXPECT_TRUE(j->record_submission(sample("lop-a", "GD1")));     // other sandbox
  ASSERT_TRUE(j->record_verdict("default", "GD1", "rejected", "2026-12-03T04:00:00Z",
                                R"([{"code":"SUM.T_THUOC"}])"));
  EXPECT_FALSE(j->record_verdict("default", "GD-unknown", "accepted", "", "[]"));
  auto s = j->submission("default", "GD1");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->verdict, "rejected");
  EXPECT_EQ(s->file.size(), 37u);  // binary-safe
  EXPECT_EQ(j->submission("lop-a", "GD1")->verdict, "");
}

// An acknowledged submission survives the process being killed with SIGKILL right after.
TEST(Journal, SurvivesKill9) {
  auto dir = std::filesystem::temp_directory_path() / ("journal-kill-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "journal.sqlite").string();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto r = journal::open(path);
    auto& j = std::get<std::unique_ptr<journal>>(r);
    for (int i = 0; i < 20; ++i) {
      if (!j->record_submission(sample("default", "GD" + std::to_string(i)))) _exit(3);
    }
    raise(SIGKILL);  // no destructor, no close, no checkpoint
    _exit(4);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  auto j = open_or_die(path);
  EXPECT_EQ(j->submissions("default", 0, 100).size(), 20u);
  j.reset();
  std::filesystem::remove_all(dir);
}

TEST(Journal, OpenFailureIsAnErrorNotAThrow) {
  auto r = journal::open("/proc/definitely/not/here.sqlite");
  ASSERT_TRUE(std::holds_alternative<std::string>(r));
  EXPECT_NE(std::get<std::string>(r).find("cannot open journal"), std::string::npos);
}

}  // namespace
}  // namespace sim::engine

namespace sim::engine {
namespace {

TEST(Journal, PendingPagesAndListingsWithoutFiles) {
  auto r = journal::open(":memory:");
  auto& j = std::get<std::unique_ptr<journal>>(r);
  for (int i = 0; i < 450; ++i)
    ASSERT_TRUE(j->record_submission(sample("default", "GD" + std::to_string(i))));
  ASSERT_TRUE(j->record_verdict("default", "GD7", "accepted", "t", "[]"));
  auto pending = j->submissions("default", 0, 1000, /*only_pending=*/true);
  EXPECT_EQ(pending.size(), 449u);
  int seen = 0;
  std::size_t file_bytes = 0;
  j->for_each_submission(
      "default",
      [&](const submission_record& s) {
        ++seen;
        file_bytes += s.file.size();
      },
      /*with_files=*/false);
  EXPECT_EQ(seen, 450);  // across three pages
  EXPECT_EQ(file_bytes, 0u);
  j->for_each_submission("default",
                         [&](const submission_record& s) { file_bytes += s.file.size(); });
  EXPECT_EQ(file_bytes, 450u * 37u);
}

}  // namespace
}  // namespace sim::engine

namespace sim::engine {
namespace {

mismatch_record sample_mismatch(const std::string& sandbox, const std::string& giao_dich,
                                const std::string& code, const std::string& visit_date) {
  mismatch_record m;
  m.sandbox = sandbox;
  m.ma_giao_dich = giao_dich;
  m.ma_cskcb = "38001";
  m.ma_lk = "LK1";
  m.row = 1;
  m.code = code;
  m.field = "HO_TEN";
  m.claimed = "Nguyễn Thị Thu Hương";
  m.registered = "Nguyễn Thị Thu Hường";
  m.so_dinh_danh = "038182900104";
  m.visit_date = visit_date;
  m.detected_at = "2026-12-03T03:00:00Z";
  return m;
}

TEST(Journal, MismatchesFilterAndLifeCycle) {
  auto j = open_or_die(":memory:");
  const auto a = j->record_mismatch(sample_mismatch("default", "G1", "ID.NAME", "2026-03-01"));
  const auto b = j->record_mismatch(sample_mismatch("default", "G2", "ID.DOB", "2026-05-01"));
  ASSERT_TRUE(j->record_mismatch(sample_mismatch("lop-a", "G3", "ID.NAME", "2026-03-01")));
  ASSERT_TRUE(a && b);

  EXPECT_EQ(j->mismatches("default", {}).size(), 2u);
  EXPECT_EQ(j->mismatches("lop-a", {}).size(), 1u);
  mismatch_filter f;
  f.code = "ID.DOB";
  ASSERT_EQ(j->mismatches("default", f).size(), 1u);
  EXPECT_EQ(j->mismatches("default", f)[0].ma_giao_dich, "G2");
  f = {};
  f.visit_from = "2026-04-01";
  EXPECT_EQ(j->mismatches("default", f).size(), 1u);
  f = {};
  f.visit_to = "2026-03-01";
  EXPECT_EQ(j->mismatches("default", f).size(), 1u);
  f = {};
  f.ma_cskcb = "38105";
  EXPECT_TRUE(j->mismatches("default", f).empty());
  f = {};
  f.limit = 1;
  EXPECT_EQ(j->mismatches("default", f).size(), 1u);

  auto m = j->mismatch("default", *a);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, "open");
  EXPECT_EQ(m->claimed, "Nguyễn Thị Thu Hương");
  EXPECT_FALSE(j->mismatch("lop-a", *a)) << "a sandbox sees only its own rows";
  m->status = "resolved";
  m->resolution = "resubmission";
  m->resolved_by = "G9";
  ASSERT_TRUE(j->update_mismatch(*m));
  f = {};
  f.status = "resolved";
  const auto resolved = j->mismatches("default", f);
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].resolved_by, "G9");

  ASSERT_TRUE(j->clear("default"));
  EXPECT_TRUE(j->mismatches("default", {}).empty());
  EXPECT_EQ(j->mismatches("lop-a", {}).size(), 1u);
}

// Bodies and headers of 256 bytes or more are stored LZ4-compressed when that pays (see
// journal.cpp); readers must get every byte back, compressible or not, binary included.
TEST(Journal, PackedColumnsReadBackByteForByte) {
  const std::string path = ::testing::TempDir() + "/packed-" + std::to_string(::getpid()) +
                           ".sqlite";
  std::filesystem::remove(path);
  std::string xml;
  for (int i = 0; i < 60; ++i) xml += "<ns1:CongDan><ns1:HoVaTen>Nguyễn Ngọc Thư</ns1:HoVaTen>";
  std::string noise;
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 4000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    noise += static_cast<char>(x & 0xFF);
  }
  const std::string headers = R"({"Authorization":"Basic )" + std::string(300, 'A') + "\"}";
  {
    auto j = open_or_die(path);
    exchange_record e;
    e.sandbox = "default";
    e.method = "POST";
    e.target = "/c06/dancu";
    e.request_headers = headers;
    e.request_body = noise;        // incompressible: stays raw
    e.response_body = xml;         // compressible: packed
    ASSERT_TRUE(j->record_exchange(e));
    e.request_headers = "{}";      // under the threshold
    e.request_body = std::string("a\0b", 3);
    e.response_body = std::string(100000, '\0');
    ASSERT_TRUE(j->record_exchange(e));
  }
  auto j = open_or_die(path);  // read back from the file, by a new journal object
  const auto rows = j->exchanges("default", 0, 10);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].request_headers, headers);
  EXPECT_EQ(rows[0].request_body, noise);
  EXPECT_EQ(rows[0].response_body, xml);
  EXPECT_EQ(rows[1].request_headers, "{}");
  EXPECT_EQ(rows[1].request_body, std::string("a\0b", 3));
  EXPECT_EQ(rows[1].response_body, std::string(100000, '\0'));
  // And the file holds the compressible bodies packed, the incompressible one raw.
  j.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT packed, length(request_body), length(response_body) "
                               "FROM exchange ORDER BY id",
                               -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 4);  // the response packed; headers are never packed
  EXPECT_EQ(sqlite3_column_int(st, 1), static_cast<int>(noise.size()));
  EXPECT_LT(sqlite3_column_int(st, 2), static_cast<int>(xml.size()) / 4);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 4);  // 3 bytes and "{}" stay raw
  EXPECT_LT(sqlite3_column_int(st, 2), 1000);
  sqlite3_finalize(st);
  sqlite3_close(db);
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
}

// A journal written before the `packed` column existed opens, keeps its rows, and takes new ones.
TEST(Journal, UpgradesAJournalWithoutThePackedColumn) {
  const std::string path = ::testing::TempDir() + "/old-" + std::to_string(::getpid()) +
                           ".sqlite";
  std::filesystem::remove(path);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TABLE exchange (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                           "sandbox TEXT NOT NULL, virtual_time TEXT NOT NULL, real_time TEXT NOT "
                           "NULL, method TEXT NOT NULL, target TEXT NOT NULL, request_headers "
                           "TEXT NOT NULL, request_body BLOB NOT NULL, status INTEGER NOT NULL, "
                           "response_body BLOB NOT NULL, duration_us INTEGER NOT NULL, "
                           "ma_giao_dich TEXT NOT NULL, faults TEXT NOT NULL DEFAULT '[]', "
                           "endpoint TEXT NOT NULL DEFAULT ''); "
                           "INSERT INTO exchange(sandbox, virtual_time, real_time, method, target, "
                           "request_headers, request_body, status, response_body, duration_us, "
                           "ma_giao_dich) VALUES('default','','','GET','/old','{}','',200,'cũ',1,'')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto j = open_or_die(path);
  ASSERT_TRUE(j);
  exchange_record e;
  e.sandbox = "default";
  e.target = "/new";
  e.response_body = std::string(1000, 'x');
  ASSERT_TRUE(j->record_exchange(e));
  const auto rows = j->exchanges("default", 0, 10);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].response_body, "cũ");
  EXPECT_EQ(rows[1].response_body, std::string(1000, 'x'));
  j.reset();
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
}

}  // namespace
}  // namespace sim::engine
