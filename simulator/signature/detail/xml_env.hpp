// Process-wide libxml2 / xmlsec / OpenSSL set-up for sim::signature, and the safe parser.
//
// ensure_initialised() runs once per process (std::call_once): xmlInitParser, xmlSecInit,
// xmlSecOpenSSLAppInit, xmlSecOpenSSLInit, and an xmlsec error callback that appends to a
// thread-local buffer (so concurrent verifications keep their errors apart). It never shuts the
// libraries down: other modules may use libxml2, and static destruction order is unknowable.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "simulator/signature/detail/handles.hpp"

namespace sim::signature::detail {

void ensure_initialised();

// Clears / takes this thread's xmlsec error text (collected by the error callback).
void clear_xmlsec_errors();
std::string take_xmlsec_errors();

struct parse_outcome {
  xml_doc_ptr doc;
  std::string error;  // when doc is null: why (libxml2's message, or "DOCTYPE refused", …)
};

// Parses untrusted XML: no network, no entity expansion, no DTD loading; a DOCTYPE is refused;
// libxml2's default size/depth limits apply (no XML_PARSE_HUGE), and `max_bytes` bounds input.
parse_outcome parse_untrusted(std::string_view bytes, std::size_t max_bytes);

// Serialises a document as UTF-8 with an XML declaration.
std::string serialise(xmlDoc* doc);

}  // namespace sim::signature::detail
