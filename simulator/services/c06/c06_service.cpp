#include "simulator/services/c06/c06_service.hpp"

#include <nlohmann/json.hpp>

#include "simulator/engine/exchange.hpp"
#include "simulator/services/c06/auth.hpp"
#include "simulator/services/c06/lookup.hpp"
#include "simulator/services/c06/wire.hpp"

namespace sim::services::c06 {
namespace {

using json = nlohmann::json;

enum class form { soap, lgsp, plain_json };

// What the exchange carried, for the journal and the answer's shape.
struct exchange {
  form kind = form::soap;
  std::string operation;  // wire name, when known
  std::string outcome;    // "ok", "auth:<failure>", "refused:004", "malformed", "fault", …
};

core::http_response soap_response(int status, std::string body) {
  core::http_response r;
  r.status = status;
  r.content_type = "text/xml; charset=utf-8";
  r.body = std::move(body);
  return r;
}

using engine::json_response;

// A failure in the request's own form. SOAP: HTTP 401 for authentication (the gateway refuses
// before the service runs), else HTTP 500 as SOAP 1.1 §6.2 requires for a Fault. JSON: 401,
// 403 for 004/005, 400 for a malformed request, 500 for a server error [I] (docs/c06.md).
core::http_response failure(form kind, int json_status, bool client_fault, std::string_view code,
                            std::string_view message) {
  if (kind == form::soap) {
    return soap_response(json_status == 401 ? 401 : 500, soap_fault(client_fault, code, message));
  }
  json body = json_error(code, message);
  if (kind == form::lgsp) body["data"] = soap_fault(client_fault, code, message);
  return json_response(json_status, body);
}

std::string_view strip(std::string_view s, std::string_view prefix) {
  return s.starts_with(prefix) ? s.substr(prefix.size()) : std::string_view();
}

}  // namespace

c06_service::c06_service(engine::journal& journal, c06_settings settings,
                         engine::time_source real_clock)
    : journal_(journal), settings_(settings), real_clock_(std::move(real_clock)) {}

core::http_response c06_service::handle(const core::http_request& request, std::string_view path,
                                        engine::sandbox& sb) {
  const auto started = std::chrono::steady_clock::now();
  const auto received = sb.clock.now();
  const world::world& base = sb.world.base();
  exchange x;
  std::optional<operation> json_op;
  if (path == "/c06/lgsp") {
    x.kind = form::lgsp;
  } else if (auto op_name = strip(path, "/c06/api/"); !op_name.empty()) {
    x.kind = form::plain_json;
    json_op = parse_operation(op_name);
    x.operation = std::string(op_name);
  }
  // Faults are scoped by the account's facility when the Basic user names one.
  std::string facility;
  if (const auto* account = base.c06.find_account(basic_user(request)))
    facility = account->facility;
  engine::fault_effect effect = sb.faults.evaluate("c06", facility);

  core::http_response response;
  auto run = [&]() -> core::http_response {
    if (effect.http_status) {
      x.outcome = "fault:outage";
      return engine::outage_response(effect);
    }
    if (!effect.ma_ket_qua.empty()) {
      x.outcome = "fault:error";
      return failure(x.kind, 500, false, effect.ma_ket_qua, "Lỗi truy cập hệ thống tra cứu");
    }
    if (path != "/c06/dancu" && x.kind == form::soap) {
      x.outcome = "not_found";
      return failure(x.kind, 404, true, "404",
                     "Không có dịch vụ tại " + std::string(path) +
                         " (SOAP: /c06/dancu; LGSP: /c06/lgsp; JSON: /c06/api/{ThaoTac})");
    }
    if (request.method != "POST") {
      x.outcome = "malformed";
      core::http_response r = failure(x.kind, 405, true, "405", "Chỉ nhận POST");
      r.status = 405;
      return r;
    }
    if (request.error == core::http_request::problem::body_too_large ||
        request.body.size() > settings_.max_body_bytes) {
      x.outcome = "malformed";
      core::http_response r = failure(x.kind, 413, true, "413",
                                      "Nội dung yêu cầu quá lớn (tối đa " +
                                          std::to_string(settings_.max_body_bytes) + " byte)");
      r.status = 413;
      return r;
    }
    if (x.kind == form::plain_json && !json_op) {
      x.outcome = "malformed";
      return failure(x.kind, 404, true, "404",
                     "Thao tác \"" + x.operation + "\" không được hỗ trợ");
    }

    // Authentication, then the request in its form.
    const world::c06_account* account = nullptr;
    lookup_request q;
    if (x.kind == form::lgsp) {
      auto parsed = parse_lgsp(request.body);
      if (auto* p = std::get_if<wire_problem>(&parsed)) {
        x.outcome = "malformed";
        return failure(x.kind, 400, true, "400", p->message);
      }
      const auto& e = std::get<lgsp_envelope>(parsed);
      account = base.c06.find_account(e.access_key);
      // [I] the LGSP's own credentials: AccessKey = account, SecretKey = its secret key,
      // accessToken = "Bearer " + its ApiKey (docs/c06.md).
      std::string why;
      if (!account)
        why = "AccessKey \"" + e.access_key + "\" không tồn tại";
      else if (e.secret_key != account->secret_key)
        why = "SecretKey không đúng";
      else if (e.access_token != "Bearer " + account->api_key)
        why = "accessToken không đúng";
      if (!why.empty()) {
        x.outcome = "auth:lgsp";
        return failure(x.kind, 401, true, "401", why);
      }
      auto soap = parse_soap(e.data);
      if (auto* p = std::get_if<wire_problem>(&soap)) {
        x.outcome = "malformed";
        return failure(x.kind, 400, true, "400", "data: " + p->message);
      }
      q = std::get<lookup_request>(soap);
    } else {
      const auth_result auth = authenticate(request, url_of(request), base.c06, real_clock_());
      if (auth.failure != auth_failure::none) {
        x.outcome = "auth:" + std::string(to_string(auth.failure));
        return failure(x.kind, 401, true, "401", auth.message);
      }
      account = auth.account;
      if (x.kind == form::soap) {
        auto soap = parse_soap(request.body);
        if (auto* p = std::get_if<wire_problem>(&soap)) {
          x.outcome = "malformed";
          return failure(x.kind, 400, true, "400", p->message);
        }
        q = std::get<lookup_request>(soap);
      } else {
        std::string user_name_service;
        auto parsed = parse_plain_json(request.body, *json_op, &user_name_service);
        if (auto* p = std::get_if<wire_problem>(&parsed)) {
          x.outcome = "malformed";
          return failure(x.kind, 400, true, "400", p->message);
        }
        q = std::get<lookup_request>(parsed);
        if (!user_name_service.empty() && user_name_service != account->username) {
          x.outcome = "auth:user_name_service";
          return failure(
              x.kind, 401, true, "401",
              "userNameService \"" + user_name_service + "\" không phải tài khoản đã xác thực");
        }
      }
    }
    x.operation = std::string(to_string(q.op));
    if (auto problem = validate(q)) {
      x.outcome = "malformed";
      return failure(x.kind, 400, true, "400", problem->message);
    }
    const std::string_view refused = check_grant(q, *account);
    if (!refused.empty()) {
      x.outcome = "refused:" + std::string(refused);
      return failure(x.kind, 403, true, refused,
                     refused == code_procedure_not_granted ? message_procedure_not_granted
                                                           : message_officer_not_allowed);
    }
    const citizen_finder find = [&sb](std::string_view n) { return sb.world.find_citizen(n); };
    const lookup_answer a =
        answer(q, find, {base.c06.names_without_diacritics, engine::to_vietnam_civil(received)});
    const std::string thoi_diem = engine::format_iso8601_utc(received);
    x.outcome = a.op == operation::xac_thuc_thong_tin_cong_dan
                    ? (a.ton_tai ? "ok:ton_tai" : "ok:khong_ton_tai")
                    : "ok:" + std::to_string(a.collection.size());
    switch (x.kind) {
      case form::soap:
        return soap_response(200, soap_answer(a, thoi_diem));
      case form::lgsp: {
        json body = json_error("000", "Thành công");
        body["data"] = soap_answer(a, thoi_diem);
        return json_response(200, body);
      }
      case form::plain_json:
        break;
    }
    return json_response(200, json_answer(a, q.ma_yeu_cau, thoi_diem));
  };
  try {
    response = run();
  } catch (const std::exception& e) {
    // Nothing above is expected to throw (bad_alloc aside): answer rather than drop the
    // connection.
    x.outcome = "error";
    response = failure(x.kind, 500, false, "500", std::string("Lỗi máy chủ: ") + e.what());
  }
  response.delay += effect.delay;
  if (effect.reset_connection || effect.lose_response) response.reset_connection = true;

  std::string journal_note = "{\"form\":";
  engine::append_json_string(journal_note, x.kind == form::soap   ? "soap"
                                           : x.kind == form::lgsp ? "lgsp"
                                                                  : "json");
  journal_note += ",\"operation\":";
  engine::append_json_string(journal_note, x.operation);
  journal_note += ",\"outcome\":";
  engine::append_json_string(journal_note, x.outcome);
  journal_note += '}';
  engine::exchange_record e = engine::journal_entry(
      {.sandbox = sb.name, .endpoint = "c06", .received = received, .real_now = real_clock_(),
       .started = started, .body_limit = settings_.max_body_bytes},
      request, response, effect, {.key = "x-sim-c06", .json = journal_note});
  if (!journal_.record_exchange(std::move(e)) && !response.reset_connection) {
    // The journal is what tests and reports trust: an exchange it cannot hold is not answered
    // as a success.
    return failure(x.kind, 500, false, "500", "Lỗi hệ thống: không ghi được nhật ký");
  }
  return response;
}

}  // namespace sim::services::c06
