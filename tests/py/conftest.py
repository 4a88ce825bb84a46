"""Shared pytest fixtures: the built `sskdt-sim` binary and helpers to run it.

The binary comes from $SSKDT_SIM_BIN (scripts/test.sh sets it to build/ci/bin/sskdt-sim);
otherwise the first of build/{ci,release,dev}/bin/sskdt-sim that exists.
Run with Debian's interpreter: /usr/bin/python3 -m pytest tests/py
"""
import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def _find_binary():
    env = os.environ.get("SSKDT_SIM_BIN")
    if env:
        return pathlib.Path(env)
    for preset in ("ci", "release", "dev"):
        p = REPO / "build" / preset / "bin" / "sskdt-sim"
        if p.exists():
            return p
    return None


@pytest.fixture(scope="session")
def sim_bin():
    b = _find_binary()
    if b is None or not b.exists():
        pytest.fail("sskdt-sim binary not found: build it first (scripts/test.sh does)")
    return b


class SimRunner:
    def __init__(self, binary):
        self.binary = binary

    def run(self, *args, timeout=120, input=None):
        return subprocess.run([str(self.binary), *map(str, args)], capture_output=True,
                              timeout=timeout, input=input)

    def validate_json(self, *args, timeout=120):
        """Runs `validate --json ARGS`; returns (exit code, parsed JSON)."""
        r = self.run("validate", "--json", *args, timeout=timeout)
        assert r.returncode in (0, 1), (r.returncode, r.stderr.decode("utf-8", "replace"))
        return r.returncode, json.loads(r.stdout.decode("utf-8"))


@pytest.fixture(scope="session")
def sim(sim_bin):
    return SimRunner(sim_bin)


@pytest.fixture(scope="module")
def server(sim_bin, tmp_path_factory):
    """A real `sskdt-sim serve` on 127.0.0.1:0 for one test module (journal in a temporary
    directory). Modules that need another set-up (TLS, a world file) define their own."""
    from portal_client import Server
    s = Server(sim_bin, data_dir=tmp_path_factory.mktemp("portal-data")).start()
    yield s
    s.stop()


@pytest.fixture
def portal(server):
    """A client of `server` that talks like a HIS, after an admin reset (test isolation)."""
    from portal_client import Portal
    p = Portal(server.base)
    assert p.admin("POST", "/_sim/reset").status_code == 200
    return p
