"""HTTPS (issue 9): `sskdt-sim serve --tls-port` with the embedded server-localhost certificate
of the test PKI. A HIS logs in over HTTPS verifying the server against fixtures/pki/default's
root CA, for 127.0.0.1 and for localhost; without that CA the certificate is refused; bad PEM
files are a start-up error (exit 2)."""
import re
import signal
import subprocess
import time

import pytest
import requests

from conftest import REPO
from portal_client import Portal, md5_upper

ROOT_CA = REPO / "fixtures" / "pki" / "default" / "root-ca.cert.pem"


class TlsServer:
    """`serve --port 0 --tls-port 0`: reads the start-up lines up to the https one."""

    def __init__(self, binary, *extra):
        args = [str(binary), "serve", "--port", "0", "--tls-port", "0", "--threads", "2", *extra]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8")
        self.lines = []
        self.http = self.https = None
        deadline = time.time() + 30
        while time.time() < deadline and self.https is None:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("server exited: " + self.proc.stderr.read())
            self.lines.append(line.rstrip("\n"))
            m = re.match(r"listening on (https?)://(\S+)$", line.strip())
            if m and m.group(1) == "http":
                self.http = "http://" + m.group(2)
            elif m:
                assert self.http is not None, "the https line comes after the http line"
                self.https = "https://" + m.group(2)
        if self.https is None:
            raise RuntimeError("no https line: %r" % self.lines)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def server(sim_bin):
    s = TlsServer(sim_bin)
    yield s
    s.stop()


def first_account(base, verify):
    world = requests.get(base + "/_sim/world", timeout=30, verify=verify).json()
    for facility in world["facilities"]:
        if facility.get("accounts"):
            return facility["accounts"][0]
    raise AssertionError("the embedded world has no account")


def test_start_up_says_which_certificate_and_both_urls(server):
    text = "\n".join(server.lines)
    assert "embedded test certificate server-localhost" in text
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.http)
    assert re.fullmatch(r"https://127\.0\.0\.1:\d+", server.https)
    assert server.http.rsplit(":", 1)[1] != server.https.rsplit(":", 1)[1]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_login_over_https_verifying_the_test_pki(server, host):
    base = server.https.replace("127.0.0.1", host)
    account = first_account(base, str(ROOT_CA))
    portal = Portal(base)
    # A session-level verify loses to $REQUESTS_CA_BUNDLE unless the environment is ignored.
    portal.session.trust_env = False
    portal.session.verify = str(ROOT_CA)
    body = portal.login(account["username"], account["password"])
    assert body["maKetQua"] == "200", body
    assert body["APIKey"]["access_token"]
    # The same portal over plain HTTP, beside it.
    plain = Portal(server.http)
    assert plain.login(account["username"], account["password"])["maKetQua"] == "200"


def test_certificate_refused_without_the_test_root_ca(server):
    with pytest.raises(requests.exceptions.SSLError) as e:
        requests.post(server.https + "/api/token/take",
                      data={"username": "x", "password": md5_upper("x")}, timeout=30)
    assert "CERTIFICATE_VERIFY_FAILED" in str(e.value)
    # …and the server goes on serving verified clients.
    r = requests.get(server.https + "/_sim/health", timeout=30, verify=str(ROOT_CA))
    assert r.status_code == 200


def test_plain_http_to_the_tls_port_fails_and_the_server_keeps_serving(server):
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(server.https.replace("https://", "http://") + "/_sim/health", timeout=10)
    r = requests.get(server.https + "/_sim/health", timeout=30, verify=str(ROOT_CA))
    assert r.status_code == 200


def test_own_certificate_files_and_bad_pem_exit_2(sim, sim_bin, tmp_path):
    pki = REPO / "fixtures" / "pki" / "default"
    s = TlsServer(sim_bin, "--tls-cert", pki / "server-localhost.chain.pem",
                  "--tls-key", pki / "server-localhost.key.pem")
    try:
        assert any("server-localhost.chain.pem" in line for line in s.lines)
        r = requests.get(s.https + "/_sim/health", timeout=30, verify=str(ROOT_CA))
        assert r.status_code == 200
    finally:
        s.stop()

    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate\n")
    r = sim.run("serve", "--port", "0", "--tls-port", "0", "--tls-cert", bad,
                "--tls-key", pki / "server-localhost.key.pem", timeout=30)
    assert r.returncode == 2
    err = r.stderr.decode("utf-8")
    assert "--tls-cert" in err and "certificate" in err, err
    r = sim.run("serve", "--port", "0", "--tls-port", "0", "--tls-cert",
                pki / "server-localhost.chain.pem", "--tls-key", pki / "38001-valid.key.pem",
                timeout=30)
    assert r.returncode == 2
    assert "does not match" in r.stderr.decode("utf-8") or "key" in r.stderr.decode("utf-8")
    r = sim.run("serve", "--port", "0", "--tls-port", "0", "--tls-cert", tmp_path / "missing.pem",
                "--tls-key", pki / "server-localhost.key.pem", timeout=30)
    assert r.returncode == 2
    assert "cannot read --tls-cert" in r.stderr.decode("utf-8")
    r = sim.run("serve", "--port", "0", "--tls-cert", pki / "server-localhost.chain.pem",
                "--tls-key", pki / "server-localhost.key.pem", timeout=30)
    assert r.returncode == 2
    assert "--tls-port" in r.stderr.decode("utf-8")
