"""issuer: institutions, accreditations, programmes, graduates, responsible persons, API
tokens, diplomas, supplements, series counters, the hash-chained audit log.

Revision ID: 0003_issuer
Revises: 0002_keys
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_issuer"
down_revision = "0002_keys"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "issuer_institution",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("slug", sa.String(64), nullable=False),
        sa.Column("name_kk", sa.String(512), nullable=False),
        sa.Column("name_ru", sa.String(512), nullable=False),
        sa.Column("name_en", sa.String(512), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("address", sa.String(1024), nullable=True),
        sa.Column("bin", sa.String(12), nullable=True),
        sa.Column("did", sa.String(512), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("slug", name="uq_issuer_institution_slug"),
    )
    op.create_table(
        "issuer_accreditation",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("institution_id", sa.Integer(), sa.ForeignKey("issuer_institution.id", ondelete="CASCADE"), nullable=False),
        sa.Column("agency", sa.String(512), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("programme_code", sa.String(64), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
    )
    op.create_index("ix_issuer_accreditation_institution_id", "issuer_accreditation", ["institution_id"])
    op.create_table(
        "issuer_programme",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("institution_id", sa.Integer(), sa.ForeignKey("issuer_institution.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name_kk", sa.String(512), nullable=False),
        sa.Column("name_ru", sa.String(512), nullable=False),
        sa.Column("name_en", sa.String(512), nullable=False),
        sa.Column("isced_f", sa.String(4), nullable=False),
        sa.Column("nqf_level", sa.Integer(), nullable=False),
        sa.Column("ects_credits", sa.Integer(), nullable=False),
        sa.Column("mode_of_study", sa.String(32), nullable=False),
        sa.Column("language_of_instruction", sa.String(32), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("institution_id", "code", name="uq_issuer_programme_code"),
    )
    op.create_index("ix_issuer_programme_institution_id", "issuer_programme", ["institution_id"])
    op.create_table(
        "issuer_graduate",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("institution_id", sa.Integer(), sa.ForeignKey("issuer_institution.id", ondelete="CASCADE"), nullable=False),
        sa.Column("family_name", sa.String(256), nullable=False),
        sa.Column("given_name", sa.String(256), nullable=False),
        sa.Column("patronymic", sa.String(256), nullable=True),
        sa.Column("name_latin", sa.String(512), nullable=False),
        sa.Column("name_kk", sa.String(512), nullable=True),
        sa.Column("name_ru", sa.String(512), nullable=True),
        sa.Column("name_en", sa.String(512), nullable=True),
        sa.Column("iin_hash", sa.String(64), nullable=False),
        sa.Column("iin_encrypted", sa.Text(), nullable=True),
        sa.Column("birth_date_encrypted", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("institution_id", "iin_hash", name="uq_issuer_graduate_iin"),
    )
    op.create_index("ix_issuer_graduate_institution_id", "issuer_graduate", ["institution_id"])
    op.create_index("ix_issuer_graduate_iin_hash", "issuer_graduate", ["iin_hash"])
    op.create_table(
        "issuer_responsible_person",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("institution_id", sa.Integer(), sa.ForeignKey("issuer_institution.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("position", sa.String(512), nullable=False),
        sa.Column("order_number", sa.String(128), nullable=False),
        sa.Column("order_date", sa.Date(), nullable=False),
        sa.Column("active_from", TS, nullable=False),
        sa.Column("active_until", TS, nullable=True),
    )
    op.create_index("ix_issuer_responsible_person_institution_id", "issuer_responsible_person", ["institution_id"])
    op.create_table(
        "issuer_api_token",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("issuer_responsible_person.id", ondelete="CASCADE"), nullable=False),
        sa.Column("scopes", sa.String(256), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        sa.UniqueConstraint("token_hash", name="uq_issuer_api_token_hash"),
    )
    op.create_index("ix_issuer_api_token_person_id", "issuer_api_token", ["person_id"])
    op.create_table(
        "issuer_diploma",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("institution_id", sa.Integer(), sa.ForeignKey("issuer_institution.id"), nullable=False),
        sa.Column("series", sa.String(8), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("graduate_id", sa.Integer(), sa.ForeignKey("issuer_graduate.id"), nullable=False),
        sa.Column("programme_id", sa.Integer(), sa.ForeignKey("issuer_programme.id"), nullable=False),
        sa.Column("award_date", sa.Date(), nullable=False),
        sa.Column("honours", sa.Boolean(), nullable=False),
        sa.Column("credential", sa.JSON(), nullable=False),
        sa.Column("verify_token", sa.String(64), nullable=False),
        sa.Column("row_key", sa.String(64), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), sa.ForeignKey("issuer_diploma.id"), nullable=True),
        sa.Column("superseded_by_id", sa.Integer(), sa.ForeignKey("issuer_diploma.id"), nullable=True),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("issuer_responsible_person.id"), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("uuid", name="uq_issuer_diploma_uuid"),
        sa.UniqueConstraint("series", "number", name="uq_issuer_diploma_series_number"),
        sa.UniqueConstraint("verify_token", name="uq_issuer_diploma_verify_token"),
        sa.UniqueConstraint("row_key", name="uq_issuer_diploma_row_key"),
    )
    op.create_index("ix_issuer_diploma_institution_id", "issuer_diploma", ["institution_id"])
    op.create_index("ix_issuer_diploma_graduate_id", "issuer_diploma", ["graduate_id"])
    op.create_table(
        "issuer_supplement",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("diploma_id", sa.Integer(), sa.ForeignKey("issuer_diploma.id"), nullable=False),
        sa.Column("credential", sa.JSON(), nullable=False),
        sa.Column("courses", sa.JSON(), nullable=False),
        sa.Column("gpa", sa.String(16), nullable=True),
        sa.Column("grading_scheme", sa.String(1024), nullable=True),
        sa.Column("classification", sa.String(256), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("uuid", name="uq_issuer_supplement_uuid"),
        sa.UniqueConstraint("diploma_id", name="uq_issuer_supplement_diploma_id"),
    )
    op.create_table(
        "issuer_series_counter",
        sa.Column("series", sa.String(8), primary_key=True),
        sa.Column("next_value", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "issuer_audit_entry",
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor_person_id", sa.Integer(), nullable=True),
        sa.Column("order_number", sa.String(128), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(256), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("hash", name="uq_issuer_audit_entry_hash"),
    )


def downgrade() -> None:
    for table in (
        "issuer_audit_entry",
        "issuer_series_counter",
        "issuer_supplement",
        "issuer_diploma",
        "issuer_api_token",
        "issuer_responsible_person",
        "issuer_graduate",
        "issuer_programme",
        "issuer_accreditation",
        "issuer_institution",
    ):
        op.drop_table(table)
