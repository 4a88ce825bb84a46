// sim::signature — mints a test PKI modelled on the Vietnamese public CAs (issue 8): a root CA,
// an issuing CA, an untrusted CA, a CRL, and for each facility a valid signing certificate plus
// one certificate per failure the portal must detect (expired, not yet valid, revoked, signed by
// an untrusted CA, self-signed, wrong key usage, 1024-bit key), and the HTTPS server certificate
// of `serve --tls-port` (server-localhost.{cert,key,chain}.pem: issued by the issuing CA,
// subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1, extendedKeyUsage serverAuth). Every name
// says "mô phỏng" (simulation) so that no file can be mistaken for a real certificate.
//
//   auto pki = sim::signature::mint_pki({.seed = 7, .facility_codes = {"01001", "01002"}});
//   sim::signature::write_pki(pki, "fixtures/pki/default");  // PEM files + README.md
//
// Determinism: the seed drives one xoshiro256** generator that makes everything — serial
// numbers, the RSA primes (candidates from the generator, primality tested by OpenSSL), hence
// the keys and, RSA PKCS#1 v1.5 being deterministic, the certificates and CRL byte for byte.
// The same seed and facility list give the same files.
//
// Validity (fixed dates, so tests do not rot): CAs 2015-01-01 – 2045-12-31; valid and failure
// certificates 2025-01-01 – 2035-12-31; expired 2020-01-01 – 2022-12-31; not yet valid
// 2040-01-01 – 2045-12-31; server-localhost 2025-01-01 – 2035-12-31 (TLS clients judge it in
// real time); CRL thisUpdate 2025-01-01, nextUpdate 2035-12-31. The server certificate is minted
// last, so adding it left every other file's bytes unchanged.
//
// Errors: mint_pki throws pki_error (control plane: OpenSSL failures); write_pki throws
// pki_error on I/O errors.
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace sim::signature {

struct pki_options {
  std::uint64_t seed = 1;
  std::vector<std::string> facility_codes;  // MA_CSKCB values
  std::vector<std::string> facility_names;  // optional, same order; default "Cơ sở KCB <code>"
};

struct pki_file {
  std::string name;     // file name inside the PKI directory, e.g. "01001-valid.cert.pem"
  std::string content;  // PEM text (or README markdown)
  std::string purpose;  // one line for the README
};

struct minted_pki {
  std::vector<pki_file> files;  // in README order
  const pki_file* find(const std::string& name) const;
};

class pki_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Kinds of facility certificate, file names "<MA_CSKCB>-<kind>.cert.pem" / ".key.pem".
inline constexpr const char* facility_cert_kinds[] = {
    "valid",        "expired",     "not-yet-valid", "revoked",
    "untrusted-ca", "self-signed", "wrong-usage",   "rsa1024"};

minted_pki mint_pki(const pki_options& options);
void write_pki(const minted_pki& pki, const std::string& out_dir);

}  // namespace sim::signature
