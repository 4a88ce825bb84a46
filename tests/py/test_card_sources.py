"""VssID or VNeID at reception (Bà Rịa–Vũng Tàu plan 3.1; spec c06 A5 "VNeID at reception";
docs/portal.md "VssID and VNeID at reception"): the card look-up has no field for the app the card
came from, so the answer is the same whichever app showed it. What differs is the identifier the
desk reads: the 12-digit ID number from VNeID, the card number or the 10-digit BHXH number from
VssID — the look-up answers the same for all three, and ignores any hint of the source."""
import pytest
import requests

from portal_client import Portal, md5_upper

# Fields that change from one look-up to the next (the look-up history grows with each call).
VOLATILE = {"dsLichSuKT2018"}


@pytest.fixture(scope="module")
def world(server):
    return Portal(server.base).world(limit=10000)


@pytest.fixture
def desk(server, world):
    p = Portal(server.base)
    assert p.admin("POST", "/_sim/reset").status_code == 200
    f = world["facilities"][0]
    acc = f["accounts"][0]
    assert p.login(acc["username"], acc["password"])["maKetQua"] == "200"
    officer = f["officers"][0]

    def lookup(ma_the, ho_ten, ngay_sinh, extra=None, headers=None, path="KQNhanLichSuKCB2024"):
        params = {"token": p.token["access_token"], "id_token": p.token["id_token"],
                  "username": acc["username"], "password": md5_upper(acc["password"])}
        payload = {"maThe": ma_the, "hoTen": ho_ten, "ngaySinh": ngay_sinh,
                   "hoTenCb": officer["ho_ten"], "cccdCb": officer["so_cccd"]}
        payload.update(extra or {})
        r = requests.post(f"{server.base}/api/egw/{path}", params=params, json=payload,
                          headers=headers or {}, timeout=30)
        assert r.status_code == 200
        return {k: v for k, v in r.json().items() if k not in VOLATILE}
    return lookup


def dmy(yyyymmdd):
    return f"{yyyymmdd[6:8]}/{yyyymmdd[4:6]}/{yyyymmdd[0:4]}"


@pytest.mark.parametrize("label", ["hop-le-38001-a", "the-het-han", "the-bao-giam"])
@pytest.mark.parametrize("path", ["KQNhanLichSuKCB2024", "Lskcb2025"])
def test_same_answer_whichever_identifier_the_app_shows(desk, world, label, path):
    c = next(c for c in world["citizens"] if c["case_label"] == label)
    name, dob = c["ho_ten"], dmy(c["ngay_sinh"])
    via_vneid = desk(c["so_dinh_danh"], name, dob, path=path)   # the e-ID's 12-digit number
    via_vssid_card = desk(c["bhyt"]["ma_the"], name, dob, path=path)  # the card VssID shows
    via_vssid_bhxh = desk(c["ma_bhxh"], name, dob, path=path)     # the BHXH number VssID shows
    assert via_vneid["maKetQua"] != "205", via_vneid
    assert via_vneid == via_vssid_card == via_vssid_bhxh


@pytest.mark.parametrize("hint", [
    {"extra": {"nguonThe": "VssID"}}, {"extra": {"nguonThe": "VNeID"}},
    {"extra": {"ungDung": "VssID"}}, {"headers": {"User-Agent": "VssID/2.0 (Android)"}},
    {"headers": {"X-App": "VNeID"}},
])
def test_answer_does_not_depend_on_a_source_hint(desk, world, hint):
    c = next(c for c in world["citizens"] if c["case_label"] == "hop-le-38001-a")
    plain = desk(c["bhyt"]["ma_the"], c["ho_ten"], dmy(c["ngay_sinh"]))
    hinted = desk(c["bhyt"]["ma_the"], c["ho_ten"], dmy(c["ngay_sinh"]), **hint)
    assert plain["maKetQua"] == "000" and hinted == plain
