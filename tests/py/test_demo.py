"""`sskdt-sim demo` (what scripts/demo.sh runs): valid signed claims accepted, each broken file
rejected with its own code, files written where it says."""


def test_demo_accepts_valid_and_rejects_each_broken_file(sim, tmp_path):
    out = tmp_path / "demo"
    r = sim.run("demo", "--out", out, timeout=300)
    text = r.stdout.decode("utf-8")
    assert r.returncode == 0, text + r.stderr.decode("utf-8")
    assert "Tỉnh Thượng Ninh" in text
    claims = sorted((out / "claims").glob("*.xml"))
    assert claims and all(b"<ds:Signature" in p.read_bytes() or b"Signature" in p.read_bytes()
                          for p in claims)
    mutated = sorted((out / "mutations").glob("*.xml"))
    assert {p.stem for p in mutated} >= {"FIELD.REQUIRED", "SUM.T_THUOC", "DATE.ORDER"}
    # The written files judge the same through `validate`.
    code, report = sim.validate_json(*claims)
    assert code == 0, [f["findings"] for f in report["files"]]
    code, report = sim.validate_json(out / "mutations" / "SUM.T_THUOC.xml")
    assert code == 1
    assert {f["code"] for f in report["files"][0]["findings"]} == {"SUM.T_THUOC"}
    # Section 4: the named citizens' claims against the registers, same through `validate`.
    assert "4/4 hồ sơ sai lệch nhân thân/thẻ được phát hiện" in text
    code, report = sim.validate_json("--crosscheck", out / "identity" / "sai-ho-ten.xml")
    assert code == 1
    assert [f["code"] for f in report["files"][0]["findings"]] == ["ID.NAME"]
    code, report = sim.validate_json(out / "identity" / "sai-ho-ten.xml")
    assert code == 0, "without --crosscheck the file stands on its own"
