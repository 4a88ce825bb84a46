"""`sskdt-sim id check` / `id qr`: exit codes (0 valid, 1 invalid, 2 usage) and the JSON shape
(docs/identity.md). Codes are asserted on the real binary's output."""
import json

import pytest

GOOD_CCCD = "001090123456|012345678|Nguyễn Văn An|01011990|Nam|Số 1 phố Huế, Hà Nội|15042021"


def hexname(text):
    return text.encode("utf-8").hex()


GOOD_BHYT = "|".join(["HS4010120878811", hexname("Nguyễn Thị Bình"), "24/09/2005", "2",
                      hexname("Thôn Đông, Hà Nội"), "01013", "01/01/2025", "31/12/2025"])


def run_json(sim, *args, input=None):
    r = sim.run("id", *args, "--json", "--at", "20250601", input=input)
    assert r.returncode in (0, 1), (r.returncode, r.stderr.decode("utf-8", "replace"))
    return r.returncode, json.loads(r.stdout.decode("utf-8"))


def codes(doc):
    return sorted(f["code"] for f in doc["findings"])


def test_valid_number_is_decoded(sim):
    rc, doc = run_json(sim, "check", "079301000001", "--dob", "31/12/2001", "--sex", "2")
    assert rc == 0 and doc["valid"] is True and doc["findings"] == []
    p = doc["parsed"]
    assert (p["kind"], p["region_code"], p["region_name"]) == ("personal_id", "079", "TP HCM")
    assert (p["birth_year"], p["sex"], p["century_sex_digit"]) == (2001, 2, 3)


@pytest.mark.parametrize("number,extra,expected", [
    ("12345", [], ["IDNUM.LENGTH"]),
    ("00109012345A", [], ["IDNUM.NOT_DIGITS"]),
    ("b1234567", [], ["IDNUM.PASSPORT"]),
    ("003090123456", [], ["IDNUM.PROVINCE"]),
    ("001490123456", [], ["IDNUM.CENTURY"]),
    ("001090123456", ["--dob", "19910101"], ["IDNUM.BIRTH_YEAR"]),
    ("001090123456", ["--sex", "2"], ["IDNUM.SEX"]),
])
def test_invalid_numbers_exit_1_with_their_code(sim, number, extra, expected):
    rc, doc = run_json(sim, "check", number, *extra)
    assert rc == 1 and doc["valid"] is False
    assert codes(doc) == expected
    f = doc["findings"][0]
    assert set(f) == {"code", "severity", "message_vi", "message_en", "field", "value"}
    assert f["severity"] == "error" and f["field"] == "SO_CCCD"
    assert f["message_vi"] and f["message_en"] and "{" not in f["message_vi"]


def test_cmnd_passport_and_foreign_registration_are_valid(sim):
    assert run_json(sim, "check", "012345678")[0] == 0
    assert run_json(sim, "check", "B1234567")[0] == 0
    rc, doc = run_json(sim, "check", "100090123456")
    assert rc == 0 and codes(doc) == ["IDNUM.COUNTRY"]
    assert doc["findings"][0]["severity"] == "warning"


def test_cccd_and_bhyt_qr(sim):
    rc, doc = run_json(sim, "qr", GOOD_CCCD + "||||")
    assert rc == 0, doc
    assert doc["parsed"]["kind"] == "cccd"
    assert doc["parsed"]["fields"]["ho_ten"] == "Nguyễn Văn An"
    assert doc["parsed"]["id"]["birth_year"] == 1990
    assert doc["parsed"]["extra_fields"] == ["", "", "", ""]
    rc, doc = run_json(sim, "qr", GOOD_BHYT)
    assert rc == 0, doc
    assert doc["parsed"]["kind"] == "bhyt_card"
    assert doc["parsed"]["fields"]["ho_ten"] == "Nguyễn Thị Bình"
    assert doc["parsed"]["fields"]["den_ngay"] == "20251231"


@pytest.mark.parametrize("payload,expected", [
    ("001090123456|Nguyễn Văn An|01011990|Nam|Hà Nội|15042021", ["QR.FIELD_COUNT"]),
    (GOOD_CCCD.replace("01011990", "31021990"), ["QR.DATE"]),
    (GOOD_CCCD.replace("01011990", "01011991"), ["IDNUM.BIRTH_YEAR"]),
    (GOOD_BHYT.replace(hexname("Nguyễn Thị Bình"), "4e6"), ["QR.HEX"]),
    (GOOD_BHYT.replace(hexname("Nguyễn Thị Bình"), "4eff"), ["QR.HEX_UTF8"]),
], ids=["six-fields", "bad-date", "dob-vs-id", "odd-hex", "hex-not-utf8"])
def test_invalid_qr_exit_1(sim, payload, expected):
    rc, doc = run_json(sim, "qr", payload)
    assert rc == 1 and codes(doc) == expected


@pytest.mark.parametrize("data,expected", [
    (b"", ["QR.EMPTY"]),
    (b"|" * 10000, ["QR.TOO_LARGE"]),
    (b"\xff\xfe" + GOOD_CCCD.encode(), ["QR.ENCODING"]),
    (bytes(range(256)), ["QR.ENCODING"]),
    (b"x" * (1 << 20), ["QR.TOO_LARGE"]),
], ids=["empty", "10000-pipes", "utf16-bom", "binary", "1MiB"])  # short ids: pytest puts the
# test id into PYTEST_CURRENT_TEST, and a 1 MiB id makes the child's environment too large
def test_hostile_payloads_from_stdin(sim, data, expected):
    rc, doc = run_json(sim, "qr", "--file", "-", input=data)
    assert rc == 1 and codes(doc) == expected


def test_human_output_and_usage_errors(sim):
    r = sim.run("id", "check", "001090123456", "--sex", "2", "--at", "20250601")
    out = r.stdout.decode("utf-8")
    assert r.returncode == 1 and "IDNUM.SEX" in out and "vi: " in out and "en: " in out
    for args in (["id"], ["id", "check"], ["id", "check", "1", "--sex", "4"],
                 ["id", "check", "1", "--dob", "31/02/1990"], ["id", "check", "1", "--bogus"],
                 ["id", "qr"], ["id", "qr", "x", "--kind", "pdf"],
                 ["id", "qr", "--file", "/nonexistent/qr.txt"], ["id", "check", "1", "2"]):
        r = sim.run(*args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert r.stderr
