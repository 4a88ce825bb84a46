// sim::world — writing worlds: citizens as JSON in the world file format (docs/world.md), world
// files with their citizens as JSON Lines (`sskdt-sim world generate`), and JSON summaries.
//
//   std::string line;
//   sim::world::append_citizen_json(line, w->citizen_at(0));   // one compact JSON object
//   sim::world::write_generated_world(*sim::world::embedded_default_world(), 7, 1000,
//                                     "out/big.yaml");  // + out/big.citizens.jsonl
//
// Errors: write_generated_world throws world_error (file, "", reason) on I/O failure.
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "simulator/world/world.hpp"

namespace sim::world {

// Appends `c` as one compact JSON object with the keys of a world file's citizen entry
// (empty fields omitted), no trailing newline. Reads back identically through the loader.
void append_citizen_json(std::string& out, const citizen& c);
// `c` as indented JSON (for `world show`).
std::string citizen_to_pretty_json(const citizen& c);
// Name, province, facilities (with accounts), counts by card status and VNeID level, and the
// named cases, as indented JSON.
std::string world_summary_json(const world& w);

// Writes `out_path` (.json, .yaml or .yml) holding `base`'s name, province, facilities, trusted
// CAs and CRLs, and `citizens_file: <stem>.citizens.jsonl`, and writes that file next to it with
// `count` citizens generated from `seed` (one per line, streamed: memory stays flat).
// Returns the path of the JSON Lines file.
std::string write_generated_world(const world& base, std::uint64_t seed, std::size_t count,
                                  const std::string& out_path);

}  // namespace sim::world
