// sim::identity — the IDNUM.* and QR.* finding codes with their vi/en message templates, in the
// shape of sim::rules::catalogue_entry (docs/identity.md is their human-readable twin; a unit
// test keeps the two in step). They are rendered with the rules module's renderer:
//
//   const std::span<const sim::rules::catalogue_entry> cats[] = {
//       sim::identity::identity_catalogue()};
//   sim::rules::render(f, std::span<const std::span<const sim::rules::catalogue_entry>>(cats));
//   // (a bare array would decay to a pointer and pick the render(f, bool) overload)
//
// IDNUM.* judges an identity number on its own (format, province, century/sex digit, agreement
// with a date of birth and sex the caller gives); QR.* judges a scanned QR payload. ID.* and
// CARD.* are reserved for the register cross-check and are not used here.
// Thread safety: immutable static data.
#pragma once

#include <span>

#include "simulator/core/finding.hpp"
#include "simulator/rules/catalogue.hpp"

namespace sim::identity {

std::span<const rules::catalogue_entry> identity_catalogue();

// render(f, {identity_catalogue()}) with the entry's default severity applied first.
void render_identity(core::finding& f);

}  // namespace sim::identity
