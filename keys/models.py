"""Key metadata in the database. The private key itself lives in the keystore, never here."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend: PostgreSQL ``timestamptz``; SQLite
    stores the UTC wall time and this type puts the UTC zone back on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: keys store timezone-aware UTC times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class IssuerKey(SQLModel, table=True):
    """One signing key of an institution. Status is derived: compromised if
    ``compromised_at`` is set, else retired if ``retired_at`` is set, else active."""

    __tablename__ = "issuer_key"

    id: str = Field(sa_column=Column(String(64), primary_key=True))
    institution: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    algorithm: str = Field(sa_column=Column(String(16), nullable=False))
    public_key_multibase: str = Field(sa_column=Column(String(128), nullable=False, unique=True))
    created: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    activated: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    retired_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    compromised_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))

    @property
    def status(self) -> str:
        if self.compromised_at is not None:
            return "compromised"
        if self.retired_at is not None:
            return "retired"
        return "active"
