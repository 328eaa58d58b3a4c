"""Every row of a batch checked before anything is issued: each row through its model
(:mod:`issuer.rows`), then what needs the database and the whole file: missing columns, a row
repeated (same graduate, programme and award date), a number given twice or already issued,
and each course row matched to its graduate's diploma row."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlmodel import Session, select

from common import i18n
from common.i18n import N_
from issuer.cells import cell_text, control_characters, row_number
from issuer.models import Diploma, Institution, Programme
from issuer.numbering import display, number_exists
from issuer.pii import PiiVault
from issuer.rows import (
    ABSENT_COLUMNS_ALLOWED,
    REQUIRED_COLUMNS,
    CourseRowIn,
    DiplomaRow,
    DiplomaRowIn,
    RowError,
    row_errors,
)

ModelT = TypeVar("ModelT", bound=BaseModel)


def row_key(institution_id: int, iin_hash: str, programme_code: str, award: date) -> str:
    return hashlib.sha256(f"{institution_id}|{iin_hash}|{programme_code}|{award.isoformat()}".encode()).hexdigest()


def _missing_columns(rows: list[dict[str, Any]], lang: str) -> list[RowError]:
    present = set().union(*(r.keys() for r in rows))
    return [
        RowError(1, column, i18n.t("The file has no column “{column}”", lang, column=column), "missing_column")
        for column in REQUIRED_COLUMNS
        if column not in present and column not in ABSENT_COLUMNS_ALLOWED
    ]


def _validated(model: type[ModelT], raw: dict[str, Any], context: dict[str, Any], row: int, file: str,
               errors: list[RowError]) -> ModelT | None:
    """`raw` through `model`, or None with every problem of the row added to `errors` (control
    characters first, then each column's)."""
    problems = [
        RowError(
            row,
            column,
            i18n.t(
                "The value holds a control or invisible character (such as NUL, a tab or a zero-width space)",
                context["lang"],
            ),
            "control_char",
            file,
        )
        for column in control_characters(raw)
    ]
    try:
        validated = model.model_validate(raw, context=context)
    except ValidationError as exc:
        problems += row_errors(exc, row, file)
        validated = None
    errors.extend(problems)
    return None if problems else validated


def validate_rows(
    session: Session,
    institution: Institution,
    rows: list[dict[str, Any]],
    supplement_rows: list[dict[str, Any]] | None,
    *,
    vault: PiiVault,
    lang: str,
    width: int = 8,
    first_row: int = 2,
) -> tuple[list[DiplomaRow], list[RowError]]:
    """Check every row (and every supplement row); return the parsed rows and all problems.
    Rows may carry ``_row`` (their row number in the file); otherwise numbering starts at
    `first_row` (2: after a header line)."""
    if rows:
        missing = _missing_columns(rows, lang)
        if missing:
            return [], missing
    programmes = {p.code: p for p in session.exec(select(Programme).where(Programme.institution_id == institution.id))}
    context = {"lang": lang, "programmes": programmes, "width": width, "today": date.today()}
    errors: list[RowError] = []
    parsed: list[DiplomaRow] = []
    seen_keys: dict[str, int] = {}
    seen_numbers: dict[tuple[str, str], int] = {}
    for index, raw in enumerate(rows):
        rownum = row_number(raw, index + first_row)
        model = _validated(DiplomaRowIn, raw, context, rownum, "diplomas", errors)
        if model is None:
            continue
        row = _diploma_row(model, rownum, institution, vault)
        problems = _database_problems(session, row, seen_keys, seen_numbers, lang)
        errors.extend(problems)
        if not problems:
            parsed.append(row)
    errors.extend(attach_courses(parsed, supplement_rows or [], lang, failed_iins={cell_text(r.get("iin")) for r in rows}))
    return parsed, errors


def _diploma_row(model: DiplomaRowIn, rownum: int, institution: Institution, vault: PiiVault) -> DiplomaRow:
    assert model.series and model.family_name and model.given_name and model.name_latin and model.iin
    assert model.programme_code is not None and model.award_date is not None
    iin_hash = vault.iin_hash(model.iin)
    return DiplomaRow(
        row=rownum, series=model.series, number=model.number, family_name=model.family_name,
        given_name=model.given_name, patronymic=model.patronymic, name_latin=model.name_latin, iin=model.iin,
        date_of_birth=model.date_of_birth, programme=model.programme_code, award_date=model.award_date,
        honours=model.honours, gpa=model.gpa, names=model.names(), classification=model.classification,
        grading_scheme=model.grading_scheme, iin_hash=iin_hash,
        row_key=row_key(institution.id or 0, iin_hash, model.programme_code.code, model.award_date),
    )


def _database_problems(
    session: Session, row: DiplomaRow, seen_keys: dict[str, int], seen_numbers: dict[tuple[str, str], int], lang: str,
) -> list[RowError]:
    """A row repeated in the file, a number given twice, or already issued (to someone else)."""
    problems: list[RowError] = []

    def err(column: str, key: str, code: str, **params: Any) -> None:
        problems.append(RowError(row.row, column, i18n.t(key, lang, **params), code))

    if row.row_key in seen_keys:
        err(
            "iin",
            N_("Repeats row {other} (same graduate, programme and date)"),
            "duplicate_row",
            other=seen_keys[row.row_key],
        )
    seen_keys.setdefault(row.row_key, row.row)
    if row.number:
        existing = session.exec(select(Diploma).where(Diploma.row_key == row.row_key)).first()
        number = (row.series, row.number)
        if number in seen_numbers:
            err(
                "number",
                N_("This number is also given in row {other}"),
                "duplicate_number",
                other=seen_numbers[number],
            )
        seen_numbers.setdefault(number, row.row)
        if existing is not None:
            if (existing.series, existing.number) != number:
                err(
                    "number",
                    N_("This graduate was already issued {display}"),
                    "number_mismatch",
                    display=display(existing.series, existing.number),
                )
        elif number_exists(session, *number):
            err("number", N_("{display} has already been issued"), "number_taken", display=display(*number))
    return problems


def attach_courses(
    parsed: list[DiplomaRow], supplement_rows: list[dict[str, Any]], lang: str, *, failed_iins: set[str]
) -> list[RowError]:
    """Each course row validated and added to its graduate's diploma row (by IIN, and by
    programme when the graduate has two diplomas in the file)."""
    errors: list[RowError] = []
    by_iin: dict[str, list[DiplomaRow]] = {}
    for row in parsed:
        by_iin.setdefault(row.iin, []).append(row)
    for index, raw in enumerate(supplement_rows):
        course = _validated(CourseRowIn, raw, {"lang": lang}, row_number(raw, index + 2), "supplements", errors)
        if course is None:
            continue
        rownum = row_number(raw, index + 2)
        iin = (course.iin or "").replace(" ", "")
        targets = by_iin.get(iin, [])
        code = (course.programme_code or "").upper()
        if code:
            targets = [t for t in targets if t.programme.code == code]
        if len(targets) != 1:
            if not targets and iin in failed_iins:
                continue  # its diploma row has its own errors
            if not targets:
                column, message, code = "iin", N_("This IIN is not in the main file"), "unknown_graduate"
            else:
                column, code = "programme_code", "ambiguous_graduate"
                message = N_("The IIN occurs more than once in the main file: give programme_code")
            errors.append(RowError(rownum, column, i18n.t(message, lang), code, "supplements"))
            continue
        targets[0].courses.append(course.course())
    return errors
