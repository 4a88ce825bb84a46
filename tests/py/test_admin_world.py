"""`POST /_sim/world` adds a citizen, a facility or a certificate to one sandbox (issue 9;
docs/admin-api.md), in the world file's own entry format, checked by the world loader: the card
look-up and the login then see the change in that sandbox only; bad bodies get 400 naming the
path."""
import pytest
import requests

from portal_client import Portal, md5_upper


@pytest.fixture
def sandboxes(server):
    root = Portal(server.base)
    assert root.admin("POST", "/_sim/reset").status_code == 200
    for name in ("lop-a", "lop-b"):
        r = root.admin("POST", "/_sim/sandboxes", json={"name": name})
        assert r.status_code == 201, r.text
    return Portal(server.base, "lop-a"), Portal(server.base, "lop-b")


def lookup(portal, ma_the, ho_ten, ngay_sinh):
    """A card look-up by the provincial hospital's desk in `portal`'s sandbox."""
    world = portal.world(limit=0)
    f = next(x for x in world["facilities"] if x["ma_cskcb"] == "38001")
    acc, officer = f["accounts"][0], f["officers"][0]
    body = portal.login(acc["username"], acc["password"])
    assert body["maKetQua"] == "200", body
    r = requests.post(portal.base + "/api/egw/KQNhanLichSuKCB2024",
                      params={"token": portal.token["access_token"],
                              "id_token": portal.token["id_token"],
                              "username": acc["username"],
                              "password": md5_upper(acc["password"])},
                      json={"maThe": ma_the, "hoTen": ho_ten, "ngaySinh": ngay_sinh,
                            "hoTenCb": officer["ho_ten"], "cccdCb": officer["so_cccd"]},
                      timeout=30)
    assert r.status_code == 200
    return r.json()


NEW_CITIZEN = {
    "so_dinh_danh": "038090900777", "ho_ten": "Đinh Văn Thêm", "date_of_birth": "1990-07-07",
    "sex": "male", "address": "Thôn 1, xã Tân Phú, huyện Ninh Sơn, tỉnh Thượng Ninh",
    "card": {"number": "DN4383890000777", "ma_dkbd": "38001", "valid_from": "2026-01-01",
             "valid_to": "2099-12-31"},
}


def post_world(portal, body):
    return portal.admin("POST", "/_sim/world", json=body)


def test_added_citizen_is_found_in_its_sandbox_only(sandboxes):
    a, b = sandboxes
    before = a.world(limit=0)["total_citizens"]
    r = post_world(a, {"citizen": NEW_CITIZEN})
    assert r.status_code == 201, r.text
    assert r.json()["replaced"] is False
    assert r.json()["citizen"]["ma_bhxh"] == "3890000777"  # defaulted by the loader
    assert a.world(limit=0)["total_citizens"] == before + 1
    assert b.world(limit=0)["total_citizens"] == before
    args = ("DN4383890000777", "Đinh Văn Thêm", "07/07/1990")
    assert lookup(a, *args)["maKetQua"] == "000"
    assert lookup(b, *args)["maKetQua"] == "050"
    assert lookup(a, "038090900777", "Đinh Văn Thêm", "1990")["maKetQua"] == "000"
    # The same entry again replaces it (same so_dinh_danh): 200, still one more citizen.
    r = post_world(a, {"citizen": NEW_CITIZEN})
    assert r.status_code == 200 and r.json()["replaced"] is True
    assert a.world(limit=0)["total_citizens"] == before + 1


def test_replacing_a_citizens_card_status_revoked_110(sandboxes):
    a, b = sandboxes
    c = next(x for x in a.world(limit=10000)["citizens"] if x["case_label"] == "hop-le-38001-b")
    dob = c["ngay_sinh"]
    args = (c["bhyt"]["ma_the"], c["ho_ten"], f"{dob[6:]}/{dob[4:6]}/{dob[:4]}")
    assert lookup(a, *args)["maKetQua"] == "000"
    # Only the keys given change (the loader's override rules); the rest is kept.
    r = post_world(a, {"citizen": {"so_dinh_danh": c["so_dinh_danh"],
                                   "card": {"status": "revoked"}}})
    assert r.status_code == 200, r.text
    assert r.json()["replaced"] is True
    assert r.json()["citizen"]["ho_ten"] == c["ho_ten"]
    assert lookup(a, *args)["maKetQua"] == "110"
    assert lookup(b, *args)["maKetQua"] == "000"
    # Another override on top of the sandbox's version: báo giảm with a reason → 124.
    r = post_world(a, {"citizen": {"so_dinh_danh": c["so_dinh_danh"],
                                   "card": {"status": "bao_giam",
                                            "bao_giam_reason": "ngung_tham_gia"}}})
    assert r.status_code == 200, r.text
    assert lookup(a, *args)["maKetQua"] == "124"


def test_added_facility_account_logs_in_in_its_sandbox_only(sandboxes):
    a, b = sandboxes
    facility = {"ma_cskcb": "38401", "name": "Phòng khám Đa khoa Tân Phú", "level": "tu-nhan",
                "accounts": [{"username": "38401_BV", "password": "TanPhu@38401"}],
                "officers": [{"so_cccd": "038090800401", "ho_ten": "Trần Văn Khám"}]}
    r = post_world(a, {"facility": facility})
    assert r.status_code == 201, r.text
    assert any(f["ma_cskcb"] == "38401" for f in a.world(limit=0)["facilities"])
    assert not any(f["ma_cskcb"] == "38401" for f in b.world(limit=0)["facilities"])
    assert Portal(a.base.rsplit("/s/", 1)[0], "lop-a").login(
        "38401_BV", "TanPhu@38401")["maKetQua"] == "200"
    assert Portal(b.base.rsplit("/s/", 1)[0], "lop-b").login(
        "38401_BV", "TanPhu@38401")["maKetQua"] == "401"
    # A citizen may now be registered at the sandbox's new facility.
    entry = dict(NEW_CITIZEN, card=dict(NEW_CITIZEN["card"], ma_dkbd="38401"))
    assert post_world(a, {"citizen": entry}).status_code == 201
    assert post_world(b, {"citizen": entry}).json()["error"] == (
        "$.citizen.card.ma_dkbd: \"38401\" is not a facility of this world")


@pytest.mark.parametrize("body,status,error", [
    ({"citizen": {k: v for k, v in NEW_CITIZEN.items() if k != "sex"}}, 400,
     "$.citizen.sex: missing (required for a citizen not generated)"),
    ({"citizen": dict(NEW_CITIZEN, card=dict(NEW_CITIZEN["card"], number="DN43838900007"))}, 400,
     "$.citizen.card.number: \"DN43838900007\" is not a card number"),
    ({"citizen": dict(NEW_CITIZEN, colour="blue")}, 400, "$.citizen.colour: unknown key"),
    ({"citizen": dict(NEW_CITIZEN, ma_bhxh="3890000777",
                      card=dict(NEW_CITIZEN["card"], number="DN4383890000116"))},
     400, "$.citizen.card.number: \"DN4383890000116\" does not end with the citizen's ma_bhxh"),
    ({"citizen": dict(NEW_CITIZEN, ma_bhxh="3890000116",
                      card=dict(NEW_CITIZEN["card"], number="DN4383890000116"))},
     400, "$.citizen.card.number: \"DN4383890000116\" is the card of 038188900116"),
    ({"citizen": {"so_dinh_danh": "038188900116", "card": {"bao_giam_reason": "di_xa"}}}, 400,
     "$.citizen.card.bao_giam_reason: \"di_xa\" is not one of"),
    ({"facility": {"ma_cskcb": "38401", "name": "Phòng khám", "level": "benh-xa"}}, 400,
     "$.facility.level: \"benh-xa\" is not one of"),
    ({"facility": {"ma_cskcb": "38401", "name": "Phòng khám", "level": "xa",
                   "accounts": [{"username": "38001_BV", "password": "x"}]}}, 400,
     "$.facility.accounts[0].username: duplicate: \"38001_BV\" is an account of 38001"),
    ({"facility": {"ma_cskcb": "38401", "name": "Phòng khám", "level": "xa",
                   "registered_certificates": [{"file": "/etc/passwd"}]}}, 400,
     "$.facility.registered_certificates[0]: must be PEM text here"),
    ({"certificate": {"ma_cskcb": "38001",
                      "pem": "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n"
                             "-----END CERTIFICATE-----\n"}}, 400,
     "$.certificate.pem: is not a PEM X.509 certificate that can be read"),
    ({"certificate": {"ma_cskcb": "38001"}}, 400, "$.certificate:"),
    ({"planet": {}}, 400, "body must be one of"),
    ({}, 400, "body must be one of"),
])
def test_bad_bodies_are_400_naming_the_path(sandboxes, body, status, error):
    a, _ = sandboxes
    before = a.world(limit=0)
    r = post_world(a, body)
    assert r.status_code == status, r.text
    assert r.json()["error"].startswith(error), r.json()
    after = a.world(limit=0)
    assert after["total_citizens"] == before["total_citizens"]
    assert after["facilities"] == before["facilities"]


def test_a_replaced_card_number_no_longer_answers_and_get_world_shows_the_new_keys(sandboxes):
    a, b = sandboxes
    c = next(x for x in a.world(limit=10000)["citizens"] if x["case_label"] == "hop-le-38001-a")
    dob = c["ngay_sinh"]
    when = f"{dob[6:]}/{dob[4:6]}/{dob[:4]}"
    old, new = c["bhyt"]["ma_the"], "HT3" + c["bhyt"]["ma_the"][3:]
    r = post_world(a, {"citizen": {"so_dinh_danh": c["so_dinh_danh"], "card": {
        "number": new, "replaced_cards": [{"number": old, "valid_from": "2020-01-01",
                                           "valid_to": "2021-12-31"}]}}})
    assert r.status_code == 200, r.text
    assert lookup(a, new, c["ho_ten"], when)["maKetQua"] == "000"
    got = lookup(a, old, c["ho_ten"], when)
    assert got["maKetQua"] == "003" and got["maTheMoi"] == new, got
    assert lookup(b, old, c["ho_ten"], when)["maKetQua"] == "000"
    assert lookup(b, new, c["ho_ten"], when)["maKetQua"] == "050"
    shown = next(x for x in a.world(limit=10000)["citizens"]
                 if x["so_dinh_danh"] == c["so_dinh_danh"])
    assert shown["bhyt"]["replaced_cards"] == [
        {"ma_the": old, "gt_the_tu": "20200101", "gt_the_den": "20211231"}]
    baogiam = next(x for x in a.world(limit=10000)["citizens"]
                   if x["case_label"] == "the-bao-giam-tham-gia-lai")
    assert baogiam["bhyt"]["bao_giam_reason"] == "tham_gia_lai"
    locked = [acc["username"] for f in a.world(limit=0)["facilities"] for acc in f["accounts"]
              if acc["locked"]]
    assert locked == ["38209_KT"]
