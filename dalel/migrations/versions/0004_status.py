"""status: Bitstring Status Lists (revocation, suspension), allocations, change history and
published versions.

Revision ID: 0004_status
Revises: 0003_issuer
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_status"
down_revision = "0003_issuer"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_list",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("institution", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("issuer", sa.String(length=512), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("bits", sa.LargeBinary(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_version", sa.Integer(), nullable=False),
        sa.Column("etag", sa.String(length=80), nullable=True),
        sa.Column("credential", sa.Text(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_status_list"),
    )
    op.create_index("ix_status_list_open", "status_list", ["institution", "purpose", "closed"])
    op.create_table(
        "status_allocation",
        sa.Column("list_id", sa.String(length=32), nullable=False),
        sa.Column("status_index", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.String(length=512), nullable=True),
        sa.Column("allocated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["list_id"], ["status_list.id"], name="fk_status_allocation_list", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("list_id", "status_index", name="pk_status_allocation"),
    )
    op.create_index("ix_status_allocation_credential_id", "status_allocation", ["credential_id"])
    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("list_id", sa.String(length=32), nullable=False),
        sa.Column("status_index", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor_person_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("credential_id", sa.String(length=512), nullable=True),
        sa.Column("list_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["list_id"], ["status_list.id"], name="fk_status_change_list", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_status_change"),
    )
    op.create_index("ix_status_change_entry", "status_change", ["list_id", "status_index", "at"])
    op.create_table(
        "status_list_version",
        sa.Column("list_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("etag", sa.String(length=80), nullable=False),
        sa.Column("credential", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_id"], ["status_list.id"], name="fk_status_list_version_list", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("list_id", "version", "published_at", name="pk_status_list_version"),
    )


def downgrade() -> None:
    op.drop_table("status_list_version")
    op.drop_index("ix_status_change_entry", table_name="status_change")
    op.drop_table("status_change")
    op.drop_index("ix_status_allocation_credential_id", table_name="status_allocation")
    op.drop_table("status_allocation")
    op.drop_index("ix_status_list_open", table_name="status_list")
    op.drop_table("status_list")
