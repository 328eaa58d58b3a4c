"""The PDF-signing certificate follows the institution's key lifecycle: no PDF is signed once
every signing key is retired or compromised, and `keys rotate` re-keys the PDF certificate too."""

from __future__ import annotations

import io

from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from sqlmodel import Session

from keys.keystore import Keystore
from keys.service import compromise_key, create_key, retire_key, rotate_key
from keys.x509 import institution_certificate

PDF = "/api/v1/diplomas/BD/00012345/diploma.pdf"


def _keystore(settings):
    return Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)


def _login(client, engine, graduate_id):
    from wallet_export.service import create_login_link

    with Session(engine) as s:
        path = create_login_link(s, graduate_id, "http://testserver").removeprefix("http://testserver")
    assert client.post(path, follow_redirects=False).status_code == 303


def _signing_cert_der(pdf: bytes) -> bytes:
    (signature,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    return signature.signer_cert.dump()


def test_no_pdf_is_signed_when_every_key_is_retired_or_compromised(client, engine, settings, seeded):
    with Session(engine) as s:
        key = create_key(s, _keystore(settings), institution="demo-uni")
        key_id = key.id
    _login(client, engine, seeded.graduate_id)
    assert client.get(PDF).status_code == 200
    with Session(engine) as s:
        retire_key(s, key_id)
    titles = {
        "en": "All the institution's signing keys are retired or compromised",
        "ru": "Все ключи подписи организации выведены из использования или скомпрометированы",
        "kk": "Ұйымның барлық қолтаңба кілттері қолданыстан шығарылған немесе құпиясы ашылған",
    }
    for lang, title in titles.items():
        r = client.get(PDF, headers={"Accept-Language": lang})
        assert r.status_code == 409 and r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["code"] == "pdf-signing-no-active-key" and r.json()["title"].startswith(title), r.json()
    # rotate: a new active key, and the PDF is signed again
    with Session(engine) as s:
        new = rotate_key(s, _keystore(settings), institution="demo-uni")
        compromise_key(s, new.id, "2020-01-01T00:00:00Z")
    r = client.get(PDF, headers={"Accept-Language": "en"})
    assert r.status_code == 409 and r.json()["code"] == "pdf-signing-no-active-key"
    # credentials (not re-signed on download) stay downloadable
    assert client.get("/api/v1/diplomas/BD/00012345/credential.json").status_code == 200


def test_rotation_re_keys_the_pdf_certificate(client, engine, settings, seeded):
    keystore = _keystore(settings)
    with Session(engine) as s:
        create_key(s, keystore, institution="demo-uni")
    _login(client, engine, seeded.graduate_id)
    before_pdf = client.get(PDF).content
    before = institution_certificate(keystore, "demo-uni")
    assert _signing_cert_der(before_pdf) == before.certificate.public_bytes(serialization.Encoding.DER)
    with Session(engine) as s:
        rotate_key(s, keystore, institution="demo-uni")
    after = institution_certificate(_keystore(settings), "demo-uni")
    assert after.key_id != before.key_id and _keystore(settings).has_key(after.key_id)
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    assert after.certificate.public_key().public_bytes(serialization.Encoding.DER, spki) != \
        before.certificate.public_key().public_bytes(serialization.Encoding.DER, spki)
    assert after.certificate.subject == before.certificate.subject  # same institution name
    after_pdf = client.get(PDF).content
    assert _signing_cert_der(after_pdf) == after.certificate.public_bytes(serialization.Encoding.DER)


def test_rotation_without_a_pdf_certificate_makes_none(engine, settings, seeded):
    keystore = _keystore(settings)
    with Session(engine) as s:
        create_key(s, keystore, institution="demo-uni")
        rotate_key(s, keystore, institution="demo-uni")
    assert not (keystore.directory / "x509-demo-uni.json").exists()
