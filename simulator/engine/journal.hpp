// sim::engine — the journal: every exchange (request, response, timing) and every verdict of a
// sandbox, durably recorded in SQLite (WAL). Tests and reports assert on the journal, never on
// log text (house style §2).
//
// Durability contract: record_submission() (and record_verdict()) return only after the row is
// committed with synchronous=FULL, so a submission acknowledged with maKetQua 200 afterwards
// survives `kill -9` and a power loss (issue 9). record_exchange() only queues the exchange: a
// writer thread commits the queue in batches (one transaction each, synchronous=NORMAL), so the
// log of every request costs one row insert, not one commit, per request (bench/c06_load.py,
// bench/portal_load.py). Readers of exchanges see every exchange queued before their call
// (they flush first). A process killed with `kill -9` may lose the exchanges of its last
// milliseconds — never a submission, a verdict or a mismatch, which are committed before the
// call returns. If a batch cannot be written, record_exchange() answers std::nullopt from then
// on, so the services stop acknowledging.
//
// Storage: WAL, 16 KiB pages for new files. Exchange bodies of 256 bytes or more are stored
// LZ4-compressed when that pays (column `packed`); exchanges() returns the original bytes.
//
//   auto j = sim::engine::journal::open("/var/lib/sskdt/journal.sqlite");   // or ":memory:"
//   if (!j) { /* j.error() says why */ }
//   auto id = j->record_exchange({.sandbox = "default", .method = "POST", …});
//   auto page = j->exchanges("default", /*since_id=*/0, /*limit=*/100);
//
// Errors: open() returns an error message instead of throwing (data plane); record_* return
// std::nullopt when SQLite fails (disk full, I/O error) — callers must then NOT acknowledge.
// Thread safety: one connection guarded by a mutex; safe to call from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

struct sqlite3;

namespace sim::engine {

struct exchange_record {
  std::int64_t id = 0;       // assigned by the journal
  std::string sandbox;       // "default" or the sandbox name
  std::string virtual_time;  // ISO-8601 UTC of the sandbox clock at receipt
  std::string real_time;     // ISO-8601 UTC wall time at receipt
  std::string method;
  std::string target;           // path + query as received
  std::string request_headers;  // JSON object
  std::string request_body;     // as received (may be truncated to a cap by the caller)
  int status = 0;               // HTTP status sent
  std::string response_body;
  std::int64_t duration_us = 0;
  std::string ma_giao_dich;  // transaction id when the exchange created one
  std::string faults;        // JSON array of the ids of the faults that fired
  std::string endpoint;      // "token", "checkin", "claim", "card", "admin", "ui", …
};

struct submission_record {
  std::int64_t id = 0;
  std::string sandbox;
  std::string ma_giao_dich;
  std::string kind;      // "claim" | "checkin"
  std::string standard;  // "130" | "4750" | "3176"
  std::string ma_cskcb;
  std::string ma_lk;
  std::string received_at;  // virtual time, ISO-8601 UTC
  std::string file_sha256;
  std::string file;     // the decoded submitted file
  std::string verdict;  // "" until decided, then "accepted" | "rejected"
  std::string decided_at;
  std::string findings_json;  // JSON array of findings once decided
  std::string replaced_by;    // maGiaoDich of the correction that replaced this record
};

// One identity mismatch of a judged claim ("danh sách sai lệch", issue 10): an XML1 row whose
// ID number, name, date of birth or sex differs from the population register, with its
// resolution — the commune police correct the register (effective after a virtual delay), or
// the facility resubmits a corrected record. docs/crosscheck.md describes the life cycle.
struct mismatch_record {
  std::int64_t id = 0;
  std::string sandbox;
  std::string ma_giao_dich;  // the submission whose verdict found it
  std::string ma_cskcb;
  std::string ma_lk;
  int row = 0;               // XML1 row
  std::string code;          // ID.UNKNOWN | ID.NAME | ID.DOB | ID.SEX
  std::string field;         // SO_CCCD | HO_TEN | NGAY_SINH | GIOI_TINH
  std::string claimed;       // what the facility sent
  std::string registered;    // what the register held when found ("" for ID.UNKNOWN)
  std::string so_dinh_danh;  // the register's person (SO_CCCD as sent for ID.UNKNOWN)
  std::string visit_date;    // NGAY_VAO's day, yyyy-mm-dd
  std::string detected_at;   // virtual time of the verdict, ISO-8601 UTC
  std::string status;        // "open" | "correction_pending" | "resolved"
  std::string correction_requested_at;
  std::string correction_effective_at;
  std::string correction_by;     // who corrects (free text, e.g. "Công an xã …")
  std::string resolution;        // "" | "police_correction" | "resubmission"
  std::string resolved_at;
  std::string resolved_by;       // maGiaoDich of the corrected resubmission, when that
};

// Which mismatches mismatches() returns; empty members do not filter.
struct mismatch_filter {
  std::string ma_cskcb;
  std::string code;
  std::string status;
  std::string ma_giao_dich;
  std::string visit_from;  // yyyy-mm-dd, inclusive
  std::string visit_to;    // yyyy-mm-dd, inclusive
  std::int64_t since_id = 0;
  int limit = 1000;
};

// The VNeID display state of one submitted claim (issue 11; docs/vneid.md): whether and when the
// visit it carries reaches the citizen's health book. Written by sim::services::vneid, which
// brings the rows up to date lazily for a sandbox's clock.
struct display_record {
  std::int64_t id = 0;
  std::string sandbox;
  std::string ma_giao_dich;  // the submission (kind "claim")
  std::string ma_cskcb;
  std::string ma_lk;
  std::string so_dinh_danh;  // XML1 SO_CCCD as sent
  std::string ngay_vao;      // XML1 NGAY_VAO (yyyyMMddHHmm)
  std::string ngay_ra;       // XML1 NGAY_RA
  std::string received_at;   // the submission's receipt, virtual ISO-8601 UTC
  // "waiting" | "scheduled" | "shown" | "failed" | "replaced"
  std::string state;
  // What it waits for or why it failed: "verdict", "signature", "content", "identity",
  // "account", "latency", "fault", "replaced", "" when shown.
  std::string reason;
  std::string detail;        // human-readable (Vietnamese) explanation of `reason`
  std::string eligible_at;   // when every precondition first held (latency counts from here)
  std::string scheduled_at;  // when it is (or was) due on the app
  std::string shown_at;
  std::string failed_at;
  std::string faults;        // JSON array of the display faults that apply ({id, type})
  std::string updated_at;    // sandbox time of the last change
};

// Which display rows displays() returns; empty members do not filter.
struct display_filter {
  std::string so_dinh_danh;
  std::string ma_cskcb;
  std::string ma_giao_dich;
  std::string state;
};

class journal {
 public:
  static std::variant<std::unique_ptr<journal>, std::string> open(const std::string& path);
  ~journal();
  journal(const journal&) = delete;
  journal& operator=(const journal&) = delete;

  // Queues `r` for the writer; returns how many exchanges were queued before it, or nullopt
  // when the journal can no longer write (see the durability contract above).
  std::optional<std::int64_t> record_exchange(exchange_record r);
  // Waits until every exchange queued so far is committed; false when a batch failed.
  bool flush() const;
  std::optional<std::int64_t> record_submission(const submission_record& r);
  bool record_verdict(const std::string& sandbox, const std::string& ma_giao_dich,
                      const std::string& verdict, const std::string& decided_at,
                      const std::string& findings_json);

  std::vector<exchange_record> exchanges(const std::string& sandbox, std::int64_t since_id,
                                         int limit) const;
  // A page of submissions after `since_id`; `only_pending`: those without a verdict yet.
  std::vector<submission_record> submissions(const std::string& sandbox, std::int64_t since_id,
                                             int limit, bool only_pending = false) const;
  // Every submission of `sandbox` in id order, read a page at a time (the lock is not held
  // while `fn` runs). `with_files` = false leaves submission_record::file empty (listings).
  void for_each_submission(const std::string& sandbox,
                           const std::function<void(const submission_record&)>& fn,
                           bool with_files = true) const;
  std::optional<submission_record> submission(const std::string& sandbox,
                                              const std::string& ma_giao_dich) const;
  // As for_each_submission(), from the first submission with id > `since_id` (incremental
  // readers remember the last id they saw).
  void for_each_submission_after(const std::string& sandbox, std::int64_t since_id,
                                 const std::function<void(const submission_record&)>& fn,
                                 bool with_files = true) const;
  // A number unique to this journal object within the process (never reused, unlike its
  // address): lets in-memory caches of journal-derived data tell journals apart.
  std::uint64_t instance() const { return instance_; }
  // Earlier submissions (id < before_id) of the same record: same kind, facility and MA_LK.
  std::vector<submission_record> same_record(const std::string& sandbox, const std::string& kind,
                                             const std::string& ma_cskcb, const std::string& ma_lk,
                                             std::int64_t before_id) const;
  // Marks `old_giao_dich` as replaced by `new_giao_dich` (record replacement, docs/portal.md).
  bool record_replacement(const std::string& sandbox, const std::string& old_giao_dich,
                          const std::string& new_giao_dich);
  // Identity mismatches (committed with synchronous=FULL, like verdicts).
  std::optional<std::int64_t> record_mismatch(const mismatch_record& r);
  std::vector<mismatch_record> mismatches(const std::string& sandbox,
                                          const mismatch_filter& filter) const;
  std::optional<mismatch_record> mismatch(const std::string& sandbox, std::int64_t id) const;
  // Writes the life-cycle columns (status, correction_*, resolution, resolved_*) of `r.id`.
  bool update_mismatch(const mismatch_record& r);

  // VNeID display states (issue 11). upsert_displays() writes (insert or replace by
  // (sandbox, ma_giao_dich)) all rows in one transaction, committed with synchronous=NORMAL:
  // display states are derived data, re-derived from the submissions if lost.
  bool upsert_displays(const std::vector<display_record>& rows);
  std::vector<display_record> displays(const std::string& sandbox,
                                       const display_filter& filter = {}) const;
  // Per-sandbox VNeID settings (a JSON object, e.g. the display latency); nullopt when unset.
  std::optional<std::string> vneid_settings(const std::string& sandbox) const;
  bool set_vneid_settings(const std::string& sandbox, const std::string& json);

  // Removes every row of one sandbox (admin reset).
  bool clear(const std::string& sandbox);

 private:
  explicit journal(sqlite3* db);
  bool set_synchronous(bool full);  // caller holds mutex_
  std::vector<submission_record> page(const std::string& sandbox, std::int64_t since_id, int limit,
                                      bool only_pending, bool with_files) const;
  static std::uint64_t next_instance();
  const std::uint64_t instance_ = next_instance();
  sqlite3* db_;
  bool synchronous_full_ = true;
  mutable std::mutex mutex_;

  // The exchange writer (record_exchange/flush): a queue drained by one thread.
  void write_exchanges();
  mutable std::mutex queue_mutex_;
  mutable std::condition_variable queue_cv_;
  std::vector<exchange_record> queue_;
  std::int64_t queued_ = 0;   // exchanges ever queued
  std::int64_t written_ = 0;  // exchanges committed (or dropped after a failure)
  bool failed_ = false;
  bool stopping_ = false;
  mutable int flush_waiters_ = 0;
  std::thread writer_;
};

}  // namespace sim::engine
