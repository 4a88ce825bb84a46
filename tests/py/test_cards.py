"""Printable test cards (issue 10; docs/cards.md): `sskdt-sim world cards` and /ui/cards. The
QR images are decoded back with Debian's zbarimg (zbar-tools), compared byte for byte with
manifest.json, and the decoded payloads are judged by `sskdt-sim id qr`: no finding at all."""
import json
import shutil
import subprocess

import pytest
import requests

from portal_client import Portal

ZBARIMG = shutil.which("zbarimg")
needs_zbar = pytest.mark.skipif(ZBARIMG is None, reason="zbarimg missing: scripts/setup-deps.sh")


def zbar_decode(path, binary=False):
    """The payload bytes zbarimg reads from a PNG file (its trailing newline dropped)."""
    args = [ZBARIMG, "--raw", "-q"] + (["-Sbinary"] if binary else []) + [str(path)]
    r = subprocess.run(args, capture_output=True, timeout=60)
    assert r.returncode == 0, (path, r.returncode, r.stderr[-500:])
    out = r.stdout
    # --raw ends each symbol with "\n"; in binary mode zbar writes the bytes as they are.
    if out.endswith(b"\n"):
        out = out[:-1]
    return out


def id_qr(sim, payload_bytes, tmp_path, kind):
    f = tmp_path / f"payload-{kind}.txt"
    f.write_bytes(payload_bytes)
    r = sim.run("id", "qr", "--file", f, "--json")
    return r.returncode, json.loads(r.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def named_cards(sim_bin, tmp_path_factory):
    out = tmp_path_factory.mktemp("cards")
    r = subprocess.run([str(sim_bin), "world", "cards", "--out", str(out)], capture_output=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return out, manifest




@needs_zbar
def test_every_png_decodes_to_its_manifest_payload_and_reads_back_clean(named_cards, sim,
                                                                        tmp_path):
    out, manifest = named_cards
    assert manifest["qr"] == {"mode": "byte", "ec_level": "M", "eci": False, "encoding": "UTF-8"}
    cards = manifest["cards"]
    assert len(cards) >= 20
    decoded = 0
    for card in cards:
        assert "error" not in card, card
        assert card["case_label"], card  # the default is the named cases
        for kind in ("cccd", "bhyt"):
            entry = card[kind]
            if entry is None:
                assert kind == "bhyt"
                continue
            png = out / entry["file"]
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            expected = entry["payload"].encode("utf-8")
            # zbar's text mode must give back the UTF-8 bytes unchanged (Vietnamese included);
            # -Sbinary must agree.
            assert zbar_decode(png) == expected, (entry["file"], zbar_decode(png))
            assert zbar_decode(png, binary=True) == expected, entry["file"]
            rc, j = id_qr(sim, expected, tmp_path, kind)
            assert rc == 0 and j["valid"] is True and j["findings"] == [], (entry["file"], j)
            assert j["parsed"]["kind"] == ("cccd" if kind == "cccd" else "bhyt_card")
            f = j["parsed"]["fields"]
            assert f["so_dinh_danh" if kind == "cccd" else "ho_ten"] == (
                card["so_dinh_danh"] if kind == "cccd" else card["ho_ten"])
            if kind == "cccd":
                assert f["ho_ten"] == card["ho_ten"]
            decoded += 1
    assert decoded >= 40
    # A CCCD payload carries Vietnamese as UTF-8 text, not hex.
    het_han = next(c for c in cards if c["case_label"] == "the-het-han")
    assert "|Lê Văn Hạn|" in het_han["cccd"]["payload"]
    assert zbar_decode(out / het_han["cccd"]["file"]).decode("utf-8").split("|")[2] == "Lê Văn Hạn"


def test_sheet_lists_every_card(named_cards):
    out, manifest = named_cards
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "@page{size:A4" in html
    for card in manifest["cards"]:
        assert f'data-id="{card["so_dinh_danh"]}"' in html
        assert card["ho_ten"] in html
        assert f'src="{card["cccd"]["file"]}"' in html
        if card["bhyt"]:
            assert f'src="{card["bhyt"]["file"]}"' in html
    files = {p.name for p in out.iterdir()}
    expected = {"index.html", "manifest.json"}
    for card in manifest["cards"]:
        expected |= {card[k]["file"] for k in ("cccd", "bhyt") if card[k]}
    assert files == expected


def test_selection_options(sim, tmp_path):
    out = tmp_path / "f"
    r = sim.run("world", "cards", "--out", out, "--facility", "38105", "--limit", "3")
    assert r.returncode == 0, r.stderr
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(m["cards"]) == 3
    for card in m["cards"]:
        assert card["bhyt"]["payload"].split("|")[5] == "38105"

    out = tmp_path / "c"
    r = sim.run("world", "cards", "--out", out, "--citizens", "038093900115,038068900101")
    assert r.returncode == 0, r.stderr
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [c["so_dinh_danh"] for c in m["cards"]] == ["038093900115", "038068900101"]
    assert m["cards"][0]["bhyt"] is None  # khong-co-the: no card, no BHYT image
    assert not (out / "038093900115-bhyt.png").exists()


@pytest.mark.parametrize("args,needle", [
    (["--citizens", "038068900101,999999999999"], "999999999999"),
    (["--facility", "99999"], "99999"),
    (["--limit", "0"], "limit"),
    (["--limit", "many"], "limit"),
    (["--citizens", "038068900101,,"], "empty entry"),
    (["--bogus"], "unknown argument"),
], ids=["unknown-citizen", "unknown-facility", "limit-0", "limit-text", "empty-id", "bogus"])
def test_usage_errors_exit_2(sim, tmp_path, args, needle):
    out = tmp_path / "o"
    r = sim.run("world", "cards", "--out", out, *args)
    assert r.returncode == 2, r.stderr
    assert needle in r.stderr.decode("utf-8"), r.stderr
    assert not (out / "index.html").exists()


def test_missing_out_exit_2(sim):
    r = sim.run("world", "cards")
    assert r.returncode == 2
    assert "--out DIR" in r.stderr.decode("utf-8")


# --- /ui/cards over HTTP ---------------------------------------------------------------------

@needs_zbar
def test_ui_cards_page_and_png_route(server, tmp_path, sim):
    p = Portal(server.base)
    assert p.admin("POST", "/_sim/reset").status_code == 200
    r = requests.get(server.base + "/ui/cards", timeout=30)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    html = r.text
    named = [c for c in p.world(limit=10000)["citizens"] if c["case_label"]]
    assert len(named) >= 20
    for c in named:
        assert c["ho_ten"] in html, c["ho_ten"]
        assert f'src="/ui/cards/{c["so_dinh_danh"]}/cccd.png"' in html
    img = requests.get(server.base + "/ui/cards/038068900101/cccd.png", timeout=30)
    assert img.status_code == 200
    assert img.headers["Content-Type"] == "image/png"
    f = tmp_path / "cccd.png"
    f.write_bytes(img.content)
    payload = zbar_decode(f)
    assert payload.decode("utf-8").startswith("038068900101||Lê Văn Hạn|15031968|Nam|")
    rc, j = id_qr(sim, payload, tmp_path, "http")
    assert rc == 0 and j["findings"] == [], j

    img = requests.get(server.base + "/ui/cards/038068900101/bhyt.png", timeout=30)
    assert img.status_code == 200 and img.headers["Content-Type"] == "image/png"
    f.write_bytes(img.content)
    assert zbar_decode(f).startswith(b"DN4383890000101|4cc3aa2056c4836e2048e1baa16e|")

    # Filters as query parameters; errors as pages.
    r = requests.get(server.base + "/ui/cards", params={"facility": "38209", "limit": "2"},
                     timeout=30)
    assert r.status_code == 200 and r.text.count('<section class="card"') == 2
    assert requests.get(server.base + "/ui/cards", params={"citizens": "999999999999"},
                        timeout=30).status_code == 404
    assert requests.get(server.base + "/ui/cards", params={"limit": "0"},
                        timeout=30).status_code == 400
    assert requests.get(server.base + "/ui/cards/999999999999/cccd.png",
                        timeout=30).status_code == 404
    assert requests.get(server.base + "/ui/cards/038093900115/bhyt.png",  # no card
                        timeout=30).status_code == 404
    assert requests.get(server.base + "/ui/cards/038068900101/other.png",
                        timeout=30).status_code == 404


@needs_zbar
def test_ui_cards_prints_a_citizen_added_to_a_sandbox(server, tmp_path):
    root = Portal(server.base)
    assert root.admin("POST", "/_sim/reset").status_code == 200
    assert root.admin("POST", "/_sim/sandboxes", json={"name": "lop-the"}).status_code == 201
    sb = Portal(server.base, "lop-the")
    citizen = {
        "so_dinh_danh": "038190900778", "ho_ten": "Đoàn Thị Thêm Mới",
        "date_of_birth": "1990-07-07", "sex": "female",
        "address": "Thôn 1, xã Tân Phú, huyện Ninh Sơn, tỉnh Thượng Ninh",
        "card": {"number": "DN4383890000778", "ma_dkbd": "38001", "valid_from": "2026-01-01",
                 "valid_to": "2027-12-31"},
    }
    r = sb.admin("POST", "/_sim/world", json={"citizen": citizen})
    assert r.status_code == 201, r.text
    r = requests.get(sb.base + "/ui/cards", params={"citizens": "038190900778"}, timeout=30)
    assert r.status_code == 200, r.text
    assert "Đoàn Thị Thêm Mới" in r.text
    assert 'src="/s/lop-the/ui/cards/038190900778/cccd.png"' in r.text
    img = requests.get(sb.base + "/ui/cards/038190900778/cccd.png", timeout=30)
    assert img.status_code == 200 and img.headers["Content-Type"] == "image/png"
    f = tmp_path / "sb.png"
    f.write_bytes(img.content)
    assert zbar_decode(f).decode("utf-8").split("|")[2] == "Đoàn Thị Thêm Mới"
    # A payload longer than a QR code holds: a clear refusal, the server keeps serving.
    long = dict(citizen, so_dinh_danh="038190900779", address="x" * 2400, card=None)
    del long["card"]
    r = sb.admin("POST", "/_sim/world", json={"citizen": long})
    assert r.status_code == 201, r.text
    img = requests.get(sb.base + "/ui/cards/038190900779/cccd.png", timeout=30)
    assert img.status_code == 422 and "does not fit in a QR code" in img.text, img.text[:300]
    r = requests.get(sb.base + "/ui/cards", params={"citizens": "038190900779"}, timeout=30)
    assert r.status_code == 200 and "Không in được" in r.text
    assert '<li data-id="038190900779">' in r.text and "038190900779/cccd.png" not in r.text
    # Not in the default sandbox.
    assert requests.get(server.base + "/ui/cards", params={"citizens": "038190900778"},
                        timeout=30).status_code == 404
    assert root.admin("POST", "/_sim/reset").status_code == 200
