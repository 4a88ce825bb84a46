"""A small client for the simulated portal, written the way HIS code calls the real one
(form-urlencoded, MD5 upper-case password, accessToken/tokenId/passwordHash headers), plus the
admin API. Used by the integration tests; no simulator internals."""
import base64
import hashlib
import re
import signal
import subprocess
import time

import requests


def md5_upper(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest().upper()


class Server:
    """`sskdt-sim serve` on 127.0.0.1:0, started for real and read back from its output."""

    def __init__(self, binary, data_dir=None, extra=()):
        self.binary = binary
        self.data_dir = data_dir
        self.extra = list(extra)
        self.proc = None
        self.base = None

    def start(self):
        args = [str(self.binary), "serve", "--port", "0", "--threads", "2", *self.extra]
        if self.data_dir:
            args += ["--data", str(self.data_dir)]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8")
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("server exited: " + self.proc.stderr.read())
            m = re.match(r"listening on (http://\S+)", line)
            if m:
                self.base = m.group(1)
                return self
        raise RuntimeError("server did not start in time")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Portal:
    def __init__(self, base, sandbox=None):
        self.base = base + (f"/s/{sandbox}" if sandbox else "")
        self.session = requests.Session()
        self.token = None

    # --- admin API ---
    def admin(self, method, path, **kw):
        r = self.session.request(method, self.base + path, timeout=30, **kw)
        return r

    def advance(self, duration):
        r = self.admin("POST", "/_sim/clock", json={"advance": duration})
        assert r.status_code == 200, r.text
        return r.json()

    def results(self, **filters):
        r = self.admin("GET", "/_sim/results", params=filters)
        assert r.status_code == 200, r.text
        return r.json()["results"]

    def world(self, **params):
        return self.admin("GET", "/_sim/world", params=params).json()

    # --- portal, as a HIS calls it ---
    def login(self, username, password, md5=None, as_json=False):
        pw = md5 if md5 is not None else md5_upper(password)
        if as_json:
            r = self.session.post(self.base + "/api/token/take",
                                  json={"username": username, "password": pw}, timeout=30)
        else:
            r = self.session.post(self.base + "/api/token/take",
                                  data={"username": username, "password": pw}, timeout=30)
        assert r.status_code == 200
        body = r.json()
        if body["maKetQua"] == "200":
            self.token = body["APIKey"]
            self.username = username
            self.password = password
        return body

    def submit(self, path, ma_cskcb, file_bytes, loai, timeout=30, headers=None):
        h = {"accessToken": self.token["access_token"], "tokenId": self.token["id_token"],
             "passwordHash": md5_upper(self.password)}
        if headers:
            h.update(headers)
        data = {"username": self.username, "loaiHoSo": loai, "maTinh": ma_cskcb[:2],
                "maCSKCB": ma_cskcb,
                "fileHSBase64": base64.b64encode(file_bytes).decode("ascii")}
        return self.session.post(self.base + path, data=data, headers=h, timeout=timeout)

    def send_claim(self, ma_cskcb, file_bytes, standard="4750", **kw):
        return self.submit(f"/api/qd130/guiHoSoXmlQD{standard}", ma_cskcb, file_bytes, "130", **kw)

    def send_checkin(self, ma_cskcb, file_bytes, standard="4750", **kw):
        return self.submit(f"/api/qd130/checkInKcbQd{standard}", ma_cskcb, file_bytes, "0", **kw)

    # --- electronic certificates (PL02: everything in the form body, no custom headers) ---
    def send_certificate(self, path, ma_cskcb, file_bytes, loai_hs, timeout=60, **overrides):
        data = {"maCskcb": ma_cskcb, "token": self.token["access_token"],
                "id_token": self.token["id_token"], "username": self.username,
                "password": md5_upper(self.password), "loaiHs": loai_hs,
                "fileBase64Str": base64.b64encode(file_bytes).decode("ascii")}
        data.update(overrides)
        return self.session.post(self.base + path, data=data, timeout=timeout)

    def send_chung_tu(self, ma_cskcb, file_bytes, loai_hs="39", **kw):
        return self.send_certificate("/api/chungtugw/GuiHoSoChungTu2025", ma_cskcb, file_bytes,
                                     loai_hs, **kw)

    def send_giay_to(self, ma_cskcb, file_bytes, loai_hs, **kw):
        return self.send_certificate("/api/hososuckhoe/guiGiayToDienTu", ma_cskcb, file_bytes,
                                     loai_hs, **kw)
