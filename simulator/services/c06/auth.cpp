#include "simulator/services/c06/auth.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>

#include "simulator/core/base64.hpp"
#include "simulator/core/form.hpp"

namespace sim::services::c06 {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// user and password of `Authorization: Basic …`; false when absent or malformed.
bool basic_credentials(const core::http_request& request, std::string& user, std::string& pass,
                       bool& present) {
  const std::string* h = request.header("Authorization");
  present = h != nullptr;
  if (!h) return false;
  std::string_view v = trim(*h);
  if (v.size() < 6 || lower(v.substr(0, 6)) != "basic ") return false;
  std::string decoded;
  if (core::base64_decode(trim(v.substr(6)), decoded, 1024)) return false;
  const auto colon = decoded.find(':');
  if (colon == std::string::npos) return false;
  user = decoded.substr(0, colon);
  pass = decoded.substr(colon + 1);
  return true;
}

// Constant-time comparison: the signature is a secret-derived value.
bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff = static_cast<unsigned char>(diff | (a[i] ^ b[i]));
  return diff == 0;
}

auth_result fail(const world::c06_account* account, auth_failure f, std::string message) {
  return {account, f, std::move(message)};
}

}  // namespace

std::string_view to_string(auth_failure f) {
  switch (f) {
    case auth_failure::none:
      return "none";
    case auth_failure::missing_authorization:
      return "missing_authorization";
    case auth_failure::malformed_authorization:
      return "malformed_authorization";
    case auth_failure::unknown_user:
      return "unknown_user";
    case auth_failure::missing_timestamp:
      return "missing_timestamp";
    case auth_failure::malformed_timestamp:
      return "malformed_timestamp";
    case auth_failure::stale_timestamp:
      return "stale_timestamp";
    case auth_failure::bad_signature:
      return "bad_signature";
    case auth_failure::missing_api_key:
      return "missing_api_key";
    case auth_failure::wrong_api_key:
      return "wrong_api_key";
    case auth_failure::missing_x_road_client:
      return "missing_x_road_client";
    case auth_failure::wrong_x_road_client:
      return "wrong_x_road_client";
  }
  return "none";
}

std::string signature(std::string_view url, std::string_view user, std::string_view timestamp,
                      std::string_view secret) {
  std::string text;
  text.reserve(url.size() + user.size() + timestamp.size() + secret.size());
  text.append(url).append(user).append(timestamp).append(secret);
  return core::sha256_hex(text);
}

std::string url_of(const core::http_request& request) {
  const std::string* host = request.header("Host");
  std::string url = request.tls ? "https://" : "http://";
  if (host) url += *host;
  url += request.path();
  return url;
}

std::string basic_user(const core::http_request& request) {
  std::string user, pass;
  bool present = false;
  return basic_credentials(request, user, pass, present) ? user : std::string();
}

auth_result authenticate(const core::http_request& request, std::string_view url,
                         const world::c06_behaviour& c06, engine::sys_time real_now) {
  std::string user, pass;
  bool present = false;
  if (!basic_credentials(request, user, pass, present)) {
    return present ? fail(nullptr, auth_failure::malformed_authorization,
                          "Authorization không đúng dạng Basic base64(tài khoản:chữ ký)")
                   : fail(nullptr, auth_failure::missing_authorization,
                          "Thiếu header Authorization (Basic)");
  }
  const world::c06_account* account = c06.find_account(user);
  if (!account) {
    return fail(nullptr, auth_failure::unknown_user, "Tài khoản \"" + user + "\" không tồn tại");
  }
  const std::string* ts = request.header("Timestamp");  // also the PHP client's `timestamp`
  if (!ts) return fail(account, auth_failure::missing_timestamp, "Thiếu header Timestamp");
  const std::string_view t = trim(*ts);
  std::int64_t ms = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), ms);
  if (t.empty() || t.size() > 16 || ec != std::errc{} || p != t.data() + t.size() || ms < 0) {
    return fail(
        account, auth_failure::malformed_timestamp,
        "Timestamp \"" + std::string(t) + "\" không phải thời điểm Unix tính bằng mili giây");
  }
  const auto now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(real_now.time_since_epoch()).count();
  const auto window_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(c06.timestamp_window).count();
  if (ms < now_ms - window_ms || ms > now_ms + window_ms) {
    return fail(
        account, auth_failure::stale_timestamp,
        "Timestamp lệch quá " + std::to_string(window_ms / 1000) + " giây so với giờ máy chủ");
  }
  const std::string expected = signature(url, user, t, account->secret_key);
  if (!same(lower(pass), expected)) {
    return fail(account, auth_failure::bad_signature,
                "Chữ ký xác thực không đúng (sha256hex(url_xacthuc + tài khoản + Timestamp + "
                "secretKey), url_xacthuc = " +
                    std::string(url) + ")");
  }
  const std::string* api_key = request.header("ApiKey");
  if (!api_key && c06.require_x_road_headers)
    return fail(account, auth_failure::missing_api_key, "Thiếu header ApiKey");
  if (api_key && !same(trim(*api_key), account->api_key))
    return fail(account, auth_failure::wrong_api_key, "ApiKey không đúng");
  const std::string* client = request.header("X-Road-Client");
  if (!client && c06.require_x_road_headers)
    return fail(account, auth_failure::missing_x_road_client, "Thiếu header X-Road-Client");
  if (client && trim(*client) != account->x_road_client) {
    return fail(
        account, auth_failure::wrong_x_road_client,
        "X-Road-Client \"" + std::string(trim(*client)) + "\" không phải của tài khoản này");
  }
  return {account, auth_failure::none, {}};
}

}  // namespace sim::services::c06
