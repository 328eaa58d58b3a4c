"""Fixtures for the wallet tests: a deployment with one institution and its diplomas."""

from __future__ import annotations

import io
import re
import secrets
import types
import uuid
from dataclasses import dataclass
from datetime import date

import base58
import pytest
import zxingcpp
from PIL import Image, ImageDraw
from sqlmodel import Session

from common.timestamps import utcnow
from issuer.models import Diploma, Graduate, Institution, Programme, Supplement


@dataclass
class Seeded:
    institution_id: int
    graduate_id: int
    other_graduate_id: int
    diploma: Diploma
    other: Diploma
    supplement_id: int


def _credential(public_url: str, did: str, series: str, number: str, graduate_latin: str) -> dict:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://dalel.kz/ns/credentials/v1",
        ],
        "id": f"{public_url}/credentials/{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": did, "type": ["Profile"], "name": "Demo University"},
        "validFrom": "2026-06-30T00:00:00Z",
        "name": [
            {"@value": "Бакалавр дәрежесі", "@language": "kk"},
            {"@value": "Степень бакалавра", "@language": "ru"},
            {"@value": "Bachelor's degree", "@language": "en"},
        ],
        "documentNumber": {"series": series, "number": number},
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": graduate_latin,
            "achievement": {
                "id": f"{public_url}/institutions/demo-uni/programmes/6B06101",
                "type": ["Achievement"],
                "achievementType": "BachelorDegree",
                "humanCode": "6B06101",
                "name": [
                    {"@value": "Ақпараттық жүйелер", "@language": "kk"},
                    {"@value": "Информационные системы", "@language": "ru"},
                    {"@value": "Information systems", "@language": "en"},
                ],
            },
        },
    }


def seed(engine, public_url: str = "http://testserver") -> Seeded:
    now = utcnow()
    did = "did:web:testserver:institutions:demo-uni"
    with Session(engine) as s:
        inst = Institution(
            slug="demo-uni",
            name_kk="Демо университеті",
            name_ru="Демо-университет",
            name_en="Demo University",
            did=did,
            created_at=now,
        )
        s.add(inst)
        s.flush()
        prog = Programme(
            institution_id=inst.id,
            code="6B06101",
            name_kk="Ақпараттық жүйелер және жаһандық желілер",
            name_ru="Информационные системы",
            name_en="Information systems",
            isced_f="0613",
            nqf_level=6,
            ects_credits=240,
            created_at=now,
        )
        grad = Graduate(
            institution_id=inst.id,
            family_name="Қуанышбаева",
            given_name="Әсел",
            patronymic="Ғалымқызы",
            name_latin="Asel Kuanyshbayeva",
            name_kk="Әсел Ғалымқызы Қуанышбаева",
            name_ru="Асель Галымовна Куанышбаева",
            iin_hash=secrets.token_hex(32),
            created_at=now,
        )
        other = Graduate(
            institution_id=inst.id,
            family_name="Иванов",
            given_name="Пётр",
            name_latin="Petr Ivanov",
            iin_hash=secrets.token_hex(32),
            created_at=now,
        )
        s.add_all([prog, grad, other])
        s.flush()

        def diploma(g: Graduate, number: str) -> Diploma:
            return Diploma(
                uuid=str(uuid.uuid4()),
                institution_id=inst.id,
                series="BD",
                number=number,
                graduate_id=g.id,
                programme_id=prog.id,
                award_date=date(2026, 6, 30),
                honours=True,
                credential=_credential(public_url, did, "BD", number, g.name_latin),
                verify_token=base58.b58encode(secrets.token_bytes(20)).decode(),
                created_at=now,
            )

        d1, d2 = diploma(grad, "00012345"), diploma(other, "00012346")
        s.add_all([d1, d2])
        s.flush()
        sup = Supplement(
            uuid=str(uuid.uuid4()),
            diploma_id=d1.id,
            credential={"type": ["VerifiableCredential", "DiplomaSupplementCredential"], "id": f"{public_url}/credentials/{uuid.uuid4()}"},
            created_at=now,
        )
        s.add(sup)
        s.commit()
        for row in (d1, d2, sup):
            s.refresh(row)
        return Seeded(inst.id, grad.id, other.id, d1, d2, sup.id)


@pytest.fixture
def seeded(engine, settings) -> Seeded:
    return seed(engine, settings.public_url)

# --------------------------------------------------------------------------- QR decoding


def decode_png(data: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)).convert("L"))
    assert results, "no QR code found"
    return results[0].text


def decode_svg(data: bytes, scale: int = 8) -> str:
    """Rasterise the qrcode library's SVG (unit squares in one path, viewBox in modules)."""
    text = data.decode("utf-8")
    box = re.search(r'viewBox="0 0 (\d+) (\d+)"', text)
    assert box, "SVG without viewBox"
    w, h = int(box.group(1)), int(box.group(2))
    img = Image.new("L", (w * scale, h * scale), 255)
    draw = ImageDraw.Draw(img)
    path = re.search(r'<path[^>]* d="([^"]+)"', text)
    assert path, "SVG without a path"
    for x, y in re.findall(r"M(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)H", path.group(1)):
        x0, y0 = float(x) * scale, float(y) * scale
        draw.rectangle([x0, y0, x0 + scale - 1, y0 + scale - 1], fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return decode_png(buf.getvalue())


@pytest.fixture
def qr():
    """decode_png(bytes) / decode_svg(bytes) -> the text a real decoder (zxing-cpp) reads."""
    return types.SimpleNamespace(decode_png=decode_png, decode_svg=decode_svg)


@pytest.fixture
def seed_db():
    """seed(engine, public_url) -> Seeded, for databases made outside the `engine` fixture."""
    return seed
