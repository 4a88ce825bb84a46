// Lưu trú in-process (docs/luu-tru.md): a declaration accepted and stored, refusals naming the
// field, and check_nights over claims written straight into the journal: the nights of an
// inpatient row (NGAY_VAO_NOI_TRU or NGAY_VAO to NGAY_RA), declared or missing, other kinds of
// visits without nights, the night filter, another facility's declaration not counted.
#include <gtest/gtest.h>

#include "simulator/services/luu_tru/luu_tru_service.hpp"
#include "simulator/standard/envelope.hpp"

namespace sim::services::luu_tru {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

const engine::sys_time real_now = engine::sys_time(1'764'720'000'000ms);
const char* patient = "038068900101";  // a citizen of the embedded world

struct fixture {
  std::unique_ptr<engine::journal> journal =
      std::move(std::get<std::unique_ptr<engine::journal>>(engine::journal::open(":memory:")));
  engine::sandbox_registry sandboxes{world::embedded_default_world(), [] { return real_now; }, 1};
  luu_tru_service service{*journal, [] { return real_now; }};
  engine::sandbox& sb = *sandboxes.get("default");
  int claims = 0;

  core::http_response declare(json body) {
    core::http_request r;
    r.method = "POST";
    r.target = "/c06/luu-tru/khai-bao";
    r.body = body.dump();
    return service.handle(r, r.target, sb);
  }
  json declaration(const std::string& facility, const std::string& tu, const std::string& den) {
    return {{"ma_cskcb", facility},
            {"kenh", "vneid"},
            {"tu_ngay", tu},
            {"den_ngay", den},
            {"nguoi_luu_tru", {{{"so_dinh_danh", patient}, {"ho_ten", "Người Bệnh"}}}}};
  }
  // An accepted claim of one XML1 row.
  void claim(const std::string& loai, const std::string& vao, const std::string& vao_noi_tru,
             const std::string& ra, const std::string& facility = "38001") {
    const auto& std4750 = standard::get_standard(standard::standard_id::qd4750);
    standard::table_data t;
    t.id = standard::table_id::xml1;
    t.loaihoso = "XML1";
    standard::row row;
    row.fields = {{"MA_LK", "LK" + std::to_string(++claims)},
                  {"HO_TEN", "Người Bệnh"},
                  {"SO_CCCD", patient},
                  {"MA_LOAI_KCB", loai},
                  {"NGAY_VAO", vao},
                  {"NGAY_VAO_NOI_TRU", vao_noi_tru},
                  {"NGAY_RA", ra}};
    t.rows.push_back(row);
    standard::claim_envelope c;
    c.macskcb = facility;
    c.ngaylap = "20261210";
    c.soluonghoso = "1";
    c.hosos.push_back({{t}});
    engine::submission_record s;
    s.sandbox = "default";
    s.ma_giao_dich = "GD" + std::to_string(claims);
    s.kind = "claim";
    s.standard = "4750";
    s.ma_cskcb = facility;
    s.ma_lk = "LK" + std::to_string(claims);
    s.received_at = "2026-12-10T00:00:00Z";
    s.file = standard::encode_claim(std4750, c);
    s.verdict = "accepted";
    ASSERT_TRUE(journal->record_submission(s));
  }
  json check(const std::string& facility = "38001",
             std::optional<core::civil_time> night = std::nullopt) {
    return check_nights(*journal, sb, facility, night);
  }
};

std::vector<std::string> statuses(const json& claim) {
  std::vector<std::string> out;
  for (const auto& n : claim["nights"]) out.push_back(n["status"]);
  return out;
}

TEST(LuuTru, DeclarationAcceptedAndStored) {
  fixture f;
  auto r = f.declare(f.declaration("38001", "2026-12-01", "2026-12-04"));
  ASSERT_EQ(r.status, 200) << r.body;
  const json a = json::parse(r.body);
  EXPECT_EQ(a["so_dem"], 3);
  auto rows = f.journal->submissions("default", 0, 10);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].kind, "luu_tru");
  EXPECT_EQ(rows[0].ma_giao_dich, a["ma_khai_bao"]);
  EXPECT_EQ(json::parse(rows[0].file)["tu_ngay"], "2026-12-01");
  EXPECT_EQ(f.journal->exchanges("default", 0, 10).at(0).endpoint, "luu_tru");
}

TEST(LuuTru, RefusalsNameTheField) {
  fixture f;
  auto field = [&](json body) { return json::parse(f.declare(std::move(body)).body)["truong"]; };
  auto d = f.declaration("38001", "2026-12-01", "2026-12-02");
  EXPECT_EQ(field(f.declaration("38001", "2026-12-02", "2026-12-02")), "den_ngay");
  EXPECT_EQ(field(f.declaration("38001", "2026-02-30", "2026-12-02")), "tu_ngay");
  EXPECT_EQ(field(f.declaration("00000", "2026-12-01", "2026-12-02")), "ma_cskcb");
  d["kenh"] = "sms";
  EXPECT_EQ(field(d), "kenh");
  d = f.declaration("38001", "2026-12-01", "2026-12-02");
  d["nguoi_luu_tru"][0]["so_dinh_danh"] = "038999999999";
  EXPECT_EQ(field(d), "nguoi_luu_tru[0].so_dinh_danh");
  EXPECT_TRUE(f.journal->submissions("default", 0, 10).empty());
}

TEST(LuuTru, NightsOfAnInpatientStay) {
  fixture f;
  // Admitted to the ward on the 1st (exam on 30/11), out on the 4th: nights 1, 2, 3.
  f.claim("03", "202611302300", "202612010130", "202612040900");
  json c = f.check();
  ASSERT_EQ(c["claims"].size(), 1u);
  EXPECT_EQ(c["claims"][0]["nights"][0]["date"], "2026-12-01");
  EXPECT_EQ(statuses(c["claims"][0]), (std::vector<std::string>{"missing", "missing", "missing"}));
  ASSERT_EQ(f.declare(f.declaration("38001", "2026-12-02", "2026-12-04")).status, 200);
  c = f.check();
  EXPECT_EQ(statuses(c["claims"][0]),
            (std::vector<std::string>{"missing", "declared", "declared"}));
  EXPECT_EQ(c["summary"]["missing"], 1);
  EXPECT_EQ(c["claims"][0]["status"], "missing");
  ASSERT_EQ(f.declare(f.declaration("38001", "2026-12-01", "2026-12-02")).status, 200);
  EXPECT_EQ(f.check()["claims"][0]["status"], "declared");
}

TEST(LuuTru, OnlyInpatientRowsHaveNightsAndNgayVaoIsTheFallback) {
  fixture f;
  f.claim("02", "202612010800", "202612010900", "202612052359");  // outpatient treatment
  f.claim("03", "202612010800", "", "202612030800");              // NGAY_VAO used
  const json c = f.check();
  ASSERT_EQ(c["claims"].size(), 1u);
  EXPECT_EQ(c["summary"]["nights"], 2);
  EXPECT_EQ(c["claims"][0]["vao"], "202612010800");
}

TEST(LuuTru, NightFilterAndOtherFacility) {
  fixture f;
  f.claim("03", "202612010800", "", "202612030800");
  f.claim("03", "202612050800", "", "202612070800");
  EXPECT_EQ(f.check("38001", core::civil_time{2026, 12, 2, 0, 0})["claims"].size(), 1u);
  EXPECT_EQ(f.check("38001", core::civil_time{2026, 12, 3, 0, 0})["claims"].size(), 0u);
  EXPECT_EQ(f.check("38105")["claims"].size(), 0u);
  ASSERT_EQ(f.declare(f.declaration("38105", "2026-12-01", "2026-12-08")).status, 200);
  EXPECT_EQ(f.check()["summary"]["declared"], 0);
}

}  // namespace
}  // namespace sim::services::luu_tru
