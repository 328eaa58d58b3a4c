"""X.509 certificates for PDF signatures (PAdES), one per institution, and the signing itself.

The certificate's private key is a P-256 key in the encrypted keystore (``keys.keystore``);
it is loaded here, used by pyHanko here, and never returned to a caller. What a caller gets
is the certificate (public) and signed PDF bytes.

Where things live: ``<keystore>/x509-<slug>.json`` holds the key id, the certificate and its
chain (PEM, public) and the fingerprint of the CA that issued it (``null`` when self-signed).

Two modes:

* **Self-signed** (default): the institution's certificate is its own trust root. A relying
  party who wants to trust the PDF signature imports that certificate (the verify page and
  the credential are the primary trust path; the PDF signature protects the printout).
* **Chained to an operator CA**: set ``DALEL_PDF_CA_CERT`` (PEM certificate) and
  ``DALEL_PDF_CA_KEY`` (PEM private key; ``DALEL_PDF_CA_KEY_PASSWORD`` if it is encrypted).
  Dalel then issues each institution's certificate from that CA (and re-issues it when the
  configured CA changes); the PDF embeds the chain. The CA key is read from the file for
  each issuance and not kept.

A certificate is renewed when less than 30 days of validity remain.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InternalError, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from common import i18n
from common.files import write_private
from common.problems import Problem
from keys._time import utcnow
from keys.keystore import Keystore, KeystoreError

SELF_SIGNED_VALIDITY = timedelta(days=5 * 365)
CA_ISSUED_VALIDITY = timedelta(days=2 * 365)
RENEW_BEFORE = timedelta(days=30)
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")

i18n.register(
    {
        "problem.pdf-ca-unreadable": {
            "kk": "PDF қолтаңбасына арналған куәландырушы орталықтың сертификатын немесе кілтін оқу мүмкін емес",
            "ru": "Не удаётся прочитать сертификат или ключ удостоверяющего центра для подписи PDF",
            "en": "Cannot read the CA certificate or key configured for PDF signatures",
        },
        "problem.pdf-signing-failed": {
            "kk": "PDF құжатына қол қою мүмкін болмады",
            "ru": "Не удалось подписать PDF-документ",
            "en": "Could not sign the PDF document",
        },
    }
)


@dataclass(frozen=True)
class InstitutionCertificate:
    """An institution's PDF-signing certificate (public parts only)."""

    institution: str
    key_id: str
    certificate_pem: bytes
    chain_pem: tuple[bytes, ...] = field(default_factory=tuple)  # issuing CA(s), leaf excluded
    ca_fingerprint: str | None = None

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.certificate_pem)

    @property
    def self_signed(self) -> bool:
        return self.ca_fingerprint is None

    @property
    def trust_root_pem(self) -> bytes:
        """The certificate a relying party trusts: the CA's when chained, else the leaf."""
        return self.chain_pem[-1] if self.chain_pem else self.certificate_pem


@dataclass(frozen=True)
class CAConfig:
    certificate: x509.Certificate
    private_key: Any

    @property
    def fingerprint(self) -> str:
        return self.certificate.fingerprint(hashes.SHA256()).hex()

    @classmethod
    def load(cls, cert_path: Path | str, key_path: Path | str, password: str | None = None) -> CAConfig:
        try:
            cert = x509.load_pem_x509_certificate(Path(cert_path).read_bytes())
            key = serialization.load_pem_private_key(
                Path(key_path).read_bytes(), password=password.encode() if password else None
            )
        except (OSError, ValueError, TypeError, UnsupportedAlgorithm, InternalError) as exc:
            raise Problem(503, "pdf-ca-unreadable", f"{cert_path}, {key_path}: {type(exc).__name__}") from None
        if not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey, ed25519.Ed25519PrivateKey)):
            raise Problem(503, "pdf-ca-unreadable", f"{key_path}: unsupported key type")
        if cert.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        ) != key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
            raise Problem(503, "pdf-ca-unreadable", f"{key_path}: does not match {cert_path}")
        return cls(cert, key)


def _record_path(keystore: Keystore, institution: str) -> Path:
    if not _SLUG.match(institution or ""):
        raise ValueError(f"invalid institution slug {institution!r}")
    return keystore.directory / f"x509-{institution}.json"


def _subject(institution: str, display_name: str | None, country: str) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, (country or "KZ")[:2].upper())]
    attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, (display_name or institution)[:64]))
    attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Dalel diploma signing"))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, (display_name or institution)[:64]))
    return x509.Name(attrs)


def _ca_sign_hash(key: Any) -> hashes.HashAlgorithm | None:
    return None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()


def _build_certificate(private_key: ec.EllipticCurvePrivateKey, subject: x509.Name, ca: CAConfig | None) -> x509.Certificate:
    now = utcnow()
    issuer_name = ca.certificate.subject if ca else subject
    validity = CA_ISSUED_VALIDITY if ca else SELF_SIGNED_VALIDITY
    not_after = now + validity
    if ca is not None:
        ca_end = ca.certificate.not_valid_after_utc
        not_after = min(not_after, ca_end)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(private_key.public_key()), critical=False)
    )
    if ca is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.certificate.public_key()), critical=False
        )
        return builder.sign(ca.private_key, _ca_sign_hash(ca.private_key))
    return builder.sign(private_key, hashes.SHA256())


def _load_record(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise KeystoreError("keystore-file-corrupt", str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("key_id"), str):
        raise KeystoreError("keystore-file-corrupt", str(path))
    return data


def _to_certificate(record: dict[str, Any], institution: str) -> InstitutionCertificate:
    return InstitutionCertificate(
        institution=institution,
        key_id=record["key_id"],
        certificate_pem=record["certificate"].encode("ascii"),
        chain_pem=tuple(c.encode("ascii") for c in record.get("chain") or ()),
        ca_fingerprint=record.get("ca_fingerprint"),
    )


def institution_certificate(
    keystore: Keystore,
    institution: str,
    *,
    display_name: str | None = None,
    country: str = "KZ",
    ca: CAConfig | None = None,
) -> InstitutionCertificate:
    """The institution's PDF-signing certificate, created on first use (a new P-256 key in the
    keystore), re-issued when it nears expiry or when the configured CA differs from the one
    that issued it. `ca` None means self-signed."""
    return _certificate(keystore, institution, display_name=display_name, country=country, ca=ca, new_key=False)


def renew_institution_certificate(
    keystore: Keystore,
    institution: str,
    *,
    display_name: str | None = None,
    country: str | None = None,
    ca: CAConfig | None = None,
) -> InstitutionCertificate | None:
    """Re-key the institution's PDF certificate: a new P-256 key pair in the keystore and a new
    certificate for it (part of a key rotation, e.g. after a compromise). PDFs signed before keep
    their embedded old certificate. None when the institution has no PDF certificate yet (its
    first one gets a fresh key anyway). Without `display_name`/`country` the current
    certificate's are kept; a certificate of the operator's CA is re-issued by that CA at its
    next use when `ca` is not given here."""
    path = _record_path(keystore, institution)
    record = _load_record(path)
    if record is None:
        return None
    current = _to_certificate(record, institution).certificate.subject
    if display_name is None:
        names = current.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
        display_name = str(names[0].value) if names else None
    if country is None:
        countries = current.get_attributes_for_oid(NameOID.COUNTRY_NAME)
        country = str(countries[0].value) if countries else "KZ"
    return _certificate(keystore, institution, display_name=display_name, country=country, ca=ca, new_key=True)


def _certificate(
    keystore: Keystore,
    institution: str,
    *,
    display_name: str | None,
    country: str,
    ca: CAConfig | None,
    new_key: bool,
) -> InstitutionCertificate:
    path = _record_path(keystore, institution)
    record = _load_record(path)
    wanted_ca = ca.fingerprint if ca else None
    if new_key:
        record = None
    if record is not None:
        current = _to_certificate(record, institution)
        cert = current.certificate
        fresh = cert.not_valid_after_utc - utcnow() > RENEW_BEFORE
        if fresh and current.ca_fingerprint == wanted_ca and keystore.has_key(current.key_id):
            return current
        key_id = current.key_id if keystore.has_key(current.key_id) else None
    else:
        key_id = None
    if key_id is None:
        key_id = keystore.generate("P-256").key_id
    private_key = keystore._load_private_key(key_id)
    cert = _build_certificate(private_key, _subject(institution, display_name, country), ca)
    record = {
        "format": "dalel-x509-1",
        "institution": institution,
        "key_id": key_id,
        "certificate": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        "chain": [ca.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")] if ca else [],
        "ca_fingerprint": wanted_ca,
    }
    try:
        write_private(path, (json.dumps(record, indent=2) + "\n").encode("utf-8"), overwrite=True)
    except OSError as exc:
        raise KeystoreError("keystore-io-error", f"{path}: {exc.strerror}") from None
    return _to_certificate(record, institution)


def certificate_fingerprint(cert: InstitutionCertificate) -> str:
    return hashlib.sha256(cert.certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def sign_pdf(
    pdf_bytes: bytes,
    keystore: Keystore,
    certificate: InstitutionCertificate,
    *,
    field_name: str = "DalelSignature",
    reason: str | None = None,
    location: str | None = None,
) -> bytes:
    """`pdf_bytes` with a PAdES baseline (B-B) signature by the institution's certificate."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    private_key = keystore._load_private_key(certificate.key_id)
    key_der = private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        leaf = asn1_x509.Certificate.load(certificate.certificate.public_bytes(serialization.Encoding.DER))
        chain = [
            asn1_x509.Certificate.load(
                x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)
            )
            for pem in certificate.chain_pem
        ]
        signer = signers.SimpleSigner(
            signing_cert=leaf,
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs([leaf, *chain]),
        )
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason,
            location=location,
        )
        writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
        out = signers.sign_pdf(writer, meta, signer=signer)
        return out.getvalue()
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many types; the caller gets one problem
        raise Problem(500, "pdf-signing-failed", type(exc).__name__) from None
    finally:
        del key_der
