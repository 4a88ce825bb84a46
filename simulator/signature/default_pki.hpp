// sim::signature — the test PKI of the embedded world (fixtures/pki/default: seed 2026, the
// world's facilities 38001, 38105, 38209, 38301), compiled into the binary so that the demo,
// `generate` and `validate` can sign and verify with no files at hand.
//
//   auto key = sim::signature::default_pki_file("38001-valid.key.pem");    // PEM text
//   auto cert = sim::signature::default_pki_file("38001-valid.cert.pem");
//   sim::signature::verifier v(sim::signature::default_pki_trust());
//
// File names and what each is for: fixtures/pki/default/README.md (also embedded, "README.md").
// These keys are public test material; nothing here is a real certificate.
// Thread safety: immutable static data.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simulator/signature/verifier.hpp"

namespace sim::signature {

// The content of one file of fixtures/pki/default, or nullopt for an unknown name.
std::optional<std::string_view> default_pki_file(std::string_view name);
std::vector<std::string_view> default_pki_file_names();

// Root and issuing CA trusted, the issuing CA's CRL, and each facility of facilities.txt with its
// "<MA_CSKCB>-valid.cert.pem" registered; profile = bhxh_portal_profile().
trust_config default_pki_trust();

// A signer for sim::synth::generate_options::signer: signs with the facility's certificate of
// `kind` ("valid", or "expired", "revoked", … for SIG.* rehearsal files) from the embedded PKI,
// the way vendors' HIS do (sign()). For a facility the PKI does not know, or if signing fails,
// the bytes come back unchanged (unsigned: the verifier then reports SIG.MISSING).
//
//   opt.signer = sim::signature::default_pki_signer();
std::function<std::string(std::string_view bytes, const std::string& ma_cskcb)> default_pki_signer(
    std::string kind = "valid");

}  // namespace sim::signature
