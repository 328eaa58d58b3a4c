"""Key lifecycle: create, rotate, retire, compromise; the signer of an institution; its DID
document. Plain functions over a SQLModel session and a :class:`keys.keystore.Keystore`.

Rules:

* a key is **active** until retired or compromised; the newest active key of an institution
  signs (:func:`active_signer`);
* :func:`rotate_key` creates a new active key and retires the institution's previously active
  keys of that algorithm, which stay in the DID document so old diplomas keep verifying;
* a **retired** key never signs again; a **compromised** key never signs again and the DID
  document publishes ``revoked`` = its compromise time, so proofs created at or after it fail;
* a :class:`~keys.signer.Signer` is meant to be fetched per signing operation: a signer held
  across a compromise or retirement done by another process would still sign.

Every error a person can cause is a :class:`~common.problems.Problem` with kk/ru/en titles.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from common import i18n
from common.problems import BadInput, NotFound, Problem
from keys._time import as_utc, format_datetime, parse_datetime, utcnow
from keys.did import (
    MethodEntry,
    did_document,
    did_key_from_multibase,
    institution_did,
    institution_verification_method,
)
from keys.jwk import multikey_to_jwk
from keys.keystore import Keystore
from keys.models import IssuerKey
from keys.multikey import Algorithm
from keys.signer import Signer

__all__ = [
    "create_key",
    "rotate_key",
    "retire_key",
    "compromise_key",
    "list_keys",
    "get_key",
    "active_signer",
    "signer_for_key",
    "require_pdf_signing_allowed",
    "key_info",
    "institution_did_document",
    "check_institution",
    "parse_algorithm",
    "parse_instant",
]

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_ALGORITHM_NAMES: dict[str, Algorithm] = {
    "ed25519": "Ed25519",
    "eddsa": "Ed25519",
    "p256": "P-256",
    "p-256": "P-256",
    "es256": "P-256",
}

i18n.register(
    {
        "problem.invalid-institution": {
            "kk": "Ұйым идентификаторы жарамсыз (кіші латын әріптері, сандар және дефис)",
            "ru": "Недопустимый идентификатор организации (строчные латинские буквы, цифры и дефис)",
            "en": "Invalid institution identifier (lower-case Latin letters, digits and hyphens)",
        },
        "problem.unsupported-algorithm": {
            "kk": "Кілт алгоритміне қолдау көрсетілмейді (ed25519 немесе p256)",
            "ru": "Алгоритм ключа не поддерживается (ed25519 или p256)",
            "en": "Unsupported key algorithm (ed25519 or p256)",
        },
        "problem.key-not-found": {"kk": "Кілт табылмады", "ru": "Ключ не найден", "en": "Key not found"},
        "problem.institution-not-found": {
            "kk": "Бұл сервисте мұндай ұйым жоқ",
            "ru": "На этом сервисе нет такой организации",
            "en": "No such institution on this service",
        },
        "problem.no-active-key": {
            "kk": "Ұйымның белсенді кілті жоқ: жаңа кілт жасаңыз (dalel keys rotate)",
            "ru": "У организации нет действующего ключа: создайте новый (dalel keys rotate)",
            "en": "The institution has no active key: create a new one (dalel keys rotate)",
        },
        "problem.key-retired": {
            "kk": "Кілт қолданыстан шығарылған, онымен қол қоюға болмайды",
            "ru": "Ключ выведен из использования, подписывать им нельзя",
            "en": "The key is retired and cannot sign",
        },
        "problem.key-compromised": {
            "kk": "Кілттің құпиясы ашылған, онымен қол қоюға болмайды",
            "ru": "Ключ скомпрометирован, подписывать им нельзя",
            "en": "The key is compromised and cannot sign",
        },
        "problem.pdf-signing-no-active-key": {
            "kk": "Ұйымның барлық қолтаңба кілттері қолданыстан шығарылған немесе құпиясы ашылған, "
            "сондықтан PDF дипломға қол қойылмайды: жаңа кілт жасаңыз (dalel keys rotate)",
            "ru": "Все ключи подписи организации выведены из использования или скомпрометированы, "
            "поэтому PDF-диплом не подписывается: создайте новый ключ (dalel keys rotate)",
            "en": "All the institution's signing keys are retired or compromised, so no PDF diploma is "
            "signed: create a new key (dalel keys rotate)",
        },
        "problem.key-already-retired": {
            "kk": "Кілт бұрыннан қолданыстан шығарылған",
            "ru": "Ключ уже выведен из использования",
            "en": "The key is already retired",
        },
        "problem.key-already-compromised": {
            "kk": "Кілттің құпиясы ашылғаны бұрыннан белгіленген",
            "ru": "Ключ уже отмечен как скомпрометированный",
            "en": "The key is already marked as compromised",
        },
        "problem.invalid-time": {
            "kk": "Уақытты ISO 8601 пішімінде уақыт белдеуімен беріңіз, мысалы 2026-01-31T09:00:00Z",
            "ru": "Укажите время в формате ISO 8601 с часовым поясом, например 2026-01-31T09:00:00Z",
            "en": "Give the time in ISO 8601 with a timezone, e.g. 2026-01-31T09:00:00Z",
        },
        "problem.time-in-future": {
            "kk": "Уақыт болашақта болмауы керек",
            "ru": "Время не может быть в будущем",
            "en": "The time must not be in the future",
        },
    }
)


# --------------------------------------------------------------------------- input


def check_institution(slug: object) -> str:
    if not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
        raise BadInput("invalid-institution", repr(slug))
    return slug


def parse_algorithm(value: str | None) -> Algorithm:
    """``ed25519`` / ``p256`` (also ``Ed25519``, ``P-256``, ``EdDSA``, ``ES256``)."""
    if value is None:
        return "Ed25519"
    algorithm = _ALGORITHM_NAMES.get(value.strip().lower()) if isinstance(value, str) else None
    if algorithm is None:
        raise BadInput("unsupported-algorithm", repr(value))
    return algorithm


def parse_instant(value: str | datetime, *, now: datetime | None = None) -> datetime:
    """An aware UTC datetime from ISO 8601 text with a timezone; never in the future."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise BadInput("invalid-time", value.isoformat())
        instant = as_utc(value)
    else:
        try:
            instant = parse_datetime(value)
        except ValueError:
            raise BadInput("invalid-time", repr(value)) from None
    if instant > as_utc(now or utcnow()).replace(microsecond=999999):
        raise BadInput("time-in-future", format_datetime(instant))
    return instant


# --------------------------------------------------------------------------- queries


def list_keys(session: Session, institution: str | None = None) -> list[IssuerKey]:
    query = select(IssuerKey)
    if institution is not None:
        query = query.where(IssuerKey.institution == institution)
    query = query.order_by(col(IssuerKey.institution), col(IssuerKey.created), col(IssuerKey.id))
    return list(session.exec(query).all())


def get_key(session: Session, key_id: str) -> IssuerKey:
    key = session.get(IssuerKey, key_id) if isinstance(key_id, str) else None
    if key is None:
        raise NotFound(repr(key_id), code="key-not-found")
    return key


def _active_keys(
    session: Session, institution: str, algorithm: Algorithm | None = None, *, lock: bool = False
) -> list[IssuerKey]:
    query = select(IssuerKey).where(
        IssuerKey.institution == institution,
        col(IssuerKey.retired_at).is_(None),
        col(IssuerKey.compromised_at).is_(None),
    )
    if algorithm is not None:
        query = query.where(IssuerKey.algorithm == algorithm)
    query = query.order_by(col(IssuerKey.activated).desc(), col(IssuerKey.created).desc(), col(IssuerKey.id))
    if lock:  # rotation: two concurrent rotations must not both retire and replace (PostgreSQL)
        query = query.with_for_update()
    return list(session.exec(query).all())


# --------------------------------------------------------------------------- lifecycle


def _new_key(keystore: Keystore, institution: str, algorithm: Algorithm, now: datetime) -> IssuerKey:
    # The key file is written first: a failed commit leaves an unreferenced file, never a
    # database row without its private key.
    generated = keystore.generate(algorithm)
    return IssuerKey(
        id=generated.key_id,
        institution=institution,
        algorithm=algorithm,
        public_key_multibase=generated.public_key_multibase,
        created=now,
        activated=now,
    )


def create_key(
    session: Session, keystore: Keystore, *, institution: str, algorithm: str = "Ed25519"
) -> IssuerKey:
    """A new active key for `institution`. Existing keys are left as they are."""
    institution = check_institution(institution)
    key = _new_key(keystore, institution, parse_algorithm(algorithm), utcnow())
    session.add(key)
    session.commit()
    session.refresh(key)
    return key


def rotate_key(
    session: Session, keystore: Keystore, *, institution: str, algorithm: str | None = None
) -> IssuerKey:
    """A new active key that signs from now on; the previously active keys of the same
    algorithm are retired (and keep verifying old proofs). The algorithm defaults to that of
    the institution's newest key. The institution's PDF certificate (if any) gets a new key
    pair and certificate as well."""
    institution = check_institution(institution)
    existing = list_keys(session, institution)
    if not existing:
        raise NotFound(institution, code="institution-not-found")
    if algorithm is not None:
        alg = parse_algorithm(algorithm)
    else:
        active = _active_keys(session, institution)
        alg = (active[0] if active else existing[-1]).algorithm  # type: ignore[assignment]
    now = utcnow()
    for old in _active_keys(session, institution, alg, lock=True):
        old.retired_at = now
        session.add(old)
    key = _new_key(keystore, institution, alg, now)
    # the PDF-signing certificate is re-keyed too (a compromised institution is re-keyed fully);
    # before the commit, so a failure leaves the old keys in place
    from keys.x509 import renew_institution_certificate

    renew_institution_certificate(keystore, institution)
    session.add(key)
    session.commit()
    session.refresh(key)
    return key


def retire_key(session: Session, key_id: str, at: str | datetime | None = None) -> IssuerKey:
    """Stop signing with the key from `at` (default now). It stays in the DID document."""
    key = get_key(session, key_id)
    if key.retired_at is not None:
        raise Problem(409, "key-already-retired", key.id)
    key.retired_at = parse_instant(at) if at is not None else utcnow()
    session.add(key)
    session.commit()
    session.refresh(key)
    return key


def compromise_key(session: Session, key_id: str, at: str | datetime) -> IssuerKey:
    """Record that the key's secret was exposed from `at` on: it never signs again, and every
    proof created at or after `at` fails verification (the DID document says ``revoked``).
    Choose `at` no later than the earliest moment the key may have been exposed."""
    instant = parse_instant(at)
    key = get_key(session, key_id)
    if key.compromised_at is not None:
        raise Problem(409, "key-already-compromised", f"{key.id}: {format_datetime(key.compromised_at)}")
    key.compromised_at = instant
    session.add(key)
    session.commit()
    session.refresh(key)
    return key


# --------------------------------------------------------------------------- signing


def _signer(keystore: Keystore, key: IssuerKey, public_url: str) -> Signer:
    if key.compromised_at is not None:
        raise Problem(409, "key-compromised", key.id)
    if key.retired_at is not None:
        raise Problem(409, "key-retired", key.id)
    return keystore.load_signer(
        key.id,
        institution_verification_method(public_url, key.institution, key.id),
        public_key_multibase=key.public_key_multibase,
    )


def active_signer(
    session: Session,
    keystore: Keystore,
    institution: str,
    public_url: str,
    *,
    algorithm: str | None = None,
) -> Signer:
    """The signer of the institution's newest active key (optionally of one algorithm); its
    ``verification_method`` is ``did:web:<host>:institutions:<slug>#<key_id>``."""
    institution = check_institution(institution)
    alg = parse_algorithm(algorithm) if algorithm is not None else None
    active = _active_keys(session, institution, alg)
    if not active:
        raise Problem(409, "no-active-key", institution)
    return _signer(keystore, active[0], public_url)


def require_pdf_signing_allowed(session: Session, institution: str) -> None:
    """Refuse (409 ``pdf-signing-no-active-key``) to sign an institution's PDF once all its
    signing keys are retired or compromised, as credential signing is refused: the PDF
    certificate follows the key lifecycle (``dalel keys rotate`` re-keys both)."""
    institution = check_institution(institution)
    if list_keys(session, institution) and not _active_keys(session, institution):
        raise Problem(409, "pdf-signing-no-active-key", institution)


def signer_for_key(session: Session, keystore: Keystore, key_id: str, public_url: str) -> Signer:
    """The signer of one named key; refuses retired and compromised keys."""
    return _signer(keystore, get_key(session, key_id), public_url)


# --------------------------------------------------------------------------- rendering


def key_info(key: IssuerKey, public_url: str) -> dict[str, Any]:
    """What ``dalel keys list --json`` prints for one key."""

    def ts(value: datetime | None) -> str | None:
        return format_datetime(value) if value is not None else None

    return {
        "id": key.id,
        "institution": key.institution,
        "algorithm": key.algorithm,
        "status": key.status,
        "did_key": did_key_from_multibase(key.public_key_multibase),
        "did_web": institution_did(public_url, key.institution),
        "verification_method": institution_verification_method(public_url, key.institution, key.id),
        "public_key_multibase": key.public_key_multibase,
        "public_key_jwk": multikey_to_jwk(key.public_key_multibase),
        "created": ts(key.created),
        "activated": ts(key.activated),
        "retired_at": ts(key.retired_at),
        "compromised_at": ts(key.compromised_at),
    }


def institution_did_document(session: Session, institution: str, public_url: str) -> dict[str, Any]:
    """The institution's did:web document: every key it ever had, in creation order."""
    institution = check_institution(institution)
    keys = list_keys(session, institution)
    if not keys:
        raise NotFound(institution, code="institution-not-found")
    return did_document(
        institution_did(public_url, institution),
        [MethodEntry(k.id, k.public_key_multibase, k.compromised_at) for k in keys],
    )
