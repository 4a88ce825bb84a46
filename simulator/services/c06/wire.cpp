#include "simulator/services/c06/wire.hpp"

#include <algorithm>
#include <array>
#include <span>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "simulator/core/base64.hpp"
#include "simulator/core/utf8.hpp"

namespace sim::services::c06 {
namespace {

using json = nlohmann::json;

std::string_view local_of(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The namespace URI of an element, resolved through its ancestors' xmlns declarations.
std::string ns_of(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const auto colon = name.find(':');
  const std::string attr =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node n = node; n; n = n.parent()) {
    if (auto a = n.attribute(attr.c_str())) return a.value();
  }
  return {};
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::optional<wire_problem> refuse_before_parsing(std::string_view body, std::string_view what) {
  if (auto bad = core::first_invalid_utf8(body)) {
    return wire_problem{std::string(what) + " không phải UTF-8 hợp lệ (byte " +
                        std::to_string(*bad) + ")"};
  }
  // A DTD can declare entities (billion laughs, external files): refused before any parser
  // sees it, as the standard's envelope codec does.
  static constexpr std::array<std::string_view, 5> dtd{"<!DOCTYPE", "<!ENTITY", "<!ELEMENT",
                                                       "<!ATTLIST", "<!NOTATION"};
  for (auto d : dtd) {
    if (body.find(d) != std::string_view::npos) {
      return wire_problem{std::string(what) + " chứa khai báo DTD/thực thể (" + std::string(d) +
                          "): không được chấp nhận"};
    }
  }
  return std::nullopt;
}

// Stores `value` into `slot`, refusing a field given twice.
std::optional<wire_problem> put(std::string& slot, bool& seen, std::string_view field,
                                std::string value) {
  if (seen) return wire_problem{"Trường " + std::string(field) + " xuất hiện hai lần"};
  seen = true;
  slot = std::move(value);
  return std::nullopt;
}

struct field_slots {
  std::array<bool, 16> seen{};
};

// The text fields of a request element and where they go; `seen` indexes field_slots::seen
// (two names of one field share it). NgayThangNamSinh (seen 8) and NguoiGiamHo (seen 9) have
// children and are read apart.
struct text_field {
  std::string_view name;
  std::string lookup_request::*slot;
  std::size_t seen;
};
constexpr text_field request_fields[] = {
    {"MaYeuCau", &lookup_request::ma_yeu_cau, 0},
    {"MaDVC", &lookup_request::ma_dvc, 1},
    {"MaDichVu", &lookup_request::ma_dvc, 1},  // XacThucThongTinCongDan's name for it
    {"MaTichHop", &lookup_request::ma_tich_hop, 2},
    {"MaDonVi", &lookup_request::ma_don_vi, 3},
    {"MaCanBo", &lookup_request::ma_can_bo, 4},
    {"SoDinhDanh", &lookup_request::so_dinh_danh, 5},
    {"SoCMND", &lookup_request::so_cmnd, 6},
    {"HoVaTen", &lookup_request::ho_va_ten, 7},
};
constexpr text_field guardian_fields[] = {  // inside NguoiGiamHo (assumed shape, docs/c06.md)
    {"SoDinhDanh", &lookup_request::giam_ho_so_dinh_danh, 0},
    {"SoCMND", &lookup_request::giam_ho_so_cmnd, 1},
    {"HoVaTen", &lookup_request::giam_ho_ho_va_ten, 2},
};

std::optional<wire_problem> read_soap_children(const pugi::xml_node& parent, lookup_request& q,
                                               bool guardian) {
  field_slots f;
  for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    const std::string ns = ns_of(child);
    const std::string local(local_of(child.name()));
    if (!ns.empty() && ns != request_ns) {
      return wire_problem{"Phần tử " + local + " thuộc namespace \"" + ns + "\", cần " +
                          std::string(request_ns)};
    }
    const std::string text = trimmed(child.text().get());
    const std::span<const text_field> fields =
        guardian ? std::span<const text_field>(guardian_fields) : request_fields;
    const auto field = std::find_if(fields.begin(), fields.end(),
                                    [&](const text_field& t) { return t.name == local; });
    if (field != fields.end()) {
      if (auto p = put(q.*(field->slot), f.seen[field->seen], local, text)) return p;
      continue;
    }
    if (guardian) continue;
    if (local == "NgayThangNamSinh") {
      if (f.seen[8]) return wire_problem{"Trường NgayThangNamSinh xuất hiện hai lần"};
      f.seen[8] = true;
      bool any = false;
      for (pugi::xml_node d = child.first_child(); d; d = d.next_sibling()) {
        if (d.type() != pugi::node_element) continue;
        const std::string dl(local_of(d.name()));
        const std::string dns = ns_of(d);
        if (!dns.empty() && dns != request_ns) {
          return wire_problem{"Phần tử " + dl + " thuộc namespace \"" + dns + "\", cần " +
                              std::string(request_ns)};
        }
        if (dl == "NgayThangNam")
          q.ngay_thang_nam = trimmed(d.text().get());
        else if (dl == "Nam")
          q.nam = trimmed(d.text().get());
        else
          return wire_problem{"NgayThangNamSinh chỉ chứa NgayThangNam hoặc Nam, không chứa " + dl};
        any = true;
      }
      if (!any) {
        // Plain text: yyyymmdd, or yyyy for a birth year only.
        (text.size() == 4 ? q.nam : q.ngay_thang_nam) = text;
      }
    } else if (local == "NguoiGiamHo") {
      if (f.seen[9]) return wire_problem{"Trường NguoiGiamHo xuất hiện hai lần"};
      f.seen[9] = true;
      if (auto gp = read_soap_children(child, q, true)) return gp;
    }
    // Other fields clients send (TaiKhoan, SoDienThoai, …) are read by no operation.
  }
  return std::nullopt;
}

void xml_escape(std::string& out, std::string_view s) {
  // Runs of plain text are appended whole: most values have nothing to escape.
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* entity = nullptr;
    switch (s[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      default:
        continue;
    }
    out.append(s.substr(run, i - run));
    out += entity;
    run = i + 1;
  }
  out.append(s.substr(run));
}

void element(std::string& out, std::string_view name, std::string_view value) {
  out += "<ns1:";
  out += name;
  if (value.empty()) {
    out += "/>";
    return;
  }
  out += '>';
  xml_escape(out, value);
  out += "</ns1:";
  out += name;
  out += '>';
}

void open_tag(std::string& out, std::string_view name) {
  out += "<ns1:";
  out += name;
  out += '>';
}

void close_tag(std::string& out, std::string_view name) {
  out += "</ns1:";
  out += name;
  out += '>';
}

void address(std::string& out, std::string_view name, const dia_chi& d) {
  open_tag(out, name);
  element(out, "MaTinhThanh", d.ma_tinh_thanh);
  element(out, "MaQuanHuyen", d.ma_quan_huyen);
  element(out, "MaPhuongXa", d.ma_phuong_xa);
  element(out, "ChiTiet", d.chi_tiet);
  element(out, "QuocGia", d.quoc_gia);
  close_tag(out, name);
}

void person(std::string& out, std::string_view name, const nguoi_than& n) {
  open_tag(out, name);
  element(out, "HoVaTen", n.ho_va_ten);
  element(out, "QuocTich", n.quoc_tich);
  element(out, "SoDinhDanh", n.so_dinh_danh);
  element(out, "SoCMND", n.so_cmnd);
  close_tag(out, name);
}

json address_json(const dia_chi& d) {
  return {{"maTinhThanh", d.ma_tinh_thanh},
          {"maQuanHuyen", d.ma_quan_huyen},
          {"maPhuongXa", d.ma_phuong_xa},
          {"chiTiet", d.chi_tiet},
          {"quocGia", d.quoc_gia}};
}

json person_json(const nguoi_than& n) {
  return {{"hoVaTen", n.ho_va_ten},
          {"quocTich", n.quoc_tich},
          {"soDinhDanh", n.so_dinh_danh},
          {"soCMND", n.so_cmnd}};
}

const std::string envelope_open =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
    "xmlns:dan=\"http://dancuquocgia.bca\"><soapenv:Header/><soapenv:Body>";
const std::string envelope_close = "</soapenv:Body></soapenv:Envelope>";

std::optional<wire_problem> string_field(const json& obj, const char* key, std::string& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) return wire_problem{std::string(key) + " phải là chuỗi"};
  out = it->get<std::string>();
  return std::nullopt;
}

}  // namespace

std::variant<lookup_request, wire_problem> parse_soap(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return wire_problem{"Nội dung yêu cầu rỗng (cần một SOAP 1.1 Envelope)"};
  if (auto p = refuse_before_parsing(body, "Nội dung SOAP")) return *p;
  pugi::xml_document doc;
  const auto r =
      doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) {
    return wire_problem{"Không phải XML hợp lệ: " + std::string(r.description()) + " (byte " +
                        std::to_string(r.offset) + ")"};
  }
  const pugi::xml_node root = doc.document_element();
  const std::string root_ns = ns_of(root);
  if (local_of(root.name()) != "Envelope" || root_ns != soap_envelope_ns) {
    if (root_ns == "http://www.w3.org/2003/05/soap-envelope")
      return wire_problem{"SOAP 1.2 không được hỗ trợ: dùng SOAP 1.1 (" +
                          std::string(soap_envelope_ns) + ")"};
    return wire_problem{"Phần tử gốc phải là Envelope của SOAP 1.1 (" +
                        std::string(soap_envelope_ns) + "), không phải " +
                        std::string(local_of(root.name())) +
                        (root_ns.empty() ? std::string() : " (" + root_ns + ")")};
  }
  pugi::xml_node soap_body;
  for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element && local_of(n.name()) == "Body" &&
        ns_of(n) == soap_envelope_ns) {
      soap_body = n;
      break;
    }
  }
  if (!soap_body) return wire_problem{"Thiếu soapenv:Body"};
  pugi::xml_node op_node;
  for (pugi::xml_node n = soap_body.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element) {
      op_node = n;
      break;
    }
  }
  if (!op_node) return wire_problem{"soapenv:Body rỗng: thiếu phần tử thao tác"};
  const std::string op_name(local_of(op_node.name()));
  const std::string op_ns = ns_of(op_node);
  if (op_ns != request_ns) {
    return wire_problem{"Phần tử " + op_name + " thuộc namespace \"" + op_ns + "\", cần " +
                        std::string(request_ns)};
  }
  const auto op = parse_operation(op_name);
  if (!op) {
    return wire_problem{"Thao tác \"" + op_name +
                        "\" không được hỗ trợ (XacThucThongTinCongDan, TraCuuThongTinCongDan, "
                        "XacMinhThongTinNhanThan, XacMinhThongTinNguoiGiamHo)"};
  }
  lookup_request q;
  q.op = *op;
  if (auto p = read_soap_children(op_node, q, false)) return *p;
  return q;
}

std::variant<lookup_request, wire_problem> parse_plain_json(std::string_view body, operation op,
                                                            std::string* user_name_service) {
  if (auto bad = core::first_invalid_utf8(body))
    return wire_problem{"Nội dung JSON không phải UTF-8 hợp lệ (byte " + std::to_string(*bad) +
                        ")"};
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return wire_problem{"Không phải JSON hợp lệ"};
  if (!j.is_object()) return wire_problem{"Nội dung JSON phải là một đối tượng"};
  lookup_request q;
  q.op = op;
  std::string ngay;
  const std::pair<const char*, std::string*> fields[] = {
      {"maYeuCau", &q.ma_yeu_cau}, {"maDVC", &q.ma_dvc},      {"maTichHop", &q.ma_tich_hop},
      {"maDonVi", &q.ma_don_vi},   {"maCanBo", &q.ma_can_bo}, {"soDinhDanh", &q.so_dinh_danh},
      {"soCMND", &q.so_cmnd},      {"hoVaTen", &q.ho_va_ten}, {"ngayThangNam", &ngay}};
  for (const auto& [key, slot] : fields) {
    if (auto p = string_field(j, key, *slot)) return *p;
  }
  if (q.ma_dvc.empty()) {
    if (auto p = string_field(j, "maDichVu", q.ma_dvc)) return *p;
  }
  std::string user;
  if (auto p = string_field(j, "userNameService", user)) return *p;
  if (user_name_service) *user_name_service = user;
  (ngay.size() == 4 ? q.nam : q.ngay_thang_nam) = ngay;
  if (auto it = j.find("nguoiGiamHo"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return wire_problem{"nguoiGiamHo phải là một đối tượng"};
    if (auto p = string_field(*it, "soDinhDanh", q.giam_ho_so_dinh_danh)) return *p;
    if (auto p = string_field(*it, "soCMND", q.giam_ho_so_cmnd)) return *p;
    if (auto p = string_field(*it, "hoVaTen", q.giam_ho_ho_va_ten)) return *p;
  }
  return q;
}

std::variant<lgsp_envelope, wire_problem> parse_lgsp(std::string_view body) {
  if (auto bad = core::first_invalid_utf8(body))
    return wire_problem{"Nội dung JSON không phải UTF-8 hợp lệ (byte " + std::to_string(*bad) +
                        ")"};
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return wire_problem{"Không phải JSON hợp lệ"};
  if (!j.is_object()) return wire_problem{"Nội dung JSON phải là một đối tượng"};
  lgsp_envelope e;
  std::string token;
  for (const auto& [key, slot] :
       {std::pair<const char*, std::string*>{"accessToken", &e.access_token},
        {"lgspAccessToken", &token},
        {"data", &e.data}}) {
    if (auto p = string_field(j, key, *slot)) return *p;
    if (slot->empty()) return wire_problem{"Thiếu " + std::string(key)};
  }
  std::string decoded;
  if (auto err = core::base64_decode(token, decoded, 64 * 1024)) {
    return wire_problem{"lgspAccessToken không phải base64 hợp lệ (ký tự thứ " +
                        std::to_string(err->offset) + ": " + err->reason + ")"};
  }
  json t = json::parse(decoded, nullptr, false);
  if (t.is_discarded() || !t.is_object())
    return wire_problem{"lgspAccessToken phải là base64 của một đối tượng JSON"};
  for (const auto& [key, slot] : {std::pair<const char*, std::string*>{"AccessKey", &e.access_key},
                                  {"SecretKey", &e.secret_key},
                                  {"AppName", &e.app_name},
                                  {"PartnerCode", &e.partner_code},
                                  {"PartnerCodeCus", &e.partner_code_cus}}) {
    if (auto p = string_field(t, key, *slot)) return wire_problem{"lgspAccessToken: " + p->message};
  }
  if (e.access_key.empty()) return wire_problem{"lgspAccessToken: thiếu AccessKey"};
  return e;
}

std::string soap_answer(const lookup_answer& a, std::string_view thoi_diem) {
  std::string out;
  out.reserve(1024 + 2048 * a.collection.size());  // a CongDan is ≈2 KB of XML
  out += envelope_open;
  if (a.op == operation::xac_thuc_thong_tin_cong_dan) {
    // The mock's answer element (spec c06 A4, KetQuaXacThuc{TonTai}).
    out += "<dan:KetQuaXacThuc><dan:TonTai>";
    out += a.ton_tai ? "true" : "false";
    out += "</dan:TonTai></dan:KetQuaXacThuc>";
    return out + envelope_close;
  }
  out += "<ns1:CongdanCollection xmlns:ns1=\"http://www.mic.gov.vn/dancu/1.0\" SoCongDan=\"";
  out += std::to_string(a.collection.size());
  out += "\" GhiChu=\"\" ThoiDiemDuLieu=\"";
  xml_escape(out, thoi_diem);
  out += "\">";
  for (const auto& d : a.collection) {
    out += "<ns1:CongDan>";
    element(out, "SoDinhDanh", d.so_dinh_danh);
    element(out, "SoCMND", d.so_cmnd);
    out += "<ns1:HoVaTen>";
    element(out, "Ho", d.ho);
    element(out, "ChuDem", d.chu_dem);
    element(out, "Ten", d.ten);
    out += "</ns1:HoVaTen>";
    element(out, "GioiTinh", d.gioi_tinh);
    out += "<ns1:NgayThangNamSinh>";
    element(out, "Nam", d.nam);
    element(out, "NgayThangNam", d.ngay_thang_nam);
    out += "</ns1:NgayThangNamSinh>";
    element(out, "DanToc", d.dan_toc);
    element(out, "TonGiao", d.ton_giao);
    element(out, "TinhTrangHonNhan", d.tinh_trang_hon_nhan);
    element(out, "NhomMau", d.nhom_mau);
    element(out, "QuocTich", d.quoc_tich);
    address(out, "NoiDangKyKhaiSinh", d.noi_dang_ky_khai_sinh);
    address(out, "QueQuan", d.que_quan);
    address(out, "ThuongTru", d.thuong_tru);
    address(out, "NoiOHienTai", d.noi_o_hien_tai);
    person(out, "Cha", d.cha);
    person(out, "Me", d.me);
    person(out, "VoChong", d.vo_chong);
    person(out, "NguoiDaiDien", d.nguoi_dai_dien);
    out += "<ns1:ChuHo><ns1:QuanHe/><ns1:SoDinhDanh/><ns1:SoCMND/><ns1:HoVaTen/></ns1:ChuHo>";
    element(out, "SoSoHoKhau", "");
    out += "</ns1:CongDan>";
  }
  out += "</ns1:CongdanCollection>";
  return out + envelope_close;
}

std::string soap_fault(bool client_fault, std::string_view code, std::string_view message) {
  std::string out = envelope_open;
  out += "<soapenv:Fault><faultcode>";
  out += client_fault ? "soapenv:Client" : "soapenv:Server";
  out += "</faultcode><faultstring>";
  xml_escape(out, message);
  out += "</faultstring><detail><dan:MaLoi>";
  xml_escape(out, code);
  out += "</dan:MaLoi><dan:MoTaLoi>";
  xml_escape(out, message);
  out += "</dan:MoTaLoi></detail></soapenv:Fault>";
  return out + envelope_close;
}

nlohmann::json json_answer(const lookup_answer& a, std::string_view ma_yeu_cau,
                           std::string_view thoi_diem) {
  json j = {{"maLoi", "000"}, {"moTaLoi", "Thành công"}, {"maYeuCau", std::string(ma_yeu_cau)}};
  if (a.op == operation::xac_thuc_thong_tin_cong_dan) {
    j["tonTai"] = a.ton_tai;
    return j;
  }
  j["soCongDan"] = a.collection.size();
  j["thoiDiemDuLieu"] = std::string(thoi_diem);
  json list = json::array();
  for (const auto& d : a.collection) {
    list.push_back({{"soDinhDanh", d.so_dinh_danh},
                    {"soCMND", d.so_cmnd},
                    {"hoVaTen", {{"ho", d.ho}, {"chuDem", d.chu_dem}, {"ten", d.ten}}},
                    {"gioiTinh", d.gioi_tinh},
                    {"ngayThangNamSinh", {{"nam", d.nam}, {"ngayThangNam", d.ngay_thang_nam}}},
                    {"danToc", d.dan_toc},
                    {"tonGiao", d.ton_giao},
                    {"tinhTrangHonNhan", d.tinh_trang_hon_nhan},
                    {"nhomMau", d.nhom_mau},
                    {"quocTich", d.quoc_tich},
                    {"noiDangKyKhaiSinh", address_json(d.noi_dang_ky_khai_sinh)},
                    {"queQuan", address_json(d.que_quan)},
                    {"thuongTru", address_json(d.thuong_tru)},
                    {"noiOHienTai", address_json(d.noi_o_hien_tai)},
                    {"cha", person_json(d.cha)},
                    {"me", person_json(d.me)},
                    {"voChong", person_json(d.vo_chong)},
                    {"nguoiDaiDien", person_json(d.nguoi_dai_dien)}});
  }
  j["congDan"] = std::move(list);
  return j;
}

nlohmann::json json_error(std::string_view code, std::string_view message) {
  return {{"maLoi", std::string(code)}, {"moTaLoi", std::string(message)}};
}

}  // namespace sim::services::c06
