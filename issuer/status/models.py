"""Tables of the Bitstring Status Lists (revocation and suspension) an institution publishes.

* :class:`StatusList` — one list: its random id (the last segment of its URL), the owning
  institution, its purpose and size, the bitstring and the signed credential last published.
* :class:`StatusAllocation` — one used index of a list (primary key ``(list_id, status_index)``,
  so an index is never handed out twice) and its current value.
* :class:`StatusChange` — every change of a bit, with time, reason code, note, actor and
  request id: the history that answers "what was the status of credential X on date D".
* :class:`StatusListVersion` — every published version of a list (the exact credential bytes),
  served for ``GET /status/{id}?timestamp=…``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlmodel import Field, SQLModel

from keys.models import UTCDateTime


class StatusList(SQLModel, table=True):
    __tablename__ = "status_list"
    __table_args__ = (Index("ix_status_list_open", "institution", "purpose", "closed"),)

    id: str = Field(sa_column=Column(String(32), primary_key=True))
    institution: str = Field(sa_column=Column(String(64), nullable=False))
    purpose: str = Field(sa_column=Column(String(16), nullable=False))  # revocation | suspension
    # the list credential's issuer when it is not the institution's did:web (e.g. a did:key of one
    # of its keys, for credentials issued through the VC-API under that did:key)
    issuer: str | None = Field(default=None, sa_column=Column(String(512), nullable=True))
    size: int = Field(sa_column=Column(Integer, nullable=False))  # number of entries (bits)
    bits: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # as last published
    closed: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))  # full
    version: int = Field(default=1, sa_column=Column(Integer, nullable=False))  # bumped per change
    published_version: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    etag: str | None = Field(default=None, sa_column=Column(String(80), nullable=True))
    credential: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # exact JSON served
    published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    valid_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class StatusAllocation(SQLModel, table=True):
    __tablename__ = "status_allocation"

    list_id: str = Field(
        sa_column=Column(String(32), ForeignKey("status_list.id", ondelete="CASCADE"), primary_key=True)
    )
    status_index: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    value: int = Field(default=0, sa_column=Column(Integer, nullable=False))  # current bit
    credential_id: str | None = Field(default=None, sa_column=Column(String(512), nullable=True, index=True))
    allocated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class StatusChange(SQLModel, table=True):
    __tablename__ = "status_change"
    __table_args__ = (Index("ix_status_change_entry", "list_id", "status_index", "at"),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    list_id: str = Field(sa_column=Column(String(32), ForeignKey("status_list.id", ondelete="CASCADE"), nullable=False))
    status_index: int = Field(sa_column=Column(Integer, nullable=False))
    purpose: str = Field(sa_column=Column(String(16), nullable=False))
    value: int = Field(sa_column=Column(Integer, nullable=False))  # the new bit
    action: str = Field(sa_column=Column(String(16), nullable=False))  # revoke | suspend | reinstate
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    reason: str = Field(sa_column=Column(String(32), nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    actor_person_id: int | None = Field(default=None, sa_column=Column(Integer, nullable=True))
    request_id: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    credential_id: str | None = Field(default=None, sa_column=Column(String(512), nullable=True))
    list_version: int = Field(sa_column=Column(Integer, nullable=False))


class StatusListVersion(SQLModel, table=True):
    __tablename__ = "status_list_version"

    list_id: str = Field(
        sa_column=Column(String(32), ForeignKey("status_list.id", ondelete="CASCADE"), primary_key=True)
    )
    version: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    published_at: datetime = Field(sa_column=Column(UTCDateTime(), primary_key=True))
    valid_from: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))  # state unchanged since
    valid_until: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    etag: str = Field(sa_column=Column(String(80), nullable=False))
    credential: str = Field(sa_column=Column(Text, nullable=False))
