// sim::signature — verifies the XMLDSig signature of a claim envelope (GIAMDINHHS) or a check-in
// file (CHI_TIEU_TRANG_THAI_KCB) the way the BHYT portal must (bhyt-portal-and-xml.md §1.4,
// xml-signature-notes.md): the profile (one enveloped signature inside CHUKYDONVI, one Reference
// URI="", allowed transforms and algorithms) is checked on the tree first, then libxmlsec1 does
// the canonicalization, digest and RSA verification; the certificate found in KeyInfo is judged
// with OpenSSL at the submission time (trust chain, CRL, validity, key usage, key size) and
// against the certificates registered for the facility.
//
//   sim::signature::trust_config tc;
//   tc.trusted_ca_pems = {root_pem, issuing_pem};
//   tc.crl_pems = {crl_pem};
//   tc.registered_cert_pems_by_ma_cskcb.emplace("01001", facility_cert_pem);
//   sim::signature::verifier v(tc);          // parses and caches every certificate once
//   auto fs = v.verify(bytes, "", *sim::core::parse_yyyymmddhhmm("202612031000"));
//   // fs empty = signature accepted; otherwise SIG.* findings (unrendered: code, detail)
//
// What is verified is exactly the document that is then validated and stored: the whole file
// minus the one ds:Signature (every wrapping variant is SIG.REFERENCE).
//
// Speed: certificates that are trusted or registered are parsed once at construction; their
// chain verdict is cached per verification minute, and their public key is handed to xmlsec by
// reference. A KeyInfo certificate not in that set is judged in full each time.
//
// Errors: the constructor throws trust_error (control plane) for a PEM it cannot parse.
// verify() never throws (apart from std::bad_alloc); every problem is a finding.
// Thread safety: after construction, verify() may be called concurrently from any number of
// threads. libxml2/xmlsec/OpenSSL are initialised once per process (std::call_once, see
// detail/xml_env.hpp); the process must not shut them down while verifiers are in use.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/core/civil_time.hpp"
#include "simulator/core/finding.hpp"
#include "simulator/signature/profile.hpp"

namespace sim::standard {
struct decoded_file;
}

namespace sim::signature {

struct trust_config {
  std::vector<std::string> trusted_ca_pems;  // root and issuing CAs (PEM, may hold several)
  std::vector<std::string> crl_pems;         // CRLs of those CAs
  std::multimap<std::string, std::string> registered_cert_pems_by_ma_cskcb;
  // When false, SIG.CERT_UNREGISTERED is never reported (e.g. `verify-signature` without
  // --register-cert). The portal always checks registration.
  bool check_registration = true;
  signature_profile profile = bhxh_portal_profile();
};

class trust_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class verifier {
 public:
  explicit verifier(const trust_config& config);  // throws trust_error
  ~verifier();
  verifier(const verifier&) = delete;
  verifier& operator=(const verifier&) = delete;
  verifier(verifier&&) noexcept;
  verifier& operator=(verifier&&) noexcept;

  // Verifies `xml_bytes` at `at` (the submission time, Vietnam local time). `ma_cskcb` is the
  // facility the file declares (THONGTINDONVI/MACSKCB for claims, MA_CSKCB of the XML0 rows for
  // check-ins); when empty it is read from the file itself. Returns SIG.* findings (table
  // "ENVELOPE" for claims, "XML0" for check-ins; field "CHUKYDONVI"; detail filled; messages not
  // rendered: render with sig_catalogue()); no error finding = accepted (a SIG.ALGORITHM
  // warning for SHA-1 may remain when the profile allows it).
  core::findings verify(std::string_view xml_bytes, std::string_view ma_cskcb,
                        core::civil_time at) const;

  const trust_config& config() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// Glue for sim::rules::validate_options::extra_checks: returns a callable
// (bytes, decoded_file, findings&) that appends the verifier's findings (MACSKCB read from the
// file). The callable shares ownership of the verifier. It judges nothing when decoding found the
// outer document unsound (an XML.* or ENV.STRUCTURE finding on table ENVELOPE / XML0): that
// finding is the verdict.
//
//   opt.extra_checks.push_back(sim::signature::make_extra_check(v, opt.at));
struct extra_check {
  std::shared_ptr<const verifier> v;
  core::civil_time at;
  void operator()(std::string_view bytes, const standard::decoded_file&, core::findings& out) const;
};
inline extra_check make_extra_check(std::shared_ptr<const verifier> v, core::civil_time at) {
  return extra_check{std::move(v), at};
}

}  // namespace sim::signature
