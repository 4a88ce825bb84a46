// RAII handles for the OpenSSL, libxml2 and xmlsec objects used by sim::signature, and helpers
// that drain their error queues into text. Private to the module.
#pragma once

#include <libxml/tree.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <xmlsec/keys.h>
#include <xmlsec/xmldsig.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sim::signature::detail {

template <auto fn>
struct deleter {
  template <class T>
  void operator()(T* p) const noexcept {
    if (p) fn(p);
  }
};

using x509_ptr = std::unique_ptr<X509, deleter<X509_free>>;
using x509_crl_ptr = std::unique_ptr<X509_CRL, deleter<X509_CRL_free>>;
using x509_store_ptr = std::unique_ptr<X509_STORE, deleter<X509_STORE_free>>;
using x509_store_ctx_ptr = std::unique_ptr<X509_STORE_CTX, deleter<X509_STORE_CTX_free>>;
using x509_name_ptr = std::unique_ptr<X509_NAME, deleter<X509_NAME_free>>;
using x509_ext_ptr = std::unique_ptr<X509_EXTENSION, deleter<X509_EXTENSION_free>>;
using evp_pkey_ptr = std::unique_ptr<EVP_PKEY, deleter<EVP_PKEY_free>>;
using evp_pkey_ctx_ptr = std::unique_ptr<EVP_PKEY_CTX, deleter<EVP_PKEY_CTX_free>>;
using bio_ptr = std::unique_ptr<BIO, deleter<BIO_free_all>>;
using bn_ptr = std::unique_ptr<BIGNUM, deleter<BN_clear_free>>;
using bn_ctx_ptr = std::unique_ptr<BN_CTX, deleter<BN_CTX_free>>;
using param_bld_ptr = std::unique_ptr<OSSL_PARAM_BLD, deleter<OSSL_PARAM_BLD_free>>;
using param_ptr = std::unique_ptr<OSSL_PARAM, deleter<OSSL_PARAM_free>>;
using asn1_time_ptr = std::unique_ptr<ASN1_TIME, deleter<ASN1_TIME_free>>;
using asn1_integer_ptr = std::unique_ptr<ASN1_INTEGER, deleter<ASN1_INTEGER_free>>;
using xml_doc_ptr = std::unique_ptr<xmlDoc, deleter<xmlFreeDoc>>;
using xmlsec_key_ptr = std::unique_ptr<xmlSecKey, deleter<xmlSecKeyDestroy>>;
using dsig_ctx_ptr = std::unique_ptr<xmlSecDSigCtx, deleter<xmlSecDSigCtxDestroy>>;

inline void free_x509_stack(STACK_OF(X509) * s) { sk_X509_free(s); }
using x509_stack_ptr = std::unique_ptr<STACK_OF(X509), deleter<free_x509_stack>>;

inline void xml_free_chars(xmlChar* p) { xmlFree(p); }
using xml_chars_ptr = std::unique_ptr<xmlChar, deleter<xml_free_chars>>;

// Drains this thread's OpenSSL error queue into "; "-separated text (empty when none).
std::string take_openssl_errors();

// A read-only memory BIO over `bytes` (which must outlive it).
bio_ptr memory_bio(std::string_view bytes);

// All certificates in a PEM text, in order; empty on any parse failure (errors drained).
std::vector<x509_ptr> read_pem_certificates(std::string_view pem);

}  // namespace sim::signature::detail
