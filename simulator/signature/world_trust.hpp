// sim::signature — the trust configuration a world defines: its trusted CAs, its CRLs and the
// certificates each facility registered on the portal (world.hpp: world::trusted_cas, crls,
// facility::registered_certificates). This is what `validate` uses when no --trust-ca /
// --register-cert flags are given (issue 8).
//
//   auto v = std::make_shared<const sim::signature::verifier>(
//       sim::signature::trust_from_world(*world, sim::signature::bhxh_portal_profile()));
//
// Thread safety: reads a frozen world; reentrant.
#pragma once

#include <map>
#include <string>

#include "simulator/signature/verifier.hpp"

namespace sim::world {
class world;
}

namespace sim::signature {

trust_config trust_from_world(const world::world& w, signature_profile profile);

// The same, plus the certificates a sandbox registered on top of the world (by MA_CSKCB, as
// engine::world_overlay::all_extra_certificates() lists them). A registration that is not a
// certificate (the admin API checks only its shape) is left out rather than making every
// verifier of the sandbox fail.
trust_config trust_from_world(const world::world& w, signature_profile profile,
                              const std::multimap<std::string, std::string>& extra_registrations);

}  // namespace sim::signature
