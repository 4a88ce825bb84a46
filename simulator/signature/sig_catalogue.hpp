// sim::signature — the SIG.* finding codes (issue 8) with their vi/en message templates, in the
// shape of sim::rules::catalogue_entry. The rules module's catalogue must include these entries
// (docs/signature.md is their human-readable twin).
//
//   for (const auto& e : sim::signature::sig_catalogue()) …  // e.code, e.message_vi, …
//
// Thread safety: immutable static data.
#pragma once

#include <span>

#include "simulator/rules/catalogue.hpp"

namespace sim::signature {

std::span<const rules::catalogue_entry> sig_catalogue();

}  // namespace sim::signature
