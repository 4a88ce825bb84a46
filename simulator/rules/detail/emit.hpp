// sim::rules::detail — shared plumbing of the content rules: where a finding is, and how rules
// read a row. Private to sim::rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "simulator/core/civil_time.hpp"
#include "simulator/core/finding.hpp"
#include "simulator/rules/validator.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/standard/standard.hpp"

namespace sim::rules::detail {

// Where the rules are: one row of one table of one record.
struct location {
  std::string_view table;  // "XML1"
  std::string_view ma_lk;
  int row = 0;             // 1-based; 0 = the table or record as a whole
};

class emitter {
 public:
  emitter(const validate_options& options, core::findings& out) : options_(options), out_(out) {}
  const validate_options& options() const { return options_; }
  const standard::standard_def& standard() const { return *standard_; }
  void set_standard(const standard::standard_def& s) { standard_ = &s; }

  void add(std::string_view code, const location& at, std::string_view field,
           std::string_view value, std::string detail = {});

 private:
  const validate_options& options_;
  const standard::standard_def* standard_ = nullptr;
  core::findings& out_;
};

// The value of `name` in `r`, "" when absent.
std::string_view value_of(const standard::row& r, std::string_view name);
// Absent, empty, or only ASCII whitespace: the CTN's "null".
bool is_blank(std::string_view v);
bool present(const standard::row& r, std::string_view name);

// MA_NHOM-style small codes ("1", "01", "12") as an integer; nullopt when not digits.
std::optional<int> small_int(std::string_view v);

// Parses a date/time field of either shape; nullopt when blank or malformed (the field rules
// report malformed values, the order rules then stay silent).
std::optional<core::civil_time> time_of(const standard::row& r, std::string_view name);

// Per-table rules (FIELD.*), record rules (LINK.*, SUM.*, DATE.*).
void check_table_fields(const standard::table_def& def, const standard::table_data& table,
                        std::string_view record_ma_lk, emitter& out);
void check_table_conditions(const standard::table_def& def, const standard::table_data& table,
                            std::string_view record_ma_lk, emitter& out);
void check_row_dates(const standard::table_def& def, const standard::row& r, const location& at,
                     emitter& out);
void check_record(const standard::hoso& record, emitter& out);

}  // namespace sim::rules::detail
