"""The `generate` and `validate` subcommands end to end, through the built binary (issue 7 §3, §5).

Asserts on the JSON output contract of `validate --json` and on the exit codes; the generated
files prove the rules: clean files are accepted, each mutated file yields exactly its code.
"""
import hashlib
import json
import pathlib

import pytest

EXPECTED_FINDING_KEYS = {"code", "severity", "table", "ma_lk", "row", "field", "message_vi",
                         "message_en"}


def tree_digest(root: pathlib.Path):
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def clean_set(sim, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    r = sim.run("generate", "--seed", 7, "--count", 12, "--out", out)
    assert r.returncode == 0, r.stderr.decode()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return out, manifest


@pytest.fixture(scope="module")
def mutated_set(sim, tmp_path_factory):
    out = tmp_path_factory.mktemp("mutated")
    r = sim.run("generate", "--seed", 11, "--count", 3, "--out", out, "--mutate", "all")
    assert r.returncode == 0, r.stderr.decode()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return out, manifest


def test_generated_files_are_accepted(sim, clean_set):
    out, manifest = clean_set
    files = [out / f["file"] for f in manifest["files"]]
    assert len(files) >= 12
    code, report = sim.validate_json(*files)
    bad = [(f["path"], [x["code"] for x in f["findings"]]) for f in report["files"]
           if f["verdict"] != "accepted"]
    assert bad == []
    assert code == 0
    assert [pathlib.Path(f["path"]) for f in report["files"]] == files


def test_same_seed_same_bytes_other_seed_differs(sim, clean_set, tmp_path):
    out, _ = clean_set
    again = tmp_path / "again"
    other = tmp_path / "other"
    assert sim.run("generate", "--seed", 7, "--count", 12, "--out", again).returncode == 0
    assert sim.run("generate", "--seed", 8, "--count", 12, "--out", other).returncode == 0
    assert tree_digest(again) == tree_digest(out)
    assert tree_digest(other) != tree_digest(out)


def test_every_mutation_yields_exactly_its_code(sim, mutated_set):
    out, manifest = mutated_set
    entries = [e for e in manifest["files"] if e.get("code")]
    families = {e["code"].split(".")[0] for e in entries}
    assert {"XML", "ENV", "FIELD", "LINK", "SUM", "DATE"} <= families
    code, report = sim.validate_json(*[out / e["file"] for e in entries])
    assert code == 1
    by_path = {pathlib.Path(f["path"]): f for f in report["files"]}
    problems = []
    for e in entries:
        f = by_path[out / e["file"]]
        errors = [x for x in f["findings"] if x["severity"] == "error"]
        codes = {x["code"] for x in errors}
        if f["verdict"] != "rejected" or codes != {e["code"]}:
            problems.append((e["file"], e["code"], sorted(codes)))
            continue
        hit = [x for x in errors if x["code"] == e["code"]]
        if e.get("table") and not any(x["table"] == e["table"] for x in hit):
            problems.append((e["file"], "table", e["table"], [x["table"] for x in hit]))
        if e.get("field") and not any(x["field"] == e["field"] for x in hit):
            problems.append((e["file"], "field", e["field"], [x["field"] for x in hit]))
    assert problems == []


def test_json_contract(sim, mutated_set):
    out, manifest = mutated_set
    entry = next(e for e in manifest["files"] if e.get("code") == "FIELD.REQUIRED")
    code, report = sim.validate_json(out / entry["file"])
    assert code == 1
    assert set(report) == {"files"}
    f = report["files"][0]
    assert set(f) == {"path", "verdict", "findings"}
    assert f["verdict"] == "rejected"
    finding = f["findings"][0]
    assert set(finding) == EXPECTED_FINDING_KEYS
    assert finding["severity"] in ("error", "warning")
    assert isinstance(finding["row"], int)
    # Messages name the field, in Vietnamese with diacritics and in English.
    assert entry["field"] in finding["message_vi"] and entry["field"] in finding["message_en"]
    assert any(ord(ch) > 0x7F for ch in finding["message_vi"])


def test_exit_codes(sim, clean_set, mutated_set, tmp_path):
    out, manifest = clean_set
    good = out / manifest["files"][0]["file"]
    mout, mmanifest = mutated_set
    bad = mout / next(e for e in mmanifest["files"] if e.get("code"))["file"]
    assert sim.run("validate", good).returncode == 0
    assert sim.run("validate", bad).returncode == 1
    missing = tmp_path / "khong-ton-tai.xml"
    assert sim.run("validate", missing).returncode == 2
    assert sim.run("validate", bad, missing).returncode == 2  # 2 wins over 1
    assert sim.run("validate", "--standard", "999", good).returncode == 2
    assert sim.run("validate", "--at", "2026-12-01", good).returncode == 2
    assert sim.run("validate").returncode == 2


@pytest.mark.parametrize("name,content,code", [
    ("bomb.xml", b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                 b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><GIAMDINHHS>&b;</GIAMDINHHS>',
     "XML.DTD_FORBIDDEN"),
    ("xxe.xml", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<GIAMDINHHS>&x;</GIAMDINHHS>', "XML.DTD_FORBIDDEN"),
    ("latin1.xml", b'<?xml version="1.0" encoding="utf-8"?><CHI_TIEU_TRANG_THAI_KCB>'
                   b'<DSACH_TRANG_THAI_KCB><TRANG_THAI_KCB><HO_TEN>Nguy\xean</HO_TEN>'
                   b'</TRANG_THAI_KCB></DSACH_TRANG_THAI_KCB></CHI_TIEU_TRANG_THAI_KCB>',
     "XML.ENCODING"),
    ("truncated.xml", b'<?xml version="1.0" encoding="utf-8"?><GIAMDINHHS><THONGTINDONVI>',
     "XML.MALFORMED"),
    ("deep.xml", b"<GIAMDINHHS>" + b"<a>" * 100000 + b"</a>" * 100000 + b"</GIAMDINHHS>",
     "XML.MALFORMED"),
    ("empty.xml", b"", "XML.MALFORMED"),
], ids=["bomb", "xxe", "latin1", "truncated", "deep", "empty"])
def test_hostile_input_is_rejected_with_a_code(sim, tmp_path, name, content, code):
    p = tmp_path / name
    p.write_bytes(content)
    rc, report = sim.validate_json(p, timeout=30)
    assert rc == 1
    codes = {f["code"] for f in report["files"][0]["findings"]}
    assert code in codes


def test_broken_world_file_names_file_path_and_reason(sim, clean_set, tmp_path):
    out, manifest = clean_set
    world = tmp_path / "world.json"
    world.write_text('{"name": "Thử", "province": "22", "facilities": [{"ma_cskcb": 7}]}',
                     encoding="utf-8")
    r = sim.run("validate", "--world", world, out / manifest["files"][0]["file"])
    assert r.returncode == 2
    err = r.stderr.decode("utf-8")
    assert "world.json" in err and "facilities" in err


def test_signature_trust_flags(sim, clean_set, tmp_path):
    """Issue 8: the world's trust by default; --trust-ca / --crl / --register-cert replace it,
    --no-signature skips the check, certificates are judged at --at."""
    out, manifest = clean_set
    pki = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "pki" / "default"
    claim = next(out / f["file"] for f in manifest["files"] if f["file"].startswith("claims/"))
    data = claim.read_bytes()
    ma = data.split(b"<MACSKCB>", 1)[1].split(b"</MACSKCB>", 1)[0].decode()
    other = "38001" if ma != "38001" else "38105"
    changed = tmp_path / "changed.xml"
    changed.write_bytes(data.replace(b"<THONGTINHOSO>", b"<THONGTINHOSO>\n", 1))

    def codes(*args):
        code, report = sim.validate_json(*args)
        return code, [x["code"] for x in report["files"][0]["findings"]]

    assert codes(changed) == (1, ["SIG.DIGEST"])
    assert codes("--no-signature", changed) == (0, [])
    trust = ["--trust-ca", pki / "root-ca.cert.pem", "--trust-ca", pki / "issuing-ca.cert.pem",
             "--crl", pki / "issuing-ca.crl.pem"]
    assert codes(*trust, "--register-cert", f"{ma}={pki / (ma + '-valid.cert.pem')}",
                 claim) == (0, [])
    assert codes(*trust, "--register-cert", f"{ma}={pki / (other + '-valid.cert.pem')}",
                 claim) == (1, ["SIG.CERT_UNREGISTERED"])
    # Only the root trusted: the issuing CA is not in KeyInfo, no chain.
    assert codes("--trust-ca", pki / "root-ca.cert.pem", claim) == (1, ["SIG.CERT_UNTRUSTED"])
    # The certificate is valid from 2025-01-01: at 2024 it is not yet valid.
    _, early = codes("--at", "202406010000", claim)
    assert "SIG.CERT_NOT_YET_VALID" in early
    for bad in (["--register-cert", "38001"], ["--trust-ca", tmp_path / "none.pem"],
                ["--no-signature", "--crl", pki / "issuing-ca.crl.pem"]):
        assert sim.run("validate", *bad, claim).returncode == 2, bad
