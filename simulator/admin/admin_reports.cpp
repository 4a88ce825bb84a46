// Route group "reports" (route_groups.hpp): the figures the provinces' plans ask for (issue 11,
// sim::reports, docs/reports.md) as JSON under /_sim and as pages under /ui.
//   GET /_sim/figures   same-day sending and display SLA per facility and day, with reasons
//   GET /_sim/adoption  the adoption report (Kiên Hải CV 329 Phụ lục 1), JSON or CSV
//   /ui/figures, /ui/adoption  the same for people, with a chart per facility
#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "simulator/admin/detail/reply.hpp"
#include "simulator/admin/route_groups.hpp"
#include "simulator/core/form.hpp"
#include "simulator/core/text.hpp"
#include "simulator/reports/reports.hpp"

namespace sim::admin {
namespace {

using ojson = nlohmann::ordered_json;

// Targets as the plans set them: Thượng Ninh chỉ tiêu 3 (≥ 95 % sent the same day); QĐ 2733
// PL01 Đ5 bước 7 (shown within 24 hours of receipt: every visit).
constexpr double k_same_day_target = 0.95;
constexpr double k_display_sla_target = 1.0;

const std::vector<route_info>& reports_routes() {
  static const std::vector<route_info> routes = {
      {"GET", "/_sim/figures",
       "same-day sending and display SLA per facility and day, with reasons (ma_cskcb, from, to)"},
      {"GET", "/_sim/adoption",
       "the adoption report per facility, CV 329 Phụ lục 1 (scope, format=json|csv)"},
  };
  return routes;
}

std::string query_value(const core::http_request& request, std::string_view name) {
  const auto fields = core::parse_form(request.query()).value_or(core::form_fields{});
  const std::string* v = core::form_value(fields, name);
  return v ? *v : std::string();
}

core::http_response reply(int status, const ojson& body) { return detail::reply(status, body); }

ojson share(const std::optional<double>& s) { return s ? ojson(*s) : ojson(nullptr); }

ojson figures_json(const reports::day_figures& f) {
  ojson reasons = ojson::object();
  for (const auto& [k, n] : f.reasons) reasons[k] = n;
  ojson j;
  if (!f.ma_cskcb.empty()) j["ma_cskcb"] = f.ma_cskcb;
  if (!f.day.empty()) j["day"] = f.day;
  j["visits"] = f.visits;
  j["sent_same_day"] = f.sent_same_day;
  j["same_day_share"] = share(f.same_day_share());
  j["accepted"] = f.accepted;
  j["shown_within_24h"] = f.shown_within_24h;
  j["shown_late"] = f.shown_late;
  j["display_sla_share"] = share(f.display_sla_share());
  j["reasons"] = reasons;
  return j;
}

bool valid_day(const std::string& d) {
  return d.size() == 10 && d[4] == '-' && d[7] == '-' &&
         std::all_of(d.begin(), d.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

struct figures_result {
  std::string error;  // non-empty: 400
  std::vector<reports::day_figures> days;
};

figures_result compute_figures(admin_context& ctx, const core::http_request& request,
                               engine::sandbox& sb) {
  figures_result out;
  const std::string facility = query_value(request, "ma_cskcb");
  const std::string from = query_value(request, "from"), to = query_value(request, "to");
  if ((!from.empty() && !valid_day(from)) || (!to.empty() && !valid_day(to))) {
    out.error = "from and to must be dates yyyy-mm-dd";
    return out;
  }
  services::vneid::vneid_service svc(ctx.journal, ctx.portal);
  for (auto& d : reports::daily_figures(svc.visits(sb))) {
    if ((!facility.empty() && d.ma_cskcb != facility) || (!from.empty() && d.day < from) ||
        (!to.empty() && d.day > to))
      continue;
    out.days.push_back(std::move(d));
  }
  return out;
}

std::optional<reports::adoption_scope> parse_scope(const std::string& s) {
  if (s.empty() || s == "registered") return reports::adoption_scope::registered;
  if (s == "staff") return reports::adoption_scope::staff;
  return std::nullopt;
}

std::vector<reports::adoption_row> compute_adoption(engine::sandbox& sb,
                                                    reports::adoption_scope scope) {
  const auto people = sb.world.citizens(0, sb.world.citizen_count());
  return reports::adoption(people, sb.world.facilities(), sb.world.base().vneid, scope,
                           engine::to_vietnam_civil(sb.clock.now()));
}

ojson reasons_json(const std::map<std::string, std::size_t>& m) {
  ojson j = ojson::object();
  for (const auto& [k, n] : m) j[k] = n;
  return j;
}

std::optional<core::http_response> handle_reports(admin_context& ctx,
                                                  const core::http_request& request,
                                                  std::string_view path, engine::sandbox& sb) {
  if (request.method != "GET") return std::nullopt;
  if (path == "/_sim/figures") {
    auto r = compute_figures(ctx, request, sb);
    if (!r.error.empty()) return reply(400, {{"error", r.error}});
    std::map<std::string, std::vector<reports::day_figures>> per_facility;
    ojson days = ojson::array();
    for (const auto& d : r.days) {
      days.push_back(figures_json(d));
      per_facility[d.ma_cskcb].push_back(d);
    }
    ojson facilities = ojson::object();
    for (const auto& [code, list] : per_facility)
      facilities[code] = figures_json(reports::total(list));
    return reply(200, {{"now", engine::format_iso8601_utc(sb.clock.now())},
                       {"targets",
                        {{"same_day_share", k_same_day_target},
                         {"display_sla_share", k_display_sla_target}}},
                       {"days", days},
                       {"facilities", facilities},
                       {"total", figures_json(reports::total(r.days))}});
  }
  if (path == "/_sim/adoption") {
    const auto scope = parse_scope(query_value(request, "scope"));
    if (!scope) return reply(400, {{"error", "scope must be registered or staff"}});
    const std::string format = query_value(request, "format");
    if (!format.empty() && format != "json" && format != "csv")
      return reply(400, {{"error", "format must be json or csv"}});
    const auto rows = compute_adoption(sb, *scope);
    if (format == "csv") {
      core::http_response resp;
      resp.content_type = "text/csv; charset=utf-8";
      resp.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"phu-luc-1-so-suc-khoe-dien-tu.csv\"");
      resp.body = reports::adoption_csv(rows);
      return resp;
    }
    ojson list = ojson::array();
    for (const auto& row : rows)
      list.push_back({{"ma_cskcb", row.ma_cskcb},
                      {"name", row.name},
                      {"people", row.people},
                      {"level2", row.level2},
                      {"not_level2", row.not_level2},
                      {"not_level2_reasons", reasons_json(row.not_level2_reasons)},
                      {"health_book", row.health_book},
                      {"bhyt_integrated", row.bhyt_integrated},
                      {"bhyt_not_integrated", row.bhyt_not_integrated},
                      {"not_integrated_reasons", reasons_json(row.not_integrated_reasons)}});
    return reply(200, {{"scope", *scope == reports::adoption_scope::staff ? "staff" : "registered"},
                       {"facilities", list}});
  }
  return std::nullopt;
}

// --- pages ---------------------------------------------------------------------------------

std::string escape(std::string_view s) { return core::html_escape(s); }

std::string percent(const std::optional<double>& s) {
  if (!s) return "—";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f %%", *s * 100.0);
  return buf;
}

std::string page(std::string_view title, const std::string& body) {
  return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" +
         escape(title) +
         "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
         "margin-bottom:1em}td,th{border:1px solid #999;padding:4px 8px;text-align:left;"
         "vertical-align:top}th{background:#e8eef7}.low{color:#b00}.ok{color:#070}"
         "svg{border:1px solid #ccc;margin:0.5em 0}</style></head><body>" +
         body + "</body></html>";
}

const char* reason_vi(const std::string& r) {
  if (r == "not_sent") return "Chưa gửi hồ sơ";
  if (r == "verdict_pending") return "Cổng chưa xử lý xong";
  if (r == "signature") return "Lỗi chữ ký số";
  if (r == "content") return "Lỗi nội dung hồ sơ";
  if (r == "card") return "Lỗi thẻ BHYT";
  if (r == "identity") return "Sai lệch thông tin nhân thân";
  if (r == "account") return "Tài khoản VNeID chưa đủ điều kiện";
  if (r == "within_latency") return "Đang chờ hiển thị (trong thời gian xử lý)";
  if (r == "late") return "Hiển thị muộn (quá 24 giờ)";
  if (r == "failed") return "Không hiển thị được";
  return "Khác";
}

std::optional<double> share_of(const ojson& j, const char* key) {
  return j.contains(key) && j[key].is_number() ? std::optional(j[key].get<double>())
                                                : std::nullopt;
}

// One bar chart per facility: per day, the same-day share and the display SLA share, with the
// 95 % target line. Inline SVG: no script, prints as it shows.
std::string chart(const std::string& code, const std::vector<ojson>& days) {
  const int bar = 14, gap = 10, height = 160, left = 40;
  const int width = left + static_cast<int>(days.size()) * (2 * bar + gap) + 20;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-facility=\"" +
                    escape(code) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(height + 40) + "\" role=\"img\" aria-label=\"Biểu đồ " +
                    escape(code) + "\">";
  auto y_of = [&](double v) { return 10 + static_cast<int>((1.0 - v) * height); };
  const auto target_y = std::to_string(y_of(k_same_day_target));
  svg += "<line x1=\"" + std::to_string(left) + "\" x2=\"" + std::to_string(width - 10) +
         "\" y1=\"" + target_y + "\" y2=\"" + target_y +
         "\" stroke=\"#b00\" stroke-dasharray=\"4 3\"/><text x=\"2\" y=\"" + target_y +
         "\" font-size=\"10\">95 %</text>";
  int x = left;
  for (const auto& d : days) {
    const std::string day = d.value("day", "");
    const auto a = share_of(d, "same_day_share"), b = share_of(d, "display_sla_share");
    auto rect = [&](int at, const std::optional<double>& v, const char* colour,
                    const std::string& label) {
      const int y = y_of(v.value_or(0));
      svg += "<rect x=\"" + std::to_string(at) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
             std::to_string(bar) + "\" height=\"" + std::to_string(height + 10 - y) +
             "\" fill=\"" + colour + "\"><title>" + escape(day) + " " + label + " " +
             percent(v) + "</title></rect>";
    };
    rect(x, a, "#3a6fb0", "gửi trong ngày");
    rect(x + bar, b, "#5aa35a", "hiển thị trong 24 giờ");
    svg += "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(height + 30) +
           "\" font-size=\"9\">" + escape(day.size() > 5 ? day.substr(5) : day) + "</text>";
    x += 2 * bar + gap;
  }
  return svg + "</svg>";
}

core::http_response html(int status, std::string body) {
  core::http_response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

// The page's data, read through the admin API like any client.
ojson read_api(admin_api& admin, engine::sandbox& sb, const core::http_request& request,
               const std::string& path, int& status) {
  core::http_request q;
  q.method = "GET";
  q.target = path + (request.query().empty() ? std::string() : "?" + std::string(request.query()));
  const auto answer = admin.handle(q, path, sb);
  status = answer.status;
  return ojson::parse(answer.body, nullptr, false);
}

std::string error_text(const ojson& j) {
  return j.is_object() && j.contains("error") && j["error"].is_string()
             ? j["error"].get<std::string>()
             : std::string("lỗi");
}

std::optional<core::http_response> render_reports_ui(const core::http_request& request,
                                                     std::string_view path, engine::sandbox& sb,
                                                     admin_api& admin,
                                                     const std::string& sandbox_prefix) {
  if (path != "/ui/figures" && path != "/ui/adoption") return std::nullopt;
  int status = 0;
  if (path == "/ui/figures") {
    const auto data = read_api(admin, sb, request, "/_sim/figures", status);
    if (status != 200 || !data.is_object())
      return html(status == 200 ? 500 : status,
                  page("Chỉ số", "<p class=\"low\">" + escape(error_text(data)) + "</p>"));
    std::map<std::string, std::vector<ojson>> per_facility;
    for (const auto& d : data["days"]) per_facility[d.value("ma_cskcb", "")].push_back(d);
    std::string body = "<h1>Chỉ số liên thông Sổ sức khỏe điện tử</h1><p>Hộp cát: <b>" +
                       escape(sb.name) + "</b> — giờ mô phỏng " +
                       escape(data.value("now", "")) +
                       "</p><p>Chỉ tiêu: ≥ 95 % hồ sơ được ký số và gửi ngay trong ngày kết thúc "
                       "khám; hồ sơ hợp lệ hiển thị trên VNeID trong vòng 24 giờ kể từ khi "
                       "tiếp nhận. Cột xanh dương: gửi trong ngày; cột xanh lá: hiển thị trong "
                       "24 giờ.</p>";
    auto row = [&](const std::string& label, const ojson& f) {
      std::string reasons;
      for (const auto& [k, n] : f["reasons"].items())
        reasons += "<div>" + std::string(reason_vi(k)) + ": " + n.dump() + "</div>";
      const auto same_day = share_of(f, "same_day_share");
      const bool low = same_day && *same_day < k_same_day_target;
      body += "<tr><td>" + escape(label) + "</td><td>" + f["visits"].dump() + "</td><td>" +
              f["sent_same_day"].dump() + "</td><td class=\"" + (low ? "low" : "ok") + "\">" +
              percent(same_day) + "</td><td>" + f["accepted"].dump() + "</td><td>" +
              f["shown_within_24h"].dump() + "</td><td>" +
              percent(share_of(f, "display_sla_share")) + "</td><td>" + reasons + "</td></tr>";
    };
    for (const auto& [code, days] : per_facility) {
      body += "<h2>Cơ sở " + escape(code) + "</h2>" + chart(code, days);
      body += "<table class=\"figures\" data-facility=\"" + escape(code) +
              "\"><thead><tr><th>Ngày</th><th>Lượt KCB kết thúc</th><th>Gửi trong ngày</th>"
              "<th>Tỷ lệ gửi trong ngày</th><th>Hợp lệ</th><th>Hiển thị trong 24 giờ</th>"
              "<th>Tỷ lệ hiển thị đúng hạn</th><th>Lý do</th></tr></thead><tbody>";
      for (const auto& d : days) row(d.value("day", ""), d);
      row("Cộng", data["facilities"][code]);
      body += "</tbody></table>";
    }
    if (per_facility.empty()) body += "<p>Chưa có lượt khám chữa bệnh nào.</p>";
    return html(200, page("Chỉ số liên thông", body));
  }
  const auto data = read_api(admin, sb, request, "/_sim/adoption", status);
  if (status != 200 || !data.is_object())
    return html(status == 200 ? 500 : status,
                page("Phụ lục 1", "<p class=\"low\">" + escape(error_text(data)) + "</p>"));
  const bool staff = data.value("scope", "") == "staff";
  std::string body =
      "<h1>Thống kê kết quả triển khai Sổ sức khỏe điện tử trên ứng dụng VNeID</h1>"
      "<p>Theo mẫu Phụ lục 1 (CV 329, Kiên Hải): " +
      std::string(staff ? "nhân viên đăng ký của từng cơ sở"
                        : "người có thẻ BHYT đăng ký KCB ban đầu tại từng cơ sở") +
      ". <a href=\"" + escape(sandbox_prefix) + "/_sim/adoption?format=csv&amp;scope=" +
      (staff ? "staff" : "registered") +
      "\">Tải CSV</a></p><table id=\"adoption\"><thead><tr><th>TT</th><th>Cơ sở</th>"
      "<th>Tổng số</th><th>Đã kích hoạt VNeID mức 2</th><th>Chưa kích hoạt mức 2</th>"
      "<th>Lý do chưa kích hoạt</th><th>Đã khởi tạo Sổ SKĐT</th><th>Đã tích hợp thẻ BHYT</th>"
      "<th>Chưa tích hợp thẻ BHYT</th><th>Lý do chưa tích hợp</th></tr></thead><tbody>";
  auto reasons = [](const ojson& m) {
    std::string s;
    for (const auto& [k, n] : m.items()) s += "<div>" + escape(k) + ": " + n.dump() + "</div>";
    return s;
  };
  std::size_t tt = 0;
  for (const auto& r : data["facilities"]) {
    body += "<tr><td>" + std::to_string(++tt) + "</td><td>" + escape(r.value("ma_cskcb", "")) +
            " — " + escape(r.value("name", "")) + "</td><td>" + r["people"].dump() + "</td><td>" +
            r["level2"].dump() + "</td><td>" + r["not_level2"].dump() + "</td><td>" +
            reasons(r["not_level2_reasons"]) + "</td><td>" + r["health_book"].dump() +
            "</td><td>" + r["bhyt_integrated"].dump() + "</td><td>" +
            r["bhyt_not_integrated"].dump() + "</td><td>" + reasons(r["not_integrated_reasons"]) +
            "</td></tr>";
  }
  body += "</tbody></table>";
  return html(200, page("Phụ lục 1 — Sổ sức khỏe điện tử", body));
}

}  // namespace

const route_group& reports_route_group() {
  static const route_group g{&reports_routes, &handle_reports, &render_reports_ui};
  return g;
}

}  // namespace sim::admin
