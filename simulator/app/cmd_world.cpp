// `sskdt-sim world generate` and `sskdt-sim world show` (docs/world.md), `sskdt-sim world
// cards` (docs/cards.md).
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "simulator/app/command.hpp"
#include "simulator/cards/cards.hpp"
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

constexpr std::string_view cards_usage =
    "usage: world cards --out DIR [--world FILE] [--citizens ID,...] [--facility MA_CSKCB] "
    "[--limit N]";

void write_file(const std::filesystem::path& p, std::string_view bytes) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) throw std::runtime_error("cannot write " + p.string());
}

// Exit 0 every card written; 1 some citizen could not be printed (listed, the others written);
// 2 usage, unknown citizen or facility, I/O.
int run_cards(std::span<const std::string> args) {
  args_reader r(args);
  std::string out, world_file, citizens, facility, limit;
  while (!r.done()) {
    if (r.take_value("--out", out) || r.take_value("--world", world_file) ||
        r.take_value("--citizens", citizens) || r.take_value("--facility", facility) ||
        r.take_value("--limit", limit)) {
      continue;
    }
    throw usage_error{"unknown argument \"" + r.peek() + "\" (" + std::string(cards_usage) + ")"};
  }
  if (out.empty()) throw usage_error{std::string(cards_usage)};
  sim::cards::selection sel;
  std::string error;
  if (!sim::cards::parse_selection(citizens, facility, limit, sel, error)) {
    throw usage_error{error};
  }
  auto w = sim::app::load_world_option(world_file);
  const auto picked = sim::cards::select_citizens(sim::cards::source_of(*w), sel);
  if (picked.unknown_facility) {
    throw usage_error{"no facility \"" + sel.facility + "\" in the world"};
  }
  if (!picked.unknown_ids.empty()) {
    std::string list;
    for (const auto& id : picked.unknown_ids) list += (list.empty() ? "" : ", ") + id;
    throw usage_error{"no citizen with ID or old CMND number: " + list};
  }
  if (picked.citizens.empty()) {
    throw usage_error{"no citizen selected (a facility with no registered card holder?)"};
  }

  std::vector<sim::cards::printed_card> cards;
  cards.reserve(picked.citizens.size());
  for (const auto* c : picked.citizens) {
    cards.push_back(
        sim::cards::make_card(*c, c->card ? w->find_facility(c->card->ma_dkbd) : nullptr));
  }
  const std::filesystem::path dir(out);
  std::size_t images = 0, failed = 0;
  try {
    std::filesystem::create_directories(dir);
    for (auto& card : cards) {
      if (!card.ok()) continue;
      for (const auto& [kind, payload] :
           {std::pair<std::string_view, const std::string*>{"cccd", &card.cccd_payload},
            {"bhyt", &card.bhyt_payload}}) {
        if (payload->empty()) continue;
        const auto png = sim::cards::qr_png(*payload);
        if (!png.ok()) {
          card.error = std::string(kind) + " QR: " + png.error;
          break;
        }
        write_file(dir / sim::cards::png_file_name(card, kind), png.bytes);
        ++images;
      }
    }
    sim::cards::sheet_options o;
    o.world_name = w->name;
    write_file(dir / "index.html", sim::cards::render_sheet(cards, o));
    write_file(dir / "manifest.json", sim::cards::manifest_json(cards, w->name) + "\n");
  } catch (const std::exception& e) {  // filesystem_error or our write_file
    std::cerr << "sskdt-sim world cards: " << e.what() << "\n";
    return 2;
  }
  for (const auto& card : cards) {
    if (card.ok()) continue;
    ++failed;
    std::cerr << "sskdt-sim world cards: " << card.citizen.so_dinh_danh << " not printed: "
              << card.error << "\n";
  }
  std::cerr << "wrote " << (dir / "index.html").string() << ": " << cards.size() - failed
            << " cards, " << images << " QR images, manifest.json\n";
  return failed == 0 ? 0 : 1;
}

int run_world(std::span<const std::string>) {
  throw usage_error{
      "usage: world generate --seed N --citizens K --out FILE [--base WORLD]\n"
      "       world show [--world FILE] [--case LABEL|--id ID]\n"
      "       world cards --out DIR [--world FILE] [--citizens ID,...] [--facility MA_CSKCB] "
      "[--limit N]"};
}

const sim::app::registration reg_world{"world", "World files: generate, show, cards",
                                       &run_world};
const sim::app::registration reg_generate{
    "world generate", "Generate a large world (citizens as JSON Lines)", &run_generate};
const sim::app::registration reg_show{"world show", "Print a citizen or a world summary as JSON",
                                      &run_show};
const sim::app::registration reg_cards{
    "world cards", "Printable test cards: CCCD and BHYT card QR images and an A4 HTML sheet",
    &run_cards};

}  // namespace
