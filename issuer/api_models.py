"""The registrar API's request and response bodies as pydantic models: what ``/openapi.json``
documents and a client codes against.

Request models fix the shape (which members, which JSON types; unknown members are refused,
so a mistyped column is said, not silently dropped). The values themselves (a 12-digit IIN, a
date, a series in Latin letters, a programme of the institution) are checked by the issuer's
row rules, which answer in the reader's language with the column named (422
``batch-invalid``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from issuer import batch

Cell = str | int | float | bool | None
"""A cohort cell: text, or the number or yes/no a spreadsheet gives."""

EXAMPLE_ROW: dict[str, Any] = dict(batch.EXAMPLE_ROW)  # the template's example: one example of a row in the product
EXAMPLE_COURSE: dict[str, Any] = {k: v for k, v in batch.EXAMPLE_COURSE.items() if k not in ("iin", "programme_code")}


class _Row(BaseModel):
    """A row of a list: the row number is its place in the list, so a ``_row`` a client sends
    (e.g. copied from a manifest) is dropped, not refused."""

    @model_validator(mode="before")
    @classmethod
    def _drop_row_number(cls, data: Any) -> Any:
        if isinstance(data, dict) and "_row" in data:
            return {k: v for k, v in data.items() if k != "_row"}
        return data


class CourseRow(_Row):
    """One course of the diploma supplement."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_COURSE]})

    course_code: Cell = Field(description="The course's code in the programme")
    course_title_kk: str | None = None
    course_title_ru: str | None = None
    course_title_en: str | None = Field(default=None, description="At least one title is required")
    credits: Cell = Field(description="ECTS credits")
    grade: Cell = Field(description="The grade as on the transcript, e.g. A-")
    grade_points: Cell = None
    term: Cell = None


class SupplementRow(CourseRow):
    """A supplement row of a cohort: the course and whose it is."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"iin": EXAMPLE_ROW["iin"], "programme_code": "6B06101", **EXAMPLE_COURSE}]})

    iin: Cell = Field(description="The graduate's IIN, as in the cohort row (never stored in clear)")
    programme_code: Cell = None


class CohortRow(_Row):
    """One graduate and diploma: the columns of the cohort file (docs/BATCH-IMPORT.md)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_ROW]})

    series: Cell = Field(description="Diploma series in Latin capitals, e.g. BD or MD")
    number: Cell = Field(default=None, description="Empty: the next free number of the series")
    family_name: Cell = None
    given_name: Cell = None
    patronymic: Cell = None
    name_latin: Cell = Field(default=None, description="The name as in the passport, Latin script")
    name_kk: Cell = None
    name_ru: Cell = None
    name_en: Cell = None
    iin: Cell = Field(default=None, description="12 digits; kept as a keyed hash, never in a credential")
    date_of_birth: Cell = Field(default=None, description="YYYY-MM-DD; never in a credential")
    programme_code: Cell = Field(default=None, description="A programme of the institution, e.g. 6B06101")
    award_date: Cell = Field(default=None, description="YYYY-MM-DD")
    honours: Cell = Field(default=None, description="yes / no")
    gpa: Cell = None
    classification: Cell = None
    grading_scheme: Cell = None


class DiplomaRequest(CohortRow):
    """``POST /api/v1/diplomas``: one cohort row, its supplement's courses and the institution
    (default: the token's)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {**EXAMPLE_ROW, "institution": "demo-university", "courses": [EXAMPLE_COURSE]}]})

    institution: str | None = Field(default=None, description="Institution slug; default: the token's")
    courses: list[CourseRow] | None = Field(default=None, description="The supplement's courses")


class BatchRequest(BaseModel):
    """``POST /api/v1/batches`` as JSON: every row is issued, or none."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"rows": [EXAMPLE_ROW], "supplements": [{"iin": EXAMPLE_ROW["iin"], **EXAMPLE_COURSE}], "dry_run": True}]})

    rows: list[CohortRow] = Field(description="The cohort: one row per diploma")
    supplements: list[SupplementRow] | None = Field(default=None, description="Supplement rows, by IIN")
    dry_run: bool = Field(default=False, description="Validate only: nothing is written, no number is taken")
    institution: str | None = Field(default=None, description="Institution slug; default: the token's")


class IssuedEntry(BaseModel):
    """One diploma of a batch (no personal data)."""

    row: int
    series: str = Field(examples=["BD"])
    number: str = Field(examples=["00000001"])
    display: str = Field(examples=["BD 00000001"])
    credential_id: str | None
    supplement_id: str | None = None
    verify_url: str | None = Field(examples=["https://dalel.example.kz/v/2EbVR7ui2bqBzrFfBuTBSfsqyECq"])
    created: bool = Field(description="False when this row had been issued before (same graduate and programme)")


class IssuedDiploma(IssuedEntry):
    """``POST /api/v1/diplomas``: the entry with the signed diploma and supplement."""

    credential: dict[str, Any] = Field(description="The signed diploma (W3C VC 2.0, Open Badges 3.0)")
    supplement: dict[str, Any] | None = Field(description="The signed diploma supplement")


class BatchManifest(BaseModel):
    """What a batch did (``dry_run``: would do)."""

    institution: str = Field(examples=["demo-university"])
    dry_run: bool
    to_issue: int = Field(description="Rows issued now (or that would be)")
    already_issued: int = Field(description="Rows issued before: not issued again")
    diplomas: list[IssuedEntry]


class DiplomaRecord(BaseModel):
    """``GET /api/v1/diplomas/{series}/{number}``."""

    series: str
    number: str
    display: str
    institution: str | None
    award_date: str = Field(examples=["2025-06-30"])
    verify_url: str
    superseded_by: str | None = Field(description="The id of the corrected credential that replaces this one")
    credential: dict[str, Any]
    supplement: dict[str, Any] | None


class CredentialStub(BaseModel):
    """``GET /credentials/{uuid}``: that a credential exists, without its content."""

    id: str | None
    type: Any = Field(examples=[["VerifiableCredential", "OpenBadgeCredential"]])
    issuer: str | None
    validFrom: str | None
    documentNumber: Any = None
    supersededBy: str | None
    note: str


class LanguageMap(BaseModel):
    kk: str
    ru: str
    en: str


class ProgrammeRecord(BaseModel):
    """``GET /institutions/{slug}/programmes/{code}``."""

    id: str
    institution: str = Field(description="The institution's DID")
    code: str = Field(examples=["6B06101"])
    name: LanguageMap
    iscedF: str | None = Field(examples=["0613"])
    nqfLevel: int | None
    eqfLevel: int | None
    qfEheaCycle: int | str | None
    ectsCredits: int | float | None
    modeOfStudy: str | None
    languageOfInstruction: Any = None


class StatusRequest(BaseModel):
    """Revoke (final), suspend or reinstate a diploma and its supplement."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"action": "revoke", "reason": "issued_in_error", "note": "Printed with the wrong programme"}]})

    action: Literal["revoke", "suspend", "reinstate"]
    reason: str = Field(description="issued_in_error | fraud | superseded_by_correction | court_decision | "
                        "graduate_request | other")
    note: str | None = Field(default=None, max_length=2000, description="Kept in the history, never published")


class StatusChangeResult(BaseModel):
    series: str
    number: str
    action: str
    status: Literal["active", "revoked", "suspended"]
    reason: str
    at: str = Field(examples=["2026-01-31T09:00:00Z"])
    credentials: list[str] = Field(description="The ids of the diploma and supplement credentials changed")


class StatusChange(BaseModel):
    at: str
    action: str
    reason: str
    note: str | None = None
    actor_person_id: int | None = None
    request_id: str | None = None


class StatusHistory(BaseModel):
    series: str
    number: str
    at: str
    status: Literal["active", "revoked", "suspended"]
    revoked: bool
    suspended: bool
    changes: list[StatusChange]


__all__ = [
    "BatchManifest", "BatchRequest", "CohortRow", "CourseRow", "CredentialStub", "DiplomaRecord", "DiplomaRequest",
    "IssuedDiploma", "IssuedEntry", "ProgrammeRecord", "StatusChange", "StatusChangeResult", "StatusHistory",
    "StatusRequest", "SupplementRow"
]
