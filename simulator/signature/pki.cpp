#include "simulator/signature/pki.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <utility>

#include "simulator/core/random.hpp"
#include "simulator/signature/detail/handles.hpp"
#include "simulator/signature/detail/xml_env.hpp"

namespace sim::signature {
namespace {

using namespace detail;

// The project's one seeded generator (house style §7).
using core::xoshiro256;

[[noreturn]] void fail(const std::string& what) {
  throw pki_error(what + (ERR_peek_error() ? ": " + take_openssl_errors() : std::string()));
}

// A prime of exactly `bits` bits (top two bits set so that p*q has 2*bits bits) with
// gcd(p-1, 65537) = 1: candidates come from the seeded generator and step by 2; OpenSSL's
// BN_check_prime judges primality (its own randomness only picks Miller-Rabin witnesses).
bn_ptr deterministic_prime(xoshiro256& rng, int bits, BN_CTX* ctx) {
  std::vector<unsigned char> bytes(static_cast<std::size_t>(bits / 8));
  for (std::size_t i = 0; i < bytes.size(); i += 8) {
    std::uint64_t r = rng.next();
    for (std::size_t j = 0; j < 8 && i + j < bytes.size(); ++j) {
      bytes[i + j] = static_cast<unsigned char>(r >> (8 * j));
    }
  }
  bytes.front() |= 0xC0;
  bytes.back() |= 0x01;
  bn_ptr p(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
  if (!p) fail("BN_bin2bn");
  for (int step = 0; step < 100000; ++step) {
    if (BN_mod_word(p.get(), 65537) != 1 && BN_check_prime(p.get(), ctx, nullptr) == 1) return p;
    if (!BN_add_word(p.get(), 2)) fail("BN_add_word");
  }
  fail("no prime found");
}

evp_pkey_ptr deterministic_rsa_key(xoshiro256& rng, int bits) {
  bn_ctx_ptr ctx(BN_CTX_new());
  bn_ptr p = deterministic_prime(rng, bits / 2, ctx.get());
  bn_ptr q = deterministic_prime(rng, bits / 2, ctx.get());
  while (BN_cmp(p.get(), q.get()) == 0) q = deterministic_prime(rng, bits / 2, ctx.get());
  if (BN_cmp(p.get(), q.get()) < 0) std::swap(p, q);  // p > q, as OpenSSL writes keys
  bn_ptr n(BN_new()), e(BN_new()), d(BN_new()), p1(BN_new()), q1(BN_new()), phi(BN_new()),
      dmp1(BN_new()), dmq1(BN_new()), iqmp(BN_new());
  if (!n || !e || !d || !p1 || !q1 || !phi || !dmp1 || !dmq1 || !iqmp) fail("BN_new");
  BN_set_word(e.get(), 65537);
  BN_mul(n.get(), p.get(), q.get(), ctx.get());
  BN_sub(p1.get(), p.get(), BN_value_one());
  BN_sub(q1.get(), q.get(), BN_value_one());
  BN_mul(phi.get(), p1.get(), q1.get(), ctx.get());
  if (!BN_mod_inverse(d.get(), e.get(), phi.get(), ctx.get())) fail("BN_mod_inverse(d)");
  BN_mod(dmp1.get(), d.get(), p1.get(), ctx.get());
  BN_mod(dmq1.get(), d.get(), q1.get(), ctx.get());
  if (!BN_mod_inverse(iqmp.get(), q.get(), p.get(), ctx.get())) fail("BN_mod_inverse(iqmp)");

  param_bld_ptr bld(OSSL_PARAM_BLD_new());
  if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dmp1.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dmq1.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, iqmp.get())) {
    fail("OSSL_PARAM_BLD");
  }
  param_ptr params(OSSL_PARAM_BLD_to_param(bld.get()));
  evp_pkey_ctx_ptr kctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !kctx || EVP_PKEY_fromdata_init(kctx.get()) <= 0 ||
      EVP_PKEY_fromdata(kctx.get(), &raw, EVP_PKEY_KEYPAIR, params.get()) <= 0) {
    fail("EVP_PKEY_fromdata");
  }
  return evp_pkey_ptr(raw);
}

struct name_part {
  const char* field;
  std::string value;
};

x509_name_ptr make_name(const std::vector<name_part>& parts) {
  x509_name_ptr name(X509_NAME_new());
  for (const auto& p : parts) {
    if (!X509_NAME_add_entry_by_txt(name.get(), p.field, MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(p.value.c_str()), -1, -1,
                                    0)) {
      fail(std::string("X509_NAME_add_entry_by_txt ") + p.field);
    }
  }
  return name;
}

void set_time(ASN1_TIME* t, const char* generalized) {
  if (!ASN1_TIME_set_string_X509(t, generalized)) fail(std::string("bad time ") + generalized);
}

struct cert_spec {
  x509_name_ptr subject;
  const char* not_before;  // "YYYYMMDDHHMMSSZ"
  const char* not_after;
  bool is_ca = false;
  std::string key_usage;  // e.g. "critical,digitalSignature,nonRepudiation"
  std::vector<std::pair<int, std::string>> extra_extensions = {};  // NID, OpenSSL config value
};

struct issued {
  x509_ptr cert;
  evp_pkey_ptr key;
};

void add_ext(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  x509_ext_ptr ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str()));
  if (!ext || !X509_add_ext(cert, ext.get(), -1)) fail("extension " + value);
}

// Issues a certificate for `key`; `issuer` null = self-signed.
x509_ptr make_cert(xoshiro256& rng, const cert_spec& spec, EVP_PKEY* key, const issued* issuer) {
  x509_ptr cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), X509_VERSION_3)) fail("X509_new");
  bn_ptr serial(BN_new());
  std::uint64_t hi = rng.next() & 0x7fffffffffffffffULL, lo = rng.next();
  std::array<unsigned char, 16> sb{};
  for (int i = 0; i < 8; ++i) {
    sb[static_cast<std::size_t>(i)] = static_cast<unsigned char>(hi >> (56 - 8 * i));
    sb[static_cast<std::size_t>(8 + i)] = static_cast<unsigned char>(lo >> (56 - 8 * i));
  }
  sb[0] = static_cast<unsigned char>(sb[0] | 0x10);  // 16 significant bytes, positive
  BN_bin2bn(sb.data(), static_cast<int>(sb.size()), serial.get());
  if (!BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()))) fail("serial");
  X509_set_subject_name(cert.get(), spec.subject.get());
  X509_set_issuer_name(cert.get(),
                       issuer ? X509_get_subject_name(issuer->cert.get()) : spec.subject.get());
  set_time(X509_getm_notBefore(cert.get()), spec.not_before);
  set_time(X509_getm_notAfter(cert.get()), spec.not_after);
  if (!X509_set_pubkey(cert.get(), key)) fail("X509_set_pubkey");
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer ? issuer->cert.get() : cert.get(), cert.get(), nullptr, nullptr, 0);
  add_ext(cert.get(), &ctx, NID_basic_constraints, spec.is_ca ? "critical,CA:TRUE" : "CA:FALSE");
  add_ext(cert.get(), &ctx, NID_key_usage, spec.key_usage);
  add_ext(cert.get(), &ctx, NID_subject_key_identifier, "hash");
  if (issuer) add_ext(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always");
  for (const auto& [nid, value] : spec.extra_extensions) add_ext(cert.get(), &ctx, nid, value);
  if (!X509_sign(cert.get(), issuer ? issuer->key.get() : key, EVP_sha256())) fail("X509_sign");
  return cert;
}

std::string cert_pem(X509* cert) {
  bio_ptr bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_X509(bio.get(), cert)) fail("PEM_write_bio_X509");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string key_pem(EVP_PKEY* key) {
  bio_ptr bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)) {
    fail("PEM_write_bio_PrivateKey");
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string crl_pem(const issued& ca, const std::vector<const X509*>& revoked) {
  std::unique_ptr<X509_CRL, deleter<X509_CRL_free>> crl(X509_CRL_new());
  if (!crl || !X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2)) fail("X509_CRL_new");
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca.cert.get()));
  asn1_time_ptr last(ASN1_TIME_new()), next(ASN1_TIME_new()), when(ASN1_TIME_new());
  set_time(last.get(), "20250101000000Z");
  set_time(next.get(), "20351231235959Z");
  set_time(when.get(), "20250601000000Z");
  X509_CRL_set1_lastUpdate(crl.get(), last.get());
  X509_CRL_set1_nextUpdate(crl.get(), next.get());
  for (const X509* c : revoked) {
    X509_REVOKED* r = X509_REVOKED_new();
    if (!r) fail("X509_REVOKED_new");
    X509_REVOKED_set_serialNumber(r, const_cast<ASN1_INTEGER*>(X509_get0_serialNumber(c)));
    X509_REVOKED_set_revocationDate(r, when.get());
    X509_CRL_add0_revoked(crl.get(), r);
  }
  X509_CRL_sort(crl.get());
  if (!X509_CRL_sign(crl.get(), ca.key.get(), EVP_sha256())) fail("X509_CRL_sign");
  bio_ptr bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_X509_CRL(bio.get(), crl.get())) fail("PEM_write_bio_X509_CRL");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

constexpr const char* leaf_usage = "critical,digitalSignature,nonRepudiation";
constexpr const char* ca_usage = "critical,keyCertSign,cRLSign";

}  // namespace

const pki_file* minted_pki::find(const std::string& name) const {
  for (const auto& f : files) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

minted_pki mint_pki(const pki_options& options) {
  detail::ensure_initialised();
  xoshiro256 rng(options.seed);
  minted_pki out;
  auto add = [&](std::string name, std::string content, std::string purpose) {
    out.files.push_back({std::move(name), std::move(content), std::move(purpose)});
  };

  issued root;
  root.key = deterministic_rsa_key(rng, 2048);
  root.cert = make_cert(rng,
                        {make_name({{"C", "VN"},
                                    {"O", "Trung tâm Chứng thực điện tử quốc gia (mô phỏng)"},
                                    {"CN", "Sandbox Root CA (mô phỏng)"}}),
                         "20150101000000Z", "20451231235959Z", true, ca_usage},
                        root.key.get(), nullptr);
  issued ca;
  ca.key = deterministic_rsa_key(rng, 2048);
  ca.cert = make_cert(rng,
                      {make_name({{"C", "VN"},
                                  {"O", "Nhà cung cấp dịch vụ chứng thực chữ ký số (mô phỏng)"},
                                  {"OU", "Sandbox Trust Network"},
                                  {"CN", "Sandbox Issuing CA (mô phỏng)"}}),
                       "20150101000000Z", "20451231235959Z", true, ca_usage},
                      ca.key.get(), &root);
  issued rogue;
  rogue.key = deterministic_rsa_key(rng, 2048);
  rogue.cert = make_cert(rng,
                         {make_name({{"C", "VN"},
                                     {"O", "Tổ chức không được công nhận (mô phỏng)"},
                                     {"CN", "Untrusted CA (mô phỏng, không tin cậy)"}}),
                          "20150101000000Z", "20451231235959Z", true, ca_usage},
                         rogue.key.get(), nullptr);

  const std::string root_pem = cert_pem(root.cert.get());
  const std::string ca_pem = cert_pem(ca.cert.get());
  add("root-ca.cert.pem", root_pem, "Root CA (trust anchor): trust it (--trust-ca).");
  add("root-ca.key.pem", key_pem(root.key.get()), "Root CA private key.");
  add("issuing-ca.cert.pem", ca_pem,
      "Issuing CA, signed by the root: trust it too, and add it to KeyInfo (--chain) if "
      "you like.");
  add("issuing-ca.key.pem", key_pem(ca.key.get()), "Issuing CA private key (signs the CRL).");
  add("trusted-cas.pem", root_pem + ca_pem,
      "Root + issuing CA in one file (--trust-ca; OpenSSL -CAfile).");
  add("untrusted-ca.cert.pem", cert_pem(rogue.cert.get()),
      "A CA nobody trusts; it issued the *-untrusted-ca certificates.");
  add("untrusted-ca.key.pem", key_pem(rogue.key.get()), "Untrusted CA private key.");

  std::vector<x509_ptr> revoked;
  for (std::size_t i = 0; i < options.facility_codes.size(); ++i) {
    const std::string& code = options.facility_codes[i];
    const std::string name = i < options.facility_names.size() && !options.facility_names[i].empty()
                                 ? options.facility_names[i]
                                 : "Cơ sở KCB " + code;
    auto subject = [&](const std::string& suffix) {
      return make_name({{"C", "VN"},
                        {"O", name + " (mô phỏng)"},
                        {"UID", "MA_CSKCB:" + code},
                        {"CN", name + suffix}});
    };
    struct kind_spec {
      const char* kind;
      const char* not_before;
      const char* not_after;
      const char* usage;
      int bits;
      const issued* issuer;  // null = self-signed
      const char* purpose;
    };
    const kind_spec kinds[] = {
        {"valid", "20250101000000Z", "20351231235959Z", leaf_usage, 2048, &ca,
         "valid signing certificate, registered for the facility: files signed with it are "
         "accepted"},
        {"expired", "20200101000000Z", "20221231235959Z", leaf_usage, 2048, &ca,
         "expired on 2022-12-31 → SIG.CERT_EXPIRED"},
        {"not-yet-valid", "20400101000000Z", "20451231235959Z", leaf_usage, 2048, &ca,
         "valid only from 2040-01-01 → SIG.CERT_NOT_YET_VALID"},
        {"revoked", "20250101000000Z", "20351231235959Z", leaf_usage, 2048, &ca,
         "listed in issuing-ca.crl.pem (revoked 2025-06-01) → SIG.CERT_REVOKED"},
        {"untrusted-ca", "20250101000000Z", "20351231235959Z", leaf_usage, 2048, &rogue,
         "issued by the untrusted CA → SIG.CERT_UNTRUSTED"},
        {"self-signed", "20250101000000Z", "20351231235959Z", leaf_usage, 2048, nullptr,
         "self-signed → SIG.CERT_UNTRUSTED"},
        {"wrong-usage", "20250101000000Z", "20351231235959Z", "critical,keyEncipherment", 2048, &ca,
         "key usage keyEncipherment only (no digitalSignature) → SIG.CERT_USAGE"},
        {"rsa1024", "20250101000000Z", "20351231235959Z", leaf_usage, 1024, &ca,
         "1024-bit RSA key → SIG.ALGORITHM"},
    };
    for (const auto& k : kinds) {
      evp_pkey_ptr key = deterministic_rsa_key(rng, k.bits);
      std::string suffix = std::string(k.kind) == "valid" ? "" : std::string(" [") + k.kind + "]";
      x509_ptr cert = make_cert(rng, {subject(suffix), k.not_before, k.not_after, false, k.usage},
                                key.get(), k.issuer);
      const std::string base = code + "-" + k.kind;
      add(base + ".cert.pem", cert_pem(cert.get()), k.purpose);
      add(base + ".key.pem", key_pem(key.get()), "private key of " + base + ".cert.pem");
      if (std::string(k.kind) == "revoked") revoked.push_back(std::move(cert));
    }
  }
  // The HTTPS server's own certificate (issue 9, `serve --tls-port`), minted after everything
  // else so that every other file keeps its bytes for a given seed. Validity is judged by TLS
  // clients in real time, hence the same long window as the facility certificates.
  {
    evp_pkey_ptr key = deterministic_rsa_key(rng, 2048);
    x509_ptr cert = make_cert(rng,
                              {make_name({{"C", "VN"},
                                          {"O", "sskdt-sim — máy chủ HTTPS thử nghiệm (mô phỏng)"},
                                          {"CN", "localhost (mô phỏng)"}}),
                               "20250101000000Z",
                               "20351231235959Z",
                               false,
                               "critical,digitalSignature,keyEncipherment",
                               {{NID_ext_key_usage, "serverAuth"},
                                {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"}}},
                              key.get(), &ca);
    const std::string leaf = cert_pem(cert.get());
    add("server-localhost.cert.pem", leaf,
        "HTTPS server certificate of `sskdt-sim serve --tls-port` (issued by the issuing CA; "
        "subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1; extendedKeyUsage serverAuth; "
        "2025-01-01 – 2035-12-31, judged by clients in real time).");
    add("server-localhost.key.pem", key_pem(key.get()),
        "private key of server-localhost.cert.pem.");
    add("server-localhost.chain.pem", leaf + ca_pem,
        "server-localhost.cert.pem followed by the issuing CA: what the server sends, so that "
        "clients need only trust root-ca.cert.pem (--tls-cert).");
  }

  std::vector<const X509*> revoked_raw;
  for (const auto& c : revoked) revoked_raw.push_back(c.get());
  out.files.insert(out.files.begin() + 5,
                   pki_file{"issuing-ca.crl.pem", crl_pem(ca, revoked_raw),
                            "CRL of the issuing CA (2025-01-01, next update 2035-12-31) listing "
                            "every *-revoked certificate (--crl)."});

  // facilities.txt records what was minted, so that the PKI can be re-minted byte for byte.
  std::string facilities = "seed " + std::to_string(options.seed) + "\n";
  std::string command = "sskdt-sim pki init --out DIR --seed " + std::to_string(options.seed);
  for (std::size_t i = 0; i < options.facility_codes.size(); ++i) {
    const std::string& name = i < options.facility_names.size() ? options.facility_names[i] : "";
    facilities += options.facility_codes[i] + (name.empty() ? "" : "=" + name) + "\n";
    command += " --facility '" + options.facility_codes[i] + (name.empty() ? "" : "=" + name) + "'";
  }
  out.files.push_back({"facilities.txt", facilities,
                       "the seed and facilities (MA_CSKCB=name) this PKI was minted from"});
  const std::string first = options.facility_codes.empty() ? "MA_CSKCB" : options.facility_codes[0];
  std::string readme =
      "# Test PKI (mô phỏng — simulation only)\n\n"
      "Minted by\n\n    " +
      command +
      "\n\nNothing here is a real certificate: every name says \"mô phỏng\". The same seed and "
      "facility list give the same files byte for byte (keys included; see "
      "simulator/signature/pki.hpp). Validity: CAs 2015-01-01 – 2045-12-31; facility "
      "certificates 2025-01-01 – 2035-12-31 unless the table says otherwise.\n\n"
      "Sign, then verify with the simulator and with xmlsec1:\n\n"
      "    sskdt-sim sign --key " +
      first + "-valid.key.pem --cert " + first +
      "-valid.cert.pem IN.xml OUT.xml\n"
      "    sskdt-sim verify-signature --trust-ca trusted-cas.pem --crl issuing-ca.crl.pem "
      "--register-cert " +
      first + "=" + first +
      "-valid.cert.pem OUT.xml\n"
      "    xmlsec1 --verify --trusted-pem root-ca.cert.pem --trusted-pem issuing-ca.cert.pem "
      "OUT.xml\n\n"
      "(`xmlsec1 --trusted-pem` reads one certificate per file; `trusted-cas.pem` holds both CAs "
      "for tools that read bundles. xmlsec1 1.2.37 has no CRL option.)\n\n"
      "HTTPS: `sskdt-sim serve --tls-port 8443` serves with the embedded "
      "server-localhost.chain.pem and server-localhost.key.pem unless --tls-cert/--tls-key "
      "say otherwise; clients trust root-ca.cert.pem:\n\n"
      "    curl --cacert root-ca.cert.pem https://localhost:8443/_sim/health\n\n"
      "| File | Purpose |\n|---|---|\n";
  for (const auto& f : out.files) readme += "| `" + f.name + "` | " + f.purpose + " |\n";
  out.files.push_back({"README.md", readme, "this file"});
  return out;
}

void write_pki(const minted_pki& pki, const std::string& out_dir) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw pki_error("cannot create " + out_dir + ": " + ec.message());
  for (const auto& f : pki.files) {
    const auto path = std::filesystem::path(out_dir) / f.name;
    std::ofstream os(path, std::ios::binary | std::ios::trunc);
    os.write(f.content.data(), static_cast<std::streamsize>(f.content.size()));
    if (!os) throw pki_error("cannot write " + path.string());
  }
}

}  // namespace sim::signature
