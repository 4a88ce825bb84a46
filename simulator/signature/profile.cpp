#include "simulator/signature/profile.hpp"

namespace sim::signature {

signature_profile bhxh_portal_profile() {
  signature_profile p;
  p.name = "bhxh-portal";
  p.signature_methods = {uri::rsa_sha256};
  p.digest_methods = {uri::sha256};
  p.c14n_methods = {uri::c14n};
  // Both lists are sent by real vendors (bhyt-portal-and-xml.md §1.4, Transforms row).
  p.transform_lists = {{uri::enveloped}, {uri::enveloped, uri::c14n}};
  p.signature_parents = {"CHUKYDONVI"};
  p.reference_uris = {""};
  return p;
}

signature_profile ksk_hub_profile() {
  signature_profile p = bhxh_portal_profile();
  p.name = "ksk-hub";
  p.signature_parents = {"CKS_NGUOI_KET_LUAN", "CKS_BENH_VIEN"};
  p.signature_block = "CHUKYDONVI";
  p.max_document_bytes = std::size_t{10} << 20;  // one client's limit on a push body (10 MiB)
  return p;
}

}  // namespace sim::signature
