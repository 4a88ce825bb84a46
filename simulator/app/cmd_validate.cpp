// `sskdt-sim validate [--json] [--standard 130|4750|3176] [--at yyyyMMddHHmm] [--world FILE]
// FILE...` — judges claim envelopes and XML0 check-in files the way the portal would
// (docs/findings.md). Exit 0 when every file is accepted, 1 when any is rejected, 2 on usage or
// I/O error (2 wins).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simulator/app/command.hpp"
#include "simulator/engine/virtual_clock.hpp"
#include "simulator/rules/validator.hpp"
#include "simulator/world/world.hpp"

namespace {

using sim::app::args_reader;
using sim::app::usage_error;

constexpr std::string_view usage =
    "usage: sskdt-sim validate [--json] [--standard 130|4750|3176] [--at yyyyMMddHHmm] "
    "[--world FILE] FILE...";

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
  std::string standard_text = "4750", at_text, world_path;
  std::vector<std::string> files;
  while (!r.done()) {
    if (r.take_flag("--json")) {
      json = true;
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
  try {
    options.world = world_path.empty() ? sim::world::embedded_default_world()
                                       : sim::world::load_world_file(world_path);
  } catch (const sim::world::world_error& e) {
    std::cerr << e.file() << ": " << (e.path().empty() ? "$" : e.path()) << ": " << e.reason()
              << "\n";
    return 2;
  }

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
      nlohmann::ordered_json fs = nlohmann::ordered_json::array();
      for (const auto& f : report.findings) {
        fs.push_back({{"code", f.code},
                      {"severity", severity_name(f.level)},
                      {"table", f.table},
                      {"ma_lk", f.ma_lk},
                      {"row", f.row},
                      {"field", f.field},
                      {"message_vi", f.message_vi},
                      {"message_en", f.message_en}});
      }
      out_files.push_back({{"path", path}, {"verdict", verdict}, {"findings", std::move(fs)}});
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
