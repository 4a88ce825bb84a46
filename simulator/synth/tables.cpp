// Writing an encounter as the rows of the standard's tables. Values are produced by name and
// emitted in the table's STT order; a name the selected standard does not define is dropped, so
// one model serves QĐ 130, 4750 and 3176 (e.g. XML13 MA_NOI_DI vs 3176 MA_CSKCB_DI).
#include <algorithm>

#include "simulator/synth/detail/impl.hpp"

namespace sim::synth {

using namespace detail;
using standard::table_id;

namespace {

std::string nhom_mau(std::string_view id) {
  // Blood group: known for about a third of patients, else empty (XML1 NHOM_MAU is optional).
  static constexpr std::array<std::string_view, 4> groups{"O", "A", "B", "AB"};
  const unsigned h = static_cast<unsigned char>(id.back()) + 7u * static_cast<unsigned char>(id[0]);
  return h % 3 == 0 ? std::string(groups[h % 4]) : std::string();
}

std::string chan_doan(const detail::encounter& e) {
  std::string s(e.dx->ten);
  if (e.dx_extra) s += "; " + std::string(e.dx_extra->ten);
  return s;
}

std::string pp_dieu_tri(const detail::encounter& e) {
  switch (e.kind) {
    case encounter_kind::inpatient:
      return "Điều trị nội khoa: kháng sinh, bù dịch, điều trị triệu chứng.";
    case encounter_kind::outpatient_treatment:
      return "Điều trị ngoại trú bằng thuốc uống, tái khám định kỳ.";
    case encounter_kind::emergency:
      return "Xử trí cấp cứu, điều trị triệu chứng.";
    default:
      return "Kê đơn điều trị ngoại trú.";
  }
}

void add_identity(values& v, const detail::encounter& e) {
  const auto& c = *e.patient;
  // What the facility's records hold (citizen::recorded), which differs from the register only
  // for the identity-mismatch rehearsal cases (issue 10).
  v["HO_TEN"] = c.recorded->ho_ten.value_or(c.ho_ten);
  v["SO_CCCD"] = c.recorded->so_dinh_danh.value_or(c.so_dinh_danh);
  // PL4750: NGAY_SINH is yyyyMMddHHmm; an unknown hour and minute are written 0000.
  v["NGAY_SINH"] = d8(c.recorded->date_of_birth.value_or(c.date_of_birth)) + "0000";
  v["GIOI_TINH"] = std::to_string(static_cast<int>(c.recorded->gender.value_or(c.gender)));
  v["DIA_CHI"] = c.address;
  v["MA_THE_BHYT"] = c.recorded->ma_the_bhyt.value_or(c.card->number);
  v["GT_THE_DEN"] = d8(c.card->valid_to);
  v["NGAY_VAO"] = dt12(e.ngay_vao);
  v["NGAY_VAO_NOI_TRU"] = e.ngay_vao_noi_tru ? dt12(*e.ngay_vao_noi_tru) : "";
  v["NGAY_RA"] = dt12(e.ngay_ra);
  v["MA_BENH_CHINH"] = std::string(e.dx->icd);
  v["MA_BENH_KT"] = e.dx_extra ? std::string(e.dx_extra->icd) : "";
  v["CHAN_DOAN_RV"] = chan_doan(e);
}

void add_money(values& v, const cost_line& l) {
  v["THANH_TIEN_BV"] = money(l.thanh_tien_bv);
  v["THANH_TIEN_BH"] = money(l.thanh_tien_bh);
  v["T_NGUONKHAC_NSNN"] = money(l.nk_nsnn);
  v["T_NGUONKHAC_VTNN"] = money(l.nk_vtnn);
  v["T_NGUONKHAC_VTTN"] = money(l.nk_vttn);
  v["T_NGUONKHAC_CL"] = money(l.nk_cl);
  v["T_NGUONKHAC"] = money(l.t_nguonkhac);
  v["MUC_HUONG"] = std::to_string(l.muc_huong);
  v["T_BNTT"] = money(l.t_bntt);
  v["T_BNCCT"] = money(l.t_bncct);
  v["T_BHTT"] = money(l.t_bhtt);
  v["TYLE_TT_BH"] = std::to_string(l.tyle_tt_bh);
  v["SO_LUONG"] = milli(l.so_luong_milli);
  v["PHAM_VI"] = "1";
  v["MA_KHOA"] = l.ma_khoa;
  v["MA_BAC_SI"] = l.ma_bac_si;
  v["NGAY_YL"] = dt12(l.ngay_yl);
  v["NGAY_TH_YL"] = dt12(l.ngay_th_yl);
  v["MA_PTTT"] = std::to_string(l.ma_pttt);
  v["MA_NHOM"] = std::to_string(l.ma_nhom);
}

}  // namespace

standard::row generator::impl::to_row(table_id id, const values& v) const {
  standard::row r;
  const auto* def = std_def->table(id);
  if (!def) return r;
  r.fields.reserve(def->fields.size());
  for (const auto& f : def->fields) {
    auto it = v.find(f.name);
    std::string value = it == v.end() ? std::string() : it->second;
    // A standard that wants a date where the model has a date-time (3176 XML14 NGAY_HEN_KL).
    if (f.format == standard::value_format::date8 && value.size() == 12) value.resize(8);
    // QĐ 130's check-in MA_DOITUONG_KCB is Số(1): the group digit of the DMDC code ("1.1" → "1").
    if (f.name == "MA_DOITUONG_KCB" && f.max_length > 0 &&
        value.size() > static_cast<std::size_t>(f.max_length))
      value = value.substr(0, value.find('.'));
    r.fields.push_back({std::string(f.name), std::move(value)});
  }
  return r;
}

std::vector<standard::table_data> generator::impl::claim_tables(const detail::encounter& e) const {
  std::vector<standard::table_data> out;
  auto add = [&](table_id id, std::vector<values> rows) {
    if (rows.empty() || !std_def->table(id) || !std_def->allowed_in_envelope(id)) return;
    standard::table_data t;
    t.id = id;
    t.loaihoso = std::string(standard::to_string(id));
    for (const auto& v : rows) t.rows.push_back(to_row(id, v));
    out.push_back(std::move(t));
  };
  const auto& c = *e.patient;
  const auto& fac = *e.facility;

  // XML1 — Bảng 1 tổng hợp.
  values x1;
  x1["MA_LK"] = e.ma_lk;
  x1["STT"] = "1";
  x1["MA_BN"] = e.ma_bn;
  add_identity(x1, e);
  x1["NHOM_MAU"] = nhom_mau(c.so_dinh_danh);
  x1["MA_QUOCTICH"] = "000";  // Việt Nam, as vendors write it (docs/generate.md)
  x1["MA_DANTOC"] = "01";     // Kinh (QĐ 121-TCTK/PPCĐ)
  x1["MA_NGHE_NGHIEP"] = std::string(nghe_nghiep()[e.index % nghe_nghiep().size()]);
  x1["MATINH_CU_TRU"] = c.matinh;
  x1["MAHUYEN_CU_TRU"] = c.mahuyen;
  x1["MAXA_CU_TRU"] = c.maxa;
  x1["MA_DKBD"] = c.card->ma_dkbd;
  x1["GT_THE_TU"] = d8(c.card->valid_from);
  x1["LY_DO_VV"] = std::string(e.dx->ly_do_vv);
  if (e.ngay_vao_noi_tru) x1["LY_DO_VNT"] = std::string(e.dx->ly_do_vv);
  x1["CHAN_DOAN_VAO"] = std::string(e.dx->ten);
  x1["MA_DOITUONG_KCB"] = e.ma_doituong_kcb;
  x1["MA_NOI_DEN"] = e.ma_noi_den;
  x1["SO_NGAY_DTRI"] = std::to_string(e.so_ngay_dtri);
  x1["PP_DIEU_TRI"] = pp_dieu_tri(e);
  x1["KET_QUA_DTRI"] = e.ket_qua_dtri;
  x1["MA_LOAI_RV"] = e.ma_loai_rv;
  x1["GHI_CHU"] = e.ngay_hen_kl ? "Tái khám theo hẹn, mang theo giấy hẹn và thẻ BHYT."
                                : "Uống thuốc theo đơn, tái khám khi có dấu hiệu bất thường.";
  x1["T_THUOC"] = money(e.t.t_thuoc);
  x1["T_VTYT"] = money(e.t.t_vtyt);
  x1["T_TONGCHI_BV"] = money(e.t.t_tongchi_bv);
  x1["T_TONGCHI_BH"] = money(e.t.t_tongchi_bh);
  x1["T_BNTT"] = money(e.t.t_bntt);
  x1["T_BNCCT"] = money(e.t.t_bncct);
  x1["T_BHTT"] = money(e.t.t_bhtt);
  x1["T_NGUONKHAC"] = money(e.t.t_nguonkhac);
  x1["T_BHTT_GDV"] = money(e.t.t_bhtt_gdv);
  x1["NAM_QT"] = std::to_string(e.ngay_ra.year);
  x1["THANG_QT"] = std::to_string(e.ngay_ra.month);
  x1["MA_LOAI_KCB"] = e.ma_loai_kcb;
  x1["MA_KHOA"] = e.ma_khoa;
  x1["MA_CSKCB"] = fac.ma_cskcb;
  x1["MA_KHUVUC"] = c.card->ma_khuvuc;
  x1["CAN_NANG"] = e.can_nang;
  x1["NGAY_TAI_KHAM"] = e.ngay_hen_kl ? d8(*e.ngay_hen_kl) : "";
  x1["MA_HSBA"] = e.ma_hsba;
  x1["MA_TTDV"] = e.ma_ttdv;
  add(table_id::xml1, {x1});

  // XML2 (drugs) and XML3 (services, beds, supplies).
  std::vector<values> x2, x3;
  for (const auto& l : e.lines) {
    values v;
    v["MA_LK"] = e.ma_lk;
    add_money(v, l);
    if (l.drug) {
      v["STT"] = std::to_string(x2.size() + 1);
      v["MA_THUOC"] = std::string(l.d->ma_thuoc);
      v["TEN_THUOC"] = std::string(l.d->ten_thuoc);
      v["DON_VI_TINH"] = std::string(l.d->don_vi_tinh);
      v["HAM_LUONG"] = std::string(l.d->ham_luong);
      v["DUONG_DUNG"] = std::string(l.d->duong_dung);
      v["DANG_BAO_CHE"] = std::string(l.d->dang_bao_che);
      v["LIEU_DUNG"] = std::string(l.d->lieu_dung);
      v["CACH_DUNG"] = l.d->injection ? "Theo y lệnh của bác sĩ điều trị" : "Uống sau ăn";
      v["SO_DANG_KY"] = std::string(l.d->so_dang_ky);
      v["TT_THAU"] = std::string(l.d->tt_thau);
      v["DON_GIA"] = milli(l.don_gia_milli);
      v["NGUON_CTRA"] = "1";
      x2.push_back(std::move(v));
    } else {
      v["STT"] = std::to_string(x3.size() + 1);
      v["DON_GIA_BV"] = milli(l.don_gia_milli);
      v["DON_GIA_BH"] = milli(l.don_gia_bh_milli);
      v["TYLE_TT_DV"] = std::to_string(l.tyle_tt_dv);
      v["MA_BENH"] = std::string(e.dx->icd);
      v["NGUOI_THUC_HIEN"] = l.nguoi_thuc_hien;
      v["NGAY_KQ"] = l.ngay_kq ? dt12(*l.ngay_kq) : "";
      v["MA_GIUONG"] = l.ma_giuong;
      if (l.v) {
        v["MA_VAT_TU"] = std::string(l.v->ma_vat_tu);
        v["TEN_VAT_TU"] = std::string(l.v->ten_vat_tu);
        v["DON_VI_TINH"] = std::string(l.v->don_vi_tinh);
        v["TT_THAU"] = std::string(l.v->tt_thau);
      } else {
        v["MA_DICH_VU"] = std::string(l.s->ma_dich_vu);
        v["TEN_DICH_VU"] = std::string(l.s->ten_dich_vu);
        v["DON_VI_TINH"] = std::string(l.s->don_vi_tinh);
        if (l.s->role == service_role::lab) v["MA_MAY"] = "HH.1." + fac.ma_cskcb + ".1";
        if (l.s->role == service_role::imaging) v["MA_MAY"] = "XQ.1." + fac.ma_cskcb + ".1";
      }
      x3.push_back(std::move(v));
    }
  }
  add(table_id::xml2, x2);
  add(table_id::xml3, x3);

  // XML4 — CLS results.
  std::vector<values> x4;
  for (const auto& lr : e.labs) {
    values v;
    v["MA_LK"] = e.ma_lk;
    v["STT"] = std::to_string(x4.size() + 1);
    v["MA_DICH_VU"] = std::string(lr.s->ma_dich_vu);
    v["MA_CHI_SO"] = std::string(lr.idx->ma_chi_so);
    v["TEN_CHI_SO"] = std::string(lr.idx->ten_chi_so);
    v["GIA_TRI"] = lr.gia_tri;
    v["DON_VI_DO"] = std::string(lr.idx->don_vi_do);
    v["MO_TA"] = std::string(lr.idx->mo_ta);
    v["KET_LUAN"] = std::string(lr.idx->ket_luan);
    v["NGAY_KQ"] = dt12(lr.ngay_kq);
    v["MA_BS_DOC_KQ"] = lr.ma_bs_doc_kq;
    x4.push_back(std::move(v));
  }
  add(table_id::xml4, x4);

  // XML5 — clinical course (02 and 03 only: PL4750 Bảng 5 note).
  std::vector<values> x5;
  for (const auto& cr : e.course) {
    values v;
    v["MA_LK"] = e.ma_lk;
    v["STT"] = std::to_string(x5.size() + 1);
    v["DIEN_BIEN_LS"] = cr.dien_bien;
    v["THOI_DIEM_DBLS"] = dt12(cr.thoi_diem);
    v["NGUOI_THUC_HIEN"] = cr.nguoi_thuc_hien;
    x5.push_back(std::move(v));
  }
  add(table_id::xml5, x5);

  if (e.kind == encounter_kind::inpatient) {
    // XML7 — discharge paper; XML8 — summary of the medical record (03: PL4750 Bảng 8 note).
    values x7;
    x7["MA_LK"] = e.ma_lk;
    x7["SO_LUU_TRU"] = e.ma_hsba;
    x7["MA_YTE"] = e.ma_bn;
    x7["MA_KHOA_RV"] = e.ma_khoa;
    x7["NGAY_VAO"] = dt12(e.ngay_vao);
    x7["NGAY_RA"] = dt12(e.ngay_ra);
    x7["MA_DINH_CHI_THAI"] = "0";
    x7["CHAN_DOAN_RV"] = chan_doan(e);
    x7["PP_DIEUTRI"] = pp_dieu_tri(e);
    x7["MA_TTDV"] = e.ma_ttdv;
    x7["MA_BS"] = e.doc.ma_bhxh;
    x7["TEN_BS"] = e.doc.name;
    x7["NGAY_CT"] = d8(e.ngay_ra);
    add(table_id::xml7, {x7});

    values x8;
    x8["MA_LK"] = e.ma_lk;
    x8["MA_LOAI_KCB"] = e.ma_loai_kcb;
    x8["NGAY_VAO"] = dt12(e.ngay_vao);
    x8["NGAY_RA"] = dt12(e.ngay_ra);
    x8["CHAN_DOAN_VAO"] = std::string(e.dx->ten);
    x8["CHAN_DOAN_RV"] = chan_doan(e);
    x8["QT_BENHLY"] = std::string(e.dx->ly_do_vv) + ". " + std::string(e.dx->dien_bien);
    x8["TOMTAT_KQ"] =
        e.labs.empty() ? "Không làm cận lâm sàng." : "Các xét nghiệm trong giới hạn bình thường.";
    x8["PP_DIEUTRI"] = pp_dieu_tri(e);
    x8["KET_QUA_DTRI"] = e.ket_qua_dtri;
    x8["MA_TTDV"] = e.ma_ttdv;
    x8["NGAY_CT"] = d8(e.ngay_ra);
    add(table_id::xml8, {x8});
  }

  if (e.ma_loai_rv == "2") {
    // XML13 — referral paper (MA_LOAI_RV 2 or 5: PL4750 Bảng 13 note). Duplicated fields equal
    // XML1 (CTN: "nếu có dữ liệu thì phải giống thông tin này ở bảng 1").
    values x13;
    x13["MA_LK"] = e.ma_lk;
    x13["SO_HOSO"] = "CT" + e.ma_hsba;
    x13["SO_CHUYENTUYEN"] = std::to_string(e.index % 9000 + 1000);
    x13["GIAY_CHUYEN_TUYEN"] = e.facility->ma_cskcb + "/" + std::to_string(e.ngay_ra.year) + "/" +
                               std::to_string(e.index + 1);
    x13["MA_CSKCB"] = fac.ma_cskcb;
    x13["MA_NOI_DEN"] = e.ma_noi_den;
    x13["MA_CSKCB_DI"] = fac.ma_cskcb;  // QĐ 3176 name: the facility that transfers
    x13["MA_CSKCB_DEN"] = e.ma_noi_den;
    add_identity(x13, e);
    x13["MA_QUOCTICH"] = x1["MA_QUOCTICH"];
    x13["MA_DANTOC"] = x1["MA_DANTOC"];
    x13["MA_NGHE_NGHIEP"] = x1["MA_NGHE_NGHIEP"];
    x13["DAU_HIEU_LS"] = std::string(e.dx->dien_bien);
    x13["QT_BENHLY"] = std::string(e.dx->ly_do_vv) + ". " + std::string(e.dx->dien_bien);
    x13["TOMTAT_KQ"] =
        e.labs.empty() ? "Chưa làm cận lâm sàng." : "Xem kết quả cận lâm sàng kèm theo.";
    x13["PP_DIEUTRI"] = pp_dieu_tri(e);
    x13["PP_DIEU_TRI"] = pp_dieu_tri(e);
    x13["TINH_TRANG_CT"] = "Người bệnh tỉnh, dấu hiệu sinh tồn ổn định.";
    x13["TEN_DICH_VU"] = std::string(services()[0].ten_dich_vu);
    x13["MA_LOAI_RV"] = e.ma_loai_rv;
    x13["MA_LYDO_CT"] = "1";
    x13["HUONG_DIEU_TRI"] = "Chuyển tuyến trên để chẩn đoán và điều trị chuyên sâu.";
    x13["PHUONGTIEN_VC"] = "Xe cứu thương";
    x13["HOTEN_NGUOI_HT"] = doctor_of(fac, 1).name;
    x13["CHUCDANH_NGUOI_HT"] = "Điều dưỡng";
    x13["MA_BAC_SI"] = e.doc.cchn;
    x13["MA_TTDV"] = e.ma_ttdv;
    add(table_id::xml13, {x13});
  }

  if (e.ngay_hen_kl) {
    // XML14 — follow-up appointment (PL4750 Bảng 14 note). NGAY_HEN_KL ≥ NGAY_RA, NGAY_CT ≥
    // NGAY_VAO (CTN).
    values x14;
    x14["MA_LK"] = e.ma_lk;
    x14["SO_GIAYHEN_KL"] = "HKL" + e.ma_hsba;
    x14["MA_CSKCB"] = fac.ma_cskcb;
    add_identity(x14, e);
    x14["NGAY_HEN_KL"] = dt12(*e.ngay_hen_kl);
    x14["MA_DOITUONG_KCB"] = e.ma_doituong_kcb;
    x14["MA_BAC_SI"] = e.doc.cchn;
    x14["MA_TTDV"] = e.ma_ttdv;
    x14["NGAY_CT"] = d8(e.ngay_ra);
    add(table_id::xml14, {x14});
  }
  return out;
}

standard::table_data generator::impl::checkin_table(const detail::encounter& e) const {
  // XML0 — sent right after the first cost of the episode (QĐ 4750 Đ2; spec §6.1): for an
  // admission or outpatient treatment, the first cost at the treating department.
  const auto& c = *e.patient;
  values v;
  v["MA_LK"] = e.ma_lk;
  v["STT"] = "1";
  v["MA_BN"] = e.ma_bn;
  add_identity(v, e);
  v["MA_DKBD"] = c.card->ma_dkbd;
  v["GT_THE_TU"] = d8(c.card->valid_from);
  v["MA_DOITUONG_KCB"] = e.ma_doituong_kcb;
  v["MA_LOAI_KCB"] = e.ma_loai_kcb;
  v["MA_CSKCB"] = e.facility->ma_cskcb;
  const cost_line* first = &e.lines.front();
  if (e.ngay_vao_noi_tru) {
    v["LY_DO_VNT"] = std::string(e.dx->ly_do_vv);
    for (const auto& l : e.lines) {
      if (l.ngay_yl >= *e.ngay_vao_noi_tru) {
        first = &l;
        break;
      }
    }
  }
  // QĐ 130's XML0 has no MA_THUOC / MA_VAT_TU (added by 4750): its first cost is the first
  // service (MA_DICH_VU is required there when no drug/supply code can be given).
  const auto* xml0 = std_def->table(table_id::xml0);
  if (xml0 && !xml0->field("MA_THUOC") && (first->drug || first->v || !first->s)) {
    for (const auto& l : e.lines) {
      if (!l.drug && !l.v && l.s) {
        first = &l;
        break;
      }
    }
  }
  // Exactly one of MA_DICH_VU / MA_THUOC / MA_VAT_TU (CTN Check-in rows 19–24).
  if (first->drug) {
    v["MA_THUOC"] = std::string(first->d->ma_thuoc);
    v["TEN_THUOC"] = std::string(first->d->ten_thuoc);
  } else if (first->v) {
    v["MA_VAT_TU"] = std::string(first->v->ma_vat_tu);
    v["TEN_VAT_TU"] = std::string(first->v->ten_vat_tu);
  } else {
    v["MA_DICH_VU"] = std::string(first->s->ma_dich_vu);
    v["TEN_DICH_VU"] = std::string(first->s->ten_dich_vu);
  }
  v["NGAY_YL"] = dt12(first->ngay_yl);
  // The check-in describes the episode at its start: NGAY_RA and discharge data are unknown.
  v.erase("NGAY_RA");
  standard::table_data t;
  t.id = table_id::xml0;
  t.loaihoso = "XML0";
  t.rows.push_back(to_row(table_id::xml0, v));
  return t;
}

}  // namespace sim::synth
