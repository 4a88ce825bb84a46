"""Identity against the register, end to end (issue 10, "Identity mismatches, end to end"):
claims generated for the named citizens of the embedded world (`generate --case`), judged by
`validate --crosscheck` and by the portal, listed as mismatches, and resolved by the commune
police's correction of the register or by a corrected resubmission."""
import base64
import json
import re

import pytest

from conftest import REPO

PKI = REPO / "fixtures/pki/default"

# Named case → the one finding its generated claim must carry against the register.
CASES = {
    "sai-ho-ten": "ID.NAME",
    "sai-ngay-sinh": "ID.DOB",
    "sai-gioi-tinh": "ID.SEX",
    "sai-so-dinh-danh": "ID.UNKNOWN",
    "the-het-han": "CARD.EXPIRED",
    "the-bi-thu-hoi": "CARD.REVOKED",
    "the-bao-giam": "CARD.BAO_GIAM",
    "the-cua-nguoi-khac": "CARD.NOT_OWNER",
}


@pytest.fixture(scope="module")
def case_claims(sim, tmp_path_factory):
    """One signed claim per named case: {case: (ma_cskcb, bytes, path)}."""
    root = tmp_path_factory.mktemp("cases")
    out = {}
    for case in list(CASES) + ["hop-le-38001-a"]:
        r = sim.run("generate", "--seed", 5, "--count", 1, "--case", case, "--out", root / case)
        assert r.returncode == 0, r.stderr.decode()
        manifest = json.loads((root / case / "manifest.json").read_text(encoding="utf-8"))
        [claim] = [e for e in manifest["files"] if e["file"].startswith("claims/")]
        path = root / case / claim["file"]
        out[case] = (path.name[:5], path.read_bytes(), path)
    return out


def xml1_field(claim_bytes, field):
    m = re.search(rb"<LOAIHOSO>XML1</LOAIHOSO>\s*<NOIDUNGFILE>([^<]+)</NOIDUNGFILE>", claim_bytes)
    inner = base64.b64decode(m.group(1)).decode("utf-8")
    n = re.search(rf"<{field}>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</{field}>", inner)
    return n.group(1)


def test_generate_case_writes_the_facility_records(case_claims):
    # docs/world.md: the facility says "Nguyễn Thị Thu Hương", the register "… Hường".
    assert xml1_field(case_claims["sai-ho-ten"][1], "HO_TEN") == "Nguyễn Thị Thu Hương"
    assert xml1_field(case_claims["sai-so-dinh-danh"][1], "SO_CCCD") == "038087900170"
    assert xml1_field(case_claims["sai-ngay-sinh"][1], "NGAY_SINH").startswith("19780415")
    assert xml1_field(case_claims["sai-gioi-tinh"][1], "GIOI_TINH") == "1"
    assert xml1_field(case_claims["the-cua-nguoi-khac"][1], "MA_THE_BHYT") == "DN4383890000116"


def test_generate_case_refuses_unknown_labels_and_cardless_citizens(sim, tmp_path):
    r = sim.run("generate", "--seed", 1, "--case", "khong-ton-tai", "--out", tmp_path)
    assert r.returncode == 2 and "sai-ho-ten" in r.stderr.decode()
    r = sim.run("generate", "--seed", 1, "--case", "khong-co-the", "--out", tmp_path)
    assert r.returncode == 2 and "no BHYT card" in r.stderr.decode()


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_crosscheck_gives_exactly_the_case_finding(sim, case_claims, case):
    path = case_claims[case][2]
    # Without --crosscheck the file stands on its own and is accepted.
    code, out = sim.validate_json("--at", "202612312359", path)
    assert code == 0, out
    code, out = sim.validate_json("--crosscheck", "--at", "202612312359", path)
    assert code == 1
    codes = [f["code"] for f in out["files"][0]["findings"]]
    assert codes == [CASES[case]], codes


def test_validate_crosscheck_accepts_a_matching_claim(sim, case_claims):
    code, out = sim.validate_json("--crosscheck", "--at", "202612312359",
                                  case_claims["hop-le-38001-a"][2])
    assert code == 0, out


# --- the mismatch list and its two resolutions, over HTTP ----------------------------------------

def _account(portal, ma_cskcb):
    for f in portal.world(limit=0)["facilities"]:
        if f["ma_cskcb"] == ma_cskcb:
            a = next(a for a in f["accounts"] if a["username"].endswith("_BV"))
            return a["username"], a["password"]
    raise AssertionError("no facility " + ma_cskcb)


def send(portal, ma_cskcb, data):
    """Logs in as the facility, sends the claim, lets its verdict fall due; returns its row."""
    assert portal.login(*_account(portal, ma_cskcb))["maKetQua"] == "200"
    body = portal.send_claim(ma_cskcb, data).json()
    assert body["maKetQua"] == "200", body
    portal.advance("PT2M")
    [row] = portal.results(maGiaoDich=body["maGiaoDich"])
    return row


def mismatches(portal, **params):
    """The mismatch list of the claims (the embedded world's vaccination records add their own
    rows, source tiem_chung: tests/py/test_vaccination_mismatch.py)."""
    params.setdefault("source", "ho_so")
    r = portal.admin("GET", "/_sim/mismatches", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def correct(portal, mismatch_id, **body):
    return portal.admin("POST", f"/_sim/mismatches/{mismatch_id}/correction", json=body)


def test_mismatch_listed_then_corrected_by_the_police_after_24_hours(portal, case_claims):
    ma, data, _ = case_claims["sai-ho-ten"]
    row = send(portal, ma, data)
    assert row["result"] == "rejected"
    assert [f["code"] for f in row["findings"]] == ["ID.NAME"]

    listing = mismatches(portal)
    [m] = listing["mismatches"]
    assert (m["kind"], m["code"], m["field"]) == ("ho_ten", "ID.NAME", "HO_TEN")
    assert m["claimed"] == "Nguyễn Thị Thu Hương" and m["registered"] == "Nguyễn Thị Thu Hường"
    assert m["so_dinh_danh"] == "038182900104" and m["maGiaoDich"] == row["maGiaoDich"]
    assert m["status"] == "open" and m["resolution"] is None and m["ma_cskcb"] == ma
    assert listing["summary"]["total"] == 1 and listing["summary"]["open"] == 1
    assert listing["facilities"][ma]["resolved_share"] == 0

    r = correct(portal, m["id"], by="Công an xã Tân Lập")
    assert r.status_code == 200, r.text
    pending = r.json()
    assert pending["status"] == "correction_pending"
    assert pending["correction"]["by"] == "Công an xã Tân Lập"
    # Default delay: 24 hours of virtual time.
    from datetime import datetime, timedelta
    req = datetime.fromisoformat(pending["correction"]["requested_at"].replace("Z", "+00:00"))
    eff = datetime.fromisoformat(pending["correction"]["effective_at"].replace("Z", "+00:00"))
    assert eff - req == timedelta(hours=24)
    # A second correction of the same mismatch is refused.
    assert correct(portal, m["id"]).status_code == 409

    portal.advance("PT23H")
    [m1] = mismatches(portal)["mismatches"]
    assert m1["status"] == "correction_pending"
    assert portal.results(maGiaoDich=row["maGiaoDich"])[0]["result"] == "rejected"

    portal.advance("PT2H")
    listing = mismatches(portal)
    [m2] = listing["mismatches"]
    assert m2["status"] == "resolved" and m2["resolution"] == "police_correction"
    assert m2["resolved_at"] == pending["correction"]["effective_at"]
    assert listing["summary"]["resolved"] == 1 and listing["summary"]["resolved_share"] == 1
    assert listing["summary"]["resolved_by_police"] == 1
    # The record is judged again against the corrected register: accepted.
    [again] = portal.results(maGiaoDich=row["maGiaoDich"])
    assert again["result"] == "accepted", again["findings"]
    assert again["decided_at"] == pending["correction"]["effective_at"]
    # The register itself now holds the facility's spelling, for every reader.
    citizens = portal.world(limit=1000)["citizens"]
    [c] = [c for c in citizens if c["so_dinh_danh"] == "038182900104"]
    assert c["ho_ten"] == "Nguyễn Thị Thu Hương"


def _resign(sim, tmp_path, ma, data, field, value):
    m = re.search(rb"<LOAIHOSO>XML1</LOAIHOSO>\s*<NOIDUNGFILE>([^<]+)</NOIDUNGFILE>", data)
    inner = base64.b64decode(m.group(1)).decode("utf-8")
    inner = re.sub(rf"<{field}>[^<]*</{field}>", f"<{field}>{value}</{field}>", inner, count=1)
    changed = data[:m.start(1)] + base64.b64encode(inner.encode("utf-8")) + data[m.end(1):]
    # Strip the old signature's effect by signing again with the facility's valid certificate.
    src, dst = tmp_path / f"{field}.xml", tmp_path / f"{field}-signed.xml"
    src.write_bytes(changed)
    pki = PKI / ma
    r = sim.run("sign", "--key", f"{pki}-valid.key.pem", "--cert", f"{pki}-valid.cert.pem",
                src, dst)
    assert r.returncode == 0, r.stderr.decode()
    return dst.read_bytes()


@pytest.fixture(scope="module")
def unsigned_dob_claim(sim, tmp_path_factory):
    out = tmp_path_factory.mktemp("dob")
    r = sim.run("generate", "--seed", 5, "--count", 1, "--case", "sai-ngay-sinh", "--unsigned",
                "--out", out)
    assert r.returncode == 0, r.stderr.decode()
    [path] = (out / "claims").iterdir()
    return path.name[:5], path.read_bytes()


def test_mismatch_resolved_by_a_corrected_resubmission(portal, sim, tmp_path, unsigned_dob_claim):
    ma, unsigned = unsigned_dob_claim
    wrong = _resign(sim, tmp_path, ma, unsigned, "NGAY_SINH", "197804150000")
    first = send(portal, ma, wrong)
    assert [f["code"] for f in first["findings"]] == ["ID.DOB"]
    [m] = mismatches(portal, kind="ngay_sinh")["mismatches"]
    assert m["registered"] == "19780514" and m["claimed"].startswith("19780415")

    fixed = _resign(sim, tmp_path, ma, unsigned, "NGAY_SINH", "197805140000")
    second = send(portal, ma, fixed)
    assert second["result"] == "accepted", second["findings"]
    [m2] = mismatches(portal)["mismatches"]
    assert m2["status"] == "resolved" and m2["resolution"] == "resubmission"
    assert m2["resolved_by"] == second["maGiaoDich"]
    [old] = portal.results(maGiaoDich=first["maGiaoDich"])
    assert old["replaced_by"] == second["maGiaoDich"]
    summary = mismatches(portal)["summary"]
    assert summary["resolved_by_resubmission"] == 1 and summary["resolved_within_24h"] == 1


def test_a_number_that_belongs_to_nobody_cannot_be_corrected_by_the_police(portal, case_claims):
    ma, data, _ = case_claims["sai-so-dinh-danh"]
    send(portal, ma, data)
    [m] = mismatches(portal)["mismatches"]
    assert m["kind"] == "so_dinh_danh" and m["claimed"] == "038087900170"
    r = correct(portal, m["id"])
    assert r.status_code == 409 and "resubmit" in r.json()["error"]
    assert mismatches(portal)["mismatches"][0]["status"] == "open"


def test_correction_at_once_and_filters(portal, case_claims):
    for case in ("sai-gioi-tinh", "sai-ho-ten"):
        ma, data, _ = case_claims[case]
        send(portal, ma, data)
    listing = mismatches(portal)
    assert listing["summary"]["total"] == 2
    assert [m["kind"] for m in mismatches(portal, kind="gioi_tinh")["mismatches"]] == ["gioi_tinh"]
    assert [m["kind"] for m in mismatches(portal, kind="ID.NAME")["mismatches"]] == ["ho_ten"]
    sex_ma = case_claims["sai-gioi-tinh"][0]
    assert {m["ma_cskcb"] for m in mismatches(portal, ma_cskcb=sex_ma)["mismatches"]} == {sex_ma}
    [sex] = mismatches(portal, kind="gioi_tinh")["mismatches"]
    day = sex["visit_date"]
    assert [m["id"] for m in mismatches(portal, kind="gioi_tinh", **{"from": day, "to": day})[
        "mismatches"]] == [sex["id"]]
    assert mismatches(portal, kind="gioi_tinh", to="2000-01-01")["mismatches"] == []
    assert mismatches(portal, limit=1)["truncated"] is True

    r = correct(portal, sex["id"], delay="PT0S")
    assert r.status_code == 200, r.text
    [done] = mismatches(portal, kind="gioi_tinh")["mismatches"]
    assert done["status"] == "resolved" and done["resolution"] == "police_correction"
    assert mismatches(portal, status="open")["summary"]["total"] == 1

    for bad in ({"kind": "chieu_cao"}, {"status": "maybe"}, {"from": "03/12/2026"},
                {"limit": "0"}):
        assert portal.admin("GET", "/_sim/mismatches", params=bad).status_code == 400, bad
    assert correct(portal, 999999).status_code == 404
    assert correct(portal, "abc").status_code == 404
    assert correct(portal, sex["id"], delay="tomorrow").status_code == 400
    assert correct(portal, sex["id"], by="").status_code == 400


def test_mismatches_stay_in_their_sandbox(portal, server, case_claims):
    from portal_client import Portal
    r = portal.admin("POST", "/_sim/sandboxes", json={"name": "lop-a"})
    assert r.status_code == 201, r.text
    trainee = Portal(server.base, sandbox="lop-a")
    ma, data, _ = case_claims["sai-ho-ten"]
    send(trainee, ma, data)
    assert mismatches(trainee)["summary"]["total"] == 1
    assert mismatches(portal)["summary"]["total"] == 0
    [m] = mismatches(trainee)["mismatches"]
    assert correct(trainee, m["id"], delay="PT0S").status_code == 200
    # The default sandbox's register is untouched.
    [c] = [c for c in portal.world(limit=1000)["citizens"] if c["so_dinh_danh"] == "038182900104"]
    assert c["ho_ten"] == "Nguyễn Thị Thu Hường"
    assert correct(portal, m["id"]).status_code == 404


def test_mismatch_page_for_people(portal, server, case_claims):
    import requests
    ma, data, _ = case_claims["sai-ho-ten"]
    send(portal, ma, data)
    html = requests.get(server.base + "/ui/mismatches", timeout=30).text
    assert "Danh sách sai lệch" in html and "Nguyễn Thị Thu Hương" in html
    assert "Nguyễn Thị Thu Hường" in html and "Chưa xử lý" in html and "0 %" in html
    [m] = mismatches(portal)["mismatches"]
    assert correct(portal, m["id"], delay="PT0S", by="Công an xã Tân Lập").status_code == 200
    html = requests.get(server.base + "/ui/mismatches", params={"kind": "ho_ten"},
                        timeout=30).text
    assert "Đã xử lý — công an cập nhật CSDL dân cư" in html and "100 %" in html
    html = requests.get(server.base + "/ui/mismatches", params={"status": "open"},
                        timeout=30).text
    assert "Nguyễn Thị Thu Hương" not in html
    r = requests.get(server.base + "/ui/mismatches", params={"kind": "x"}, timeout=30)
    assert r.status_code == 400 and "kind must be" in r.text


@pytest.mark.parametrize("case", ["the-het-han", "the-bi-thu-hoi", "the-bao-giam",
                                  "the-cua-nguoi-khac"])
def test_card_problems_in_the_portal_verdict_are_not_identity_mismatches(portal, case_claims,
                                                                        case):
    ma, data, _ = case_claims[case]
    row = send(portal, ma, data)
    assert row["result"] == "rejected"
    assert [f["code"] for f in row["findings"]] == [CASES[case]]
    f = row["findings"][0]
    assert f["field"] == "MA_THE_BHYT" and f["message_vi"] and f["message_en"]
    assert mismatches(portal)["summary"]["total"] == 0


def test_world_switches_correction_delay_and_strict_names(sim_bin, sim, tmp_path, case_claims,
                                                          unsigned_dob_claim):
    """The world's c06 section: correction_delay is the police's default delay, and with
    names_without_diacritics false a name in capitals without diacritics is a mismatch."""
    from portal_client import Portal, Server
    text = (REPO / "simulator/world/data/default_world.yaml").read_text(encoding="utf-8")
    for key, value in (("names_without_diacritics", "false"), ("correction_delay", '"PT2H"')):
        text, n = re.subn(rf"(?m)^  {key}: \S+", f"  {key}: {value}", text, count=1)
        assert n == 1, key
    world = tmp_path / "world.yaml"
    world.write_text(text, encoding="utf-8")
    server = Server(sim_bin, data_dir=tmp_path, extra=["--world", world]).start()
    try:
        portal = Portal(server.base)
        ma, unsigned = unsigned_dob_claim  # Trần Văn Bình, register 1978-05-14
        plain = _resign(sim, tmp_path, ma,
                        _unsign_field(unsigned, "HO_TEN", "TRAN VAN BINH"), "NGAY_SINH",
                        "197805140000")
        row = send(portal, ma, plain)
        assert [f["code"] for f in row["findings"]] == ["ID.NAME"], row["findings"]
        [m] = mismatches(portal)["mismatches"]
        r = correct(portal, m["id"])
        assert r.status_code == 200, r.text
        from datetime import datetime, timedelta
        c = r.json()["correction"]
        parse = lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))  # noqa: E731
        assert parse(c["effective_at"]) - parse(c["requested_at"]) == timedelta(hours=2)
    finally:
        server.stop()


def _unsign_field(data, field, value):
    """The unsigned claim with one XML1 field replaced (signed later by _resign)."""
    m = re.search(rb"<LOAIHOSO>XML1</LOAIHOSO>\s*<NOIDUNGFILE>([^<]+)</NOIDUNGFILE>", data)
    inner = base64.b64decode(m.group(1)).decode("utf-8")
    inner = re.sub(rf"<{field}>(?:<!\[CDATA\[)?[^<]*?(?:\]\]>)?</{field}>",
                   f"<{field}>{value}</{field}>", inner, count=1)
    return data[:m.start(1)] + base64.b64encode(inner.encode("utf-8")) + data[m.end(1):]
