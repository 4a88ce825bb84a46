// `sskdt-sim validate [--json] [--standard 130|4750|3176] [--at yyyyMMddHHmm] [--world FILE]
// [--trust-ca PEM]... [--crl PEM]... [--register-cert MA_CSKCB=PEM]... [--no-signature]
// [--crosscheck] FILE...`
// — judges claim envelopes and XML0 check-in files the way the portal would (docs/findings.md),
// signature included (docs/signature.md): trusted CAs, CRLs and registered certificates come
// from the world unless given by the flags (each flag replaces the world's list of its kind);
// certificates are judged at --at. Exit 0 when every file is accepted, 1 when any is rejected,
// 2 on usage or I/O error (2 wins). --crosscheck adds the identity cross-check against the
// world's population and card registers (ID.*, CARD.*; docs/crosscheck.md) as the portal's
// verdicts do; it is off by default because a file from another world would be all ID.UNKNOWN.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simulator/app/command.hpp"
#include "simulator/engine/virtual_clock.hpp"
#include "simulator/rules/finding_json.hpp"
#include "simulator/rules/validator.hpp"
#include "simulator/signature/verifier.hpp"
#include "simulator/crosscheck/crosscheck.hpp"
#include "simulator/signature/world_checks.hpp"
#include "simulator/signature/world_trust.hpp"
#include "simulator/world/world.hpp"

namespace {

using sim::app::args_reader;
using sim::app::usage_error;

constexpr std::string_view usage =
    "usage: sskdt-sim validate [--json] [--standard 130|4750|3176] [--at yyyyMMddHHmm] "
    "[--world FILE] [--trust-ca PEM]... [--crl PEM]... [--register-cert MA_CSKCB=PEM]... "
    "[--no-signature] [--crosscheck] FILE...";

// Reads at most `cap` bytes, so that a file far beyond the limit is reported as XML.TOO_LARGE
// without being loaded whole. nullopt when the file cannot be opened or read.
std::optional<std::string> read_capped(const std::string& path, std::size_t cap) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes;
  constexpr std::size_t chunk = 1 << 16;
  while (bytes.size() < cap) {
    const std::size_t want = std::min(chunk, cap - bytes.size());
    const std::size_t old = bytes.size();
    bytes.resize(old + want);
    in.read(bytes.data() + old, static_cast<std::streamsize>(want));
    bytes.resize(old + static_cast<std::size_t>(in.gcount()));
    if (in.eof()) break;
    if (in.fail()) return std::nullopt;
  }
  return bytes;
}

// The whole of a PEM file named by a flag; usage_error when it cannot be read.
std::string read_pem(const std::string& flag, const std::string& path) {
  auto text = read_capped(path, std::size_t{1} << 20);
  if (!text) throw usage_error{flag + ": cannot read \"" + path + "\""};
  return std::move(*text);
}

const char* severity_name(sim::core::severity s) {
  return s == sim::core::severity::error ? "error" : "warning";
}

std::string location(const sim::core::finding& f) {
  std::string s = f.table.empty() ? "-" : f.table;
  if (f.row > 0) s += " dòng/row " + std::to_string(f.row);
  if (!f.field.empty()) s += " " + f.field;
  if (!f.ma_lk.empty()) s += " [MA_LK " + f.ma_lk + "]";
  return s;
}

int run_validate(std::span<const std::string> args) {
  args_reader r(args);
  bool json = false;
  bool no_signature = false;
  bool crosscheck = false;
  std::string standard_text = "4750", at_text, world_path, value;
  std::vector<std::string> files, trust_cas, crls, registrations;
  while (!r.done()) {
    if (r.take_flag("--json")) {
      json = true;
    } else if (r.take_flag("--no-signature")) {
      no_signature = true;
    } else if (r.take_flag("--crosscheck")) {
      crosscheck = true;
    } else if (r.take_value("--trust-ca", value)) {
      trust_cas.push_back(value);
    } else if (r.take_value("--crl", value)) {
      crls.push_back(value);
    } else if (r.take_value("--register-cert", value)) {
      registrations.push_back(value);
    } else if (r.take_value("--standard", standard_text) || r.take_value("--at", at_text) ||
               r.take_value("--world", world_path)) {
    } else if (r.peek().starts_with("--")) {
      throw usage_error{"unknown option " + r.peek() + "\n" + std::string(usage)};
    } else {
      files.push_back(r.next());
    }
  }
  if (files.empty()) throw usage_error{"no FILE given\n" + std::string(usage)};

  sim::rules::validate_options options;
  auto standard = sim::standard::parse_standard(standard_text);
  if (!standard) {
    throw usage_error{"--standard must be 130, 4750 or 3176, got \"" + standard_text + "\""};
  }
  options.standard = *standard;
  if (at_text.empty()) {
    // Default: now, in Vietnam local time (UTC+7), the time base of every date in the standard.
    options.at = sim::engine::to_vietnam_civil(sim::engine::system_time_source()());
  } else {
    auto at = sim::core::parse_yyyymmddhhmm(at_text);
    if (!at) throw usage_error{"--at must be yyyyMMddHHmm, got \"" + at_text + "\""};
    options.at = *at;
  }
  options.world = sim::app::load_world_option(world_path);

  if (!no_signature) {
    auto trust =
        sim::signature::trust_from_world(*options.world, sim::signature::bhxh_portal_profile());
    if (!trust_cas.empty()) {
      trust.trusted_ca_pems.clear();
      for (const auto& path : trust_cas)
        trust.trusted_ca_pems.push_back(read_pem("--trust-ca", path));
    }
    if (!crls.empty()) {
      trust.crl_pems.clear();
      for (const auto& path : crls) trust.crl_pems.push_back(read_pem("--crl", path));
    }
    if (!registrations.empty()) {
      trust.registered_cert_pems_by_ma_cskcb.clear();
      for (const auto& reg_text : registrations) {
        const auto eq = reg_text.find('=');
        if (eq == 0 || eq == std::string::npos || eq + 1 == reg_text.size()) {
          throw usage_error{"--register-cert must be MA_CSKCB=PEM, got \"" + reg_text + "\""};
        }
        trust.registered_cert_pems_by_ma_cskcb.emplace(
            reg_text.substr(0, eq), read_pem("--register-cert", reg_text.substr(eq + 1)));
      }
    }
    try {
      sim::signature::add_signature_checks(
          options, std::make_shared<const sim::signature::verifier>(trust), *options.world);
    } catch (const sim::signature::trust_error& e) {
      std::cerr << "sskdt-sim validate: trust store: " << e.what() << "\n";
      return 2;
    }
  } else if (!trust_cas.empty() || !crls.empty() || !registrations.empty()) {
    throw usage_error{"--no-signature excludes --trust-ca, --crl and --register-cert"};
  }

  if (crosscheck) sim::crosscheck::add_crosscheck(options, sim::crosscheck::view_of(*options.world));

  int exit_code = 0;
  nlohmann::ordered_json out_files = nlohmann::ordered_json::array();
  for (const auto& path : files) {
    auto bytes = read_capped(path, options.limits.max_file_bytes + 1);
    if (!bytes) {
      std::cerr << "sskdt-sim validate: " << path << ": cannot read file\n";
      exit_code = 2;
      continue;
    }
    const auto report = sim::rules::validate_file(*bytes, options);
    if (!report.accepted && exit_code == 0) exit_code = 1;
    const char* verdict = report.accepted ? "accepted" : "rejected";
    if (json) {
      out_files.push_back({{"path", path},
                           {"verdict", verdict},
                           {"findings", sim::rules::findings_json(report.findings)}});
    } else {
      std::cout << path << ": " << (report.accepted ? "CHẤP NHẬN / accepted" : "TỪ CHỐI / rejected")
                << " (" << report.findings.size() << " finding"
                << (report.findings.size() == 1 ? "" : "s") << ")\n";
      for (const auto& f : report.findings) {
        std::cout << "  " << f.code << " [" << severity_name(f.level) << "] " << location(f)
                  << "\n    vi: " << f.message_vi << "\n    en: " << f.message_en << "\n";
      }
    }
  }
  if (json) {
    nlohmann::ordered_json doc{{"files", std::move(out_files)}};
    // ensure_ascii = false (UTF-8 unescaped); anything not UTF-8 (a hostile MA_LK) is replaced.
    std::cout << doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  }
  return exit_code;
}

const sim::app::registration reg{"validate", "Judge claim envelopes / XML0 check-in files",
                                 &run_validate};

}  // namespace
