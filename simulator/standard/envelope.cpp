#include "simulator/standard/envelope.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <new>
#include <string>
#include <utility>

#include "simulator/core/base64.hpp"
#include "simulator/core/utf8.hpp"

namespace sim::standard {
namespace {

constexpr std::string_view k_envelope = "ENVELOPE";
constexpr std::string_view k_claim_root = "GIAMDINHHS";
constexpr std::string_view k_checkin_root = "CHI_TIEU_TRANG_THAI_KCB";
constexpr std::string_view k_declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
// Spec §1.1: CV1245 (QĐ 4750) puts these on GIAMDINHHS; CV3190 (QĐ 130) does not.
constexpr std::string_view k_ns_attrs =
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"";

core::finding make(std::string_view code, std::string_view table, std::string detail = {}) {
  core::finding f;
  f.code = std::string(code);
  f.table = std::string(table);
  f.detail = std::move(detail);
  return f;
}

std::string truncate_value(std::string_view v) {
  constexpr std::size_t max = 200;
  if (v.size() <= max) return std::string(v);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return std::string(v.substr(0, cut)) + "…";
}

bool starts_with_at(std::string_view s, std::size_t i, std::string_view p) {
  return s.size() - i >= p.size() && s.compare(i, p.size(), p) == 0;
}

std::size_t line_of(std::string_view s, std::size_t offset) {
  offset = std::min(offset, s.size());
  return 1 + static_cast<std::size_t>(std::count(s.begin(), s.begin() + offset, '\n'));
}

std::string where(std::string_view s, std::size_t offset) {
  return "line " + std::to_string(line_of(s, offset)) + ", byte offset " + std::to_string(offset);
}

// ---------------------------------------------------------------------------------------------
// Checks every document (the envelope and each decoded NOIDUNGFILE) passes before any parser
// sees it. All are single linear passes over the bytes, without recursion.

// The encoding named by the XML declaration must be UTF-8 (TT 48/2017: UTF-8; spec §1.3).
std::optional<core::finding> check_encoding(std::string_view doc, std::string_view table) {
  if (starts_with_at(doc, 0, "\xFF\xFE") || starts_with_at(doc, 0, "\xFE\xFF")) {
    return make("XML.ENCODING", table, "UTF-16 byte order mark; expected UTF-8");
  }
  std::size_t start = starts_with_at(doc, 0, "\xEF\xBB\xBF") ? 3 : 0;  // UTF-8 BOM is fine
  if (starts_with_at(doc, start, "<?xml")) {
    auto end = doc.find("?>", start);
    auto decl = doc.substr(start, end == std::string_view::npos ? doc.size() - start : end - start);
    auto pos = decl.find("encoding");
    if (pos != std::string_view::npos) {
      auto q = decl.find_first_of("\"'", pos);
      if (q != std::string_view::npos) {
        auto q2 = decl.find(decl[q], q + 1);
        if (q2 != std::string_view::npos) {
          std::string enc(decl.substr(q + 1, q2 - q - 1));
          std::string lower;
          for (char c : enc) lower.push_back(static_cast<char>(std::tolower(
              static_cast<unsigned char>(c))));
          if (lower != "utf-8" && lower != "utf8") {
            return make("XML.ENCODING", table, "declared encoding \"" + truncate_value(enc) +
                                                   "\"; expected UTF-8");
          }
        }
      }
    }
  }
  if (auto bad = core::first_invalid_utf8(doc)) {
    return make("XML.ENCODING", table, "byte " + std::to_string(*bad) + " (" +
                                           where(doc, *bad) + ") is not valid UTF-8");
  }
  return std::nullopt;
}

// DTD declarations anywhere outside comments and CDATA → XML.DTD_FORBIDDEN (never expanded,
// never fetched); element nesting deeper than `max_depth` → XML.MALFORMED.
std::optional<core::finding> scan_markup(std::string_view doc, std::string_view table,
                                         std::size_t max_depth) {
  static constexpr std::array<std::string_view, 5> dtd{"<!DOCTYPE", "<!ENTITY", "<!ELEMENT",
                                                      "<!ATTLIST", "<!NOTATION"};
  std::size_t depth = 0;
  std::size_t i = 0;
  const std::size_t n = doc.size();
  while (i < n) {
    const void* p = std::memchr(doc.data() + i, '<', n - i);
    if (p == nullptr) break;
    i = static_cast<std::size_t>(static_cast<const char*>(p) - doc.data());
    if (starts_with_at(doc, i, "<!--")) {
      auto e = doc.find("-->", i + 4);
      if (e == std::string_view::npos) break;  // unterminated: the parser reports it
      i = e + 3;
    } else if (starts_with_at(doc, i, "<![CDATA[")) {
      auto e = doc.find("]]>", i + 9);
      if (e == std::string_view::npos) break;
      i = e + 3;
    } else if (starts_with_at(doc, i, "<?")) {
      auto e = doc.find("?>", i + 2);
      if (e == std::string_view::npos) break;
      i = e + 2;
    } else if (starts_with_at(doc, i, "<!")) {
      for (auto d : dtd) {
        if (starts_with_at(doc, i, d)) {
          return make("XML.DTD_FORBIDDEN", table,
                      std::string(d.substr(2)) + " declaration at " + where(doc, i));
        }
      }
      i += 2;
    } else if (starts_with_at(doc, i, "</")) {
      if (depth > 0) --depth;
      i += 2;
    } else {
      // Start tag: find its end, skipping quoted attribute values (they may contain '>').
      std::size_t j = i + 1;
      char quote = 0;
      while (j < n) {
        char c = doc[j];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          break;
        }
        ++j;
      }
      if (j >= n) break;
      const bool self_closing = doc[j - 1] == '/';
      if (depth + 1 > max_depth) {
        return make("XML.MALFORMED", table,
                    "elements nested deeper than " + std::to_string(max_depth) + " at " +
                        where(doc, i));
      }
      if (!self_closing) ++depth;
      i = j + 1;
    }
  }
  return std::nullopt;
}

// Runs the pre-parse checks and pugixml. On failure appends one finding and returns false.
bool load(pugi::xml_document& xml, std::string_view doc, std::string_view table,
          const decode_limits& limits, core::findings& out) {
  if (auto f = check_encoding(doc, table)) {
    out.push_back(std::move(*f));
    return false;
  }
  if (auto f = scan_markup(doc, table, limits.max_depth)) {
    out.push_back(std::move(*f));
    return false;
  }
  // No parse_doctype, no custom entities: pugixml only knows the five predefined entities and
  // character references, and never fetches anything.
  const unsigned options = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol |
                           pugi::parse_ws_pcdata_single;
  auto r = xml.load_buffer(doc.data(), doc.size(), options, pugi::encoding_utf8);
  if (!r) {
    auto off = r.offset < 0 ? std::size_t{0} : static_cast<std::size_t>(r.offset);
    out.push_back(make("XML.MALFORMED", table, where(doc, off) + ": " + r.description()));
    return false;
  }
  if (!xml.document_element()) {
    out.push_back(make("XML.MALFORMED", table, "no root element"));
    return false;
  }
  return true;
}

// Text of an element: its PCDATA and CDATA children concatenated.
std::string text_of(pugi::xml_node n) {
  std::string s;
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) s += c.value();
  }
  return s;
}

pugi::xml_node only_child(pugi::xml_node parent, std::string_view name, std::string_view table,
                          core::findings& out, bool required = true) {
  pugi::xml_node found;
  int count = 0;
  for (auto c : parent.children()) {
    if (c.type() == pugi::node_element && name == c.name()) {
      if (count++ == 0) found = c;
    }
  }
  if (count == 0 && required) {
    out.push_back(make("ENV.STRUCTURE", table,
                       "missing <" + std::string(name) + "> in <" + parent.name() + ">"));
  } else if (count > 1) {
    out.push_back(make("ENV.STRUCTURE", table,
                       "<" + std::string(name) + "> appears " + std::to_string(count) +
                           " times in <" + parent.name() + ">"));
  }
  return found;
}

void unexpected_children(pugi::xml_node parent, std::initializer_list<std::string_view> allowed,
                         std::string_view table, core::findings& out) {
  for (auto c : parent.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = c.name();
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      out.push_back(make("ENV.STRUCTURE", table,
                         "unexpected <" + std::string(name) + "> in <" + parent.name() + ">"));
    }
  }
}

// One row element → row; unknown tags become FIELD.UNKNOWN (the portal validates against its
// schema, docs/standard.md).
// Field lookup that first tries the position after the previous match: rows normally come in
// STT order, so this avoids a linear search per tag on the hot path.
const field_def* find_field(const table_def& def, std::string_view name, std::size_t& hint) {
  if (hint < def.fields.size() && def.fields[hint].name == name) return &def.fields[hint++];
  const field_def* f = def.field(name);
  if (f != nullptr) hint = static_cast<std::size_t>(f - def.fields.data()) + 1;
  return f;
}

row read_row(pugi::xml_node node, const table_def& def, int row_number, core::findings& out) {
  row r;
  std::size_t hint = 0;
  std::vector<std::size_t> unknown;
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    field_value fv{c.name(), text_of(c)};
    if (c.find_child([](pugi::xml_node x) { return x.type() == pugi::node_element; })) {
      out.push_back(make("ENV.STRUCTURE", def.loaihoso,
                         "field <" + fv.name + "> contains elements"));
      out.back().row = row_number;
      out.back().field = fv.name;
    }
    if (find_field(def, fv.name, hint) == nullptr) unknown.push_back(r.fields.size());
    r.fields.push_back(std::move(fv));
  }
  const std::string* ma_lk = r.get("MA_LK");
  for (auto k : unknown) {
    auto f = make("FIELD.UNKNOWN", def.loaihoso);
    f.row = row_number;
    f.field = r.fields[k].name;
    f.value = truncate_value(r.fields[k].value);
    if (ma_lk) f.ma_lk = *ma_lk;
    out.push_back(std::move(f));
  }
  return r;
}

// Reads the rows of a parsed table document into `t`. Returns false on a structural problem
// that prevents reading rows.
bool read_table(const pugi::xml_document& xml, const table_def& def, table_data& t,
                const decode_limits& limits, core::findings& out) {
  auto root = xml.document_element();
  if (def.root != root.name()) {
    out.push_back(make("ENV.STRUCTURE", def.loaihoso,
                       "root <" + std::string(root.name()) + ">; expected <" +
                           std::string(def.root) + "> for " + std::string(def.loaihoso)));
    return false;
  }
  if (!def.multi_row()) {
    t.rows.push_back(read_row(root, def, 1, out));
    return true;
  }
  unexpected_children(root, {def.list_wrapper, "CHUKYDONVI"}, def.loaihoso, out);
  auto list = only_child(root, def.list_wrapper, def.loaihoso, out);
  if (!list) return false;
  int n = 0;
  for (auto c : list.children()) {
    if (c.type() != pugi::node_element) continue;
    if (def.row_element != c.name()) {
      out.push_back(make("ENV.STRUCTURE", def.loaihoso,
                         "unexpected <" + std::string(c.name()) + "> in <" +
                             std::string(def.list_wrapper) + ">; expected <" +
                             std::string(def.row_element) + ">"));
      continue;
    }
    if (static_cast<std::size_t>(n) >= limits.max_rows_per_table) {
      out.push_back(make("XML.TOO_LARGE", def.loaihoso,
                         "more than " + std::to_string(limits.max_rows_per_table) + " rows"));
      return false;
    }
    ++n;
    t.rows.push_back(read_row(c, def, n, out));
  }
  return true;
}

void decode_filehoso(pugi::xml_node file, const standard_def& standard,
                     const decode_limits& limits, hoso& h, core::findings& out) {
  unexpected_children(file, {"LOAIHOSO", "NOIDUNGFILE"}, k_envelope, out);
  auto loai = only_child(file, "LOAIHOSO", k_envelope, out);
  auto content = only_child(file, "NOIDUNGFILE", k_envelope, out);
  if (!loai || !content) return;
  std::string loaihoso = text_of(loai);
  auto id = parse_table(loaihoso);
  const table_def* def = id ? standard.table(*id) : nullptr;
  if (def == nullptr || !standard.allowed_in_envelope(*id)) {
    auto f = make("ENV.LOAIHOSO", k_envelope,
                  def == nullptr ? "unknown table"
                                 : "not allowed in the QĐ " + std::string(to_string(standard.id)) +
                                       " envelope");
    f.field = "LOAIHOSO";
    f.value = truncate_value(loaihoso);
    out.push_back(std::move(f));
    return;
  }
  if (h.table(*id) != nullptr) {
    auto f = make("ENV.LOAIHOSO", k_envelope, "twice in one HOSO");
    f.field = "LOAIHOSO";
    f.value = loaihoso;
    out.push_back(std::move(f));
    return;
  }
  table_data t;
  t.id = *id;
  t.loaihoso = loaihoso;
  if (auto err = core::base64_decode(text_of(content), t.xml, limits.max_inner_bytes)) {
    if (err->reason == "too large") {
      out.push_back(make("XML.TOO_LARGE", def->loaihoso,
                         "decoded NOIDUNGFILE exceeds " + std::to_string(limits.max_inner_bytes) +
                             " bytes"));
    } else {
      auto f = make("ENV.BASE64", def->loaihoso,
                    err->reason + " at character " + std::to_string(err->offset));
      f.field = "NOIDUNGFILE";
      out.push_back(std::move(f));
    }
    return;
  }
  pugi::xml_document xml;
  if (load(xml, t.xml, def->loaihoso, limits, out)) read_table(xml, *def, t, limits, out);
  h.tables.push_back(std::move(t));
}

void decode_claim(const pugi::xml_document& xml, const standard_def& standard,
                  const decode_limits& limits, decoded_file& d) {
  auto& out = d.findings;
  auto& c = d.claim;
  auto root = xml.document_element();
  unexpected_children(root, {"THONGTINDONVI", "THONGTINHOSO", "CHUKYDONVI"}, k_envelope, out);
  if (auto donvi = only_child(root, "THONGTINDONVI", k_envelope, out)) {
    if (auto ma = only_child(donvi, "MACSKCB", k_envelope, out)) c.macskcb = text_of(ma);
  }
  c.has_chukydonvi = static_cast<bool>(only_child(root, "CHUKYDONVI", k_envelope, out));
  auto info = only_child(root, "THONGTINHOSO", k_envelope, out);
  if (!info) return;
  unexpected_children(info, {"NGAYLAP", "SOLUONGHOSO", "DANHSACHHOSO"}, k_envelope, out);
  if (auto ngay = only_child(info, "NGAYLAP", k_envelope, out)) c.ngaylap = text_of(ngay);
  auto so = only_child(info, "SOLUONGHOSO", k_envelope, out, false);
  c.soluonghoso = so ? text_of(so) : std::string();
  auto list = only_child(info, "DANHSACHHOSO", k_envelope, out);
  if (!list) return;
  unexpected_children(list, {"HOSO"}, k_envelope, out);
  std::size_t count = 0;
  for (auto h : list.children("HOSO")) {
    ++count;
    if (count > limits.max_hoso) continue;  // counted, not decoded
    hoso decoded;
    core::findings hf;
    unexpected_children(h, {"FILEHOSO"}, k_envelope, hf);
    bool any = false;
    for (auto file : h.children("FILEHOSO")) {
      any = true;
      decode_filehoso(file, standard, limits, decoded, hf);
    }
    if (!any) hf.push_back(make("ENV.STRUCTURE", k_envelope, "missing <FILEHOSO> in <HOSO>"));
    // Findings about this HOSO carry its MA_LK (from XML1, else the first row that has one).
    std::string ma_lk;
    if (const auto* x1 = decoded.table(table_id::xml1); x1 && !x1->rows.empty()) {
      ma_lk = x1->rows.front().value_or_empty("MA_LK");
    }
    for (const auto& t : decoded.tables) {
      for (const auto& r : t.rows) {
        if (const auto* v = r.get("MA_LK"); v != nullptr && ma_lk.empty()) ma_lk = *v;
      }
    }
    for (auto& f : hf) {
      if (f.ma_lk.empty()) f.ma_lk = ma_lk;
      out.push_back(std::move(f));
    }
    c.hosos.push_back(std::move(decoded));
  }
  if (count == 0) out.push_back(make("ENV.STRUCTURE", k_envelope, "missing <HOSO>"));
  if (count > limits.max_hoso) {
    auto f = make("ENV.COUNT", k_envelope,
                  std::to_string(count) + " HOSO; at most " + std::to_string(limits.max_hoso));
    f.field = "SOLUONGHOSO";
    f.value = truncate_value(c.soluonghoso);
    out.push_back(std::move(f));
  }
  const std::string& s = c.soluonghoso;
  bool numeric = !s.empty() && s.size() <= 9 &&
                 std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (!numeric || std::stoul(s) != count) {
    auto f = make("ENV.COUNT", k_envelope,
                  numeric ? std::to_string(count) + " HOSO in DANHSACHHOSO"
                          : (so ? "SOLUONGHOSO is not a number" : "missing <SOLUONGHOSO>"));
    f.field = "SOLUONGHOSO";
    f.value = truncate_value(s);
    out.push_back(std::move(f));
  }
}

void decode_checkin(const pugi::xml_document& xml, std::string_view bytes,
                    const standard_def& standard, const decode_limits& limits,
                    decoded_file& d) {
  auto& out = d.findings;
  const table_def* def = standard.table(table_id::xml0);
  auto& t = d.checkin.xml0;
  t.id = table_id::xml0;
  t.loaihoso = "XML0";
  t.xml = std::string(bytes);
  auto root = xml.document_element();
  d.checkin.has_chukydonvi = static_cast<bool>(only_child(root, "CHUKYDONVI", "XML0", out));
  if (def != nullptr) read_table(xml, *def, t, limits, out);
}

std::string escape(std::string_view v) {
  std::string s;
  s.reserve(v.size());
  for (char c : v) {
    switch (c) {
      case '&': s += "&amp;"; break;
      case '<': s += "&lt;"; break;
      case '>': s += "&gt;"; break;
      case '\r': s += "&#13;"; break;  // survives end-of-line normalisation
      default: s.push_back(c);
    }
  }
  return s;
}

std::string cdata(std::string_view v) {
  std::string s = "<![CDATA[";
  std::size_t from = 0;
  for (auto p = v.find("]]>"); p != std::string_view::npos; p = v.find("]]>", from)) {
    s.append(v.substr(from, p + 2 - from));  // "…]]" then reopen before ">"
    s += "]]><![CDATA[";
    from = p + 2;
  }
  s.append(v.substr(from));
  s += "]]>";
  return s;
}

void write_row(std::string& out, const row& r, const table_def* def, std::string_view indent) {
  std::size_t hint = 0;
  for (const auto& f : r.fields) {
    const field_def* fd = def ? find_field(*def, f.name, hint) : nullptr;
    out += indent;
    out += '<';
    out += f.name;
    out += '>';
    // Free text in CDATA (spec §1.1, as vendors' HIS write it); a CR cannot live in CDATA.
    if (fd != nullptr && fd->format == value_format::text &&
        f.value.find('\r') == std::string::npos) {
      out += cdata(f.value);
    } else {
      out += escape(f.value);
    }
    out += "</";
    out += f.name;
    out += ">\n";
  }
}

void write_rows(std::string& out, const table_data& t, std::string_view root,
                std::string_view wrapper, std::string_view row_element, const table_def* def,
                bool with_signature) {
  out += '<';
  out += root;
  out += ">\n";
  if (wrapper.empty()) {
    if (!t.rows.empty()) write_row(out, t.rows.front(), def, "  ");
  } else {
    out += "  <" + std::string(wrapper) + ">\n";
    for (const auto& r : t.rows) {
      out += "    <" + std::string(row_element) + ">\n";
      write_row(out, r, def, "      ");
      out += "    </" + std::string(row_element) + ">\n";
    }
    out += "  </" + std::string(wrapper) + ">\n";
  }
  if (with_signature) out += "  <CHUKYDONVI></CHUKYDONVI>\n";
  out += "</";
  out += root;
  out += '>';
}

}  // namespace

const std::string* row::get(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f.value;
  }
  return nullptr;
}

std::string row::value_or_empty(std::string_view name) const {
  const auto* v = get(name);
  return v ? *v : std::string();
}

const table_data* hoso::table(table_id id) const {
  for (const auto& t : tables) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

decoded_file decode(std::string_view bytes, const standard_def& standard,
                    const decode_limits& limits) {
  decoded_file d;
  try {
    if (bytes.size() > limits.max_file_bytes) {
      d.findings.push_back(make("XML.TOO_LARGE", k_envelope,
                                std::to_string(bytes.size()) + " bytes; at most " +
                                    std::to_string(limits.max_file_bytes)));
      return d;
    }
    pugi::xml_document xml;
    if (!load(xml, bytes, k_envelope, limits, d.findings)) return d;
    std::string_view root = xml.document_element().name();
    if (root == k_claim_root) {
      d.kind = file_kind::claim;
      decode_claim(xml, standard, limits, d);
    } else if (root == k_checkin_root) {
      d.kind = file_kind::checkin;
      for (auto& f : d.findings) f.table = "XML0";
      decode_checkin(xml, bytes, standard, limits, d);
    } else {
      d.findings.push_back(make("ENV.STRUCTURE", k_envelope,
                                "root <" + truncate_value(root) + ">; expected <GIAMDINHHS> or "
                                "<CHI_TIEU_TRANG_THAI_KCB>"));
    }
  } catch (const std::bad_alloc&) {
    d.findings.push_back(make("XML.TOO_LARGE", k_envelope, "out of memory while decoding"));
  }
  return d;
}

std::string encode_table(const standard_def& standard, const table_data& table) {
  const table_def* def = standard.table(table.id);
  std::string out(k_declaration);
  if (def == nullptr) return out;
  write_rows(out, table, def->root, def->list_wrapper, def->row_element, def, false);
  return out;
}

std::string encode_claim(const standard_def& standard, const claim_envelope& claim) {
  std::string out(k_declaration);
  out += "<GIAMDINHHS";
  if (standard.id != standard_id::qd130) out += k_ns_attrs;
  out += ">\n";
  out += "  <THONGTINDONVI>\n    <MACSKCB>" + escape(claim.macskcb) + "</MACSKCB>\n";
  out += "  </THONGTINDONVI>\n  <THONGTINHOSO>\n";
  out += "    <NGAYLAP>" + escape(claim.ngaylap) + "</NGAYLAP>\n";
  out += "    <SOLUONGHOSO>" +
         escape(claim.soluonghoso.empty() ? std::to_string(claim.hosos.size())
                                          : claim.soluonghoso) +
         "</SOLUONGHOSO>\n";
  out += "    <DANHSACHHOSO>\n";
  for (const auto& h : claim.hosos) {
    out += "      <HOSO>\n";
    for (const auto& t : h.tables) {
      out += "        <FILEHOSO>\n          <LOAIHOSO>";
      out += escape(t.loaihoso.empty() ? std::string(to_string(t.id)) : t.loaihoso);
      out += "</LOAIHOSO>\n          <NOIDUNGFILE>";
      out += core::base64_encode(encode_table(standard, t));
      out += "</NOIDUNGFILE>\n        </FILEHOSO>\n";
    }
    out += "      </HOSO>\n";
  }
  out += "    </DANHSACHHOSO>\n  </THONGTINHOSO>\n  <CHUKYDONVI></CHUKYDONVI>\n</GIAMDINHHS>";
  return out;
}

std::string encode_checkin(const standard_def& standard, const checkin_file& checkin) {
  const table_def* def = standard.table(table_id::xml0);
  std::string out(k_declaration);
  write_rows(out, checkin.xml0, k_checkin_root, "DSACH_TRANG_THAI_KCB", "TRANG_THAI_KCB", def,
             true);
  return out;
}

}  // namespace sim::standard
