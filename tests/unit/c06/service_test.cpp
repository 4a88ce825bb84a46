// c06_service::handle in-process (docs/c06.md): the three forms end to end with a fixed real
// clock, auth and grant refusals, faults, sandbox overlay, and the journal row of each exchange.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "simulator/core/base64.hpp"
#include "simulator/services/c06/auth.hpp"
#include "simulator/services/c06/c06_service.hpp"

namespace sim::services::c06 {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

const engine::sys_time real_now = engine::sys_time(1'764'720'000'000ms);

struct fixture {
  std::unique_ptr<engine::journal> journal =
      std::move(std::get<std::unique_ptr<engine::journal>>(engine::journal::open(":memory:")));
  engine::sandbox_registry sandboxes{world::embedded_default_world(), [] { return real_now; }, 1};
  c06_service service{*journal, {}, [] { return real_now; }};

  core::http_request request(const std::string& target, std::string body,
                             const std::string& user = "his_38001",
                             const std::string& secret = "c06-secret-38001") {
    core::http_request r;
    r.method = "POST";
    r.target = target;
    r.body = std::move(body);
    const std::string ts = "1764720000000";
    const std::string url = "http://sim.test" + target;
    r.headers = {{"Host", "sim.test"},
                 {"Timestamp", ts},
                 {"Authorization",
                  "Basic " + core::base64_encode(user + ":" + signature(url, user, ts, secret))},
                 {"ApiKey", "APIKEY-38001-THUONGNINH"},
                 {"X-Road-Client", "VN/GOV/38001/HIS"}};
    return r;
  }
  core::http_response call(const core::http_request& r, const std::string& sandbox = "default") {
    std::string_view path = r.path();
    if (path.starts_with("/s/")) path = path.substr(path.find('/', 3));
    return service.handle(r, path, *sandboxes.get(sandbox));
  }
};

std::string soap(const std::string& op, const std::string& fields) {
  return R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" )"
         R"(xmlns:dan="http://dancuquocgia.bca"><soapenv:Body><dan:)" +
         op + ">" + fields + "</dan:" + op + "></soapenv:Body></soapenv:Envelope>";
}

const std::string anh_fields =
    "<dan:MaYeuCau>R1</dan:MaYeuCau><dan:MaDVC>KCB-BHYT</dan:MaDVC>"
    "<dan:MaCanBo>038185800201</dan:MaCanBo><dan:SoDinhDanh>038188900116</dan:SoDinhDanh>"
    "<dan:HoVaTen>HOANG THI NGOC ANH</dan:HoVaTen><dan:NgayThangNamSinh><dan:NgayThangNam>"
    "19880919</dan:NgayThangNam></dan:NgayThangNamSinh>";

TEST(c06_service, soap_match_and_journal) {
  fixture f;
  auto r = f.call(f.request("/c06/dancu", soap("XacMinhThongTinNhanThan", anh_fields)));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/xml; charset=utf-8");
  EXPECT_NE(r.body.find("SoCongDan=\"1\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<ns1:Ten>Ánh</ns1:Ten>"), std::string::npos);
  auto rows = f.journal->exchanges("default", 0, 10);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].endpoint, "c06");
  EXPECT_EQ(rows[0].status, 200);
  EXPECT_EQ(json::parse(rows[0].request_headers)["x-sim-c06"]["outcome"], "ok:1");
}

TEST(c06_service, refusals) {
  fixture f;
  std::string fields = anh_fields;
  fields.replace(fields.find("KCB-BHYT"), 8, "TRA-CUU-HANG-LOAT");
  auto r = f.call(f.request("/c06/dancu", soap("XacMinhThongTinNhanThan", fields)));
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("<dan:MaLoi>004</dan:MaLoi>"), std::string::npos) << r.body;
  fields = anh_fields;
  fields.replace(fields.find("038185800201"), 12, "038082800202");
  r = f.call(f.request("/c06/dancu", soap("XacMinhThongTinNhanThan", fields)));
  EXPECT_NE(r.body.find("<dan:MaLoi>005</dan:MaLoi>"), std::string::npos) << r.body;
  r = f.call(
      f.request("/c06/dancu", soap("XacMinhThongTinNhanThan", anh_fields), "his_38001", "wrong"));
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find("Chữ ký"), std::string::npos);
  r = f.call(f.request("/c06/api/XacMinhThongTinNhanThan", "{"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["maLoi"], "400");
  r = f.call(f.request("/c06/elsewhere", ""));
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("/c06/dancu"), std::string::npos);
  auto get = f.request("/c06/dancu", "");
  get.method = "GET";
  EXPECT_EQ(f.call(get).status, 405);
  auto big = f.request("/c06/dancu", std::string(2u << 20, 'x'));
  EXPECT_EQ(f.call(big).status, 413);
  EXPECT_EQ(f.journal->exchanges("default", 0, 100).size(), 7u);
}

TEST(c06_service, plain_json_and_lgsp) {
  fixture f;
  auto r = f.call(f.request(
      "/c06/api/TraCuuThongTinCongDan",
      R"({"maYeuCau":"R2","maDVC":"KCB-BHYT","maCanBo":"038185800201","soCMND":"173900116",)"
      R"("hoVaTen":"Hoàng Thị Ngọc Ánh","ngayThangNam":"1988","userNameService":"his_38001"})"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json::parse(r.body);
  EXPECT_EQ(j["soCongDan"], 1);
  EXPECT_EQ(j["maYeuCau"], "R2");
  EXPECT_EQ(j["congDan"][0]["soDinhDanh"], "038188900116");
  r = f.call(f.request("/c06/api/TraCuuThongTinCongDan",
                       R"({"maDVC":"KCB-BHYT","maCanBo":"038185800201","soCMND":"173900116",)"
                       R"("hoVaTen":"A","ngayThangNam":"1988","userNameService":"other"})"));
  EXPECT_EQ(r.status, 401);

  const std::string token = core::base64_encode(
      R"({"AccessKey":"lgsp_thuongninh","SecretKey":"c06-secret-lgsp","AppName":"DVC",)"
      R"("PartnerCode":"38","PartnerCodeCus":"38"})");
  json body = {{"accessToken", "Bearer APIKEY-LGSP-THUONGNINH"},
               {"lgspAccessToken", token},
               {"data", soap("XacThucThongTinCongDan",
                             "<dan:MaDichVu>033</dan:MaDichVu><dan:MaCanBo>VDXP_VPCP</dan:MaCanBo>"
                             "<dan:SoDinhDanh>038178900918</dan:SoDinhDanh>")}};
  core::http_request lg;
  lg.method = "POST";
  lg.target = "/c06/lgsp";
  lg.body = body.dump();
  r = f.call(lg);
  ASSERT_EQ(r.status, 200) << r.body;
  j = json::parse(r.body);
  EXPECT_EQ(j["maLoi"], "000");
  EXPECT_NE(j["data"].get<std::string>().find("<dan:TonTai>true</dan:TonTai>"), std::string::npos);
  body["accessToken"] = "Bearer nope";
  lg.body = body.dump();
  EXPECT_EQ(f.call(lg).status, 401);
}

TEST(c06_service, faults_and_sandbox_overlay) {
  fixture f;
  auto created = f.sandboxes.create("a");
  auto sb = std::get<std::shared_ptr<engine::sandbox>>(created);
  // A citizen only sandbox "a" knows.
  world::citizen c;
  c.so_dinh_danh = "038095900199";
  c.ho_ten = "Lê Văn Tư";
  c.date_of_birth = {1995, 1, 1, 0, 0};
  c.gender = world::sex::male;
  sb->world.upsert_citizen(c);
  const std::string fields =
      "<dan:MaDVC>KCB-BHYT</dan:MaDVC><dan:MaCanBo>038185800201</dan:MaCanBo>"
      "<dan:SoDinhDanh>038095900199</dan:SoDinhDanh><dan:HoVaTen>LE VAN TU</dan:HoVaTen>"
      "<dan:NgayThangNamSinh><dan:Nam>1995</dan:Nam></dan:NgayThangNamSinh>";
  auto r = f.call(f.request("/s/a/c06/dancu", soap("TraCuuThongTinCongDan", fields)), "a");
  EXPECT_NE(r.body.find("SoCongDan=\"1\""), std::string::npos) << r.body;
  r = f.call(f.request("/c06/dancu", soap("TraCuuThongTinCongDan", fields)));
  EXPECT_NE(r.body.find("SoCongDan=\"0\""), std::string::npos) << r.body;
  // Signed for /c06/dancu but sent to /s/a/c06/dancu: the URL is part of the signature.
  auto wrong_url = f.request("/c06/dancu", soap("TraCuuThongTinCongDan", fields));
  wrong_url.target = "/s/a/c06/dancu";
  EXPECT_EQ(f.call(wrong_url, "a").status, 401);

  ASSERT_EQ(sb->faults.add({.type = "outage", .scope = {.endpoint = "c06"}}).index(), 0u);
  r = f.call(f.request("/s/a/c06/dancu", soap("TraCuuThongTinCongDan", fields)), "a");
  EXPECT_EQ(r.status, 503);
  sb->faults.clear();
  sb->faults.add(
      {.type = "slow", .scope = {.endpoint = "c06"}, .attributes = {{"delay_ms", "1500"}}});
  sb->faults.add({.type = "ma_ket_qua_500", .scope = {.endpoint = "c06", .facility = "38001"}});
  r = f.call(f.request("/s/a/c06/dancu", soap("TraCuuThongTinCongDan", fields)), "a");
  EXPECT_EQ(r.delay, 1500ms);
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body.find("soapenv:Server"), std::string::npos);
  const auto rows = f.journal->exchanges("a", 0, 10);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_NE(rows[3].faults, "[]");
}

}  // namespace
}  // namespace sim::services::c06
