"""The C06 population-register service through the real binary (docs/c06.md): every operation
in SOAP, the LGSP JSON wrapper and plain JSON; every authentication failure and the grant codes
004/005; cancelled and old CMND numbers; guardians; faults; sandbox isolation; malformed bodies;
the journal. Accounts and citizens are the embedded default world's (docs/world.md)."""
import base64
import hashlib
import json
import time
import xml.etree.ElementTree as ET

import pytest
import requests

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
BCA = "http://dancuquocgia.bca"
MIC = "http://www.mic.gov.vn/dancu/1.0"

ACCOUNT = {"user": "his_38001", "secret": "c06-secret-38001", "api_key": "APIKEY-38001-THUONGNINH",
           "x_road": "VN/GOV/38001/HIS", "dvc": "KCB-BHYT", "officer": "038185800201"}
LGSP = {"user": "lgsp_thuongninh", "secret": "c06-secret-lgsp",
        "api_key": "APIKEY-LGSP-THUONGNINH", "x_road": "VN/GOV/LGSP38/DVC"}

# hop-le-38001-a: Hoàng Thị Ngọc Ánh, 1988-09-19, old CMND 173900116.
ANH = {"SoDinhDanh": "038188900116", "HoVaTen": "HOANG THI NGOC ANH", "NgayThangNam": "19880919"}
# hop-le-38105-a, re-issued number 038179900118 (cancelled 038178900918).
TAM = {"SoDinhDanh": "038178900918", "HoVaTen": "Mai Thị Thanh Tâm", "NgayThangNam": "19790108"}
# tre-em-giam-ho, represented by nguoi-giam-ho 038091900108 Nguyễn Văn Phúc.
AN = {"SoDinhDanh": "038223900109", "HoVaTen": "Nguyễn Bảo An", "NgayThangNam": "20230905"}


def soap_body(op, fields):
    parts = []
    for k, v in fields.items():
        if k == "NgayThangNam":
            parts.append(f"<dan:NgayThangNamSinh><dan:NgayThangNam>{v}</dan:NgayThangNam>"
                         "</dan:NgayThangNamSinh>")
        elif k == "Nam":
            parts.append(f"<dan:NgayThangNamSinh><dan:Nam>{v}</dan:Nam></dan:NgayThangNamSinh>")
        elif k == "NguoiGiamHo":
            inner = "".join(f"<dan:{a}>{b}</dan:{a}>" for a, b in v.items())
            parts.append(f"<dan:NguoiGiamHo>{inner}</dan:NguoiGiamHo>")
        else:
            parts.append(f"<dan:{k}>{v}</dan:{k}>")
    return (f'<soapenv:Envelope xmlns:soapenv="{SOAP_NS}" xmlns:dan="{BCA}"><soapenv:Header/>'
            f'<soapenv:Body><dan:{op}>{"".join(parts)}</dan:{op}></soapenv:Body>'
            "</soapenv:Envelope>")


def request_fields(op, who, account=ACCOUNT, **extra):
    f = {"MaYeuCau": "T" + str(time.time_ns()),
         ("MaDichVu" if op == "XacThucThongTinCongDan" else "MaDVC"): account.get("dvc", "VPCP"),
         "MaTichHop": "037", "MaCanBo": account.get("officer", "VDXP_VPCP")}
    f.update({k: v for k, v in who.items()
              if not (op == "XacThucThongTinCongDan" and k in ("NgayThangNam", "Nam"))})
    f.update(extra)
    return f


def auth_headers(url, account=ACCOUNT, ts=None, secret=None, user=None, ts_header="Timestamp"):
    ts = str(int(time.time() * 1000)) if ts is None else ts
    user = user or account["user"]
    sig = hashlib.sha256((url + user + ts + (secret or account["secret"])).encode()).hexdigest()
    return {ts_header: ts,
            "Authorization": "Basic " + base64.b64encode(f"{user}:{sig}".encode()).decode(),
            "ApiKey": account["api_key"], "X-Road-Client": account["x_road"],
            "SOAPAction": '""'}


class C06:
    def __init__(self, base, sandbox=None):
        self.base = base
        self.prefix = f"/s/{sandbox}" if sandbox else ""
        self.http = requests.Session()

    def url(self, path):
        return self.base + self.prefix + path

    def soap(self, op, fields, account=ACCOUNT, headers=None, body=None, **auth):
        url = self.url("/c06/dancu")
        h = auth_headers(url, account, **auth)
        h["Content-Type"] = "text/xml; charset=utf-8"
        h.update(headers or {})
        data = body if body is not None else soap_body(op, fields).encode("utf-8")
        return self.http.post(url, data=data, headers=h, timeout=30)

    def plain(self, op, body, account=ACCOUNT, **auth):
        url = self.url("/c06/api/" + op)
        h = auth_headers(url, account, **auth)
        h["Content-Type"] = "application/json"
        data = body if isinstance(body, (bytes, str)) else json.dumps(body).encode("utf-8")
        return self.http.post(url, data=data, headers=h, timeout=30)

    def lgsp(self, op, fields, access_token="Bearer " + LGSP["api_key"], secret=LGSP["secret"]):
        token = base64.b64encode(json.dumps(
            {"AccessKey": LGSP["user"], "SecretKey": secret, "AppName": "DVC Thượng Ninh",
             "PartnerCode": "000.00.38.H38", "PartnerCodeCus": "000.00.38.H38"}).encode()).decode()
        body = {"accessToken": access_token, "lgspAccessToken": token,
                "data": soap_body(op, fields)}
        return self.http.post(self.url("/c06/lgsp"), json=body, timeout=30)


def collection(xml_text):
    root = ET.fromstring(xml_text)
    coll = root.find(f"{{{SOAP_NS}}}Body/{{{MIC}}}CongdanCollection")
    assert coll is not None, xml_text
    return coll


def fault(xml_text):
    root = ET.fromstring(xml_text)
    f = root.find(f"{{{SOAP_NS}}}Body/{{{SOAP_NS}}}Fault")
    assert f is not None, xml_text
    return f.findtext("faultcode"), f.findtext(f"detail/{{{BCA}}}MaLoi"), f.findtext("faultstring")


def ton_tai(xml_text):
    root = ET.fromstring(xml_text)
    return root.findtext(f"{{{SOAP_NS}}}Body/{{{BCA}}}KetQuaXacThuc/{{{BCA}}}TonTai")


@pytest.fixture
def c06(portal, server):
    return C06(server.base)


THREE_FACTOR = ["TraCuuThongTinCongDan", "XacMinhThongTinNhanThan"]


@pytest.mark.parametrize("op", THREE_FACTOR)
def test_soap_three_factor(c06, op):
    r = c06.soap(op, request_fields(op, ANH))
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/xml")
    coll = collection(r.text)
    assert coll.get("SoCongDan") == "1" and coll.get("ThoiDiemDuLieu")
    cd = coll.find(f"{{{MIC}}}CongDan")
    assert cd.findtext(f"{{{MIC}}}SoDinhDanh") == "038188900116"
    assert cd.findtext(f"{{{MIC}}}SoCMND") == "173900116"
    assert cd.findtext(f"{{{MIC}}}HoVaTen/{{{MIC}}}Ten") == "Ánh"
    assert cd.findtext(f"{{{MIC}}}NgayThangNamSinh/{{{MIC}}}NgayThangNam") == "19880919"
    assert cd.findtext(f"{{{MIC}}}GioiTinh") == "2"
    # Birth year only, upper case with diacritics.
    who = dict(ANH, HoVaTen="HOÀNG THỊ NGỌC ÁNH")
    del who["NgayThangNam"]
    who["Nam"] = "1988"
    assert collection(c06.soap(op, request_fields(op, who)).text).get("SoCongDan") == "1"
    # A mismatch on any factor: an empty collection, no reason given.
    for wrong in ({"NgayThangNam": "19880920"}, {"HoVaTen": "HOANG THI NGOC ANG"},
                  {"SoDinhDanh": "038188900117"}):
        r = c06.soap(op, request_fields(op, dict(ANH, **wrong)))
        assert r.status_code == 200
        coll = collection(r.text)
        assert coll.get("SoCongDan") == "0" and len(coll) == 0


def test_soap_xac_thuc(c06):
    op = "XacThucThongTinCongDan"
    assert ton_tai(c06.soap(op, request_fields(op, ANH)).text) == "true"
    assert ton_tai(c06.soap(op, request_fields(op, dict(ANH, HoVaTen="Lê Văn Tám"))).text) == "false"
    assert ton_tai(c06.soap(op, request_fields(op, {"SoDinhDanh": "038188900117"})).text) == "false"


def test_soap_guardian(c06):
    op = "XacMinhThongTinNguoiGiamHo"
    ok = request_fields(op, AN, NguoiGiamHo={"SoDinhDanh": "038091900108",
                                             "HoVaTen": "NGUYEN VAN PHUC"})
    coll = collection(c06.soap(op, ok).text)
    assert coll.get("SoCongDan") == "1"
    rep = coll.find(f"{{{MIC}}}CongDan/{{{MIC}}}NguoiDaiDien")
    assert rep.findtext(f"{{{MIC}}}SoDinhDanh") == "038091900108"
    assert rep.findtext(f"{{{MIC}}}HoVaTen") == "Nguyễn Văn Phúc"
    # Someone who is not the child's guardian.
    not_guardian = request_fields(op, AN, NguoiGiamHo={"SoDinhDanh": "038188900116"})
    assert collection(c06.soap(op, not_guardian).text).get("SoCongDan") == "0"
    # The guardian is required: a fault naming it.
    r = c06.soap(op, request_fields(op, AN))
    assert r.status_code == 500
    assert "NguoiGiamHo/SoDinhDanh" in fault(r.text)[2]


def test_cancelled_and_old_numbers_resolve(c06):
    op = "XacMinhThongTinNhanThan"
    coll = collection(c06.soap(op, request_fields(op, TAM)).text)
    assert coll.get("SoCongDan") == "1"
    assert coll.findtext(f"{{{MIC}}}CongDan/{{{MIC}}}SoDinhDanh") == "038179900118"
    who = {"SoCMND": "173900116", "HoVaTen": ANH["HoVaTen"], "NgayThangNam": "19880919"}
    coll = collection(c06.soap(op, request_fields(op, who)).text)
    assert coll.findtext(f"{{{MIC}}}CongDan/{{{MIC}}}SoDinhDanh") == "038188900116"


@pytest.mark.parametrize("op", THREE_FACTOR + ["XacThucThongTinCongDan",
                                               "XacMinhThongTinNguoiGiamHo"])
def test_lgsp_wrapper(c06, op):
    who = AN if op == "XacMinhThongTinNguoiGiamHo" else ANH
    extra = {"NguoiGiamHo": {"SoDinhDanh": "038091900108"}} if who is AN else {}
    r = c06.lgsp(op, request_fields(op, who, account={"dvc": "VPCP", "officer": "VDXP_VPCP"},
                                    **extra))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["maLoi"] == "000"
    if op == "XacThucThongTinCongDan":
        assert ton_tai(body["data"]) == "true"
    else:
        assert collection(body["data"]).get("SoCongDan") == "1"
    r = c06.lgsp(op, request_fields(op, who), secret="wrong")
    assert r.status_code == 401 and r.json()["maLoi"] == "401"
    assert c06.lgsp(op, request_fields(op, who), access_token="Bearer x").status_code == 401


def plain_body(op, who, **extra):
    b = {"maYeuCau": "J1", "maDVC": "KCB-BHYT", "maCanBo": "038185800201",
         "soDinhDanh": who.get("SoDinhDanh", ""), "soCMND": who.get("SoCMND", ""),
         "hoVaTen": who["HoVaTen"], "ngayThangNam": who.get("NgayThangNam", ""),
         "userNameService": "his_38001"}
    b.update(extra)
    return b


@pytest.mark.parametrize("op", THREE_FACTOR + ["XacThucThongTinCongDan",
                                               "XacMinhThongTinNguoiGiamHo"])
def test_plain_json(c06, op):
    who = AN if op == "XacMinhThongTinNguoiGiamHo" else ANH
    extra = {"nguoiGiamHo": {"soDinhDanh": "038091900108"}} if who is AN else {}
    r = c06.plain(op, plain_body(op, who, **extra))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["maLoi"] == "000" and body["maYeuCau"] == "J1"
    if op == "XacThucThongTinCongDan":
        assert body["tonTai"] is True
    else:
        assert body["soCongDan"] == 1
        assert body["congDan"][0]["soDinhDanh"] == who["SoDinhDanh"]
        r = c06.plain(op, plain_body(op, dict(who, NgayThangNam="19000101"), **extra))
        assert r.json()["soCongDan"] == 0 and r.json()["congDan"] == []
    # Birth year only: a 4-digit ngayThangNam.
    r = c06.plain("TraCuuThongTinCongDan", plain_body(op, dict(ANH, NgayThangNam="1988")))
    assert r.json()["soCongDan"] == 1


def test_auth_failures(c06, server):
    op = "XacMinhThongTinNhanThan"
    f = request_fields(op, ANH)
    now = int(time.time() * 1000)
    cases = {
        "bad signature": dict(secret="wrong"),
        "stale timestamp": dict(ts=str(now - 6 * 60 * 1000)),
        "future timestamp": dict(ts=str(now + 6 * 60 * 1000)),
        "unknown user": dict(user="nobody"),
        "wrong ApiKey": dict(headers={"ApiKey": "APIKEY-OTHER"}),
        "wrong X-Road-Client": dict(headers={"X-Road-Client": "VN/GOV/99999/HIS"}),
        "missing X-Road-Client": dict(headers={"X-Road-Client": None}),
    }
    for name, kw in cases.items():
        headers = kw.pop("headers", None)
        r = c06.soap(op, f, headers=headers, **kw)
        assert r.status_code == 401, (name, r.text)
        code, ma_loi, message = fault(r.text)
        assert code == "soapenv:Client" and ma_loi == "401", name
    # The PHP client's lower-case `timestamp` header is the same header.
    r = c06.soap(op, f, ts_header="timestamp")
    assert r.status_code == 200, r.text
    # Signed for another URL (Host as sent is part of url_xacthuc).
    url = server.base.replace("127.0.0.1", "localhost") + "/c06/dancu"
    h = auth_headers(url)
    r = requests.post(server.base + "/c06/dancu", data=soap_body(op, f).encode(), headers=h,
                      timeout=30)
    assert r.status_code == 401 and "url_xacthuc" in fault(r.text)[2]
    # JSON forms answer the same failures as JSON.
    r = c06.plain(op, plain_body(op, ANH), secret="wrong")
    assert r.status_code == 401 and r.json()["maLoi"] == "401"
    r = c06.plain(op, plain_body(op, ANH, userNameService="his_38105"))
    assert r.status_code == 401


def test_grant_codes(c06):
    op = "XacMinhThongTinNhanThan"
    r = c06.soap(op, request_fields(op, ANH, MaDVC="TRA-CUU-HANG-LOAT"))
    assert r.status_code == 500
    code, ma_loi, message = fault(r.text)
    assert (code, ma_loi, message) == ("soapenv:Client", "004",
                                       "Thủ tục chưa được cấp phép khai thác CSDL dân cư")
    r = c06.soap(op, request_fields(op, ANH, MaCanBo="038082800202"))
    assert fault(r.text)[1:] == ("005", "Tài khoản cán bộ không có quyền thao tác")
    r = c06.plain(op, plain_body(op, ANH, maDVC="TRA-CUU-HANG-LOAT"))
    assert r.status_code == 403 and r.json()["maLoi"] == "004"
    r = c06.plain(op, plain_body(op, ANH, maCanBo="038082800202"))
    assert r.status_code == 403 and r.json()["maLoi"] == "005"


def test_faults(c06, portal):
    op = "XacMinhThongTinNhanThan"
    f = request_fields(op, ANH)
    r = portal.admin("POST", "/_sim/faults", json={"type": "outage", "scope": {"endpoint": "c06"}})
    assert r.status_code == 201, r.text
    assert c06.soap(op, f).status_code == 503
    portal.admin("DELETE", "/_sim/faults/" + r.json()["id"])
    r = portal.admin("POST", "/_sim/faults", json={"type": "outage", "scope": {"endpoint": "c06"},
                                                   "attributes": {"mode": "reset"}})
    with pytest.raises(requests.exceptions.ConnectionError):
        c06.soap(op, f)
    portal.admin("DELETE", "/_sim/faults/" + r.json()["id"])
    r = portal.admin("POST", "/_sim/faults", json={"type": "slow", "scope": {"endpoint": "c06"},
                                                   "attributes": {"delay_ms": "700"}})
    started = time.monotonic()
    resp = c06.soap(op, f)
    assert resp.status_code == 200 and time.monotonic() - started >= 0.65
    portal.admin("DELETE", "/_sim/faults/" + r.json()["id"])
    # An error fault scoped to 38001's account: a SOAP Server fault; another facility is served.
    portal.admin("POST", "/_sim/faults", json={"type": "ma_ket_qua_500",
                                               "scope": {"endpoint": "c06", "facility": "38001"}})
    r = c06.soap(op, f)
    assert r.status_code == 500 and fault(r.text)[:2] == ("soapenv:Server", "500")
    other = {"user": "his_38105", "secret": "c06-secret-38105",
             "api_key": "APIKEY-38105-THUONGNINH", "x_road": "VN/GOV/38105/HIS",
             "dvc": "KCB-BHYT", "officer": "038188800203"}
    assert c06.soap(op, request_fields(op, ANH, account=other), account=other).status_code == 200
    # The portal's endpoints are not touched by a c06 fault.
    assert portal.admin("GET", "/_sim/clock").status_code == 200


def test_sandbox_isolation(c06, portal, server):
    assert portal.admin("POST", "/_sim/sandboxes", json={"name": "a"}).status_code == 201
    citizen = {"so_dinh_danh": "038095900199", "ho_ten": "Lê Văn Tư",
               "date_of_birth": "1995-01-01", "sex": "male"}
    r = portal.admin("POST", "/s/a/_sim/world", json={"citizen": citizen})
    assert r.status_code == 201, r.text
    who = {"SoDinhDanh": "038095900199", "HoVaTen": "LE VAN TU", "NgayThangNam": "19950101"}
    op = "XacMinhThongTinNhanThan"
    in_a = C06(server.base, "a").soap(op, request_fields(op, who))
    assert collection(in_a.text).get("SoCongDan") == "1", in_a.text
    assert collection(c06.soap(op, request_fields(op, who)).text).get("SoCongDan") == "0"
    # A correction in sandbox a (the register's name) is what a answers; default keeps the old.
    r = portal.admin("POST", "/s/a/_sim/world",
                     json={"citizen": {"so_dinh_danh": "038188900116", "ho_ten": "Hoàng Thị Ánh"}})
    assert r.status_code == 200, r.text
    assert collection(C06(server.base, "a").soap(op, request_fields(op, ANH)).text).get(
        "SoCongDan") == "0"
    assert collection(c06.soap(op, request_fields(op, ANH)).text).get("SoCongDan") == "1"
    # The sandbox's virtual time: before the child's birth it is not in the register.
    portal.admin("POST", "/s/a/_sim/clock", json={"set": "2023-01-01T00:00:00+07:00"})
    r = C06(server.base, "a").soap(op, request_fields(op, AN))
    coll = collection(r.text)
    assert coll.get("SoCongDan") == "0" and coll.get("ThoiDiemDuLieu").startswith("2022-12-31")
    # Each exchange is in its sandbox's journal, endpoint c06.
    entries = portal.admin("GET", "/s/a/_sim/journal", params={"since": 0}).json()["entries"]
    assert [e["endpoint"] for e in entries].count("c06") == 3


MALFORMED = {
    "not xml": b"hello",
    "wrong namespace": soap_body("XacMinhThongTinNhanThan", {"MaDVC": "x"}).replace(
        BCA, "http://example.org/dancu").encode(),
    "unknown operation": soap_body("CungCapThongTinNhomMau", {"MaDVC": "x"}).encode(),
    "entity bomb": (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                    b'<lolz>&lol2;</lolz>'),
    "not utf-8": soap_body("XacMinhThongTinNhanThan", {"HoVaTen": "x"}).encode().replace(
        b"x</dan:HoVaTen>", b"\xff</dan:HoVaTen>"),
    "soap 1.2": (b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/>'
                 b'</e:Envelope>'),
}
MALFORMED_WORD = {"not xml": "XML", "wrong namespace": "http://example.org/dancu",
                  "unknown operation": "CungCapThongTinNhomMau", "entity bomb": "<!DOCTYPE",
                  "not utf-8": "UTF-8", "soap 1.2": "SOAP 1.2"}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_soap(c06, name):
    r = c06.soap("", {}, body=MALFORMED[name])
    assert r.status_code == 500, r.text
    code, ma_loi, message = fault(r.text)
    assert code == "soapenv:Client" and ma_loi == "400"
    assert MALFORMED_WORD[name] in message, message
    # The server keeps serving.
    op = "XacThucThongTinCongDan"
    assert ton_tai(c06.soap(op, request_fields(op, ANH)).text) == "true"


def test_malformed_json_and_limits(c06):
    op = "XacMinhThongTinNhanThan"
    for body, word in ((b"{", "JSON"), (b"[1,2]", "đối tượng"),
                       (json.dumps({"soDinhDanh": 38}).encode(), "soDinhDanh"),
                       (json.dumps({"maDVC": "KCB-BHYT", "maCanBo": "1"}).encode(), "SoDinhDanh")):
        r = c06.plain(op, body)
        assert r.status_code == 400 and word in r.json()["moTaLoi"], r.text
    assert c06.plain("CungCapThongTinNhomMau", b"{}").status_code == 404
    r = c06.http.post(c06.url("/c06/lgsp"), data=b'{"accessToken": 1}', timeout=30)
    assert r.status_code == 400 and "accessToken" in r.json()["moTaLoi"]
    # Over the body limit (1 MiB): refused, recorded, still serving.
    r = c06.soap(op, {}, body=b"<a>" + b"x" * (2 << 20) + b"</a>")
    assert r.status_code == 413
    r = c06.http.get(c06.url("/c06/dancu"), timeout=30)
    assert r.status_code == 405
    assert ton_tai(c06.soap("XacThucThongTinCongDan",
                            request_fields("XacThucThongTinCongDan", ANH)).text) == "true"


def test_journal_records_every_exchange(c06, portal):
    op = "XacMinhThongTinNhanThan"
    c06.soap(op, request_fields(op, ANH))
    c06.soap(op, request_fields(op, ANH), secret="wrong")
    c06.plain(op, b"{")
    entries = [e for e in portal.admin("GET", "/_sim/journal", params={"since": 0}).json()["entries"]
               if e["endpoint"] == "c06"]
    assert [e["response"]["status"] for e in entries] == [200, 401, 400]
    assert entries[0]["request"]["target"] == "/c06/dancu"
