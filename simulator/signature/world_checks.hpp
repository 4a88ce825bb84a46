// sim::signature — the signature checks of the portal added to a validation, as a world asks
// for them: the XMLDSig verifier's findings (SIG.*), and — when the world's `signature` section
// sets du_phong_signature and the file is judged under QĐ 3176 — the facility's signature
// carried in DU_PHONG of XML13/XML14 (SIG.DU_PHONG). One place for `validate`, `demo` and the
// portal's verdicts.
//
//   sim::rules::validate_options opt{…};
//   sim::signature::add_signature_checks(opt, verifier, *world);
//
// The DU_PHONG signature is reported by a secondary source only (spec §2.3: "DU_PHONG in
// XML13/XML14 is used to carry the facility signature"); its format is not known, so only its
// presence and base64 shape are checked, never its cryptography (docs/signature.md).
// Thread safety: reentrant.
#pragma once

#include <memory>

#include "simulator/core/finding.hpp"
#include "simulator/rules/validator.hpp"
#include "simulator/signature/verifier.hpp"

namespace sim::world {
class world;
}

namespace sim::signature {

// `v` may be null (no verifier could be built): then only the DU_PHONG check is added.
void add_signature_checks(rules::validate_options& opt, std::shared_ptr<const verifier> v,
                          const world::world& w);

// SIG.DU_PHONG for every XML13/XML14 row of a claim whose DU_PHONG is empty or not base64 of at
// least 64 bytes.
void check_du_phong_signatures(const standard::decoded_file& file, core::findings& out);

}  // namespace sim::signature
