// `sskdt-sim world generate` and `sskdt-sim world show` (docs/world.md).
#include <charconv>
#include <chrono>
#include <iostream>

#include "simulator/app/command.hpp"
#include "simulator/world/world.hpp"
#include "simulator/world/world_io.hpp"

namespace {

using sim::app::args_reader;
using sim::app::usage_error;

std::uint64_t parse_number(const std::string& flag, const std::string& text) {
  std::uint64_t v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end) {
    throw usage_error{flag + " needs a non-negative integer, got \"" + text + "\""};
  }
  return v;
}


int run_generate(std::span<const std::string> args) {
  args_reader r(args);
  std::string seed, count, out, base;
  while (!r.done()) {
    if (r.take_value("--seed", seed) || r.take_value("--citizens", count) ||
        r.take_value("--out", out) || r.take_value("--base", base)) {
      continue;
    }
    throw usage_error{"unknown argument \"" + r.peek() +
                      "\" (usage: world generate --seed N --citizens K --out FILE "
                      "[--base WORLD])"};
  }
  if (seed.empty() || count.empty() || out.empty()) {
    throw usage_error{"usage: world generate --seed N --citizens K --out FILE [--base WORLD]"};
  }
  const auto n = parse_number("--citizens", count);
  if (n > sim::world::max_generated_population) {
    throw usage_error{"--citizens is at most " +
                      std::to_string(sim::world::max_generated_population)};
  }
  const auto started = std::chrono::steady_clock::now();
  auto w = sim::app::load_world_option(base);
  const auto jsonl = sim::world::write_generated_world(*w, parse_number("--seed", seed),
                                                       static_cast<std::size_t>(n), out);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::cerr << "wrote " << out << " and " << jsonl << " (" << n << " citizens, " << took.count()
            << " s)\n";
  return 0;
}

int run_show(std::span<const std::string> args) {
  args_reader r(args);
  std::string world_file, case_label, id;
  while (!r.done()) {
    if (r.take_value("--world", world_file) || r.take_value("--case", case_label) ||
        r.take_value("--id", id)) {
      continue;
    }
    throw usage_error{"unknown argument \"" + r.peek() +
                      "\" (usage: world show [--world FILE] [--case LABEL|--id ID])"};
  }
  if (!case_label.empty() && !id.empty()) throw usage_error{"give --case or --id, not both"};
  auto w = sim::app::load_world_option(world_file);
  if (case_label.empty() && id.empty()) {
    std::cout << sim::world::world_summary_json(*w) << "\n";
    return 0;
  }
  const sim::world::citizen* c = nullptr;
  if (!case_label.empty()) {
    c = w->find_by_case(case_label);
  } else {
    c = w->find_citizen(id);  // ID number or old CMND
    if (!c) c = w->find_by_card(id);
    if (!c) c = w->find_by_ma_bhxh(id);
  }
  if (!c) {
    std::cerr << "sskdt-sim world show: no citizen with "
              << (case_label.empty() ? "ID, CMND, card or BHXH number \"" + id + "\""
                                     : "case label \"" + case_label + "\"")
              << "\n";
    return 1;
  }
  std::cout << sim::world::citizen_to_pretty_json(*c) << "\n";
  return 0;
}

int run_world(std::span<const std::string>) {
  throw usage_error{
      "usage: world generate --seed N --citizens K --out FILE [--base WORLD]\n"
      "       world show [--world FILE] [--case LABEL|--id ID]"};
}

const sim::app::registration reg_world{"world", "World files: generate, show", &run_world};
const sim::app::registration reg_generate{
    "world generate", "Generate a large world (citizens as JSON Lines)", &run_generate};
const sim::app::registration reg_show{"world show", "Print a citizen or a world summary as JSON",
                                      &run_show};

}  // namespace
