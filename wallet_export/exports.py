"""Everything a diploma can be downloaded as: QR (PNG, SVG), the signed PDF, the credential as
JSON-LD, as VC-JWT, and a verifiable presentation. Shared by the HTTP routes, ``dalel export``
and ``dalel demo``.

The verifiable presentation is **unsigned** (no ``proof``, no ``holder``): it is a container
that hands over the diploma (and the supplement) in one JSON document; each credential inside
keeps its own issuer proof, which is what a verifier checks. Holder binding (a graduate key
that signs presentations, OID4VP) is future work.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from sqlmodel import Session

from issuer.models import Diploma, Institution
from keys.jose import sign_vc_jwt
from keys.service import active_signer, require_pdf_signing_allowed
from keys.x509 import CAConfig, institution_certificate
from wallet_export.pdf import print_data_from_credential, signed_pdf
from wallet_export.qr import diploma_qr, verify_url
from wallet_export.service import diploma_view, graduate_names, supplement_of

ExportFormat = Literal["pdf", "json", "jwt", "qr-png", "qr-svg", "vp"]
FORMATS: tuple[str, ...] = ("pdf", "json", "jwt", "qr-png", "qr-svg", "vp")
MEDIA_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "json": "application/ld+json",
    "jwt": "application/vc+jwt",
    "qr-png": "image/png",
    "qr-svg": "image/svg+xml",
    "vp": "application/ld+json",
}
EXTENSIONS: dict[str, str] = {
    "pdf": "pdf",
    "json": "json",
    "jwt": "jwt",
    "qr-png": "png",
    "qr-svg": "svg",
    "vp": "presentation.json",
}


def file_name(diploma: Diploma, fmt: str) -> str:
    return f"diploma-{diploma.series}-{diploma.number}.{EXTENSIONS[fmt]}"


def diploma_verify_url(settings: Any, diploma: Diploma) -> str:
    return verify_url(settings.public_url, diploma.verify_token)


def qr(settings: Any, diploma: Diploma, fmt: Literal["png", "svg"] = "png") -> bytes:
    return diploma_qr(settings.public_url, diploma.verify_token, fmt, data_dir=Path(settings.data_dir))


def credential_json(diploma: Diploma) -> bytes:
    return (json.dumps(diploma.credential, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def credential_jwt(session: Session, keystore: Any, settings: Any, diploma: Diploma) -> str:
    """The diploma as VC-JWT (VC-JOSE-COSE), signed by the institution's active key. The payload
    is the credential without its Data Integrity proof (the JWS secures it instead)."""

    institution = session.get(Institution, diploma.institution_id)
    assert institution is not None
    signer = active_signer(session, keystore, institution.slug, settings.public_url)
    payload = {k: v for k, v in diploma.credential.items() if k != "proof"}
    return sign_vc_jwt(payload, signer)


def presentation(session: Session, diploma: Diploma, *, with_supplement: bool = True) -> dict[str, Any]:
    """An unsigned W3C VC 2.0 VerifiablePresentation holding the diploma (and its supplement).

    Its ``@context`` is ``credentials/v2`` alone, on purpose: v2 defines ``verifiableCredential``
    as a ``@graph`` container with ``"@context": null``, so each credential is processed under
    its own ``@context`` (v2 + Open Badges 3.0 + Dalel), exactly as when it stands alone, and its
    issuer proof covers only itself. Never build it on ``credentials/v1``: that context keeps its
    protected terms active inside the credentials, which VC 2.0 credentials then redefine
    (``protected_term_redefinition``). See :mod:`verifier.presentation`."""
    creds = [diploma.credential]
    if with_supplement:
        supplement = supplement_of(session, diploma)
        if supplement is not None:
            creds.append(supplement.credential)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": creds,
    }


def pdf_ca(settings: Any) -> Any:
    """The operator's CA for PDF certificates (``DALEL_PDF_CA_CERT``/``DALEL_PDF_CA_KEY``) or None."""
    cert = getattr(settings, "pdf_ca_cert", None)
    key = getattr(settings, "pdf_ca_key", None)
    if not cert or not key:
        return None

    return CAConfig.load(cert, key, getattr(settings, "pdf_ca_key_password", None))


def institution_certificate_for(keystore: Any, settings: Any, institution: Institution) -> Any:

    return institution_certificate(
        keystore, institution.slug, display_name=institution.name_en, country=institution.country, ca=pdf_ca(settings)
    )


def pdf(session: Session, keystore: Any, settings: Any, diploma: Diploma) -> bytes:
    """The PDF diploma, signed (PAdES) with the institution's certificate."""
    view = diploma_view(session, diploma)
    data = print_data_from_credential(
        diploma.credential,
        verify_url=diploma_verify_url(settings, diploma),
        qr_png=qr(settings, diploma, "png"),
        graduate_names=graduate_names(view.graduate),
        institution_names=view.institution.names(),
        honours=diploma.honours,
    )
    if view.programme is not None:
        data.programme = view.programme.names()
        data.programme_code = view.programme.code
    require_pdf_signing_allowed(session, view.institution.slug)  # before the certificate is made or renewed
    certificate = institution_certificate_for(keystore, settings, view.institution)
    return signed_pdf(data, keystore, certificate)


def export_bytes(session: Session, settings: Any, diploma: Diploma, fmt: str, keystore_factory: Any = None) -> bytes:
    """One download as bytes. `keystore_factory` is called only for formats that sign."""
    if fmt == "qr-png":
        return qr(settings, diploma, "png")
    if fmt == "qr-svg":
        return qr(settings, diploma, "svg")
    if fmt == "json":
        return credential_json(diploma)
    if fmt == "vp":
        return (json.dumps(presentation(session, diploma), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "jwt":
        return credential_jwt(session, keystore_factory(), settings, diploma).encode("ascii")
    if fmt == "pdf":
        return pdf(session, keystore_factory(), settings, diploma)
    raise ValueError(f"unknown format {fmt!r}")
