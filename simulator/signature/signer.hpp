// sim::signature — signs a claim envelope or a check-in file the way vendors' HIS do
// (bhyt-portal-and-xml.md §1.4): an enveloped XMLDSig with one Reference URI="", transforms
// [enveloped-signature] (optionally followed by inclusive C14N 1.0), inclusive C14N 1.0 for
// SignedInfo, RSA-SHA256, SHA-256, and KeyInfo/X509Data holding the signing certificate (then
// any chain certificates given). The ds:Signature is appended as a child of the root's
// CHUKYDONVI element (created as the root's last child when the file has none). Any existing
// ds:Signature is left in place (re-signing a signed file yields two signatures, which the
// portal profile refuses).
//
//   auto r = sim::signature::sign(xml, key_pem, cert_pem, {issuing_ca_pem});
//   if (!r.ok()) std::cerr << r.error;  else write(r.signed_xml);
//
// The output is the input document re-serialised by libxml2 (UTF-8, with an XML declaration);
// text, CDATA sections and attribute order are kept.
//
// Errors: none thrown; a bad key, certificate or document gives ok() == false and an error
// text that includes the xmlsec/OpenSSL error queues.
// Thread safety: reentrant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sim::signature {

struct sign_options {
  bool add_c14n_transform = false;  // [enveloped-signature, C14N 1.0] instead of [enveloped]
  // Empty: the signature goes into CHUKYDONVI. Otherwise into CHUKYDONVI's child of this name
  // (created as its last child when absent), e.g. "CKS_BENH_VIEN" for KSK data (ksk_hub_profile).
  std::string holder;
};

struct sign_result {
  std::string signed_xml;
  std::string error;  // empty on success
  bool ok() const { return error.empty(); }
};

sign_result sign(std::string_view xml_bytes, std::string_view key_pem, std::string_view cert_pem,
                 const std::vector<std::string>& chain_pems, const sign_options& options = {});

}  // namespace sim::signature
