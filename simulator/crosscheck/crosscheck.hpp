// sim::crosscheck — every XML1 row of a claim cross-checked against the population register and
// the card register of a world, the way BHXH reconciles a claim's identity with the CSDLQG dân cư
// (spec c06 A8) before the record may reach the health book:
//   ID.UNKNOWN   SO_CCCD given but nobody in the register has it (also old CMND numbers);
//   ID.NAME      HO_TEN differs from the register's name (compared after NFC normalisation,
//                collapsing spaces and Vietnamese case folding; a name written without
//                diacritics that equals the register's name with its diacritics removed is
//                accepted unless the view's names_without_diacritics is off);
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
#include <memory>
#include <string>
#include <vector>
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
  // A name sent without any diacritics matches the register's name with its diacritics removed
  // (as older HIS write names); false = it must match exactly. The world's `c06` section holds
  // the switch (docs/c06.md, docs/crosscheck.md).
  bool names_without_diacritics = true;
};

// An ID.* finding as the mismatch list keeps it ("danh sách sai lệch", docs/crosscheck.md).
struct identity_mismatch {
  int row = 0;               // XML1 row within its HOSO
  std::string ma_lk;
  std::string code;          // ID.UNKNOWN | ID.NAME | ID.DOB | ID.SEX
  std::string field;         // SO_CCCD | HO_TEN | NGAY_SINH | GIOI_TINH
  std::string claimed;       // the record's value
  std::string registered;    // the register's (name; yyyymmdd; 1/2), "" for ID.UNKNOWN
  std::string so_dinh_danh;  // the register's person; SO_CCCD as sent for ID.UNKNOWN
  std::string visit_date;    // NGAY_VAO's day as yyyy-mm-dd ("" when unreadable)
};

// A view of `w` (names_without_diacritics from its `c06` section); `w` must outlive it.
register_view view_of(const world::world& w);

// Appends the ID.* / CARD.* findings of every XML1 row of `file` (claims only), and the ID.*
// ones as identity_mismatch to `mismatches` when given.
void check_claim(const standard::decoded_file& file, const register_view& view,
                 core::findings& out, std::vector<identity_mismatch>* mismatches = nullptr);

// Adds check_claim as an extra check and crosscheck_catalogue() as an extra catalogue. `view`'s
// look-ups must stay valid while `opt` is used. `mismatches`, when given, collects the
// identity mismatches of the files validated with `opt`.
void add_crosscheck(rules::validate_options& opt, register_view view,
                    std::shared_ptr<std::vector<identity_mismatch>> mismatches = nullptr);

// The ID.* and CARD.* codes with their vi/en templates (docs/crosscheck.md is their twin).
std::span<const rules::catalogue_entry> crosscheck_catalogue();

// Lower-case Vietnamese letters with their diacritics removed ("hường" → "huong", "đ" → "d");
// other code points pass through. Expects fold_case_vi output.
std::string strip_diacritics_vi(std::string_view folded);

}  // namespace sim::crosscheck
