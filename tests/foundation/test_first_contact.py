"""The README path as a newcomer walks it: `dalel demo`, then other commands on its data
directory with no variable to set, files that keep secrets to their owner, one clear line
per error, a busy port said as such (exit 3)."""

from __future__ import annotations

import json
import os
import socket
import stat

import pytest


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def lax_umask():
    old = os.umask(0o022)  # the usual one: new files world-readable unless made private
    try:
        yield
    finally:
        os.umask(old)


def test_demo_out_writes_qr_codes_pdfs_and_a_private_manifest(cli, tmp_path, lax_umask):
    out_dir = tmp_path / "demo-files"
    code, out, err = cli("demo", "--no-serve", "--out", str(out_dir))
    assert code == 0, err
    manifest_file = out_dir / "manifest.json"
    # the registrar's token and the graduates' IINs: the owner's eyes only
    assert _mode(manifest_file) == 0o600
    manifest = json.loads(manifest_file.read_text("utf-8"))
    for entry in manifest["diplomas"]:
        assert (out_dir / entry["qr_png"]).read_bytes().startswith(b"\x89PNG")
        assert (out_dir / entry["pdf"]).read_bytes().startswith(b"%PDF-")
    data_dir = tmp_path / "cli-data"
    assert (data_dir / "demo-token").read_text("utf-8").strip() == manifest["token"]
    for secret in ("demo-token", "keystore-passphrase", "pii.key", "wallet-secret", "dalel.sqlite3"):
        if (data_dir / secret).exists():
            assert _mode(data_dir / secret) == 0o600, secret
    assert _mode(data_dir) == 0o700
    # a second run rewrites the manifest, still private
    os.chmod(manifest_file, 0o644)
    assert cli("demo", "--no-serve", "--out", str(out_dir))[0] == 0
    assert _mode(manifest_file) == 0o600


def test_commands_find_the_demos_passphrase_file(cli, tmp_path):
    assert cli("demo", "--no-serve")[0] == 0
    # no DALEL_KEYSTORE_PASSPHRASE(_FILE): the demo's file in the data dir unlocks the keystore
    code, out, err = cli("keys", "rotate", "--institution", "demo-university")
    assert code == 0, err
    code, out, err = cli("export", "BD", "00000001", "--format", "pdf", "--out", str(tmp_path / "d.pdf"))
    assert code == 0, err
    # a passphrase file others may read is not a secret to pick up silently
    os.chmod(tmp_path / "cli-data" / "keystore-passphrase", 0o644)
    code, out, err = cli("keys", "rotate", "--institution", "demo-university")
    assert code == 1 and "DALEL_KEYSTORE_PASSPHRASE" in err
    # a configured passphrase always wins over the demo's file
    os.chmod(tmp_path / "cli-data" / "keystore-passphrase", 0o600)
    code, out, err = cli("keys", "rotate", "--institution", "demo-university",
                         env={"DALEL_KEYSTORE_PASSPHRASE": "not the demo's"})
    assert code == 1 and "Wrong keystore passphrase" in err


def test_demo_first_screen_says_how_to_switch_language_and_what_next(cli):
    code, out, err = cli("demo", "--no-serve", env={"DALEL_DEFAULT_LANGUAGE": "kk"})
    assert code == 0, err
    first = out.splitlines()[0]
    assert "По-русски: dalel --lang ru demo" in first and "In English: dalel --lang en demo" in first
    assert "--lang kk" not in first  # it is already Kazakh
    assert "demo-token" in out and "dalel revoke BD 00000003" in out and "login-link" in out
    code, out, err = cli("--lang", "en", "demo", "--no-serve")
    assert out.splitlines()[0] == "Қазақша: dalel --lang kk demo · По-русски: dalel --lang ru demo"
    assert "the registrar's token: " in out and "--out demo-files" in out


def test_a_problem_title_is_said_once(cli):
    code, _, err = cli("export", "BD", "00000001", "--format", "docx")
    assert code == 2
    assert err.count("Format must be") == 1 and "docx" in err, err
    code, _, err = cli("export", "BD", "99999999", "--format", "json")
    assert code == 1 and err.count("No diploma with this series and number") == 1, err


@pytest.mark.parametrize("command", [("serve", "--role", "verifier"), ("demo",)])
def test_a_busy_port_is_exit_3_with_a_clear_line(cli, tmp_path, command):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code, out, err = cli(*command, "--port", str(port))
    assert code == 3
    assert f"127.0.0.1:{port} is in use" in err and "--port" in err and "Traceback" not in err
    if command == ("demo",):  # and how to run it on another port, addresses included
        assert f"DALEL_PUBLIC_URL=http://127.0.0.1:{port + 1} dalel demo --port {port + 1}" in err
    assert "is running" not in out
    if command == ("demo",):  # said before the demo does its work
        assert not (tmp_path / "cli-data" / "dalel.sqlite3").exists()
