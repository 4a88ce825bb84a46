// `sskdt-sim id check NUMBER [--dob yyyyMMdd|dd/MM/yyyy|yyyy] [--sex 1|2|3] [--at yyyyMMdd]
// [--json]` and `sskdt-sim id qr 'PAYLOAD'|--file PATH [--kind auto|cccd|bhyt] [--at yyyyMMdd]
// [--json]` — judge an identity number or a scanned card QR on its own (docs/identity.md).
// Exit 0 valid (warnings allowed), 1 invalid, 2 usage or I/O error.
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "simulator/app/command.hpp"
#include "simulator/engine/virtual_clock.hpp"
#include "simulator/identity/card_qr.hpp"
#include "simulator/identity/id_number.hpp"

namespace {

using nlohmann::ordered_json;
using sim::app::args_reader;
using sim::app::usage_error;

constexpr std::string_view check_usage =
    "usage: sskdt-sim id check NUMBER [--dob yyyyMMdd|dd/MM/yyyy|yyyy] [--sex 1|2|3] "
    "[--at yyyyMMdd] [--json]";
constexpr std::string_view qr_usage =
    "usage: sskdt-sim id qr 'PAYLOAD' | --file PATH [--kind auto|cccd|bhyt] [--at yyyyMMdd] "
    "[--json]";

std::optional<sim::core::civil_time> parse_dob(const std::string& s) {
  if (s.size() == 4) return sim::core::parse_yyyymmdd(s + "0101");
  if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
    return sim::core::parse_yyyymmdd(s.substr(6, 4) + s.substr(3, 2) + s.substr(0, 2));
  }
  return sim::core::parse_yyyymmdd(s);
}

sim::core::civil_time parse_at(const std::string& at_text) {
  if (at_text.empty()) {
    // Today in Vietnam local time (UTC+7), the time base of every date in the standard.
    return sim::engine::to_vietnam_civil(sim::engine::system_time_source()());
  }
  auto at = sim::core::parse_yyyymmdd(at_text);
  if (!at) throw usage_error{"--at must be yyyyMMdd, got \"" + at_text + "\""};
  return *at;
}

std::string date_text(const std::optional<sim::core::civil_time>& d) {
  return d ? d->to_yyyymmdd() : std::string();
}

ordered_json findings_json(const sim::core::findings& fs) {
  ordered_json out = ordered_json::array();
  for (const auto& f : fs) {
    out.push_back({{"code", f.code},
                   {"severity", f.level == sim::core::severity::error ? "error" : "warning"},
                   {"message_vi", f.message_vi},
                   {"message_en", f.message_en},
                   {"field", f.field},
                   {"value", f.value}});
  }
  return out;
}

ordered_json id_json(const sim::identity::id_number_info& p) {
  ordered_json j{{"kind", sim::identity::to_string(p.kind)}, {"number", p.number}};
  j["birth_data_encoded"] = p.kind == sim::identity::id_kind::personal_id;
  if (p.kind == sim::identity::id_kind::personal_id) {
    j["region_code"] = p.region_code;
    j["region_is_country"] = p.region_is_country;
    j["region_name"] = p.region_name;
    j["century_sex_digit"] = p.century_sex_digit;
    j["sex"] = p.sex;
    j["birth_year"] = p.birth_year;
    j["serial"] = p.serial;
  }
  return j;
}

int emit(bool json, const std::string& input, const sim::core::findings& fs, bool valid,
         ordered_json parsed) {
  if (json) {
    ordered_json doc{{"input", input},
                     {"valid", valid},
                     {"findings", findings_json(fs)},
                     {"parsed", std::move(parsed)}};
    // Hostile input may not be UTF-8: replace rather than throw.
    std::cout << doc.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << "\n";
  } else {
    std::cout << (valid ? "HỢP LỆ / valid" : "KHÔNG HỢP LỆ / invalid") << " (" << fs.size()
              << " finding" << (fs.size() == 1 ? "" : "s") << ")\n";
    for (const auto& f : fs) {
      std::cout << "  " << f.code << " ["
                << (f.level == sim::core::severity::error ? "error" : "warning") << "] "
                << (f.field.empty() ? "-" : f.field) << "\n    vi: " << f.message_vi
                << "\n    en: " << f.message_en << "\n";
    }
    std::cout << "  parsed: " << parsed.dump(-1, ' ', false, ordered_json::error_handler_t::replace)
              << "\n";
  }
  return valid ? 0 : 1;
}

int run_id_check(std::span<const std::string> args) {
  args_reader r(args);
  bool json = false, have_number = false;
  std::string number, dob_text, sex_text, at_text;
  while (!r.done()) {
    if (r.take_flag("--json")) {
      json = true;
    } else if (r.take_value("--dob", dob_text) || r.take_value("--sex", sex_text) ||
               r.take_value("--at", at_text)) {
    } else if (r.peek().starts_with("--")) {
      throw usage_error{"unknown option " + r.peek() + "\n" + std::string(check_usage)};
    } else if (have_number) {
      throw usage_error{"more than one NUMBER\n" + std::string(check_usage)};
    } else {
      number = r.next();
      have_number = true;
    }
  }
  if (!have_number) throw usage_error{"no NUMBER given\n" + std::string(check_usage)};
  sim::identity::id_check_options o;
  if (!dob_text.empty()) {
    o.date_of_birth = parse_dob(dob_text);
    if (!o.date_of_birth) {
      throw usage_error{"--dob must be yyyyMMdd, dd/MM/yyyy or yyyy, got \"" + dob_text + "\""};
    }
  }
  if (!sex_text.empty()) {
    if (sex_text != "1" && sex_text != "2" && sex_text != "3") {
      throw usage_error{"--sex must be 1 (nam), 2 (nữ) or 3 (chưa xác định), got \"" + sex_text +
                        "\""};
    }
    o.sex = sex_text[0] - '0';
  }
  o.as_of = parse_at(at_text);
  const auto result = sim::identity::check_id_number(number, o);
  return emit(json, number, result.findings, result.valid(), id_json(result.parsed));
}

int run_id_qr(std::span<const std::string> args) {
  args_reader r(args);
  bool json = false, have_payload = false;
  std::string payload, file, kind_text = "auto", at_text;
  while (!r.done()) {
    if (r.take_flag("--json")) {
      json = true;
    } else if (r.take_value("--file", file) || r.take_value("--kind", kind_text) ||
               r.take_value("--at", at_text)) {
    } else if (r.peek().starts_with("--")) {
      throw usage_error{"unknown option " + r.peek() + "\n" + std::string(qr_usage)};
    } else if (have_payload) {
      throw usage_error{"more than one PAYLOAD (quote it)\n" + std::string(qr_usage)};
    } else {
      payload = r.next();
      have_payload = true;
    }
  }
  if (have_payload == !file.empty()) {
    throw usage_error{"give either PAYLOAD or --file\n" + std::string(qr_usage)};
  }
  if (!file.empty()) {
    // Read a little past the QR capacity: enough to report QR.TOO_LARGE without loading a huge
    // file whole.
    const std::size_t cap = sim::identity::max_qr_payload_bytes * 4 + 16;
    std::ifstream in_file;
    std::istream* in = &std::cin;
    if (file != "-") {
      in_file.open(file, std::ios::binary);
      if (!in_file) throw usage_error{"--file: cannot read \"" + file + "\""};
      in = &in_file;
    }
    payload.resize(cap);
    in->read(payload.data(), static_cast<std::streamsize>(cap));
    payload.resize(static_cast<std::size_t>(in->gcount()));
    if (in->bad()) throw usage_error{"--file: cannot read \"" + file + "\""};
  }
  sim::identity::qr_options o;
  if (kind_text == "cccd") {
    o.kind = sim::identity::qr_kind::cccd;
  } else if (kind_text == "bhyt") {
    o.kind = sim::identity::qr_kind::bhyt_card;
  } else if (kind_text != "auto") {
    throw usage_error{"--kind must be auto, cccd or bhyt, got \"" + kind_text + "\""};
  }
  o.as_of = parse_at(at_text);
  const auto q = sim::identity::check_card_qr(payload, o);

  ordered_json parsed{{"kind", sim::identity::to_string(q.kind)}, {"field_count", q.field_count}};
  if (q.kind == sim::identity::qr_kind::cccd && q.field_count >= 7) {
    const auto& c = q.cccd;
    parsed["fields"] = {{"so_dinh_danh", c.so_dinh_danh},
                        {"so_cmnd", c.so_cmnd},
                        {"ho_ten", c.ho_ten},
                        {"ngay_sinh", date_text(c.ngay_sinh)},
                        {"gioi_tinh", c.gioi_tinh},
                        {"sex", c.sex},
                        {"noi_thuong_tru", c.noi_thuong_tru},
                        {"ngay_cap", date_text(c.ngay_cap)}};
  } else if (q.kind == sim::identity::qr_kind::bhyt_card && q.field_count >= 8) {
    const auto& b = q.bhyt;
    parsed["fields"] = {{"ma_the", b.ma_the},
                        {"ho_ten", b.ho_ten},
                        {"ngay_sinh", date_text(b.ngay_sinh)},
                        {"ngay_sinh_year_only", b.ngay_sinh_year_only},
                        {"gioi_tinh", b.gioi_tinh},
                        {"dia_chi", b.dia_chi},
                        {"noi_dkkcb", b.noi_dkkcb},
                        {"tu_ngay", date_text(b.tu_ngay)},
                        {"den_ngay", date_text(b.den_ngay)}};
  }
  if (q.id) parsed["id"] = id_json(*q.id);
  parsed["extra_fields"] = q.extra_fields;
  const std::string shown = payload.substr(0, 256);
  return emit(json, shown, q.findings, q.valid(), std::move(parsed));
}

int run_id(std::span<const std::string> args) {
  throw usage_error{
      (args.empty() ? std::string("missing subcommand") : "unknown subcommand '" + args[0] + "'") +
      "\n" + std::string(check_usage) + "\n" + std::string(qr_usage)};
}

const sim::app::registration reg_id{"id", "Identity numbers and card QR codes: check, qr", &run_id};
const sim::app::registration reg_check{
    "id check", "Check a 12-digit ID number, 9-digit CMND or passport number", &run_id_check};
const sim::app::registration reg_qr{"id qr", "Check a CCCD or BHYT card QR payload", &run_id_qr};

}  // namespace
