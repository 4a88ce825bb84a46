"""The provinces' figures (issue 11, "Figures the provinces report") on a scenario with known
answers: claims sent on the day their visit ended or days later, one rejected for its signature,
one visit whose claim was never sent (a check-in only), a fixed display latency — the expected
same-day and display-SLA shares per facility and day are computed here from what the test did,
then compared with GET /_sim/figures and /ui/figures. And the adoption report (CV 329 Phụ lục 1)
as JSON, CSV and a page."""
import base64
import csv
import io
import json
import re
from collections import defaultdict
from datetime import datetime, timedelta, timezone

import pytest

VN = timezone(timedelta(hours=7))


def field(data, table, name):
    if table == "XML0":
        text = data.decode("utf-8")
    else:
        m = re.search(rb"<LOAIHOSO>" + table.encode() + rb"</LOAIHOSO>\s*<NOIDUNGFILE>([^<]+)<",
                      data)
        text = base64.b64decode(m.group(1)).decode("utf-8")
    n = re.search(rf"<{name}>(?:<!\[CDATA\[)?([^<\]]*)", text)
    return n.group(1) if n and n.group(1) else None


def local(yyyymmddhhmm):
    return datetime.strptime(yyyymmddhhmm[:12], "%Y%m%d%H%M").replace(tzinfo=VN)


def account(portal, ma):
    for f in portal.world(limit=0)["facilities"]:
        if f["ma_cskcb"] == ma:
            a = next(a for a in f["accounts"] if a["username"].endswith("_BV"))
            return a["username"], a["password"]
    raise AssertionError(ma)


def set_clock(portal, when):
    iso = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    r = portal.admin("POST", "/_sim/clock", json={"set": iso})
    assert r.status_code == 200, r.text


@pytest.fixture(scope="module")
def files(sim, tmp_path_factory):
    """Five valid visits of named citizens (claims and check-ins) and one claim signed with an
    expired certificate."""
    root = tmp_path_factory.mktemp("figures")
    r = sim.run("generate", "--seed", 3, "--count", 5, "--case",
                "hop-le-38001-a,hop-le-38001-b,hop-le-38105-a,hop-le-38209-a,hop-le-38301-a",
                "--out", root / "ok")
    assert r.returncode == 0, r.stderr.decode()
    r = sim.run("generate", "--seed", 9, "--count", 1, "--mutate", "SIG.CERT_EXPIRED",
                "--out", root / "sig")
    assert r.returncode == 0, r.stderr.decode()
    claims = sorted((p.read_bytes() for p in (root / "ok" / "claims").iterdir()),
                    key=lambda d: field(d, "XML1", "NGAY_RA"))
    checkins = {field(p.read_bytes(), "XML0", "MA_LK"): p.read_bytes()
                for p in (root / "ok" / "checkins").iterdir()}
    [sig] = [p.read_bytes() for p in (root / "sig").rglob("*.xml")]
    return claims, checkins, sig


def test_figures_match_a_scenario_computed_independently(portal, files):
    claims, checkins, sig = files
    r = portal.admin("POST", "/_sim/vneid/settings",
                     json={"display_latency": {"distribution": "fixed", "fixed": "PT2H"}})
    assert r.status_code == 200, r.text

    # What the test does, as (time, action); each visit's expected outcome is noted with it.
    plan = []
    expected = defaultdict(lambda: {"visits": 0, "sent_same_day": 0, "accepted": 0,
                                    "shown_within_24h": 0, "reasons": defaultdict(int)})

    def note(ma, end, same_day, accepted, shown, reason=None):
        e = expected[(ma, end.strftime("%Y-%m-%d"))]
        e["visits"] += 1
        e["sent_same_day"] += same_day
        e["accepted"] += accepted
        e["shown_within_24h"] += shown
        if reason:
            e["reasons"][reason] += 1

    for i, data in enumerate(claims[:4]):
        ma = field(data, "XML1", "MA_CSKCB") or data.decode("utf-8", "replace").split(
            "<MACSKCB>")[1][:5]
        end = local(field(data, "XML1", "NGAY_RA"))
        # Three sent at 23:59 on the day the visit ended, one two days later.
        when = end.replace(hour=23, minute=59) if i < 3 else (end + timedelta(days=2)).replace(
            hour=10, minute=0)
        plan.append((when, "claim", ma, data))
        note(ma, end, same_day=i < 3, accepted=1, shown=1)
    # The fifth visit: its check-in only; its claim is never sent.
    last = claims[4]
    ma_lk = field(last, "XML1", "MA_LK")
    checkin = checkins[ma_lk]
    ma = field(checkin, "XML0", "MA_CSKCB")
    start = local(field(checkin, "XML0", "NGAY_VAO"))
    end_text = field(checkin, "XML0", "NGAY_RA")
    plan.append((start + timedelta(minutes=5), "checkin", ma, checkin))
    note(ma, local(end_text) if end_text else start, same_day=0, accepted=0, shown=0,
         reason="not_sent")
    # A claim with an expired certificate, sent the same day: rejected for its signature.
    sig_ma = sig.decode("utf-8", "replace").split("<MACSKCB>")[1][:5]
    sig_end = local(field(sig, "XML1", "NGAY_RA"))
    plan.append((sig_end.replace(hour=23, minute=59), "claim", sig_ma, sig))
    note(sig_ma, sig_end, same_day=1, accepted=0, shown=0, reason="signature")

    for when, kind, ma, data in sorted(plan, key=lambda p: p[0]):
        set_clock(portal, when)
        assert portal.login(*account(portal, ma))["maKetQua"] == "200"
        send = portal.send_claim if kind == "claim" else portal.send_checkin
        body = send(ma, data).json()
        assert body["maKetQua"] == "200", body
    portal.advance("P3D")

    r = portal.admin("GET", "/_sim/figures")
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["targets"] == {"same_day_share": 0.95, "display_sla_share": 1.0}
    days = {(d["ma_cskcb"], d["day"]): d for d in got["days"]}
    assert set(days) == set(expected), (sorted(days), sorted(expected))
    for key, e in expected.items():
        d = days[key]
        assert d["visits"] == e["visits"], (key, d)
        assert d["sent_same_day"] == e["sent_same_day"], (key, d)
        assert d["accepted"] == e["accepted"], (key, d)
        assert d["shown_within_24h"] == e["shown_within_24h"], (key, d)
        assert d["reasons"] == dict(e["reasons"]), (key, d)
        assert d["same_day_share"] == pytest.approx(e["sent_same_day"] / e["visits"])
        if e["accepted"]:
            assert d["display_sla_share"] == pytest.approx(e["shown_within_24h"] / e["accepted"])
        else:
            assert d["display_sla_share"] is None
    total = got["total"]
    assert total["visits"] == 6 and total["sent_same_day"] == 4 and total["accepted"] == 4
    assert total["reasons"] == {"not_sent": 1, "signature": 1}
    # Filters.
    some = next(iter(expected))
    one = portal.admin("GET", "/_sim/figures", params={"ma_cskcb": some[0], "from": some[1],
                                                      "to": some[1]}).json()
    assert [(d["ma_cskcb"], d["day"]) for d in one["days"]] == [some]
    assert portal.admin("GET", "/_sim/figures", params={"from": "3/12"}).status_code == 400

    # The page: a chart and a table per facility, shares in Vietnamese.
    import requests
    html = requests.get(portal.base + "/ui/figures", timeout=30).text
    assert "Chỉ số liên thông Sổ sức khỏe điện tử" in html
    for ma_cskcb in {k[0] for k in expected}:
        assert f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-facility="{ma_cskcb}"' \
            in html
    assert "Chưa gửi hồ sơ: 1" in html and "Lỗi chữ ký số: 1" in html


def test_adoption_report_json_csv_and_page(portal):
    import requests
    j = portal.admin("GET", "/_sim/adoption").json()
    assert j["scope"] == "registered"
    rows = {r["ma_cskcb"]: r for r in j["facilities"]}
    world = portal.world(limit=100000)
    # Recomputed from the world's accounts: people per facility and level-2 counts.
    people, level2, integrated = defaultdict(int), defaultdict(int), defaultdict(int)
    for c in world["citizens"]:
        card = c.get("bhyt")
        if not card:
            continue
        ma = card["ma_dkbd"]
        people[ma] += 1
        v = c.get("vneid") or {}
        level2[ma] += v.get("level", 0) >= 2
        integrated[ma] += v.get("level", 0) >= 2 and bool(v.get("bhyt_integrated"))
    for ma, r in rows.items():
        assert r["people"] == people[ma], ma
        assert r["level2"] == level2[ma], ma
        assert r["bhyt_integrated"] == integrated[ma], ma
        assert r["not_level2"] == people[ma] - level2[ma]
    reasons = defaultdict(int)
    for r in rows.values():
        for k, n in r["not_level2_reasons"].items():
            reasons[k] += n
    assert reasons["Chưa có tài khoản định danh điện tử"] >= 1

    r = portal.admin("GET", "/_sim/adoption", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    text = r.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][2] == "Khoa/phòng/TYT" and len(table) == len(rows) + 1
    assert {row[1]: int(row[3]) for row in table[1:]} == {m: r["people"] for m, r in rows.items()}

    staff = portal.admin("GET", "/_sim/adoption", params={"scope": "staff"}).json()
    assert staff["scope"] == "staff"
    assert portal.admin("GET", "/_sim/adoption", params={"scope": "x"}).status_code == 400
    assert portal.admin("GET", "/_sim/adoption", params={"format": "xml"}).status_code == 400
    html = requests.get(portal.base + "/ui/adoption", timeout=30).text
    assert "Thống kê kết quả triển khai Sổ sức khỏe điện tử" in html and "Tải CSV" in html
