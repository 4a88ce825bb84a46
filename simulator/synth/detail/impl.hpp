// sim::synth (private) — the generator's state, shared by generator.cpp (model), tables.cpp
// (rows and files) and mutate.cpp (mutations).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "simulator/standard/envelope.hpp"
#include "simulator/synth/encounter.hpp"
#include "simulator/synth/generator.hpp"

namespace sim::synth {

struct generator::impl {  // NOLINT: pimpl of generator
  generate_options opt;
  std::shared_ptr<const world::world> w;
  const standard::standard_def* std_def = nullptr;
  std::vector<const world::citizen*> eligible;
  std::vector<const world::facility*> facilities;

  detail::encounter build(std::size_t index) const;
  std::vector<standard::table_data> claim_tables(const detail::encounter& e) const;
  standard::table_data checkin_table(const detail::encounter& e) const;
  // `sign` = false: the bytes are kept unsigned even when opt.signer is set (SIG.* mutations).
  generated_file finish(const detail::encounter& e, bool checkin, std::string bytes,
                        bool sign = true) const;
  std::string encode(const detail::encounter& e,
                     const std::vector<standard::table_data>& tables) const;
  detail::doctor doctor_of(const world::facility& f, std::uint64_t which) const;
  std::string head_of(const world::facility& f) const;
  standard::row to_row(standard::table_id id, const detail::values& v) const;
};

}  // namespace sim::synth
