// Mutations: one valid encounter broken in exactly one way (docs/generate.md lists them).
//
// A mutation acts at one of four stages, so that it breaks only its own rule:
//   model     — money of the encounter (sums, row formulas), dependent totals kept consistent;
//   tables    — one field of one row, a table removed;
//   envelope  — the encoded GIAMDINHHS text, before the signer runs;
//   signature — the finished claim signed by the mutation itself (SIG.*, issue 8): with a failure
//               certificate of the test PKI, with another facility's certificate, or validly
//               and then edited the way tests/unit/signature/signature_test.cpp does;
//   transport — the final bytes, after signing (the file no longer parses as a claim).
#include <algorithm>
#include <array>
#include <optional>

#include "simulator/core/base64.hpp"
#include "simulator/synth/detail/impl.hpp"

namespace sim::synth {

using namespace detail;
using standard::table_id;

namespace {

enum class mut {
  xml_malformed,
  xml_dtd,
  xml_too_large,
  xml_encoding,
  env_structure,
  env_base64,
  env_loaihoso,
  env_count,
  field_required,
  field_too_long,
  field_type,
  field_format,
  field_code,
  field_unknown,
  link_ma_lk,
  link_missing_table,
  date_order,
  date_order_kq,
  date_future,
  sum_t_thuoc,
  sum_t_vtyt,
  sum_t_tongchi_bv,
  sum_t_tongchi_bh,
  sum_t_bntt,
  sum_t_bncct,
  sum_t_nguonkhac,
  sum_t_bhtt,
  sum_t_bhtt_gdv,
  row_thanh_tien_bv,
  row_thanh_tien_bh,
  row_t_nguonkhac,
  link_mismatch,
  link_unexpected_table,
  date_so_ngay_dtri,
  sig_missing,
  sig_malformed,
  sig_digest,
  sig_value,
  sig_algorithm,
  sig_reference_uri,
  sig_reference_second,
  sig_reference_xpath,
  sig_cert_expired,
  sig_cert_not_yet_valid,
  sig_cert_untrusted,
  sig_cert_revoked,
  sig_cert_unregistered,
  sig_cert_usage,
};

struct entry {
  mut id;
  mutation_info info;
};

// 1,000 đồng: large enough to be obvious, a whole number of cents at every MUC_HUONG.
constexpr std::int64_t delta_cents = 100000;

constexpr std::array entries{
    entry{mut::xml_malformed,
          {"XML.MALFORMED", "ENVELOPE", "",
           "claim envelope truncated: the closing </GIAMDINHHS> is missing"}},
    entry{mut::xml_dtd,
          {"XML.DTD_FORBIDDEN", "ENVELOPE", "",
           "a DOCTYPE with an internal ENTITY declaration after the XML "
           "declaration"}},
    entry{mut::xml_too_large,
          {"XML.TOO_LARGE", "ENVELOPE", "",
           "claim padded with trailing whitespace to one byte over the size "
           "limit (default 50 MiB; generate_options::too_large_limit)"}},
    entry{mut::xml_encoding,
          {"XML.ENCODING", "ENVELOPE", "",
           "check-in file: one letter of HO_TEN written as a single "
           "Windows-1258/Latin-1 byte (not UTF-8)"}},
    entry{mut::env_structure,
          {"ENV.STRUCTURE", "ENVELOPE", "",
           "THONGTINDONVI (with MACSKCB) removed from the envelope"}},
    entry{mut::env_base64,
          {"ENV.BASE64", "", "", "a '*' inserted into the base64 NOIDUNGFILE of the XML4 table"}},
    entry{mut::env_loaihoso,
          {"ENV.LOAIHOSO", "", "", "LOAIHOSO of the XML4 table changed to XML99"}},
    entry{mut::env_count,
          {"ENV.COUNT", "ENVELOPE", "", "SOLUONGHOSO says 2 while the envelope carries one HOSO"}},
    entry{mut::field_required, {"FIELD.REQUIRED", "XML1", "HO_TEN", "XML1 HO_TEN left empty"}},
    entry{mut::field_too_long,
          {"FIELD.TOO_LONG", "XML1", "MA_HSBA",
           "XML1 MA_HSBA one character longer than its maximum size"}},
    entry{mut::field_type, {"FIELD.TYPE", "XML1", "STT", "XML1 STT (Số) holds letters: \"1A\""}},
    entry{mut::field_format,
          {"FIELD.FORMAT", "XML1", "SO_CCCD",
           "XML1 SO_CCCD is 5 digits (must be 9 or 12 digits or a passport "
           "number)"}},
    entry{mut::field_code,
          {"FIELD.CODE", "XML1", "KET_QUA_DTRI",
           "XML1 KET_QUA_DTRI = 9, not in the code list (1–8)"}},
    entry{mut::field_unknown,
          {"FIELD.UNKNOWN", "XML1", "MA_BN_CU",
           "XML1 carries a tag the standard does not define: MA_BN_CU"}},
    entry{mut::link_ma_lk,
          {"LINK.MA_LK", "XML4", "MA_LK",
           "the first XML4 row carries a MA_LK different from XML1's"}},
    entry{mut::link_missing_table,
          {"LINK.MISSING_TABLE", "XML5", "",
           "XML5 (clinical course) removed from an outpatient-treatment "
           "or inpatient claim (MA_LOAI_KCB 02/03)"}},
    entry{mut::date_order,
          {"DATE.ORDER", "XML2", "NGAY_TH_YL",
           "first XML2 row: NGAY_TH_YL one minute before NGAY_YL"}},
    entry{mut::date_order_kq,
          {"DATE.ORDER", "XML3", "NGAY_KQ",
           "first XML3 row with a result: NGAY_KQ one minute before NGAY_YL"}},
    entry{mut::date_future,
          {"DATE.FUTURE", "XML1", "NGAY_RA", "XML1 NGAY_RA in 2027, after the submission time"}},
    entry{
        mut::sum_t_thuoc,
        {"SUM.T_THUOC", "XML1", "T_THUOC", "XML1 T_THUOC 1,000 đ more than Σ XML2 THANH_TIEN_BV"}},
    entry{mut::sum_t_vtyt,
          {"SUM.T_VTYT", "XML1", "T_VTYT",
           "XML1 T_VTYT 1,000 đ more than Σ THANH_TIEN_BV of XML3 supply rows"}},
    entry{mut::sum_t_tongchi_bv,
          {"SUM.T_TONGCHI_BV", "XML1", "T_TONGCHI_BV",
           "XML1 T_TONGCHI_BV 1,000 đ more than Σ THANH_TIEN_BV"}},
    entry{mut::sum_t_tongchi_bh,
          {"SUM.T_TONGCHI_BH", "XML1", "T_TONGCHI_BH",
           "XML1 T_TONGCHI_BH 1,000 đ more than Σ THANH_TIEN_BH (T_BHTT "
           "raised with it so T_BHTT = T_TONGCHI_BH − T_BNCCT holds)"}},
    entry{mut::sum_t_bntt,
          {"SUM.T_BNTT", "XML1", "T_BNTT", "XML1 T_BNTT 1,000 đ more than Σ row T_BNTT"}},
    entry{mut::sum_t_bncct,
          {"SUM.T_BNCCT", "XML1", "T_BNCCT",
           "XML1 T_BNCCT 1,000 đ more than Σ row T_BNCCT (T_BHTT lowered with "
           "it so T_BHTT = T_TONGCHI_BH − T_BNCCT holds)"}},
    entry{mut::sum_t_nguonkhac,
          {"SUM.T_NGUONKHAC", "XML1", "T_NGUONKHAC",
           "XML1 T_NGUONKHAC 1,000 đ while every row has 0"}},
    entry{mut::sum_t_bhtt,
          {"SUM.T_BHTT", "XML1", "T_BHTT", "XML1 T_BHTT 1,000 đ more than T_TONGCHI_BH − T_BNCCT"}},
    entry{mut::sum_t_bhtt_gdv,
          {"SUM.T_BHTT_GDV", "XML1", "T_BHTT_GDV",
           "XML1 T_BHTT_GDV 1,000 đ more than Σ T_BHTT of MA_PTTT 1 rows"}},
    entry{mut::row_thanh_tien_bv,
          {"SUM.THANH_TIEN_BV", "XML2", "THANH_TIEN_BV",
           "first XML2 row: THANH_TIEN_BV 1,000 đ more than SO_LUONG × "
           "DON_GIA (row T_BNTT and the XML1 totals follow it)"}},
    entry{mut::row_thanh_tien_bh,
          {"SUM.THANH_TIEN_BH", "XML2", "THANH_TIEN_BH",
           "first XML2 row: THANH_TIEN_BH 100 đ less than SO_LUONG × "
           "DON_GIA × TYLE_TT_BH / 100 (the row split and the XML1 "
           "totals follow it)"}},
    entry{mut::row_t_nguonkhac,
          {"SUM.T_NGUONKHAC_ROW", "XML2", "T_NGUONKHAC",
           "first XML2 row: T_NGUONKHAC_NSNN 1,000 đ while T_NGUONKHAC "
           "stays 0 (T_NGUONKHAC ≠ NSNN + VTNN + VTTN + CL)"}},
    entry{mut::link_mismatch,
          {"LINK.MISMATCH", "XML14", "CHAN_DOAN_RV",
           "XML14 CHAN_DOAN_RV differs from XML1 CHAN_DOAN_RV"}},
    entry{mut::link_unexpected_table,
          {"LINK.UNEXPECTED_TABLE", "XML13", "",
           "XML13 (referral) kept while XML1 MA_LOAI_RV = 1 (XML13's "
           "own MA_LOAI_RV left empty)"}},
    entry{mut::date_so_ngay_dtri,
          {"DATE.SO_NGAY_DTRI", "XML1", "SO_NGAY_DTRI",
           "XML1 SO_NGAY_DTRI one more than NGAY_RA − NGAY_VAO + 1 "
           "(MA_LOAI_KCB 02/03)"}},
    // SIG.*: claims; the finding names ENVELOPE / CHUKYDONVI (docs/signature.md).
    entry{mut::sig_missing,
          {"SIG.MISSING", "ENVELOPE", "CHUKYDONVI", "claim left unsigned (empty CHUKYDONVI)"}},
    entry{mut::sig_malformed,
          {"SIG.MALFORMED", "ENVELOPE", "CHUKYDONVI",
           "signed, then the X509Certificate of KeyInfo replaced by text that is not base64"}},
    entry{mut::sig_digest,
          {"SIG.DIGEST", "ENVELOPE", "CHUKYDONVI",
           "signed, then re-indented (a line break added after <THONGTINHOSO>): the content "
           "changed after signing"}},
    entry{mut::sig_value,
          {"SIG.VALUE", "ENVELOPE", "CHUKYDONVI",
           "signed, then one base64 character in the middle of SignatureValue changed"}},
    entry{mut::sig_algorithm,
          {"SIG.ALGORITHM", "ENVELOPE", "CHUKYDONVI",
           "signed with the facility's registered 1024-bit RSA certificate (rsa1024)"}},
    entry{mut::sig_reference_uri,
          {"SIG.REFERENCE", "ENVELOPE", "CHUKYDONVI",
           "wrapping: signed, then Reference URI=\"\" changed to URI=\"#THONGTINHOSO\" (a "
           "reference that does not cover the whole document)"}},
    entry{mut::sig_reference_second,
          {"SIG.REFERENCE", "ENVELOPE", "CHUKYDONVI",
           "wrapping: the signed claim signed a second time (two ds:Signature in CHUKYDONVI)"}},
    entry{mut::sig_reference_xpath,
          {"SIG.REFERENCE", "ENVELOPE", "CHUKYDONVI",
           "wrapping: an XPath transform excluding THONGTINHOSO added after the enveloped "
           "transform (the signature would cover only part of the claim)"}},
    entry{mut::sig_cert_expired,
          {"SIG.CERT_EXPIRED", "ENVELOPE", "CHUKYDONVI",
           "signed with the facility's registered certificate that expired on 2022-12-31"}},
    entry{mut::sig_cert_not_yet_valid,
          {"SIG.CERT_NOT_YET_VALID", "ENVELOPE", "CHUKYDONVI",
           "signed with the facility's registered certificate valid from 2040-01-01"}},
    entry{mut::sig_cert_untrusted,
          {"SIG.CERT_UNTRUSTED", "ENVELOPE", "CHUKYDONVI",
           "signed with the facility's registered certificate issued by an untrusted CA"}},
    entry{mut::sig_cert_revoked,
          {"SIG.CERT_REVOKED", "ENVELOPE", "CHUKYDONVI",
           "signed with the facility's registered certificate listed in the issuing CA's CRL"}},
    entry{mut::sig_cert_unregistered,
          {"SIG.CERT_UNREGISTERED", "ENVELOPE", "CHUKYDONVI",
           "signed with another facility's valid certificate (trusted, not registered for "
           "this MA_CSKCB)"}},
    entry{mut::sig_cert_usage,
          {"SIG.CERT_USAGE", "ENVELOPE", "CHUKYDONVI",
           "signed with the facility's registered certificate without the digitalSignature "
           "key usage"}},
};

constexpr std::array<mutation_info, entries.size()> make_infos() {
  std::array<mutation_info, entries.size()> out{};
  for (std::size_t i = 0; i < entries.size(); ++i) out[i] = entries[i].info;
  return out;
}
constexpr auto infos = make_infos();

// An encounter with no XML13/XML14, whose XML1 fields are not duplicated anywhere else.
bool plain(const detail::encounter& e) { return e.ma_loai_rv == "1" && !e.ngay_hen_kl; }

const cost_line* first_drug(const detail::encounter& e) {
  for (const auto& l : e.lines)
    if (l.drug) return &l;
  return nullptr;
}

bool suits(mut id, const detail::encounter& e) {
  const auto* d = first_drug(e);
  switch (id) {
    case mut::xml_encoding:
      return e.kind != encounter_kind::emergency;
    case mut::env_base64:
    case mut::env_loaihoso:
    case mut::link_ma_lk:
      return !e.labs.empty();
    case mut::field_required:
    case mut::field_format:
      return plain(e);
    case mut::date_future:
      return plain(e) && e.kind == encounter_kind::outpatient_exam;
    case mut::link_missing_table:
      return !e.course.empty();
    case mut::date_order:
      return d != nullptr;
    case mut::date_order_kq:
      return std::any_of(e.lines.begin(), e.lines.end(),
                         [](const cost_line& l) { return l.ngay_kq.has_value(); });
    case mut::sum_t_bncct:
      return e.t.t_bhtt >= delta_cents;
    case mut::row_thanh_tien_bv:
    case mut::row_t_nguonkhac:
      return d != nullptr;
    case mut::row_thanh_tien_bh:
      return d && d->thanh_tien_bh >= 10000;
    case mut::link_mismatch:
      return e.ngay_hen_kl.has_value();
    case mut::link_unexpected_table:
      return e.ma_loai_rv == "2" && !e.ngay_hen_kl;
    case mut::date_so_ngay_dtri:
      return e.so_ngay_dtri > 0;
    default:
      return true;
  }
}

cost_line* first_drug_mut(detail::encounter& e) {
  for (auto& l : e.lines)
    if (l.drug) return &l;
  return nullptr;
}

void apply_model(mut id, detail::encounter& e) {
  auto& t = e.t;
  cost_line* l = first_drug_mut(e);
  // Row mutations need a drug row; suits() guarantees one unless the search gave up.
  if (l == nullptr &&
      (id == mut::row_thanh_tien_bv || id == mut::row_thanh_tien_bh || id == mut::row_t_nguonkhac))
    return;
  bool recompute = true;
  switch (id) {
    case mut::sum_t_thuoc:
      t.t_thuoc += delta_cents;
      recompute = false;
      break;
    case mut::sum_t_vtyt:
      t.t_vtyt += delta_cents;
      recompute = false;
      break;
    case mut::sum_t_tongchi_bv:
      t.t_tongchi_bv += delta_cents;
      recompute = false;
      break;
    case mut::sum_t_tongchi_bh:
      t.t_tongchi_bh += delta_cents;
      t.t_bhtt += delta_cents;
      recompute = false;
      break;
    case mut::sum_t_bntt:
      t.t_bntt += delta_cents;
      recompute = false;
      break;
    case mut::sum_t_bncct:
      t.t_bncct += delta_cents;
      t.t_bhtt -= delta_cents;
      recompute = false;
      break;
    case mut::sum_t_nguonkhac:
      t.t_nguonkhac += delta_cents;
      recompute = false;
      break;
    case mut::sum_t_bhtt:
      t.t_bhtt += delta_cents;
      recompute = false;
      break;
    case mut::sum_t_bhtt_gdv:
      t.t_bhtt_gdv += delta_cents;
      recompute = false;
      break;
    case mut::row_thanh_tien_bv:
      l->thanh_tien_bv += delta_cents;
      l->t_bntt += delta_cents;
      break;
    case mut::row_thanh_tien_bh:
      l->thanh_tien_bh -= 10000;
      l->t_bntt += 10000;
      l->t_bhtt = l->thanh_tien_bh * l->muc_huong / 100;
      l->t_bncct = l->thanh_tien_bh - l->t_bhtt;
      break;
    case mut::row_t_nguonkhac:
      l->nk_nsnn += delta_cents;
      break;
    default:
      return;
  }
  if (recompute) e.t = sum_lines(e.lines);
}

standard::table_data* find_table(std::vector<standard::table_data>& ts, table_id id) {
  for (auto& t : ts)
    if (t.id == id) return &t;
  return nullptr;
}

void set_field(std::vector<standard::table_data>& ts, table_id id, std::string_view name,
               std::string value) {
  auto* t = find_table(ts, id);
  if (!t || t->rows.empty()) return;
  for (auto& f : t->rows.front().fields)
    if (f.name == name) f.value = std::move(value);
}

const std::string* get_field(std::vector<standard::table_data>& ts, table_id id,
                             std::string_view name) {
  auto* t = find_table(ts, id);
  if (!t || t->rows.empty()) return nullptr;
  return t->rows.front().get(name);
}

void apply_tables(mut id, std::vector<standard::table_data>& ts, const detail::encounter& e,
                  const standard::standard_def& std_def) {
  switch (id) {
    case mut::field_required:
      set_field(ts, table_id::xml1, "HO_TEN", "");
      break;
    case mut::field_too_long: {
      const auto* def = std_def.table(table_id::xml1)->field("MA_HSBA");
      const int max = def && def->max_length > 0 ? def->max_length : 100;
      std::string v = e.ma_hsba;
      while (static_cast<int>(v.size()) <= max) v += std::to_string(v.size() % 10);
      set_field(ts, table_id::xml1, "MA_HSBA", v);
      break;
    }
    case mut::field_type:
      set_field(ts, table_id::xml1, "STT", "1A");
      break;
    case mut::field_format:
      set_field(ts, table_id::xml1, "SO_CCCD", "12345");
      break;
    case mut::field_code:
      set_field(ts, table_id::xml1, "KET_QUA_DTRI", "9");
      break;
    case mut::field_unknown: {
      auto* t = find_table(ts, table_id::xml1);
      if (t == nullptr || t->rows.empty()) break;
      auto& fields = t->rows.front().fields;
      // Right after MA_BN, as a HIS that kept an old column would write it.
      auto it = std::find_if(fields.begin(), fields.end(),
                             [](const auto& f) { return f.name == "MA_BN"; });
      fields.insert(it == fields.end() ? fields.end() : it + 1,
                    standard::field_value{"MA_BN_CU", e.ma_bn});
      break;
    }
    case mut::link_ma_lk: {
      auto* t = find_table(ts, table_id::xml4);
      if (t == nullptr || t->rows.empty()) break;
      std::string other = e.ma_lk;
      other.back() = other.back() == '0' ? '1' : '0';
      for (auto& f : t->rows.front().fields)
        if (f.name == "MA_LK") f.value = other;
      break;
    }
    case mut::link_missing_table:
      std::erase_if(ts, [](const auto& t) { return t.id == table_id::xml5; });
      break;
    case mut::date_order: {
      const auto* yl = get_field(ts, table_id::xml2, "NGAY_YL");
      const auto t = yl ? core::parse_yyyymmddhhmm(*yl) : std::nullopt;
      if (!t) break;
      set_field(ts, table_id::xml2, "NGAY_TH_YL", dt12(plus_minutes(*t, -1)));
      break;
    }
    case mut::date_order_kq: {
      auto* t = find_table(ts, table_id::xml3);
      if (t == nullptr || t->rows.empty()) break;
      for (auto& r : t->rows) {
        const std::string* kq = r.get("NGAY_KQ");
        if (kq == nullptr || kq->empty()) continue;
        const auto yl = core::parse_yyyymmddhhmm(r.value_or_empty("NGAY_YL"));
        if (!yl) break;
        for (auto& f : r.fields)
          if (f.name == "NGAY_KQ") f.value = dt12(plus_minutes(*yl, -1));
        break;
      }
      break;
    }
    case mut::date_future:
      set_field(ts, table_id::xml1, "NGAY_RA", "202701151000");
      break;
    case mut::link_mismatch:
      set_field(ts, table_id::xml14, "CHAN_DOAN_RV", "Chẩn đoán khác với bảng XML1");
      break;
    case mut::link_unexpected_table:
      set_field(ts, table_id::xml1, "MA_LOAI_RV", "1");
      set_field(ts, table_id::xml13, "MA_LOAI_RV", "");
      break;
    case mut::date_so_ngay_dtri:
      set_field(ts, table_id::xml1, "SO_NGAY_DTRI", std::to_string(e.so_ngay_dtri + 1));
      break;
    default:
      break;
  }
}

void replace_once(std::string& s, std::string_view from, std::string_view to) {
  const auto p = s.find(from);
  if (p != std::string::npos) s.replace(p, from.size(), to);
}

void apply_envelope(mut id, std::string& bytes) {
  switch (id) {
    case mut::env_structure: {
      const auto a = bytes.find("<THONGTINDONVI>");
      const std::string_view close = "</THONGTINDONVI>";
      const auto b = bytes.find(close);
      if (a != std::string::npos && b != std::string::npos) {
        auto end = b + close.size();
        while (end < bytes.size() && (bytes[end] == '\n' || bytes[end] == ' ' ||
                                      bytes[end] == '\r' || bytes[end] == '\t'))
          ++end;
        bytes.erase(a, end - a);
      }
      break;
    }
    case mut::env_base64: {
      const auto p = bytes.find("<LOAIHOSO>XML4</LOAIHOSO>");
      const auto q = bytes.find("<NOIDUNGFILE>", p);
      if (p != std::string::npos && q != std::string::npos)
        bytes.insert(q + std::string_view("<NOIDUNGFILE>").size() + 12, "*");
      break;
    }
    case mut::env_loaihoso:
      replace_once(bytes, "<LOAIHOSO>XML4</LOAIHOSO>", "<LOAIHOSO>XML99</LOAIHOSO>");
      break;
    case mut::env_count:
      replace_once(bytes, "<SOLUONGHOSO>1</SOLUONGHOSO>", "<SOLUONGHOSO>2</SOLUONGHOSO>");
      break;
    default:
      break;
  }
}

void apply_transport(mut id, std::string& bytes, std::size_t too_large_limit) {
  switch (id) {
    case mut::xml_malformed: {
      const auto p = bytes.rfind("</GIAMDINHHS>");
      if (p != std::string::npos) bytes.erase(p);
      break;
    }
    case mut::xml_dtd: {
      const auto p = bytes.find("?>");
      const std::string_view dtd = "\n<!DOCTYPE GIAMDINHHS [<!ENTITY ten \"Nguyễn Văn A\">]>";
      bytes.insert(p == std::string::npos ? 0 : p + 2, dtd);
      break;
    }
    case mut::xml_too_large:
      if (bytes.size() <= too_large_limit) bytes.append(too_large_limit + 1 - bytes.size(), ' ');
      break;
    case mut::xml_encoding: {
      // The first non-ASCII letter of HO_TEN (a UTF-8 sequence) becomes the single byte 0xEA
      // ('ê' in Windows-1258 and Latin-1), which is not valid UTF-8 here.
      const auto a = bytes.find("<HO_TEN>");
      const auto b = bytes.find("</HO_TEN>", a);
      if (a == std::string::npos || b == std::string::npos) break;
      std::size_t i = a;
      while (i < b && static_cast<unsigned char>(bytes[i]) < 0x80) ++i;
      if (i == b) {
        bytes.insert(b, "\xEA");
        break;
      }
      std::size_t j = i + 1;
      while (j < b && (static_cast<unsigned char>(bytes[j]) & 0xC0) == 0x80) ++j;
      bytes.replace(i, j - i, "\xEA");
      break;
    }
    default:
      break;
  }
}

bool is_signature(mut id) { return id >= mut::sig_missing; }

// The certificate kind (sim::signature::facility_cert_kinds) a SIG.* mutation signs with.
std::string_view cert_kind(mut id) {
  switch (id) {
    case mut::sig_algorithm:
      return "rsa1024";
    case mut::sig_cert_expired:
      return "expired";
    case mut::sig_cert_not_yet_valid:
      return "not-yet-valid";
    case mut::sig_cert_untrusted:
      return "untrusted-ca";
    case mut::sig_cert_revoked:
      return "revoked";
    case mut::sig_cert_usage:
      return "wrong-usage";
    default:
      return "valid";
  }
}

// Signs the finished, unsigned claim and breaks its signature the way `id` says.
void apply_signature(mut id, generated_file& f, const generate_options& opt,
                     const std::vector<const world::facility*>& facilities) {
  if (id == mut::sig_missing || !opt.signer_of_kind) return;
  std::string signer_code = f.ma_cskcb;
  if (id == mut::sig_cert_unregistered) {
    for (const auto* other : facilities) {
      if (other->ma_cskcb != f.ma_cskcb) {
        signer_code = other->ma_cskcb;
        break;
      }
    }
  }
  std::string& b = f.bytes;
  b = opt.signer_of_kind(cert_kind(id))(b, signer_code);
  switch (id) {
    case mut::sig_malformed: {
      const std::string_view open = "<X509Certificate>";
      const auto a = b.find(open);
      const auto z = b.find("</X509Certificate>", a);
      if (a != std::string::npos && z != std::string::npos)
        b.replace(a + open.size(), z - a - open.size(), "!!!không phải base64***");
      break;
    }
    case mut::sig_digest:
      replace_once(b, "<THONGTINHOSO>", "<THONGTINHOSO>\n");
      break;
    case mut::sig_value: {
      const std::string_view open = "<SignatureValue>";
      const auto a = b.find(open);
      const auto z = b.find("</SignatureValue>", a);
      if (a == std::string::npos || z == std::string::npos) break;
      std::size_t i = a + open.size() + (z - a - open.size()) / 2;
      while (i < z && (b[i] == '\n' || b[i] == '\r' || b[i] == '=')) ++i;
      if (i < z) b[i] = b[i] == 'A' ? 'B' : 'A';
      break;
    }
    case mut::sig_reference_uri:
      replace_once(b, "<Reference URI=\"\"", "<Reference URI=\"#THONGTINHOSO\"");
      break;
    case mut::sig_reference_second:
      b = opt.signer_of_kind("valid")(b, f.ma_cskcb);
      break;
    case mut::sig_reference_xpath: {
      const std::string env =
          "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>";
      replace_once(b, env,
                   env +
                       "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
                       "<XPath>not(ancestor-or-self::THONGTINHOSO)</XPath></Transform>");
      break;
    }
    default:
      break;
  }
}

bool is_transport(mut id) {
  return id == mut::xml_malformed || id == mut::xml_dtd || id == mut::xml_too_large ||
         id == mut::xml_encoding;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (u < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace

std::span<const mutation_info> mutations() { return infos; }

std::vector<const mutation_info*> find_mutations(std::string_view code) {
  std::vector<const mutation_info*> out;
  for (const auto& m : infos)
    if (code == "all" || m.code == code) out.push_back(&m);
  return out;
}

bool needs_signer(const mutation_info& m) {
  return m.code.starts_with("SIG.") && m.code != "SIG.MISSING";
}

bool applicable(const mutation_info& m, standard::standard_id id) {
  const auto& def = standard::get_standard(id);
  const auto t = standard::parse_table(m.table);
  if (!t || *t == table_id::xml0) return true;  // ENVELOPE, "" or the check-in file
  const auto* table = def.table(*t);
  if (table == nullptr || !def.allowed_in_envelope(*t)) return false;
  if (m.code == "FIELD.UNKNOWN" || m.field.empty()) return true;
  return table->field(m.field) != nullptr;
}

std::optional<generated_file> generator::mutation(std::size_t index, std::string_view code) const {
  auto found = find_mutations(code);
  if (found.empty() || code == "all") return std::nullopt;
  return mutation(index, *found.front());
}

generated_file generator::mutation(std::size_t index, const mutation_info& m) const {
  std::size_t ordinal = 0;
  for (; ordinal < infos.size(); ++ordinal) {
    const auto& x = infos[ordinal];
    if (&x == &m || (x.code == m.code && x.table == m.table && x.field == m.field)) break;
  }
  if (ordinal == infos.size()) ordinal = 0;
  const mut id = entries[ordinal].id;

  // Candidates index·64, index·64+1, …: mutation runs of different indices use different
  // encounters. Nearly every encounter suits some mutation; the search is short.
  detail::encounter e;
  for (std::size_t attempt = 0;; ++attempt) {
    e = impl_->build(index * 64 + attempt);
    if (suits(id, e) || attempt > 100000) break;
  }
  apply_model(id, e);

  generated_file f;
  if (id == mut::xml_encoding) {
    standard::checkin_file ck;
    ck.xml0 = impl_->checkin_table(e);
    f = impl_->finish(e, true, standard::encode_checkin(*impl_->std_def, ck));
  } else {
    auto tables = impl_->claim_tables(e);
    apply_tables(id, tables, e, *impl_->std_def);
    std::string bytes = impl_->encode(e, tables);
    apply_envelope(id, bytes);
    f = impl_->finish(e, false, std::move(bytes), !is_signature(id));
    if (is_signature(id)) apply_signature(id, f, impl_->opt, impl_->facilities);
  }
  if (is_transport(id)) apply_transport(id, f.bytes, impl_->opt.too_large_limit);

  const auto slash = f.relative_path.find('/');
  std::string num = std::to_string(ordinal + 1);
  if (num.size() < 2) num.insert(0, "0");
  f.relative_path =
      "mutations/" + num + "-" + std::string(m.code) + "/" + f.relative_path.substr(slash + 1);
  f.expected_code = std::string(m.code);
  f.expected_table = std::string(m.table);
  f.expected_field = std::string(m.field);
  return f;
}

std::string manifest_json(const std::vector<generated_file>& files) {
  std::string out = "{\"files\":[";
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& f = files[i];
    out += i == 0 ? "\n  " : ",\n  ";
    out += "{\"file\":" + json_string(f.relative_path);
    if (f.expected_code.empty()) {
      out += ",\"code\":null";
    } else {
      out += ",\"code\":" + json_string(f.expected_code);
      if (!f.expected_table.empty()) out += ",\"table\":" + json_string(f.expected_table);
      if (!f.expected_field.empty()) out += ",\"field\":" + json_string(f.expected_field);
    }
    out += "}";
  }
  out += files.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace sim::synth
