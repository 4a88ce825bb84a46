// sim::services::c06 — the C06 population-register service (CSDLQG về dân cư) as reception
// software and provincial gateways reach it (issue 10; spec c06 A4; docs/c06.md):
//   POST /c06/dancu                SOAP 1.1, any operation (the operation is the Body element)
//   POST /c06/lgsp                 the provincial LGSP JSON wrapper around the same SOAP
//   POST /c06/api/{Operation}      the plain JSON form
// Operations: XacThucThongTinCongDan, TraCuuThongTinCongDan, XacMinhThongTinNhanThan,
// XacMinhThongTinNguoiGiamHo (lookup.hpp). Authentication (auth.hpp): Timestamp + HTTP Basic
// with the SHA-256 formula, ApiKey, X-Road-Client; the LGSP form by its accessToken and
// lgspAccessToken keys. Grants per procedure (MaDVC, code 004) and officer (MaCanBo, 005).
// The register is the sandbox's world (its overlay included) at the sandbox's virtual time;
// the Timestamp window is checked against real wall time (`real_clock`). Faults come from the
// sandbox's registry under the endpoint name "c06". Every exchange is written to the journal
// (endpoint "c06"); an exchange the journal cannot hold is answered as a server error.
// The real paths are not public: these are the simulator's (docs/c06.md [I]).
//
//   sim::services::c06::c06_service c06(journal, {}, sim::engine::system_time_source());
//   core::http_response r = c06.handle(request, "/c06/dancu", sandbox);  // path w/o /s/{name}
//
// Errors: every failure is an answer (SOAP Fault or JSON {maLoi, moTaLoi}); no exception
// escapes handle(). Thread safety: handle() may be called from any thread.
#pragma once

#include <cstddef>
#include <string_view>

#include "simulator/core/http_message.hpp"
#include "simulator/engine/journal.hpp"
#include "simulator/engine/sandbox.hpp"
#include "simulator/engine/virtual_clock.hpp"

namespace sim::services::c06 {

struct c06_settings {
  std::size_t max_body_bytes = 1u << 20;  // a look-up is a few hundred bytes; over it: refused
};

class c06_service {
 public:
  c06_service(engine::journal& journal, c06_settings settings, engine::time_source real_clock);

  // True for the paths this service answers ("/c06" and below).
  static bool owns(std::string_view path) { return path == "/c06" || path.starts_with("/c06/"); }

  // Handles a request for `sb`; `path` is the request path without any /s/{name} prefix (the
  // signature's url_xacthuc uses the full path the client sent, request.path()).
  core::http_response handle(const core::http_request& request, std::string_view path,
                             engine::sandbox& sb);

 private:
  engine::journal& journal_;
  c06_settings settings_;
  engine::time_source real_clock_;
};

}  // namespace sim::services::c06
