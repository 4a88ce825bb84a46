#!/usr/bin/python3
"""Generate simulator/standard/generated/tables_generated.cpp from the official sources.

    /usr/bin/python3 scripts/gen_standard.py [--sources DIR] [--out FILE]

Inputs (spec "Key sources"):
  qd4750-appendix-tables.xlsx   PL4750: the official appendix of QĐ 4750/QĐ-BYT. One sheet per
                                table; columns STT, Chỉ tiêu, Kiểu dữ liệu theo QĐ130, Kích thước
                                tối đa theo QĐ130, Diễn giải theo QĐ 130, Đính chính hoặc sửa đổi,
                                bổ sung. Bảng 13–15 (new in 4750) have plain type/size columns.
  portal-check-rules-4750.xlsx  CTN: the portal's check sheet (Bắt buộc, VALID, its own sizes).

Output: two field lists per table, QĐ 130 (types and sizes before the 4750 corrections, without
the fields 4750 added, without Bảng 13–15) and QĐ 4750 (after the corrections). Names, order,
types, sizes and descriptions come from PL4750; requirement from CTN; format, code list and
separator from the hand-written maps below (each entry cites the spec section it follows).

Requires Debian's python3-openpyxl. The output is deterministic: the same sources give the same
bytes (a unit test regenerates it and compares with the committed file).
"""

import argparse
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCES = os.path.join(os.path.dirname(REPO), "shared", "spec", "sources")
DEFAULT_OUT = os.path.join(REPO, "simulator", "standard", "generated", "tables_generated.cpp")

APPENDIX = "qd4750-appendix-tables.xlsx"
CTN = "portal-check-rules-4750.xlsx"

# (table id, appendix sheet, CTN sheet). Sheet names exactly as in the workbooks (some carry
# stray spaces). XML0 = the check-in table.
TABLES = [
    ("xml0", "Bang Check-in", "Bang Check-in"),
    ("xml1", "Bang 1_Tong hop", "Bang 1_Tong hop"),
    ("xml2", "Bang 2_Thuoc ", "Bang 2_Thuoc "),
    ("xml3", "Bang 3_DVKT, VTYT", "Bang 3_DVKT, VTYT"),
    ("xml4", "Bang 4_Dich vu CLS", "Bang 4_Dich vu CLS"),
    ("xml5", "Bang 5_Dien bien lam sang", "Bang 5_Dien bien lam sang"),
    ("xml6", "Bang 6_HIV.AIDS", "Bang 6_HIV.AIDS"),
    ("xml7", " Bang 7_Giay ra vien", " Bang 7_Giay ra vien"),
    ("xml8", "Bang 8_Tom tat HSBA", "Bang 8 _Tom tat HSBA"),
    ("xml9", "Bang 9_Giay chung sinh", "Bang 9_Giay chung sinh"),
    ("xml10", "Bang 10_Giay nghi duong thai", "Bang 10_Giay nghi duong thai"),
    ("xml11", "Bang 11_Giay nghi huong BHXH", "Bang 11_Giay nghi huong BHXH"),
    ("xml12", "Bang 12_GDYK", "bang 12_ du lieu giam dinh y kh"),
    ("xml13", "Bang 13_Giay chuyen tuyen BHYT", "Bang 13_Giay chuyen tuyen BHYT"),
    ("xml14", "Bang 14_Giay hen kham lai", "Bang 14_Giay hen kham lai"),
    ("xml15", "Bang 15_Lao", "Bang 15_Lao"),
]
NEW_IN_4750 = {"xml13", "xml14", "xml15"}  # spec §0, §2.2: Bảng 13–15 added by QĐ 4750

# ---------------------------------------------------------------------------------------------
# Hand-written format map (spec §4 identifier formats, §5 code lists, §1.3 multi-valued fields).
# Default: "Số" → integer, "Chuỗi" → identifier (a code or number chosen by the facility or from
# a catalogue the sources do not contain: checked for size only, written without CDATA).

# §1.3 / §4: money and quantities use '.' as decimal separator (DON_GIA, SO_LUONG 3 decimals;
# THANH_TIEN_*, T_* 2 decimals); CAN_NANG is kg with 2 decimals (PL4750 Bảng 1 r59).
DECIMAL = {
    "DON_GIA", "DON_GIA_BH", "DON_GIA_BV", "SO_LUONG", "THANH_TIEN_BH", "THANH_TIEN_BV",
    "T_BHTT", "T_BHTT_GDV", "T_BNCCT", "T_BNTT", "T_NGUONKHAC", "T_NGUONKHAC_CL",
    "T_NGUONKHAC_NSNN", "T_NGUONKHAC_VTNN", "T_NGUONKHAC_VTTN", "T_THUOC", "T_TONGCHI_BH",
    "T_TONGCHI_BV", "T_TRANTT", "T_VTYT", "CAN_NANG", "CAN_NANG_CON",
}

# §4 Date: yyyyMMdd (8 characters).
DATE8 = {
    "BDDT_ARV", "DEN_NGAY", "GT_THE_DEN", "GT_THE_TU", "NAM_NAM_LIEN_TUC", "NGAYBD_DTRI_LAO",
    "NGAYCAP_CCCD_NND", "NGAYKD_HIV", "NGAYKT_DTRI_LAO", "NGAYSINH_NND", "NGAY_BAT_DAU_DT_CTX",
    "NGAY_BAT_DAU_XU_TRI", "NGAY_CAP_CCCD", "NGAY_CHUNG_TU", "NGAY_CHUYEN_PHAC_DO",
    "NGAY_CONCHET", "NGAY_CT", "NGAY_DE_NGHI", "NGAY_HOP", "NGAY_KET_THUC_XU_TRI",
    "NGAY_KQ_XN_PCR", "NGAY_KQ_XN_TLVR", "NGAY_NHAN_TT_MANG_THAI", "NGAY_SINHCON",
    "NGAY_TAI_KHAM", "NGAY_XN_PCR", "NGAY_XN_TLVR", "NGOAITRU_DENNGAY", "NGOAITRU_TUNGAY",
    "TU_NGAY",
}
# §4 Date-time: yyyyMMddHHmm (12 characters, 24 h).
DATETIME12 = {
    "NGAY_HEN_KL", "NGAY_KQ", "NGAY_RA", "NGAY_SINH_CON", "NGAY_TH_YL", "NGAY_TTOAN",
    "NGAY_VAO", "NGAY_VAO_NOI_TRU", "NGAY_YL", "THOIGIAN_DINHCHI", "THOI_DIEM_DBLS",
}
# §4 NGAY_SINH specifics (12 chars, 00 allowed for unknown parts); NGAY_MIEN_CCT 8 or 12.
SPECIAL = {
    "NGAY_SINH": "birth12",          # §4 NGAY_SINH specifics (XML12's 8-char one: see below)
    "NGAY_MIEN_CCT": "date8_or_12",  # §4 NGAY_MIEN_CCT
    "MA_THE_BHYT": "ma_the_bhyt",    # §4 MA_THE_BHYT
    "MA_THE_TAM": "ma_the_bhyt",     # §4 temporary card (TE1 + province + 10 digits)
    "MA_THE_NND": "ma_the_bhyt",     # §4 MA_THE_BHYT
    "SO_CCCD": "so_cccd",            # §4 SO_CCCD field (CTN: 9/12 digits or passport)
    "SO_CCCD_NND": "so_cccd",        # §4 SO_CCCD field
    "MA_CSKCB": "ma_cskcb",          # §4 MA_CSKCB (5 chars)
    "MA_DKBD": "ma_cskcb",           # §4 MA_CSKCB / MA_DKBD
    "MA_NOI_DI": "ma_cskcb",         # §4 MA_NOI_DI
    "MA_NOI_DEN": "ma_cskcb",        # §4 MA_NOI_DEN
    "NOI_LAY_MAU_XN": "ma_cskcb",    # PL4750 Bảng 6: "mã cơ sở KBCB … do cơ quan có thẩm quyền cấp"
    "NOI_XN_KD": "ma_cskcb",         # idem
    "NOI_BDDT_ARV": "ma_cskcb",      # idem
    "MA_BHXH": "ma_bhxh",            # §4 Mã số BHXH (10 digits, CTN: not all zeros)
    "MA_BHXH_NND": "ma_bhxh",        # §4 Mã số BHXH
    "MA_TTDV": "ma_bhxh",            # §4 / §6.2: MA_TTDV is a mã số BHXH, 10 digits
    "MA_BENH_CHINH": "icd10",        # §4 / §6.1: exactly one ICD-10 code
    "MA_BENH_KT": "icd10",           # §1.3: up to 12 ICD-10 codes joined by ';'
    "MA_BENH": "icd10",              # PL4750 Bảng 3 MA_BENH: ICD-10 codes
    "MA_GIUONG": "ma_giuong",        # §4 MA_GIUONG
    "TT_THAU": "tt_thau",            # §4 TT_THAU
    "MA_KHOA": "ma_khoa",            # §4 MA_KHOA (QĐ 5937 PL5 Kxx)
}
# (table, field) overrides of the above.
SPECIAL_BY_TABLE = {
    ("xml12", "NGAY_SINH"): "date8",  # PL4750 Bảng 12 NGAY_SINH: Chuỗi 8, yyyymmdd
}

# (table, field) → code list used under QĐ 130 instead of CODE_LISTS[field]. QĐ 130's check-in
# MA_DOITUONG_KCB is Số(1) (PL4750 'Bang Check-in' r14, column "theo QĐ130"), so no code of the
# 4750-era DMDC list ("1.1", "3.2", …) fits; MA_DOITUONG_KCB_130 holds the single-digit codes
# (code_lists.json cites its [I] source; docs/findings.md).
CODE_LISTS_130 = {
    ("xml0", "MA_DOITUONG_KCB"): "MA_DOITUONG_KCB_130",
}

# §5 code lists (names of simulator/standard/data/code_lists.json).
CODE_LISTS = {
    "GIOI_TINH": "GIOI_TINH",            # §5 GIOI_TINH
    "GIOI_TINH_CON": "GIOI_TINH",        # §5 (also GIOI_TINH_CON)
    "MA_LOAI_KCB": "MA_LOAI_KCB",        # §5 MA_LOAI_KCB
    "KET_QUA_DTRI": "KET_QUA_DTRI",      # §5 KET_QUA_DTRI (XML1, XML8)
    "MA_LOAI_RV": "MA_LOAI_RV",          # §5 MA_LOAI_RV
    "MA_LYDO_CT": "MA_LYDO_CT",          # §5 MA_LYDO_CT (XML13)
    "MA_DOITUONG_KCB": "MA_DOITUONG_KCB",  # §5 MA_DOITUONG_KCB
    "MA_TAI_NAN": "MA_TAI_NAN",          # §5 MA_TAI_NAN (vendor values, unverified)
    "MA_KHUVUC": "MA_KHUVUC",            # §5 MA_KHUVUC
    "PHAM_VI": "PHAM_VI",                # §5 PHAM_VI (XML2, XML3)
    "MA_PTTT": "MA_PTTT",                # §5 MA_PTTT (payment method)
    "NGUON_CTRA": "NGUON_CTRA",          # §5 NGUON_CTRA (XML2)
    "PP_VO_CAM": "PP_VO_CAM",            # §5 PP_VO_CAM (XML3)
    "MA_NHOM": "MA_NHOM",                # §5 MA_NHOM (QĐ 5937 PL3 + 19 from 4750)
    "VET_THUONG_TP": "VET_THUONG_TP",    # §5 VET_THUONG_TP: '1' or empty
    "TAI_SU_DUNG": "TAI_SU_DUNG",        # §5 TAI_SU_DUNG: '1' or empty
    "MAU_SO": "MAU_SO",                  # §5 MAU_SO (XML11): CT07 or empty
    "LAN_XN_PCR": "LAN_XN_PCR",          # CTN 'Bang 6_HIV.AIDS' r33 "Check Danh mục"; PL4750 codes
    "MATINH_CU_TRU": "MA_TINH",          # §4 Province codes in XML: last 2 chars of TT 07/2016
}

# §1.3 / §4: multi-valued fields, separated by ';'. The card fields only where the appendix
# size is 'n' (XML1 and the tables that copy XML1's value); XML0 carries a single card.
SEPARATED = {
    "MA_BENH_KT", "MA_KHOA", "MA_GIUONG", "MA_BAC_SI", "NGUOI_THUC_HIEN", "NGAY_TAI_KHAM",
    "CAN_NANG_CON", "MA_PTTT_QT", "MA_MAY", "MA_BENH",
}
SEPARATED_IF_UNLIMITED = {"MA_THE_BHYT", "MA_DKBD", "GT_THE_TU", "GT_THE_DEN"}
SEPARATED_BY_TABLE = {("xml2", "MA_DICH_VU")}  # §1.3: MA_DICH_VU in XML2
NOT_SEPARATED_BY_TABLE = {("xml9", "CAN_NANG_CON")}  # Bảng 9: one row per baby, Số 10

# Free text (value_format::text; written as CDATA, spec §1.1 "Free-text fields … CDATA").
TEXT = {
    "CACH_DUNG", "CHAN_DOAN_RV", "CHAN_DOAN_VAO", "CHUCDANH_NGUOI_HT", "DANG_BAO_CHE",
    "DAU_HIEU_LS", "DE_NGHI", "DIA_CHI", "DIEN_BIEN_LS", "DON_VI", "DON_VI_DO", "DON_VI_TINH",
    "DUOC_XACDINH", "DU_PHONG", "GHI_CHU", "GIAI_DOAN_BENH", "GIA_TRI", "GIOI_THIEU_CUA",
    "HAM_LUONG", "HOI_CHAN", "HOTEN_NGUOI_HT", "HO_TEN", "HO_TEN_CHA", "HO_TEN_CON",
    "HO_TEN_ME", "HO_TEN_NND", "HUONG_DIEU_TRI", "KET_LUAN", "KET_QUA_KHAM", "LIEU_DUNG",
    "LY_DO_VNT", "LY_DO_VV", "MO_TA", "NGHE_NGHIEP", "NGUOI_CHU_TRI", "NGUOI_DO_DE",
    "NGUOI_GHI_PHIEU", "NGUOI_GIAM_HO", "NGUYENNHAN_DINHCHI", "NOICAP_CCCD_NND",
    "NOI_CAP_CCCD", "NOI_CU_TRU_NND", "NOI_SINH_CON", "PHAU_THUAT", "PHUONGTIEN_VC",
    "PP_DIEUTRI", "PP_DIEU_TRI", "QT_BENHLY", "TEN_BS", "TEN_CHI_SO", "TEN_DICH_VU",
    "TEN_THUOC", "TEN_VAT_TU", "TINH_TRANG_CON", "TOMTAT_KQ",
}

# CTN rows whose VALID column revises the Bắt buộc column (hand-checked; cite the row).
REQUIREMENT_OVERRIDES = {
    # CTN 'Bang 13_Giay chuyen tuyen BHYT' TOMTAT_KQ: Bắt buộc 'x', VALID "Sửa thành Không bắt
    # buộc trường này" (the sheet's own later correction) → optional.
    ("xml13", "TOMTAT_KQ"): "optional",
}

# ---------------------------------------------------------------------------------------------

NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def cell_text(v):
    if v is None:
        return ""
    return str(v).strip()


def header_row(ws):
    for r in range(1, 6):
        if cell_text(ws.cell(r, 1).value) == "STT":
            return r
    raise SystemExit(f"{ws.title!r}: no header row with STT")


def col_index(ws, hdr, prefix):
    for c in range(1, ws.max_column + 1):
        if cell_text(ws.cell(hdr, c).value).startswith(prefix):
            return c
    return None


def parse_size(text, where):
    t = text.strip()
    if t == "n":
        return 0
    if not t.isdigit():
        raise SystemExit(f"{where}: size {text!r} is neither a number nor 'n'")
    return int(t)


def parse_type(text, where):
    t = text.strip()
    if t == "Chuỗi":
        return "string"
    if t == "Số":
        return "number"
    raise SystemExit(f"{where}: data type {text!r} is neither Chuỗi nor Số")


def first_sentence(text):
    line = text.strip().split("\n", 1)[0].strip()
    m = re.search(r"\.\s", line)
    if m:
        line = line[: m.start() + 1]
    return line


NEW_FIELD_PREFIXES = ("Bổ sung trường mới", "Bổ sung thêm trường")


def parse_appendix(ws, tid):
    """Rows of one appendix sheet → list of dicts with 130 and 4750 attributes."""
    hdr = header_row(ws)
    c_name = col_index(ws, hdr, "Chỉ tiêu")
    c_type = col_index(ws, hdr, "Kiểu dữ liệu")
    c_size = col_index(ws, hdr, "Kích thước")
    c_desc = col_index(ws, hdr, "Diễn giải")
    c_chg = col_index(ws, hdr, "Đính chính")
    fields = []
    for r in range(hdr + 1, ws.max_row + 1):
        name = cell_text(ws.cell(r, c_name).value)
        if not NAME_RE.match(name):
            continue  # blank separator rows and the "Ghi chú" notes under the table
        where = f"{ws.title!r} r{r}"
        stt = cell_text(ws.cell(r, 1).value)
        type130 = parse_type(cell_text(ws.cell(r, c_type).value), where)
        size130 = parse_size(cell_text(ws.cell(r, c_size).value), where)
        desc = cell_text(ws.cell(r, c_desc).value)
        change = cell_text(ws.cell(r, c_chg).value) if c_chg else ""
        if tid in NEW_IN_4750:
            new = True
        else:
            # A field 4750 added: a row without STT inserted between numbered rows (NHOM_MAU,
            # NGAY_TH_YL), a row whose QĐ 130 wording is empty (only the 4750 column describes
            # it), or a change that says so ("Bổ sung trường mới", "Bổ sung thêm trường").
            new = stt == "" or desc == "" or change.startswith(NEW_FIELD_PREFIXES)
        type4750, size4750 = type130, size130
        if "Đổi kiểu dữ liệu thành chuỗi" in change:
            type4750 = "string"
        m = re.search(r"Tăng kích thước tối đa lên (\d+)", change)
        if m:
            size4750 = int(m.group(1))
        desc4750 = desc
        if desc == "" and change:
            desc4750 = re.sub(r"^Bổ sung trường mới:\s*", "", change)
        fields.append({
            "name": name, "row": r, "new": new, "stt": stt,
            "type130": type130, "size130": size130, "type": type4750, "size": size4750,
            "desc130": first_sentence(desc), "desc": first_sentence(desc4750),
        })
    return fields


def parse_ctn(ws):
    hdr = header_row(ws)
    c_name = col_index(ws, hdr, "Chỉ tiêu")
    c_size = col_index(ws, hdr, "Kích thước")
    c_req = col_index(ws, hdr, "Bắt buộc")
    c_valid = col_index(ws, hdr, "VALID")
    rows = {}
    for r in range(hdr + 1, ws.max_row + 1):
        name = cell_text(ws.cell(r, c_name).value)
        if not NAME_RE.match(name):
            continue
        rows[name] = {
            "row": r,
            "size": cell_text(ws.cell(r, c_size).value),
            "req": cell_text(ws.cell(r, c_req).value) if c_req else "",
            "valid": cell_text(ws.cell(r, c_valid).value) if c_valid else "",
        }
    return rows


def requirement(tid, name, ctn_row):
    if (tid, name) in REQUIREMENT_OVERRIDES:
        return REQUIREMENT_OVERRIDES[(tid, name)], ""
    if ctn_row is None:
        return "optional", ""
    req = ctn_row["req"]
    if req == "":
        return "optional", ""
    if req.lower() == "x":
        return "required", ""
    # Prose ("Chỉ bắt buộc khi …", "Như QĐ 4210", "x (Chỉ bắt buộc khi …)"): conditional; the
    # rules module writes the logic from this wording, citing the CTN row in `source`.
    return "conditional", req


def field_format(tid, f):
    name = f["name"]
    if (tid, name) in SPECIAL_BY_TABLE:
        fmt = SPECIAL_BY_TABLE[(tid, name)]
    elif name in CODE_LISTS:
        fmt = "code"
    elif name in SPECIAL:
        fmt = SPECIAL[name]
    elif name in DATE8:
        fmt = "date8"
    elif name in DATETIME12:
        fmt = "datetime12"
    elif name in DECIMAL:
        fmt = "decimal"
    elif name in TEXT:
        fmt = "text"
    elif f["type"] == "number":
        fmt = "integer"
    else:
        fmt = "identifier"
    code_list = CODE_LISTS.get(name, "") if fmt == "code" else ""
    sep = False
    if name in SEPARATED or (tid, name) in SEPARATED_BY_TABLE:
        sep = True
    if name in SEPARATED_IF_UNLIMITED and f["size"] == 0:
        sep = True
    if (tid, name) in NOT_SEPARATED_BY_TABLE:
        sep = False
    return fmt, code_list, sep


def build(sources):
    try:
        import openpyxl  # Debian python3-openpyxl
    except ImportError:
        raise SystemExit("gen_standard.py needs Debian's python3-openpyxl")
    wb_app = openpyxl.load_workbook(os.path.join(sources, APPENDIX), data_only=True)
    wb_ctn = openpyxl.load_workbook(os.path.join(sources, CTN), data_only=True)
    tables = []
    for tid, app_sheet, ctn_sheet in TABLES:
        ws = wb_app[app_sheet]
        title = cell_text(ws.cell(1, 1).value).split("\n", 1)[0].strip()
        fields = parse_appendix(ws, tid)
        ctn = parse_ctn(wb_ctn[ctn_sheet])
        for f in fields:
            c = ctn.get(f["name"])
            f["req"], f["cond"] = requirement(tid, f["name"], c)
            if c and c["valid"] and c["valid"] not in ("Như 4210", "Như QĐ 4210"):
                f["cond"] = (f["cond"] + " — VALID: " if f["cond"] else "VALID: ") + c["valid"]
            f["ctn_size"] = 0
            if c and c["size"] and c["size"] != "n":
                try:
                    cs = int(c["size"])
                except ValueError:
                    cs = 0
                if cs != f["size"]:
                    f["ctn_size"] = cs
            f["fmt"], f["code_list"], f["sep"] = field_format(tid, f)
            f["tid"] = tid
            src = f"PL4750 '{app_sheet.strip()}' r{f['row']}"
            src += f"; CTN '{ctn_sheet.strip()}' r{c['row']}" if c else "; CTN: absent"
            f["source"] = src
        tables.append((tid, title, fields))
    return tables


def cpp_str(s, indent):
    """A C++ string literal for s, split into adjacent literals to keep lines short."""
    esc = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", " ")
    width = 96 - indent
    if len(esc) + 2 <= width:
        return f'"{esc}"'
    parts = []
    while esc:
        cut = min(len(esc), width - 2)
        if cut < len(esc):
            # do not split an escape sequence
            while cut > 1 and esc[cut - 1] == "\\":
                cut -= 1
        parts.append(f'"{esc[:cut]}"')
        esc = esc[cut:]
    return ("\n" + " " * indent).join(parts)


def emit_field(out, f, order, std):
    t = f["type130"] if std == "130" else f["type"]
    size = f["size130"] if std == "130" else f["size"]
    desc = f["desc130"] if std == "130" else f["desc"]
    fmt = f["fmt"]
    code_list = f["code_list"]
    if std == "130":
        # Under QĐ 130 a "Số" field cannot be an identifier string; keep the number check.
        if t == "number" and fmt == "identifier":
            fmt = "integer"
        if fmt == "code":
            code_list = CODE_LISTS_130.get((f["tid"], f["name"]), code_list)
    sep = "';'" if f["sep"] else "'\\0'"
    ind = 8
    out.append("      {" + cpp_str(f["name"], ind) + ", " + str(order) + ", data_type::" + t +
               ", " + str(size) + ", requirement::" + f["req"] + ",")
    out.append(" " * ind + cpp_str(f["cond"], ind) + ",")
    out.append(" " * ind + "value_format::" + fmt + ", " + cpp_str(code_list, ind) +
               ", " + sep + ",")
    out.append(" " * ind + cpp_str(desc, ind) + ",")
    out.append(" " * ind + cpp_str(f["source"], ind) + ",")
    out.append(" " * ind + str(f["ctn_size"]) + "},")


def render(tables):
    out = []
    out.append("// GENERATED by scripts/gen_standard.py from qd4750-appendix-tables.xlsx (PL4750)")
    out.append("// and portal-check-rules-4750.xlsx (CTN). Do not edit: change the script and")
    out.append("// regenerate (docs/standard.md). A unit test checks this file is up to date.")
    out.append("// clang-format off")
    out.append('#include "simulator/standard/detail/generated.hpp"')
    out.append("")
    out.append("namespace sim::standard::detail {")
    for std in ("130", "4750"):
        out.append("")
        out.append(f"std::vector<generated_table> generated_qd{std}() {{")
        out.append("  std::vector<generated_table> tables;")
        for tid, title, fields in tables:
            if std == "130" and tid in NEW_IN_4750:
                continue
            out.append("  tables.push_back(generated_table{table_id::" + tid + ",")
            out.append("      " + cpp_str(title, 6) + ", {")
            order = 0
            for f in fields:
                if std == "130" and f["new"]:
                    continue
                order += 1
                emit_field(out, f, order, std)
            out.append("  }});")
        out.append("  return tables;")
        out.append("}")
    out.append("")
    out.append("}  // namespace sim::standard::detail")
    out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--sources", default=DEFAULT_SOURCES)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--dump", action="store_true", help="print a plain-text table summary")
    args = ap.parse_args()
    tables = build(args.sources)
    if args.dump:
        for tid, title, fields in tables:
            print(f"== {tid} {title}")
            for f in fields:
                print("\t".join(str(x) for x in (
                    f["stt"], f["name"], f["type130"], f["size130"], f["type"], f["size"],
                    "NEW" if f["new"] else "", f["req"], f["ctn_size"], f["fmt"],
                    f["code_list"], ";" if f["sep"] else "", f["cond"][:60])))
        return 0
    text = render(tables)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
