// sim::signature — a signature profile: what a verifier accepts, as data. The BHXH portal's
// profile (bhyt-portal-and-xml.md §1.4) is the default; other profiles (e.g. the Ministry of
// Health data hub's) can be added beside it without touching the verifier.
//
//   sim::signature::signature_profile p = sim::signature::bhxh_portal_profile();
//   p.sha1_is_warning = true;  // a per-world switch
//
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sim::signature {

namespace uri {
inline constexpr const char* xmldsig_ns = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr const char* c14n = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
inline constexpr const char* c14n_comments =
    "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
inline constexpr const char* exc_c14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
inline constexpr const char* enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
inline constexpr const char* rsa_sha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
inline constexpr const char* rsa_sha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
inline constexpr const char* sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
inline constexpr const char* sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
inline constexpr const char* xpath = "http://www.w3.org/TR/1999/REC-xpath-19991116";
}  // namespace uri

struct signature_profile {
  std::string name = "bhxh-portal";
  std::vector<std::string> signature_methods;  // allowed SignatureMethod URIs
  std::vector<std::string> digest_methods;     // allowed DigestMethod URIs
  std::vector<std::string> c14n_methods;       // allowed SignedInfo CanonicalizationMethod URIs
  std::vector<std::vector<std::string>> transform_lists;  // allowed Reference transform lists
  std::vector<std::string> signature_parents;  // local names of the element holding ds:Signature
  std::vector<std::string> reference_uris;     // allowed Reference/@URI values ("" = whole doc)
  std::size_t max_signatures = 1;              // ds:Signature elements in the whole file
  std::size_t max_references = 1;              // Reference elements in SignedInfo
  bool allow_object = false;                   // ds:Object (unsigned content inside the signature)
  int min_rsa_bits = 2048;
  int max_rsa_bits = 8192;  // larger keys are refused (cost, abuse)
  // SHA-1 methods (rsa-sha1, sha1) are refused (SIG.ALGORITHM error) unless this is set; then
  // they are accepted with a SIG.ALGORITHM warning. Per world (issue 8).
  bool sha1_is_warning = false;
  std::size_t max_document_bytes = std::size_t{64} << 20;
  std::size_t max_certificate_bytes = std::size_t{64} << 10;  // one decoded X509Certificate
  std::size_t max_key_info_certificates = 8;
  // Empty: the element holding ds:Signature is a child of the root. Otherwise it is a child of
  // the root's element of this name (the KSK data's CHUKYDONVI/CKS_BENH_VIEN, ksk_hub_profile).
  std::string signature_block;
};

// bhyt-portal-and-xml.md §1.4: enveloped XMLDSig, one Reference URI="", transforms
// [enveloped-signature] or [enveloped-signature, inclusive C14N 1.0], inclusive C14N 1.0,
// RSA-SHA256, SHA-256, the ds:Signature a child of CHUKYDONVI; RSA ≥ 2048 bits.
signature_profile bhxh_portal_profile();

// The Ministry of Health data hub's profile for the XMLDSig signatures inside a KSK record
// (QĐ 1551 PL02, spec c06 B3; docs/ksk-hub.md): the portal's algorithms and transforms, the
// ds:Signature a child of CHUKYDONVI/CKS_NGUOI_KET_LUAN (the concluding doctor) or
// CHUKYDONVI/CKS_BENH_VIEN (the facility). The verifier judges one signature per document: the
// hub hands it each signature in turn with the other CKS_* element emptied (the signing rule
// chosen in docs/ksk-hub.md [I]).
signature_profile ksk_hub_profile();

}  // namespace sim::signature
