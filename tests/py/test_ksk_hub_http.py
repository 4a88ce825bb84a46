"""The Ministry of Health KSK data hub (QĐ 1551 PL02; docs/ksk-hub.md) through the real binary:
login, token expiry, every res_code, each invalid header field, the envelope signature (by the
rule of docs/ksk-hub.md, computed here independently with `cryptography`), the XMLDSig signatures
inside the data (made by `sskdt-sim ksk sign`), unregistered certificates, the record stored
before CM_SUCCESS, the answer's own signature, faults and sandbox isolation. Accounts are the
embedded default world's (docs/world.md "KSK hub")."""
import base64
import json
import pathlib
import time
import uuid

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

PKI = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "pki" / "default"
ACCOUNT = {"username": "ksk_38001", "password": "ksk-pass-38001", "facility": "38001",
           "sender_id": "8938000100012"}
OTHER = {"username": "ksk_38105", "password": "ksk-pass-38105", "facility": "38105",
         "sender_id": "8938010500017"}
HEADER_FIELDS = ["version", "sender_id", "receiver_id", "txn_type", "msg_id", "msg_type",
                 "data_type", "send_datetime"]


def key(facility, kind="valid"):
    return serialization.load_pem_private_key((PKI / f"{facility}-{kind}.key.pem").read_bytes(),
                                              password=None)


def canonical(header):
    return json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sign_envelope(header, data, private_key):
    signed = canonical(header).encode("utf-8") + data.encode("ascii")
    sig = private_key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(sig).decode("ascii")


def msg_id(sender_id, day="261203"):
    return sender_id + day + uuid.uuid4().hex


class Hub:
    def __init__(self, base, prefix="/emrhub", host=None, sandbox=None):
        self.base = base
        self.root = base + (f"/s/{sandbox}" if sandbox else "") + prefix
        self.headers = {"Host": host} if host else {}

    def login(self, account=ACCOUNT, password=None):
        return requests.post(self.root + "/api/auth/login", headers=self.headers,
                             json={"username": account["username"],
                                   "password": password or account["password"]}, timeout=30)

    def token(self, account=ACCOUNT):
        r = self.login(account)
        assert r.status_code == 200, r.text
        return r.json()["token"]

    def push(self, token, body, service_type="100", raw=None):
        h = dict(self.headers)
        if token is not None:
            h["Authorization"] = "Bearer " + token
        if service_type is not None:
            h["service-type"] = service_type
        if raw is not None:
            h["Content-Type"] = "application/json"
            return requests.post(self.root + "/api/platform/data-sync/push", headers=h,
                                 data=raw, timeout=60)
        return requests.post(self.root + "/api/platform/data-sync/push", headers=h, json=body,
                             timeout=60)


def envelope(data_bytes, account=ACCOUNT, signer=None, data_type="xml/base64", **overrides):
    header = {"version": "1.0.6", "sender_id": account["sender_id"], "receiver_id": "TDLBYT",
              "txn_type": "sync_checkup", "msg_id": msg_id(account["sender_id"]), "msg_type": 101,
              "data_type": data_type, "send_datetime": int(time.time() * 1000)}
    for k, v in overrides.items():
        if v is None:
            header.pop(k, None)
        else:
            header[k] = v
    data = base64.b64encode(data_bytes).decode("ascii")
    signer = signer or key(account["facility"])
    return {"header": header, "data": data, "signature": sign_envelope(header, data, signer)}


@pytest.fixture(scope="module")
def records(sim):
    """Signed KSK records made by the CLI once per module: {name: bytes}."""
    out = {}

    def make(name, *sign_args, facility="38001", ma_lk="KSK-0001"):
        s = sim.run("ksk", "sample", "--facility", facility, "--ma-lk", ma_lk)
        assert s.returncode == 0, s.stderr
        r = sim.run("ksk", "sign", "--facility", facility, *sign_args, input=s.stdout)
        assert r.returncode == 0, r.stderr
        out[name] = r.stdout
        out[name + ":unsigned"] = s.stdout

    make("valid")
    make("doctor-expired", "--doctor", "expired")
    make("seal-other", "--seal-facility", "38105")
    make("seal-revoked", "--seal", "revoked")
    make("valid-38105", facility="38105")
    return out


@pytest.fixture
def hub(portal, server):
    return Hub(server.base)


def header_of(r):
    body = r.json()
    assert "header" in body, r.text
    return body["header"]


def test_login_answers_token_duration_role(hub):
    r = hub.login()
    assert r.status_code == 200
    b = r.json()
    assert len(b["token"]) >= 32 and b["refresh_token"] and b["token"] != b["refresh_token"]
    assert b["duration"] == 3600 and b["role"] == "facility"


@pytest.mark.parametrize("who,password", [("ksk_38001", "wrong"), ("nobody", "x")])
def test_login_refused(hub, who, password):
    r = hub.login({"username": who, "password": password})
    assert r.status_code == 401 and r.json()["res_code"] == "CM_AUTH_ACCOUNT_FAIL"


def test_push_valid_record_succeeds_and_is_stored_before_the_answer(hub, portal, records):
    body = envelope(records["valid"])
    r = hub.push(hub.token(), body)
    h = header_of(r)
    assert r.status_code == 200, r.text
    assert h["res_code"] == "CM_SUCCESS" and h["data_state"] == "VALID"
    assert h["msg_type"] == 102 and h["ref_msg_id"] == body["header"]["msg_id"]
    assert h["receiver_id"] == ACCOUNT["sender_id"] and h["sender_id"] == "TDLBYT"
    assert h["msg_id"].startswith("TDLBYT") and h["message_check_ca"] == ""
    results = portal.results(ma_cskcb="38001")
    ksk = [x for x in results if x["kind"] == "ksk"]
    assert len(ksk) == 1 and ksk[0]["ma_lk"] == body["header"]["msg_id"]
    assert ksk[0]["result"] == "accepted" and ksk[0]["decided_at"] == ksk[0]["received_at"]


def test_answer_is_signed_by_the_simulator_key(hub, portal, records):
    r = hub.push(hub.token(), envelope(records["valid"]))
    body = r.json()
    pem = portal.admin("GET", "/_sim/ksk-hub/certificate")
    assert pem.status_code == 200 and "BEGIN CERTIFICATE" in pem.text
    cert = x509.load_pem_x509_certificate(pem.text.encode())
    signed = canonical(body["header"]).encode("utf-8") + body["data"].encode()
    cert.public_key().verify(base64.b64decode(body["signature"]), signed, padding.PKCS1v15(),
                             hashes.SHA256())
    tampered = dict(body["header"], res_code="PS_SIGNATURE_INVALID")
    with pytest.raises(Exception):
        cert.public_key().verify(base64.b64decode(body["signature"]),
                                 canonical(tampered).encode() + body["data"].encode(),
                                 padding.PKCS1v15(), hashes.SHA256())


def test_same_msg_id_twice_is_refused(hub, records):
    token = hub.token()
    body = envelope(records["valid"])
    assert header_of(hub.push(token, body))["res_code"] == "CM_SUCCESS"
    r = hub.push(token, body)
    h = header_of(r)
    assert r.status_code == 400 and h["res_code"] == "CM_INVALID_REQUEST"
    assert h["message_notify"].startswith("msg_id:")


def test_token_expires_in_virtual_time(hub, portal, records):
    token = hub.token()
    assert header_of(hub.push(token, envelope(records["valid"])))["res_code"] == "CM_SUCCESS"
    portal.advance("PT61M")
    r = hub.push(token, envelope(records["valid"]))
    assert r.status_code == 401 and header_of(r)["res_code"] == "CM_AUTH_EXPIRED"
    # The client logs in again (as hisnguonmo does on CM_AUTH_EXPIRED) and succeeds.
    assert header_of(hub.push(hub.token(), envelope(records["valid"])))["res_code"] == "CM_SUCCESS"


@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_push_without_a_valid_token(hub, records, token):
    r = hub.push(token, envelope(records["valid"]))
    assert r.status_code == 401 and header_of(r)["res_code"] == "CM_AUTH_EXPIRED"


@pytest.mark.parametrize("value", [None, "101", "1"])
def test_service_type_header(hub, records, value):
    r = hub.push(hub.token(), envelope(records["valid"]), service_type=value)
    h = header_of(r)
    assert r.status_code == 400 and h["res_code"] == "CM_INVALID_REQUEST"
    assert h["message_notify"].startswith("service-type:")


BAD_FIELDS = [
    ("version", None), ("version", "v1"),
    ("sender_id", "893800010001"), ("sender_id", OTHER["sender_id"]),
    ("receiver_id", "BHXH"), ("receiver_id", None),
    ("txn_type", "sync_visit"),
    ("msg_id", "8938000100012261203"), ("msg_id", "8938010500017261203" + "0" * 12 + "4" + "0" * 3
                                        + "8" + "0" * 15),
    ("msg_id", "8938000100012261332" + uuid.uuid4().hex), ("msg_id", None),
    ("msg_type", 102), ("msg_type", None),
    ("data_type", "xml"), ("data_type", "docx/base64"),
    ("send_datetime", 1764730000), ("send_datetime", "yesterday"),
]


@pytest.mark.parametrize("field,value", BAD_FIELDS,
                         ids=[f"{f}-{i}" for i, (f, _) in enumerate(BAD_FIELDS)])
def test_each_invalid_header_field_is_named(hub, portal, records, field, value):
    body = envelope(records["valid"], **{field: value})
    r = hub.push(hub.token(), body)
    h = header_of(r)
    assert r.status_code == 400 and h["res_code"] == "CM_INVALID_REQUEST", r.text
    assert h["message_notify"].startswith(field + ":"), h["message_notify"]
    assert not [x for x in portal.results() if x["kind"] == "ksk"]


def test_missing_data_signature_and_non_json(hub, records):
    token = hub.token()
    for drop in ("data", "signature", "header"):
        body = envelope(records["valid"])
        del body[drop]
        h = header_of(hub.push(token, body))
        assert h["res_code"] == "CM_INVALID_REQUEST" and h["message_notify"].startswith(drop)
    h = header_of(hub.push(token, None, raw=b"{not json"))
    assert h["res_code"] == "CM_INVALID_REQUEST" and h["message_notify"].startswith("body")
    body = envelope(records["valid"])
    body["data"] = "@@@"
    body["signature"] = sign_envelope(body["header"], body["data"], key("38001"))
    h = header_of(hub.push(token, body))
    assert h["res_code"] == "CM_INVALID_REQUEST" and h["message_notify"].startswith("data:")


def test_macskcb_must_be_the_sender(hub, records):
    body = envelope(records["valid-38105"])
    h = header_of(hub.push(hub.token(), body))
    assert h["res_code"] == "CM_INVALID_REQUEST" and "MACSKCB" in h["message_notify"]


def rejected(h, portal, msg):
    assert h["res_code"] == "PS_SIGNATURE_INVALID" and h["data_state"] == "INVALID"
    ksk = [x for x in portal.results() if x["kind"] == "ksk"]
    assert len(ksk) == 1 and ksk[0]["result"] == "rejected" and ksk[0]["ma_lk"] == msg
    return h["message_check_ca"]


def test_envelope_signature_tampered(hub, portal, records):
    body = envelope(records["valid"])
    body["header"]["send_datetime"] += 1  # signed before the change
    h = header_of(hub.push(hub.token(), body))
    assert rejected(h, portal, body["header"]["msg_id"]).startswith("signature:")


def test_envelope_signed_with_an_unregistered_key(hub, portal, records):
    body = envelope(records["valid"], signer=key("38105"))
    h = header_of(hub.push(hub.token(), body))
    assert "signature:" in rejected(h, portal, body["header"]["msg_id"])


def test_envelope_key_registered_at_runtime_is_accepted(hub, portal, records):
    body = envelope(records["valid"], signer=key("38105"))
    assert header_of(hub.push(hub.token(), body))["res_code"] == "PS_SIGNATURE_INVALID"
    pem = (PKI / "38105-valid.cert.pem").read_text()
    r = portal.admin("POST", "/_sim/world", json={"certificate": {
        "ma_cskcb": "38001", "pem": pem}})
    assert r.status_code in (200, 201), r.text
    body = envelope(records["valid"], signer=key("38105"))
    assert header_of(hub.push(hub.token(), body))["res_code"] == "CM_SUCCESS"


def test_xmldsig_inside_tampered(hub, portal, records):
    data = records["valid"].replace("<SOLUONGHOSO>1<".encode(), "<SOLUONGHOSO>2<".encode())
    assert data != records["valid"]
    body = envelope(data)
    ca = rejected(header_of(hub.push(hub.token(), body)), portal, body["header"]["msg_id"])
    assert "CKS_NGUOI_KET_LUAN: SIG.DIGEST" in ca and "CKS_BENH_VIEN: SIG.DIGEST" in ca


def test_xmldsig_unsigned_record(hub, portal, records):
    body = envelope(records["valid:unsigned"])
    ca = rejected(header_of(hub.push(hub.token(), body)), portal, body["header"]["msg_id"])
    assert "CKS_NGUOI_KET_LUAN: SIG.MISSING" in ca and "CKS_BENH_VIEN: SIG.MISSING" in ca


def test_seal_with_an_unregistered_certificate(hub, portal, records):
    body = envelope(records["seal-other"])
    ca = rejected(header_of(hub.push(hub.token(), body)), portal, body["header"]["msg_id"])
    assert "CKS_BENH_VIEN: SIG.CERT_UNREGISTERED" in ca and "CKS_NGUOI_KET_LUAN" not in ca


def test_doctor_certificate_expired_and_seal_revoked(hub, portal, records):
    token = hub.token()
    body = envelope(records["doctor-expired"])
    h = header_of(hub.push(token, body))
    assert h["res_code"] == "PS_SIGNATURE_INVALID"
    assert "CKS_NGUOI_KET_LUAN: SIG.CERT_EXPIRED" in h["message_check_ca"]
    assert "CKS_BENH_VIEN" not in h["message_check_ca"]
    h = header_of(hub.push(token, envelope(records["seal-revoked"])))
    assert "CKS_BENH_VIEN: SIG.CERT_REVOKED" in h["message_check_ca"]


def test_json_data_needs_only_the_envelope_signature(hub):
    body = envelope(json.dumps({"MA_LK": "KSK-JSON"}).encode(), data_type="json/base64")
    assert header_of(hub.push(hub.token(), body))["res_code"] == "CM_SUCCESS"


def test_host_routing(server, portal, records):
    for host in ("api.emrhub.vn", "API-SANDBOX.emrhub.vn:443"):
        h = Hub(server.base, prefix="", host=host)
        r = h.push(h.token(), envelope(records["valid"]))
        assert header_of(r)["res_code"] == "CM_SUCCESS"
    # Without the host or the prefix the path is the portal's (404 there).
    r = requests.post(server.base + "/api/auth/login", json={"username": "ksk_38001"}, timeout=30)
    assert r.status_code == 404


def test_exchanges_journalled_without_the_password(hub, portal, records):
    hub.push(hub.token(), envelope(records["valid"]))
    entries = [e for e in portal.admin("GET", "/_sim/journal").json()["entries"]
               if e["endpoint"] == "ksk"]
    assert [e["request"]["headers"]["x-sim-ksk"]["operation"] for e in entries] == ["login",
                                                                                  "push"]
    assert ACCOUNT["password"] not in json.dumps(entries)
    assert json.loads(entries[0]["request"]["body"]) == {"username": ACCOUNT["username"],
                                                          "password": "…"}
    assert "Bearer …" == entries[1]["request"]["headers"]["Authorization"]
    assert entries[1]["request"]["headers"]["x-sim-ksk"]["outcome"] == "CM_SUCCESS"


def test_faults(hub, portal, records):
    token = hub.token()
    r = portal.admin("POST", "/_sim/faults", json={"type": "outage", "scope": {"endpoint": "ksk"}})
    assert r.status_code == 201, r.text
    assert hub.push(token, envelope(records["valid"])).status_code == 503
    portal.admin("DELETE", "/_sim/faults/" + r.json()["id"])
    r = portal.admin("POST", "/_sim/faults", json={"type": "response_lost",
                                                     "scope": {"endpoint": "ksk"}})
    body = envelope(records["valid"])
    with pytest.raises(requests.exceptions.ConnectionError):
        hub.push(token, body)
    portal.admin("DELETE", "/_sim/faults/" + r.json()["id"])
    # The answer was lost after the record was stored: a resend with the same msg_id is refused.
    stored = [x for x in portal.results() if x["kind"] == "ksk"]
    assert [x["ma_lk"] for x in stored] == [body["header"]["msg_id"]]
    assert header_of(hub.push(token, body))["message_notify"].startswith("msg_id:")
    r = portal.admin("POST", "/_sim/faults", json={"type": "ma_ket_qua_500",
                                                     "scope": {"endpoint": "ksk",
                                                               "facility": "38001"}})
    assert r.status_code == 201, r.text
    err = hub.push(token, envelope(records["valid"]))
    assert err.status_code == 500 and header_of(err)["res_code"] == "CM_SERVER_ERROR"
    assert "500" in header_of(err)["message_notify"]
    other = Hub(hub.base)
    assert header_of(other.push(other.token(OTHER), envelope(records["valid-38105"], OTHER))
                     )["res_code"] == "CM_SUCCESS"   # the fault is scoped to 38001
    portal.admin("DELETE", "/_sim/faults/" + r.json()["id"])
    assert len([x for x in portal.results() if x["kind"] == "ksk"]) == 2
    r = portal.admin("POST", "/_sim/faults", json={"type": "token_expiry",
                                                     "scope": {"endpoint": "ksk"}})
    assert r.status_code == 201, r.text
    assert header_of(hub.push(token, envelope(records["valid"])))["res_code"] == "CM_AUTH_EXPIRED"


def test_reset_revokes_tokens(hub, portal, records):
    token = hub.token()
    assert portal.admin("POST", "/_sim/reset").status_code == 200
    r = hub.push(token, envelope(records["valid"]))
    assert r.status_code == 401 and header_of(r)["res_code"] == "CM_AUTH_EXPIRED"


def test_sandbox_isolation(server, portal, records):
    assert portal.admin("POST", "/_sim/sandboxes", json={"name": "ksk"}).status_code == 201
    sb = Hub(server.base, sandbox="ksk")
    token = sb.token()
    assert header_of(sb.push(token, envelope(records["valid"])))["res_code"] == "CM_SUCCESS"
    # A token of the sandbox is not the default sandbox's, and the record is the sandbox's only.
    assert Hub(server.base).push(token, envelope(records["valid"])).status_code == 401
    assert not [x for x in portal.results() if x["kind"] == "ksk"]
    res = requests.get(server.base + "/s/ksk/_sim/results", timeout=30)
    assert [x["kind"] for x in res.json()["results"]] == ["ksk"]
