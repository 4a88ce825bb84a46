// /ui/ pages: plain server-rendered HTML, Vietnamese first, that a trainer can project. They
// read their data through the admin API (the same JSON any client gets).
#include <cstdio>

#include <nlohmann/json.hpp>

#include "simulator/core/text.hpp"
#include "simulator/admin/gateway.hpp"
#include "simulator/admin/route_groups.hpp"
#include "simulator/cards/cards.hpp"
#include "simulator/core/form.hpp"

namespace sim::admin {
namespace {

using json = nlohmann::json;

std::string escape(std::string_view s) { return core::html_escape(s); }

std::string page(std::string_view title, const std::string& body) {
  return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" +
         escape(title) +
         "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
         "td,th{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}"
         "th{background:#e8eef7}.rejected{color:#b00}.accepted{color:#070}"
         ".processing{color:#777}form label{margin-right:1em}</style></head><body>" +
         body + "</body></html>";
}

std::string kind_label(const std::string& kind) {
  if (kind == "checkin") return "Check-in";
  if (kind == "certificate") return "Chứng từ điện tử";
  return "Hồ sơ XML";
}

std::string result_label(const std::string& r) {
  if (r == "accepted") return "Hợp lệ";
  if (r == "rejected") return "Có lỗi";
  return "Đang xử lý";
}

// /ui/cards (?citizens=ID,…&facility=MA&limit=N) and /ui/cards/{so_dinh_danh}/{cccd|bhyt}.png:
// the printable test cards (docs/cards.md). They read the sandbox's world overlay itself, so
// citizens added to a sandbox print too.
core::http_response render_cards(const core::http_request& request, std::string_view path,
                                 engine::sandbox& sb, const std::string& sandbox_prefix) {
  core::http_response r;
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-store");
  auto fail = [&](int status, const std::string& message) {
    r.status = status;
    r.body = page("Thẻ thử nghiệm", "<h1>Thẻ thử nghiệm</h1><p class=\"rejected\">" +
                                        escape(message) + "</p>");
    return r;
  };
  if (path != "/ui/cards" && path != "/ui/cards/") {
    // {so_dinh_danh}/{kind}.png
    const auto rest = path.substr(std::string_view("/ui/cards/").size());
    const auto slash = rest.find('/');
    const auto file = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (file != "cccd.png" && file != "bhyt.png") return fail(404, "Không tìm thấy trang");
    const auto id = rest.substr(0, slash);
    const auto* c = sb.world.find_citizen(id);
    if (!c || c->so_dinh_danh != id) return fail(404, "Không có công dân " + std::string(id));
    const auto card = cards::make_card(*c, nullptr);
    const std::string& payload = file == "cccd.png" ? card.cccd_payload : card.bhyt_payload;
    if (!card.ok()) return fail(422, "Không in được thẻ: " + card.error);
    if (payload.empty()) return fail(404, "Công dân không có thẻ BHYT");
    auto png = cards::qr_png(payload);
    if (!png.ok()) return fail(422, "Không tạo được mã QR: " + png.error);
    r.content_type = "image/png";
    r.body = std::move(png.bytes);
    return r;
  }
  const auto fields = core::parse_form(request.query()).value_or(core::form_fields{});
  auto value = [&](std::string_view n) {
    const std::string* v = core::form_value(fields, n);
    return v ? std::string_view(*v) : std::string_view();
  };
  cards::selection sel;
  std::string error;
  if (!cards::parse_selection(value("citizens"), value("facility"), value("limit"), sel, error)) {
    return fail(400, error);
  }
  const auto picked = cards::select_citizens(cards::source_of(sb.world), sel);
  if (picked.unknown_facility) return fail(404, "Không có cơ sở KCB " + sel.facility);
  if (!picked.unknown_ids.empty()) {
    std::string list;
    for (const auto& id : picked.unknown_ids) list += (list.empty() ? "" : ", ") + id;
    return fail(404, "Không có công dân: " + list);
  }
  std::vector<cards::printed_card> printed;
  for (const auto* c : picked.citizens) {
    printed.push_back(
        cards::make_card(*c, c->card ? sb.world.find_facility(c->card->ma_dkbd) : nullptr));
  }
  cards::sheet_options o;
  o.world_name = sb.world.base().name;
  o.image_src = [&](const cards::printed_card& c, std::string_view kind) {
    return sandbox_prefix + "/ui/cards/" + c.citizen.so_dinh_danh + "/" + std::string(kind) +
           ".png";
  };
  r.body = cards::render_sheet(printed, o);
  return r;
}

std::string mismatch_kind_label(const std::string& kind) {
  if (kind == "so_dinh_danh") return "Số định danh không có trên CSDLQG về dân cư";
  if (kind == "ho_ten") return "Họ tên";
  if (kind == "ngay_sinh") return "Ngày sinh";
  if (kind == "gioi_tinh") return "Giới tính";
  return kind;
}

std::string mismatch_status_label(const json& m) {
  const std::string status = m.value("status", "");
  if (status == "open") return "Chưa xử lý";
  if (status == "correction_pending") {
    const auto& c = m["correction"];
    return "Chờ công an cập nhật (" + escape(c.is_object() ? c.value("by", "") : "") +
           ", hiệu lực " + escape(c.is_object() ? c.value("effective_at", "") : "") + ")";
  }
  const std::string how = m["resolution"].is_string() ? m["resolution"].get<std::string>() : "";
  return std::string("Đã xử lý — ") +
         (how == "police_correction" ? "công an cập nhật CSDL dân cư" : "cơ sở gửi lại hồ sơ") +
         " (" + escape(m["resolved_at"].is_string() ? m["resolved_at"].get<std::string>() : "") +
         ")";
}

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f %%", share * 100.0);
  return buf;
}

// /ui/mismatches: the mismatch list per facility ("danh sách sai lệch", docs/crosscheck.md),
// through GET /_sim/mismatches with the same filters.
core::http_response render_mismatches(const core::http_request& request, engine::sandbox& sb,
                                      admin_api& admin, const std::string& sandbox_prefix) {
  core::http_response r;
  r.content_type = "text/html; charset=utf-8";
  core::http_request q;
  q.method = "GET";
  q.target = "/_sim/mismatches" +
             (request.query().empty() ? std::string() : "?" + std::string(request.query()));
  const auto answer = admin.handle(q, "/_sim/mismatches", sb);
  const auto data = json::parse(answer.body, nullptr, false);
  auto fields = core::parse_form(request.query()).value_or(core::form_fields{});
  auto value = [&](std::string_view n) {
    const std::string* v = core::form_value(fields, n);
    return v ? escape(*v) : std::string();
  };
  auto option = [&](std::string_view name, std::string_view v, std::string_view label) {
    return "<option value=\"" + std::string(v) + "\"" +
           (value(name) == v ? std::string(" selected") : std::string()) + ">" +
           std::string(label) + "</option>";
  };
  std::string body = "<h1>Danh sách sai lệch thông tin nhân thân</h1><p>Hộp cát: <b>" +
                     escape(sb.name) + "</b> — giờ mô phỏng " +
                     escape(engine::format_iso8601_utc(sb.clock.now())) + "</p>";
  body += "<form method=\"get\" action=\"" + escape(sandbox_prefix) + "/ui/mismatches\">"
          "<label>Mã CSKCB <input name=\"ma_cskcb\" value=\"" + value("ma_cskcb") + "\"></label>"
          "<label>Loại <select name=\"kind\">" + option("kind", "", "Tất cả") +
          option("kind", "ho_ten", "Họ tên") + option("kind", "ngay_sinh", "Ngày sinh") +
          option("kind", "gioi_tinh", "Giới tính") +
          option("kind", "so_dinh_danh", "Số định danh") + "</select></label>"
          "<label>Trạng thái <select name=\"status\">" + option("status", "", "Tất cả") +
          option("status", "open", "Chưa xử lý") +
          option("status", "correction_pending", "Chờ công an cập nhật") +
          option("status", "resolved", "Đã xử lý") + "</select></label>"
          "<label>Từ ngày <input type=\"date\" name=\"from\" value=\"" + value("from") +
          "\"></label><label>Đến ngày <input type=\"date\" name=\"to\" value=\"" +
          value("to") + "\"></label><button type=\"submit\">Lọc</button></form>";
  if (answer.status != 200 || !data.is_object() || !data.contains("summary")) {
    r.status = answer.status == 200 ? 500 : answer.status;
    body += "<p class=\"rejected\">" +
            escape(data.is_object() ? data.value("error", "lỗi") : std::string("lỗi")) + "</p>";
    r.body = page("Danh sách sai lệch", body);
    return r;
  }
  body += "<h2>Tổng hợp theo cơ sở</h2><table id=\"summary\"><thead><tr><th>Mã CSKCB</th>"
          "<th>Tổng số</th><th>Chưa xử lý</th><th>Chờ công an cập nhật</th><th>Đã xử lý</th>"
          "<th>Xử lý trong 24 giờ</th><th>Tỷ lệ đã xử lý (chỉ tiêu 100 %)</th></tr></thead>"
          "<tbody>";
  auto summary_row = [&](const std::string& label, const json& c) {
    body += "<tr><td>" + escape(label) + "</td><td>" + std::to_string(c.value("total", 0)) +
            "</td><td>" + std::to_string(c.value("open", 0)) + "</td><td>" +
            std::to_string(c.value("correction_pending", 0)) + "</td><td>" +
            std::to_string(c.value("resolved", 0)) + "</td><td>" +
            std::to_string(c.value("resolved_within_24h", 0)) + "</td><td>" +
            percent(c.value("resolved_share", 1.0)) + "</td></tr>";
  };
  for (const auto& [code, c] : data["facilities"].items()) summary_row(code, c);
  summary_row("Tất cả", data["summary"]);
  body += "</tbody></table><h2>Chi tiết</h2><table id=\"mismatches\"><thead><tr><th>#</th>"
          "<th>Mã CSKCB</th><th>MA_LK</th><th>Ngày vào</th><th>Sai lệch</th>"
          "<th>Hồ sơ ghi</th><th>CSDL dân cư</th><th>Số định danh</th><th>Phát hiện lúc</th>"
          "<th>Trạng thái</th></tr></thead><tbody>";
  for (const auto& m : data["mismatches"]) {
    const std::string status = m.value("status", "");
    body += "<tr class=\"" + std::string(status == "resolved" ? "accepted" : "rejected") +
            "\"><td>" + std::to_string(m.value("id", 0)) + "</td><td>" +
            escape(m.value("ma_cskcb", "")) + "</td><td>" + escape(m.value("ma_lk", "")) +
            "</td><td>" + escape(m.value("visit_date", "")) + "</td><td>" +
            escape(mismatch_kind_label(m.value("kind", ""))) + "</td><td>" +
            escape(m.value("claimed", "")) + "</td><td>" + escape(m.value("registered", "")) +
            "</td><td>" + escape(m.value("so_dinh_danh", "")) + "</td><td>" +
            escape(m.value("detected_at", "")) + "</td><td>" + mismatch_status_label(m) +
            "</td></tr>";
  }
  body += "</tbody></table>";
  r.body = page("Danh sách sai lệch", body);
  return r;
}

}  // namespace

core::http_response render_ui(const core::http_request& request, std::string_view path,
                              engine::sandbox& sb, admin_api& admin,
                              const std::string& sandbox_prefix) {
  if (path == "/ui/cards" || path.starts_with("/ui/cards/")) {
    return render_cards(request, path, sb, sandbox_prefix);
  }
  if (path == "/ui/mismatches") return render_mismatches(request, sb, admin, sandbox_prefix);
  for (const auto* g : route_groups()) {
    if (auto r = g->render_ui(request, path, sb, admin, sandbox_prefix)) return std::move(*r);
  }
  core::http_response r;
  r.content_type = "text/html; charset=utf-8";
  if (path != "/ui" && path != "/ui/" && path != "/ui/results") {
    r.status = 404;
    r.body = page("Không tìm thấy", "<h1>Không tìm thấy trang</h1>");
    return r;
  }
  // The results list ("Kết quả gửi hồ sơ XML", CV1245 §II), through the admin API.
  core::http_request q;
  q.method = "GET";
  q.target = "/_sim/results" + (request.query().empty() ? std::string()
                                                        : "?" + std::string(request.query()));
  const auto answer = admin.handle(q, "/_sim/results", sb);
  const auto data = json::parse(answer.body, nullptr, false);
  auto fields = core::parse_form(request.query()).value_or(core::form_fields{});
  auto value = [&](std::string_view n) {
    const std::string* v = core::form_value(fields, n);
    return v ? escape(*v) : std::string();
  };
  std::string body = "<h1>Kết quả gửi hồ sơ XML</h1><p>Hộp cát: <b>" + escape(sb.name) +
                     "</b> — giờ mô phỏng " + escape(engine::format_iso8601_utc(sb.clock.now())) +
                     "</p>";
  body += "<form method=\"get\" action=\"" + escape(sandbox_prefix) + "/ui/results\">"
          "<label>Ngày (yyyyMMdd) <input name=\"date\" value=\"" + value("date") + "\"></label>"
          "<label>Mã CSKCB <input name=\"ma_cskcb\" value=\"" + value("ma_cskcb") + "\"></label>"
          "<label>MA_LK <input name=\"ma_lk\" value=\"" + value("ma_lk") + "\"></label>"
          "<label>Kết quả <select name=\"result\"><option value=\"\">Tất cả</option>"
          "<option value=\"accepted\">Hợp lệ</option><option value=\"rejected\">Có lỗi</option>"
          "<option value=\"processing\">Đang xử lý</option></select></label>"
          "<button type=\"submit\">Tìm kiếm</button></form>";
  body += "<table id=\"results\"><thead><tr><th>Mã giao dịch</th><th>Loại</th><th>Chuẩn</th>"
          "<th>Mã CSKCB</th><th>MA_LK</th><th>Thời gian tiếp nhận</th><th>Kết quả</th>"
          "<th>Lỗi</th></tr></thead><tbody>";
  if (data.is_object() && data.contains("results")) {
    for (const auto& row : data["results"]) {
      const std::string result = row.value("result", "");
      std::string errors;
      if (row.contains("findings") && row["findings"].is_array()) {
        for (const auto& f : row["findings"]) {
          errors += "<div><code>" + escape(f.value("code", "")) + "</code> " +
                    escape(f.value("message_vi", "")) + "</div>";
        }
      }
      body += "<tr class=\"" + escape(result) + "\"><td>" + escape(row.value("maGiaoDich", "")) +
              "</td><td>" + kind_label(row.value("kind", "")) + "</td><td>" +
              (row.value("kind", "") == "certificate" ? "loaiHs " : "QĐ ") +
              escape(row.value("standard", "")) + "</td><td>" +
              escape(row.value("ma_cskcb", "")) + "</td><td>" + escape(row.value("ma_lk", "")) +
              "</td><td>" + escape(row.value("received_at", "")) + "</td><td class=\"" +
              escape(result) + "\">" + result_label(result) + "</td><td>" + errors + "</td></tr>";
    }
  }
  body += "</tbody></table>";
  r.body = page("Kết quả gửi hồ sơ XML", body);
  return r;
}

}  // namespace sim::admin
