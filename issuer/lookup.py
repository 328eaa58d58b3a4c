"""Finding institutions by slug, and diplomas: by the permanent verify token printed in the QR
code, by series and number, by credential id."""

from __future__ import annotations

from sqlmodel import Session, col, select

from common.problems import BadInput, NotFound
from issuer.models import Diploma, Institution, Supplement
from issuer.numbering import MAX_NUMBER_DIGITS, InputError, normalise_number, normalise_series


def get_institution(session: Session, slug: str) -> Institution:
    """The institution `slug`; 404 ``institution-not-found`` otherwise."""
    inst = session.exec(select(Institution).where(Institution.slug == slug)).first()
    if inst is None:
        raise NotFound(slug, code="institution-not-found")
    return inst


def find_by_verify_token(session: Session, token: str) -> Diploma | None:
    """The diploma whose permanent verify token is `token` (exact match), or None."""
    if not token or len(token) > 64 or not token.isascii() or not token.isalnum():
        return None
    return session.exec(select(Diploma).where(Diploma.verify_token == token)).first()


def find_by_number(session: Session, series: str, number: str) -> Diploma | None:
    return session.exec(select(Diploma).where(Diploma.series == series, Diploma.number == number)).first()


def find_diploma(
    session: Session, series: object, number: object, lang: str | None = None, *,
    bad_series: str = "invalid-series", not_found: str = "diploma-not-found",
) -> Diploma:
    """The diploma a person typed as `series` and `number`, normalised by the issuer's rules
    (Latin only: a Cyrillic or Greek look-alike is a 400 naming it; the number with or without
    its leading zeros). A mistyped series is 400 `bad_series`, a mistyped number 400
    ``invalid-number``, none 404 `not_found`: the codes each API has always answered (the
    status API says ``invalid-number`` for either, the diploma record ``not-found``)."""
    try:
        s = normalise_series(series)
    except InputError as exc:
        raise BadInput(bad_series, exc.message(lang)) from None
    try:
        n = normalise_number(number, 1)
    except InputError as exc:
        raise BadInput("invalid-number", exc.message(lang)) from None
    diploma = find_by_number(session, s, n)
    if diploma is None and n.isdigit():
        # typed without (or with other) leading zeros: the same number at any stored width
        digits = n.lstrip("0") or "0"
        widths = [digits.zfill(w) for w in range(len(digits), MAX_NUMBER_DIGITS + 1)]
        diploma = session.exec(select(Diploma).where(Diploma.series == s, col(Diploma.number).in_(widths))).first()
    if diploma is None:
        raise NotFound(f"{s} {n}", code=not_found)
    return diploma


def find_supplement(session: Session, diploma: Diploma) -> Supplement | None:
    return session.exec(select(Supplement).where(Supplement.diploma_id == diploma.id)).first()


def find_credential(session: Session, uuid: str) -> dict | None:
    """The signed credential (diploma or supplement) whose id ends with /credentials/<uuid>."""
    diploma = session.exec(select(Diploma).where(Diploma.uuid == uuid)).first()
    if diploma is not None:
        return diploma.credential
    supplement = session.exec(select(Supplement).where(Supplement.uuid == uuid)).first()
    return supplement.credential if supplement is not None else None
