#include "simulator/signature/signer.hpp"

#include <xmlsec/crypto.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/templates.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmltree.h>

#include <cstring>

#include "simulator/signature/detail/handles.hpp"
#include "simulator/signature/detail/xml_env.hpp"

namespace sim::signature {
namespace {

using namespace detail;

xmlNodePtr find_chukydonvi(xmlNodePtr root) {
  for (xmlNodePtr c = root->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST "CHUKYDONVI") == 0) return c;
  }
  return nullptr;
}

sign_result failure(std::string what) {
  sign_result r;
  std::string x = take_xmlsec_errors();
  std::string o = take_openssl_errors();
  if (!x.empty()) what += " [xmlsec: " + x + "]";
  if (!o.empty()) what += " [openssl: " + o + "]";
  r.error = std::move(what);
  return r;
}

}  // namespace

sign_result sign(std::string_view xml_bytes, std::string_view key_pem, std::string_view cert_pem,
                 const std::vector<std::string>& chain_pems, const sign_options& options) {
  ensure_initialised();
  clear_xmlsec_errors();
  take_openssl_errors();
  parse_outcome parsed = parse_untrusted(xml_bytes, std::size_t{256} << 20);
  if (!parsed.doc) return failure("cannot sign: " + parsed.error);
  xmlDocPtr doc = parsed.doc.get();
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!root) return failure("cannot sign: the document has no root element");

  xmlNodePtr holder = find_chukydonvi(root);
  if (!holder) {
    holder = xmlNewChild(root, nullptr, BAD_CAST "CHUKYDONVI", nullptr);
    if (!holder) return failure("cannot add CHUKYDONVI");
  }

  if (!options.holder.empty()) {
    xmlNodePtr inner = nullptr;
    for (xmlNodePtr c = holder->children; c && !inner; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST options.holder.c_str()) == 0)
        inner = c;
    }
    if (!inner) inner = xmlNewChild(holder, nullptr, BAD_CAST options.holder.c_str(), nullptr);
    if (!inner) return failure("cannot add " + options.holder);
    holder = inner;
  }

  xmlNodePtr sig = xmlSecTmplSignatureCreate(doc, xmlSecTransformInclC14NId,
                                             xmlSecTransformRsaSha256Id, nullptr);
  if (!sig) return failure("cannot create the signature template");
  if (!xmlAddChild(holder, sig)) {
    xmlFreeNode(sig);
    return failure("cannot add the signature to CHUKYDONVI");
  }
  xmlNodePtr ref =
      xmlSecTmplSignatureAddReference(sig, xmlSecTransformSha256Id, nullptr, BAD_CAST "", nullptr);
  if (!ref || !xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId)) {
    return failure("cannot build the Reference");
  }
  if (options.add_c14n_transform &&
      !xmlSecTmplReferenceAddTransform(ref, xmlSecTransformInclC14NId)) {
    return failure("cannot add the C14N transform");
  }
  xmlNodePtr key_info = xmlSecTmplSignatureEnsureKeyInfo(sig, nullptr);
  xmlNodePtr x509 = key_info ? xmlSecTmplKeyInfoAddX509Data(key_info) : nullptr;
  if (!x509 || !xmlSecTmplX509DataAddCertificate(x509)) return failure("cannot build KeyInfo");

  xmlsec_key_ptr key(xmlSecOpenSSLAppKeyLoadMemory(
      reinterpret_cast<const xmlSecByte*>(key_pem.data()), static_cast<xmlSecSize>(key_pem.size()),
      xmlSecKeyDataFormatPem, nullptr, nullptr, nullptr));
  if (!key) return failure("cannot read the private key (PEM expected)");
  if (xmlSecOpenSSLAppKeyCertLoadMemory(
          key.get(), reinterpret_cast<const xmlSecByte*>(cert_pem.data()),
          static_cast<xmlSecSize>(cert_pem.size()), xmlSecKeyDataFormatPem) < 0) {
    return failure("cannot read the certificate (PEM expected)");
  }
  for (const auto& pem : chain_pems) {
    for (const auto& c : read_pem_certificates(pem)) {
      // xmlsec's memory loader takes one certificate per call; hand each one over as DER.
      unsigned char* der = nullptr;
      int len = i2d_X509(c.get(), &der);
      if (len <= 0) return failure("cannot encode a chain certificate");
      int rc = xmlSecOpenSSLAppKeyCertLoadMemory(key.get(), der, static_cast<xmlSecSize>(len),
                                                 xmlSecKeyDataFormatDer);
      OPENSSL_free(der);
      if (rc < 0) return failure("cannot add a chain certificate");
    }
  }
  dsig_ctx_ptr ctx(xmlSecDSigCtxCreate(nullptr));
  if (!ctx) return failure("cannot create the signature context");
  ctx->signKey = key.release();  // owned by ctx from here on
  if (xmlSecDSigCtxSign(ctx.get(), sig) < 0) return failure("signing failed");
  sign_result r;
  r.signed_xml = serialise(doc);
  if (r.signed_xml.empty()) return failure("cannot serialise the signed document");
  return r;
}

}  // namespace sim::signature
