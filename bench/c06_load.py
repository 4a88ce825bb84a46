#!/usr/bin/python3
"""Load figures for the C06 service (issue 10 "Tests and figures"): `wrk` posts a SOAP
XacMinhThongTinNhanThan (a three-factor match, CongdanCollection of one) to a real
`sskdt-sim serve` holding a 1,000,000-citizen world, and, in the same run, the portal's token
path for comparison. The server is pinned to one core (1 thread) and wrk to the other
(taskset), keep-alive connections; so every figure is per server core. Prints requests/s,
p50/p99 latency, the server's CPU time per request (user + system, all its threads) and the
requests one CPU-second serves — the per-core capacity without the time the core sat idle or
was taken by the host (a virtual machine's neighbours move req/s by ±20 %) — and the server's
resident memory.

    /usr/bin/python3 bench/c06_load.py [--bin build/release/bin/sskdt-sim] [--seconds 10]
        [--citizens 1000000]

Every exchange is journalled (record_exchange: queued, committed in batches by the journal's
writer thread, which shares the server's core) as for the portal: the figure includes that.
"""
import argparse
import base64
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse

import requests

REPO = pathlib.Path(__file__).resolve().parents[1]

LUA = """
wrk.method = "POST"
{headers}
wrk.body = io.open("{body}", "rb"):read("*a")
"""


def wrk(url, script, seconds, connections, core):
    cmd = ["taskset", "-c", str(core), "wrk", "-t1", f"-c{connections}", f"-d{seconds}s",
           "--latency", "-s", script, url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, lat.get("50", "?"), lat.get("99", "?"), int(non2xx.group(1)) if non2xx else 0, total


def cpu_seconds(pid):
    """User + system CPU time of the server process (all its threads: the request thread and
    the journal's writer), in seconds."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def lua_headers(headers):
    return "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(REPO / "build/release/bin/sskdt-sim"))
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--citizens", type=int, default=1_000_000)
    a = ap.parse_args()
    cores = os.cpu_count() or 1
    server_core, wrk_core = 0, (1 if cores > 1 else 0)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="c06-load-"))
    world_file = tmp / "w.yaml"  # the header keeps the embedded world's facilities and c06 accounts
    subprocess.run([a.bin, "world", "generate", "--seed", "1", "--citizens", str(a.citizens),
                    "--out", str(world_file)], check=True, capture_output=True)
    jsonl = tmp / "w.citizens.jsonl"
    with jsonl.open(encoding="utf-8") as f:
        person = json.loads(f.readline())
    started = time.monotonic()
    server = subprocess.Popen(["taskset", "-c", str(server_core), a.bin, "serve", "--port", "0",
                               "--threads", "1", "--data", str(tmp / "data"),
                               "--world", str(world_file)],
                              stdout=subprocess.PIPE, text=True)
    try:
        base = None
        for line in server.stdout:
            m = re.match(r"listening on (http://\S+)", line)
            if m:
                base = m.group(1)
                break
        load_s = time.monotonic() - started
        user, secret = "his_38001", "c06-secret-38001"
        url = base + "/c06/dancu"
        ts = str(int(time.time() * 1000))  # within the 5-minute window for the whole run
        sig = hashlib.sha256((url + user + ts + secret).encode()).hexdigest()
        c06_headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '\\"\\"',
                       "Timestamp": ts,
                       "Authorization": "Basic " + base64.b64encode(
                           f"{user}:{sig}".encode()).decode(),
                       "ApiKey": "APIKEY-38001-THUONGNINH", "X-Road-Client": "VN/GOV/38001/HIS"}
        dob = person["date_of_birth"].replace("-", "")
        soap = ('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
                'xmlns:dan="http://dancuquocgia.bca"><soapenv:Header/><soapenv:Body>'
                "<dan:XacMinhThongTinNhanThan><dan:MaYeuCau>BENCH</dan:MaYeuCau>"
                "<dan:MaDVC>KCB-BHYT</dan:MaDVC><dan:MaTichHop>037</dan:MaTichHop>"
                "<dan:MaCanBo>038185800201</dan:MaCanBo>"
                f"<dan:SoDinhDanh>{person['so_dinh_danh']}</dan:SoDinhDanh>"
                f"<dan:HoVaTen>{person['ho_ten'].upper()}</dan:HoVaTen>"
                f"<dan:NgayThangNamSinh><dan:NgayThangNam>{dob}</dan:NgayThangNam>"
                "</dan:NgayThangNamSinh></dan:XacMinhThongTinNhanThan></soapenv:Body>"
                "</soapenv:Envelope>")
        check = requests.post(url, data=soap.encode(), headers={
            k: v.replace('\\"', '"') for k, v in c06_headers.items()}, timeout=30)
        assert check.status_code == 200 and 'SoCongDan="1"' in check.text, check.text[:500]
        world = requests.get(base + "/_sim/world?limit=0").json()
        acc = world["facilities"][0]["accounts"][0]
        md5 = hashlib.md5(acc["password"].encode()).hexdigest().upper()
        cases = []
        for name, path, body, headers in [
            ("c06-soap", "/c06/dancu", soap, c06_headers),
            ("token", "/api/token/take",
             urllib.parse.urlencode({"username": acc["username"], "password": md5}),
             {"Content-Type": "application/x-www-form-urlencoded"}),
        ]:
            body_file = tmp / f"{name}.body"
            body_file.write_bytes(body.encode("utf-8"))
            script = tmp / f"{name}.lua"
            script.write_text(LUA.format(headers=lua_headers(headers), body=body_file))
            cases.append((name, base + path, script, len(body.encode("utf-8"))))
        print(f"c06_load: {a.citizens} citizens (loaded in {load_s:.1f} s, RSS "
              f"{rss_mb(server.pid):.0f} MB); server on core {server_core} (1 thread), wrk on "
              f"core {wrk_core}, {a.connections} keep-alive connections, {a.seconds} s per path")
        print(f"{'path':10} {'body':>8} {'req/s':>10} {'p50':>10} {'p99':>10}  non-2xx "
              f"{'CPU us/req':>11} {'req/CPU-s':>10}")
        for name, target, script, size in cases:
            cpu0 = cpu_seconds(server.pid)
            rps, p50, p99, bad, total = wrk(target, str(script), a.seconds, a.connections,
                                            wrk_core)
            cpu = cpu_seconds(server.pid) - cpu0
            print(f"{name:10} {size:>7}B {rps:>10.0f} {p50:>10} {p99:>10}  {bad:>7} "
                  f"{cpu / total * 1e6:>11.1f} {total / cpu:>10.0f}")
        print(f"server RSS after the run: {rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
