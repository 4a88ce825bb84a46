"""Vaccination records against the population register (issue 11, "Vaccinations in the history
group"; docs/crosscheck.md "Vaccination records", docs/vneid.md) and accepted KSK records in the
health book, through the real binary.

The embedded world's hop-le-38001-b (Trịnh Quang Huy, 038060900117, born 1960-12-30) has two
COVID-19 doses as the vaccination system recorded them: dose 1 under "Trịnh Quang Hủy", dose 2
under 1961-12-30. With the world's c06.vaccination_crosscheck on they are identity mismatches of
the list; the commune police's correction resolves them like a claim's."""
import re
import pathlib

import pytest
import requests

from test_ksk_hub_http import Hub, envelope, header_of

REPO = pathlib.Path(__file__).resolve().parents[2]
HUY = "038060900117"
ANH = "038188900116"


def _server_with_switch(sim_bin, tmp_path, value):
    """A server whose world is the embedded one with c06.vaccination_crosscheck = value."""
    from portal_client import Portal, Server
    text = (REPO / "simulator/world/data/default_world.yaml").read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^  vaccination_crosscheck: \S+", "  vaccination_crosscheck: " + value,
                      text, count=1)
    assert n == 1
    world = tmp_path / "world.yaml"
    world.write_text(text, encoding="utf-8")
    server = Server(sim_bin, data_dir=tmp_path, extra=["--world", world]).start()
    try:
        yield Portal(server.base)
    finally:
        server.stop()


@pytest.fixture
def checked(sim_bin, tmp_path):
    """The embedded world as it is: c06.vaccination_crosscheck on (its default)."""
    yield from _server_with_switch(sim_bin, tmp_path, "true")


@pytest.fixture
def unchecked(sim_bin, tmp_path):
    yield from _server_with_switch(sim_bin, tmp_path, "false")


def listing(portal, **params):
    r = portal.admin("GET", "/_sim/mismatches", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def book(portal, who):
    r = portal.admin("GET", f"/_sim/vneid/{who}", params={"viewer": who})
    assert r.status_code == 200, r.text
    return r.json()


def test_vaccination_records_are_mismatches_found_once_and_resolved_by_the_police(checked):
    first = listing(checked)
    rows = sorted(first["mismatches"], key=lambda m: m["maGiaoDich"])
    assert [(m["source"], m["maGiaoDich"], m["code"], m["kind"], m["field"], m["claimed"],
             m["registered"], m["so_dinh_danh"], m["row"], m["ma_lk"], m["visit_date"],
             m["status"]) for m in rows] == [
        ("tiem_chung", f"TIEMCHUNG-{HUY}-1", "ID.NAME", "ho_ten", "HO_TEN", "Trịnh Quang Hủy",
         "Trịnh Quang Huy", HUY, 1, "TIEM_CHUNG", "2021-08-12", "open"),
        ("tiem_chung", f"TIEMCHUNG-{HUY}-2", "ID.DOB", "ngay_sinh", "NGAY_SINH", "19611230",
         "19601230", HUY, 2, "TIEM_CHUNG", "2021-10-21", "open")]
    assert first["summary"]["total"] == 2 and first["summary"]["open"] == 2
    # Read again, and in the UI: found once per record, no duplicates.
    html = requests.get(checked.base + "/ui/mismatches", timeout=30).text
    assert "Trịnh Quang Hủy" in html
    assert listing(checked)["summary"]["total"] == 2
    assert [m["maGiaoDich"] for m in listing(checked, kind="ho_ten")["mismatches"]] == [
        f"TIEMCHUNG-{HUY}-1"]

    # The book marks both doses until resolved; the register is unchanged.
    b = book(checked, HUY)
    doses = b["tien_su"]["tiem_chung"]
    assert [d["khop_csdl_dan_cu"] for d in doses] == [False, False]
    assert doses[0]["ghi_chu"] == "chưa khớp CSDL dân cư"
    assert doses[0]["sai_lech"] == [{"truong": "HO_TEN", "ghi_nhan": "Trịnh Quang Hủy",
                                     "csdl": "Trịnh Quang Huy"}]
    assert doses[1]["sai_lech"][0]["truong"] == "NGAY_SINH"
    page = checked.session.get(checked.base + f"/ui/vneid/{HUY}", params={"viewer": HUY}).text
    assert "chưa khớp CSDL dân cư" in page

    # The commune police correct the register from the vaccination record (at once).
    name_row = rows[0]
    r = checked.admin("POST", f"/_sim/mismatches/{name_row['id']}/correction",
                      json={"delay": "PT0S", "by": "Công an phường Đông Thành"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "correction_pending"
    after = {m["maGiaoDich"]: m for m in listing(checked)["mismatches"]}
    assert len(after) == 2  # the corrected register does not add rows
    done = after[f"TIEMCHUNG-{HUY}-1"]
    assert done["status"] == "resolved" and done["resolution"] == "police_correction"
    assert after[f"TIEMCHUNG-{HUY}-2"]["status"] == "open"
    b = book(checked, HUY)
    assert b["thong_tin_hanh_chinh"]["ho_ten"] == "Trịnh Quang Hủy"
    doses = b["tien_su"]["tiem_chung"]
    assert doses[0]["khop_csdl_dan_cu"] is True and "ghi_chu" not in doses[0]
    assert doses[1]["khop_csdl_dan_cu"] is False

    # The date of birth too: then every dose matches.
    r = checked.admin("POST", f"/_sim/mismatches/{rows[1]['id']}/correction",
                      json={"delay": "PT1H"})
    assert r.status_code == 200, r.text
    assert book(checked, HUY)["tien_su"]["tiem_chung"][1]["khop_csdl_dan_cu"] is False
    checked.advance("PT1H")
    assert listing(checked, status="resolved")["summary"]["total"] == 2
    b = book(checked, HUY)
    assert b["thong_tin_hanh_chinh"]["ngay_sinh"] == "30/12/1961"
    assert [d["khop_csdl_dan_cu"] for d in b["tien_su"]["tiem_chung"]] == [True, True]


def test_vaccination_mismatches_stay_in_their_sandbox(checked):
    r = checked.admin("POST", "/_sim/sandboxes", json={"name": "lop-tiem"})
    assert r.status_code in (200, 201), r.text
    from portal_client import Portal
    other = Portal(checked.base, sandbox="lop-tiem")
    [m] = listing(checked, kind="ngay_sinh")["mismatches"]
    assert checked.admin("POST", f"/_sim/mismatches/{m['id']}/correction",
                         json={"delay": "PT0S"}).status_code == 200
    assert listing(checked, status="resolved")["summary"]["total"] == 1
    theirs = listing(other)
    assert theirs["summary"]["total"] == 2 and theirs["summary"]["open"] == 2


def test_without_the_switch_the_list_has_no_vaccination_rows(unchecked, portal):
    """With c06.vaccination_crosscheck off the list has no vaccination rows; the book still
    marks them. The embedded world has it on: its list has the two rows, filterable by source."""
    assert listing(unchecked)["summary"]["total"] == 0
    doses = book(unchecked, HUY)["tien_su"]["tiem_chung"]
    assert [d["khop_csdl_dan_cu"] for d in doses] == [False, False]
    assert all(d["khop_csdl_dan_cu"] for d in book(unchecked, ANH)["tien_su"]["tiem_chung"])
    assert listing(portal)["summary"]["total"] == 2
    assert listing(portal, source="tiem_chung")["summary"]["total"] == 2
    assert listing(portal, source="ho_so")["summary"]["total"] == 0
    assert portal.admin("GET", "/_sim/mismatches", params={"source": "x"}).status_code == 400


def test_accepted_ksk_record_shows_in_the_book(sim, portal, server):
    hub = Hub(server.base)

    def signed(ma_lk, *args):
        s = sim.run("ksk", "sample", "--facility", "38001", "--ma-lk", ma_lk, "--citizen", ANH)
        assert s.returncode == 0, s.stderr
        r = sim.run("ksk", "sign", "--facility", "38001", *args, input=s.stdout)
        assert r.returncode == 0, r.stderr
        return r.stdout

    assert book(portal, ANH)["kham_suc_khoe"] == []
    token = hub.token()
    h = header_of(hub.push(token, envelope(signed("KSK-ANH-1"))))
    assert h["res_code"] == "CM_SUCCESS" and h["data_state"] == "VALID", h
    # A record the hub rejects (revoked seal) never reaches the book.
    h = header_of(hub.push(token, envelope(signed("KSK-ANH-2", "--seal", "revoked"))))
    assert h["data_state"] == "INVALID", h
    [k] = book(portal, ANH)["kham_suc_khoe"]
    assert k["loai"] == "Khám sức khỏe" and k["co_so_kcb"]["ma"] == "38001"
    assert k["co_so_kcb"]["ten"]
    assert k["ket_luan"] == "Đủ sức khỏe học tập, làm việc"
    assert k["phan_loai_suc_khoe"] == "Loại I"
    assert re.fullmatch(r"\d\d/\d\d/\d{4}( \d\d:\d\d)?", k["ngay_kham"]), k
    assert k["maGiaoDich"].startswith("KSK")
    # Somebody else's book does not show it.
    assert book(portal, HUY)["kham_suc_khoe"] == []
    page = portal.session.get(portal.base + f"/ui/vneid/{ANH}", params={"viewer": ANH}).text
    assert "Khám sức khỏe" in page and "Loại I" in page


def test_vaccinations_of_a_citizen_added_in_the_sandbox_are_checked_too(checked):
    """A citizen the trainer adds through POST /_sim/world (not in the base world) whose
    vaccination record carries another name is a mismatch row like the base world's."""
    added = "038195900777"
    r = checked.admin("POST", "/_sim/world", json={"citizen": {
        "so_dinh_danh": added, "ho_ten": "Đặng Thị Mỹ Duyên", "date_of_birth": "1995-03-14",
        "sex": "female",
        "vaccinations": [{"vaccine": "COVID-19 (Pfizer)", "date": "2021-09-02",
                          "recorded": {"ho_ten": "Đặng Thị Mĩ Duyên"}},
                         {"vaccine": "Viêm gan B", "date": "2022-01-10"}]}})
    assert r.status_code == 201, r.text
    rows = [m for m in listing(checked, source="tiem_chung")["mismatches"]
            if m["so_dinh_danh"] == added]
    assert [(m["maGiaoDich"], m["code"], m["claimed"], m["registered"]) for m in rows] == [
        (f"TIEMCHUNG-{added}-1", "ID.NAME", "Đặng Thị Mĩ Duyên", "Đặng Thị Mỹ Duyên")]
    # Listed once, however often the list is read; and only in this sandbox.
    assert len([m for m in listing(checked)["mismatches"] if m["so_dinh_danh"] == added]) == 1
    r = checked.admin("POST", "/_sim/sandboxes", json={"name": "lop-khac"})
    assert r.status_code in (200, 201), r.text
    from portal_client import Portal
    other = listing(Portal(checked.base, sandbox="lop-khac"), source="tiem_chung")
    assert added not in {m["so_dinh_danh"] for m in other["mismatches"]}
