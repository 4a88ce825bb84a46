// sim::services::portal — the card and history look-up of the egw gateway:
// `POST /api/egw/KQNhanLichSuKCB2024` (PL03 of CV 1923/BHXH-CNTT; spec §3.4) and
// `POST /api/egw/Lskcb2025` (visit history split out by CV 2746; spec §3.5), answered from the
// sandbox's world (cards, population register) and journal (accepted claims = visits).
//
// Query string: token, id_token, username, password (MD5). Body: JSON (the spec) or
// form-urlencoded (what one production client found to work), both accepted by default; the
// world's `portal.card_lookup_body` and `portal.accept_lowercase_md5` switch them.
// Fields: maThe (15-char card, 10-digit BHXH number or 12-digit ID), hoTen, ngaySinh
// (dd/MM/yyyy, ddMMyyyy, MM/yyyy or yyyy), hoTenCb, cccdCb (the look-up officer, who must be
// registered for the facility: 054/055).
// Result codes: the spec's table (000–401). The 2024 look-up takes no sex, so a sex mismatch is
// not a look-up code. Order of checks and the shape of dsLichSuKCB2025 are assumptions
// documented in docs/portal.md.
#pragma once

#include <string_view>

#include "simulator/core/http_message.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/sandbox.hpp"

namespace sim::services::portal {

class card_lookup {
 public:
  explicit card_lookup(engine::journal& journal) : journal_(journal) {}

  // `history`: false for KQNhanLichSuKCB2024 (dsLichSuKCB2018 = null since CV 2746), true for
  // Lskcb2025 (dsLichSuKCB2025 from the journal).
  core::http_response handle(const core::http_request& request, engine::sandbox& sb,
                             bool history) const;

  // The result code alone, for tests and the scenario runner.
  struct verdict {
    std::string code;       // "000", "060", …
    std::string message;    // ghiChu / thongBao
    const world::citizen* citizen = nullptr;
    // 003/004: the earlier card that was looked up (the citizen's current card is the new one).
    const world::replaced_card* replaced = nullptr;
  };
  verdict judge(engine::sandbox& sb, std::string_view ma_the, std::string_view ho_ten,
                std::string_view ngay_sinh, std::string_view ho_ten_cb,
                std::string_view cccd_cb, const world::facility& facility) const;

 private:
  engine::journal& journal_;
};

}  // namespace sim::services::portal
