// Route group "duties" (see route_groups.hpp): the other duties of the provinces' plans
// (issue 11) — lưu trú declarations checked against accepted inpatient claims
// (docs/luu-tru.md) and the KSK data hub's receiver certificate (docs/ksk-hub.md).
#include <nlohmann/json.hpp>

#include "simulator/admin/detail/reply.hpp"
#include "simulator/admin/route_groups.hpp"
#include "simulator/core/form.hpp"
#include "simulator/core/text.hpp"
#include "simulator/services/ksk_hub/ksk_hub_service.hpp"
#include "simulator/services/luu_tru/luu_tru_service.hpp"

namespace sim::admin {
namespace {

using json = nlohmann::json;

const std::vector<route_info>& duties_routes() {
  static const std::vector<route_info> routes = {
      {"GET", "/_sim/luu-tru/check",
       "each night of the accepted inpatient claims, declared or missing (`ma_cskcb`, `date`)"},
      {"GET", "/_sim/ksk-hub/certificate",
       "the certificate whose key signs the KSK hub's answers (PEM)"},
  };
  return routes;
}

core::http_response reply(int status, const json& body) { return detail::reply(status, body); }

std::optional<core::civil_time> parse_day(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  return core::parse_yyyymmdd(s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2));
}

std::optional<core::http_response> handle_duties(admin_context& ctx,
                                                 const core::http_request& request,
                                                 std::string_view path, engine::sandbox& sb) {
  if (path == "/_sim/luu-tru/check") {
    if (request.method != "GET") return reply(405, {{"error", "GET only"}});
    const auto query = core::parse_form(request.query()).value_or(core::form_fields{});
    const std::string* facility = core::form_value(query, "ma_cskcb");
    const std::string* date = core::form_value(query, "date");
    std::optional<core::civil_time> night;
    if (date && !date->empty()) {
      night = parse_day(*date);
      if (!night) return reply(400, {{"error", "date must be yyyy-mm-dd"}});
    }
    json r = services::luu_tru::check_nights(ctx.journal, sb, facility ? *facility : "", night);
    r["ma_cskcb"] = facility ? *facility : "";
    r["date"] = date ? *date : "";
    return reply(200, r);
  }
  if (path == "/_sim/ksk-hub/certificate") {
    if (request.method != "GET") return reply(405, {{"error", "GET only"}});
    core::http_response r;
    r.content_type = "application/x-pem-file";
    r.body = std::string(services::ksk_hub::ksk_hub_service::receiver_certificate_pem());
    return r;
  }
  return std::nullopt;
}

std::string escape(std::string_view s) { return core::html_escape(s); }

std::string text(const json& o, const char* key) {
  return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : "";
}

// "202612011030" → "01/12/2026 10:30".
std::string dmy_hm(const std::string& t) {
  if (t.size() != 12) return t;
  return t.substr(6, 2) + "/" + t.substr(4, 2) + "/" + t.substr(0, 4) + " " + t.substr(8, 2) + ":" +
         t.substr(10, 2);
}

// /ui/luu-tru?ma_cskcb=&date=: the check of docs/luu-tru.md for people (a trainer projects it),
// read through GET /_sim/luu-tru/check like any client.
std::optional<core::http_response> render_duties_ui(const core::http_request& request,
                                                    std::string_view path, engine::sandbox& sb,
                                                    admin_api& admin, const std::string&) {
  if (path != "/ui/luu-tru") return std::nullopt;
  core::http_request inner = request;
  inner.method = "GET";
  const auto data = admin.handle(inner, "/_sim/luu-tru/check", sb);
  const json b = json::parse(data.body, nullptr, false);
  std::string body = "<h1>Thông báo lưu trú người bệnh nội trú</h1>";
  if (data.status != 200 || !b.is_object() || b.contains("error")) {
    body += "<p class=\"missing\">" + escape(b.is_object() ? text(b, "error") : "Lỗi") + "</p>";
  } else {
    const json& sum = b["summary"];
    const auto nights = sum.value("nights", 0), declared = sum.value("declared", 0);
    body += "<p>Cơ sở: <b>" + escape(text(b, "ma_cskcb").empty() ? "tất cả" : text(b, "ma_cskcb")) +
            "</b>" + (text(b, "date").empty() ? "" : " — đêm " + escape(text(b, "date"))) +
            "</p><p>Số đêm đã khai báo / số đêm nội trú: <b>" + std::to_string(declared) + " / " +
            std::to_string(nights) + "</b>" +
            (nights ? " (" + std::to_string(declared * 100 / nights) + " %)" : std::string()) +
            "</p><table><tr><th>Cơ sở</th><th>Mã LK</th><th>Người bệnh</th><th>Số định danh</th>"
            "<th>Vào</th><th>Ra</th><th>Các đêm</th></tr>";
    for (const auto& c : b["claims"]) {
      std::string cells;
      for (const auto& n : c["nights"]) {
        const bool ok = text(n, "status") == "declared";
        cells += std::string("<span class=\"") + (ok ? "declared" : "missing") + "\" title=\"" +
                 escape(ok ? "Đã khai báo: " + text(n, "ma_khai_bao") : "Chưa khai báo") + "\">" +
                 escape(text(n, "date")) + (ok ? " ✓" : " ✗") + "</span> ";
      }
      body += "<tr><td>" + escape(text(c, "ma_cskcb")) + "</td><td>" + escape(text(c, "ma_lk")) +
              "</td><td>" + escape(text(c, "ho_ten")) + "</td><td>" + escape(text(c, "so_cccd")) +
              "</td><td>" + escape(dmy_hm(text(c, "vao"))) + "</td><td>" +
              escape(dmy_hm(text(c, "ra"))) + "</td><td>" +
              (cells.empty() ? "<span class=\"muted\">không có đêm</span>" : cells) + "</td></tr>";
    }
    body += "</table>";
  }
  core::http_response r;
  r.status = data.status;
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.body =
      "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Thông báo lưu trú"
      "</title><style>body{font-family:sans-serif;margin:2em;font-size:18px}"
      "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;"
      "text-align:left;vertical-align:top}th{background:#e8eefd}.declared{color:#060}"
      ".missing{color:#b00;font-weight:bold}.muted{color:#777}</style></head><body>" +
      body + "</body></html>";
  return r;
}

}  // namespace

const route_group& duties_route_group() {
  static const route_group g{&duties_routes, &handle_duties, &render_duties_ui};
  return g;
}

}  // namespace sim::admin
