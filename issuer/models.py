"""The registrar's tables: institutions and their accreditations, programmes, graduates,
responsible persons and their API tokens, diplomas and supplements, series counters and the
hash-chained audit log.

Personal data: a graduate's IIN is stored only as a keyed hash (HMAC-SHA256 with the
deployment's secret, see :mod:`issuer.pii`) and, optionally, AES-GCM encrypted; the date of
birth only encrypted. Neither is ever written into a credential, URL or log.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from keys.models import UTCDateTime


def stored_id(row: Any) -> int:
    """The primary key of a row that is in the database (SQLModel types it ``int | None``:
    None only before the row is flushed)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} is not stored yet")
    return int(row.id)

# --------------------------------------------------------------------------- levels

# Kazakhstan's NQF level -> EQF level (the 8-level NQF is referenced 1:1 to the EQF)
NQF_TO_EQF: dict[int, int] = {n: n for n in range(1, 9)}
# NQF level -> QF-EHEA cycle (6 first, 7 second, 8 third; 5 short cycle)
NQF_TO_QF_EHEA: dict[int, str] = {5: "short", 6: "first", 7: "second", 8: "third"}
# NQF level -> ISCED 2011 level (higher education: 5-8)
NQF_TO_ISCED: dict[int, int] = {5: 5, 6: 6, 7: 7, 8: 8}


class Institution(SQLModel, table=True):
    __tablename__ = "issuer_institution"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    slug: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    name_kk: str = Field(sa_column=Column(String(512), nullable=False))
    name_ru: str = Field(sa_column=Column(String(512), nullable=False))
    name_en: str = Field(sa_column=Column(String(512), nullable=False))
    country: str = Field(default="KZ", sa_column=Column(String(2), nullable=False))
    address: str | None = Field(default=None, sa_column=Column(String(1024), nullable=True))
    bin: str | None = Field(default=None, sa_column=Column(String(12), nullable=True))
    did: str = Field(sa_column=Column(String(512), nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))

    def names(self) -> dict[str, str]:
        return {"kk": self.name_kk, "ru": self.name_ru, "en": self.name_en}


class Accreditation(SQLModel, table=True):
    __tablename__ = "issuer_accreditation"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    institution_id: int = Field(
        sa_column=Column(Integer, ForeignKey("issuer_institution.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    agency: str = Field(sa_column=Column(String(512), nullable=False))
    scope: str = Field(sa_column=Column(String(16), nullable=False))  # institution | programme
    programme_code: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    valid_from: date = Field(sa_column=Column(Date, nullable=False))
    valid_until: date | None = Field(default=None, sa_column=Column(Date, nullable=True))


class Programme(SQLModel, table=True):
    __tablename__ = "issuer_programme"
    __table_args__ = (UniqueConstraint("institution_id", "code", name="uq_issuer_programme_code"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    institution_id: int = Field(
        sa_column=Column(Integer, ForeignKey("issuer_institution.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    code: str = Field(sa_column=Column(String(64), nullable=False))
    name_kk: str = Field(sa_column=Column(String(512), nullable=False))
    name_ru: str = Field(sa_column=Column(String(512), nullable=False))
    name_en: str = Field(sa_column=Column(String(512), nullable=False))
    isced_f: str = Field(sa_column=Column(String(4), nullable=False))  # ISCED-F 2013 detailed field, e.g. 0613
    nqf_level: int = Field(sa_column=Column(Integer, nullable=False))
    ects_credits: int = Field(sa_column=Column(Integer, nullable=False))
    mode_of_study: str = Field(default="full-time", sa_column=Column(String(32), nullable=False))
    language_of_instruction: str = Field(default="kk", sa_column=Column(String(32), nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))

    @property
    def eqf_level(self) -> int:
        return NQF_TO_EQF[self.nqf_level]

    @property
    def qf_ehea_cycle(self) -> str | None:
        return NQF_TO_QF_EHEA.get(self.nqf_level)

    @property
    def isced_level(self) -> int | None:
        return NQF_TO_ISCED.get(self.nqf_level)

    def names(self) -> dict[str, str]:
        return {"kk": self.name_kk, "ru": self.name_ru, "en": self.name_en}


class Graduate(SQLModel, table=True):
    """A holder. `iin_hash` = HMAC-SHA256(deployment secret, IIN) hex; `iin_encrypted` and
    `birth_date_encrypted` are AES-GCM tokens of :mod:`issuer.pii` (or null)."""

    __tablename__ = "issuer_graduate"
    __table_args__ = (UniqueConstraint("institution_id", "iin_hash", name="uq_issuer_graduate_iin"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    institution_id: int = Field(
        sa_column=Column(Integer, ForeignKey("issuer_institution.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    family_name: str = Field(sa_column=Column(String(256), nullable=False))
    given_name: str = Field(sa_column=Column(String(256), nullable=False))
    patronymic: str | None = Field(default=None, sa_column=Column(String(256), nullable=True))
    name_latin: str = Field(sa_column=Column(String(512), nullable=False))
    name_kk: str | None = Field(default=None, sa_column=Column(String(512), nullable=True))
    name_ru: str | None = Field(default=None, sa_column=Column(String(512), nullable=True))
    name_en: str | None = Field(default=None, sa_column=Column(String(512), nullable=True))
    iin_hash: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    iin_encrypted: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    birth_date_encrypted: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))

    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.given_name, self.patronymic) if p)


class ResponsiblePerson(SQLModel, table=True):
    """A named staff member appointed by an order of the head of the institution."""

    __tablename__ = "issuer_responsible_person"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    institution_id: int = Field(
        sa_column=Column(Integer, ForeignKey("issuer_institution.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    name: str = Field(sa_column=Column(String(512), nullable=False))
    position: str = Field(sa_column=Column(String(512), nullable=False))
    order_number: str = Field(sa_column=Column(String(128), nullable=False))
    order_date: date = Field(sa_column=Column(Date, nullable=False))
    active_from: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    active_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class ApiToken(SQLModel, table=True):
    """A bearer token of a responsible person: only its SHA-256 is kept; shown once."""

    __tablename__ = "issuer_api_token"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    person_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("issuer_responsible_person.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    scopes: str = Field(sa_column=Column(String(256), nullable=False))  # comma-separated
    token_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    prefix: str = Field(sa_column=Column(String(16), nullable=False))  # first characters, for listings
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))

    def scope_set(self) -> set[str]:
        return {s for s in self.scopes.split(",") if s}


class Diploma(SQLModel, table=True):
    __tablename__ = "issuer_diploma"
    __table_args__ = (UniqueConstraint("series", "number", name="uq_issuer_diploma_series_number"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    uuid: str = Field(sa_column=Column(String(36), nullable=False, unique=True))
    institution_id: int = Field(
        sa_column=Column(Integer, ForeignKey("issuer_institution.id"), nullable=False, index=True)
    )
    series: str = Field(sa_column=Column(String(8), nullable=False))
    number: str = Field(sa_column=Column(String(16), nullable=False))
    graduate_id: int = Field(sa_column=Column(Integer, ForeignKey("issuer_graduate.id"), nullable=False, index=True))
    programme_id: int = Field(sa_column=Column(Integer, ForeignKey("issuer_programme.id"), nullable=False))
    award_date: date = Field(sa_column=Column(Date, nullable=False))
    honours: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    credential: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    verify_token: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    # idempotency key of a batch row: sha256(institution, IIN hash, programme, award date, series)
    row_key: str | None = Field(default=None, sa_column=Column(String(64), nullable=True, unique=True))
    supersedes_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("issuer_diploma.id"), nullable=True)
    )
    superseded_by_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("issuer_diploma.id"), nullable=True)
    )
    created_by: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("issuer_responsible_person.id"), nullable=True)
    )
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))

    @property
    def credential_id(self) -> str:
        return str(self.credential.get("id", ""))


class Supplement(SQLModel, table=True):
    __tablename__ = "issuer_supplement"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    uuid: str = Field(sa_column=Column(String(36), nullable=False, unique=True))
    diploma_id: int = Field(
        sa_column=Column(Integer, ForeignKey("issuer_diploma.id"), nullable=False, unique=True)
    )
    credential: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    courses: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    gpa: str | None = Field(default=None, sa_column=Column(String(16), nullable=True))
    grading_scheme: str | None = Field(default=None, sa_column=Column(String(1024), nullable=True))
    classification: str | None = Field(default=None, sa_column=Column(String(256), nullable=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class SeriesCounter(SQLModel, table=True):
    """The next number of a series, across the deployment (Dalel as numbering authority)."""

    __tablename__ = "issuer_series_counter"

    series: str = Field(sa_column=Column(String(8), primary_key=True))
    next_value: int = Field(sa_column=Column(BigInteger, nullable=False))


class AuditEntry(SQLModel, table=True):
    """One row of the append-only log. `hash` = SHA-256(prev_hash || canonical row); `seq`
    counts from 1 without gaps. `details` never holds personal data."""

    __tablename__ = "issuer_audit_entry"

    seq: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    actor_person_id: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    order_number: str | None = Field(default=None, sa_column=Column(String(128), nullable=True))
    action: str = Field(sa_column=Column(String(64), nullable=False))
    subject: str = Field(sa_column=Column(String(256), nullable=False))
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    request_id: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    prev_hash: str = Field(sa_column=Column(String(64), nullable=False))
    hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
