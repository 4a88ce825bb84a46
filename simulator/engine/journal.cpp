#include "simulator/engine/journal.hpp"

#include <lz4.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>

namespace sim::engine {
namespace {

struct stmt_deleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using stmt_ptr = std::unique_ptr<sqlite3_stmt, stmt_deleter>;

stmt_ptr prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) return nullptr;
  return stmt_ptr(s);
}

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

void bind_blob(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_blob(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* p = sqlite3_column_blob(s, i);
  const int n = sqlite3_column_bytes(s, i);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

// 16 KiB pages (new journals only; an existing file keeps its size): exchange rows of 1–3 KB
// leave most of a 4 KiB page empty, and each batch then rewrites many half-filled pages into
// the WAL and again at checkpoint; bench/journal_bench measured 15.0 → 11.6 µs of CPU per C06
// look-up's row at 20,000 exchanges/s.
constexpr const char* schema = R"sql(
PRAGMA page_size=16384;
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE IF NOT EXISTS exchange (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sandbox TEXT NOT NULL, virtual_time TEXT NOT NULL, real_time TEXT NOT NULL,
  method TEXT NOT NULL, target TEXT NOT NULL, request_headers TEXT NOT NULL,
  request_body BLOB NOT NULL, status INTEGER NOT NULL, response_body BLOB NOT NULL,
  duration_us INTEGER NOT NULL, ma_giao_dich TEXT NOT NULL, faults TEXT NOT NULL DEFAULT '[]',
  endpoint TEXT NOT NULL DEFAULT '', packed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS exchange_sandbox ON exchange(sandbox, id);
CREATE TABLE IF NOT EXISTS submission (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sandbox TEXT NOT NULL, ma_giao_dich TEXT NOT NULL, kind TEXT NOT NULL, standard TEXT NOT NULL,
  ma_cskcb TEXT NOT NULL, ma_lk TEXT NOT NULL, received_at TEXT NOT NULL,
  file_sha256 TEXT NOT NULL, file BLOB NOT NULL, verdict TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL DEFAULT '', findings_json TEXT NOT NULL DEFAULT '[]',
  replaced_by TEXT NOT NULL DEFAULT '', UNIQUE(sandbox, ma_giao_dich));
CREATE INDEX IF NOT EXISTS submission_sandbox ON submission(sandbox, id);
CREATE INDEX IF NOT EXISTS submission_record ON submission(sandbox, ma_cskcb, ma_lk, kind);
-- The verdicts still to decide (portal_service::decide_due): without it every pending scan
-- walks each row's file to reach `verdict`.
CREATE INDEX IF NOT EXISTS submission_pending ON submission(sandbox, id) WHERE verdict='';
CREATE TABLE IF NOT EXISTS mismatch (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sandbox TEXT NOT NULL, ma_giao_dich TEXT NOT NULL, ma_cskcb TEXT NOT NULL, ma_lk TEXT NOT NULL,
  row INTEGER NOT NULL, code TEXT NOT NULL, field TEXT NOT NULL, claimed TEXT NOT NULL,
  registered TEXT NOT NULL, so_dinh_danh TEXT NOT NULL, visit_date TEXT NOT NULL,
  detected_at TEXT NOT NULL, status TEXT NOT NULL,
  correction_requested_at TEXT NOT NULL DEFAULT '', correction_effective_at TEXT NOT NULL DEFAULT '',
  correction_by TEXT NOT NULL DEFAULT '', resolution TEXT NOT NULL DEFAULT '',
  resolved_at TEXT NOT NULL DEFAULT '', resolved_by TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS mismatch_sandbox ON mismatch(sandbox, id);
CREATE INDEX IF NOT EXISTS mismatch_submission ON mismatch(sandbox, ma_giao_dich);
CREATE TABLE IF NOT EXISTS display (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sandbox TEXT NOT NULL, ma_giao_dich TEXT NOT NULL, ma_cskcb TEXT NOT NULL, ma_lk TEXT NOT NULL,
  so_dinh_danh TEXT NOT NULL, ngay_vao TEXT NOT NULL, ngay_ra TEXT NOT NULL,
  received_at TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL,
  eligible_at TEXT NOT NULL, scheduled_at TEXT NOT NULL, shown_at TEXT NOT NULL,
  failed_at TEXT NOT NULL, faults TEXT NOT NULL, updated_at TEXT NOT NULL,
  UNIQUE(sandbox, ma_giao_dich));
CREATE INDEX IF NOT EXISTS display_person ON display(sandbox, so_dinh_danh);
CREATE TABLE IF NOT EXISTS vneid_settings (
  sandbox TEXT PRIMARY KEY, json TEXT NOT NULL);
)sql";

constexpr const char* mismatch_columns =
    "id, sandbox, ma_giao_dich, ma_cskcb, ma_lk, row, code, field, claimed, registered, "
    "so_dinh_danh, visit_date, detected_at, status, correction_requested_at, "
    "correction_effective_at, correction_by, resolution, resolved_at, resolved_by";

}  // namespace

std::variant<std::unique_ptr<journal>, std::string> journal::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg =
        "cannot open journal " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return msg;
  }
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  if (sqlite3_exec(db, schema, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = "cannot initialise journal " + path + ": " + (err ? err : "?");
    sqlite3_free(err);
    sqlite3_close(db);
    return msg;
  }
  // A journal written before exchange columns were packed: add the column (rows read as raw).
  bool has_packed = false;
  if (auto s = prepare(db, "SELECT name FROM pragma_table_info('exchange')")) {
    while (sqlite3_step(s.get()) == SQLITE_ROW)
      if (column_text(s.get(), 0) == "packed") has_packed = true;
  }
  if (!has_packed && sqlite3_exec(db, "ALTER TABLE exchange ADD COLUMN packed INTEGER NOT NULL "
                                      "DEFAULT 0",
                                  nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::string msg = "cannot upgrade journal " + path + ": " + sqlite3_errmsg(db);
    sqlite3_close(db);
    return msg;
  }
  return std::unique_ptr<journal>(new journal(db));
}

journal::journal(sqlite3* db) : db_(db), writer_([this] { write_exchanges(); }) {}

bool journal::set_synchronous(bool full) {
  if (synchronous_full_ == full) return true;
  if (sqlite3_exec(db_, full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", nullptr,
                   nullptr, nullptr) != SQLITE_OK)
    return false;
  synchronous_full_ = full;
  return true;
}
journal::~journal() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  writer_.join();  // drains the queue first
  sqlite3_close(db_);
}

std::optional<std::int64_t> journal::record_exchange(exchange_record r) {
  std::unique_lock lock(queue_mutex_);
  if (failed_) return std::nullopt;
  // Back-pressure: a writer that falls far behind slows the requests down instead of letting
  // the queue grow without bound.
  queue_cv_.wait(lock, [&] { return queued_ - written_ < 100'000 || failed_; });
  if (failed_) return std::nullopt;
  // Only an empty queue can have the writer asleep: wake it then, not on every request.
  const bool wake = queue_.empty();
  queue_.push_back(std::move(r));
  const auto position = queued_++;
  lock.unlock();
  if (wake) queue_cv_.notify_all();
  return position;
}

bool journal::flush() const {
  std::unique_lock lock(queue_mutex_);
  const auto target = queued_;
  if (written_ >= target || failed_) return !failed_;
  ++flush_waiters_;  // the writer stops gathering and writes now
  queue_cv_.notify_all();
  queue_cv_.wait(lock, [&] { return written_ >= target || failed_; });
  --flush_waiters_;
  return !failed_;
}

namespace {

// Exchange bodies and headers of `packed_min` bytes or more are stored LZ4-compressed (block
// format, prefixed by the original size as 4 bytes little-endian) when that saves an eighth or
// more: a C06 look-up's row is ≈3 KB of XML and JSON that compresses ≈3×, and the bytes written
// to the WAL (then again by the checkpoint) are most of the writer's cost on the server's core
// (bench/c06_load.py). Column `packed` says which columns are: bit 1 request_body, bit 2
// response_body (bit 0, request_headers, is read but no longer written). Readers always see
// the original bytes.
constexpr std::size_t packed_min = 256;
constexpr std::size_t packed_max = 64u << 20;  // LZ4 blocks are int-sized; bigger stay raw

bool pack(std::string_view in, std::string& out) {
  if (in.size() < packed_min || in.size() > packed_max) return false;
  const int bound = LZ4_compressBound(static_cast<int>(in.size()));
  out.resize(4 + static_cast<std::size_t>(bound));
  const auto n = static_cast<std::uint32_t>(in.size());
  for (int i = 0; i < 4; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>(n >> (8 * i));
  // Acceleration 4: the same ratio on these rows as the default (1), for less CPU
  // (bench/journal_bench).
  const int written =
      LZ4_compress_fast(in.data(), out.data() + 4, static_cast<int>(in.size()), bound, 4);
  if (written <= 0 || static_cast<std::size_t>(written) + 4 > in.size() - in.size() / 8)
    return false;
  out.resize(4 + static_cast<std::size_t>(written));
  return true;
}

// The original bytes of a packed column; a damaged one reads as a marker rather than throwing
// (the journal is read by reports and pages that must not fail on one bad row).
std::string unpack(std::string_view in) {
  if (in.size() < 4) return "<journal: damaged packed column>";
  std::uint32_t n = 0;
  for (int i = 0; i < 4; ++i)
    n |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[static_cast<std::size_t>(i)]))
         << (8 * i);
  if (n > packed_max) return "<journal: damaged packed column>";
  std::string out(n, '\0');
  const int got = LZ4_decompress_safe(in.data() + 4, out.data(), static_cast<int>(in.size() - 4),
                                      static_cast<int>(n));
  if (got != static_cast<int>(n)) return "<journal: damaged packed column>";
  return out;
}

// Compression buffers of one row, reused by the writer from row to row.
struct packed_row {
  std::string request, response;
  int flags = 0;
};

// Binds without copying (SQLITE_STATIC): `r` and `p` outlive the statement's step and reset.
void bind_exchange(sqlite3_stmt* s, const exchange_record& r, packed_row& p) {
  const auto text = [s](int i, std::string_view v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  const auto blob = [s](int i, std::string_view v) {
    sqlite3_bind_blob(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  p.flags = 0;
  const auto packed_blob = [&](int i, const std::string& v, std::string& buffer, int bit) {
    if (pack(v, buffer)) p.flags |= bit;
    blob(i, p.flags & bit ? buffer : v);
  };
  text(1, r.sandbox);
  text(2, r.virtual_time);
  text(3, r.real_time);
  text(4, r.method);
  text(5, r.target);
  text(6, r.request_headers);  // ≈0.5 KB of headers gain too little from packing (bit 0 unused)
  packed_blob(7, r.request_body, p.request, 2);
  sqlite3_bind_int(s, 8, r.status);
  packed_blob(9, r.response_body, p.response, 4);
  sqlite3_bind_int64(s, 10, r.duration_us);
  text(11, r.ma_giao_dich);
  text(12, r.faults.empty() ? std::string_view("[]") : std::string_view(r.faults));
  text(13, r.endpoint);
  sqlite3_bind_int(s, 14, p.flags);
}

}  // namespace

void journal::write_exchanges() {
  std::vector<exchange_record> batch;
  packed_row packed;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, nothing left
      // Gather for a moment: one wake-up and one transaction for many exchanges instead of a
      // thread switch per request (the writer shares the server's cores). A reader waiting in
      // flush() or a stop cuts it short.
      queue_cv_.wait_for(lock, std::chrono::milliseconds(2), [&] {
        return stopping_ || flush_waiters_ > 0 || queue_.size() >= 4096;
      });
      batch.swap(queue_);
    }
    bool ok = true;
    {
      std::lock_guard lock(mutex_);
      ok = set_synchronous(false) &&
           sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
      auto s = ok ? prepare(db_,
                            "INSERT INTO exchange(sandbox, virtual_time, real_time, method, "
                            "target, request_headers, request_body, status, response_body, "
                            "duration_us, ma_giao_dich, faults, endpoint, packed) "
                            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                  : nullptr;
      ok = ok && s;
      for (const auto& r : batch) {
        if (!ok) break;
        bind_exchange(s.get(), r, packed);
        ok = sqlite3_step(s.get()) == SQLITE_DONE;
        sqlite3_reset(s.get());
        sqlite3_clear_bindings(s.get());
      }
      if (ok) ok = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
      if (!ok) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    {
      std::lock_guard lock(queue_mutex_);
      written_ += static_cast<std::int64_t>(batch.size());
      if (!ok) failed_ = true;
    }
    queue_cv_.notify_all();
    batch.clear();
  }
}


std::optional<std::int64_t> journal::record_submission(const submission_record& r) {
  std::lock_guard lock(mutex_);
  if (!set_synchronous(true)) return std::nullopt;
  auto s = prepare(db_,
                   "INSERT INTO submission(sandbox, ma_giao_dich, kind, standard, ma_cskcb, ma_lk, "
                   "received_at, file_sha256, file, verdict, decided_at, findings_json) "
                   "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!s) return std::nullopt;
  bind_text(s.get(), 1, r.sandbox);
  bind_text(s.get(), 2, r.ma_giao_dich);
  bind_text(s.get(), 3, r.kind);
  bind_text(s.get(), 4, r.standard);
  bind_text(s.get(), 5, r.ma_cskcb);
  bind_text(s.get(), 6, r.ma_lk);
  bind_text(s.get(), 7, r.received_at);
  bind_text(s.get(), 8, r.file_sha256);
  bind_blob(s.get(), 9, r.file);
  bind_text(s.get(), 10, r.verdict);
  bind_text(s.get(), 11, r.decided_at);
  bind_text(s.get(), 12, r.findings_json.empty() ? std::string("[]") : r.findings_json);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return std::nullopt;
  return sqlite3_last_insert_rowid(db_);
}

bool journal::record_verdict(const std::string& sandbox, const std::string& ma_giao_dich,
                             const std::string& verdict, const std::string& decided_at,
                             const std::string& findings_json) {
  std::lock_guard lock(mutex_);
  if (!set_synchronous(true)) return false;
  auto s = prepare(db_,
                   "UPDATE submission SET verdict=?, decided_at=?, findings_json=? "
                   "WHERE sandbox=? AND ma_giao_dich=?");
  if (!s) return false;
  bind_text(s.get(), 1, verdict);
  bind_text(s.get(), 2, decided_at);
  bind_text(s.get(), 3, findings_json);
  bind_text(s.get(), 4, sandbox);
  bind_text(s.get(), 5, ma_giao_dich);
  return sqlite3_step(s.get()) == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

std::vector<exchange_record> journal::exchanges(const std::string& sandbox, std::int64_t since_id,
                                                int limit) const {
  flush();
  std::lock_guard lock(mutex_);
  std::vector<exchange_record> out;
  auto s =
      prepare(db_,
              "SELECT id, sandbox, virtual_time, real_time, method, target, request_headers, "
              "request_body, status, response_body, duration_us, ma_giao_dich, faults, endpoint, "
              "packed FROM exchange "
              "WHERE sandbox=? AND id>? ORDER BY id LIMIT ?");
  if (!s) return out;
  bind_text(s.get(), 1, sandbox);
  sqlite3_bind_int64(s.get(), 2, since_id);
  sqlite3_bind_int(s.get(), 3, limit);
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    exchange_record r;
    r.id = sqlite3_column_int64(s.get(), 0);
    r.sandbox = column_text(s.get(), 1);
    r.virtual_time = column_text(s.get(), 2);
    r.real_time = column_text(s.get(), 3);
    r.method = column_text(s.get(), 4);
    r.target = column_text(s.get(), 5);
    r.request_headers = column_text(s.get(), 6);
    r.request_body = column_text(s.get(), 7);
    r.status = sqlite3_column_int(s.get(), 8);
    r.response_body = column_text(s.get(), 9);
    r.duration_us = sqlite3_column_int64(s.get(), 10);
    r.ma_giao_dich = column_text(s.get(), 11);
    r.faults = column_text(s.get(), 12);
    r.endpoint = column_text(s.get(), 13);
    const int packed = sqlite3_column_int(s.get(), 14);
    if (packed & 1) r.request_headers = unpack(r.request_headers);
    if (packed & 2) r.request_body = unpack(r.request_body);
    if (packed & 4) r.response_body = unpack(r.response_body);
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

submission_record read_submission(sqlite3_stmt* s) {
  submission_record r;
  r.id = sqlite3_column_int64(s, 0);
  r.sandbox = column_text(s, 1);
  r.ma_giao_dich = column_text(s, 2);
  r.kind = column_text(s, 3);
  r.standard = column_text(s, 4);
  r.ma_cskcb = column_text(s, 5);
  r.ma_lk = column_text(s, 6);
  r.received_at = column_text(s, 7);
  r.file_sha256 = column_text(s, 8);
  r.file = column_text(s, 9);
  r.verdict = column_text(s, 10);
  r.decided_at = column_text(s, 11);
  r.findings_json = column_text(s, 12);
  r.replaced_by = column_text(s, 13);
  return r;
}

constexpr const char* submission_columns =
    "SELECT id, sandbox, ma_giao_dich, kind, standard, ma_cskcb, ma_lk, received_at, file_sha256, "
    "file, verdict, decided_at, findings_json, replaced_by FROM submission ";

}  // namespace

std::vector<submission_record> journal::submissions(const std::string& sandbox,
                                                    std::int64_t since_id, int limit,
                                                    bool only_pending) const {
  return page(sandbox, since_id, limit, only_pending, true);
}

std::vector<submission_record> journal::page(const std::string& sandbox, std::int64_t since_id,
                                             int limit, bool only_pending, bool with_files) const {
  std::lock_guard lock(mutex_);
  std::vector<submission_record> out;
  std::string sql = submission_columns;
  if (!with_files) sql.replace(sql.find(" file,"), 6, " x'',");
  sql += "WHERE sandbox=? AND id>? ";
  if (only_pending) sql += "AND verdict='' ";
  sql += "ORDER BY id LIMIT ?";
  auto s = prepare(db_, sql.c_str());
  if (!s) return out;
  bind_text(s.get(), 1, sandbox);
  sqlite3_bind_int64(s.get(), 2, since_id);
  sqlite3_bind_int(s.get(), 3, limit);
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(read_submission(s.get()));
  return out;
}

std::uint64_t journal::next_instance() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1);
}

void journal::for_each_submission_after(const std::string& sandbox, std::int64_t since_id,
                                        const std::function<void(const submission_record&)>& fn,
                                        bool with_files) const {
  std::int64_t since = since_id;
  for (;;) {
    const auto rows = page(sandbox, since, 200, false, with_files);
    if (rows.empty()) return;
    for (const auto& r : rows) fn(r);
    since = rows.back().id;
  }
}

void journal::for_each_submission(const std::string& sandbox,
                                  const std::function<void(const submission_record&)>& fn,
                                  bool with_files) const {
  std::int64_t since = 0;
  for (;;) {
    const auto rows = page(sandbox, since, 200, false, with_files);
    if (rows.empty()) return;
    for (const auto& r : rows) fn(r);
    since = rows.back().id;
  }
}

std::optional<submission_record> journal::submission(const std::string& sandbox,
                                                     const std::string& ma_giao_dich) const {
  std::lock_guard lock(mutex_);
  auto s = prepare(
      db_, (std::string(submission_columns) + "WHERE sandbox=? AND ma_giao_dich=?").c_str());
  if (!s) return std::nullopt;
  bind_text(s.get(), 1, sandbox);
  bind_text(s.get(), 2, ma_giao_dich);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return read_submission(s.get());
}

std::vector<submission_record> journal::same_record(const std::string& sandbox,
                                                    const std::string& kind,
                                                    const std::string& ma_cskcb,
                                                    const std::string& ma_lk,
                                                    std::int64_t before_id) const {
  std::lock_guard lock(mutex_);
  std::vector<submission_record> out;
  auto s = prepare(db_, (std::string(submission_columns) +
                         "WHERE sandbox=? AND ma_cskcb=? AND ma_lk=? AND kind=? AND id<? "
                         "ORDER BY id")
                            .c_str());
  if (!s) return out;
  bind_text(s.get(), 1, sandbox);
  bind_text(s.get(), 2, ma_cskcb);
  bind_text(s.get(), 3, ma_lk);
  bind_text(s.get(), 4, kind);
  sqlite3_bind_int64(s.get(), 5, before_id);
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(read_submission(s.get()));
  return out;
}

bool journal::record_replacement(const std::string& sandbox, const std::string& old_giao_dich,
                                 const std::string& new_giao_dich) {
  std::lock_guard lock(mutex_);
  auto s = prepare(db_, "UPDATE submission SET replaced_by=? WHERE sandbox=? AND ma_giao_dich=?");
  if (!s) return false;
  bind_text(s.get(), 1, new_giao_dich);
  bind_text(s.get(), 2, sandbox);
  bind_text(s.get(), 3, old_giao_dich);
  return sqlite3_step(s.get()) == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

namespace {

mismatch_record read_mismatch(sqlite3_stmt* s) {
  mismatch_record r;
  r.id = sqlite3_column_int64(s, 0);
  r.sandbox = column_text(s, 1);
  r.ma_giao_dich = column_text(s, 2);
  r.ma_cskcb = column_text(s, 3);
  r.ma_lk = column_text(s, 4);
  r.row = sqlite3_column_int(s, 5);
  r.code = column_text(s, 6);
  r.field = column_text(s, 7);
  r.claimed = column_text(s, 8);
  r.registered = column_text(s, 9);
  r.so_dinh_danh = column_text(s, 10);
  r.visit_date = column_text(s, 11);
  r.detected_at = column_text(s, 12);
  r.status = column_text(s, 13);
  r.correction_requested_at = column_text(s, 14);
  r.correction_effective_at = column_text(s, 15);
  r.correction_by = column_text(s, 16);
  r.resolution = column_text(s, 17);
  r.resolved_at = column_text(s, 18);
  r.resolved_by = column_text(s, 19);
  return r;
}

}  // namespace

std::optional<std::int64_t> journal::record_mismatch(const mismatch_record& r) {
  std::lock_guard lock(mutex_);
  if (!set_synchronous(true)) return std::nullopt;
  auto s = prepare(db_,
                   "INSERT INTO mismatch(sandbox, ma_giao_dich, ma_cskcb, ma_lk, row, code, field, "
                   "claimed, registered, so_dinh_danh, visit_date, detected_at, status) "
                   "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!s) return std::nullopt;
  bind_text(s.get(), 1, r.sandbox);
  bind_text(s.get(), 2, r.ma_giao_dich);
  bind_text(s.get(), 3, r.ma_cskcb);
  bind_text(s.get(), 4, r.ma_lk);
  sqlite3_bind_int(s.get(), 5, r.row);
  bind_text(s.get(), 6, r.code);
  bind_text(s.get(), 7, r.field);
  bind_text(s.get(), 8, r.claimed);
  bind_text(s.get(), 9, r.registered);
  bind_text(s.get(), 10, r.so_dinh_danh);
  bind_text(s.get(), 11, r.visit_date);
  bind_text(s.get(), 12, r.detected_at);
  bind_text(s.get(), 13, r.status.empty() ? std::string("open") : r.status);
  if (sqlite3_step(s.get()) != SQLITE_DONE) return std::nullopt;
  return sqlite3_last_insert_rowid(db_);
}

std::vector<mismatch_record> journal::mismatches(const std::string& sandbox,
                                                 const mismatch_filter& f) const {
  std::lock_guard lock(mutex_);
  std::vector<mismatch_record> out;
  // Only the filters given become conditions; values are always bound, never spliced in.
  std::string sql = std::string("SELECT ") + mismatch_columns +
                    " FROM mismatch WHERE sandbox=? AND id>?";
  std::vector<const std::string*> values;
  const std::pair<const char*, const std::string*> conditions[] = {
      {" AND ma_cskcb=?", &f.ma_cskcb},      {" AND code=?", &f.code},
      {" AND status=?", &f.status},          {" AND ma_giao_dich=?", &f.ma_giao_dich},
      {" AND visit_date>=?", &f.visit_from}, {" AND visit_date<=?", &f.visit_to}};
  for (const auto& [condition, value] : conditions) {
    if (value->empty()) continue;
    sql += condition;
    values.push_back(value);
  }
  sql += " ORDER BY id LIMIT ?";
  auto s = prepare(db_, sql.c_str());
  if (!s) return out;
  bind_text(s.get(), 1, sandbox);
  sqlite3_bind_int64(s.get(), 2, f.since_id);
  int i = 3;
  for (const auto* v : values) bind_text(s.get(), i++, *v);
  sqlite3_bind_int(s.get(), i, f.limit);
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(read_mismatch(s.get()));
  return out;
}

std::optional<mismatch_record> journal::mismatch(const std::string& sandbox,
                                                 std::int64_t id) const {
  std::lock_guard lock(mutex_);
  auto s = prepare(db_, (std::string("SELECT ") + mismatch_columns +
                         " FROM mismatch WHERE sandbox=? AND id=?")
                            .c_str());
  if (!s) return std::nullopt;
  bind_text(s.get(), 1, sandbox);
  sqlite3_bind_int64(s.get(), 2, id);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return read_mismatch(s.get());
}

bool journal::update_mismatch(const mismatch_record& r) {
  std::lock_guard lock(mutex_);
  if (!set_synchronous(true)) return false;
  auto s = prepare(db_,
                   "UPDATE mismatch SET status=?, correction_requested_at=?, "
                   "correction_effective_at=?, correction_by=?, resolution=?, resolved_at=?, "
                   "resolved_by=? WHERE sandbox=? AND id=?");
  if (!s) return false;
  bind_text(s.get(), 1, r.status);
  bind_text(s.get(), 2, r.correction_requested_at);
  bind_text(s.get(), 3, r.correction_effective_at);
  bind_text(s.get(), 4, r.correction_by);
  bind_text(s.get(), 5, r.resolution);
  bind_text(s.get(), 6, r.resolved_at);
  bind_text(s.get(), 7, r.resolved_by);
  bind_text(s.get(), 8, r.sandbox);
  sqlite3_bind_int64(s.get(), 9, r.id);
  return sqlite3_step(s.get()) == SQLITE_DONE && sqlite3_changes(db_) == 1;
}

namespace {

constexpr const char* display_columns =
    "id, sandbox, ma_giao_dich, ma_cskcb, ma_lk, so_dinh_danh, ngay_vao, ngay_ra, received_at, "
    "state, reason, detail, eligible_at, scheduled_at, shown_at, failed_at, faults, updated_at";

display_record read_display(sqlite3_stmt* s) {
  display_record r;
  r.id = sqlite3_column_int64(s, 0);
  std::string* text[] = {&r.sandbox,     &r.ma_giao_dich, &r.ma_cskcb,  &r.ma_lk,
                         &r.so_dinh_danh, &r.ngay_vao,    &r.ngay_ra,   &r.received_at,
                         &r.state,       &r.reason,       &r.detail,    &r.eligible_at,
                         &r.scheduled_at, &r.shown_at,    &r.failed_at, &r.faults,
                         &r.updated_at};
  int i = 1;
  for (auto* t : text) *t = column_text(s, i++);
  return r;
}

}  // namespace

bool journal::upsert_displays(const std::vector<display_record>& rows) {
  if (rows.empty()) return true;
  std::lock_guard lock(mutex_);
  if (!set_synchronous(false)) return false;
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
  auto s = prepare(db_,
                   "INSERT INTO display(sandbox, ma_giao_dich, ma_cskcb, ma_lk, so_dinh_danh, "
                   "ngay_vao, ngay_ra, received_at, state, reason, detail, eligible_at, "
                   "scheduled_at, shown_at, failed_at, faults, updated_at) "
                   "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                   "ON CONFLICT(sandbox, ma_giao_dich) DO UPDATE SET state=excluded.state, "
                   "reason=excluded.reason, detail=excluded.detail, "
                   "so_dinh_danh=excluded.so_dinh_danh, eligible_at=excluded.eligible_at, "
                   "scheduled_at=excluded.scheduled_at, shown_at=excluded.shown_at, "
                   "failed_at=excluded.failed_at, faults=excluded.faults, "
                   "updated_at=excluded.updated_at");
  bool ok = static_cast<bool>(s);
  for (const auto& r : rows) {
    if (!ok) break;
    const std::string* text[] = {&r.sandbox,     &r.ma_giao_dich, &r.ma_cskcb,  &r.ma_lk,
                                 &r.so_dinh_danh, &r.ngay_vao,    &r.ngay_ra,   &r.received_at,
                                 &r.state,       &r.reason,       &r.detail,    &r.eligible_at,
                                 &r.scheduled_at, &r.shown_at,    &r.failed_at, &r.faults,
                                 &r.updated_at};
    int i = 1;
    for (const auto* t : text) bind_text(s.get(), i++, *t);
    ok = sqlite3_step(s.get()) == SQLITE_DONE;
    sqlite3_reset(s.get());
    sqlite3_clear_bindings(s.get());
  }
  sqlite3_exec(db_, ok ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
  return ok;
}

std::vector<display_record> journal::displays(const std::string& sandbox,
                                              const display_filter& f) const {
  std::lock_guard lock(mutex_);
  std::vector<display_record> out;
  std::string sql = std::string("SELECT ") + display_columns + " FROM display WHERE sandbox=?";
  std::vector<const std::string*> values;
  const std::pair<const char*, const std::string*> conditions[] = {
      {" AND so_dinh_danh=?", &f.so_dinh_danh},
      {" AND ma_cskcb=?", &f.ma_cskcb},
      {" AND ma_giao_dich=?", &f.ma_giao_dich},
      {" AND state=?", &f.state}};
  for (const auto& [condition, value] : conditions) {
    if (value->empty()) continue;
    sql += condition;
    values.push_back(value);
  }
  sql += " ORDER BY id";
  auto s = prepare(db_, sql.c_str());
  if (!s) return out;
  bind_text(s.get(), 1, sandbox);
  int i = 2;
  for (const auto* v : values) bind_text(s.get(), i++, *v);
  while (sqlite3_step(s.get()) == SQLITE_ROW) out.push_back(read_display(s.get()));
  return out;
}

std::optional<std::string> journal::vneid_settings(const std::string& sandbox) const {
  std::lock_guard lock(mutex_);
  auto s = prepare(db_, "SELECT json FROM vneid_settings WHERE sandbox=?");
  if (!s) return std::nullopt;
  bind_text(s.get(), 1, sandbox);
  if (sqlite3_step(s.get()) != SQLITE_ROW) return std::nullopt;
  return column_text(s.get(), 0);
}

bool journal::set_vneid_settings(const std::string& sandbox, const std::string& json) {
  std::lock_guard lock(mutex_);
  if (!set_synchronous(true)) return false;
  auto s = prepare(db_,
                   "INSERT INTO vneid_settings(sandbox, json) VALUES(?,?) "
                   "ON CONFLICT(sandbox) DO UPDATE SET json=excluded.json");
  if (!s) return false;
  bind_text(s.get(), 1, sandbox);
  bind_text(s.get(), 2, json);
  return sqlite3_step(s.get()) == SQLITE_DONE;
}

bool journal::clear(const std::string& sandbox) {
  flush();  // queued exchanges of the sandbox are written, then deleted with the rest
  std::lock_guard lock(mutex_);
  for (const char* sql :
       {"DELETE FROM exchange WHERE sandbox=?", "DELETE FROM submission WHERE sandbox=?",
        "DELETE FROM mismatch WHERE sandbox=?", "DELETE FROM display WHERE sandbox=?",
        "DELETE FROM vneid_settings WHERE sandbox=?"}) {
    auto s = prepare(db_, sql);
    if (!s) return false;
    bind_text(s.get(), 1, sandbox);
    if (sqlite3_step(s.get()) != SQLITE_DONE) return false;
  }
  return true;
}

}  // namespace sim::engine
