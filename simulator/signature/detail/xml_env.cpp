#include "simulator/signature/detail/xml_env.hpp"

#include <libxml/parser.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/xmlsec.h>

#include <mutex>
#include <stdexcept>
#include <utility>

namespace sim::signature::detail {
namespace {

thread_local std::string xmlsec_errors;

void on_xmlsec_error(const char* /*file*/, int /*line*/, const char* func, const char* object,
                     const char* subject, int reason, const char* msg) {
  if (xmlsec_errors.size() > 4096) return;  // a hostile file can produce thousands
  if (!xmlsec_errors.empty()) xmlsec_errors += "; ";
  xmlsec_errors += func ? func : "?";
  if (object && *object) (xmlsec_errors += " ") += object;
  if (subject && *subject) (xmlsec_errors += " ") += subject;
  xmlsec_errors += ": ";
  const char* reason_text = xmlSecErrorsGetMsg(static_cast<xmlSecSize>(reason));
  xmlsec_errors += reason_text ? reason_text : "error";
  if (msg && *msg) (xmlsec_errors += " — ") += msg;
}

void initialise_once() {
  xmlInitParser();
  if (xmlSecInit() < 0) throw std::runtime_error("xmlSecInit failed");
  if (xmlSecCheckVersion() != 1) throw std::runtime_error("xmlsec library version mismatch");
  if (xmlSecOpenSSLAppInit(nullptr) < 0) throw std::runtime_error("xmlSecOpenSSLAppInit failed");
  if (xmlSecOpenSSLInit() < 0) throw std::runtime_error("xmlSecOpenSSLInit failed");
  xmlSecErrorsSetCallback(&on_xmlsec_error);
}

struct doctype_flag {
  bool seen = false;
};

void refuse_internal_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* parser = static_cast<xmlParserCtxtPtr>(ctx);
  static_cast<doctype_flag*>(parser->_private)->seen = true;
  xmlStopParser(parser);
}

struct parser_ctxt_deleter {
  void operator()(xmlParserCtxt* p) const noexcept { xmlFreeParserCtxt(p); }
};

}  // namespace

void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, initialise_once);
}

void clear_xmlsec_errors() { xmlsec_errors.clear(); }
std::string take_xmlsec_errors() { return std::exchange(xmlsec_errors, {}); }

std::string take_openssl_errors() {
  std::string out;
  unsigned long e = 0;
  while ((e = ERR_get_error()) != 0) {
    if (out.size() > 2048) continue;
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

bio_ptr memory_bio(std::string_view bytes) {
  return bio_ptr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::vector<x509_ptr> read_pem_certificates(std::string_view pem) {
  std::vector<x509_ptr> out;
  if (pem.size() > (std::size_t{16} << 20)) return out;
  bio_ptr bio = memory_bio(pem);
  while (true) {
    x509_ptr c(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!c) break;
    out.push_back(std::move(c));
  }
  ERR_clear_error();  // the end-of-data "no start line" error
  return out;
}

parse_outcome parse_untrusted(std::string_view bytes, std::size_t max_bytes) {
  ensure_initialised();
  parse_outcome out;
  if (bytes.size() > max_bytes) {
    out.error = "file larger than " + std::to_string(max_bytes) + " bytes";
    return out;
  }
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    out.error = "file too large";
    return out;
  }
  std::unique_ptr<xmlParserCtxt, parser_ctxt_deleter> ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    out.error = "cannot create an XML parser";
    return out;
  }
  doctype_flag flag;
  ctxt->_private = &flag;
  ctxt->sax->internalSubset = &refuse_internal_subset;
  // No XML_PARSE_NOENT (no entity expansion), no DTDLOAD/DTDATTR, no HUGE (default limits).
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  xml_doc_ptr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()),
                                    nullptr, nullptr, options));
  if (flag.seen) {
    out.error = "a DOCTYPE declaration is not allowed";
    return out;
  }
  if (!doc || !ctxt->wellFormed) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    out.error = "not well-formed XML";
    if (e && e->message) {
      std::string m = e->message;
      while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
      out.error += " (line " + std::to_string(e->line) + ": " + m + ")";
    }
    return out;
  }
  if (doc->intSubset || doc->extSubset) {
    out.error = "a DOCTYPE declaration is not allowed";
    return out;
  }
  out.doc = std::move(doc);
  return out;
}

std::string serialise(xmlDoc* doc) {
  xmlChar* buf = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &buf, &size, "UTF-8");
  xml_chars_ptr holder(buf);
  if (!buf || size <= 0) return {};
  return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(size));
}

}  // namespace sim::signature::detail
