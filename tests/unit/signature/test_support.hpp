// Shared helpers of the signature tests: one in-memory test PKI (minted once per process), sample
// claim / check-in files, and small text surgery on signed files.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "simulator/core/civil_time.hpp"
#include "simulator/signature/default_pki.hpp"
#include "simulator/signature/pki.hpp"
#include "simulator/signature/signer.hpp"
#include "simulator/signature/verifier.hpp"

namespace sim::signature::testing {

// The embedded fixtures/pki/default (no minting: unit tests stay fast). Facility 38001.
inline const minted_pki& test_pki() {
  static const minted_pki pki = [] {
    minted_pki p;
    for (auto name : default_pki_file_names()) {
      p.files.push_back({std::string(name), std::string(*default_pki_file(name)), ""});
    }
    return p;
  }();
  return pki;
}

inline const std::string& pem(const std::string& name) {
  const pki_file* f = test_pki().find(name);
  if (!f) throw std::runtime_error("no PKI file " + name);
  return f->content;
}

inline std::string claim_xml(std::string_view macskcb = "38001", std::string_view prolog = "") {
  return std::string("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n") + std::string(prolog) +
         "<GIAMDINHHS xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
         "  <THONGTINDONVI>\n    <MACSKCB>" +
         std::string(macskcb) +
         "</MACSKCB>\n"
         "  </THONGTINDONVI>\n  <THONGTINHOSO>\n    <NGAYLAP>20261203</NGAYLAP>\n"
         "    <SOLUONGHOSO>1</SOLUONGHOSO>\n    <DANHSACHHOSO>\n      <HOSO>\n"
         "        <FILEHOSO>\n          <LOAIHOSO>XML1</LOAIHOSO>\n"
         "          "
         "<NOIDUNGFILE>PFRPTkdfSE9QPjxNQV9MSz5MSzAwMTwvTUFfTEs+PC9UT05HX0hPUD4=</NOIDUNGFILE>\n"
         "        </FILEHOSO>\n      </HOSO>\n    </DANHSACHHOSO>\n  </THONGTINHOSO>\n"
         "  <CHUKYDONVI/>\n</GIAMDINHHS>\n";
}

inline std::string checkin_xml(std::string_view ma_cskcb = "38001") {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CHI_TIEU_TRANG_THAI_KCB>\n"
             "  <DSACH_TRANG_THAI_KCB>\n    <TRANG_THAI_KCB>\n      <MA_LK>LK001</MA_LK>\n"
             "      <MA_CSKCB>") +
         std::string(ma_cskcb) +
         "</MA_CSKCB>\n      <HO_TEN><![CDATA[Nguyễn Văn A]]></HO_TEN>\n    </TRANG_THAI_KCB>\n"
         "  </DSACH_TRANG_THAI_KCB>\n  <CHUKYDONVI/>\n</CHI_TIEU_TRANG_THAI_KCB>\n";
}

// Signs `xml` with the facility certificate of `kind` ("valid", "expired", …) of 38001.
inline std::string signed_with(const std::string& kind, const std::string& xml = claim_xml(),
                               sign_options opt = {}) {
  auto r =
      sign(xml, pem("38001-" + kind + ".key.pem"), pem("38001-" + kind + ".cert.pem"), {}, opt);
  if (!r.ok()) throw std::runtime_error(r.error);
  return r.signed_xml;
}

inline trust_config portal_trust(bool register_all_kinds = true) {
  trust_config tc;
  tc.trusted_ca_pems = {pem("root-ca.cert.pem"), pem("issuing-ca.cert.pem")};
  tc.crl_pems = {pem("issuing-ca.crl.pem")};
  if (register_all_kinds) {
    for (const char* k : facility_cert_kinds) {
      tc.registered_cert_pems_by_ma_cskcb.emplace("38001",
                                                  pem(std::string("38001-") + k + ".cert.pem"));
    }
  }
  return tc;
}

inline core::civil_time submission_time() { return *core::parse_yyyymmddhhmm("202612031000"); }

inline std::string replace_once(std::string s, std::string_view from, std::string_view to) {
  auto p = s.find(from);
  if (p == std::string::npos)
    throw std::runtime_error("replace_once: not found: " + std::string(from));
  s.replace(p, from.size(), to);
  return s;
}

inline std::string between(const std::string& s, std::string_view open, std::string_view close) {
  auto a = s.find(open);
  auto b = s.find(close, a);
  if (a == std::string::npos || b == std::string::npos) throw std::runtime_error("between");
  return s.substr(a + open.size(), b - a - open.size());
}

inline std::vector<std::string> codes_of(const core::findings& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(f.code);
  return out;
}

inline bool has_code(const core::findings& fs, std::string_view code) {
  for (const auto& f : fs) {
    if (f.code == code) return true;
  }
  return false;
}

}  // namespace sim::signature::testing
