#include "simulator/signature/verifier.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/transforms.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "simulator/core/base64.hpp"
#include "simulator/signature/detail/handles.hpp"
#include "simulator/signature/detail/xml_env.hpp"
#include "simulator/standard/envelope.hpp"

namespace sim::signature {
namespace {

using namespace detail;

constexpr std::int64_t vietnam_utc_offset_seconds = 7 * 3600;

bool is_dsig(const xmlNode* n, const char* local) {
  return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
         xmlStrcmp(n->ns->href, BAD_CAST uri::xmldsig_ns) == 0 &&
         xmlStrcmp(n->name, BAD_CAST local) == 0;
}

bool is_named(const xmlNode* n, const char* local) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST local) == 0;
}

std::vector<xmlNodePtr> element_children(xmlNodePtr n) {
  std::vector<xmlNodePtr> out;
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) out.push_back(c);
  }
  return out;
}

std::string attr(xmlNodePtr n, const char* name, bool* present = nullptr) {
  xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);
  if (present) *present = a != nullptr;
  if (!a) return {};
  xml_chars_ptr v(xmlNodeListGetString(n->doc, a->children, 1));
  return v ? std::string(reinterpret_cast<const char*>(v.get())) : std::string();
}

std::string text_of(xmlNodePtr n) {
  xml_chars_ptr v(xmlNodeGetContent(n));
  std::string s = v ? std::string(reinterpret_cast<const char*>(v.get())) : std::string();
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && ws(s.back())) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && ws(s[b])) ++b;
  return s.substr(b);
}

// Every element of the document, iteratively (libxml2 bounds the depth, but no recursion here).
template <class Fn>
void for_each_element(xmlNodePtr root, Fn&& fn) {
  xmlNodePtr n = root;
  while (n) {
    if (n->type == XML_ELEMENT_NODE) fn(n);
    if (n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    if (!n || n == root) break;
    n = n->next;
  }
}

std::string subject_of(X509* c) {
  bio_ptr bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), X509_get_subject_name(c), 0,
                     XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  std::string s(data, static_cast<std::size_t>(len));
  return s.size() > 200 ? s.substr(0, 200) + "…" : s;
}

std::string time_text(const ASN1_TIME* t) {
  struct tm tm {};
  if (!t || !ASN1_TIME_to_tm(t, &tm)) return "?";
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d UTC", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min);
  return buf;
}

std::string der_of(X509* c) {
  unsigned char* der = nullptr;
  int len = i2d_X509(c, &der);
  if (len <= 0) return {};
  std::string s(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return s;
}

struct cert_info {
  x509_ptr cert;
  evp_pkey_ptr key;  // null when the certificate's key cannot be read
  std::string der;
  std::string subject;
  bool rsa = false;
  int bits = 0;
  bool usage_ok = true;
};

std::shared_ptr<cert_info> make_info(x509_ptr cert, std::string der) {
  auto info = std::make_shared<cert_info>();
  info->der = der.empty() ? der_of(cert.get()) : std::move(der);
  info->subject = subject_of(cert.get());
  info->key.reset(X509_get_pubkey(cert.get()));
  if (info->key) {
    info->rsa = EVP_PKEY_get_base_id(info->key.get()) == EVP_PKEY_RSA;
    info->bits = EVP_PKEY_get_bits(info->key.get());
  }
  // RFC 5280 §4.2.1.3: without a keyUsage extension every usage is allowed; with one,
  // signing needs digitalSignature.
  const std::uint32_t flags = X509_get_extension_flags(cert.get());
  if (flags & EXFLAG_KUSAGE)
    info->usage_ok = (X509_get_key_usage(cert.get()) & KU_DIGITAL_SIGNATURE) != 0;
  info->cert = std::move(cert);
  ERR_clear_error();
  return info;
}

struct chain_problem {
  std::string code;
  std::string detail;
};

struct verify_collector {
  std::vector<chain_problem> problems;
  std::set<std::pair<int, int>> seen;  // (error, depth)
  void add(std::string code, std::string detail) {
    // One finding per code: OpenSSL reports an untrusted chain several times over.
    for (const auto& p : problems) {
      if (p.code == code) return;
    }
    problems.push_back({std::move(code), std::move(detail)});
  }
};

// Records every chain error (not just the first) so that, e.g., an expired and revoked
// certificate gets both findings; returning 1 lets OpenSSL go on building the chain.
int collect_cb(int ok, X509_STORE_CTX* ctx) {
  if (ok) return 1;
  auto* col = static_cast<verify_collector*>(X509_STORE_CTX_get_app_data(ctx));
  const int err = X509_STORE_CTX_get_error(ctx);
  const int depth = X509_STORE_CTX_get_error_depth(ctx);
  if (!col || !col->seen.insert({err, depth}).second) return 1;
  X509* c = X509_STORE_CTX_get_current_cert(ctx);
  const std::string who = c ? subject_of(c) : std::string("?");
  switch (err) {
    case X509_V_ERR_UNABLE_TO_GET_CRL:  // no CRL known for this issuer: not revoked as far as we
                                        // know
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_CRL_NOT_YET_VALID:
      return 1;
    case X509_V_ERR_CERT_HAS_EXPIRED:
      col->add("SIG.CERT_EXPIRED",
               who + " — notAfter " + time_text(c ? X509_get0_notAfter(c) : nullptr));
      return 1;
    case X509_V_ERR_CERT_NOT_YET_VALID:
      col->add("SIG.CERT_NOT_YET_VALID",
               who + " — notBefore " + time_text(c ? X509_get0_notBefore(c) : nullptr));
      return 1;
    case X509_V_ERR_CERT_REVOKED:
      col->add("SIG.CERT_REVOKED", who);
      return 1;
    default:
      col->add("SIG.CERT_UNTRUSTED", who + " — " + X509_verify_cert_error_string(err));
      return 1;
  }
}

}  // namespace

struct verifier::impl {
  trust_config config;
  x509_store_ptr store;
  bool has_crls = false;
  std::unordered_map<std::string, std::shared_ptr<cert_info>> known;  // by DER
  std::unordered_map<std::string, std::set<std::string>> registered;  // MA_CSKCB → DERs
  std::vector<const xmlSecTransformKlass*> reference_transforms, signature_transforms;
  mutable std::mutex cache_mutex;
  mutable std::map<std::string, std::vector<chain_problem>> verdicts;

  std::vector<chain_problem> judge_chain(const cert_info& leaf, const std::vector<x509_ptr>& extra,
                                         std::int64_t t) const;
  std::vector<chain_problem> cached_chain(const cert_info& leaf, const std::vector<x509_ptr>& extra,
                                          std::int64_t minute, bool cacheable) const;
  void verify_into(std::string_view xml, std::string_view ma_cskcb, core::civil_time at,
                   core::findings& out) const;
};

std::vector<chain_problem> verifier::impl::judge_chain(const cert_info& leaf,
                                                       const std::vector<x509_ptr>& extra,
                                                       std::int64_t t) const {
  verify_collector col;
  x509_stack_ptr untrusted(sk_X509_new_null());
  for (const auto& c : extra) sk_X509_push(untrusted.get(), c.get());
  x509_store_ctx_ptr ctx(X509_STORE_CTX_new());
  if (!ctx || !X509_STORE_CTX_init(ctx.get(), store.get(), leaf.cert.get(), untrusted.get())) {
    return {{"SIG.CERT_UNTRUSTED", "cannot build a chain: " + take_openssl_errors()}};
  }
  X509_STORE_CTX_set_app_data(ctx.get(), &col);
  X509_STORE_CTX_set_verify_cb(ctx.get(), &collect_cb);
  X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(t));
  unsigned long flags = X509_V_FLAG_PARTIAL_CHAIN;  // an issuing CA alone may be the anchor
  if (has_crls) flags |= X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL;
  X509_STORE_CTX_set_flags(ctx.get(), flags);
  const int rc = X509_verify_cert(ctx.get());
  if (rc <= 0 && col.problems.empty()) {
    const int err = X509_STORE_CTX_get_error(ctx.get());
    if (err != X509_V_OK) {
      col.problems.push_back({"SIG.CERT_UNTRUSTED", X509_verify_cert_error_string(err)});
    }
  }
  ERR_clear_error();
  return col.problems;
}

std::vector<chain_problem> verifier::impl::cached_chain(const cert_info& leaf,
                                                        const std::vector<x509_ptr>& extra,
                                                        std::int64_t minute, bool cacheable) const {
  if (!cacheable) return judge_chain(leaf, extra, minute * 60 - vietnam_utc_offset_seconds);
  std::string key =
      std::to_string(reinterpret_cast<std::uintptr_t>(&leaf)) + "@" + std::to_string(minute);
  for (const auto& c : extra)
    key += "+" + std::to_string(std::hash<std::string>{}(der_of(c.get())));
  {
    std::lock_guard lock(cache_mutex);
    auto it = verdicts.find(key);
    if (it != verdicts.end()) return it->second;
  }
  auto v = judge_chain(leaf, extra, minute * 60 - vietnam_utc_offset_seconds);
  std::lock_guard lock(cache_mutex);
  if (verdicts.size() > 4096) verdicts.clear();  // a bounded cache: times usually repeat
  verdicts.emplace(key, v);
  return v;
}

namespace {

struct file_context {
  std::string table;                  // "ENVELOPE" (claim), "XML0" (check-in) or ""
  std::vector<std::string> declared;  // MA_CSKCB values the file declares
  bool pi_before_root = false;
};

file_context read_file_context(xmlDocPtr doc, xmlNodePtr root) {
  file_context fc;
  for (xmlNodePtr n = doc->children; n && n != root; n = n->next) {
    if (n->type == XML_PI_NODE) fc.pi_before_root = true;
  }
  if (is_named(root, "GIAMDINHHS")) {
    fc.table = "ENVELOPE";
    for (xmlNodePtr c : element_children(root)) {
      if (!is_named(c, "THONGTINDONVI")) continue;
      for (xmlNodePtr f : element_children(c)) {
        if (is_named(f, "MACSKCB")) fc.declared.push_back(text_of(f));
      }
    }
  } else if (is_named(root, "CHI_TIEU_TRANG_THAI_KCB")) {
    fc.table = "XML0";
    for (xmlNodePtr list : element_children(root)) {
      if (!is_named(list, "DSACH_TRANG_THAI_KCB")) continue;
      for (xmlNodePtr row : element_children(list)) {
        for (xmlNodePtr f : element_children(row)) {
          if (!is_named(f, "MA_CSKCB")) continue;
          std::string v = text_of(f);
          if (std::find(fc.declared.begin(), fc.declared.end(), v) == fc.declared.end()) {
            fc.declared.push_back(std::move(v));
          }
        }
      }
    }
  }
  return fc;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string join(const std::vector<std::string>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s + "]";
}

bool is_sha1(const std::string& u) { return u == uri::sha1 || u == uri::rsa_sha1; }

}  // namespace

void verifier::impl::verify_into(std::string_view xml, std::string_view ma_cskcb,
                                 core::civil_time at, core::findings& out) const {
  const signature_profile& prof = config.profile;
  file_context fc;
  const std::size_t first_finding = out.size();
  auto add = [&](const char* code, std::string detail,
                 core::severity level = core::severity::error) {
    // A hostile signature can repeat one mistake a million times: say each (code, detail)
    // once, and at most 16 things about one signature.
    if (out.size() - first_finding >= 16) return;
    for (std::size_t i = first_finding; i < out.size(); ++i) {
      if (out[i].code == code && out[i].detail == detail) return;
    }
    core::finding f;
    f.code = code;
    f.level = level;
    f.table = fc.table;
    f.field = "CHUKYDONVI";
    if (detail.size() > 600) detail = detail.substr(0, 600) + "…";
    f.detail = std::move(detail);
    out.push_back(std::move(f));
  };

  parse_outcome parsed = parse_untrusted(xml, prof.max_document_bytes);
  if (!parsed.doc) {
    add("SIG.MALFORMED", "the file cannot be read as XML: " + parsed.error);
    return;
  }
  xmlDocPtr doc = parsed.doc.get();
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!root) {
    add("SIG.MALFORMED", "the file has no root element");
    return;
  }
  fc = read_file_context(doc, root);

  // 1. Placement and count (wrapping: exactly one signature, where the profile says).
  std::vector<xmlNodePtr> signatures;
  for_each_element(root, [&](xmlNodePtr n) {
    if (is_dsig(n, "Signature")) signatures.push_back(n);
  });
  if (signatures.empty()) {
    add("SIG.MISSING", "no ds:Signature in CHUKYDONVI");
    return;
  }
  if (signatures.size() > prof.max_signatures) {
    add("SIG.REFERENCE", std::to_string(signatures.size()) + " ds:Signature elements; exactly " +
                             std::to_string(prof.max_signatures) + " allowed");
    return;
  }
  xmlNodePtr sig = signatures.front();
  xmlNodePtr parent = sig->parent;
  // The holder's own parent: the root, or the root's signature_block element (ksk_hub_profile).
  auto holder_placed = [&](xmlNodePtr holder) {
    if (prof.signature_block.empty()) return holder->parent == root;
    xmlNodePtr block = holder->parent;
    return block && block->type == XML_ELEMENT_NODE &&
           is_named(block, prof.signature_block.c_str()) && block->parent == root;
  };
  if (!parent || parent->type != XML_ELEMENT_NODE || !holder_placed(parent) ||
      std::none_of(prof.signature_parents.begin(), prof.signature_parents.end(),
                   [&](const std::string& p) { return is_named(parent, p.c_str()); })) {
    std::string where = parent && parent->type == XML_ELEMENT_NODE
                            ? reinterpret_cast<const char*>(parent->name)
                            : "the document";
    add("SIG.REFERENCE", "ds:Signature is inside " + where + ", not in the root's " +
                             (prof.signature_block.empty() ? "" : prof.signature_block + "/") +
                             join(prof.signature_parents));
    return;
  }

  // 2. Structure and profile of the signature, judged on the tree before any crypto runs:
  // nothing in the file is executed or fetched unless the profile allows it.
  bool structural_error = false;
  auto refuse = [&](const char* code, std::string detail) {
    add(code, std::move(detail));
    structural_error = true;
  };
  xmlNodePtr signed_info = nullptr, signature_value = nullptr, key_info = nullptr;
  std::size_t objects = 0;
  for (xmlNodePtr c : element_children(sig)) {
    if (is_dsig(c, "SignedInfo") && !signed_info && !signature_value) {
      signed_info = c;
    } else if (is_dsig(c, "SignatureValue") && signed_info && !signature_value) {
      signature_value = c;
    } else if (is_dsig(c, "KeyInfo") && signature_value && !key_info && !objects) {
      key_info = c;
    } else if (is_dsig(c, "Object") && signature_value) {
      ++objects;
    } else {
      refuse("SIG.MALFORMED", std::string("unexpected element ") +
                                  reinterpret_cast<const char*>(c->name) + " in ds:Signature");
    }
  }
  if (!signed_info || !signature_value) {
    refuse("SIG.MALFORMED", "ds:Signature lacks SignedInfo or SignatureValue");
    return;
  }
  if (objects && !prof.allow_object) {
    refuse("SIG.REFERENCE",
           "ds:Object inside the signature carries content the signature does not cover");
  }
  bool sha1_used = false;
  auto judge_algorithm = [&](const std::string& u, const std::vector<std::string>& allowed,
                             const char* what) {
    if (contains(allowed, u)) return;
    if (is_sha1(u) && prof.sha1_is_warning) {
      sha1_used = true;
      return;
    }
    refuse("SIG.ALGORITHM", std::string(what) + " " + (u.empty() ? "(none)" : u) +
                                " is not allowed; expected " + join(allowed));
  };
  xmlNodePtr c14n = nullptr, sig_method = nullptr;
  std::vector<xmlNodePtr> references;
  for (xmlNodePtr c : element_children(signed_info)) {
    if (is_dsig(c, "CanonicalizationMethod") && !c14n && references.empty()) {
      c14n = c;
    } else if (is_dsig(c, "SignatureMethod") && c14n && !sig_method) {
      sig_method = c;
    } else if (is_dsig(c, "Reference") && sig_method) {
      references.push_back(c);
    } else {
      refuse("SIG.MALFORMED", std::string("unexpected element ") +
                                  reinterpret_cast<const char*>(c->name) + " in SignedInfo");
      return;
    }
  }
  if (!c14n || !sig_method || references.empty()) {
    refuse("SIG.MALFORMED",
           "SignedInfo lacks CanonicalizationMethod, SignatureMethod or Reference");
    return;
  }
  judge_algorithm(attr(c14n, "Algorithm"), prof.c14n_methods, "CanonicalizationMethod");
  if (!element_children(c14n).empty()) {
    refuse("SIG.ALGORITHM", "CanonicalizationMethod with parameters is not allowed");
  }
  judge_algorithm(attr(sig_method, "Algorithm"), prof.signature_methods, "SignatureMethod");
  if (references.size() > prof.max_references) {
    refuse("SIG.REFERENCE", std::to_string(references.size()) + " references; exactly " +
                                std::to_string(prof.max_references) +
                                " (URI=\"\", the whole document) allowed");
    return;
  }
  for (xmlNodePtr ref : references) {
    bool has_uri = false;
    const std::string u = attr(ref, "URI", &has_uri);
    if (!has_uri) {
      refuse("SIG.REFERENCE", "Reference without URI: it must be URI=\"\" (the whole document)");
    } else if (!contains(prof.reference_uris, u)) {
      refuse("SIG.REFERENCE", "Reference URI=\"" + u.substr(0, 200) +
                                  "\" does not cover the whole document (URI=\"\" expected)");
    }
    xmlNodePtr transforms = nullptr, digest_method = nullptr, digest_value = nullptr;
    for (xmlNodePtr c : element_children(ref)) {
      if (is_dsig(c, "Transforms") && !transforms && !digest_method) {
        transforms = c;
      } else if (is_dsig(c, "DigestMethod") && !digest_method) {
        digest_method = c;
      } else if (is_dsig(c, "DigestValue") && digest_method && !digest_value) {
        digest_value = c;
      } else {
        refuse("SIG.MALFORMED", std::string("unexpected element ") +
                                    reinterpret_cast<const char*>(c->name) + " in Reference");
      }
    }
    std::vector<std::string> list;
    bool parameters = false;
    if (transforms) {
      for (xmlNodePtr t : element_children(transforms)) {
        if (!is_dsig(t, "Transform") || list.size() > 16) {
          refuse("SIG.MALFORMED", "Transforms holds something other than a few Transform elements");
          break;
        }
        list.push_back(attr(t, "Algorithm"));
        if (!element_children(t).empty()) parameters = true;
      }
    }
    if (std::find(prof.transform_lists.begin(), prof.transform_lists.end(), list) ==
            prof.transform_lists.end() ||
        parameters) {
      std::string allowed;
      for (const auto& l : prof.transform_lists)
        allowed += (allowed.empty() ? "" : " or ") + join(l);
      refuse("SIG.REFERENCE", "transforms " + join(list) + (parameters ? " with parameters" : "") +
                                  " are not allowed; expected " + allowed);
    }
    if (!digest_method || !digest_value) {
      refuse("SIG.MALFORMED", "Reference lacks DigestMethod or DigestValue");
    } else {
      judge_algorithm(attr(digest_method, "Algorithm"), prof.digest_methods, "DigestMethod");
    }
  }

  // 3. The certificate from KeyInfo.
  std::vector<std::string> ders;
  if (!key_info) {
    refuse("SIG.MALFORMED", "no KeyInfo: the signing certificate (X509Certificate) is required");
  } else {
    for (xmlNodePtr kc : element_children(key_info)) {
      if (is_dsig(kc, "RetrievalMethod")) {
        refuse("SIG.REFERENCE",
               "KeyInfo/RetrievalMethod (a key fetched from elsewhere) is not allowed");
        continue;
      }
      if (!is_dsig(kc, "X509Data")) continue;
      for (xmlNodePtr xc : element_children(kc)) {
        if (!is_dsig(xc, "X509Certificate")) continue;
        if (ders.size() >= prof.max_key_info_certificates) {
          refuse("SIG.MALFORMED", "more than " + std::to_string(prof.max_key_info_certificates) +
                                      " certificates in KeyInfo");
          break;
        }
        xml_chars_ptr b64(xmlNodeGetContent(xc));
        std::string der;
        std::string_view text = b64 ? reinterpret_cast<const char*>(b64.get()) : "";
        if (auto err = core::base64_decode(text, der, prof.max_certificate_bytes)) {
          refuse("SIG.MALFORMED", "X509Certificate is not valid base64 (" + err->reason +
                                      " at offset " + std::to_string(err->offset) + ")");
          continue;
        }
        ders.push_back(std::move(der));
      }
    }
    if (ders.empty() && !structural_error) {
      refuse("SIG.MALFORMED", "KeyInfo has no X509Data/X509Certificate");
    }
  }
  std::vector<std::shared_ptr<cert_info>> certs;
  for (auto& der : ders) {
    auto it = known.find(der);
    if (it != known.end()) {
      certs.push_back(it->second);
      continue;
    }
    const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
    x509_ptr c(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!c || p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
      refuse("SIG.MALFORMED", "X509Certificate is not a DER certificate: " + take_openssl_errors());
      continue;
    }
    certs.push_back(make_info(std::move(c), der));
  }
  if (structural_error || certs.empty()) return;

  // The signer is the certificate that issued none of the others (vendors may add their CA).
  std::shared_ptr<cert_info> leaf = certs.front();
  for (const auto& cand : certs) {
    bool issues_other = false;
    for (const auto& other : certs) {
      if (other != cand && X509_check_issued(cand->cert.get(), other->cert.get()) == X509_V_OK) {
        issues_other = true;
      }
    }
    if (!issues_other) {
      leaf = cand;
      break;
    }
  }
  ERR_clear_error();
  if (!leaf->key || !leaf->rsa) {
    add("SIG.ALGORITHM", "the signing certificate's key is not an RSA key");
    return;
  }
  if (leaf->bits > prof.max_rsa_bits) {
    add("SIG.ALGORITHM", "RSA key of " + std::to_string(leaf->bits) + " bits; at most " +
                             std::to_string(prof.max_rsa_bits) + " allowed");
    return;
  }
  if (leaf->bits < prof.min_rsa_bits) {
    add("SIG.ALGORITHM", "RSA key of " + std::to_string(leaf->bits) + " bits; at least " +
                             std::to_string(prof.min_rsa_bits) + " required");
  }
  if (sha1_used) {
    add("SIG.ALGORITHM", "SHA-1 is deprecated; sign with RSA-SHA256 and SHA-256",
        core::severity::warning);
  }

  // 4. Cryptographic verification by libxmlsec1 with the certificate's key handed over by
  // reference (xml-signature-notes.md: xmlSecKeyDuplicate re-encodes the key, 5× slower).
  clear_xmlsec_errors();
  ERR_clear_error();
  {
    dsig_ctx_ptr ctx(xmlSecDSigCtxCreate(nullptr));
    xmlsec_key_ptr key(xmlSecKeyCreate());
    if (!ctx || !key || !EVP_PKEY_up_ref(leaf->key.get())) {
      add("SIG.MALFORMED", "internal: cannot create a verification context");
      return;
    }
    xmlSecKeyDataPtr data = xmlSecOpenSSLEvpKeyAdopt(leaf->key.get());
    if (!data) {
      EVP_PKEY_free(leaf->key.get());
      add("SIG.ALGORITHM", "the key cannot be used: " + take_xmlsec_errors());
      return;
    }
    if (xmlSecKeySetValue(key.get(), data) < 0) {
      xmlSecKeyDataDestroy(data);
      add("SIG.MALFORMED", "internal: " + take_xmlsec_errors());
      return;
    }
    ctx->signKey = key.release();
    ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
    for (auto* t : reference_transforms) xmlSecDSigCtxEnableReferenceTransform(ctx.get(), t);
    for (auto* t : signature_transforms) xmlSecDSigCtxEnableSignatureTransform(ctx.get(), t);
    const int rc = xmlSecDSigCtxVerify(ctx.get(), sig);
    if (rc < 0) {
      std::string why = take_xmlsec_errors();
      std::string ossl = take_openssl_errors();
      add("SIG.MALFORMED", "the signature cannot be processed: " + why +
                               (ossl.empty() ? "" : " [openssl: " + ossl + "]"));
    } else if (ctx->status != xmlSecDSigStatusSucceeded) {
      bool digest_failed = false;
      const xmlSecSize n = xmlSecPtrListGetSize(&ctx->signedInfoReferences);
      for (xmlSecSize i = 0; i < n; ++i) {
        auto* r = static_cast<xmlSecDSigReferenceCtxPtr>(
            xmlSecPtrListGetItem(&ctx->signedInfoReferences, i));
        if (r && r->status != xmlSecDSigStatusSucceeded) digest_failed = true;
      }
      if (digest_failed) {
        std::string d = "the digest of the document does not match DigestValue";
        if (fc.pi_before_root) {
          d += "; a processing instruction stands before the root element: signers such as "
               "Node xml-crypto digest only the root element for URI=\"\", the standard "
               "digests the whole document";
        }
        add("SIG.DIGEST", d);
      } else {
        add("SIG.VALUE",
            "SignatureValue does not match SignedInfo for the key of " + leaf->subject);
      }
      take_xmlsec_errors();
      ERR_clear_error();
    }
  }

  // 5. The certificate itself: usage, chain at the submission time, registration.
  if (!leaf->usage_ok) {
    add("SIG.CERT_USAGE", leaf->subject + " — keyUsage lacks digitalSignature");
  }
  const bool cacheable = known.count(leaf->der) != 0 &&
                         std::all_of(certs.begin(), certs.end(),
                                     [&](const auto& c) { return known.count(c->der) != 0; });
  std::vector<x509_ptr> extra;
  for (const auto& c : certs) {
    if (c != leaf) {
      X509_up_ref(c->cert.get());
      extra.emplace_back(c->cert.get());
    }
  }
  for (auto& p : cached_chain(*leaf, extra, at.to_minutes(), cacheable)) {
    add(p.code.c_str(), p.detail);
  }
  if (config.check_registration) {
    std::vector<std::string> codes;
    if (!ma_cskcb.empty()) {
      codes.emplace_back(ma_cskcb);
    } else {
      codes = fc.declared;
    }
    if (codes.empty()) {
      add("SIG.CERT_UNREGISTERED",
          "the file declares no MA_CSKCB to check the certificate against");
    }
    for (const auto& code : codes) {
      auto it = registered.find(code);
      if (it == registered.end() || it->second.count(leaf->der) == 0) {
        add("SIG.CERT_UNREGISTERED", leaf->subject + " — not registered for MA_CSKCB " + code);
      }
    }
  }
}

verifier::verifier(const trust_config& config) : impl_(std::make_unique<impl>()) {
  detail::ensure_initialised();
  impl& m = *impl_;
  m.config = config;
  m.store.reset(X509_STORE_new());
  if (!m.store) throw trust_error("cannot create an X509 store");
  for (const auto& pem : config.trusted_ca_pems) {
    auto certs = read_pem_certificates(pem);
    if (certs.empty()) throw trust_error("a trusted CA is not a PEM certificate");
    for (auto& c : certs) {
      if (!X509_STORE_add_cert(m.store.get(), c.get())) {
        ERR_clear_error();  // a duplicate is harmless
      }
      auto info = make_info(std::move(c), {});
      m.known.emplace(info->der, info);
    }
  }
  for (const auto& pem : config.crl_pems) {
    bio_ptr bio = memory_bio(pem);
    int n = 0;
    while (true) {
      x509_crl_ptr crl(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
      if (!crl) break;
      X509_STORE_add_crl(m.store.get(), crl.get());
      ++n;
    }
    ERR_clear_error();
    if (n == 0) throw trust_error("a CRL is not a PEM CRL");
    m.has_crls = true;
  }
  for (const auto& [code, pem] : config.registered_cert_pems_by_ma_cskcb) {
    auto certs = read_pem_certificates(pem);
    if (certs.empty()) throw trust_error("the registered certificate for " + code + " is not PEM");
    for (auto& c : certs) {
      std::string der = der_of(c.get());
      m.registered[code].insert(der);
      if (!m.known.count(der)) m.known.emplace(der, make_info(std::move(c), der));
    }
  }
  auto lookup = [](const std::string& href, xmlSecTransformUsage usage) {
    return xmlSecTransformIdListFindByHref(xmlSecTransformIdsGet(), BAD_CAST href.c_str(), usage);
  };
  auto add_unique = [](std::vector<const xmlSecTransformKlass*>& v, const xmlSecTransformKlass* k) {
    if (k && std::find(v.begin(), v.end(), k) == v.end()) v.push_back(k);
  };
  const signature_profile& p = m.config.profile;
  for (const auto& list : p.transform_lists) {
    for (const auto& u : list)
      add_unique(m.reference_transforms, lookup(u, xmlSecTransformUsageDSigTransform));
  }
  std::vector<std::string> digests = p.digest_methods, sigs = p.signature_methods;
  if (p.sha1_is_warning) {
    digests.push_back(uri::sha1);
    sigs.push_back(uri::rsa_sha1);
  }
  for (const auto& u : digests)
    add_unique(m.reference_transforms, lookup(u, xmlSecTransformUsageDigestMethod));
  for (const auto& u : p.c14n_methods)
    add_unique(m.signature_transforms, lookup(u, xmlSecTransformUsageC14NMethod));
  for (const auto& u : sigs)
    add_unique(m.signature_transforms, lookup(u, xmlSecTransformUsageSignatureMethod));
}

verifier::~verifier() = default;
verifier::verifier(verifier&&) noexcept = default;
verifier& verifier::operator=(verifier&&) noexcept = default;

const trust_config& verifier::config() const { return impl_->config; }

core::findings verifier::verify(std::string_view xml_bytes, std::string_view ma_cskcb,
                                core::civil_time at) const {
  core::findings out;
  impl_->verify_into(xml_bytes, ma_cskcb, at, out);
  return out;
}

void extra_check::operator()(std::string_view bytes, const standard::decoded_file& decoded,
                             core::findings& out) const {
  if (!v) return;
  // The outer document is not a sound claim / check-in (not XML, DTD, too large, encoding,
  // THONGTINDONVI missing…): that finding is the file's verdict; a signature over a document
  // that cannot be read says nothing more (and one file, one code for the rehearsal files).
  for (const auto& f : decoded.findings) {
    const bool outer = f.table == "ENVELOPE" || f.table == "XML0";
    if (outer && (f.code.starts_with("XML.") || f.code == "ENV.STRUCTURE")) return;
  }
  auto fs = v->verify(bytes, "", at);
  out.insert(out.end(), std::make_move_iterator(fs.begin()), std::make_move_iterator(fs.end()));
}

}  // namespace sim::signature
