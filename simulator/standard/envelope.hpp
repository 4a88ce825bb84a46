// sim::standard — codec for the files a facility sends: the GIAMDINHHS claim envelope (with its
// base64 NOIDUNGFILE inner tables) and the XML0 check-in file (CHI_TIEU_TRANG_THAI_KCB).
//
// decode() never throws and never trusts its input: DOCTYPE/ENTITY declarations are refused
// (never expanded, never fetched), size, depth, row and base64 limits are enforced, non-UTF-8 is
// refused. Every problem becomes a finding (XML.*, ENV.*), and decoding goes on where it safely
// can so that one bad inner file does not hide the others.
//
//   auto d = sim::standard::decode(bytes, sim::standard::get_standard(standard_id::qd4750), {});
//   if (d.kind == file_kind::claim) for (auto& h : d.claim.hosos) for (auto& t : h.tables) …
//
// encode_claim()/encode_checkin() write the canonical form (the one vendors' HIS write: UTF-8
// declaration, fields in STT order, free text in CDATA); for canonical input,
// encode(decode(x)) == x byte for byte.
//
// Thread safety: free functions over values; safe to call concurrently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/finding.hpp"
#include "simulator/standard/standard.hpp"

namespace sim::standard {

struct decode_limits {
  std::size_t max_file_bytes = 50u << 20;    // whole submitted file (XML.TOO_LARGE)
  std::size_t max_inner_bytes = 20u << 20;   // one decoded NOIDUNGFILE (XML.TOO_LARGE)
  std::size_t max_depth = 32;                // element nesting (XML.MALFORMED)
  std::size_t max_rows_per_table = 100000;   // (XML.TOO_LARGE)
  std::size_t max_hoso = 1000;               // HOSO per envelope (ENV.COUNT)
};

struct field_value {
  std::string name;
  std::string value;  // text content, whitespace kept as sent
};

struct row {
  std::vector<field_value> fields;  // in document order (unknown tags included)
  // The value of `name`, or nullptr when the tag is absent. An empty tag gives "".
  const std::string* get(std::string_view name) const;
  std::string value_or_empty(std::string_view name) const;
};

struct table_data {
  table_id id = table_id::xml1;
  std::string loaihoso;      // as written in the envelope
  std::vector<row> rows;     // single-record tables have exactly one row
  std::string xml;           // the decoded inner document, exactly as received
};

struct hoso {
  std::vector<table_data> tables;  // in envelope order
  const table_data* table(table_id id) const;
};

struct claim_envelope {
  std::string macskcb;      // THONGTINDONVI/MACSKCB
  std::string ngaylap;      // THONGTINHOSO/NGAYLAP
  std::string soluonghoso;  // THONGTINHOSO/SOLUONGHOSO, as written
  std::vector<hoso> hosos;
  bool has_chukydonvi = false;
};

struct checkin_file {
  table_data xml0;  // id == xml0, rows = TRANG_THAI_KCB
  bool has_chukydonvi = false;
};

enum class file_kind { unknown, claim, checkin };

struct decoded_file {
  file_kind kind = file_kind::unknown;
  claim_envelope claim;       // when kind == claim
  checkin_file checkin;       // when kind == checkin
  core::findings findings;    // XML.*, ENV.* and FIELD.UNKNOWN (unknown tags) found while decoding
};

decoded_file decode(std::string_view bytes, const standard_def& standard,
                    const decode_limits& limits = {});

// Inner document of one table in canonical form (used by encode_claim and the generator).
std::string encode_table(const standard_def& standard, const table_data& table);
// Whole envelope; NOIDUNGFILE = base64(encode_table(...)). `CHUKYDONVI` is written empty.
std::string encode_claim(const standard_def& standard, const claim_envelope& claim);
std::string encode_checkin(const standard_def& standard, const checkin_file& checkin);

}  // namespace sim::standard
