// sim::services::vneid — the VNeID health book ("Sổ sức khỏe điện tử") of a citizen as the app
// shows it: the four groups of QĐ 31/QĐ-BYT Đ2 k3 (administrative incl. the legal
// representative; history incl. allergies and vaccinations; each visit; the treatment summary),
// plus referral slips (XML13) and re-examination appointments (XML14), mapped from the tables
// QĐ 2733 PL02 names (spec c06 B2). The field mapping is this simulator's choice, table by table
// and field by field in docs/vneid.md; allergies and vaccinations come from the world's citizen
// records (no XML table carries them).
//
//   auto v = sim::services::vneid::extract_visit(file_bytes, "4750");   // one stored claim
//   auto id = sim::services::vneid::extract_visit_identity(file_bytes, "4750");  // XML1 only
//   if (v) { auto j = sim::services::vneid::visit_json(*v, world, {}); }
//   auto admin = sim::services::vneid::administrative_json(citizen, guardian, world);
//
// Errors: extract_visit and extract_visit_identity return nullopt when the file does not decode
// as a claim with an XML1 row (data plane: never throw). The JSON builders never throw.
// Thread safety: free functions over values; safe to call concurrently.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/engine/journal.hpp"
#include "simulator/standard/envelope.hpp"
#include "simulator/world/world.hpp"

namespace sim::services::vneid {

// The tables of one visit (the first HOSO of a claim) as decoded by sim::standard.
struct visit_tables {
  std::string ma_cskcb;  // THONGTINDONVI/MACSKCB
  standard::row xml1;
  std::vector<standard::row> xml2, xml3, xml4;
  std::optional<standard::row> xml7, xml8, xml13, xml14;

  std::string field(std::string_view name) const { return xml1.value_or_empty(name); }
};

// Decodes a stored claim file (`standard` "130" | "4750" | "3176").
std::optional<visit_tables> extract_visit(std::string_view file, std::string_view standard);

// The XML1 fields the display pipeline keeps for each visit (its row in the journal's `display`
// table): who it belongs to and when it happened.
struct visit_identity {
  std::string so_cccd;   // XML1 SO_CCCD
  std::string ngay_vao;  // XML1 NGAY_VAO
  std::string ngay_ra;   // XML1 NGAY_RA
};
// Equal to extract_visit(file, standard) → field("SO_CCCD"), field("NGAY_VAO"),
// field("NGAY_RA") (and nullopt exactly when it is), but decodes only the XML1 table: the
// other tables are neither base64-decoded nor parsed (a visit's first read, bench/display_bench).
std::optional<visit_identity> extract_visit_identity(std::string_view file,
                                                     std::string_view standard);

// The visit groups a display fault may leave out ("display_partial", docs/vneid.md).
inline constexpr std::string_view k_visit_groups[] = {"thuoc",   "dvkt",         "cls",
                                                      "tom_tat", "chuyen_tuyen", "hen_kham_lai"};

// One visit of group 3 ("Thông tin từng đợt khám, chữa bệnh") with its summary (group 4), its
// referral and appointment slips; `missing_groups` (of k_visit_groups) are left out.
nlohmann::ordered_json visit_json(const visit_tables& v, const world::world& w,
                                  const std::vector<std::string>& missing_groups);
// Group 1 ("Thông tin hành chính"); `guardian` is the legal representative, if any.
nlohmann::ordered_json administrative_json(const world::citizen& c, const world::citizen* guardian,
                                           const world::world& w);
// Group 2 ("Tiền sử"): allergies and vaccinations from the world; `diseases` = the main ICD-10
// codes of the visits shown (main first, no repeats). `c` is the register as it is now: a
// vaccination whose recorded identity differs from it (world::vaccination::recorded) carries
// "khop_csdl_dan_cu": false, "ghi_chu": "chưa khớp CSDL dân cư" and its "sai_lech" fields, until
// a police correction makes the register match (docs/vneid.md, docs/crosscheck.md).
nlohmann::ordered_json history_json(const world::citizen& c,
                                    const std::vector<std::string>& diseases,
                                    bool names_without_diacritics = true);

// One accepted health check (KSK, QĐ 1551; docs/ksk-hub.md) as its record's XML1 gives it.
struct ksk_record {
  std::string so_cccd, ho_ten, ngay_kham, ket_luan, phan_loai_suc_khoe, ma_lk;
};
// Decodes a stored KSK file (root KHAMSUCKHOE, the XML1 in FILEHOSO/NOIDUNGFILE base64);
// nullopt when it has no such XML1 or no SO_CCCD.
std::optional<ksk_record> extract_ksk(std::string_view file);
// The book's "Khám sức khỏe" entries of citizen `so_dinh_danh`: the sandbox's accepted KSK
// submissions (journal kind "ksk", verdict "accepted") whose XML1 SO_CCCD is the citizen's,
// newest examination first, each {ngay_kham, co_so_kcb {ma, ten}, ket_luan,
// phan_loai_suc_khoe, maGiaoDich, tiep_nhan_luc}. Reads the sandbox's submissions (the files of
// KSK ones only).
nlohmann::ordered_json ksk_entries(const engine::journal& journal, const std::string& sandbox,
                                   const std::string& so_dinh_danh, const world::world& w);

// "yyyyMMddHHmm" / "yyyyMMdd" → "dd/MM/yyyy HH:mm" / "dd/MM/yyyy" (as Vietnamese apps write it);
// other text is returned as is.
std::string vi_date(std::string_view text);

}  // namespace sim::services::vneid
