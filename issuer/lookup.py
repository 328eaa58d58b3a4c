"""Finding diplomas: by the permanent verify token printed in the QR code, by series and
number, by credential id."""

from __future__ import annotations

from sqlmodel import Session, select

from issuer.models import Diploma, Supplement


def find_by_verify_token(session: Session, token: str) -> Diploma | None:
    """The diploma whose permanent verify token is `token` (exact match), or None."""
    if not token or len(token) > 64 or not token.isascii() or not token.isalnum():
        return None
    return session.exec(select(Diploma).where(Diploma.verify_token == token)).first()


def find_by_number(session: Session, series: str, number: str) -> Diploma | None:
    return session.exec(select(Diploma).where(Diploma.series == series, Diploma.number == number)).first()


def find_supplement(session: Session, diploma: Diploma) -> Supplement | None:
    return session.exec(select(Supplement).where(Supplement.diploma_id == diploma.id)).first()


def find_credential(session: Session, uuid: str) -> dict | None:
    """The signed credential (diploma or supplement) whose id ends with /credentials/<uuid>."""
    diploma = session.exec(select(Diploma).where(Diploma.uuid == uuid)).first()
    if diploma is not None:
        return diploma.credential
    supplement = session.exec(select(Supplement).where(Supplement.uuid == uuid)).first()
    return supplement.credential if supplement is not None else None
