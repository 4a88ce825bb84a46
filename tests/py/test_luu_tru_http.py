"""Lưu trú (Bà Rịa–Vũng Tàu plan 2.4; docs/luu-tru.md) through the real binary: declarations to
the commune police (POST /c06/luu-tru/khai-bao) and the check that every night of an accepted
inpatient claim was declared (GET /_sim/luu-tru/check). Inpatient claims come from
`sskdt-sim generate`; their nights are computed here independently from the XML."""
import base64
import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
import requests


def xml1_of(claim_bytes):
    root = ET.fromstring(claim_bytes)
    for f in root.iter("FILEHOSO"):
        if f.findtext("LOAIHOSO") == "XML1":
            inner = ET.fromstring(base64.b64decode(f.findtext("NOIDUNGFILE")))
            return {c.tag: (c.text or "") for c in inner}
    raise AssertionError("no XML1")


def day(text):
    return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))


def nights_of(x1):
    first = day(x1.get("NGAY_VAO_NOI_TRU") or x1["NGAY_VAO"])
    last = day(x1["NGAY_RA"])
    return [first + dt.timedelta(days=i) for i in range((last - first).days)]


@pytest.fixture(scope="module")
def inpatients(sim, tmp_path_factory):
    """Two inpatient claims (MA_LOAI_KCB 03) of one facility, with at least two nights each."""
    out = tmp_path_factory.mktemp("luu-tru-gen")
    r = sim.run("generate", "--seed", 11, "--count", 60, "--out", out)
    assert r.returncode == 0, r.stderr
    by_facility = {}
    for p in sorted((out / "claims").glob("*.xml")):
        data = p.read_bytes()
        x1 = xml1_of(data)
        if x1.get("MA_LOAI_KCB") == "03" and len(nights_of(x1)) >= 2:
            by_facility.setdefault(p.name[:5], []).append((data, x1))
    facility, claims = max(by_facility.items(), key=lambda kv: len(kv[1]))
    assert len(claims) >= 2, by_facility.keys()
    return facility, claims[:2]


def declare(base, facility, people, tu, den, kenh="vneid", sandbox=None, **extra):
    body = {"ma_cskcb": facility, "kenh": kenh, "tu_ngay": str(tu), "den_ngay": str(den),
            "nguoi_luu_tru": people}
    body.update(extra)
    prefix = f"/s/{sandbox}" if sandbox else ""
    return requests.post(base + prefix + "/c06/luu-tru/khai-bao", json=body, timeout=30)


def person(x1):
    return {"so_dinh_danh": x1["SO_CCCD"], "ho_ten": x1["HO_TEN"], "ma_lk": x1["MA_LK"]}


def login(portal, ma_cskcb):
    for f in portal.world(limit=0)["facilities"]:
        if f["ma_cskcb"] == ma_cskcb:
            a = next(a for a in f["accounts"] if a["username"].endswith("_BV"))
            assert portal.login(a["username"], a["password"])["maKetQua"] == "200"
            return
    raise AssertionError("no facility " + ma_cskcb)


@pytest.fixture
def accepted(portal, inpatients):
    facility, claims = inpatients
    login(portal, facility)
    for data, _ in claims:
        assert portal.send_claim(facility, data).json()["maKetQua"] == "200"
    portal.advance("PT2M")
    results = [r for r in portal.results(ma_cskcb=facility) if r["kind"] == "claim"]
    assert [r["result"] for r in results] == ["accepted", "accepted"], results
    return facility, claims


def check(portal, **params):
    r = portal.admin("GET", "/_sim/luu-tru/check", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_nothing_declared_every_night_missing(portal, accepted):
    facility, claims = accepted
    c = check(portal, ma_cskcb=facility)
    expected = sum(len(nights_of(x1)) for _, x1 in claims)
    assert c["summary"] == {"claims": 2, "nights": expected, "declared": 0, "missing": expected}
    by_lk = {x["ma_lk"]: x for x in c["claims"]}
    for _, x1 in claims:
        got = by_lk[x1["MA_LK"]]
        assert got["status"] == "missing" and got["so_cccd"] == x1["SO_CCCD"]
        assert [n["date"] for n in got["nights"]] == [str(d) for d in nights_of(x1)]


def test_full_stay_declared_and_one_night_missing(portal, accepted):
    facility, claims = accepted
    (_, full), (_, partial) = claims
    fn, pn = nights_of(full), nights_of(partial)
    r = declare(portal.base, facility, [person(full)], fn[0], fn[-1] + dt.timedelta(days=1))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ma_loi"] == "0" and body["so_dem"] == len(fn) and body["so_nguoi"] == 1
    # The partial stay: every night but the first, through the public-service portal.
    r = declare(portal.base, facility, [person(partial)], pn[1], pn[-1] + dt.timedelta(days=1),
                kenh="dvc")
    assert r.status_code == 200, r.text
    c = check(portal, ma_cskcb=facility)
    by_lk = {x["ma_lk"]: x for x in c["claims"]}
    assert by_lk[full["MA_LK"]]["status"] == "declared"
    assert all(n["status"] == "declared" and n["ma_khai_bao"] for n in
               by_lk[full["MA_LK"]]["nights"])
    missing = [n["date"] for n in by_lk[partial["MA_LK"]]["nights"] if n["status"] == "missing"]
    assert by_lk[partial["MA_LK"]]["status"] == "missing" and missing == [str(pn[0])]
    assert c["summary"]["missing"] == 1
    assert c["summary"]["declared"] == len(fn) + len(pn) - 1
    # The date filter: the partial stay's first night only lists the claims staying that night.
    one = check(portal, ma_cskcb=facility, date=str(pn[0]))
    assert partial["MA_LK"] in [x["ma_lk"] for x in one["claims"]]
    assert all(any(n["date"] == str(pn[0]) for n in x["nights"]) for x in one["claims"])
    # The page shows the same: the partial stay's first night missing, the share declared.
    page = requests.get(portal.base + "/ui/luu-tru", params={"ma_cskcb": facility}, timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert page.text.count(" ✗</span>") == 1 and partial["HO_TEN"] in page.text
    assert f"<b>{len(fn) + len(pn) - 1} / {len(fn) + len(pn)}</b>" in page.text
    # Declarations are journal records of kind luu_tru, their exchanges endpoint luu_tru.
    kinds = [x["kind"] for x in portal.results(ma_cskcb=facility)]
    assert kinds.count("luu_tru") == 2
    entries = portal.admin("GET", "/_sim/journal").json()["entries"]
    assert [e["response"]["status"] for e in entries if e["endpoint"] == "luu_tru"] == [200, 200]


def test_declaration_of_another_facility_does_not_count(portal, accepted):
    facility, claims = accepted
    _, x1 = claims[0]
    other = "38001" if facility != "38001" else "38105"
    n = nights_of(x1)
    assert declare(portal.base, other, [person(x1)], n[0], n[-1] + dt.timedelta(days=1)).ok
    c = check(portal, ma_cskcb=facility)
    assert c["summary"]["declared"] == 0
    # One night declared (tu_ngay = first night, den_ngay = the next day): only that night.
    assert declare(portal.base, facility, [person(x1)], n[0], n[1]).ok
    c = check(portal, ma_cskcb=facility)
    [got] = [x for x in c["claims"] if x["ma_lk"] == x1["MA_LK"]]
    assert [m["status"] for m in got["nights"]] == ["declared"] + ["missing"] * (len(n) - 1)


@pytest.mark.parametrize("change,field", [
    ({"kenh": "zalo"}, "kenh"),
    ({"ma_cskcb": "99999"}, "ma_cskcb"),
    ({"tu_ngay": "03/12/2026"}, "tu_ngay"),
    ({"den_ngay": "2026-12-01"}, "den_ngay"),
    ({"nguoi_luu_tru": []}, "nguoi_luu_tru"),
    ({"nguoi_luu_tru": [{"so_dinh_danh": "12345", "ho_ten": "A"}]},
     "nguoi_luu_tru[0].so_dinh_danh"),
    ({"nguoi_luu_tru": [{"so_dinh_danh": "038999999999", "ho_ten": "Không Có"}]},
     "nguoi_luu_tru[0].so_dinh_danh"),
    ({"nguoi_luu_tru": [{"so_dinh_danh": "038068900101"}]}, "nguoi_luu_tru[0].ho_ten"),
])
def test_refused_declarations_name_the_field(portal, change, field):
    body = {"ma_cskcb": "38001", "kenh": "vneid", "tu_ngay": "2026-12-01",
            "den_ngay": "2026-12-03",
            "nguoi_luu_tru": [{"so_dinh_danh": "038068900101", "ho_ten": "Người Bệnh"}]}
    body.update(change)
    r = requests.post(portal.base + "/c06/luu-tru/khai-bao", json=body, timeout=30)
    assert r.status_code == 400 and r.json()["truong"] == field, r.text
    assert not [x for x in portal.results() if x["kind"] == "luu_tru"]


def test_other_paths_and_methods(portal):
    assert requests.get(portal.base + "/c06/luu-tru/khai-bao", timeout=30).status_code == 405
    assert requests.post(portal.base + "/c06/luu-tru/x", json={}, timeout=30).status_code == 404
    assert portal.admin("GET", "/_sim/luu-tru/check", params={"date": "3/12"}).status_code == 400


def test_fault_and_sandbox_isolation(portal):
    ok = {"so_dinh_danh": "038068900101", "ho_ten": "Người Bệnh"}
    r = portal.admin("POST", "/_sim/faults", json={"type": "outage",
                                                     "scope": {"endpoint": "luu_tru"}})
    assert r.status_code == 201, r.text
    assert declare(portal.base, "38001", [ok], "2026-12-01", "2026-12-02").status_code == 503
    portal.admin("DELETE", "/_sim/faults/" + r.json()["id"])
    assert portal.admin("POST", "/_sim/sandboxes", json={"name": "lt"}).status_code == 201
    assert declare(portal.base, "38001", [ok], "2026-12-01", "2026-12-02", sandbox="lt").ok
    assert not [x for x in portal.results() if x["kind"] == "luu_tru"]
    res = requests.get(portal.base + "/s/lt/_sim/results", timeout=30).json()["results"]
    assert [x["kind"] for x in res] == ["luu_tru"]
    stored = json.loads(json.dumps(res[0]))
    assert stored["result"] == "accepted" and stored["ma_cskcb"] == "38001"
