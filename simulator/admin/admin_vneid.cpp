// Route group "vneid" (see route_groups.hpp): the VNeID health book and its display states
// (issue 11; docs/vneid.md, docs/admin-api.md). The service keeps its state in the journal, so a
// vneid_service is made per request over the context's journal and portal.
#include <nlohmann/json.hpp>

#include "simulator/admin/detail/reply.hpp"
#include "simulator/admin/route_groups.hpp"
#include "simulator/core/form.hpp"
#include "simulator/core/text.hpp"
#include "simulator/services/vneid/vneid_service.hpp"

namespace sim::admin {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;
namespace vneid = services::vneid;

const std::vector<route_info>& vneid_routes() {
  static const std::vector<route_info> routes = {
      {"GET", "/_sim/vneid/visits",
       "display state of each visit and the link that broke (`so_dinh_danh`, `ma_cskcb`, "
       "`maGiaoDich`, `state`)"},
      {"GET", "/_sim/vneid/settings", "the sandbox's display latency distribution and seed"},
      {"POST", "/_sim/vneid/settings", "sets the display latency `{display_latency, seed}`"},
      {"GET", "/_sim/vneid/{so_dinh_danh}", "the citizen's VNeID health book as `viewer` sees it"},
  };
  return routes;
}

core::http_response reply(int status, const ojson& body) { return detail::reply(status, body); }

std::string query_value(const core::http_request& request, std::string_view name) {
  auto q = core::parse_form(request.query()).value_or(core::form_fields{});
  const std::string* v = core::form_value(q, name);
  return v ? *v : std::string();
}

const char* state_vi(const std::string& s) {
  if (s == "shown") return "Đã hiển thị";
  if (s == "scheduled") return "Chờ BHXH trích xuất";
  if (s == "waiting") return "Chưa đủ điều kiện";
  if (s == "failed") return "Không hiển thị được";
  if (s == "not_sent") return "Chưa gửi hồ sơ";
  return "";
}

ojson display_json(const engine::display_record& r) {
  auto opt = [](const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); };
  return {{"maGiaoDich", r.ma_giao_dich},
          {"ma_cskcb", r.ma_cskcb},
          {"ma_lk", r.ma_lk},
          {"so_dinh_danh", r.so_dinh_danh},
          {"ngay_vao", r.ngay_vao},
          {"ngay_ra", opt(r.ngay_ra)},
          {"received_at", r.received_at},
          {"state", r.state},
          {"state_vi", state_vi(r.state)},
          {"broken_link", opt(r.reason)},
          {"detail", r.detail},
          {"eligible_at", opt(r.eligible_at)},
          {"scheduled_at", opt(r.scheduled_at)},
          {"shown_at", opt(r.shown_at)},
          {"failed_at", opt(r.failed_at)},
          {"faults", json::parse(r.faults.empty() ? "[]" : r.faults, nullptr, false)},
          {"updated_at", r.updated_at}};
}

std::optional<core::http_response> handle_vneid(admin_context& ctx,
                                                const core::http_request& request,
                                                std::string_view path, engine::sandbox& sb) {
  if (!path.starts_with("/_sim/vneid/")) return std::nullopt;
  vneid::vneid_service svc(ctx.journal, ctx.portal);
  const auto& m = request.method;
  if (path == "/_sim/vneid/visits") {
    if (m != "GET") return std::nullopt;
    engine::display_filter f{.so_dinh_danh = query_value(request, "so_dinh_danh"),
                             .ma_cskcb = query_value(request, "ma_cskcb"),
                             .ma_giao_dich = query_value(request, "maGiaoDich"),
                             .state = query_value(request, "state")};
    ojson list = ojson::array();
    ojson counts = ojson::object();
    for (const auto& r : svc.displays(sb, f)) {
      if (r.state == "sent" || r.state == "replaced") {
        if (f.ma_giao_dich.empty()) continue;  // only when asked for by maGiaoDich
      }
      counts[r.state] = counts.value(r.state, 0) + 1;
      list.push_back(display_json(r));
    }
    return reply(200, {{"now", engine::format_iso8601_utc(sb.clock.now())},
                       {"counts", counts},
                       {"visits", list}});
  }
  if (path == "/_sim/vneid/settings") {
    if (m == "POST" || m == "PUT") {
      const auto body = json::parse(request.body, nullptr, false);
      if (auto err = svc.set_settings(sb, body)) return reply(400, {{"error", *err}});
    } else if (m != "GET") {
      return std::nullopt;
    }
    const auto s = svc.settings(sb);
    return reply(200,
                 {{"seed", s.seed},
                  {"display_latency", vneid::to_json(s.latency)},
                  {"source", s.overridden ? "sandbox" : "world"},
                  {"account_rules",
                   {{"require_level2", sb.world.base().vneid.require_level2},
                    {"require_bhyt_integration", sb.world.base().vneid.require_bhyt_integration},
                    {"min_app_version", sb.world.base().vneid.min_app_version}}}});
  }
  if (m != "GET") return std::nullopt;
  const std::string id(path.substr(std::string_view("/_sim/vneid/").size()));
  if (id.empty() || id.find('/') != std::string::npos) return std::nullopt;
  auto r = svc.book(sb, id, query_value(request, "viewer"));
  return reply(r.status, r.body);
}

std::string escape(std::string_view s) { return core::html_escape(s); }

std::string text_of(const ojson& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return "—";
  if (j[key].is_string()) return escape(j[key].get<std::string>());
  return escape(j[key].dump());
}

std::string rows_table(const ojson& list,
                       std::initializer_list<std::pair<const char*, const char*>> cols) {
  if (!list.is_array() || list.empty()) return "<p class=\"muted\">Không có.</p>";
  std::string h = "<table><tr>";
  for (const auto& [k, label] : cols) h += "<th>" + std::string(label) + "</th>";
  h += "</tr>";
  for (const auto& r : list) {
    h += "<tr>";
    for (const auto& [k, label] : cols) h += "<td>" + text_of(r, k) + "</td>";
    h += "</tr>";
  }
  return h + "</table>";
}

std::string book_html(const ojson& b) {
  const auto& a = b["thong_tin_hanh_chinh"];
  std::string h =
      "<h1>Sổ sức khỏe điện tử</h1><p class=\"muted\">Người xem: " +
      text_of(b["nguoi_xem"], "ho_ten") + " (" +
      (b["nguoi_xem"].value("vai_tro", "") == "nguoi_giam_ho" ? "người giám hộ" : "chính chủ") +
      ") · thời điểm " + text_of(b, "thoi_diem") + "</p>";
  h += "<h2>1. Thông tin hành chính</h2><table>";
  for (const auto& [k, label] : {std::pair{"ho_ten", "Họ và tên"},
                                 {"ngay_sinh", "Ngày sinh"},
                                 {"gioi_tinh", "Giới tính"},
                                 {"so_dinh_danh", "Số định danh cá nhân"},
                                 {"dia_chi", "Địa chỉ"},
                                 {"ma_bhxh", "Mã BHXH"}})
    h += "<tr><th>" + std::string(label) + "</th><td>" + text_of(a, k) + "</td></tr>";
  if (a["the_bhyt"].is_object()) {
    const auto& t = a["the_bhyt"];
    h += "<tr><th>Thẻ BHYT</th><td>" + text_of(t, "ma_the") + " · nơi ĐKKCB ban đầu " +
         text_of(t["noi_dkkcb_ban_dau"], "ten") + " · hạn " + text_of(t, "gia_tri_tu") + " – " +
         text_of(t, "gia_tri_den") + "</td></tr>";
  }
  if (a["nguoi_dai_dien_hop_phap"].is_object()) {
    const auto& g = a["nguoi_dai_dien_hop_phap"];
    h += "<tr><th>Người đại diện hợp pháp</th><td>" + text_of(g, "ho_ten") + " (" +
         text_of(g, "quan_he") + ", " + text_of(g, "so_dinh_danh") + ")</td></tr>";
  }
  h += "</table><h2>2. Tiền sử</h2><h3>Dị ứng</h3>" +
       rows_table(b["tien_su"]["di_ung"], {{"tac_nhan", "Tác nhân"}, {"bieu_hien", "Biểu hiện"}}) +
       "<h3>Tiêm chủng</h3>" +
       rows_table(b["tien_su"]["tiem_chung"], {{"loai_vac_xin", "Vắc xin"},
                                               {"mui", "Mũi"},
                                               {"ngay_tiem", "Ngày tiêm"},
                                               {"noi_tiem", "Nơi tiêm"},
                                               {"ghi_chu", "Đối chiếu"}});
  h += "<h2>3. Các đợt khám, chữa bệnh</h2>";
  if (b["dot_kham_chua_benh"].empty())
    h += "<p class=\"muted\">Chưa có lượt khám nào hiển thị.</p>";
  for (const auto& v : b["dot_kham_chua_benh"]) {
    h += "<div class=\"visit\"><h3>" + text_of(v["co_so_kcb"], "ten") + " · " +
         text_of(v, "ngay_vao") + " – " + text_of(v, "ngay_ra") + "</h3><p>" +
         text_of(v, "hinh_thuc_kcb") + " · lý do: " + text_of(v, "ly_do_vao_vien") +
         "</p><p>Chẩn đoán: " + text_of(v["chan_doan"], "chan_doan_ra_vien") + " (";
    for (const auto& d : v["chan_doan"]["ma_benh"]) h += text_of(d, "ma_icd10") + " ";
    h += ") · kết quả: " + text_of(v, "ket_qua_dieu_tri") + " · nhóm máu " +
         text_of(v["chi_so"], "nhom_mau") + " · cân nặng " + text_of(v["chi_so"], "can_nang_kg") +
         " kg</p>";
    if (v.contains("thuoc"))
      h += "<h4>Đơn thuốc</h4>" + rows_table(v["thuoc"], {{"ten_thuoc", "Thuốc"},
                                                          {"ham_luong", "Hàm lượng"},
                                                          {"so_luong", "Số lượng"},
                                                          {"lieu_dung", "Liều dùng"}});
    if (v.contains("dich_vu_ky_thuat"))
      h +=
          "<h4>Dịch vụ kỹ thuật</h4>" +
          rows_table(v["dich_vu_ky_thuat"], {{"ten_dich_vu", "Dịch vụ"}, {"so_luong", "Số lượng"}});
    if (v.contains("ket_qua_can_lam_sang"))
      h += "<h4>Kết quả cận lâm sàng</h4>" +
           rows_table(v["ket_qua_can_lam_sang"], {{"ten_chi_so", "Chỉ số"},
                                                  {"gia_tri", "Giá trị"},
                                                  {"don_vi_do", "Đơn vị"},
                                                  {"ket_luan", "Kết luận"}});
    if (v.contains("tom_tat_ho_so_benh_an") && v["tom_tat_ho_so_benh_an"].is_object()) {
      const auto& s = v["tom_tat_ho_so_benh_an"];
      h += "<h4>4. Tóm tắt hồ sơ bệnh án</h4><p>" + text_of(s, "qua_trinh_benh_ly") + "</p><p>" +
           text_of(s, "phuong_phap_dieu_tri") + " · " + text_of(s, "loi_dan") + "</p>";
    }
    if (v.contains("giay_chuyen_tuyen"))
      h += "<h4>Giấy chuyển tuyến</h4><p>Số " + text_of(v["giay_chuyen_tuyen"], "so_chuyen_tuyen") +
           " · đến " + text_of(v["giay_chuyen_tuyen"]["noi_chuyen_den"], "ten") + "</p>";
    if (v.contains("giay_hen_kham_lai"))
      h += "<h4>Giấy hẹn khám lại</h4><p>Số " + text_of(v["giay_hen_kham_lai"], "so_giay_hen") +
           " · ngày hẹn " + text_of(v["giay_hen_kham_lai"], "ngay_hen_kham_lai") + "</p>";
    if (v.contains("nhom_thieu"))
      h += "<p class=\"warn\">Thiếu nhóm thông tin: " + text_of(v, "nhom_thieu") + "</p>";
    h += "</div>";
  }
  if (b.contains("kham_suc_khoe") && !b["kham_suc_khoe"].empty()) {
    h += "<h2>Khám sức khỏe</h2><table><tr><th>Ngày khám</th><th>Cơ sở</th><th>Kết luận</th>"
         "<th>Phân loại sức khỏe</th></tr>";
    for (const auto& k : b["kham_suc_khoe"])
      h += "<tr><td>" + text_of(k, "ngay_kham") + "</td><td>" + text_of(k["co_so_kcb"], "ten") +
           "</td><td>" + text_of(k, "ket_luan") + "</td><td>" + text_of(k, "phan_loai_suc_khoe") +
           "</td></tr>";
    h += "</table>";
  }
  return h;
}

std::optional<core::http_response> render_vneid_ui(const core::http_request& request,
                                                   std::string_view path, engine::sandbox& sb,
                                                   admin_api& admin, const std::string&) {
  if (!path.starts_with("/ui/vneid/")) return std::nullopt;
  const std::string id(path.substr(std::string_view("/ui/vneid/").size()));
  core::http_request inner = request;
  inner.method = "GET";
  auto data = admin.handle(inner, "/_sim/vneid/" + id, sb);
  core::http_response r;
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Cache-Control", "no-store");
  r.status = data.status;
  const auto b = ojson::parse(data.body, nullptr, false);
  std::string body;
  if (data.status != 200 || !b.is_object() || b.contains("error")) {
    body = "<h1>Sổ sức khỏe điện tử</h1><p class=\"refused\">" +
           (b.is_object() ? text_of(b, "error") : std::string("Lỗi")) + "</p>";
  } else {
    body = book_html(b);
  }
  r.body =
      "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Sổ sức khỏe điện "
      "tử – VNeID</title><style>body{font-family:sans-serif;margin:2em;max-width:70em;"
      "font-size:18px}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;"
      "padding:4px 8px;text-align:left;vertical-align:top}th{background:#fde8e8}"
      "h1{color:#b00}.visit{border-left:4px solid #b00;padding-left:1em;margin:1em 0}"
      ".muted{color:#777}.refused,.warn{color:#b00;font-weight:bold}</style></head><body>" +
      body + "</body></html>";
  return r;
}

}  // namespace

const route_group& vneid_route_group() {
  static const route_group g{&vneid_routes, &handle_vneid, &render_vneid_ui};
  return g;
}

}  // namespace sim::admin
