"""Card look-up `KQNhanLichSuKCB2024` / `Lskcb2025` over HTTP (issue 9; spec §3.4): every result
code a reception desk meets, with the embedded world's named citizens, in JSON and form bodies."""
import pytest
import requests

from portal_client import Portal, md5_upper


@pytest.fixture(scope="module")
def world(server):
    return Portal(server.base).world(limit=10000)


@pytest.fixture
def desk(server, world):
    """A logged-in reception desk of the provincial hospital and its registered officer."""
    p = Portal(server.base)
    assert p.admin("POST", "/_sim/reset").status_code == 200
    f = world["facilities"][0]
    acc = f["accounts"][0]
    body = p.login(acc["username"], acc["password"])
    assert body["maKetQua"] == "200"
    officer = f["officers"][0]

    def lookup(ma_the, ho_ten, ngay_sinh, form=False, path="KQNhanLichSuKCB2024",
               ho_ten_cb=officer["ho_ten"], cccd_cb=officer["so_cccd"], password=None):
        params = {"token": p.token["access_token"], "id_token": p.token["id_token"],
                  "username": acc["username"],
                  "password": password or md5_upper(acc["password"])}
        payload = {"maThe": ma_the, "hoTen": ho_ten, "ngaySinh": ngay_sinh,
                   "hoTenCb": ho_ten_cb, "cccdCb": cccd_cb}
        kw = {"data": payload} if form else {"json": payload}
        r = requests.post(f"{server.base}/api/egw/{path}", params=params, timeout=30, **kw)
        assert r.status_code == 200
        return r.json()
    return lookup


def citizen(world, label):
    return next(c for c in world["citizens"] if c["case_label"] == label)


def dmy(yyyymmdd):
    return f"{yyyymmdd[6:8]}/{yyyymmdd[4:6]}/{yyyymmdd[0:4]}"


def test_valid_card_000_in_json_and_form(desk, world):
    c = citizen(world, "hop-le-38001-a")
    for form in (False, True):
        r = desk(c["bhyt"]["ma_the"], c["ho_ten"], dmy(c["ngay_sinh"]), form=form)
        assert r["maKetQua"] == "000", r
        assert r["hoTen"] == c["ho_ten"] and r["maThe"] == c["bhyt"]["ma_the"]
        assert r["ghiChu"].startswith("Thẻ còn giá trị sử dụng!")
        assert r["dsLichSuKCB2018"] is None
    # Also by the 12-digit ID number and the 10-digit BHXH number, and a year-only birth date.
    assert desk(c["so_dinh_danh"], c["ho_ten"], c["ngay_sinh"][:4])["maKetQua"] == "000"
    assert desk(c["ma_bhxh"], c["ho_ten"].upper(), dmy(c["ngay_sinh"]))["maKetQua"] == "000"


@pytest.mark.parametrize("label,code", [
    ("the-het-han", "010"), ("the-bi-thu-hoi", "110"), ("the-bao-giam", "120"),
])
def test_card_status_codes(desk, world, label, code):
    c = citizen(world, label)
    assert desk(c["bhyt"]["ma_the"], c["ho_ten"], dmy(c["ngay_sinh"]))["maKetQua"] == code


def test_identity_codes(desk, world):
    c = citizen(world, "hop-le-38001-a")
    card, name, dob = c["bhyt"]["ma_the"], c["ho_ten"], dmy(c["ngay_sinh"])
    first, rest = name[0], name[1:]
    assert desk(card, "Xyz " + name, dob)["maKetQua"] == "060"        # wrong name
    assert desk(card, first + "ạ" + rest, dob)["maKetQua"] == "061"   # first letter right
    other_year = str(int(dob[-4:]) + 1)
    assert desk(card, name, dob[:-4] + other_year)["maKetQua"] == "070"
    assert desk("DN4389999999999", name, dob)["maKetQua"] == "050"     # no such card
    assert desk("dn4380000000000", name, dob)["maKetQua"] == "051"
    assert desk("DN9380000000000", name, dob)["maKetQua"] == "053"
    assert desk(card, name, "31/02/1990")["maKetQua"] == "205"
    # The facility's records differ from the register (named case): the look-up says 060.
    s = citizen(world, "sai-ho-ten")
    assert desk(s["bhyt"]["ma_the"], "Nguyễn Văn Sai Tên", dmy(s["ngay_sinh"]))["maKetQua"] in (
        "060", "061")


def test_officer_and_authentication_codes(desk, world):
    c = citizen(world, "hop-le-38001-a")
    args = (c["bhyt"]["ma_the"], c["ho_ten"], dmy(c["ngay_sinh"]))
    assert desk(*args, cccd_cb="038000000000")["maKetQua"] == "054"
    assert desk(*args, ho_ten_cb="Người Khác")["maKetQua"] == "055"
    assert desk(*args, password="00000000000000000000000000000000")["maKetQua"] == "401"


def test_history_2025_lists_accepted_claims(desk, world, sim, tmp_path, server):
    c = citizen(world, "hop-le-38001-a")
    r = desk(c["bhyt"]["ma_the"], c["ho_ten"], dmy(c["ngay_sinh"]), path="Lskcb2025")
    assert r["maKetQua"] == "000" and r["dsLichSuKCB2025"] == []


@pytest.mark.parametrize("label,code", [
    ("the-bao-giam-ngoai-tinh", "121"), ("the-bao-giam-trong-tinh", "122"),
    ("the-bao-giam-tham-gia-lai", "123"), ("the-bao-giam-ngung-tham-gia", "124"),
])
def test_bao_giam_reason_codes(desk, world, label, code):
    c = citizen(world, label)
    r = desk(c["bhyt"]["ma_the"], c["ho_ten"], dmy(c["ngay_sinh"]))
    assert r["maKetQua"] == code, r
    assert r["maThe"] == c["bhyt"]["ma_the"]


def test_reissued_card_looked_up_by_its_old_number_003_and_004(desk, world):
    # Old card expired (2025-12-31) → 003; old card still valid (to 2028-12-31) → 004; both
    # answer the new card in the *Moi fields (spec §3.4).
    for label, old, code in (("the-cap-lai-cu-het-han", "GD4383890000124", "003"),
                             ("the-cap-lai-cu-con-han", "GD4383890000125", "004")):
        c = citizen(world, label)
        r = desk(old, c["ho_ten"], dmy(c["ngay_sinh"]))
        assert r["maKetQua"] == code, r
        assert r["maThe"] == old and r["maTheCu"] == old
        assert r["maTheMoi"] == c["bhyt"]["ma_the"]
        assert r["gtTheTuMoi"] == dmy(c["bhyt"]["gt_the_tu"])
        assert r["gtTheDenMoi"] == dmy(c["bhyt"]["gt_the_den"])
        assert r["maDKBDMoi"] == c["bhyt"]["ma_dkbd"] and r["tenDKBDMoi"]
        # The new card itself is simply valid.
        assert desk(c["bhyt"]["ma_the"], c["ho_ten"], dmy(c["ngay_sinh"]))["maKetQua"] == "000"
    # An unknown card with the same BHXH number is still "no card".
    c = citizen(world, "the-cap-lai-cu-het-han")
    assert desk("HT3383890000124", c["ho_ten"], dmy(c["ngay_sinh"]))["maKetQua"] == "050"


def test_child_under_6_without_a_card_130_adult_050(desk, world):
    child = citizen(world, "tre-em-khong-the")
    assert child["bhyt"] is None
    r = desk(child["so_dinh_danh"], child["ho_ten"], dmy(child["ngay_sinh"]))
    assert r["maKetQua"] == "130", r
    adult = citizen(world, "khong-co-the")
    assert desk(adult["so_dinh_danh"], adult["ho_ten"], dmy(adult["ngay_sinh"]))[
        "maKetQua"] == "050"
