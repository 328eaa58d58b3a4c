"""The graduate's tables: share links and their access log, one-time login links and sessions.

Secrets are stored hashed (SHA-256 of the token; the token itself is shown once): a share
link's token is kept in clear only because the graduate must be able to copy the link again
from their page — it grants read access to a credential the graduate chose to share, nothing
more. Login links and session ids are never stored in clear. The access log keeps a keyed
hash of the viewer's IP address (HMAC with a per-deployment secret), never the address.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, String
from sqlmodel import Field, SQLModel

from keys.models import UTCDateTime

SCOPES = ("diploma", "diploma+supplement", "diploma+profile")


class ShareLink(SQLModel, table=True):
    __tablename__ = "wallet_share_link"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    token: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    diploma_id: int = Field(
        sa_column=Column(Integer, ForeignKey("issuer_diploma.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    scope: str = Field(default="diploma", sa_column=Column(String(32), nullable=False))
    label: str | None = Field(default=None, sa_column=Column(String(200), nullable=True))
    created: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))

    def status_at(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and now >= self.expires_at:
            return "expired"
        return "ok"


class AccessLogEntry(SQLModel, table=True):
    __tablename__ = "wallet_access_log"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    share_link_id: int = Field(
        sa_column=Column(Integer, ForeignKey("wallet_share_link.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    organisation: str | None = Field(default=None, sa_column=Column(String(200), nullable=True))
    ip_hash: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    outcome: str = Field(default="ok", sa_column=Column(String(16), nullable=False))  # ok | expired | revoked


class GraduateLoginLink(SQLModel, table=True):
    __tablename__ = "wallet_login_link"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    token_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    graduate_id: int = Field(
        sa_column=Column(Integer, ForeignKey("issuer_graduate.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    created: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class GraduateSession(SQLModel, table=True):
    __tablename__ = "wallet_session"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    session_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    graduate_id: int = Field(
        sa_column=Column(Integer, ForeignKey("issuer_graduate.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    csrf_token: str = Field(sa_column=Column(String(64), nullable=False))
    created: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
