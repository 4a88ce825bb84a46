// sim::services::luu_tru — "thông báo lưu trú": facilities with overnight beds declare their
// inpatients to the commune police online, through the public-service portal or VNeID
// (Bà Rịa–Vũng Tàu, Đề án 06 plan 2024, 2.4; report item 4: "số lượng khai báo thành công trong
// tháng / số lượng nội trú"). The real channel's interface is not public: the shape below is the
// simulator's [I] (docs/luu-tru.md), served C06-side:
//   POST /c06/luu-tru/khai-bao   {"ma_cskcb", "kenh": "vneid"|"dvc", "tu_ngay", "den_ngay",
//                                 "nguoi_luu_tru": [{"so_dinh_danh", "ho_ten", "ma_lk"?}],
//                                 "ghi_chu"?}
// A declaration covers the nights tu_ngay … den_ngay − 1 (the night of a day = the night that
// starts that evening). Accepted declarations are journal submissions (kind "luu_tru",
// ma_cskcb, ma_lk = the declaration's number, file = the declaration JSON as stored); every
// exchange is journalled (endpoint "luu_tru"); faults come from the sandbox (endpoint
// "luu_tru").
//
// check_nights() is the province's check: every night of an accepted inpatient claim
// (XML1 MA_LOAI_KCB 03, from NGAY_VAO_NOI_TRU or NGAY_VAO to NGAY_RA) declared or missing.
//
//   sim::services::luu_tru::luu_tru_service lt(journal, sim::engine::system_time_source());
//   if (lt.owns(path)) return lt.handle(request, path, sb);
//   nlohmann::json report = sim::services::luu_tru::check_nights(journal, sb, "38001", day);
//
// Errors: every failure is an answer; nothing escapes handle().
// Thread safety: handle() and check_nights() may be called from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "simulator/core/civil_time.hpp"
#include "simulator/core/http_message.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/sandbox.hpp"
#include "simulator/engine/virtual_clock.hpp"

namespace sim::services::luu_tru {

class luu_tru_service {
 public:
  luu_tru_service(engine::journal& journal, engine::time_source real_clock);

  // "/c06/luu-tru" and below (routed before the C06 service, which owns the rest of /c06/).
  static bool owns(std::string_view path) {
    return path == "/c06/luu-tru" || path.starts_with("/c06/luu-tru/");
  }

  core::http_response handle(const core::http_request& request, std::string_view path,
                             engine::sandbox& sb);

 private:
  engine::journal& journal_;
  engine::time_source real_clock_;
};

// The nights of every accepted, not replaced inpatient claim of `ma_cskcb` ("" = every
// facility) of the sandbox, each "declared" or "missing"; with `night`, only the claims whose
// stay includes that night. JSON: {"claims": [{maGiaoDich, ma_cskcb, ma_lk, so_cccd, ho_ten,
// vao, ra, nights: [{date, status, ma_khai_bao}]}], "summary": {claims, nights, declared,
// missing}}.
nlohmann::json check_nights(const engine::journal& journal, const engine::sandbox& sb,
                            std::string_view ma_cskcb, std::optional<core::civil_time> night);

}  // namespace sim::services::luu_tru
