// /ui/ pages: plain server-rendered HTML, Vietnamese first, that a trainer can project. They
// read their data through the admin API (the same JSON any client gets).
#include <nlohmann/json.hpp>

#include "simulator/admin/gateway.hpp"
#include "simulator/cards/cards.hpp"
#include "simulator/core/form.hpp"

namespace sim::admin {
namespace {

using json = nlohmann::json;

std::string escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

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

}  // namespace

core::http_response render_ui(const core::http_request& request, std::string_view path,
                              engine::sandbox& sb, admin_api& admin,
                              const std::string& sandbox_prefix) {
  if (path == "/ui/cards" || path.starts_with("/ui/cards/")) {
    return render_cards(request, path, sb, sandbox_prefix);
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
