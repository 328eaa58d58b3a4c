"""Tables of the composition layer."""

from datetime import datetime

from sqlmodel import Field, SQLModel


class DalelMeta(SQLModel, table=True):
    """Installation facts (e.g. when this database was initialised)."""

    __tablename__ = "dalel_meta"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=4096)
    updated_at: datetime
