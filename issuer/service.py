"""Issuance: from rows (a cohort file, a JSON request) to signed diplomas and supplements.

:func:`issue_batch` validates every row first and reports each problem (row, column, message
in the chosen language); if any row fails nothing is issued. Otherwise every row is issued in
one database transaction: graduate, number (allocated or supplied), two status entries per
credential, the diploma and its supplement signed ``eddsa-rdfc-2022`` by the institution's
active key, and one audit row each. Re-running the same rows issues nothing twice: a row is
identified by (institution, keyed IIN hash, programme, award date).

Only an active responsible person's token with scope ``issue`` for their own institution
may issue (:class:`issuer.auth.Actor`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

import base58
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from common import i18n
from common.problems import NotFound, Problem
from issuer import audit
from issuer.auth import Actor
from issuer.credentials import build_diploma, build_supplement, schema_errors
from issuer.models import (
    Accreditation,
    Diploma,
    Graduate,
    Institution,
    Programme,
    ResponsiblePerson,
    Supplement,
)
from issuer.numbering import (
    SERIES,
    InputError,
    allocate_number,
    display,
    normalise_code,
    normalise_number,
    normalise_series,
    number_exists,
)
from issuer.pii import IinError, PiiVault, iin_birth_date, validate_iin
from keys._time import utcnow

i18n.register(
    {
        "problem.batch-invalid": {
            "kk": "Файлда қателер бар; ештеңе берілген жоқ",
            "ru": "В файле есть ошибки; ничего не выдано",
            "en": "The file has errors; nothing was issued",
        },
        "problem.person-required": {
            "kk": "Құжатты тек жауапты тұлға бере алады",
            "ru": "Выдавать документы может только ответственное лицо",
            "en": "Only a responsible person may issue documents",
        },
        "problem.issuance-failed": {
            "kk": "Құжатты беру мүмкін болмады",
            "ru": "Не удалось выдать документ",
            "en": "Issuance failed",
        },
        "batch.errors_summary": {
            "kk": "{count} қате табылды",
            "ru": "Найдено ошибок: {count}",
            "en": "{count} error(s) found",
        },
        "row.required": {"kk": "Міндетті баған бос", "ru": "Обязательное поле не заполнено", "en": "Required value is missing"},
        "row.missing_column": {
            "kk": "Файлда «{column}» бағаны жоқ",
            "ru": "В файле нет столбца «{column}»",
            "en": "The file has no column “{column}”",
        },
        "row.bad_date": {
            "kk": "Күн қате: «{value}» (ЖЖЖЖ-АА-КК немесе КК.АА.ЖЖЖЖ)",
            "ru": "Неверная дата: «{value}» (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)",
            "en": "Invalid date “{value}” (YYYY-MM-DD or DD.MM.YYYY)",
        },
        "row.future_date": {
            "kk": "Күн болашақта болмауы керек",
            "ru": "Дата не может быть в будущем",
            "en": "The date must not be in the future",
        },
        "row.unknown_programme": {
            "kk": "«{programme}» бағдарламасы бұл ұйымда тіркелмеген",
            "ru": "Программа «{programme}» не зарегистрирована в этой организации",
            "en": "Programme “{programme}” is not registered for this institution",
        },
        "row.series_level": {
            "kk": "{series} сериясы ҰБШ {level}-деңгейлі бағдарламаға берілмейді",
            "ru": "Серия {series} не выдаётся по программе {level} уровня НРК",
            "en": "Series {series} is not issued for an NQF level {level} programme",
        },
        "row.duplicate": {
            "kk": "{other}-жолды қайталайды (сол түлек, бағдарлама және күн)",
            "ru": "Повторяет строку {other} (тот же выпускник, программа и дата)",
            "en": "Repeats row {other} (same graduate, programme and date)",
        },
        "row.duplicate_number": {
            "kk": "Бұл нөмір {other}-жолда да бар",
            "ru": "Этот номер уже указан в строке {other}",
            "en": "This number is also given in row {other}",
        },
        "row.number_mismatch": {
            "kk": "Бұл түлекке бұрын {display} берілген",
            "ru": "Этому выпускнику уже выдан {display}",
            "en": "This graduate was already issued {display}",
        },
        "row.bad_gpa": {
            "kk": "GPA 0.00 мен 4.00 аралығында сан болуы керек: «{value}»",
            "ru": "GPA должен быть числом от 0.00 до 4.00: «{value}»",
            "en": "GPA must be a number from 0.00 to 4.00: “{value}”",
        },
        "row.bad_bool": {
            "kk": "Иә немесе жоқ күтілді: «{value}»",
            "ru": "Ожидалось да или нет: «{value}»",
            "en": "Expected yes or no: “{value}”",
        },
        "row.not_latin": {
            "kk": "{position}-позициядағы «{char}» латын әрпі емес",
            "ru": "Знак «{char}» в позиции {position} — не латинская буква",
            "en": "“{char}” at position {position} is not a Latin letter",
        },
        "row.too_long": {"kk": "Мән тым ұзын", "ru": "Слишком длинное значение", "en": "The value is too long"},
        "row.bad_credits": {
            "kk": "Кредит саны оң сан болуы керек: «{value}»",
            "ru": "Число кредитов должно быть положительным: «{value}»",
            "en": "Credits must be a positive number: “{value}”",
        },
        "row.unknown_graduate": {
            "kk": "Бұл ЖСН негізгі файлда жоқ",
            "ru": "Этого ИИН нет в основном файле",
            "en": "This IIN is not in the main file",
        },
        "row.ambiguous_graduate": {
            "kk": "ЖСН негізгі файлда бірнеше рет кездеседі: programme_code көрсетіңіз",
            "ru": "ИИН встречается в основном файле несколько раз: укажите programme_code",
            "en": "The IIN occurs more than once in the main file: give programme_code",
        },
        "row.control_char": {
            "kk": "Мәнде басқару немесе көрінбейтін таңба бар (мысалы, NUL, табуляция, нөлдік ені бар бос орын)",
            "ru": "Значение содержит управляющий или невидимый символ (например, NUL, табуляцию, пробел нулевой ширины)",
            "en": "The value holds a control or invisible character (such as NUL, a tab or a zero-width space)",
        },
        "batch.concurrent": {
            "kk": "Сол жолдарды басқа сұрау қатар беріп жатыр; кейінірек қайталаңыз",
            "ru": "Те же строки одновременно выдаёт другой запрос; повторите позже",
            "en": "Another request is issuing the same rows; try again later",
        },
        "row.no_rows": {
            "kk": "Файлда диплом жолдары жоқ (үлгі: dalel issue template)",
            "ru": "В файле нет строк дипломов (шаблон: dalel issue template)",
            "en": "The file has no diploma rows (template: dalel issue template)",
        },
        "row.courses_list": {
            "kk": "courses — курстар тізімі (JSON массиві) болуы керек",
            "ru": "courses должен быть списком курсов (массив JSON)",
            "en": "courses must be a list of courses (a JSON array)",
        },
        "row.award_before_birth": {
            "kk": "Беру күні туған күннен бұрын",
            "ru": "Дата выдачи раньше даты рождения",
            "en": "The award date is before the date of birth",
        },
    }
)

REQUIRED_COLUMNS: tuple[str, ...] = (
    "series",
    "number",
    "family_name",
    "given_name",
    "patronymic",
    "name_latin",
    "iin",
    "date_of_birth",
    "programme_code",
    "award_date",
    "honours",
    "gpa",
)
OPTIONAL_COLUMNS: tuple[str, ...] = ("name_kk", "name_ru", "name_en", "classification", "grading_scheme")
SUPPLEMENT_COLUMNS: tuple[str, ...] = (
    "iin",
    "programme_code",
    "course_code",
    "course_title_kk",
    "course_title_ru",
    "course_title_en",
    "credits",
    "grade",
    "grade_points",
    "term",
)
SUPPLEMENT_REQUIRED: tuple[str, ...] = ("iin", "course_code", "credits", "grade")

MAX_COURSE_TEXT = 512  # a course code, title, grade or term
MAX_COURSE_CREDITS = 1000  # ECTS of one course; also keeps "1e999999" from becoming a huge integer

_TRUE = {"1", "true", "yes", "y", "да", "иә", "ия", "+", "honours", "with honours", "с отличием", "үздік"}
_FALSE = {"", "0", "false", "no", "n", "нет", "жоқ", "-"}


class IssuerSettings(Protocol):
    """What issuance needs from the deployment settings (dalel.settings.Settings fits)."""

    public_url: str
    data_dir: Path
    number_width: int


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


@dataclass
class IssuedDiploma:
    row: int
    series: str
    number: str
    display: str
    uuid: str
    credential_id: str
    supplement_id: str | None
    verify_token: str
    verify_url: str
    created: bool
    diploma: dict[str, Any] = field(repr=False, default_factory=dict)
    supplement: dict[str, Any] | None = field(repr=False, default=None)

    def manifest_entry(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "series": self.series,
            "number": self.number,
            "display": self.display,
            "credential_id": self.credential_id,
            "supplement_id": self.supplement_id,
            "verify_url": self.verify_url,
            "created": self.created,
        }


@dataclass
class BatchResult:
    institution: str
    dry_run: bool
    diplomas: list[IssuedDiploma]
    to_issue: int = 0
    already_issued: int = 0

    def manifest(self) -> dict[str, Any]:
        return {
            "institution": self.institution,
            "dry_run": self.dry_run,
            "to_issue": self.to_issue,
            "already_issued": self.already_issued,
            "diplomas": [d.manifest_entry() for d in self.diplomas],
        }


# --------------------------------------------------------------------------- parsing helpers


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = _text(value)
    for pattern, order in ((r"^(\d{4})-(\d{2})-(\d{2})$", "ymd"), (r"^(\d{2})\.(\d{2})\.(\d{4})$", "dmy")):
        m = re.match(pattern, raw)
        if m:
            a, b, c = (int(x) for x in m.groups())
            try:
                return date(a, b, c) if order == "ymd" else date(c, b, a)
            except ValueError:
                break
    raise ValueError(raw)


def _latin_problem(value: str) -> tuple[str, int] | None:
    for pos, char in enumerate(value, start=1):
        if char in " -'’.":
            continue
        if not unicodedata.name(char, "").startswith("LATIN"):
            return char, pos
    return None


def _row_key(institution_id: int, iin_hash: str, programme_code: str, award: date) -> str:
    return hashlib.sha256(f"{institution_id}|{iin_hash}|{programme_code}|{award.isoformat()}".encode()).hexdigest()


def new_verify_token() -> str:
    """A permanent verify token: 160 random bits, base58."""
    return base58.b58encode(secrets.token_bytes(20)).decode("ascii")


def verify_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/v/{token}"


def _control_characters(raw: dict[str, Any]) -> list[str]:
    """Columns whose text holds control characters (NUL, escape sequences...) or invisible
    format characters (bidi overrides, zero-width spaces): never part of a name or title; an
    override reorders what a verifier reads, a zero-width space makes a name look empty or
    like another, and PostgreSQL cannot store NUL at all."""
    return [str(column) for column, value in raw.items() if isinstance(value, str) and has_invisible(value)]


def has_invisible(text: str) -> bool:
    """True if `text` holds a control (Cc) or format (Cf) character."""
    return not text.isprintable() and any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


def _row_number(raw: dict[str, Any], default: int) -> int:
    """The row's ``_row`` (set by the file readers) if it is a positive integer, else `default`."""
    value = raw.get("_row")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else default


def get_institution(session: Session, slug: str) -> Institution:
    inst = session.exec(select(Institution).where(Institution.slug == slug)).first()
    if inst is None:
        raise NotFound(slug, code="institution-not-found")
    return inst


# --------------------------------------------------------------------------- validation


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
    errors: list[RowError] = []
    parsed: list[DiplomaRow] = []
    programmes = {p.code: p for p in session.exec(select(Programme).where(Programme.institution_id == institution.id))}
    today = date.today()

    if rows:
        present = set().union(*(r.keys() for r in rows))
        for column in REQUIRED_COLUMNS:
            if column not in present and column not in ("patronymic", "number", "honours", "gpa", "date_of_birth"):
                errors.append(RowError(1, column, i18n.t("row.missing_column", lang, column=column), "missing_column"))
        if errors:
            return [], errors

    seen_keys: dict[str, int] = {}
    seen_numbers: dict[tuple[str, str], int] = {}
    for index, raw in enumerate(rows):
        rownum = _row_number(raw, index + first_row)
        row_errors: list[RowError] = []

        def err(column: str, key: str, code: str | None = None, _re=row_errors, _n=rownum, **params: Any) -> None:
            _re.append(RowError(_n, column, i18n.t(key, lang, **params), code or key.split(".")[-1]))

        def required(column: str, limit: int = 256, _raw=raw) -> str | None:
            value = _text(_raw.get(column))
            if not value:
                err(column, "row.required", "required")
                return None
            if len(value) > limit:
                err(column, "row.too_long", "too_long")
                return None
            return value

        def optional(column: str, limit: int, _raw=raw) -> str | None:
            value = _text(_raw.get(column))
            if len(value) > limit:
                err(column, "row.too_long", "too_long")
                return None
            return value or None

        for column in _control_characters(raw):
            err(column, "row.control_char", "control_char")

        series = None
        try:
            series = normalise_series(raw.get("series"))
        except InputError as exc:
            row_errors.append(RowError(rownum, "series", exc.message(lang), "invalid_series"))
        number = None
        if _text(raw.get("number")):
            try:
                number = normalise_number(raw.get("number"), width)
            except InputError as exc:
                row_errors.append(RowError(rownum, "number", exc.message(lang), "invalid_number"))
        family = required("family_name")
        given = required("given_name")
        patronymic = optional("patronymic", 256)
        names = {lang_: optional(f"name_{lang_}", 512) for lang_ in ("kk", "ru", "en")}
        classification = optional("classification", 256)
        grading_scheme = optional("grading_scheme", 1024)
        latin = required("name_latin", 512)
        if latin:
            bad = _latin_problem(latin)
            if bad:
                err("name_latin", "row.not_latin", "not_latin", char=bad[0], position=bad[1])
        iin = None
        iin_raw = raw.get("iin")
        if isinstance(iin_raw, int | float) and not isinstance(iin_raw, bool):
            iin_raw = str(int(iin_raw)).zfill(12)  # a spreadsheet cell that lost its leading zeros
        try:
            iin = validate_iin(_text(iin_raw))
        except IinError as exc:
            err("iin", exc.key, "invalid_iin")
        dob = None
        if _text(raw.get("date_of_birth")) or isinstance(raw.get("date_of_birth"), date):
            try:
                dob = parse_date(raw.get("date_of_birth"))
                if dob > today:
                    err("date_of_birth", "row.future_date", "future_date")
                elif iin and iin_birth_date(iin) not in (None, dob):
                    err("date_of_birth", "pii.iin.birth_mismatch", "birth_mismatch")
            except ValueError:
                err("date_of_birth", "row.bad_date", "bad_date", value="…")  # never echo a birth date
        programme = None
        code_raw = raw.get("programme_code")
        try:
            code = normalise_code(code_raw)
            programme = programmes.get(code)
            if programme is None:
                err("programme_code", "row.unknown_programme", "unknown_programme", programme=code)
        except InputError as exc:
            row_errors.append(RowError(rownum, "programme_code", exc.message(lang), "invalid_code"))
        award = None
        if not _text(raw.get("award_date")) and not isinstance(raw.get("award_date"), date):
            err("award_date", "row.required", "required")
        else:
            try:
                award = parse_date(raw.get("award_date"))
                if award > today:
                    err("award_date", "row.future_date", "future_date")
                elif dob and award < dob:
                    err("award_date", "row.award_before_birth", "award_before_birth")
            except ValueError:
                err("award_date", "row.bad_date", "bad_date", value=_text(raw.get("award_date")))
        honours_raw = _text(raw.get("honours")).lower()
        honours = False
        if honours_raw in _TRUE:
            honours = True
        elif honours_raw not in _FALSE:
            err("honours", "row.bad_bool", "bad_bool", value=honours_raw)
        gpa = None
        gpa_raw = _text(raw.get("gpa")).replace(",", ".")
        if gpa_raw:
            try:
                value = Decimal(gpa_raw)
                if not (Decimal(0) <= value <= Decimal(4)):
                    raise InvalidOperation
                gpa = f"{value:.2f}"
            except (InvalidOperation, ValueError):
                err("gpa", "row.bad_gpa", "bad_gpa", value=gpa_raw)
        if series and programme and programme.nqf_level not in SERIES[series].nqf_levels:
            err("series", "row.series_level", "series_level", series=series, level=programme.nqf_level)

        if row_errors:
            errors.extend(row_errors)
            continue
        assert series and family and given and latin and iin and programme and award
        iin_hash = vault.iin_hash(iin)
        key = _row_key(institution.id or 0, iin_hash, programme.code, award)
        if key in seen_keys:
            err("iin", "row.duplicate", "duplicate_row", other=seen_keys[key])
        seen_keys.setdefault(key, rownum)
        existing = session.exec(select(Diploma).where(Diploma.row_key == key)).first()
        if number:
            if (series, number) in seen_numbers:
                err("number", "row.duplicate_number", "duplicate_number", other=seen_numbers[(series, number)])
            seen_numbers.setdefault((series, number), rownum)
            if existing is not None:
                if (existing.series, existing.number) != (series, number):
                    err("number", "row.number_mismatch", "number_mismatch",
                        display=display(existing.series, existing.number))
            elif number_exists(session, series, number):
                err("number", "numbering.taken", "number_taken", display=display(series, number))
        if row_errors:
            errors.extend(row_errors)
            continue
        parsed.append(
            DiplomaRow(
                row=rownum, series=series, number=number, family_name=family, given_name=given,
                patronymic=patronymic, name_latin=latin, iin=iin, date_of_birth=dob, programme=programme,
                award_date=award, honours=honours, gpa=gpa,
                names={lang_: value for lang_, value in names.items() if value},
                classification=classification, grading_scheme=grading_scheme,
                iin_hash=iin_hash, row_key=key,
            )
        )

    errors.extend(_attach_courses(parsed, supplement_rows or [], lang, failed_iins=_failed_iins(rows, errors)))
    return parsed, errors


def _failed_iins(rows: list[dict[str, Any]], errors: list[RowError]) -> set[str]:
    return {_text(r.get("iin")) for r in rows}


def _attach_courses(
    parsed: list[DiplomaRow], supplement_rows: list[dict[str, Any]], lang: str, *, failed_iins: set[str]
) -> list[RowError]:
    errors: list[RowError] = []
    by_iin: dict[str, list[DiplomaRow]] = {}
    for row in parsed:
        by_iin.setdefault(row.iin, []).append(row)
    for index, raw in enumerate(supplement_rows):
        rownum = _row_number(raw, index + 2)

        def err(column: str, key: str, code: str, _n=rownum, **params: Any) -> None:
            errors.append(RowError(_n, column, i18n.t(key, lang, **params), code, "supplements"))

        before = len(errors)
        for column in _control_characters(raw):
            err(column, "row.control_char", "control_char")
        for column in SUPPLEMENT_COLUMNS:
            if len(_text(raw.get(column))) > MAX_COURSE_TEXT:
                err(column, "row.too_long", "too_long")
        for column in SUPPLEMENT_REQUIRED:
            if not _text(raw.get(column)):
                err(column, "row.required", "required")
        titles = {lg: _text(raw.get(f"course_title_{lg}")) for lg in ("kk", "ru", "en")}
        if not any(titles.values()):
            err("course_title_en", "row.required", "required")
        credits = None
        credits_raw = _text(raw.get("credits")).replace(",", ".")
        if credits_raw:
            try:
                credits = Decimal(credits_raw)
                if not credits.is_finite() or not Decimal(0) < credits <= MAX_COURSE_CREDITS:
                    raise InvalidOperation
            except (InvalidOperation, ValueError):
                err("credits", "row.bad_credits", "bad_credits", value=credits_raw)
        iin = _text(raw.get("iin")).replace(" ", "")
        if len(errors) > before or not iin:
            continue
        targets = by_iin.get(iin, [])
        code = _text(raw.get("programme_code")).upper()
        if code:
            targets = [t for t in targets if t.programme.code == code]
        if not targets:
            if iin not in failed_iins:
                err("iin", "row.unknown_graduate", "unknown_graduate")
            continue
        if len(targets) > 1:
            err("programme_code", "row.ambiguous_graduate", "ambiguous_graduate")
            continue
        course: dict[str, Any] = {
            "code": _text(raw.get("course_code")),
            "title": [{"@value": v, "@language": lg} for lg, v in titles.items() if v],
            "credits": float(credits) if credits is not None and credits != credits.to_integral() else int(credits or 0),
            "grade": _text(raw.get("grade")),
        }
        if _text(raw.get("grade_points")):
            course["gradePoints"] = _text(raw.get("grade_points"))
        if _text(raw.get("term")):
            course["term"] = _text(raw.get("term"))
        targets[0].courses.append(course)
    return errors


# --------------------------------------------------------------------------- issuing


def _allocate_status(session: Session, institution_slug: str, public_url: str) -> list[dict[str, Any]]:
    """Status entries from the status module (issue 6); none until it is installed."""
    try:
        from issuer.status import allocate_status_entries  # type: ignore[import-not-found]
    except ImportError:
        return []
    return allocate_status_entries(session, institution_slug, public_url)


def _sign(document: dict[str, Any], signer: Any) -> dict[str, Any]:
    from keys.dataintegrity import add_proof
    from keys.vcdm import credential_problems

    problems = credential_problems(document)
    if problems:
        raise Problem(500, "issuance-failed", f"{problems[0].field}: {problems[0].message('en')}")

    return add_proof(document, signer, cryptosuite="eddsa-rdfc-2022")


def _check_schema(name: str, document: dict[str, Any]) -> None:
    problems = schema_errors(name, document)
    if problems:
        raise Problem(500, "issuance-failed", f"{name} credential fails its JSON Schema: {problems[0]}")


def _graduate(session: Session, institution: Institution, row: DiplomaRow, vault: PiiVault) -> Graduate:
    grad = session.exec(
        select(Graduate).where(Graduate.institution_id == institution.id, Graduate.iin_hash == row.iin_hash)
    ).first()
    full = " ".join(p for p in (row.family_name, row.given_name, row.patronymic) if p)
    if grad is None:
        grad = Graduate(institution_id=institution.id, family_name=row.family_name, given_name=row.given_name,
                        patronymic=row.patronymic, name_latin=row.name_latin, iin_hash=row.iin_hash,
                        created_at=utcnow())
    grad.family_name, grad.given_name, grad.patronymic = row.family_name, row.given_name, row.patronymic
    grad.name_latin = row.name_latin
    grad.name_kk = row.names.get("kk") or full
    grad.name_ru = row.names.get("ru") or full
    grad.name_en = row.names.get("en") or row.name_latin
    grad.iin_encrypted = vault.encrypt(row.iin)
    if row.date_of_birth:
        grad.birth_date_encrypted = vault.encrypt(row.date_of_birth.isoformat())
    session.add(grad)
    session.flush()
    return grad


def _existing_result(session: Session, row: DiplomaRow, diploma: Diploma, public_url: str) -> IssuedDiploma:
    supplement = session.exec(select(Supplement).where(Supplement.diploma_id == diploma.id)).first()
    return IssuedDiploma(
        row=row.row, series=diploma.series, number=diploma.number, display=display(diploma.series, diploma.number),
        uuid=diploma.uuid, credential_id=diploma.credential_id,
        supplement_id=supplement.credential.get("id") if supplement else None,
        verify_token=diploma.verify_token, verify_url=verify_url(public_url, diploma.verify_token), created=False,
        diploma=diploma.credential, supplement=supplement.credential if supplement else None,
    )


def _accreditation_status(session: Session, institution: Institution) -> list[dict[str, Any]]:
    rows = session.exec(select(Accreditation).where(Accreditation.institution_id == institution.id))
    return [
        {"agency": a.agency, "scope": a.scope, "programme": a.programme_code, "validFrom": a.valid_from.isoformat(),
         "validUntil": a.valid_until.isoformat() if a.valid_until else None}
        for a in rows
    ]


def _issue_one(
    session: Session, signer: Any, settings: IssuerSettings, institution: Institution, person: ResponsiblePerson,
    row: DiplomaRow, vault: PiiVault, taken: set[tuple[str, str]], accreditations: list[dict[str, Any]],
    request_id: str | None,
) -> IssuedDiploma:
    public_url = settings.public_url
    graduate = _graduate(session, institution, row, vault)
    number = row.number
    if number is None:
        number = allocate_number(session, row.series, settings.number_width,
                                 taken={n for s, n in taken if s == row.series})
    taken.add((row.series, number))
    diploma_uuid, supplement_uuid = str(uuidlib.uuid4()), str(uuidlib.uuid4())
    token = new_verify_token()
    unsigned = build_diploma(
        public_url=public_url, uuid=diploma_uuid, institution=institution, programme=row.programme,
        graduate=graduate, iin=row.iin, vault=vault, series=row.series, number=number,
        award_date=row.award_date, honours=row.honours, status_entries=_allocate_status(session, institution.slug, public_url),
    )
    signed = _sign(unsigned, signer)
    _check_schema("diploma", signed)
    diploma = Diploma(
        uuid=diploma_uuid, institution_id=institution.id, series=row.series, number=number,
        graduate_id=graduate.id, programme_id=row.programme.id, award_date=row.award_date, honours=row.honours,
        credential=signed, verify_token=token, row_key=row.row_key, created_by=person.id, created_at=utcnow(),
    )
    session.add(diploma)
    session.flush()
    supplement_doc = build_supplement(
        public_url=public_url, uuid=supplement_uuid, diploma=signed, institution=institution,
        programme=row.programme, graduate=graduate, iin=row.iin, vault=vault, series=row.series, number=number,
        award_date=row.award_date, honours=row.honours, courses=row.courses, gpa=row.gpa,
        grading_scheme=row.grading_scheme, classification=row.classification,
        certified_by={"name": person.name, "capacity": person.position, "order": person.order_number},
        accreditations=accreditations,
        status_entries=_allocate_status(session, institution.slug, public_url),
    )
    supplement_signed = _sign(supplement_doc, signer)
    _check_schema("supplement", supplement_signed)
    session.add(Supplement(
        uuid=supplement_uuid, diploma_id=diploma.id, credential=supplement_signed, courses=row.courses,
        gpa=row.gpa, grading_scheme=row.grading_scheme, classification=row.classification, created_at=utcnow(),
    ))
    audit.append(
        session, action="issue", subject=display(row.series, number), actor_person_id=person.id,
        order_number=person.order_number, request_id=request_id,
        details={"institution": institution.slug, "credential": signed["id"], "supplement": supplement_signed["id"],
                 "programme": row.programme.code, "award_date": row.award_date.isoformat()},
    )
    return IssuedDiploma(
        row=row.row, series=row.series, number=number, display=display(row.series, number), uuid=diploma_uuid,
        credential_id=signed["id"], supplement_id=supplement_signed["id"], verify_token=token,
        verify_url=verify_url(public_url, token), created=True, diploma=signed, supplement=supplement_signed,
    )


def _authorise(session: Session, actor: Actor, institution: Institution) -> ResponsiblePerson:
    actor.require("issue", institution.slug)
    if actor.person_id is None:
        raise Problem(403, "person-required")
    person = session.get(ResponsiblePerson, actor.person_id)
    if person is None or person.institution_id != institution.id:
        raise Problem(403, "wrong-institution", institution.slug)
    return person


def issue_batch(
    session: Session,
    keystore: Any,
    settings: IssuerSettings,
    *,
    institution: str,
    rows: list[dict[str, Any]],
    supplement_rows: list[dict[str, Any]] | None = None,
    actor: Actor,
    lang: str = "kk",
    dry_run: bool = False,
    request_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Validate all rows, then issue all of them in one transaction (or nothing).

    Raises Problem 422 ``batch-invalid`` with ``errors`` = [{row, column, message, code,
    file}] if any row fails. With `dry_run` nothing is written and no number is taken.
    """
    inst = get_institution(session, institution)
    person = _authorise(session, actor, inst)
    if not rows:
        raise Problem(422, "batch-invalid", i18n.t("batch.errors_summary", lang, count=1), errors=[
            RowError(1, "", i18n.t("row.no_rows", lang), "no_rows").to_dict()])
    vault = PiiVault.from_data_dir(settings.data_dir)
    for attempt in range(2):
        parsed, errors = validate_rows(session, inst, rows, supplement_rows, vault=vault, lang=lang,
                                       width=settings.number_width)
        if errors:
            session.rollback()
            raise Problem(422, "batch-invalid", i18n.t("batch.errors_summary", lang, count=len(errors)),
                          errors=[e.to_dict() for e in errors])
        existing = {r.row_key: session.exec(select(Diploma).where(Diploma.row_key == r.row_key)).first() for r in parsed}
        result = BatchResult(institution=inst.slug, dry_run=dry_run, diplomas=[],
                             already_issued=sum(1 for d in existing.values() if d is not None))
        result.to_issue = len(parsed) - result.already_issued
        if dry_run:
            for r in parsed:
                d = existing[r.row_key]
                if d is not None:
                    result.diplomas.append(_existing_result(session, r, d, settings.public_url))
            session.rollback()
            return result
        try:
            signer = None
            if result.to_issue:
                audit.lock(session)
                from keys.service import active_signer

                signer = active_signer(session, keystore, inst.slug, settings.public_url)
            taken: set[tuple[str, str]] = set()
            accreditations = _accreditation_status(session, inst)
            for done, r in enumerate(parsed, start=1):
                d = existing[r.row_key]
                if d is not None:
                    result.diplomas.append(_existing_result(session, r, d, settings.public_url))
                else:
                    result.diplomas.append(
                        _issue_one(session, signer, settings, inst, person, r, vault, taken, accreditations, request_id)
                    )
                if progress:
                    progress(done, len(parsed))
            session.commit()
            return result
        except IntegrityError:
            # a concurrent run issued some of these rows (or took a supplied number): look again
            session.rollback()
            if attempt == 1:
                raise Problem(409, "conflict", i18n.t("batch.concurrent", lang)) from None
        except BaseException:
            session.rollback()
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def issue_diploma(
    session: Session,
    keystore: Any,
    settings: IssuerSettings,
    *,
    institution: str,
    data: dict[str, Any],
    actor: Actor,
    lang: str = "kk",
    request_id: str | None = None,
) -> IssuedDiploma:
    """Issue one diploma (and its supplement) from a JSON object with the batch columns and
    an optional ``courses`` list of supplement rows (without ``iin``)."""
    row = {k: v for k, v in data.items() if k != "courses"}
    row["_row"] = 1
    if data.get("courses") is not None and not isinstance(data.get("courses"), list):
        raise Problem(422, "batch-invalid", i18n.t("batch.errors_summary", lang, count=1), errors=[
            RowError(1, "courses", i18n.t("row.courses_list", lang), "invalid_courses", "supplements").to_dict()])
    courses = [
        {**c, "iin": data.get("iin"), "programme_code": data.get("programme_code"), "_row": i}
        for i, c in enumerate(data.get("courses") or [], start=1)
        if isinstance(c, dict)
    ]
    result = issue_batch(session, keystore, settings, institution=institution, rows=[row], supplement_rows=courses,
                         actor=actor, lang=lang, request_id=request_id)
    return result.diplomas[0]
