import io
import shutil
import subprocess

import pypdf
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlmodel import Session

from keys.keystore import Keystore
from keys.x509 import institution_certificate


def _keystore(settings):
    return Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)


def _login(client, engine, graduate_id):
    from wallet_export.service import create_login_link

    with Session(engine) as s:
        url = create_login_link(s, graduate_id, "http://testserver")
    client.get(url.removeprefix("http://testserver"))
    client.post(url.removeprefix("http://testserver"))


def _trust_root(settings):
    cert = institution_certificate(_keystore(settings), "demo-uni")
    _, _, der = pem.unarmor(cert.trust_root_pem)
    return asn1_x509.Certificate.load(der)


def test_pdf_is_signed_readable_and_carries_a_working_qr(client, engine, settings, seeded, qr):
    _login(client, engine, seeded.graduate_id)
    r = client.get("/api/v1/diplomas/BD/00012345/diploma.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    data = r.content
    # PAdES signature validates against the institution's certificate
    reader = PdfFileReader(io.BytesIO(data))
    (signature,) = reader.embedded_signatures
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[_trust_root(settings)]))
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    # text is extractable, Kazakh letters included
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert abs(float(page.mediabox.width) - 595.28) < 1 and abs(float(page.mediabox.height) - 841.89) < 1
    text = page.extract_text()
    for expected in ("Демо университеті", "Әсел Ғалымқызы Қуанышбаева", "Степень бакалавра", "Bachelor's degree",
                     "BD 00012345", "Ақпараттық жүйелер"):
        assert expected in text, expected
    # the date of award as the verify page writes it, in each language (CLDR via Babel)
    flat = " ".join(text.replace("\u202f", " ").split())
    for expected in ("2026 ж. 30 маусым", "30 июня 2026 г.", "June 30, 2026"):
        assert expected in flat, expected
    assert "жаһандық" in text  # the programme's Kazakh name (һ)
    missing = [letter for letter in "әғқңөұүһі" if letter not in text.lower()]
    assert not missing, missing
    url = f"http://testserver/v/{seeded.diploma.verify_token}"
    assert url in text
    # the QR printed in the PDF decodes to the verify URL
    images = page.images
    assert images and qr.decode_png(_png(images[0].image)) == url
    # and, where poppler is installed, as printed: the whole page rendered at 150 dpi
    if shutil.which("pdftoppm"):
        rendered = subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", "-"], input=data,
                                  capture_output=True, check=True).stdout
        assert qr.decode_png(rendered) == url
    # tampering with the signed bytes is detected
    tampered = bytearray(data)
    i = tampered.index(b"/Producer")
    tampered[i + 12 : i + 13] = b"X"
    bad = validate_pdf_signature(
        PdfFileReader(io.BytesIO(bytes(tampered))).embedded_signatures[0],
        ValidationContext(trust_roots=[_trust_root(settings)]),
    )
    assert not bad.intact


def _png(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def test_pdf_fonts_are_embedded():
    from wallet_export.pdf import FONT_DIR

    assert (FONT_DIR / "DejaVuSans.ttf").is_file() and (FONT_DIR / "LICENSE-DejaVu.txt").is_file()


def test_signature_key_stays_in_the_keystore(settings, seeded):
    ks = _keystore(settings)
    cert = institution_certificate(ks, "demo-uni", display_name="Demo University")
    again = institution_certificate(ks, "demo-uni", display_name="Demo University")
    assert cert.certificate_pem == again.certificate_pem and cert.self_signed
    record = (ks.directory / "x509-demo-uni.json").read_text()
    assert "PRIVATE KEY" not in record
    assert b"ENCRYPTED PRIVATE KEY" in (ks.directory / f"{cert.key_id}.pem").read_bytes()


def test_certificate_chained_to_operator_ca(tmp_path, settings, seeded):
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from keys.x509 import CAConfig, sign_pdf
    from wallet_export.pdf import DiplomaPrint, render_pdf
    from wallet_export.qr import diploma_qr

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Operator CA")])
    now = datetime.now(UTC)
    ca_cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(1).not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    (tmp_path / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "ca.key").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    ca = CAConfig.load(tmp_path / "ca.pem", tmp_path / "ca.key")
    ks = _keystore(settings)
    self_signed = institution_certificate(ks, "demo-uni")
    chained = institution_certificate(ks, "demo-uni", ca=ca)
    assert not chained.self_signed and chained.key_id == self_signed.key_id
    assert chained.certificate.issuer == name
    from datetime import date

    doc = DiplomaPrint({"en": "Demo"}, {"en": "A B"}, {"en": "Degree"}, {"en": "Prog"}, "BD 1", date(2026, 6, 30),
                       "http://testserver/v/x", diploma_qr("http://testserver", "x"))
    signed = sign_pdf(render_pdf(doc), ks, chained)
    _, _, der = pem.unarmor(ca_cert.public_bytes(serialization.Encoding.PEM))
    root = asn1_x509.Certificate.load(der)
    status = validate_pdf_signature(
        PdfFileReader(io.BytesIO(signed)).embedded_signatures[0], ValidationContext(trust_roots=[root])
    )
    assert status.valid and status.trusted


def test_vc_jwt_download(client, engine, settings, seeded):
    import jwt

    from keys.service import create_key

    with Session(engine) as s:
        create_key(s, _keystore(settings), institution="demo-uni")
    _login(client, engine, seeded.graduate_id)
    r = client.get("/api/v1/diplomas/BD/00012345/credential.jwt")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vc+jwt")
    header = jwt.get_unverified_header(r.text)
    assert header["alg"] == "EdDSA" and header["kid"].startswith("did:web:testserver")
    payload = jwt.decode(r.text, options={"verify_signature": False})
    assert payload["id"] == seeded.diploma.credential["id"] and "proof" not in payload
