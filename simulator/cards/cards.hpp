// sim::cards — printable test cards for trainers (issue 10, "Identity numbers and the codes on
// cards"; docs/cards.md): for chosen citizens of a world, the two QR codes a reception scanner
// reads — the CCCD chip card's and the paper BHYT card's — as PNG images, and an A4 HTML sheet
// of cards, so that a class can scan them into a real HIS pointed at the simulator.
//
// Payloads (c06 A5; the readers are sim::identity::check_card_qr, card_qr.hpp):
//   CCCD  so_dinh_danh|old_cmnd|ho_ten|ddmmyyyy|Nam/Nữ|address|issue ddmmyyyy   (UTF-8 text)
//   BHYT  card number|hex(UTF-8 ho_ten)|dd/MM/yyyy|1/2|hex(UTF-8 address)|ma_dkbd|
//         dd/MM/yyyy from|dd/MM/yyyy to                                          (8 fields)
// Every payload is read back with check_card_qr before it is handed out: one that would give
// any finding (a sex other than male/female, an ID number that is not 12 digits or disagrees
// with the date of birth, a field holding "|" …) is refused with the reason, never printed.
// The world has no CCCD issue date: cccd_issue_date() derives one (rule below, docs/cards.md).
//
// QR images: libqrencode, byte mode (8-bit, the UTF-8 bytes as they are, no ECI header),
// error-correction level M, smallest version that fits; libpng writes an 8-bit greyscale PNG
// in memory with a 4-module quiet zone (ISO/IEC 18004 §6.3.8).
//
//   auto w = sim::world::embedded_default_world();
//   auto picked = sim::cards::select_citizens(sim::cards::source_of(*w), {});  // named cases
//   std::vector<sim::cards::printed_card> cards;
//   for (const auto* c : picked.citizens) {
//     cards.push_back(sim::cards::make_card(*c, c->card ? w->find_facility(c->card->ma_dkbd)
//                                                       : nullptr));
//   }
//   auto png = sim::cards::qr_png(cards[0].cccd_payload);  // png.ok(), png.bytes, png.version
//   std::string html = sim::cards::render_sheet(cards, {});  // images "<id>-cccd.png" …
//
// Errors: data plane — nothing throws out of these functions except std::bad_alloc; a payload
// that cannot be built or encoded (too long for a QR code: more than 2331 bytes at level M)
// comes back as an error string.
// Thread safety: pure functions; libqrencode 4 is reentrant (Debian builds it with pthreads).
// A citizen_source is as thread-safe as the world or overlay behind it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/civil_time.hpp"
#include "simulator/engine/world_overlay.hpp"
#include "simulator/world/world.hpp"

namespace sim::cards {

// ---- payloads --------------------------------------------------------------------------------

// A payload, or why there is none (error non-empty).
struct payload_result {
  std::string payload;
  std::string error;
  bool ok() const { return error.empty(); }
};

// The CCCD issue date printed on the test card ([I], docs/cards.md): the chip CCCD is issued
// from 2021-01-01; a person of 14 or more on 2024-07-01 is taken to have been issued at the
// later of 2021-01-01 and the 14th birthday, a younger one (Luật Căn cước 2023: a card for a
// child under 14 on request, from 2024-07-01) at the later of 2024-07-01 and birth; then
// (the last six digits of so_dinh_danh mod 365) days later, so cards differ; and never after
// 2026-06-30 (world::generation_reference_date − 1 day) nor before the start above.
core::civil_time cccd_issue_date(const world::citizen& c);

// "ddmmyyyy" (CCCD QR) and "dd/MM/yyyy" (BHYT QR, and the printed sheet).
std::string format_ddmmyyyy(const core::civil_time& d);
std::string format_dd_mm_yyyy(const core::civil_time& d);

payload_result cccd_payload(const world::citizen& c);
// Error when the citizen has no BHYT card.
payload_result bhyt_payload(const world::citizen& c);

// ---- QR → PNG --------------------------------------------------------------------------------

struct qr_png_options {
  int module_pixels = 8;       // pixels per module side (1..32)
  int quiet_zone_modules = 4;  // ISO/IEC 18004 minimum is 4
};

struct qr_png_result {
  std::string bytes;  // the PNG file
  int version = 0;    // QR version 1..40
  int modules = 0;    // symbol side in modules, without the quiet zone
  int pixels = 0;     // image side in pixels (width == height)
  std::string error;  // non-empty: no image (payload too long, bad options)
  bool ok() const { return error.empty(); }
};

// Byte mode, level M. Largest payload: 2331 bytes (version 40-M, ISO/IEC 18004 Table 7).
inline constexpr std::size_t max_payload_bytes = 2331;
qr_png_result qr_png(std::string_view payload, const qr_png_options& options = {});

// ---- one printed card ----------------------------------------------------------------------

struct printed_card {
  world::citizen citizen;     // copied: the card outlives any overlay look-up
  std::string facility_name;  // of citizen.card->ma_dkbd, empty when unknown
  core::civil_time cccd_issue_date;
  std::string cccd_payload;  // empty when error is set
  std::string bhyt_payload;  // empty when the citizen has no card
  std::string error;         // why the card cannot be printed (empty = ok)
  bool ok() const { return error.empty(); }
};

// `registered`: the facility of citizen.card->ma_dkbd, or nullptr.
printed_card make_card(const world::citizen& c, const world::facility* registered);

// ---- which citizens ------------------------------------------------------------------------

// A world or a sandbox's overlay, seen through three look-ups.
struct citizen_source {
  std::function<const world::citizen*(std::string_view)> find_citizen;  // ID or old CMND
  std::function<const world::facility*(std::string_view)> find_facility;
  // Calls `visit` for every citizen in the world's order until it returns false.
  std::function<void(const std::function<bool(const world::citizen&)>& visit)> for_each;
};
// The sources keep a reference: `w` / `overlay` must outlive them.
citizen_source source_of(const world::world& w);
citizen_source source_of(const engine::world_overlay& overlay);

inline constexpr std::size_t default_limit = 100;
inline constexpr std::size_t max_limit = 5000;

// `citizens`: so_dinh_danh (or old CMND) in the order wanted; empty = every citizen with a
// case_label when no facility is given, or every citizen when one is. `facility`: keep only
// citizens whose card is registered there (ma_dkbd). At most `limit` citizens.
struct selection {
  std::vector<std::string> citizens;
  std::string facility;
  std::size_t limit = default_limit;
};

// Builds a selection from the CLI's or the page's text ("ID,ID", "MA", "N"; empty = not
// given). Returns false and sets `error` (English, for a usage message) when the limit is not
// an integer in 1..max_limit or an ID list entry is empty.
bool parse_selection(std::string_view citizens_csv, std::string_view facility,
                     std::string_view limit, selection& out, std::string& error);

struct selected {
  std::vector<const world::citizen*> citizens;
  std::vector<std::string> unknown_ids;  // from selection::citizens, not in the source
  bool unknown_facility = false;         // selection::facility does not exist
};
selected select_citizens(const citizen_source& source, const selection& s);

// ---- the sheet and the manifest --------------------------------------------------------------

struct sheet_options {
  std::string title = "Thẻ thử nghiệm cho lớp tập huấn";
  std::string world_name;
  // The <img src> of a card's QR image; kind is "cccd" or "bhyt". Empty = png_file_name().
  std::function<std::string(const printed_card&, std::string_view kind)> image_src;
};

// A complete HTML document (UTF-8, lang="vi"), A4 portrait print CSS, one card per row, four
// to a page, each marked as a test card without legal value. Cards with an error are listed
// at the end with their reason.
std::string render_sheet(const std::vector<printed_card>& cards, const sheet_options& options);

// {"world": …, "qr": {"mode": "byte", "ec_level": "M", "eci": false}, "issue_date_rule": …,
//  "cards": [{"so_dinh_danh", "ho_ten", "case_label", "cccd": {"payload", "file"},
//             "bhyt": {"payload", "file"} | null, "error"?}]}
// File names are those the CLI writes (<so_dinh_danh>-cccd.png, <so_dinh_danh>-bhyt.png).
std::string manifest_json(const std::vector<printed_card>& cards, std::string_view world_name);

std::string png_file_name(const printed_card& card, std::string_view kind);  // "<id>-<kind>.png"

}  // namespace sim::cards
