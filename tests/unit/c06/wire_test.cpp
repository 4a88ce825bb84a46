// The three wire forms (docs/c06.md "Wire shapes"): SOAP request parsing with namespaces,
// refusal of DTDs and malformed envelopes, LGSP wrapper, plain JSON, and the answers.
#include "simulator/services/c06/wire.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "simulator/core/base64.hpp"

namespace sim::services::c06 {
namespace {

std::string envelope(const std::string& payload,
                     const std::string& ns = "http://dancuquocgia.bca") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>)"
         R"(<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" )"
         R"(xmlns:dan=")" +
         ns + R"("><soapenv:Header/><soapenv:Body>)" + payload +
         "</soapenv:Body></soapenv:Envelope>";
}

const std::string nhan_than =
    "<dan:XacMinhThongTinNhanThan><dan:MaYeuCau>R1</dan:MaYeuCau><dan:MaDVC>KCB-BHYT</dan:MaDVC>"
    "<dan:MaTichHop>037</dan:MaTichHop><dan:MaCanBo>038185800201</dan:MaCanBo>"
    "<dan:SoDinhDanh>038188900116</dan:SoDinhDanh><dan:HoVaTen>HOANG THI NGOC ANH</dan:HoVaTen>"
    "<dan:NgayThangNamSinh><dan:NgayThangNam>19880919</dan:NgayThangNam></dan:NgayThangNamSinh>"
    "</dan:XacMinhThongTinNhanThan>";

std::string problem(const std::variant<lookup_request, wire_problem>& v) {
  auto* p = std::get_if<wire_problem>(&v);
  return p ? p->message : "";
}

TEST(c06_wire, soap_request_fields) {
  auto v = parse_soap(envelope(nhan_than));
  ASSERT_EQ(problem(v), "");
  const auto& q = std::get<lookup_request>(v);
  EXPECT_EQ(q.op, operation::xac_minh_thong_tin_nhan_than);
  EXPECT_EQ(q.ma_yeu_cau, "R1");
  EXPECT_EQ(q.ma_dvc, "KCB-BHYT");
  EXPECT_EQ(q.ma_tich_hop, "037");
  EXPECT_EQ(q.ma_can_bo, "038185800201");
  EXPECT_EQ(q.so_dinh_danh, "038188900116");
  EXPECT_EQ(q.ho_va_ten, "HOANG THI NGOC ANH");
  EXPECT_EQ(q.ngay_thang_nam, "19880919");
  // Another prefix, default namespace, birth year only, a guardian.
  auto g =
      parse_soap(R"(<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>)"
                 R"(<XacMinhThongTinNguoiGiamHo xmlns="http://dancuquocgia.bca"><MaDVC>X</MaDVC>)"
                 R"(<NgayThangNamSinh><Nam>2023</Nam></NgayThangNamSinh><NguoiGiamHo>)"
                 R"(<SoDinhDanh>038091900108</SoDinhDanh><HoVaTen>A</HoVaTen></NguoiGiamHo>)"
                 R"(</XacMinhThongTinNguoiGiamHo></e:Body></e:Envelope>)");
  ASSERT_EQ(problem(g), "");
  const auto& gq = std::get<lookup_request>(g);
  EXPECT_EQ(gq.op, operation::xac_minh_thong_tin_nguoi_giam_ho);
  EXPECT_EQ(gq.nam, "2023");
  EXPECT_EQ(gq.giam_ho_so_dinh_danh, "038091900108");
  EXPECT_EQ(gq.giam_ho_ho_va_ten, "A");
}

TEST(c06_wire, soap_refusals_name_the_problem) {
  EXPECT_NE(problem(parse_soap("")).find("rỗng"), std::string::npos);
  EXPECT_NE(problem(parse_soap("not xml")).find("Không phải XML"), std::string::npos);
  EXPECT_NE(problem(parse_soap("<!DOCTYPE x [<!ENTITY a \"b\">]>" + envelope(nhan_than)))
                .find("<!DOCTYPE"),
            std::string::npos);
  EXPECT_NE(problem(parse_soap(envelope(nhan_than, "http://example.org/other")))
                .find("http://example.org/other"),
            std::string::npos);
  EXPECT_NE(
      problem(parse_soap(envelope("<dan:CungCapThongTinNhomMau/>"))).find("CungCapThongTinNhomMau"),
      std::string::npos);
  EXPECT_NE(problem(parse_soap(R"(<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope">)"
                               "<e:Body/></e:Envelope>"))
                .find("SOAP 1.2"),
            std::string::npos);
  EXPECT_NE(problem(parse_soap("<root/>")).find("Envelope"), std::string::npos);
  EXPECT_NE(problem(parse_soap(envelope(""))).find("rỗng"), std::string::npos);
  std::string twice = nhan_than;
  twice.insert(twice.find("<dan:HoVaTen>"), "<dan:HoVaTen>B</dan:HoVaTen>");
  EXPECT_NE(problem(parse_soap(envelope(twice))).find("HoVaTen xuất hiện hai lần"),
            std::string::npos);
  EXPECT_NE(problem(parse_soap(envelope("<dan:XacMinhThongTinNhanThan>\xC3("
                                        "</dan:XacMinhThongTinNhanThan>")))
                .find("UTF-8"),
            std::string::npos);
}

TEST(c06_wire, plain_json) {
  std::string user;
  auto v = parse_plain_json(
      R"({"maYeuCau":"R2","maDVC":"VPCP","maCanBo":"VDXP_VPCP","soDinhDanh":"","soCMND":"173900116",)"
      R"("hoVaTen":"Hoàng Thị Ngọc Ánh","ngayThangNam":"1988","userNameService":"lgsp"})",
      operation::tra_cuu_thong_tin_cong_dan, &user);
  ASSERT_EQ(problem(v), "");
  const auto& q = std::get<lookup_request>(v);
  EXPECT_EQ(q.so_cmnd, "173900116");
  EXPECT_EQ(q.nam, "1988");
  EXPECT_TRUE(q.ngay_thang_nam.empty());
  EXPECT_EQ(user, "lgsp");
  EXPECT_NE(problem(parse_plain_json("[1]", operation::tra_cuu_thong_tin_cong_dan, nullptr))
                .find("đối tượng"),
            std::string::npos);
  EXPECT_NE(
      problem(parse_plain_json("{", operation::tra_cuu_thong_tin_cong_dan, nullptr)).find("JSON"),
      std::string::npos);
  EXPECT_EQ(problem(parse_plain_json(R"({"soDinhDanh":38})", operation::tra_cuu_thong_tin_cong_dan,
                                     nullptr)),
            "soDinhDanh phải là chuỗi");
}

TEST(c06_wire, lgsp_wrapper) {
  const std::string token = core::base64_encode(
      R"({"AccessKey":"lgsp","SecretKey":"s","AppName":"DVC","PartnerCode":"P","PartnerCodeCus":"C"})");
  nlohmann::json body = {
      {"accessToken", "Bearer K"}, {"lgspAccessToken", token}, {"data", envelope(nhan_than)}};
  auto v = parse_lgsp(body.dump());
  ASSERT_TRUE(std::holds_alternative<lgsp_envelope>(v));
  const auto& e = std::get<lgsp_envelope>(v);
  EXPECT_EQ(e.access_key, "lgsp");
  EXPECT_EQ(e.secret_key, "s");
  EXPECT_EQ(e.app_name, "DVC");
  EXPECT_EQ(e.partner_code_cus, "C");
  EXPECT_EQ(e.access_token, "Bearer K");
  body["lgspAccessToken"] = "***";
  EXPECT_NE(std::get<wire_problem>(parse_lgsp(body.dump())).message.find("base64"),
            std::string::npos);
  body.erase("data");
  body["lgspAccessToken"] = token;
  EXPECT_EQ(std::get<wire_problem>(parse_lgsp(body.dump())).message, "Thiếu data");
}

TEST(c06_wire, answers_are_well_formed_in_their_namespaces) {
  lookup_answer a;
  cong_dan d;
  d.so_dinh_danh = "038188900116";
  d.ho = "Hoàng";
  d.ten = "A&B";
  d.chu_dem = "\"<Ngọc>\" &&";  // every escaped character, at both ends and together
  a.collection.push_back(d);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(soap_answer(a, "2026-12-03T04:30:00Z").c_str()));
  auto coll = doc.document_element().child("soapenv:Body").child("ns1:CongdanCollection");
  ASSERT_TRUE(coll);
  EXPECT_STREQ(coll.attribute("xmlns:ns1").value(), "http://www.mic.gov.vn/dancu/1.0");
  EXPECT_STREQ(coll.attribute("SoCongDan").value(), "1");
  EXPECT_STREQ(coll.attribute("ThoiDiemDuLieu").value(), "2026-12-03T04:30:00Z");
  EXPECT_STREQ(coll.child("ns1:CongDan").child("ns1:HoVaTen").child_value("ns1:Ten"), "A&B");
  EXPECT_STREQ(coll.child("ns1:CongDan").child("ns1:HoVaTen").child_value("ns1:ChuDem"),
               "\"<Ngọc>\" &&");
  lookup_answer t;
  t.op = operation::xac_thuc_thong_tin_cong_dan;
  t.ton_tai = true;
  ASSERT_TRUE(doc.load_string(soap_answer(t, "").c_str()));
  EXPECT_STREQ(doc.document_element()
                   .child("soapenv:Body")
                   .child("dan:KetQuaXacThuc")
                   .child_value("dan:TonTai"),
               "true");
  ASSERT_TRUE(doc.load_string(soap_fault(true, "004", "Thủ tục <x>").c_str()));
  auto fault = doc.document_element().child("soapenv:Body").child("soapenv:Fault");
  EXPECT_STREQ(fault.child_value("faultcode"), "soapenv:Client");
  EXPECT_STREQ(fault.child("detail").child_value("dan:MaLoi"), "004");
  EXPECT_STREQ(fault.child_value("faultstring"), "Thủ tục <x>");
  auto j = json_answer(a, "R1", "T");
  EXPECT_EQ(j["maLoi"], "000");
  EXPECT_EQ(j["soCongDan"], 1);
  EXPECT_EQ(j["congDan"][0]["hoVaTen"]["ho"], "Hoàng");
}

}  // namespace
}  // namespace sim::services::c06
