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
