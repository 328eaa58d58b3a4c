"""The PDF diploma: A4, Kazakh, Russian and English text in an embedded font (DejaVu Sans, which
carries ә ғ қ ң ө ұ ү һ і), the QR code of the verify URL and that URL in text, signed as PAdES
by the institution (``keys.x509``: the signing key never leaves ``keys/``).

The text layer is real text (not outlines), so it can be searched, copied and read by screen
readers; the PDF is a convenience copy: the credential and its verify page are authoritative.

The signed credential itself travels inside the PDF: an embedded file (``<series>-<number>.json``,
media type ``application/vc``) named in the document's ``/AF`` array with relationship
``Data``, as PDF/A-3 associates the data a page renders. ``dalel verify FILE.pdf`` and the
verifier's upload read it there (offline), and fall back to the QR code. It is embedded
before the PAdES signature, so the signature covers it.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fpdf import FPDF

from common import i18n, vocab
from common.degrees import degree_names
from common.i18n import N_, format_date
from common.timestamps import parse_datetime_or_none
from common.vocab import language_map as _language_map
from common.vocab import pick as _pick
from keys.x509 import sign_pdf

FONT_DIR = Path(__file__).parent / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
LANGS = ("kk", "ru", "en")

# the PDF's words, printed in kk, ru and en one under the other (English source texts)
_LABELS: dict[str, str] = {
    "title": N_("DIPLOMA"),
    "certifies": N_("This diploma certifies that"),
    "awarded": N_("has been awarded"),
    "programme": N_("Educational programme"),
    "number": N_("Series and number"),
    "date": N_("Date of award"),
    "honours": N_("With honours"),
    "verify": N_("Verify: scan the QR code or open the link"),
    "note": N_("This PDF is a copy; the original is the digitally signed verifiable credential."),
}


def _label(name: str, lang: str) -> str:
    return i18n.t(_LABELS[name], lang)


@dataclass
class DiplomaPrint:
    """What the PDF shows. Language maps carry kk/ru/en; a missing language falls back to another."""

    institution: dict[str, str]
    graduate: dict[str, str]
    degree: dict[str, str]
    programme: dict[str, str]
    series_number: str
    award_date: date
    verify_url: str
    qr_png: bytes
    programme_code: str | None = None
    honours: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    credential: dict[str, Any] | None = None  # the signed credential, embedded as an associated file


def print_data_from_credential(
    credential: dict[str, Any],
    *,
    verify_url: str,
    qr_png: bytes,
    graduate_names: dict[str, str] | None = None,
    institution_names: dict[str, str] | None = None,
    honours: bool = False,
) -> DiplomaPrint:
    """A :class:`DiplomaPrint` from the diploma credential (Open Badges 3.0 shape of CONTRACTS.md),
    completed with names the issuer knows in every language."""
    issuer = credential.get("issuer") or {}
    subject = vocab.subject_of(credential)
    achievement = subject.get("achievement") or {}
    institution = dict(institution_names or {}) or _language_map(issuer.get("name") if isinstance(issuer, dict) else "")
    graduate = {lang: v for lang, v in (graduate_names or {}).items() if v} or _language_map(subject.get("name") or "")
    achievement_type = achievement.get("achievementType") or ""
    degree = degree_names(achievement_type) or _language_map(credential.get("name") or achievement_type)
    programme = _language_map(achievement.get("name") or achievement.get("fieldOfStudy") or "")
    number = vocab.document_number(credential)
    series_number = f"{number[0]} {number[1]}" if number else ""
    valid_from = parse_datetime_or_none(credential.get("validFrom") or credential.get("issuanceDate"), assume_utc=True)
    award = valid_from.date() if valid_from is not None else date.today()
    return DiplomaPrint(
        institution=institution or {"en": "?"},
        graduate=graduate or {"en": "?"},
        degree=degree or {"en": "?"},
        programme=programme or {"en": "?"},
        programme_code=achievement.get("humanCode"),
        series_number=series_number,
        award_date=award,
        verify_url=verify_url,
        qr_png=qr_png,
        honours=honours,
        credential=credential,
    )


class _Doc(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font("DejaVu", "", str(FONT_REGULAR))
        self.add_font("DejaVu", "B", str(FONT_BOLD))
        self.set_auto_page_break(False)
        self.set_margins(18, 16, 18)
        self.set_creator("Dalel")
        self.set_producer("Dalel (fpdf2)")


CREDENTIAL_MEDIA_TYPE = "application/vc"


def attachment_name(data: DiplomaPrint) -> str:
    return ("-".join(data.series_number.split()) or "credential") + ".json"


def _embed_credential(doc: FPDF, data: DiplomaPrint) -> None:
    if data.credential is None:
        return
    doc.embed_file(
        bytes=json.dumps(data.credential, ensure_ascii=False, indent=2).encode("utf-8"),
        basename=attachment_name(data),
        mime_type=CREDENTIAL_MEDIA_TYPE,
        associated_file_relationship="Data",
        desc="Verifiable Credential (W3C VC 2.0) of this diploma",
        compress=True,
    )


def render_pdf(data: DiplomaPrint) -> bytes:
    """The unsigned PDF (one A4 page), the credential embedded."""
    doc = _Doc()
    _embed_credential(doc, data)
    doc.set_title(f"{_pick(data.degree, 'en')} {data.series_number}")
    doc.set_author(_pick(data.institution, "en"))
    doc.set_subject(data.verify_url)
    doc.set_lang("kk")
    doc.add_page()
    width = doc.w - doc.l_margin - doc.r_margin

    # frame
    doc.set_draw_color(30, 70, 120)
    doc.set_line_width(0.8)
    doc.rect(8, 8, doc.w - 16, doc.h - 16)
    doc.set_line_width(0.2)
    doc.rect(10, 10, doc.w - 20, doc.h - 20)

    doc.set_text_color(30, 70, 120)
    doc.set_font("DejaVu", "B", 13)
    for lang in LANGS:
        doc.multi_cell(width, 6, _pick(data.institution, lang), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    doc.set_font("DejaVu", "B", 26)
    titles = " · ".join(dict.fromkeys(_label("title", lang) for lang in LANGS))
    doc.cell(width, 12, titles, align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("DejaVu", "", 11)
    doc.set_text_color(0, 0, 0)
    doc.cell(width, 7, f"№ {data.series_number}", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)

    for lang in LANGS:
        doc.set_draw_color(180, 190, 205)
        y = doc.get_y()
        doc.line(doc.l_margin + 20, y, doc.w - doc.r_margin - 20, y)
        doc.ln(2)
        doc.set_font("DejaVu", "", 10)
        doc.multi_cell(width, 5, _label("certifies", lang), align="C", new_x="LMARGIN", new_y="NEXT")
        doc.set_font("DejaVu", "B", 15)
        doc.multi_cell(width, 7.5, _pick(data.graduate, lang), align="C", new_x="LMARGIN", new_y="NEXT")
        doc.set_font("DejaVu", "", 10)
        doc.multi_cell(width, 5, _label("awarded", lang), align="C", new_x="LMARGIN", new_y="NEXT")
        doc.set_font("DejaVu", "B", 12)
        degree = _pick(data.degree, lang)
        if data.honours:
            degree = f"{degree} — {_label('honours', lang)}"
        doc.multi_cell(width, 6, degree, align="C", new_x="LMARGIN", new_y="NEXT")
        doc.set_font("DejaVu", "", 10)
        programme = _pick(data.programme, lang)
        if data.programme_code:
            programme = f"{data.programme_code} {programme}"
        doc.multi_cell(width, 5, f"{_label('programme', lang)}: {programme}", align="C", new_x="LMARGIN", new_y="NEXT")
        doc.multi_cell(
            width,
            5,
            f"{_label('number', lang)}: {data.series_number}   {_label('date', lang)}: {format_date(data.award_date, lang)}",
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        doc.ln(2)

    # QR and the verify URL at the bottom
    qr_size = 42
    qr_y = doc.h - 18 - qr_size - 14
    qr_x = (doc.w - qr_size) / 2
    doc.image(io.BytesIO(data.qr_png), x=qr_x, y=qr_y, w=qr_size, h=qr_size)
    doc.set_xy(doc.l_margin, qr_y + qr_size + 1)
    doc.set_font("DejaVu", "", 8)
    doc.multi_cell(width, 4, " / ".join(_label("verify", lang) for lang in LANGS), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("DejaVu", "B", 9)
    doc.cell(width, 5, data.verify_url, align="C", link=data.verify_url, new_x="LMARGIN", new_y="NEXT")
    doc.set_font("DejaVu", "", 7)
    doc.set_text_color(90, 90, 90)
    doc.multi_cell(width, 3.5, " ".join(_label("note", lang) for lang in LANGS), align="C")
    return bytes(doc.output())


def signed_pdf(data: DiplomaPrint, keystore: Any, certificate: Any) -> bytes:
    """The PDF signed (PAdES B-B) with the institution's certificate."""
    return sign_pdf(
        render_pdf(data),
        keystore,
        certificate,
        reason=f"Diploma {data.series_number}",
        location=data.verify_url,
    )
