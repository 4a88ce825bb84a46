"""`sskdt-sim admin …` against a running server: the CLI is a client of the same admin API
(docs/admin-api.md) as the pytest client and the pages."""
import json

from portal_client import Portal


def admin(sim, server, *args):
    r = sim.run("admin", "--url", server.base, *args)
    out = r.stdout.decode("utf-8")
    return r.returncode, (json.loads(out) if out.strip() else None)


def test_cli_drives_the_same_api(sim, server):
    assert admin(sim, server, "reset")[0] == 0
    code, h = admin(sim, server, "health")
    assert code == 0 and h["status"] == "ok"
    code, c = admin(sim, server, "clock", "set", "2027-03-01T08:00:00+07:00")
    assert code == 0 and c["now"] == "2027-03-01T01:00:00Z"
    code, c = admin(sim, server, "clock", "freeze")
    code, c = admin(sim, server, "clock", "advance", "P1D")
    assert c == {"now": "2027-03-02T01:00:00Z", "scale": 1.0, "frozen": True}
    # What the CLI did is what the HTTP client sees.
    assert Portal(server.base).admin("GET", "/_sim/clock").json()["now"] == c["now"]
    code, s = admin(sim, server, "sandboxes", "create", "lop-1")
    assert code == 0 and s["base"] == "/s/lop-1"
    code, f = admin(sim, server, "--sandbox", "lop-1", "faults", "add",
                    '{"type": "outage", "scope": {"endpoint": "claim"}}')
    assert code == 0 and f["type"] == "outage"
    code, fs = admin(sim, server, "--sandbox", "lop-1", "faults")
    assert [x["id"] for x in fs["faults"]] == [f["id"]]
    assert admin(sim, server, "faults")[1]["faults"] == []  # default sandbox untouched
    code, w = admin(sim, server, "world", "2")
    assert code == 0 and len(w["citizens"]) == 2 and w["total_citizens"] > 300
    code, r = admin(sim, server, "results", "result=rejected")
    assert code == 0 and r == {"results": []}
    # A certificate that is not PEM is refused by the same route the pytest client uses.
    code, r = admin(sim, server, "--sandbox", "lop-1", "world", "add",
                    '{"certificate": {"ma_cskcb": "38001", "pem": "not a certificate"}}')
    assert code == 1 and "error" in r


def test_cli_errors(sim, server):
    code, body = admin(sim, server, "sandboxes", "create", "Bad Name")
    assert code == 1 and "error" in body
    r = sim.run("admin", "--url", server.base, "clock", "warp")
    assert r.returncode == 2
    r = sim.run("admin", "--url", "http://127.0.0.1:9", "health")
    assert r.returncode == 2 and b"cannot reach" in r.stderr
