"""Electronic certificates (issue 9; PL02 chứng từ điện tử): `/api/chungtugw/GuiHoSoChungTu2025`
and `/api/hososuckhoe/guiGiayToDienTu` over real HTTP, one test per result code (200, 205, 401,
500, 1001), sent as a HIS sends them (form body with maCskcb, token, id_token, username,
password, loaiHs, fileBase64Str). Assertions read the answers and the admin API."""
import base64
import re
import signal
import socket


from portal_client import Portal, Server, md5_upper


FACILITY = "38001"


def logged_in(portal, ma_cskcb=FACILITY):
    for f in portal.world(limit=0)["facilities"]:
        if f["ma_cskcb"] == ma_cskcb:
            a = f["accounts"][0]
            assert portal.login(a["username"], a["password"])["maKetQua"] == "200"
            return portal
    raise AssertionError(ma_cskcb)


def chung_tu(ma_cskcb=FACILITY):
    """A PL02 HSCHUNGTU package holding one Giấy ra viện (CT03), unsigned."""
    inner = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><CT03><MA_YTE>BN0001</MA_YTE>"
             "<HO_TEN>Nguyễn Thị Lan</HO_TEN></CT03>").encode("utf-8")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<HSCHUNGTU><THONGTINDONVI><MACSKCB>"
            f"{ma_cskcb}</MACSKCB></THONGTINDONVI><THONGTINHOSO Id=\"Id-1\"><NGAYLAP>20260701"
            "</NGAYLAP><SOLUONGHOSO>1</SOLUONGHOSO><DANHSACHHOSO><HOSO><FILEHOSO><LOAIHOSO>CT03"
            f"</LOAIHOSO><NOIDUNGFILE>{base64.b64encode(inner).decode()}</NOIDUNGFILE>"
            "</FILEHOSO></HOSO></DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></HSCHUNGTU>"
            ).encode("utf-8")


def giay_to(root, child):
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><{root}><{child} Id=\"Id-1\"><HO_TEN>"
            f"Trần Văn Bình</HO_TEN></{child}><CHUKYDONVI/></{root}>").encode("utf-8")


def test_200_each_service_is_journalled_and_listed(portal):
    logged_in(portal)
    sent = []
    for r in (portal.send_chung_tu(FACILITY, chung_tu()),
              portal.send_giay_to(FACILITY, giay_to("HSDLGBT", "GIAYBAOTU"), "60"),
              portal.send_giay_to(FACILITY, giay_to("HSDLGCS", "GIAYCHUNGSINH"), "61")):
        assert r.status_code == 200
        body = r.json()
        assert body["MaKetQua"] == "200", body
        assert re.fullmatch(r"\d{14}", body["ThoiGianTiepNhan"])
        assert body["MaGD"].startswith("HS_" + FACILITY)
        sent.append(body["MaGD"])
    assert len(set(sent)) == 3
    rows = {r["maGiaoDich"]: r for r in portal.results()}
    assert set(rows) == set(sent)
    assert {r["kind"] for r in rows.values()} == {"certificate"}
    assert sorted(r["standard"] for r in rows.values()) == ["39", "60", "61"]
    assert {r["result"] for r in rows.values()} == {"processing"}
    portal.advance("PT2M")
    assert {r["result"] for r in portal.results()} == {"accepted"}
    entries = portal.admin("GET", "/_sim/journal").json()["entries"]
    assert {e["maGiaoDich"] for e in entries if e["endpoint"] == "certificate"} >= set(sent)


def test_205_invalid_file_or_loai_hs(portal):
    logged_in(portal)
    bomb = (b"<?xml version=\"1.0\"?><!DOCTYPE HSCHUNGTU [<!ENTITY a \"aaaaaaaaaa\">"
            b"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><HSCHUNGTU>&b;</HSCHUNGTU>")
    cases = {
        "not base64": dict(fileBase64Str="@@@không-phải-base64@@@"),
        "empty": dict(fileBase64Str=""),
    }
    for name, override in cases.items():
        body = portal.send_chung_tu(FACILITY, chung_tu(), **override).json()
        assert body["MaKetQua"] == "205", (name, body)
        assert body["MaGD"] == ""
    for name, data in {"not XML": b"%PDF-1.4 binary",
                       "unclosed": chung_tu()[:-5],
                       "entity bomb": bomb,
                       "not UTF-8": b"<HSCHUNGTU><HO_TEN>Nguy\xff\xfen</HO_TEN></HSCHUNGTU>",
                       "deep": b"<HSCHUNGTU>" + b"<a>" * 100 + b"</a>" * 100 + b"</HSCHUNGTU>",
                       "wrong root": giay_to("HSDLGBT", "GIAYBAOTU")}.items():
        body = portal.send_chung_tu(FACILITY, data).json()
        assert body["MaKetQua"] == "205", (name, body)
    body = portal.send_chung_tu(FACILITY, giay_to("HSDLGCS", "GIAYCHUNGSINH")).json()
    assert body["MaKetQua"] == "205" and "HSCHUNGTU" in body["ThongDiep"]
    # loaiHs must belong to the service: 39 on chungtugw, 60/61 on hososuckhoe.
    assert portal.send_chung_tu(FACILITY, chung_tu(), loai_hs="60").json()["MaKetQua"] == "205"
    assert portal.send_giay_to(FACILITY, chung_tu(), "39").json()["MaKetQua"] == "205"
    # A birth certificate sent as a death notice: root and loaiHs disagree.
    assert portal.send_giay_to(FACILITY, giay_to("HSDLGCS", "GIAYCHUNGSINH"),
                               "60").json()["MaKetQua"] == "205"
    assert portal.results() == []


def test_401_token_password_account_and_facility(portal):
    logged_in(portal)
    ok = chung_tu()
    bad = [dict(token="khong-co"), dict(id_token="00000000-0000-4000-8000-000000000000"),
           dict(password=md5_upper("sai mật khẩu")), dict(username="38002_BV")]
    for override in bad:
        r = portal.send_chung_tu(FACILITY, ok, **override)
        assert r.status_code == 200 and r.json()["MaKetQua"] == "401", override
    other = next(f["ma_cskcb"] for f in portal.world(limit=0)["facilities"]
                 if f["ma_cskcb"] != FACILITY)
    assert portal.send_chung_tu(other, chung_tu(other)).json()["MaKetQua"] == "401"
    # The trap: an expired token is HTTP 200 with MaKetQua 401.
    portal.advance("PT2H")
    r = portal.send_giay_to(FACILITY, giay_to("HSDLGBT", "GIAYBAOTU"), "60")
    assert r.status_code == 200
    assert (r.json()["MaKetQua"], r.json()["ThongDiep"]) == ("401", "Token het han")
    assert portal.results() == []


def test_500_fault_answers_in_the_service_shape(portal):
    logged_in(portal)
    r = portal.admin("POST", "/_sim/faults",
                     json={"type": "ma_ket_qua_500", "scope": {"endpoint": "certificate",
                                                               "facility": FACILITY}})
    assert r.status_code == 201, r.text
    fid = r.json()["id"]
    r = portal.send_chung_tu(FACILITY, chung_tu())
    assert r.status_code == 200 and r.json()["MaKetQua"] == "500" and r.json()["MaGD"] == ""
    assert "maKetQua" not in r.json()  # the PL02 shape, not the claim endpoints'
    assert portal.results() == []
    assert portal.admin("DELETE", f"/_sim/faults/{fid}").status_code == 200
    assert portal.send_chung_tu(FACILITY, chung_tu()).json()["MaKetQua"] == "200"


def test_1001_file_too_large(portal):
    logged_in(portal)
    # Decoded over the 10 MiB certificate limit: MaKetQua 1001 in an HTTP 200 answer.
    big = b"<HSCHUNGTU>" + b"a" * (10 * 1024 * 1024) + b"</HSCHUNGTU>"
    r = portal.send_chung_tu(FACILITY, big, timeout=120)
    assert r.status_code == 200 and r.json()["MaKetQua"] == "1001", r.text[:200]
    # Just under it is read and judged (here: accepted).
    fits = b"<HSCHUNGTU>" + b"a" * (10 * 1024 * 1024 - 100) + b"</HSCHUNGTU>"
    assert portal.send_chung_tu(FACILITY, fits, timeout=120).json()["MaKetQua"] == "200"
    # A body over the server's limit is refused from its Content-Length alone.
    host, port = portal.base.replace("http://", "").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /api/hososuckhoe/guiGiayToDienTu HTTP/1.1\r\nHost: x\r\n"
                  b"Content-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 1073741824\r\n\r\n")
        answer = s.recv(4096).decode("utf-8", "replace")
    assert " 413 " in answer.split("\r\n")[0] and '"MaKetQua":"1001"' in answer
    assert len(portal.results()) == 1


def test_acknowledged_certificates_survive_kill_9(sim_bin, tmp_path):
    data = tmp_path / "data"
    s = Server(sim_bin, data_dir=data).start()
    try:
        p = logged_in(Portal(s.base))
        acked = [p.send_chung_tu(FACILITY, chung_tu()).json()["MaGD"] for _ in range(3)]
        assert all(acked)
    finally:
        s.stop(signal.SIGKILL)
    s2 = Server(sim_bin, data_dir=data).start()
    try:
        have = {r["maGiaoDich"] for r in Portal(s2.base).results()}
        assert set(acked) <= have
    finally:
        s2.stop()
