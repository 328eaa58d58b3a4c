import io
import json

import jwt
import pypdf
from sqlmodel import Session

from dalel.db import make_engine
from keys.keystore import Keystore
from keys.service import create_key

ENV = {"DALEL_KEYSTORE_PASSPHRASE": "cli test passphrase", "DALEL_PUBLIC_URL": "http://testserver"}


def _prepared(cli, tmp_path, seed_db):
    code, _, err = cli("init", env=ENV)
    assert code == 0, err
    data_dir = tmp_path / "cli-data"
    engine = make_engine(f"sqlite:///{data_dir / 'dalel.sqlite3'}")
    seeded = seed_db(engine, "http://testserver")
    with Session(engine) as s:
        keystore = Keystore.open(data_dir / "keystore", passphrase=ENV["DALEL_KEYSTORE_PASSPHRASE"])
        create_key(s, keystore, institution="demo-uni")
    engine.dispose()
    return seeded


def test_export_every_format(cli, tmp_path, seed_db, qr):
    seeded = _prepared(cli, tmp_path, seed_db)
    url = f"http://testserver/v/{seeded.diploma.verify_token}"
    out = tmp_path / "out"
    files = {}
    for fmt in ("pdf", "json", "jwt", "vp", "qr-png", "qr-svg"):
        target = out / f"d.{fmt}"
        code, stdout, err = cli("export", "BD", "00012345", "--format", fmt, "--out", str(target), env=ENV)
        assert code == 0, err
        assert str(target) in stdout.replace("\n", "")
        files[fmt] = target.read_bytes()
    assert qr.decode_png(files["qr-png"]) == url
    assert qr.decode_svg(files["qr-svg"]) == url
    assert json.loads(files["json"])["id"] == seeded.diploma.credential["id"]
    assert json.loads(files["vp"])["type"] == ["VerifiablePresentation"]
    assert jwt.decode(files["jwt"].decode(), options={"verify_signature": False})["id"] == seeded.diploma.credential["id"]
    assert files["pdf"].startswith(b"%PDF-")
    assert url in pypdf.PdfReader(io.BytesIO(files["pdf"])).pages[0].extract_text()
    # a typed number without leading zeros finds the same diploma
    code, _, err = cli("export", "bd", "12345", "--format", "json", "--out", str(out / "again.json"), env=ENV)
    assert code == 0, err


def test_export_errors_are_one_line(cli, tmp_path, seed_db):
    _prepared(cli, tmp_path, seed_db)
    code, _, err = cli("export", "BD", "99999999", "--format", "json", "--out", str(tmp_path / "x.json"), env=ENV)
    assert code == 1 and "Traceback" not in err and err.strip().count("\n") == 0
    code, _, err = cli("export", "BD", "00012345", "--format", "docx", env=ENV)
    assert code == 2 and "pdf, json, jwt" in err


def test_login_link_cli(cli, tmp_path, seed_db, app):
    _prepared(cli, tmp_path, seed_db)
    code, stdout, err = cli("graduate", "login-link", "BD", "00012345", env=ENV)
    assert code == 0, err
    links = [line for line in stdout.splitlines() if line.startswith("http://testserver/login/")]
    assert len(links) == 1 and len(links[0].rsplit("/", 1)[1]) >= 40


def test_lookalike_letters_are_named(cli, tmp_path, seed_db):
    _prepared(cli, tmp_path, seed_db)
    code, _, err = cli("export", "ВD", "00012345", "--format", "json", env=ENV)  # Cyrillic В
    assert code == 2 and "Traceback" not in err and "В" in err, err


def test_login_link_cli_with_a_token_needs_issue_or_correct(cli, tmp_path, seed_db):
    from datetime import date, timedelta

    from common.timestamps import utcnow
    from issuer.auth import create_token
    from issuer.models import ResponsiblePerson

    seeded = _prepared(cli, tmp_path, seed_db)
    engine = make_engine(f"sqlite:///{tmp_path / 'cli-data' / 'dalel.sqlite3'}")
    with Session(engine) as s:
        person = ResponsiblePerson(institution_id=seeded.institution_id, name="Registrar", position="Registrar",
                                   order_number="r-1", order_date=date(2026, 1, 1), active_from=utcnow() - timedelta(days=1))
        s.add(person)
        s.commit()
        revoke_only, _ = create_token(s, person.id, "revoke")
        corrector, _ = create_token(s, person.id, "correct")
    engine.dispose()
    code, stdout, err = cli("--lang", "en", "graduate", "login-link", "BD", "00012345", "--token", revoke_only, env=ENV)
    assert code != 0 and "/login/" not in stdout and "does not allow this action" in err and "Traceback" not in err
    code, stdout, err = cli("graduate", "login-link", "BD", "00012345", env={**ENV, "DALEL_TOKEN": corrector})
    assert code == 0, err
    assert any(line.startswith("http://testserver/login/") for line in stdout.splitlines())


def test_keys_rotate_cli_re_keys_the_pdf_certificate(cli, tmp_path, seed_db):
    _prepared(cli, tmp_path, seed_db)
    code, _, err = cli("export", "BD", "00012345", "--format", "pdf", "--out", str(tmp_path / "a.pdf"), env=ENV)
    assert code == 0, err
    record = tmp_path / "cli-data" / "keystore" / "x509-demo-uni.json"
    before = json.loads(record.read_text())
    code, _, err = cli("keys", "rotate", "--institution", "demo-uni", env=ENV)
    assert code == 0, err
    after = json.loads(record.read_text())
    assert after["key_id"] != before["key_id"] and after["certificate"] != before["certificate"]
    code, _, err = cli("export", "BD", "00012345", "--format", "pdf", "--out", str(tmp_path / "b.pdf"), env=ENV)
    assert code == 0, err
