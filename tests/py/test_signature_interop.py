"""Signature interoperability (issue 8): files signed by the xmlsec1 command-line tool, by Python
`xmlsec` (Debian python3-xmlsec) and by Java's javax.xml.crypto.dsig verify as accepted by
`sskdt-sim verify-signature`; files signed by `sskdt-sim sign` verify with `xmlsec1 --verify`;
the same tampering is rejected by both.

The binary comes from $SSKDT_SIM_BIN (default build/release/bin/sskdt-sim); the tests skip with a
message when it, xmlsec1, python3-xmlsec or a JDK is missing. The test PKI is
fixtures/pki/default (facility 38001). Run: /usr/bin/python3 -m pytest tests/py/test_signature_interop.py
"""
import os
import pathlib
import shutil
import subprocess
import textwrap

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
PKI = REPO / "fixtures" / "pki" / "default"
FACILITY = "38001"
AT = "202612031000"

CLAIM = """<?xml version="1.0" encoding="utf-8"?>
<GIAMDINHHS xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <THONGTINDONVI>
    <MACSKCB>38001</MACSKCB>
  </THONGTINDONVI>
  <THONGTINHOSO>
    <NGAYLAP>20261203</NGAYLAP>
    <SOLUONGHOSO>1</SOLUONGHOSO>
    <DANHSACHHOSO>
      <HOSO>
        <FILEHOSO>
          <LOAIHOSO>XML1</LOAIHOSO>
          <NOIDUNGFILE>PFRPTkdfSE9QPjxNQV9MSz5MSzAwMTwvTUFfTEs+PC9UT05HX0hPUD4=</NOIDUNGFILE>
        </FILEHOSO>
      </HOSO>
    </DANHSACHHOSO>
  </THONGTINHOSO>
  <CHUKYDONVI/>
</GIAMDINHHS>
"""

CHECKIN = """<?xml version="1.0" encoding="utf-8"?>
<CHI_TIEU_TRANG_THAI_KCB>
  <DSACH_TRANG_THAI_KCB>
    <TRANG_THAI_KCB>
      <MA_LK>LK20261203001</MA_LK>
      <MA_CSKCB>38001</MA_CSKCB>
      <HO_TEN><![CDATA[Nguyễn Thị Hoà]]></HO_TEN>
      <NGAY_VAO>202612030800</NGAY_VAO>
    </TRANG_THAI_KCB>
  </DSACH_TRANG_THAI_KCB>
  <CHUKYDONVI/>
</CHI_TIEU_TRANG_THAI_KCB>
"""

TEMPLATE_SIGNATURE = """<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
<SignedInfo>
<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
<SignatureMethod Algorithm="{sig}"/>
<Reference URI="">
<Transforms>
<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>{extra}
</Transforms>
<DigestMethod Algorithm="{digest}"/>
<DigestValue/>
</Reference>
</SignedInfo>
<SignatureValue/>
<KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo>
</Signature>"""

RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"


def _binary():
    return pathlib.Path(os.environ.get("SSKDT_SIM_BIN", REPO / "build" / "release" / "bin" / "sskdt-sim"))


@pytest.fixture(scope="module")
def sim():
    b = _binary()
    if not b.exists():
        pytest.skip(f"sskdt-sim not found at {b} (set SSKDT_SIM_BIN or build the release preset)")
    return b


@pytest.fixture(scope="module")
def xmlsec1():
    x = shutil.which("xmlsec1")
    if not x:
        pytest.skip("xmlsec1 command-line tool not installed")
    return x


def verify_sim(sim, path, *extra):
    """Runs verify-signature with the portal's trust and registration; returns (rc, stdout)."""
    r = subprocess.run([str(sim), "verify-signature", "--trust-ca", str(PKI / "trusted-cas.pem"),
                        "--crl", str(PKI / "issuing-ca.crl.pem"),
                        "--register-cert", f"{FACILITY}={PKI / (FACILITY + '-valid.cert.pem')}",
                        "--at", AT, *extra, str(path)], capture_output=True, timeout=60)
    out = r.stdout.decode("utf-8")
    assert r.returncode in (0, 1), (r.returncode, out, r.stderr.decode("utf-8", "replace"))
    return r.returncode, out


def verify_xmlsec1(xmlsec1, path):
    r = subprocess.run([xmlsec1, "--verify", "--enabled-reference-uris", "empty",
                        "--trusted-pem", str(PKI / "root-ca.cert.pem"),
                        "--trusted-pem", str(PKI / "issuing-ca.cert.pem"),
                        "--verification-time", "2026-12-03 03:00:00", str(path)],
                       capture_output=True, timeout=60)
    return r.returncode


def tamper(src, dst):
    """Changes one date: NGAYLAP of a claim, NGAY_VAO of a check-in."""
    text = src.read_text(encoding="utf-8")
    for old, new in (("<NGAYLAP>20261203</NGAYLAP>", "<NGAYLAP>20261204</NGAYLAP>"),
                     ("<NGAY_VAO>202612030800</NGAY_VAO>", "<NGAY_VAO>202612030900</NGAY_VAO>")):
        if old in text:
            dst.write_text(text.replace(old, new), encoding="utf-8")
            return dst
    raise AssertionError("nothing to tamper with")


def assert_accepted_then_tamper_rejected(sim, xmlsec1, signed, tmp_path):
    rc, out = verify_sim(sim, signed)
    assert rc == 0 and "accepted" in out, out
    assert verify_xmlsec1(xmlsec1, signed) == 0
    bad = tamper(signed, tmp_path / "tampered.xml")
    rc, out = verify_sim(sim, bad)
    assert rc == 1 and "SIG.DIGEST" in out, out
    assert verify_xmlsec1(xmlsec1, bad) != 0


def xmlsec1_sign(xmlsec1, tmp_path, sig=RSA_SHA256, digest=SHA256, extra="", doc=CLAIM):
    tmpl = tmp_path / "template.xml"
    tmpl.write_text(doc.replace("<CHUKYDONVI/>", "<CHUKYDONVI>" + TEMPLATE_SIGNATURE.format(
        sig=sig, digest=digest, extra=extra) + "</CHUKYDONVI>"), encoding="utf-8")
    out = tmp_path / "signed-xmlsec1.xml"
    key = f"{PKI / (FACILITY + '-valid.key.pem')},{PKI / (FACILITY + '-valid.cert.pem')}"
    r = subprocess.run([xmlsec1, "--sign", "--privkey-pem", key, "--output", str(out), str(tmpl)],
                       capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    return out


def test_xmlsec1_cli_signed_file_is_accepted(sim, xmlsec1, tmp_path):
    signed = xmlsec1_sign(xmlsec1, tmp_path)
    assert_accepted_then_tamper_rejected(sim, xmlsec1, signed, tmp_path)


def test_xmlsec1_cli_signed_checkin_is_accepted(sim, xmlsec1, tmp_path):
    signed = xmlsec1_sign(xmlsec1, tmp_path, doc=CHECKIN)
    assert_accepted_then_tamper_rejected(sim, xmlsec1, signed, tmp_path)


def test_xmlsec1_cli_signed_file_with_c14n_transform_is_accepted(sim, xmlsec1, tmp_path):
    signed = xmlsec1_sign(xmlsec1, tmp_path,
                          extra=f'\n<Transform Algorithm="{C14N}"/>')
    assert_accepted_then_tamper_rejected(sim, xmlsec1, signed, tmp_path)


def test_sha1_signature_is_refused_or_warned(sim, xmlsec1, tmp_path):
    signed = xmlsec1_sign(xmlsec1, tmp_path, sig="http://www.w3.org/2000/09/xmldsig#rsa-sha1",
                          digest="http://www.w3.org/2000/09/xmldsig#sha1")
    assert verify_xmlsec1(xmlsec1, signed) == 0  # the library itself still accepts SHA-1
    rc, out = verify_sim(sim, signed)
    assert rc == 1 and "SIG.ALGORITHM [error]" in out, out
    rc, out = verify_sim(sim, signed, "--sha1-warning")
    assert rc == 0 and "SIG.ALGORITHM [warning]" in out, out


def test_python_xmlsec_signed_file_is_accepted(sim, xmlsec1, tmp_path):
    xmlsec = pytest.importorskip("xmlsec", reason="python3-xmlsec not installed")
    etree = pytest.importorskip("lxml.etree", reason="python3-lxml not installed")
    for with_c14n in (False, True):
        root = etree.fromstring(CLAIM.encode("utf-8"))
        sig = xmlsec.template.create(root, xmlsec.Transform.C14N, xmlsec.Transform.RSA_SHA256)
        root.find("CHUKYDONVI").append(sig)
        ref = xmlsec.template.add_reference(sig, xmlsec.Transform.SHA256, uri="")
        xmlsec.template.add_transform(ref, xmlsec.Transform.ENVELOPED)
        if with_c14n:
            xmlsec.template.add_transform(ref, xmlsec.Transform.C14N)
        ki = xmlsec.template.ensure_key_info(sig)
        xmlsec.template.add_x509_data(ki)  # an empty X509Data is filled with the certificate
        ctx = xmlsec.SignatureContext()
        key = xmlsec.Key.from_file(str(PKI / f"{FACILITY}-valid.key.pem"), xmlsec.KeyFormat.PEM)
        key.load_cert_from_file(str(PKI / f"{FACILITY}-valid.cert.pem"), xmlsec.KeyFormat.PEM)
        ctx.key = key
        ctx.sign(sig)
        signed = tmp_path / f"signed-python-{with_c14n}.xml"
        signed.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
        assert b"X509Certificate" in signed.read_bytes()
        assert_accepted_then_tamper_rejected(sim, xmlsec1, signed, tmp_path)


def test_sskdt_sim_signed_file_verifies_with_xmlsec1(sim, xmlsec1, tmp_path):
    unsigned = tmp_path / "claim.xml"
    unsigned.write_text(CLAIM, encoding="utf-8")
    for flags in ([], ["--c14n-transform"], ["--chain", str(PKI / "issuing-ca.cert.pem")]):
        signed = tmp_path / "signed-sim.xml"
        r = subprocess.run([str(sim), "sign", "--key", str(PKI / f"{FACILITY}-valid.key.pem"),
                            "--cert", str(PKI / f"{FACILITY}-valid.cert.pem"), *flags,
                            str(unsigned), str(signed)], capture_output=True, timeout=60)
        assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
        assert_accepted_then_tamper_rejected(sim, xmlsec1, signed, tmp_path)


def test_sskdt_sim_signed_file_verifies_with_python_xmlsec(sim, tmp_path):
    xmlsec = pytest.importorskip("xmlsec", reason="python3-xmlsec not installed")
    etree = pytest.importorskip("lxml.etree", reason="python3-lxml not installed")
    unsigned = tmp_path / "claim.xml"
    unsigned.write_text(CLAIM, encoding="utf-8")
    signed = tmp_path / "signed-sim.xml"
    subprocess.run([str(sim), "sign", "--key", str(PKI / f"{FACILITY}-valid.key.pem"),
                    "--cert", str(PKI / f"{FACILITY}-valid.cert.pem"), str(unsigned),
                    str(signed)], check=True, timeout=60)

    def verify(data):
        root = etree.fromstring(data)
        node = xmlsec.tree.find_node(root, xmlsec.constants.NodeSignature)
        ctx = xmlsec.SignatureContext()
        ctx.key = xmlsec.Key.from_file(str(PKI / f"{FACILITY}-valid.cert.pem"),
                                       xmlsec.KeyFormat.CERT_PEM)
        ctx.verify(node)

    verify(signed.read_bytes())
    with pytest.raises(xmlsec.Error):
        verify(signed.read_bytes().replace(b"20261203", b"20261204"))


JAVA_SIGNER = textwrap.dedent("""\
    import java.io.*;
    import java.nio.file.*;
    import java.security.*;
    import java.security.cert.*;
    import java.security.spec.PKCS8EncodedKeySpec;
    import java.util.*;
    import javax.xml.crypto.dsig.*;
    import javax.xml.crypto.dsig.dom.DOMSignContext;
    import javax.xml.crypto.dsig.keyinfo.*;
    import javax.xml.crypto.dsig.spec.*;
    import javax.xml.parsers.DocumentBuilderFactory;
    import javax.xml.transform.*;
    import javax.xml.transform.dom.DOMSource;
    import javax.xml.transform.stream.StreamResult;
    import org.w3c.dom.*;

    public class JdkSign {
      public static void main(String[] a) throws Exception {
        String pem = new String(Files.readAllBytes(Paths.get(a[0])), "US-ASCII")
            .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new FileInputStream(a[1]));
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document doc = dbf.newDocumentBuilder().parse(new File(a[2]));
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        List<Transform> transforms = new ArrayList<>();
        transforms.add(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null));
        if (a.length > 4) transforms.add(f.newTransform(CanonicalizationMethod.INCLUSIVE,
            (TransformParameterSpec) null));
        Reference ref = f.newReference("", f.newDigestMethod(DigestMethod.SHA256, null),
            transforms, null, null);
        SignedInfo si = f.newSignedInfo(f.newCanonicalizationMethod(
            CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
            f.newSignatureMethod("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", null),
            Collections.singletonList(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        KeyInfo ki = kif.newKeyInfo(Collections.singletonList(
            kif.newX509Data(Collections.singletonList(cert))));
        Node holder = doc.getElementsByTagName("CHUKYDONVI").item(0);
        f.newXMLSignature(si, ki).sign(new DOMSignContext(key, holder));
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc),
            new StreamResult(new FileOutputStream(a[3])));
      }
    }
    """)


def test_java_signed_file_is_accepted(sim, xmlsec1, tmp_path):
    javac, java = shutil.which("javac"), shutil.which("java")
    if not javac or not java:
        pytest.skip("no JDK (javac/java) on this machine: Java interoperability not tested")
    (tmp_path / "JdkSign.java").write_text(JAVA_SIGNER, encoding="utf-8")
    subprocess.run([javac, "JdkSign.java"], cwd=tmp_path, check=True, timeout=300)
    unsigned = tmp_path / "claim.xml"
    unsigned.write_text(CLAIM, encoding="utf-8")
    for extra in ([], ["c14n"]):
        signed = tmp_path / "signed-java.xml"
        r = subprocess.run([java, "-cp", str(tmp_path), "JdkSign",
                            str(PKI / f"{FACILITY}-valid.key.pem"),
                            str(PKI / f"{FACILITY}-valid.cert.pem"), str(unsigned), str(signed),
                            *extra], capture_output=True, timeout=300)
        assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
        assert_accepted_then_tamper_rejected(sim, xmlsec1, signed, tmp_path)
