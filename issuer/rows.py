"""A registrar's rows (a cohort file, a JSON request) as pydantic models: one model per kind
of row (a diploma, a course of its supplement), one validator per column. Every problem of a
row is collected (pydantic validates every column) and becomes a :class:`RowError` with its
column, a stable code and the message in the requester's language (``context["lang"]``).
Checks that need the database (a number already issued, a repeated row) are in
:mod:`issuer.validation`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from common import i18n
from common.i18n import N_
from issuer.cells import NO, YES, cell_date, cell_text, latin_problem
from issuer.models import Programme
from issuer.numbering import SERIES, InputError, normalise_code, normalise_number, normalise_series
from issuer.pii import IinError, iin_birth_date, validate_iin

REQUIRED_COLUMNS: tuple[str, ...] = (
    "series", "number", "family_name", "given_name", "patronymic", "name_latin", "iin", "date_of_birth",
    "programme_code", "award_date", "honours", "gpa",
)
OPTIONAL_COLUMNS: tuple[str, ...] = ("name_kk", "name_ru", "name_en", "classification", "grading_scheme")
# a file may leave these columns out altogether
ABSENT_COLUMNS_ALLOWED = frozenset({"patronymic", "number", "honours", "gpa", "date_of_birth"})
SUPPLEMENT_COLUMNS: tuple[str, ...] = (
    "iin", "programme_code", "course_code", "course_title_kk", "course_title_ru", "course_title_en", "credits",
    "grade", "grade_points", "term",
)
SUPPLEMENT_REQUIRED: tuple[str, ...] = ("iin", "course_code", "credits", "grade")

MAX_COURSE_TEXT = 512  # a course code, title, grade or term
MAX_COURSE_CREDITS = 1000  # ECTS of one course; also keeps "1e999999" from becoming a huge integer

@dataclass
class RowError:
    row: int
    column: str
    message: str
    code: str
    file: str = "diplomas"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DiplomaRow:
    """One validated row; personal data stays in memory and is never logged."""

    row: int
    series: str
    number: str | None
    family_name: str
    given_name: str
    patronymic: str | None
    name_latin: str
    iin: str = field(repr=False)
    date_of_birth: date | None = field(repr=False)
    programme: Programme = field(repr=False)
    award_date: date
    honours: bool
    gpa: str | None
    names: dict[str, str] = field(default_factory=dict)
    classification: str | None = None
    grading_scheme: str | None = None
    courses: list[dict[str, Any]] = field(default_factory=list)
    iin_hash: str = ""
    row_key: str = ""


# --------------------------------------------------------------------------- problems


def _problem(info: ValidationInfo, code: str, key: str, *, column: str | None = None, **params: Any) -> Exception:
    """A row problem: `code` is stable, the message is `key` in the requester's language."""
    ctx = {"message": i18n.t(key, (info.context or {}).get("lang"), **params)}
    if column:
        ctx["column"] = column
    return PydanticCustomError(code, "{message}", ctx)


def _input_problem(info: ValidationInfo, code: str, exc: InputError) -> Exception:
    return PydanticCustomError(code, "{message}", {"message": exc.message((info.context or {}).get("lang"))})


def row_errors(exc: ValidationError, row: int, file: str) -> list[RowError]:
    return [
        RowError(row, (e.get("ctx") or {}).get("column") or str(e["loc"][0]), e["msg"], e["type"], file)
        for e in exc.errors()
    ]


class _Row(BaseModel):
    model_config = ConfigDict(validate_default=True, arbitrary_types_allowed=True, extra="ignore", frozen=True)

    @staticmethod
    def _required(value: Any, info: ValidationInfo, limit: int = 256) -> str:
        text = cell_text(value)
        if not text:
            raise _problem(info, "required", N_("Required value is missing"))
        if len(text) > limit:
            raise _problem(info, "too_long", N_("The value is too long"))
        return text

    @staticmethod
    def _optional(value: Any, info: ValidationInfo, limit: int) -> str | None:
        text = cell_text(value)
        if len(text) > limit:
            raise _problem(info, "too_long", N_("The value is too long"))
        return text or None


# --------------------------------------------------------------------------- a diploma row


class DiplomaRowIn(_Row):
    """One diploma row. Validation context: ``lang``, ``programmes`` ({code: Programme}),
    ``width`` (digits of a number), ``today``."""

    series: str | None = Field(default=None)
    number: str | None = Field(default=None)
    family_name: str | None = Field(default=None)
    given_name: str | None = Field(default=None)
    patronymic: str | None = Field(default=None)
    name_kk: str | None = Field(default=None)
    name_ru: str | None = Field(default=None)
    name_en: str | None = Field(default=None)
    classification: str | None = Field(default=None)
    grading_scheme: str | None = Field(default=None)
    name_latin: str | None = Field(default=None)
    iin: str | None = Field(default=None, repr=False)
    date_of_birth: date | None = Field(default=None, repr=False)
    programme_code: Programme | None = Field(default=None)
    award_date: date | None = Field(default=None)
    honours: bool = Field(default=False)
    gpa: str | None = Field(default=None)

    @field_validator("series", mode="before")
    @classmethod
    def _series(cls, value: Any, info: ValidationInfo) -> str:
        try:
            return normalise_series(value)
        except InputError as exc:
            raise _input_problem(info, "invalid_series", exc) from None

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any, info: ValidationInfo) -> str | None:
        if not cell_text(value):
            return None
        try:
            return normalise_number(value, (info.context or {}).get("width", 8))
        except InputError as exc:
            raise _input_problem(info, "invalid_number", exc) from None

    @field_validator("family_name", "given_name", mode="before")
    @classmethod
    def _name(cls, value: Any, info: ValidationInfo) -> str:
        return cls._required(value, info)

    @field_validator("patronymic", "classification", mode="before")
    @classmethod
    def _short_text(cls, value: Any, info: ValidationInfo) -> str | None:
        return cls._optional(value, info, 256)

    @field_validator("name_kk", "name_ru", "name_en", mode="before")
    @classmethod
    def _names(cls, value: Any, info: ValidationInfo) -> str | None:
        return cls._optional(value, info, 512)

    @field_validator("grading_scheme", mode="before")
    @classmethod
    def _scheme(cls, value: Any, info: ValidationInfo) -> str | None:
        return cls._optional(value, info, 1024)

    @field_validator("name_latin", mode="before")
    @classmethod
    def _latin(cls, value: Any, info: ValidationInfo) -> str:
        latin = cls._required(value, info, 512)
        bad = latin_problem(latin)
        if bad:
            raise _problem(
                info,
                "not_latin",
                N_("“{char}” at position {position} is not a Latin letter"),
                char=bad[0],
                position=bad[1],
            )
        return latin

    @field_validator("iin", mode="before")
    @classmethod
    def _iin(cls, value: Any, info: ValidationInfo) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(int(value)).zfill(12)  # a spreadsheet cell that lost its leading zeros
        try:
            return validate_iin(cell_text(value))
        except IinError as exc:
            raise _problem(info, "invalid_iin", exc.message) from None

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _birth(cls, value: Any, info: ValidationInfo) -> date | None:
        if not cell_text(value) and not isinstance(value, date):
            return None
        try:
            birth = cell_date(value)
        except ValueError:
            raise _problem(
                info, "bad_date", N_("Invalid date “{value}” (YYYY-MM-DD or DD.MM.YYYY)"), value="…"
            ) from None  # never echo a birth date
        iin = info.data.get("iin")
        if birth > (info.context or {}).get("today", date.today()):
            raise _problem(info, "future_date", N_("The date must not be in the future"))
        if iin and iin_birth_date(iin) not in (None, birth):
            raise _problem(info, "birth_mismatch", N_("The date of birth does not match the IIN"))
        return birth

    @field_validator("programme_code", mode="before")
    @classmethod
    def _programme(cls, value: Any, info: ValidationInfo) -> Programme:
        try:
            code = normalise_code(value)
        except InputError as exc:
            raise _input_problem(info, "invalid_code", exc) from None
        programme = (info.context or {}).get("programmes", {}).get(code)
        if programme is None:
            raise _problem(
                info,
                "unknown_programme",
                N_("Programme “{programme}” is not registered for this institution"),
                programme=code,
            )
        series = info.data.get("series")
        if series and programme.nqf_level not in SERIES[series].nqf_levels:
            raise _problem(
                info,
                "series_level",
                N_("Series {series} is not issued for an NQF level {level} programme"),
                column="series",
                series=series,
                level=programme.nqf_level,
            )
        return programme

    @field_validator("award_date", mode="before")
    @classmethod
    def _award(cls, value: Any, info: ValidationInfo) -> date:
        if not cell_text(value) and not isinstance(value, date):
            raise _problem(info, "required", N_("Required value is missing"))
        try:
            award = cell_date(value)
        except ValueError:
            raise _problem(
                info, "bad_date", N_("Invalid date “{value}” (YYYY-MM-DD or DD.MM.YYYY)"), value=cell_text(value)
            ) from None
        birth = info.data.get("date_of_birth")
        if award > (info.context or {}).get("today", date.today()):
            raise _problem(info, "future_date", N_("The date must not be in the future"))
        if birth and award < birth:
            raise _problem(info, "award_before_birth", N_("The award date is before the date of birth"))
        return award

    @field_validator("honours", mode="before")
    @classmethod
    def _honours(cls, value: Any, info: ValidationInfo) -> bool:
        text = cell_text(value).lower()
        if text in YES:
            return True
        if text not in NO:
            raise _problem(info, "bad_bool", N_("Expected yes or no: “{value}”"), value=text)
        return False

    @field_validator("gpa", mode="before")
    @classmethod
    def _gpa(cls, value: Any, info: ValidationInfo) -> str | None:
        text = cell_text(value).replace(",", ".")
        if not text:
            return None
        try:
            gpa = Decimal(text)
            if not Decimal(0) <= gpa <= Decimal(4):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            raise _problem(
                info, "bad_gpa", N_("GPA must be a number from 0.00 to 4.00: “{value}”"), value=text
            ) from None
        return f"{gpa:.2f}"

    def names(self) -> dict[str, str]:
        return {lang: value for lang, value in (("kk", self.name_kk), ("ru", self.name_ru), ("en", self.name_en))
                if value}


# --------------------------------------------------------------------------- a course row


class CourseRowIn(_Row):
    """One course of a supplement (its graduate by ``iin``, and ``programme_code`` when the
    graduate has more than one diploma in the file). Validation context: ``lang``."""

    iin: str | None = Field(default=None, repr=False)
    programme_code: str | None = Field(default=None)
    course_code: str | None = Field(default=None)
    course_title_kk: str | None = Field(default=None)
    course_title_ru: str | None = Field(default=None)
    course_title_en: str | None = Field(default=None)
    credits: Decimal | None = Field(default=None)
    grade: str | None = Field(default=None)
    grade_points: str | None = Field(default=None)
    term: str | None = Field(default=None)

    @field_validator("iin", "course_code", "grade", mode="before")
    @classmethod
    def _required_text(cls, value: Any, info: ValidationInfo) -> str:
        return cls._required(value, info, MAX_COURSE_TEXT)

    @field_validator("programme_code", "course_title_kk", "course_title_ru", "grade_points", "term", mode="before")
    @classmethod
    def _optional_text(cls, value: Any, info: ValidationInfo) -> str | None:
        return cls._optional(value, info, MAX_COURSE_TEXT)

    @field_validator("course_title_en", mode="before")
    @classmethod
    def _title(cls, value: Any, info: ValidationInfo) -> str | None:
        title = cls._optional(value, info, MAX_COURSE_TEXT)
        if not (title or info.data.get("course_title_kk") or info.data.get("course_title_ru")):
            raise _problem(info, "required", N_("Required value is missing"))
        return title

    @field_validator("credits", mode="before")
    @classmethod
    def _credits(cls, value: Any, info: ValidationInfo) -> Decimal:
        text = cls._required(value, info, MAX_COURSE_TEXT).replace(",", ".")
        try:
            credits = Decimal(text)
            if not credits.is_finite() or not Decimal(0) < credits <= MAX_COURSE_CREDITS:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            raise _problem(
                info, "bad_credits", N_("Credits must be a positive number: “{value}”"), value=text
            ) from None
        return credits

    def course(self) -> dict[str, Any]:
        """The course as the supplement builder takes it."""
        titles = {"kk": self.course_title_kk, "ru": self.course_title_ru, "en": self.course_title_en}
        credits = self.credits or Decimal(0)
        item: dict[str, Any] = {
            "code": self.course_code,
            "title": [{"@value": v, "@language": lg} for lg, v in titles.items() if v],
            "credits": float(credits) if credits != credits.to_integral() else int(credits),
            "grade": self.grade,
        }
        if self.grade_points:
            item["gradePoints"] = self.grade_points
        if self.term:
            item["term"] = self.term
        return item
