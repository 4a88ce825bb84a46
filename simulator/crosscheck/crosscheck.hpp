// sim::crosscheck — every XML1 row of a claim cross-checked against the population register and
// the card register of a world, the way BHXH reconciles a claim's identity with the CSDLQG dân cư
// (spec c06 A8) before the record may reach the health book:
//   ID.UNKNOWN   SO_CCCD given but nobody in the register has it (also old CMND numbers);
//   ID.NAME      HO_TEN differs from the register's name (compared after collapsing spaces and
//                Vietnamese case folding; a name written without diacritics that equals the
//                register's name with its diacritics removed is accepted);
//   ID.DOB       NGAY_SINH differs (month "00": the year only; day "00": year and month);
//   ID.SEX       GIOI_TINH differs (a register entry of unknown sex is not compared);
//   CARD.NOT_OWNER  a card of MA_THE_BHYT (';'-separated) unknown to the card register or
//                registered to someone else;
//   CARD.EXPIRED / CARD.REVOKED / CARD.BAO_GIAM  the card's status or validity on the visit date.
// All are errors: a record whose identity the register does not confirm never reaches the
// health book (docs/crosscheck.md). Check-ins and files that are not claims give nothing.
//
//   auto view = sim::crosscheck::view_of(*world);           // or a sandbox's overlay
//   sim::crosscheck::add_crosscheck(opt, view);              // to rules::validate_options
//   core::findings out; sim::crosscheck::check_claim(decoded, view, out);  // directly
//
// Findings are not rendered by check_claim (render with crosscheck_catalogue()).
// Thread safety: reentrant; the view's functions must be safe to call from the calling thread.
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "simulator/core/finding.hpp"
#include "simulator/rules/catalogue.hpp"
#include "simulator/rules/validator.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/world/world.hpp"

namespace sim::crosscheck {

// The register look-ups the cross-check needs, so that a frozen world and a sandbox's overlay
// (sim::engine::world_overlay, which adds citizens) can both be checked against.
struct register_view {
  std::function<const world::citizen*(std::string_view so_dinh_danh)> find_citizen;
  std::function<const world::citizen*(std::string_view card_number)> find_by_card;
  std::function<const world::citizen*(std::string_view ma_bhxh)> find_by_ma_bhxh;
};

// A view of `w`; `w` must outlive it.
register_view view_of(const world::world& w);

// Appends the ID.* / CARD.* findings of every XML1 row of `file` (claims only).
void check_claim(const standard::decoded_file& file, const register_view& view,
                 core::findings& out);

// Adds check_claim as an extra check and crosscheck_catalogue() as an extra catalogue. `view`'s
// look-ups must stay valid while `opt` is used.
void add_crosscheck(rules::validate_options& opt, register_view view);

// The ID.* and CARD.* codes with their vi/en templates (docs/crosscheck.md is their twin).
std::span<const rules::catalogue_entry> crosscheck_catalogue();

// Lower-case Vietnamese letters with their diacritics removed ("hường" → "huong", "đ" → "d");
// other code points pass through. Expects fold_case_vi output.
std::string strip_diacritics_vi(std::string_view folded);

}  // namespace sim::crosscheck
