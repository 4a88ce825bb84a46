// sim::services::c06 — the three wire forms of the C06 service (spec c06 A4; docs/c06.md
// "Wire shapes"): SOAP 1.1 (request elements in http://dancuquocgia.bca, the CongdanCollection
// answer in http://www.mic.gov.vn/dancu/1.0), the provincial LGSP JSON wrapper
// {accessToken, lgspAccessToken: base64 JSON {AccessKey, SecretKey, AppName, PartnerCode,
// PartnerCodeCus}, data: <SOAP xml>}, and the plain JSON form {maYeuCau, maDVC, maCanBo,
// soDinhDanh, soCMND, hoVaTen, ngayThangNam, userNameService}.
//
//   auto q = parse_soap(body);               // lookup_request or wire_problem
//   std::string xml = soap_answer(answer, "2026-12-03T04:30:00Z");
//
// Parsers refuse what is not well formed and name it: not UTF-8, not XML, a DTD or entity
// declaration (refused before parsing, like the standard's envelope codec), not a SOAP 1.1
// envelope, a payload element outside http://dancuquocgia.bca, an unknown operation, a field
// given twice, JSON that is not an object or a field that is not a string.
// Errors: values (wire_problem), never exceptions. Thread safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "simulator/services/c06/lookup.hpp"

namespace sim::services::c06 {

inline constexpr std::string_view soap_envelope_ns = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr std::string_view request_ns = "http://dancuquocgia.bca";
inline constexpr std::string_view payload_ns = "http://www.mic.gov.vn/dancu/1.0";

struct wire_problem {
  std::string message;  // Vietnamese, names what is wrong
};

std::variant<lookup_request, wire_problem> parse_soap(std::string_view body);

// The plain JSON form of `op` (the operation is the path's last segment). `user_name_service`
// receives userNameService when given. Guardian (assumed): nguoiGiamHo {soDinhDanh, soCMND,
// hoVaTen}. ngayThangNam of 4 digits is a birth year only.
std::variant<lookup_request, wire_problem> parse_plain_json(std::string_view body, operation op,
                                                            std::string* user_name_service);

struct lgsp_envelope {
  std::string access_token;  // as sent, "Bearer …"
  std::string access_key, secret_key, app_name, partner_code, partner_code_cus;
  std::string data;  // the SOAP request
};
std::variant<lgsp_envelope, wire_problem> parse_lgsp(std::string_view body);

// SOAP answers. `thoi_diem` is the collection's ThoiDiemDuLieu.
std::string soap_answer(const lookup_answer& a, std::string_view thoi_diem);
// A SOAP 1.1 Fault: faultcode soapenv:Client or soapenv:Server, faultstring `message`,
// detail {MaLoi, MoTaLoi} in http://dancuquocgia.bca.
std::string soap_fault(bool client_fault, std::string_view code, std::string_view message);

// The plain JSON answer: {maLoi "000", moTaLoi, maYeuCau, tonTai | soCongDan, thoiDiemDuLieu,
// congDan: […]}.
nlohmann::json json_answer(const lookup_answer& a, std::string_view ma_yeu_cau,
                           std::string_view thoi_diem);
// {maLoi, moTaLoi}
nlohmann::json json_error(std::string_view code, std::string_view message);

}  // namespace sim::services::c06
