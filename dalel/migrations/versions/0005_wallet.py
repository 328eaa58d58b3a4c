"""wallet: share links, their access log, graduate login links and sessions.

Revision ID: 0005_wallet
Revises: 0004_status
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_wallet"
down_revision = "0004_status"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "wallet_share_link",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("diploma_id", sa.Integer(), sa.ForeignKey("issuer_diploma.id", ondelete="CASCADE"), nullable=False),
        sa.Column("scope", sa.String(32), nullable=False),
        sa.Column("label", sa.String(200), nullable=True),
        sa.Column("created", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=True),
        sa.Column("revoked_at", TS, nullable=True),
        sa.UniqueConstraint("token", name="uq_wallet_share_link_token"),
    )
    op.create_index("ix_wallet_share_link_diploma_id", "wallet_share_link", ["diploma_id"])
    op.create_table(
        "wallet_access_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "share_link_id", sa.Integer(), sa.ForeignKey("wallet_share_link.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("at", TS, nullable=False),
        sa.Column("organisation", sa.String(200), nullable=True),
        sa.Column("ip_hash", sa.String(64), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
    )
    op.create_index("ix_wallet_access_log_share_link_id", "wallet_access_log", ["share_link_id"])
    op.create_table(
        "wallet_login_link",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("graduate_id", sa.Integer(), sa.ForeignKey("issuer_graduate.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
        sa.UniqueConstraint("token_hash", name="uq_wallet_login_link_token_hash"),
    )
    op.create_index("ix_wallet_login_link_graduate_id", "wallet_login_link", ["graduate_id"])
    op.create_table(
        "wallet_session",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("session_hash", sa.String(64), nullable=False),
        sa.Column("graduate_id", sa.Integer(), sa.ForeignKey("issuer_graduate.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.UniqueConstraint("session_hash", name="uq_wallet_session_session_hash"),
    )
    op.create_index("ix_wallet_session_graduate_id", "wallet_session", ["graduate_id"])


def downgrade() -> None:
    op.drop_index("ix_wallet_session_graduate_id", table_name="wallet_session")
    op.drop_table("wallet_session")
    op.drop_index("ix_wallet_login_link_graduate_id", table_name="wallet_login_link")
    op.drop_table("wallet_login_link")
    op.drop_index("ix_wallet_access_log_share_link_id", table_name="wallet_access_log")
    op.drop_table("wallet_access_log")
    op.drop_index("ix_wallet_share_link_diploma_id", table_name="wallet_share_link")
    op.drop_table("wallet_share_link")
