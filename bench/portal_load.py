#!/usr/bin/python3
"""Load figures for the simulated portal (issue 9 "Tests and figures"): `wrk` drives the token,
check-in and claim paths of a real `sskdt-sim serve`; the server is pinned to one core and wrk to
the other (taskset), so every figure is per server core. Prints requests/s and p50/p99 latency.

    /usr/bin/python3 bench/portal_load.py [--bin build/release/bin/sskdt-sim] [--seconds 10]

Claims are acknowledged only after the journal's SQLite commit (synchronous=FULL): the claim
figure includes an fsync per request, as durability demands.
"""
import argparse
import base64
import hashlib
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import urllib.parse

import requests

REPO = pathlib.Path(__file__).resolve().parents[1]

LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
{headers}
wrk.body = io.open("{body}", "rb"):read("*a")
"""


def md5u(s):
    return hashlib.md5(s.encode()).hexdigest().upper()


def wrk(url, script, seconds, connections, core):
    cmd = ["taskset", "-c", str(core), "wrk", "-t1", f"-c{connections}", f"-d{seconds}s",
           "--latency", "-s", script, url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, lat.get("50", "?"), lat.get("99", "?"), int(non2xx.group(1)) if non2xx else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(REPO / "build/release/bin/sskdt-sim"))
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=16)
    a = ap.parse_args()
    cores = os.cpu_count() or 1
    server_core, wrk_core = 0, (1 if cores > 1 else 0)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="portal-load-"))
    gen = tmp / "gen"
    subprocess.run([a.bin, "generate", "--seed", "9", "--count", "4", "--out", str(gen)],
                   check=True, capture_output=True)
    server = subprocess.Popen(["taskset", "-c", str(server_core), a.bin, "serve", "--port", "0",
                               "--threads", "1", "--data", str(tmp / "data")],
                              stdout=subprocess.PIPE, text=True)
    try:
        base = None
        for line in server.stdout:
            m = re.match(r"listening on (http://\S+)", line)
            if m:
                base = m.group(1)
                break
        world = requests.get(base + "/_sim/world?limit=0").json()
        claim = sorted((gen / "claims").glob("*.xml"))[0]
        checkin = sorted((gen / "checkins").glob("*.xml"))[0]
        ma = claim.name[:5]
        fac = next(f for f in world["facilities"] if f["ma_cskcb"] == ma)
        user, pw = fac["accounts"][0]["username"], fac["accounts"][0]["password"]
        tok = requests.post(base + "/api/token/take",
                            data={"username": user, "password": md5u(pw)}).json()["APIKey"]
        # Tokens live an hour of virtual time; freeze the clock so none expires mid-run.
        requests.post(base + "/_sim/clock", json={"freeze": True})
        auth = (f'wrk.headers["accessToken"] = "{tok["access_token"]}"\n'
                f'wrk.headers["tokenId"] = "{tok["id_token"]}"\n'
                f'wrk.headers["passwordHash"] = "{md5u(pw)}"')
        cases = []
        for name, path, body, headers in [
            ("token", "/api/token/take",
             urllib.parse.urlencode({"username": user, "password": md5u(pw)}), ""),
            ("check-in", "/api/qd130/checkInKcbQd4750", urllib.parse.urlencode(
                {"username": user, "loaiHoSo": "0", "maTinh": ma[:2], "maCSKCB": ma,
                 "fileHSBase64": base64.b64encode(checkin.read_bytes()).decode()}), auth),
            ("claim", "/api/qd130/guiHoSoXmlQD4750", urllib.parse.urlencode(
                {"username": user, "loaiHoSo": "130", "maTinh": ma[:2], "maCSKCB": ma,
                 "fileHSBase64": base64.b64encode(claim.read_bytes()).decode()}), auth),
        ]:
            body_file = tmp / f"{name}.body"
            body_file.write_text(body)
            script = tmp / f"{name}.lua"
            script.write_text(LUA.format(headers=headers, body=body_file))
            cases.append((name, base + path, script, len(body)))
        print(f"portal_load: server on core {server_core} (1 thread), wrk on core {wrk_core}, "
              f"{a.connections} connections, {a.seconds} s per path")
        print(f"{'path':10} {'body':>8} {'req/s':>10} {'p50':>10} {'p99':>10}  non-2xx")
        for name, url, script, size in cases:
            rps, p50, p99, bad = wrk(url, str(script), a.seconds, a.connections, wrk_core)
            print(f"{name:10} {size:>7}B {rps:>10.0f} {p50:>10} {p99:>10}  {bad}")
        # Every acknowledged claim is in the journal.
        acked = requests.get(base + "/_sim/results").json()["results"]
        print(f"journal holds {len(acked)} submissions (check-ins + claims)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
