#include "simulator/services/vneid/health_book.hpp"

#include <algorithm>
#include <span>

#include "simulator/core/base64.hpp"
#include "simulator/core/civil_time.hpp"
#include "simulator/core/text.hpp"
#include "simulator/services/portal/portal_service.hpp"
#include "simulator/standard/code_lists.hpp"

namespace sim::services::vneid {
namespace {

using ojson = nlohmann::ordered_json;

// Adds `key` = value when the value is not empty (the app shows no empty lines).
void put(ojson& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

std::string label(std::string_view list, const std::string& code) {
  if (code.empty()) return {};
  if (const auto* l = standard::find_code_list(list)) {
    for (const auto& e : l->entries) {
      if (e.code == code) return e.label_vi.empty() ? code : code + " – " + e.label_vi;
    }
  }
  return code;
}

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find(';', start);
    std::string code =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    code.erase(0, code.find_first_not_of(' '));
    code.erase(code.find_last_not_of(' ') + 1);
    if (!code.empty()) out.push_back(code);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

bool missing(const std::vector<std::string>& groups, std::string_view g) {
  return std::find(groups.begin(), groups.end(), g) != groups.end();
}

}  // namespace

std::string vi_date(std::string_view text) {
  if (auto t = core::parse_date_or_datetime(text)) {
    char buf[32];
    if (text.size() == 8)
      std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", t->day, t->month, t->year);
    else
      std::snprintf(buf, sizeof buf, "%02d/%02d/%04d %02d:%02d", t->day, t->month, t->year, t->hour,
                    t->minute);
    return buf;
  }
  return std::string(text);
}

// How a table field shows in the book (docs/vneid.md has the same mapping per table): under
// `key`, as sent, as a dd/mm/yyyy date, or as the name the code list `label_list` gives it.
// Empty values are left out.
struct mapped_field {
  const char* key;
  std::string_view field;
  bool date = false;
  std::string_view label_list = {};
};

void put_fields(ojson& j, const standard::row& r, std::span<const mapped_field> fields) {
  for (const auto& f : fields) {
    const std::string v = r.value_or_empty(f.field);
    put(j, f.key, f.date ? vi_date(v) : f.label_list.empty() ? v : label(f.label_list, v));
  }
}

// XML2 — drugs.
constexpr mapped_field drug_fields[] = {
    {"ten_thuoc", "TEN_THUOC"},   {"ham_luong", "HAM_LUONG"}, {"don_vi_tinh", "DON_VI_TINH"},
    {"so_luong", "SO_LUONG"},     {"lieu_dung", "LIEU_DUNG"}, {"cach_dung", "CACH_DUNG"},
    {"duong_dung", "DUONG_DUNG"}, {"ngay_y_lenh", "NGAY_YL", true}};
// XML3 — services (care the citizen reads about; beds and supplies are left out).
constexpr mapped_field service_fields[] = {{"ma_dich_vu", "MA_DICH_VU"},
                                           {"ten_dich_vu", "TEN_DICH_VU"},
                                           {"so_luong", "SO_LUONG"},
                                           {"ngay_thuc_hien", "NGAY_TH_YL", true},
                                           {"ngay_ket_qua", "NGAY_KQ", true}};
// XML4 — lab and imaging results.
constexpr mapped_field result_fields[] = {
    {"ma_dich_vu", "MA_DICH_VU"}, {"ten_chi_so", "TEN_CHI_SO"}, {"gia_tri", "GIA_TRI"},
    {"don_vi_do", "DON_VI_DO"},   {"mo_ta", "MO_TA"},           {"ket_luan", "KET_LUAN"},
    {"ngay_ket_qua", "NGAY_KQ", true}};
// XML8 — the treatment summary, before and after the fields other tables give.
constexpr mapped_field summary_fields[] = {
    {"chan_doan_vao", "CHAN_DOAN_VAO"},
    {"qua_trinh_benh_ly", "QT_BENHLY"},
    {"tom_tat_ket_qua_cls", "TOMTAT_KQ"},
    {"phuong_phap_dieu_tri", "PP_DIEUTRI"},
    {"chan_doan_ra_vien", "CHAN_DOAN_RV"},
    {"ket_qua_dieu_tri", "KET_QUA_DTRI", false, "KET_QUA_DTRI"},
    {"loi_dan", "GHI_CHU"}};
constexpr mapped_field summary_tail_fields[] = {{"nguoi_dung_dau_co_so", "MA_TTDV"},
                                                {"ngay_chung_tu", "NGAY_CT", true}};
// XML13 — the referral slip, before and after the destination facility.
constexpr mapped_field referral_fields[] = {{"so_chuyen_tuyen", "SO_CHUYENTUYEN"},
                                            {"giay_chuyen_tuyen", "GIAY_CHUYEN_TUYEN"},
                                            {"noi_chuyen_di", "MA_CSKCB"}};
constexpr mapped_field referral_tail_fields[] = {
    {"dau_hieu_lam_sang", "DAU_HIEU_LS"},
    {"chan_doan", "CHAN_DOAN_RV"},
    {"ma_benh_chinh", "MA_BENH_CHINH"},
    {"tom_tat_ket_qua", "TOMTAT_KQ"},
    {"phuong_phap_dieu_tri", "PP_DIEUTRI"},
    {"ly_do_chuyen_tuyen", "MA_LYDO_CT", false, "MA_LYDO_CT"},
    {"huong_dieu_tri", "HUONG_DIEU_TRI"},
    {"phuong_tien_van_chuyen", "PHUONGTIEN_VC"},
    {"nguoi_ho_tong", "HOTEN_NGUOI_HT"},
    {"ngay_ra", "NGAY_RA", true}};
// XML14 — the re-examination appointment.
constexpr mapped_field appointment_fields[] = {{"so_giay_hen", "SO_GIAYHEN_KL"},
                                               {"ngay_hen_kham_lai", "NGAY_HEN_KL", true},
                                               {"chan_doan", "CHAN_DOAN_RV"},
                                               {"ma_benh_chinh", "MA_BENH_CHINH"},
                                               {"co_so_kcb", "MA_CSKCB"},
                                               {"ngay_cap", "NGAY_CT", true}};

std::optional<visit_tables> extract_visit(std::string_view file, std::string_view standard) {
  const auto id = standard::parse_standard(standard);
  if (!id) return std::nullopt;
  const auto decoded = standard::decode(file, standard::get_standard(*id));
  if (decoded.kind != standard::file_kind::claim || decoded.claim.hosos.empty())
    return std::nullopt;
  const auto& h = decoded.claim.hosos.front();
  const auto* x1 = h.table(standard::table_id::xml1);
  if (!x1 || x1->rows.empty()) return std::nullopt;
  visit_tables v;
  v.ma_cskcb = decoded.claim.macskcb;
  v.xml1 = x1->rows.front();
  auto rows = [&](standard::table_id t) {
    const auto* d = h.table(t);
    return d ? d->rows : std::vector<standard::row>{};
  };
  auto one = [&](standard::table_id t) -> std::optional<standard::row> {
    const auto* d = h.table(t);
    if (!d || d->rows.empty()) return std::nullopt;
    return d->rows.front();
  };
  v.xml2 = rows(standard::table_id::xml2);
  v.xml3 = rows(standard::table_id::xml3);
  v.xml4 = rows(standard::table_id::xml4);
  v.xml7 = one(standard::table_id::xml7);
  v.xml8 = one(standard::table_id::xml8);
  v.xml13 = one(standard::table_id::xml13);
  v.xml14 = one(standard::table_id::xml14);
  if (v.ma_cskcb.empty()) v.ma_cskcb = v.field("MA_CSKCB");
  return v;
}

namespace {

// The standard with XML1 as the only table allowed in the envelope. decode() refuses every other
// FILEHOSO on its LOAIHOSO before base64-decoding it, and reads XML1 exactly as the full decode
// does: a table's decoding never depends on the others' (a second XML1 is refused either way).
const standard::standard_def& xml1_only(standard::standard_id id) {
  static const auto make = [](standard::standard_id sid) {
    standard::standard_def d = standard::get_standard(sid);
    const bool allowed = d.allowed_in_envelope(standard::table_id::xml1);
    d.envelope_tables.clear();
    if (allowed) d.envelope_tables.push_back(standard::table_id::xml1);
    return d;
  };
  static const standard::standard_def qd130 = make(standard::standard_id::qd130);
  static const standard::standard_def qd4750 = make(standard::standard_id::qd4750);
  static const standard::standard_def qd3176 = make(standard::standard_id::qd3176);
  switch (id) {
    case standard::standard_id::qd130:
      return qd130;
    case standard::standard_id::qd4750:
      return qd4750;
    case standard::standard_id::qd3176:
      break;
  }
  return qd3176;
}

}  // namespace

std::optional<visit_identity> extract_visit_identity(std::string_view file,
                                                     std::string_view standard) {
  const auto id = standard::parse_standard(standard);
  if (!id) return std::nullopt;
  const auto decoded = standard::decode(file, xml1_only(*id));
  if (decoded.kind != standard::file_kind::claim || decoded.claim.hosos.empty())
    return std::nullopt;
  const auto* x1 = decoded.claim.hosos.front().table(standard::table_id::xml1);
  if (!x1 || x1->rows.empty()) return std::nullopt;
  const auto& row = x1->rows.front();
  return visit_identity{row.value_or_empty("SO_CCCD"), row.value_or_empty("NGAY_VAO"),
                        row.value_or_empty("NGAY_RA")};
}

ojson visit_json(const visit_tables& v, const world::world& w,
                 const std::vector<std::string>& missing_groups) {
  ojson j;
  // QĐ 31 group 3: where, when, form, reason.
  const std::string ma = v.field("MA_CSKCB").empty() ? v.ma_cskcb : v.field("MA_CSKCB");
  const auto* fac = w.find_facility(ma);
  j["co_so_kcb"] = {{"ma", ma}, {"ten", fac ? fac->name : std::string()}};
  put(j, "ma_lk", v.field("MA_LK"));
  put(j, "ngay_vao", vi_date(v.field("NGAY_VAO")));
  put(j, "ngay_vao_noi_tru", vi_date(v.field("NGAY_VAO_NOI_TRU")));
  put(j, "ngay_ra", vi_date(v.field("NGAY_RA")));
  put(j, "hinh_thuc_kcb", label("MA_LOAI_KCB", v.field("MA_LOAI_KCB")));
  put(j, "ly_do_vao_vien", v.field("LY_DO_VV"));
  // ICD-10, main disease first (QĐ 2733 PL02; spec c06 B2).
  ojson dx = ojson::array();
  if (!v.field("MA_BENH_CHINH").empty())
    dx.push_back({{"ma_icd10", v.field("MA_BENH_CHINH")}, {"loai", "Bệnh chính"}});
  for (const auto& c : split_codes(v.field("MA_BENH_KT")))
    dx.push_back({{"ma_icd10", c}, {"loai", "Bệnh kèm theo"}});
  j["chan_doan"] = {{"chan_doan_vao", v.field("CHAN_DOAN_VAO")},
                    {"chan_doan_ra_vien", v.field("CHAN_DOAN_RV")},
                    {"ma_benh", dx}};
  put(j, "ket_qua_dieu_tri", label("KET_QUA_DTRI", v.field("KET_QUA_DTRI")));
  put(j, "tinh_trang_ra_vien", label("MA_LOAI_RV", v.field("MA_LOAI_RV")));
  // The key tracked indicators (marked * in QĐ 1332): no table of QĐ 4750 carries the height.
  ojson chi_so;
  chi_so["nhom_mau"] = v.field("NHOM_MAU").empty() ? ojson(nullptr) : ojson(v.field("NHOM_MAU"));
  chi_so["chieu_cao_cm"] = nullptr;
  chi_so["can_nang_kg"] = v.field("CAN_NANG").empty() ? ojson(nullptr) : ojson(v.field("CAN_NANG"));
  j["chi_so"] = chi_so;

  if (!missing(missing_groups, "thuoc")) {
    ojson drugs = ojson::array();
    for (const auto& r : v.xml2) {
      ojson d;
      put_fields(d, r, drug_fields);
      drugs.push_back(std::move(d));
    }
    j["thuoc"] = std::move(drugs);
  }
  if (!missing(missing_groups, "dvkt")) {
    ojson services = ojson::array();
    for (const auto& r : v.xml3) {
      // Beds and supplies are billing lines, not care the citizen reads about.
      if (r.value_or_empty("TEN_DICH_VU").empty() || !r.value_or_empty("MA_GIUONG").empty())
        continue;
      ojson s;
      put_fields(s, r, service_fields);
      services.push_back(std::move(s));
    }
    j["dich_vu_ky_thuat"] = std::move(services);
  }
  if (!missing(missing_groups, "cls")) {
    ojson results = ojson::array();
    for (const auto& r : v.xml4) {
      ojson c;
      put_fields(c, r, result_fields);
      results.push_back(std::move(c));
    }
    j["ket_qua_can_lam_sang"] = std::move(results);
  }
  if (!missing(missing_groups, "tom_tat")) {
    // QĐ 31 group 4 from XML8 (QĐ 2733 PL02 section 3.6, fields 41–45). Without XML8
    // (outpatient visits, spec c06 B2 "Conflict") the book has no summary: null.
    if (v.xml8) {
      const auto& r = *v.xml8;
      ojson s;
      put_fields(s, r, summary_fields);
      put(s, "lich_tai_kham", vi_date(v.field("NGAY_TAI_KHAM")));  // XML1
      if (v.xml7) put(s, "bac_si_dieu_tri", v.xml7->value_or_empty("TEN_BS"));
      put_fields(s, r, summary_tail_fields);
      j["tom_tat_ho_so_benh_an"] = std::move(s);
    } else {
      j["tom_tat_ho_so_benh_an"] = nullptr;
    }
  }
  if (!missing(missing_groups, "chuyen_tuyen") && v.xml13) {
    const auto& r = *v.xml13;
    ojson g;
    put_fields(g, r, referral_fields);
    const auto* den = w.find_facility(r.value_or_empty("MA_NOI_DEN"));
    g["noi_chuyen_den"] = {{"ma", r.value_or_empty("MA_NOI_DEN")},
                           {"ten", den ? den->name : std::string()}};
    put_fields(g, r, referral_tail_fields);
    j["giay_chuyen_tuyen"] = std::move(g);
  }
  if (!missing(missing_groups, "hen_kham_lai") && v.xml14) {
    const auto& r = *v.xml14;
    ojson g;
    put_fields(g, r, appointment_fields);
    j["giay_hen_kham_lai"] = std::move(g);
  }
  if (!missing_groups.empty()) j["nhom_thieu"] = missing_groups;
  return j;
}

ojson administrative_json(const world::citizen& c, const world::citizen* guardian,
                          const world::world& w) {
  ojson j;
  j["ho_ten"] = c.ho_ten;
  j["ngay_sinh"] = vi_date(c.date_of_birth.to_yyyymmdd());
  j["gioi_tinh"] = world::label_vi(c.gender);
  j["so_dinh_danh"] = c.so_dinh_danh;
  j["dia_chi"] = c.address;
  j["ma_bhxh"] = c.ma_bhxh;
  if (c.card) {
    const auto* dk = w.find_facility(c.card->ma_dkbd);
    j["the_bhyt"] = {
        {"ma_the", c.card->number},
        {"noi_dkkcb_ban_dau", {{"ma", c.card->ma_dkbd}, {"ten", dk ? dk->name : std::string()}}},
        {"gia_tri_tu", vi_date(c.card->valid_from.to_yyyymmdd())},
        {"gia_tri_den", vi_date(c.card->valid_to.to_yyyymmdd())},
        {"trang_thai", std::string(world::to_string(c.card->status))}};
  } else {
    j["the_bhyt"] = nullptr;
  }
  // QĐ 1332 fields 12–15 have no XML field (QĐ 2733 PL02 mục 1.3): the register's guardian.
  if (guardian) {
    j["nguoi_dai_dien_hop_phap"] = {{"ho_ten", guardian->ho_ten},
                                    {"quan_he", "Người giám hộ"},
                                    {"so_dinh_danh", guardian->so_dinh_danh}};
  } else {
    j["nguoi_dai_dien_hop_phap"] = nullptr;
  }
  return j;
}

ojson history_json(const world::citizen& c, const std::vector<std::string>& diseases,
                   bool names_without_diacritics) {
  ojson j;
  ojson allergies = ojson::array();
  for (const auto& a : c.allergies) {
    ojson x = {{"tac_nhan", a.agent}};
    put(x, "bieu_hien", a.reaction);
    allergies.push_back(std::move(x));
  }
  j["di_ung"] = std::move(allergies);
  j["benh_da_mac"] = diseases;
  ojson vaccinations = ojson::array();
  for (std::size_t i = 0; i < c.vaccinations.size(); ++i) {
    const auto& v = c.vaccinations[i];
    ojson x = {{"loai_vac_xin", v.vaccine}, {"ngay_tiem", vi_date(v.date.to_yyyymmdd())}};
    put(x, "mui", v.dose);
    put(x, "noi_tiem", v.place);
    // The same comparison as the mismatch list's (portal mismatches.cpp), against `c` now.
    const auto diffs = portal::portal_service::vaccination_mismatches(c, i, names_without_diacritics);
    x["khop_csdl_dan_cu"] = diffs.empty();
    if (!diffs.empty()) {
      x["ghi_chu"] = "chưa khớp CSDL dân cư";
      ojson list = ojson::array();
      for (const auto& d : diffs)
        list.push_back({{"truong", d.field}, {"ghi_nhan", d.claimed}, {"csdl", d.registered}});
      x["sai_lech"] = std::move(list);
    }
    vaccinations.push_back(std::move(x));
  }
  j["tiem_chung"] = std::move(vaccinations);
  return j;
}

namespace {

// The text of the first <tag>…</tag> in `xml`, XML entities of text content undone; nullopt
// when absent. Enough for the flat, generated XML1 of a KSK record (no attributes, no CDATA).
std::optional<std::string> element_text(std::string_view xml, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">", close = "</" + std::string(tag) + ">";
  const auto a = xml.find(open);
  if (a == std::string_view::npos) return std::nullopt;
  const auto b = xml.find(close, a + open.size());
  if (b == std::string_view::npos) return std::nullopt;
  const std::string_view raw = xml.substr(a + open.size(), b - a - open.size());
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '&') {
      static constexpr std::pair<std::string_view, char> entities[] = {
          {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [e, ch] : entities) {
        if (raw.substr(i, e.size()) == e) {
          out += ch;
          i += e.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += raw[i];
  }
  return out;
}

}  // namespace

std::optional<ksk_record> extract_ksk(std::string_view file) {
  if (file.find("<KHAMSUCKHOE") == std::string_view::npos) return std::nullopt;
  // The XML1 of the first HOSO (FILEHOSO with LOAIHOSO XML1).
  std::size_t at = 0;
  while ((at = file.find("<FILEHOSO>", at)) != std::string_view::npos) {
    const auto end = file.find("</FILEHOSO>", at);
    if (end == std::string_view::npos) break;
    const std::string_view part = file.substr(at, end - at);
    at = end;
    const auto loai = element_text(part, "LOAIHOSO");
    const auto content = element_text(part, "NOIDUNGFILE");
    if (!loai || !content || core::collapse_spaces(*loai) != "XML1") continue;
    std::string xml1;
    if (core::base64_decode(*content, xml1, 16u << 20)) return std::nullopt;
    ksk_record r;
    r.so_cccd = element_text(xml1, "SO_CCCD").value_or("");
    if (r.so_cccd.empty()) return std::nullopt;
    r.ho_ten = element_text(xml1, "HO_TEN").value_or("");
    r.ngay_kham = element_text(xml1, "NGAY_KHAM").value_or("");
    r.ket_luan = element_text(xml1, "KET_LUAN").value_or("");
    r.phan_loai_suc_khoe = element_text(xml1, "PHAN_LOAI_SUC_KHOE").value_or("");
    r.ma_lk = element_text(xml1, "MA_LK").value_or("");
    return r;
  }
  return std::nullopt;
}

ojson ksk_entries(const engine::journal& journal, const std::string& sandbox,
                  const std::string& so_dinh_danh, const world::world& w) {
  std::vector<std::string> accepted;
  journal.for_each_submission(
      sandbox,
      [&](const engine::submission_record& s) {
        if (s.kind == "ksk" && s.verdict == "accepted") accepted.push_back(s.ma_giao_dich);
      },
      /*with_files=*/false);
  std::vector<std::pair<std::string, ojson>> found;  // (NGAY_KHAM, entry)
  for (const auto& id : accepted) {
    const auto s = journal.submission(sandbox, id);
    if (!s) continue;
    const auto r = extract_ksk(s->file);
    if (!r || core::collapse_spaces(r->so_cccd) != so_dinh_danh) continue;
    const auto* f = w.find_facility(s->ma_cskcb);
    ojson e;
    e["loai"] = "Khám sức khỏe";
    e["ngay_kham"] = vi_date(r->ngay_kham);
    e["co_so_kcb"] = {{"ma", s->ma_cskcb}, {"ten", f ? f->name : std::string()}};
    e["ket_luan"] = r->ket_luan;
    e["phan_loai_suc_khoe"] = r->phan_loai_suc_khoe;
    e["maGiaoDich"] = s->ma_giao_dich;
    e["tiep_nhan_luc"] = s->received_at;
    found.emplace_back(r->ngay_kham, std::move(e));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });  // newest
  ojson out = ojson::array();
  for (auto& [day, e] : found) out.push_back(std::move(e));
  return out;
}

}  // namespace sim::services::vneid
