"""keys: issuer key metadata (the private keys live in the encrypted keystore).

Revision ID: 0002_keys
Revises: 0001_base
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_keys"
down_revision = "0001_base"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issuer_key",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("institution", sa.String(length=64), nullable=False),
        sa.Column("algorithm", sa.String(length=16), nullable=False),
        sa.Column("public_key_multibase", sa.String(length=128), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("compromised_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_issuer_key"),
        sa.UniqueConstraint("public_key_multibase", name="uq_issuer_key_public_key_multibase"),
    )
    op.create_index("ix_issuer_key_institution", "issuer_key", ["institution"])


def downgrade() -> None:
    op.drop_index("ix_issuer_key_institution", table_name="issuer_key")
    op.drop_table("issuer_key")
