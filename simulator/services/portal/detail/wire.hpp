// Private to sim::services::portal: small helpers shared by the portal's endpoint files
// (portal_service.cpp, certificate.cpp) for the gateway's wire formats.
#pragma once

#include <cctype>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "simulator/core/form.hpp"
#include "simulator/core/http_message.hpp"
#include "simulator/engine/exchange.hpp"
#include "simulator/engine/virtual_clock.hpp"

namespace sim::services::portal::detail {

using engine::json_response;

inline std::string to_upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// thoiGianTiepNhan: yyyyMMddHHmmss, Vietnam local time (spec §4 API formats).
inline std::string receipt_time(engine::sys_time t) {
  const auto c = engine::to_vietnam_civil(t);
  const auto secs = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count() % 60;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02lld", static_cast<long long>((secs + 60) % 60));
  return c.to_yyyymmddhhmm() + buf;
}

// The password as the gateway expects it: MD5 upper-case hex (spec §3.2); a lower-case MD5 too
// when the world allows it (world::portal_behaviour::accept_lowercase_md5).
inline bool password_matches(const std::string& sent, const std::string& plain, bool lowercase_ok) {
  const std::string expected = core::md5_hex_upper(plain);
  return sent == expected || (lowercase_ok && to_upper(sent) == expected);
}

// The answer of the PL02 certificate services: {"MaKetQua","MaGD","ThoiGianTiepNhan"} as two HIS
// vendors transcribe PL02 (docs/portal.md), plus "ThongDiep", a simulator addition.
inline core::http_response certificate_answer(int status, std::string_view code,
                                              std::string_view message, std::string_view ma_gd = {},
                                              std::string_view receipt = {}) {
  return json_response(status, {{"MaKetQua", std::string(code)},
                                {"MaGD", std::string(ma_gd)},
                                {"ThoiGianTiepNhan", std::string(receipt)},
                                {"ThongDiep", std::string(message)}});
}

}  // namespace sim::services::portal::detail
