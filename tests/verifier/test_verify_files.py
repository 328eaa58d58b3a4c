"""Verify what people actually hold (issue 11.6): the PDF `dalel demo --out` writes carries the
signed credential as an embedded (PDF/A-3 associated) file, read by `dalel verify FILE.pdf`,
`POST /api/v1/verify` and the upload page, offline-capable; without it, the QR code in the PDF;
a PNG or JPEG photo of the QR code the same way; images bounded in size."""

from __future__ import annotations

import io
import json

import pypdf
import pytest
from PIL import Image, ImageFilter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def _pdf(demo, name="BD-00000001") -> bytes:
    return (demo.out / f"{name}.pdf").read_bytes()


def test_the_demo_pdf_embeds_the_signed_credential_and_its_signature_holds(demo):
    data = _pdf(demo)
    reader = pypdf.PdfReader(io.BytesIO(data))
    attachments = reader.attachments
    assert list(attachments) == ["BD-00000001.json"]
    assert json.loads(attachments["BD-00000001.json"][0]) == demo.diploma("BD-00000001")
    catalog = reader.trailer["/Root"]
    assert "/AF" in catalog  # a PDF/A-3 associated file of the document
    spec = catalog["/AF"][0].get_object()
    assert spec["/AFRelationship"] == "/Data"
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[]))
    assert status.intact  # embedded before signing: the signature covers it


def test_post_a_pdf_verifies_its_embedded_credential(demo):
    for response in (
        demo.client.post("/api/v1/verify", files={"file": ("d.pdf", _pdf(demo), "application/pdf")}),
        demo.client.post("/api/v1/verify", content=_pdf(demo), headers={"content-type": "application/pdf"}),
    ):
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["verdict"] == "valid" and body["source"] == "pdf-embedded"
        assert body["credential"]["series_number"] == "BD 00000001"


def test_a_pdf_of_a_revoked_diploma_is_invalid(demo):
    body = demo.client.post("/api/v1/verify", files={"file": ("d.pdf", _pdf(demo, "BD-00000002"), "application/pdf")}).json()
    assert body["verdict"] == "invalid"
    assert {c["id"]: c["code"] for c in body["checks"]}["status_revocation"] == "revoked"


def _pdf_without_attachment(data: bytes) -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter()
    writer.append_pages_from_reader(reader)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_without_an_embedded_credential_falls_back_to_its_qr(demo):
    data = _pdf_without_attachment(_pdf(demo))
    assert not pypdf.PdfReader(io.BytesIO(data)).attachments
    body = demo.client.post("/api/v1/verify", files={"file": ("d.pdf", data, "application/pdf")}).json()
    assert body["verdict"] == "valid", body
    assert body["source"] == "pdf-qr"
    assert {c["id"]: c["status"] for c in body["checks"]}["supersession"] == "passed"  # it came through the link


def _photo(png: bytes, *, side: int = 1200, fmt: str = "JPEG") -> bytes:
    """The QR as a phone would take it: larger, on a grey background, a little blurred, rotated."""
    qr = Image.open(io.BytesIO(png)).convert("L").resize((side // 2, side // 2))
    photo = Image.new("L", (side, side), 200)
    photo.paste(qr, (side // 4, side // 4))
    photo = photo.rotate(7, fillcolor=200).filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    photo.save(out, format=fmt, quality=85)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_photo_of_the_qr_code_verifies(demo, fmt):
    png = (demo.out / "BD-00000001-qr.png").read_bytes()
    data = png if fmt == "PNG" else _photo(png)
    media = "image/png" if fmt == "PNG" else "image/jpeg"
    body = demo.client.post("/api/v1/verify", files={"file": ("qr", data, media)}).json()
    assert body["verdict"] == "valid", body
    assert body["source"] == "image-qr"


def test_an_image_too_large_is_refused_before_decoding(demo):
    out = io.BytesIO()
    Image.new("1", (6000, 6000), 1).save(out, format="PNG")
    response = demo.client.post("/api/v1/verify", files={"file": ("big.png", out.getvalue(), "image/png")})
    assert response.status_code == 400 and response.json()["code"] == "input-image-too-large"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"\x89PNG\r\n\x1a\n garbage", b"\xff\xd8\xff garbage"])
def test_unreadable_files_are_a_clear_400(demo, data):
    response = demo.client.post("/api/v1/verify", files={"file": ("x", data, "application/octet-stream")})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] in ("input-unreadable-file", "input-unrecognised")


def test_the_upload_page_verifies_a_pdf(demo):
    page = demo.client.get("/verify?lang=ru")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    assert 'name="robots" content="noindex' in page.text and "<script" not in page.text
    for lang, headline in (("kk", "Диплом жарамды"), ("ru", "Диплом действителен"), ("en", "The diploma is valid")):
        html = demo.client.post(f"/verify?lang={lang}", files={"file": ("d.pdf", _pdf(demo), "application/pdf")}).text
        assert headline in html and 'data-verdict="valid"' in html
        assert len(html.encode()) < 60_000
    bad = demo.client.post("/verify?lang=en", files={"file": ("x.pdf", b"%PDF-1.7 nothing", "application/pdf")})
    assert bad.status_code == 400 and 'data-problem="input-unreadable-file"' in bad.text


def test_dalel_verify_of_the_demo_pdf_exits_0(demo, cli, tmp_path):
    """Offline: the credential from the PDF, the DID documents, lists and trust list from a bundle."""
    bundle = demo.bundle(tmp_path / "bundle", [demo.diploma("BD-00000001")])
    env = {"DALEL_ROLE": "verifier", "DALEL_TRUST_LISTS": json.dumps(bundle["trust_lists"]),
           "DALEL_TRUST_ANCHORS": json.dumps(bundle["trust_anchors"])}
    code, out, err = cli("verify", str(demo.out / "BD-00000001.pdf"), "--bundle", str(tmp_path / "bundle"), env=env)
    assert code == 0, out + err
    assert "The diploma is valid" in out and "BD 00000001" in out
    code, out, _ = cli("verify", str(demo.out / "BD-00000002.pdf"), "--bundle", str(tmp_path / "bundle"), env=env)
    assert code == 1 and "REVOKED" in out
