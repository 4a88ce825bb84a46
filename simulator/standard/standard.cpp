#include "simulator/standard/standard.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "simulator/standard/detail/generated.hpp"

namespace sim::standard {
namespace {

struct table_meta {
  table_id id;
  std::string_view loaihoso;
  std::string_view root;
  std::string_view list_wrapper;
  std::string_view row_element;
};

// Spec §1.3 (CV1245 §3.5; QLBV Xml3176Service::generateContent) and §1.2 for XML0.
constexpr std::array<table_meta, table_count> k_meta{{
    {table_id::xml0, "XML0", "CHI_TIEU_TRANG_THAI_KCB", "DSACH_TRANG_THAI_KCB", "TRANG_THAI_KCB"},
    {table_id::xml1, "XML1", "TONG_HOP", "", ""},
    {table_id::xml2, "XML2", "CHITIEU_CHITIET_THUOC", "DSACH_CHI_TIET_THUOC", "CHI_TIET_THUOC"},
    {table_id::xml3, "XML3", "CHITIEU_CHITIET_DVKT_VTYT", "DSACH_CHI_TIET_DVKT", "CHI_TIET_DVKT"},
    {table_id::xml4, "XML4", "CHITIEU_CHITIET_DICHVUCANLAMSANG", "DSACH_CHI_TIET_CLS",
     "CHI_TIET_CLS"},
    {table_id::xml5, "XML5", "CHITIEU_CHITIET_DIENBIENLAMSANG", "DSACH_CHI_TIET_DIEN_BIEN_BENH",
     "CHI_TIET_DIEN_BIEN_BENH"},
    {table_id::xml6, "XML6", "CHI_TIEU_HO_SO_BENH_AN_CHAM_SOC_VA_DIEU_TRI_HIV_AIDS",
     "DSACH_HO_SO_BENH_AN_CHAM_SOC_VA_DIEU_TRI_HIV_AIDS",
     "HO_SO_BENH_AN_CHAM_SOC_VA_DIEU_TRI_HIV_AIDS"},
    {table_id::xml7, "XML7", "CHI_TIEU_DU_LIEU_GIAY_RA_VIEN", "", ""},
    {table_id::xml8, "XML8", "CHI_TIEU_DU_LIEU_TOM_TAT_HO_SO_BENH_AN", "", ""},
    {table_id::xml9, "XML9", "CHI_TIEU_DU_LIEU_GIAY_CHUNG_SINH", "DSACH_GIAYCHUNGSINH",
     "DU_LIEU_GIAY_CHUNG_SINH"},
    {table_id::xml10, "XML10", "CHI_TIEU_DU_LIEU_GIAY_NGHI_DUONG_THAI", "", ""},
    {table_id::xml11, "XML11", "CHI_TIEU_DU_LIEU_GIAY_CHUNG_NHAN_NGHI_VIEC_HUONG_BAO_HIEM_XA_HOI",
     "", ""},
    {table_id::xml12, "XML12", "CHI_TIEU_GIAM_DINH_YKHOA", "DSACH_GIAM_DINH_YKHOA",
     "GIAM_DINH_YKHOA"},
    {table_id::xml13, "XML13", "CHI_TIEU_GIAYCHUYENTUYEN", "", ""},
    {table_id::xml14, "XML14", "CHI_TIEU_GIAYHEN_KHAMLAI", "", ""},
    {table_id::xml15, "XML15", "CHI_TIEU_DIEUTRI_BENHLAO", "DSACH_CHITIET_DIEUTRI_BENHLAO",
     "CHITIET_DIEUTRI_BENHLAO"},
}};

const table_meta& meta(table_id id) { return k_meta[static_cast<std::size_t>(id)]; }

std::vector<table_def> assemble(std::vector<detail::generated_table> generated) {
  std::vector<table_def> tables;
  tables.reserve(generated.size());
  for (auto& g : generated) {
    const auto& m = meta(g.id);
    table_def t;
    t.id = g.id;
    t.loaihoso = m.loaihoso;
    t.title_vi = g.title_vi;
    t.root = m.root;
    t.list_wrapper = m.list_wrapper;
    t.row_element = m.row_element;
    t.fields = std::move(g.fields);
    tables.push_back(std::move(t));
  }
  return tables;
}

std::vector<table_id> envelope_tables(standard_id id) {
  // QĐ 130: CV3190 §3.4 lists XML1–XML11. QĐ 4750 (CV1245 §3.4) and 3176: XML1–XML11, XML13,
  // XML14, XML15. XML12 is defined but entered on the portal by the council (spec §1.3).
  std::vector<table_id> ids;
  for (int i = 1; i <= 11; ++i) ids.push_back(static_cast<table_id>(i));
  if (id != standard_id::qd130) {
    ids.push_back(table_id::xml13);
    ids.push_back(table_id::xml14);
    ids.push_back(table_id::xml15);
  }
  return ids;
}

standard_def build(standard_id id) {
  standard_def s;
  s.id = id;
  if (id == standard_id::qd130) {
    s.tables = assemble(detail::generated_qd130());
  } else {
    s.tables = assemble(detail::generated_qd4750());
    if (id == standard_id::qd3176) detail::apply_qd3176_deltas(s.tables);
  }
  s.envelope_tables = envelope_tables(id);
  return s;
}

}  // namespace

std::optional<standard_id> parse_standard(std::string_view text) {
  std::string norm;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u)) norm.push_back(static_cast<char>(std::tolower(u)));
  }
  // "QĐ 4750" → "q" + "4750" once the non-ASCII Đ and the space are dropped.
  if (norm.starts_with("qd")) {
    norm.erase(0, 2);
  } else if (norm.starts_with("q")) {
    norm.erase(0, 1);
  }
  if (norm == "130") return standard_id::qd130;
  if (norm == "4750") return standard_id::qd4750;
  if (norm == "3176") return standard_id::qd3176;
  return std::nullopt;
}

std::string_view to_string(standard_id id) {
  switch (id) {
    case standard_id::qd130: return "130";
    case standard_id::qd4750: return "4750";
    case standard_id::qd3176: return "3176";
  }
  return "4750";
}

std::string_view to_string(table_id id) { return meta(id).loaihoso; }

std::optional<table_id> parse_table(std::string_view loaihoso) {
  for (const auto& m : k_meta) {
    if (m.loaihoso == loaihoso) return m.id;
  }
  return std::nullopt;
}

const field_def* table_def::field(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const table_def* standard_def::table(table_id tid) const {
  for (const auto& t : tables) {
    if (t.id == tid) return &t;
  }
  return nullptr;
}

const table_def* standard_def::table(std::string_view loaihoso) const {
  auto tid = parse_table(loaihoso);
  return tid ? table(*tid) : nullptr;
}

bool standard_def::allowed_in_envelope(table_id tid) const {
  return std::find(envelope_tables.begin(), envelope_tables.end(), tid) != envelope_tables.end();
}

const standard_def& get_standard(standard_id id) {
  static const standard_def qd130 = build(standard_id::qd130);
  static const standard_def qd4750 = build(standard_id::qd4750);
  static const standard_def qd3176 = build(standard_id::qd3176);
  switch (id) {
    case standard_id::qd130: return qd130;
    case standard_id::qd4750: return qd4750;
    case standard_id::qd3176: return qd3176;
  }
  return qd4750;
}

}  // namespace sim::standard
