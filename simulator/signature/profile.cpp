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

}  // namespace sim::signature
