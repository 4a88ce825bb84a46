"""The simulated portal over real HTTP, driven with `requests` exactly as a HIS would
(issue 9): login, check-in, claim, the expired-token trap, asynchronous verdicts after the
clock is advanced, sandbox isolation, kill -9 durability and every fault. Assertions read the
portal's answers and the admin API (journal, results), never log text."""
import json
import pathlib
import re
import signal
import socket
import time

import pytest
import requests

from portal_client import Portal, Server, md5_upper


@pytest.fixture(scope="module")
def files(sim, tmp_path_factory):
    """Generated claims and check-ins (all valid), grouped by facility."""
    out = tmp_path_factory.mktemp("gen")
    r = sim.run("generate", "--seed", 21, "--count", 6, "--out", out)
    assert r.returncode == 0, r.stderr.decode()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    items = []
    for e in manifest["files"]:
        data = (out / e["file"]).read_bytes()
        kind = "checkin" if b"CHI_TIEU_TRANG_THAI_KCB" in data[:400] else "claim"
        m = re.search(rb"<MACSKCB>([^<]+)</MACSKCB>", data) or \
            re.search(rb"<MA_CSKCB>([^<]+)</MA_CSKCB>", data)
        items.append({"kind": kind, "bytes": data, "ma_cskcb": m.group(1).decode()})
    return items


def account_for(portal, ma_cskcb):
    for f in portal.world(limit=0)["facilities"]:
        if f["ma_cskcb"] == ma_cskcb:
            a = f["accounts"][0]
            return a["username"], a["password"]
    raise AssertionError("no facility " + ma_cskcb)


def logged_in(portal, ma_cskcb):
    user, password = account_for(portal, ma_cskcb)
    body = portal.login(user, password)
    assert body["maKetQua"] == "200", body
    return portal


def first(files, kind):
    return next(f for f in files if f["kind"] == kind)


def test_login_wire_format(portal, files):
    user, password = account_for(portal, files[0]["ma_cskcb"])
    body = portal.login(user, password)
    assert body["maKetQua"] == "200"
    key = body["APIKey"]
    assert key["token_type"] == "Bearer" and key["username"] == user
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z", key["expires_in"])
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                        key["id_token"])
    wrong = Portal(portal.base).login(user, password + "x")
    assert wrong["maKetQua"] == "401" and "APIKey" not in wrong
    assert Portal(portal.base).login("khong_ton_tai", "x")["maKetQua"] == "401"
    # Deviations real clients send (spec §3.2) are accepted by default (docs/portal.md).
    assert Portal(portal.base).login(user, password, md5=md5_upper(password).lower())[
        "maKetQua"] == "200"
    assert Portal(portal.base).login(user, password, as_json=True)["maKetQua"] == "200"


def test_claim_is_received_then_judged_after_the_processing_delay(portal, files):
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    r = portal.send_claim(claim["ma_cskcb"], claim["bytes"])
    assert r.status_code == 200
    body = r.json()
    assert body["maKetQua"] == "200", body
    assert re.fullmatch(r"\d{14}", body["thoiGianTiepNhan"])
    gd = body["maGiaoDich"]
    [row] = portal.results(maGiaoDich=gd)
    assert row["result"] == "processing"
    portal.advance("PT2M")
    [row] = portal.results(maGiaoDich=gd)
    assert row["result"] == "accepted", row["findings"]
    assert row["ma_lk"] and row["ma_cskcb"] == claim["ma_cskcb"]
    # The exchange is in the journal with its maGiaoDich.
    entries = portal.admin("GET", "/_sim/journal").json()["entries"]
    assert any(e["maGiaoDich"] == gd and e["endpoint"] == "claim" for e in entries)


def test_checkin_and_a_broken_claim_is_rejected_with_findings(portal, files):
    checkin = first(files, "checkin")
    logged_in(portal, checkin["ma_cskcb"])
    assert portal.send_checkin(checkin["ma_cskcb"], checkin["bytes"]).json()["maKetQua"] == "200"
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    broken = claim["bytes"].replace(b"<MACSKCB>", b"<MACSKCB_X>", 1).replace(
        b"</MACSKCB>", b"</MACSKCB_X>", 1)
    gd = portal.send_claim(claim["ma_cskcb"], broken).json()["maGiaoDich"]
    portal.advance("PT5M")
    [row] = portal.results(maGiaoDich=gd)
    assert row["result"] == "rejected"
    assert any(f["code"].startswith("ENV.") for f in row["findings"])
    assert portal.results(result="rejected") == [row]
    page = portal.session.get(portal.base + "/ui/results", params={"result": "rejected"}).text
    assert "Kết quả gửi hồ sơ XML" in page and gd in page and "Có lỗi" in page


def test_expired_token_is_http_200_with_ma_ket_qua_401(portal, files):
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    portal.advance("PT2H")
    r = portal.send_claim(claim["ma_cskcb"], claim["bytes"])
    assert r.status_code == 200
    assert r.json()["maKetQua"] == "401"
    assert r.json()["thongDiep"] == "Token het han"
    assert portal.results() == []


def test_wrong_facility_garbage_base64_and_oversized_body(portal, files):
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    other = next(f["ma_cskcb"] for f in portal.world(limit=0)["facilities"]
                 if f["ma_cskcb"] != claim["ma_cskcb"])
    assert portal.send_claim(other, claim["bytes"]).json()["maKetQua"] == "403"
    h = {"accessToken": portal.token["access_token"], "tokenId": portal.token["id_token"],
         "passwordHash": md5_upper(portal.password)}
    form = {"username": portal.username, "loaiHoSo": "130", "maTinh": claim["ma_cskcb"][:2],
            "maCSKCB": claim["ma_cskcb"], "fileHSBase64": "@@@not-base64@@@"}
    r = portal.session.post(portal.base + "/api/qd130/guiHoSoXmlQD4750", data=form, headers=h)
    assert r.status_code == 200 and r.json()["maKetQua"] == "205"
    # A 1 GB body is refused from its Content-Length alone, with a clear answer.
    host, port = portal.base.replace("http://", "").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /api/qd130/guiHoSoXmlQD4750 HTTP/1.1\r\nHost: x\r\n"
                  b"Content-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 1073741824\r\n\r\n")
        answer = s.recv(4096).decode("utf-8", "replace")
    assert " 413 " in answer.split("\r\n")[0] and "1001" in answer
    assert portal.results() == []


def test_sandboxes_are_isolated(portal, files):
    claim = first(files, "claim")
    r = portal.admin("POST", "/_sim/sandboxes", json={"name": "hv-01"})
    assert r.status_code == 201, r.text
    assert portal.admin("POST", "/_sim/sandboxes", json={"name": "hv-01"}).status_code == 409
    assert portal.admin("POST", "/_sim/sandboxes", json={"name": "Bad Name"}).status_code == 400
    trainee = Portal(portal.base.split("/s/")[0], sandbox="hv-01")
    logged_in(trainee, claim["ma_cskcb"])
    gd = trainee.send_claim(claim["ma_cskcb"], claim["bytes"]).json()["maGiaoDich"]
    trainee.advance("PT10M")
    assert [x["maGiaoDich"] for x in trainee.results()] == [gd]
    assert portal.results() == []
    # The trainee's token is unknown in the default sandbox.
    portal.token, portal.username, portal.password = trainee.token, trainee.username, \
        trainee.password
    assert portal.send_claim(claim["ma_cskcb"], claim["bytes"]).json()["maKetQua"] == "401"
    # Clocks are separate too.
    assert trainee.admin("GET", "/_sim/clock").json()["now"] != \
        portal.admin("GET", "/_sim/clock").json()["now"]
    assert portal.admin("DELETE", "/_sim/sandboxes/hv-01").status_code == 200
    assert trainee.admin("GET", "/_sim/clock").status_code == 404


def test_acknowledged_submissions_survive_kill_9(sim_bin, files, tmp_path):
    data = tmp_path / "data"
    s = Server(sim_bin, data_dir=data).start()
    claim = first(files, "claim")
    try:
        p = Portal(s.base)
        logged_in(p, claim["ma_cskcb"])
        acked = []
        for _ in range(5):
            body = p.send_claim(claim["ma_cskcb"], claim["bytes"]).json()
            assert body["maKetQua"] == "200"
            acked.append(body["maGiaoDich"])
    finally:
        s.stop(signal.SIGKILL)
    s2 = Server(sim_bin, data_dir=data).start()
    try:
        p2 = Portal(s2.base)
        have = {r["maGiaoDich"] for r in p2.results()}
        assert set(acked) <= have
    finally:
        s2.stop()


def add_fault(portal, **spec):
    r = portal.admin("POST", "/_sim/faults", json=spec)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_fault_outage_and_slow(portal, files):
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    fid = add_fault(portal, type="outage", scope={"endpoint": "claim"})
    assert portal.send_claim(claim["ma_cskcb"], claim["bytes"]).status_code == 503
    assert portal.admin("DELETE", f"/_sim/faults/{fid}").status_code == 200
    add_fault(portal, type="outage", scope={"endpoint": "claim"}, attributes={"mode": "reset"})
    with pytest.raises(requests.exceptions.ConnectionError):
        portal.send_claim(claim["ma_cskcb"], claim["bytes"])
    portal.admin("POST", "/_sim/reset")
    logged_in(portal, claim["ma_cskcb"])
    add_fault(portal, type="slow", scope={"endpoint": "claim"}, attributes={"delay_ms": "700"})
    start = time.monotonic()
    assert portal.send_claim(claim["ma_cskcb"], claim["bytes"]).json()["maKetQua"] == "200"
    assert time.monotonic() - start >= 0.7
    entries = portal.admin("GET", "/_sim/journal").json()["entries"]
    assert any(e["faults"] for e in entries if e["endpoint"] == "claim")


def test_fault_token_expiry_500_lost_and_duplicate(portal, files):
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    fid = add_fault(portal, type="token_expiry", scope={"endpoint": "claim"})
    r = portal.send_claim(claim["ma_cskcb"], claim["bytes"]).json()
    assert (r["maKetQua"], r["thongDiep"]) == ("401", "Token het han")
    portal.admin("DELETE", f"/_sim/faults/{fid}")
    logged_in(portal, claim["ma_cskcb"])
    fid = add_fault(portal, type="ma_ket_qua_500", scope={"endpoint": "claim"})
    assert portal.send_claim(claim["ma_cskcb"], claim["bytes"]).json()["maKetQua"] == "500"
    assert portal.results() == []  # nothing recorded
    portal.admin("DELETE", f"/_sim/faults/{fid}")
    fid = add_fault(portal, type="response_lost", scope={"endpoint": "claim"})
    with pytest.raises(requests.exceptions.ConnectionError):
        portal.send_claim(claim["ma_cskcb"], claim["bytes"])
    assert len(portal.results()) == 1  # …but it was recorded
    portal.admin("DELETE", f"/_sim/faults/{fid}")
    first_id = portal.send_claim(claim["ma_cskcb"], claim["bytes"]).json()["maGiaoDich"]
    add_fault(portal, type="duplicate_transaction", scope={"endpoint": "claim"})
    again = portal.send_claim(claim["ma_cskcb"], claim["bytes"]).json()
    assert again["maKetQua"] == "200" and again["maGiaoDich"] == first_id
    assert len(portal.results()) == 3


def test_bad_fault_and_clock_requests_get_400(portal):
    assert portal.admin("POST", "/_sim/faults", json={"type": "meteor"}).status_code == 400
    assert portal.admin("POST", "/_sim/faults",
                        json={"type": "slow", "attributes": {"delay_ms": "x"}}).status_code == 400
    assert portal.admin("POST", "/_sim/clock", json={"advance": "48H"}).status_code == 400
    assert portal.admin("POST", "/_sim/clock", json={"scale": 0}).status_code == 400
    assert portal.admin("POST", "/_sim/clock", data="{not json").status_code == 400
    c = portal.admin("POST", "/_sim/clock", json={"set": "2027-01-01T00:00:00+07:00",
                                                  "freeze": True}).json()
    assert c == {"now": "2026-12-31T17:00:00Z", "scale": 1.0, "frozen": True}


# --- signatures (issue 8): the verdict verifies the signature with the sandbox's trust ---------

@pytest.fixture(scope="module")
def sig_files(sim, tmp_path_factory):
    """One signed claim, one signed with its facility's expired certificate, one signed with
    another facility's valid certificate (trusted, not registered for this one)."""
    out = tmp_path_factory.mktemp("gen-sig")
    r = sim.run("generate", "--seed", 22, "--count", 1, "--out", out,
                "--mutate", "SIG.CERT_EXPIRED", "--mutate", "SIG.CERT_UNREGISTERED")
    assert r.returncode == 0, r.stderr.decode()
    r = sim.run("generate", "--seed", 22, "--count", 1, "--out", out / "plain")
    assert r.returncode == 0, r.stderr.decode()
    by_code = {}
    for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]:
        by_code[e["code"]] = (out / e["file"]).read_bytes()
    plain = json.loads((out / "plain" / "manifest.json").read_text(encoding="utf-8"))["files"]
    by_code[None] = (out / "plain" / plain[0]["file"]).read_bytes()
    return by_code


def macskcb(data):
    return re.search(rb"<MACSKCB>([^<]+)</MACSKCB>", data).group(1).decode()


def verdict(portal, data):
    logged_in(portal, macskcb(data))
    body = portal.send_claim(macskcb(data), data).json()
    assert body["maKetQua"] == "200", body
    portal.advance("PT2M")
    [row] = portal.results(maGiaoDich=body["maGiaoDich"])
    return row


def test_signed_claim_accepted_and_content_changed_after_signing_rejected(portal, sig_files):
    claim = sig_files[None]
    assert b"<SignatureValue>" in claim
    row = verdict(portal, claim)
    assert row["result"] == "accepted", row["findings"]
    # Re-indented after signing: the content no longer matches the digest.
    changed = claim.replace(b"<THONGTINHOSO>", b"<THONGTINHOSO>\n", 1)
    assert changed != claim
    row = verdict(portal, changed)
    assert row["result"] == "rejected"
    assert [f["code"] for f in row["findings"]] == ["SIG.DIGEST"], row["findings"]
    assert row["findings"][0]["message_vi"] and row["findings"][0]["message_en"]


def test_claim_signed_with_the_expired_certificate_is_rejected(portal, sig_files):
    row = verdict(portal, sig_files["SIG.CERT_EXPIRED"])
    assert row["result"] == "rejected"
    assert [f["code"] for f in row["findings"]] == ["SIG.CERT_EXPIRED"], row["findings"]


def test_unregistered_certificate_rejected_until_registered_in_the_sandbox(portal, sig_files):
    data = sig_files["SIG.CERT_UNREGISTERED"]
    row = verdict(portal, data)
    assert row["result"] == "rejected"
    assert [f["code"] for f in row["findings"]] == ["SIG.CERT_UNREGISTERED"], row["findings"]
    # Register the signing certificate (the one in KeyInfo) for the claim's facility.
    b64 = re.search(rb"<X509Certificate>([^<]+)</X509Certificate>", data).group(1)
    b64 = b"".join(b64.split()).decode()
    pem = "-----BEGIN CERTIFICATE-----\n" + "\n".join(
        b64[i:i + 64] for i in range(0, len(b64), 64)) + "\n-----END CERTIFICATE-----\n"
    r = portal.admin("POST", "/_sim/world",
                     json={"certificate": {"ma_cskcb": macskcb(data), "pem": pem}})
    assert r.status_code == 201, r.text
    row = verdict(portal, data)
    assert row["result"] == "accepted", row["findings"]
    # A reset forgets the registration.
    assert portal.admin("POST", "/_sim/reset").status_code == 200
    row = verdict(portal, data)
    assert [f["code"] for f in row["findings"]] == ["SIG.CERT_UNREGISTERED"], row["findings"]


def test_duplicate_of_accepted_is_refused_and_a_correction_replaces_a_rejected_record(
        sim, portal, tmp_path):
    clean, broken = tmp_path / "clean", tmp_path / "broken"
    assert sim.run("generate", "--seed", 5, "--count", 1, "--out", clean).returncode == 0
    assert sim.run("generate", "--seed", 5, "--count", 1, "--out", broken,
                   "--mutate", "SUM.T_THUOC").returncode == 0
    [good] = sorted((clean / "claims").glob("*.xml"))
    [bad] = sorted((broken / "mutations").rglob("*.xml"))
    assert good.name == bad.name  # same MA_LK: the broken file and its correction
    ma_cskcb = good.name[:5]
    logged_in(portal, ma_cskcb)
    first_id = portal.send_claim(ma_cskcb, bad.read_bytes()).json()["maGiaoDich"]
    portal.advance("PT2M")
    [row] = portal.results(maGiaoDich=first_id)
    assert row["result"] == "rejected" and row["replaced_by"] == ""
    fix_id = portal.send_claim(ma_cskcb, good.read_bytes()).json()["maGiaoDich"]
    portal.advance("PT2M")
    assert portal.results(maGiaoDich=fix_id)[0]["result"] == "accepted"
    assert portal.results(maGiaoDich=first_id)[0]["replaced_by"] == fix_id
    dup_id = portal.send_claim(ma_cskcb, good.read_bytes()).json()["maGiaoDich"]
    portal.advance("PT2M")
    [dup] = portal.results(maGiaoDich=dup_id)
    assert dup["result"] == "rejected"
    assert [f["code"] for f in dup["findings"]] == ["DUP.MA_LK"]
    assert fix_id in dup["findings"][0]["message_vi"]
    # A check-in may be sent again (it is informational): no duplicate finding.


# --- per-world portal switches (the world file's `portal` section; docs/world.md) -------------

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


def world_with_portal(tmp_path, **switches):
    """The embedded world's YAML with its `portal` section's values replaced."""
    text = (REPO / "simulator/world/data/default_world.yaml").read_text(encoding="utf-8")
    for key, value in switches.items():
        text, n = re.subn(rf"(?m)^(  {key}: ).*$", lambda m: m.group(1) + value, text, count=1)
        assert n == 1, key
    path = tmp_path / "world.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def strict_server(sim_bin, tmp_path):
    s = Server(sim_bin, extra=["--world", world_with_portal(
        tmp_path, accept_lowercase_md5="false", token_lifetime='"PT5M"',
        accept_json_login="false")]).start()
    yield s
    s.stop()


def test_world_switches_refuse_lower_case_md5_and_json_login(strict_server, files):
    portal = Portal(strict_server.base)
    user, password = account_for(portal, files[0]["ma_cskcb"])
    lower = portal.login(user, password, md5=md5_upper(password).lower())
    assert lower["maKetQua"] == "401" and "APIKey" not in lower
    assert Portal(strict_server.base).login(user, password, as_json=True)["maKetQua"] == "401"
    assert Portal(strict_server.base).login(user, password)["maKetQua"] == "200"
    # The claim endpoints' passwordHash follows the same switch.
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    r = portal.send_claim(claim["ma_cskcb"], claim["bytes"],
                          headers={"passwordHash": md5_upper(portal.password).lower()})
    assert r.status_code == 200 and r.json()["maKetQua"] == "401"


def test_world_token_lifetime_in_virtual_time(strict_server, files):
    portal = Portal(strict_server.base)
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    portal.advance("PT4M")
    assert portal.send_claim(claim["ma_cskcb"], claim["bytes"]).json()["maKetQua"] == "200"
    portal.advance("PT2M")  # 6 virtual minutes after login: past the world's 5
    r = portal.send_claim(claim["ma_cskcb"], claim["bytes"])
    assert r.status_code == 200
    assert r.json()["maKetQua"] == "401" and r.json()["thongDiep"] == "Token het han"


def test_default_world_token_outlives_six_minutes(portal, files):
    # The contrast for the test above: the same six minutes under the default 1 hour.
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    portal.advance("PT6M")
    assert portal.send_claim(claim["ma_cskcb"], claim["bytes"]).json()["maKetQua"] == "200"


def test_a_bad_portal_section_is_refused_at_start_up(sim_bin, tmp_path):
    import subprocess
    path = world_with_portal(tmp_path, token_lifetime='"one hour"')
    r = subprocess.run([str(sim_bin), "serve", "--port", "0", "--world", str(path)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "$.portal.token_lifetime" in r.stderr and str(path) in r.stderr, r.stderr


def test_locked_account_403_wrong_facility_code_402(portal, files):
    # The embedded world's locked account (docs/world.md): 403, no token.
    body = Portal(portal.base).login("38209_KT", "KhoaTaiKhoan@38209")
    assert body["maKetQua"] == "403" and "APIKey" not in body, body
    # A wrong password is still 401 (authentication before the lock).
    assert Portal(portal.base).login("38209_KT", "sai")["maKetQua"] == "401"
    # 402 (assumption, docs/portal.md): a <MA_CSKCB>_BV username registered under another
    # facility.
    r = portal.admin("POST", "/_sim/world", json={"facility": {
        "ma_cskcb": "38401", "name": "Phòng khám Tân Phú", "level": "tu-nhan",
        "accounts": [{"username": "38402_BV", "password": "p402"},
                     {"username": "38401_BV", "password": "p401"}]}})
    assert r.status_code == 201, r.text
    body = Portal(portal.base).login("38402_BV", "p402")
    assert body["maKetQua"] == "402" and "APIKey" not in body, body
    assert Portal(portal.base).login("38401_BV", "p401")["maKetQua"] == "200"


def test_token_of_an_account_locked_after_login_is_refused_403(portal, files):
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    f = next(x for x in portal.world(limit=0)["facilities"] if x["ma_cskcb"] == claim["ma_cskcb"])
    acc = f["accounts"][0]
    r = portal.admin("POST", "/_sim/world", json={"facility": {
        "ma_cskcb": f["ma_cskcb"], "name": f["name"], "level": f["level"],
        "accounts": [{"username": acc["username"], "password": acc["password"],
                      "locked": True}]}})
    assert r.status_code == 200 and r.json()["replaced"] is True, r.text
    r = portal.send_claim(claim["ma_cskcb"], claim["bytes"])
    assert r.status_code == 200 and r.json()["maKetQua"] == "403", r.text
    assert portal.results() == []  # nothing was recorded
    assert Portal(portal.base).login(acc["username"], acc["password"])["maKetQua"] == "403"
    # The card look-up and the electronic certificates have no "locked" code: 401.
    r = requests.post(portal.base + "/api/egw/KQNhanLichSuKCB2024", timeout=30,
                      params={"token": portal.token["access_token"],
                              "id_token": portal.token["id_token"],
                              "username": acc["username"], "password": md5_upper(acc["password"])},
                      json={"maThe": "DN4383890000116", "hoTen": "A", "ngaySinh": "1990",
                            "hoTenCb": "B", "cccdCb": "038000000000"})
    assert r.json()["maKetQua"] == "401" and "khóa" in r.json()["ghiChu"], r.text
    r = portal.send_chung_tu(claim["ma_cskcb"], b"<CHUNGTU/>")
    assert r.json()["MaKetQua"] == "401" and "khóa" in r.json()["ThongDiep"], r.text


def test_entity_bomb_in_the_claim_is_recorded_then_rejected(portal, files):
    claim = first(files, "claim")
    logged_in(portal, claim["ma_cskcb"])
    levels = "".join(
        f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
    bomb = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE GIAMDINHHS [<!ENTITY l0 "lol">'
            + levels + ']>\n<GIAMDINHHS><THONGTINDONVI><MACSKCB>' + claim["ma_cskcb"]
            + '</MACSKCB></THONGTINDONVI><THONGTINHOSO>&l9;</THONGTINHOSO></GIAMDINHHS>')
    r = portal.send_claim(claim["ma_cskcb"], bomb.encode("utf-8"), timeout=20)
    assert r.status_code == 200 and r.json()["maKetQua"] == "200", r.text
    gd = r.json()["maGiaoDich"]
    portal.advance("PT2M")
    [row] = portal.results(maGiaoDich=gd)
    assert row["result"] == "rejected"
    assert "XML.DTD_FORBIDDEN" in [f["code"] for f in row["findings"]], row["findings"]
    # The server keeps serving: a valid claim right after is received and accepted.
    r = portal.send_claim(claim["ma_cskcb"], claim["bytes"])
    assert r.json()["maKetQua"] == "200"
    portal.advance("PT2M")
    [row] = portal.results(maGiaoDich=r.json()["maGiaoDich"])
    assert row["result"] == "accepted", row["findings"]


# --- identity against the register (issue 10): ID.* / CARD.* in the claim's verdict ------------

REPO_PKI = pathlib.Path(__file__).resolve().parents[2] / "fixtures/pki/default"


def _with_xml1_name(claim, change):
    """The claim with XML1's HO_TEN replaced by change(old name)."""
    import base64
    m = re.search(rb"<LOAIHOSO>XML1</LOAIHOSO>\s*<NOIDUNGFILE>([^<]+)</NOIDUNGFILE>", claim)
    assert m, "no XML1 in the generated claim"
    inner = base64.b64decode(m.group(1)).decode("utf-8")
    n = re.search(r"<HO_TEN>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</HO_TEN>", inner)
    assert n, inner[:400]
    new_inner = inner[:n.start(1)] + change(n.group(1)) + inner[n.end(1):]
    encoded = base64.b64encode(new_inner.encode("utf-8"))
    return claim[:m.start(1)] + encoded + claim[m.end(1):], n.group(1)


def _without_diacritics(name):
    import unicodedata
    name = name.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", name)
                   if not unicodedata.combining(ch))


@pytest.fixture(scope="module")
def renamed_claims(sim, tmp_path_factory):
    """A generated claim with XML1's name written in capitals without diacritics, and one with
    another name; both signed again with the facility's valid certificate."""
    out = tmp_path_factory.mktemp("gen-id")
    r = sim.run("generate", "--seed", 23, "--count", 1, "--unsigned", "--out", out)
    assert r.returncode == 0, r.stderr.decode()
    claim = None
    for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]:
        data = (out / e["file"]).read_bytes()
        if b"<MACSKCB>" in data:
            claim = data
    assert claim is not None
    ma = macskcb(claim)
    pki = REPO_PKI / ma
    signed = {}
    for label, change in (("plain", lambda n: _without_diacritics(n).upper()),
                          ("other", lambda n: n + " Khác")):
        changed, original = _with_xml1_name(claim, change)
        src, dst = out / (label + ".xml"), out / (label + "-signed.xml")
        src.write_bytes(changed)
        r = sim.run("sign", "--key", f"{pki}-valid.key.pem", "--cert", f"{pki}-valid.cert.pem",
                    src, dst)
        assert r.returncode == 0, r.stderr.decode()
        signed[label] = dst.read_bytes()
    signed["original_name"] = original
    return signed


def test_name_without_diacritics_accepted_and_another_name_rejected_with_id_name(
        portal, renamed_claims):
    assert _without_diacritics(renamed_claims["original_name"]) != \
        renamed_claims["original_name"], "the generated patient's name has no diacritics"
    row = verdict(portal, renamed_claims["plain"])
    assert row["result"] == "accepted", row["findings"]
    row = verdict(portal, renamed_claims["other"])
    assert row["result"] == "rejected"
    assert [f["code"] for f in row["findings"]] == ["ID.NAME"], row["findings"]
    f = row["findings"][0]
    assert f["field"] == "HO_TEN" and f["table"] == "XML1"
    assert renamed_claims["original_name"] in f["message_vi"]
    assert f["message_en"]
