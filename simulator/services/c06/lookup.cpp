#include "simulator/services/c06/lookup.hpp"

#include <algorithm>

#include "simulator/services/c06/names.hpp"

namespace sim::services::c06 {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<request_problem> check_number(std::string_view so_dinh_danh, std::string_view so_cmnd,
                                            const std::string& prefix) {
  if (so_dinh_danh.empty() && so_cmnd.empty()) {
    return request_problem{prefix + "SoDinhDanh",
                           "Thiếu " + prefix + "SoDinhDanh (hoặc " + prefix + "SoCMND)"};
  }
  if (!so_dinh_danh.empty() && !(all_digits(so_dinh_danh) && so_dinh_danh.size() == 12) &&
      !(all_digits(so_dinh_danh) && so_dinh_danh.size() == 9)) {
    return request_problem{
        prefix + "SoDinhDanh",
        prefix + "SoDinhDanh \"" + std::string(so_dinh_danh) + "\" phải gồm 12 chữ số"};
  }
  if (!so_cmnd.empty() && !(all_digits(so_cmnd) && (so_cmnd.size() == 9 || so_cmnd.size() == 12))) {
    return request_problem{prefix + "SoCMND", prefix + "SoCMND \"" + std::string(so_cmnd) +
                                                  "\" phải gồm 9 (hoặc 12) chữ số"};
  }
  return std::nullopt;
}

bool birth_matches(const lookup_request& q, const core::civil_time& dob) {
  if (!q.ngay_thang_nam.empty()) return q.ngay_thang_nam == dob.to_yyyymmdd();
  return q.nam == std::to_string(dob.year);
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

nguoi_than relative(const world::citizen& c) {
  return {c.ho_ten, "VN", c.so_dinh_danh, c.old_cmnd};
}

}  // namespace

std::string_view to_string(operation op) {
  switch (op) {
    case operation::xac_thuc_thong_tin_cong_dan:
      return "XacThucThongTinCongDan";
    case operation::tra_cuu_thong_tin_cong_dan:
      return "TraCuuThongTinCongDan";
    case operation::xac_minh_thong_tin_nguoi_giam_ho:
      return "XacMinhThongTinNguoiGiamHo";
    case operation::xac_minh_thong_tin_nhan_than:
      break;
  }
  return "XacMinhThongTinNhanThan";
}

std::optional<operation> parse_operation(std::string_view name) {
  if (name.ends_with("Request")) name.remove_suffix(7);
  for (auto op :
       {operation::xac_thuc_thong_tin_cong_dan, operation::tra_cuu_thong_tin_cong_dan,
        operation::xac_minh_thong_tin_nhan_than, operation::xac_minh_thong_tin_nguoi_giam_ho}) {
    if (name == to_string(op)) return op;
  }
  return std::nullopt;
}

std::optional<request_problem> validate(const lookup_request& q) {
  const bool xac_thuc = q.op == operation::xac_thuc_thong_tin_cong_dan;
  const std::string dvc = xac_thuc ? "MaDichVu" : "MaDVC";
  if (q.ma_dvc.empty()) return request_problem{dvc, "Thiếu " + dvc + " (mã thủ tục)"};
  if (q.ma_can_bo.empty()) return request_problem{"MaCanBo", "Thiếu MaCanBo (cán bộ thao tác)"};
  if (auto p = check_number(q.so_dinh_danh, q.so_cmnd, "")) return p;
  if (xac_thuc) return std::nullopt;
  if (name_key(q.ho_va_ten).empty()) return request_problem{"HoVaTen", "Thiếu HoVaTen"};
  if (!q.ngay_thang_nam.empty()) {
    if (!core::parse_yyyymmdd(q.ngay_thang_nam)) {
      return request_problem{"NgayThangNamSinh", "NgayThangNam \"" + q.ngay_thang_nam +
                                                     "\" không phải ngày hợp lệ dạng yyyymmdd"};
    }
  } else if (q.nam.empty()) {
    return request_problem{"NgayThangNamSinh",
                           "Thiếu NgayThangNamSinh (NgayThangNam yyyymmdd hoặc Nam yyyy)"};
  } else if (q.nam.size() != 4 || !all_digits(q.nam)) {
    return request_problem{"NgayThangNamSinh", "Nam \"" + q.nam + "\" phải gồm 4 chữ số"};
  }
  if (q.op == operation::xac_minh_thong_tin_nguoi_giam_ho) {
    return check_number(q.giam_ho_so_dinh_danh, q.giam_ho_so_cmnd, "NguoiGiamHo/");
  }
  return std::nullopt;
}

std::string_view check_grant(const lookup_request& q, const world::c06_account& account) {
  if (std::find(account.procedures.begin(), account.procedures.end(), q.ma_dvc) ==
      account.procedures.end())
    return code_procedure_not_granted;
  for (const auto& officer : account.officers) {
    if (officer == "*" || officer == q.ma_can_bo) return {};
  }
  return code_officer_not_allowed;
}

const world::citizen* resolve(std::string_view number, const citizen_finder& find,
                              const core::civil_time& today) {
  const world::citizen* c = find(number);
  if (!c) return nullptr;
  if (c->so_dinh_danh != number) {
    // Found by an old or cancelled number: the sandbox's own version of the person, if any,
    // is looked up by the current number.
    if (const world::citizen* now = find(c->so_dinh_danh)) c = now;
  }
  const core::civil_time born{c->date_of_birth.year, c->date_of_birth.month, c->date_of_birth.day,
                              0, 0};
  if (born > today) return nullptr;
  return c;
}

lookup_answer answer(const lookup_request& q, const citizen_finder& find,
                     const match_options& options) {
  lookup_answer a;
  a.op = q.op;
  const std::string_view number = q.so_dinh_danh.empty() ? q.so_cmnd : q.so_dinh_danh;
  const world::citizen* c = resolve(number, find, options.today);
  if (q.op == operation::xac_thuc_thong_tin_cong_dan) {
    a.ton_tai = c && (name_key(q.ho_va_ten).empty() ||
                      names_match(q.ho_va_ten, c->ho_ten, options.names_without_diacritics));
    return a;
  }
  if (!c || !names_match(q.ho_va_ten, c->ho_ten, options.names_without_diacritics) ||
      !birth_matches(q, c->date_of_birth))
    return a;
  if (q.op == operation::xac_minh_thong_tin_nguoi_giam_ho) {
    // The person sent as guardian must be the register's representative of the citizen.
    const std::string_view g_number =
        q.giam_ho_so_dinh_danh.empty() ? q.giam_ho_so_cmnd : q.giam_ho_so_dinh_danh;
    const world::citizen* g = resolve(g_number, find, options.today);
    if (!g || c->guardian_id.empty() || g->so_dinh_danh != c->guardian_id) return a;
    if (!name_key(q.giam_ho_ho_va_ten).empty() &&
        !names_match(q.giam_ho_ho_va_ten, g->ho_ten, options.names_without_diacritics))
      return a;
  }
  a.collection.push_back(to_cong_dan(*c, find));
  return a;
}

cong_dan to_cong_dan(const world::citizen& c, const citizen_finder& find) {
  cong_dan d;
  d.so_dinh_danh = c.so_dinh_danh;
  d.so_cmnd = c.old_cmnd;
  const auto w = words(compose_vi(c.ho_ten));
  if (!w.empty()) {
    d.ten = w.back();
    if (w.size() > 1) d.ho = w.front();
    for (std::size_t i = 1; i + 1 < w.size(); ++i) {
      if (!d.chu_dem.empty()) d.chu_dem += ' ';
      d.chu_dem += w[i];
    }
  }
  if (c.gender != world::sex::unknown) d.gioi_tinh = std::to_string(static_cast<int>(c.gender));
  d.nam = std::to_string(c.date_of_birth.year);
  d.ngay_thang_nam = c.date_of_birth.to_yyyymmdd();
  d.nhom_mau = "00";  // "chưa có thông tin" (A4): the world holds no blood group
  d.quoc_tich = "VN";
  // Birth registration: the number's first three digits are its province (A6), when a
  // province (first digit 0); a country code otherwise, which the world cannot name.
  if (c.so_dinh_danh.size() == 12 && c.so_dinh_danh[0] == '0') {
    d.noi_dang_ky_khai_sinh.ma_tinh_thanh = c.so_dinh_danh.substr(1, 2);
    d.noi_dang_ky_khai_sinh.quoc_gia = "VN";
  }
  dia_chi home{c.matinh, c.mahuyen, c.maxa, c.address, "VN"};
  d.thuong_tru = home;
  d.noi_o_hien_tai = home;
  if (!c.guardian_id.empty()) {
    if (const world::citizen* g = find(c.guardian_id)) d.nguoi_dai_dien = relative(*g);
  }
  return d;
}

}  // namespace sim::services::c06
