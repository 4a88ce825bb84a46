#include "simulator/signature/world_trust.hpp"

#include "simulator/world/world.hpp"

namespace sim::signature {

trust_config trust_from_world(const world::world& w, signature_profile profile) {
  trust_config tc;
  tc.trusted_ca_pems = w.trusted_cas;
  tc.crl_pems = w.crls;
  for (const auto& f : w.facilities) {
    for (const auto& pem : f.registered_certificates) {
      tc.registered_cert_pems_by_ma_cskcb.emplace(f.ma_cskcb, pem);
    }
  }
  tc.profile = std::move(profile);
  // The world's `signature` section may turn SHA-1 into a warning (issue 8).
  tc.profile.sha1_is_warning = tc.profile.sha1_is_warning || w.signature.sha1_warning;
  return tc;
}

trust_config trust_from_world(const world::world& w, signature_profile profile,
                              const std::multimap<std::string, std::string>& extra_registrations) {
  trust_config tc = trust_from_world(w, std::move(profile));
  for (const auto& [code, pem] : extra_registrations) {
    trust_config one;
    one.registered_cert_pems_by_ma_cskcb.emplace(code, pem);
    try {
      verifier probe(one);
    } catch (const trust_error&) {
      continue;
    }
    tc.registered_cert_pems_by_ma_cskcb.emplace(code, pem);
  }
  return tc;
}

}  // namespace sim::signature
