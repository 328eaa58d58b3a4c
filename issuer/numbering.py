"""Series and numbers of diplomas.

* The nine series of the Ministry (order No. 47 as amended by No. 128): :data:`SERIES`.
* Typed input is normalised (Unicode NFKC, trimmed, series case-folded to the canonical
  spelling) and every non-ASCII character is rejected; a Cyrillic or Greek look-alike of a
  Latin letter or digit is named with its position, so a forged "ВD 00012345" (Cyrillic В)
  can never match or be issued as "BD 00012345".
* Dalel is the numbering authority by default: one counter per series across the
  deployment, advanced with an atomic ``UPDATE … RETURNING`` inside the issuing transaction.
  On PostgreSQL the updated row stays locked until the transaction ends, so two concurrent
  batches queue on it and never receive the same value; on SQLite the write transaction
  serialises them. A unique constraint on (series, number) is the last line of defence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel import Session, select

from common import i18n
from common.i18n import N_
from common.problems import BadInput
from issuer.models import Diploma


@dataclass(frozen=True)
class SeriesInfo:
    code: str
    achievement_type: str  # Open Badges 3.0 achievementType
    nqf_levels: frozenset[int]  # programme levels this document is issued for
    name: str  # the document's name (English source text of the catalogues)

    @property
    def names(self) -> dict[str, str]:
        """The document's name in kk, ru and en."""
        return i18n.all_languages(self.name)


SERIES: dict[str, SeriesInfo] = {
    s.code: s
    for s in (
        SeriesInfo(
            "BD", "BachelorDegree", frozenset({6}), N_("Higher education diploma with a bachelor's degree")
        ),
        SeriesInfo("BQ", "Diploma", frozenset({5, 6}), N_("Higher education diploma with a qualification")),
        SeriesInfo("MD", "MasterDegree", frozenset({7}), N_("Postgraduate diploma with a master's degree")),
        SeriesInfo(
            "MBA",
            "MasterDegree",
            frozenset({7}),
            N_("Postgraduate diploma, Master of Business Administration"),
        ),
        SeriesInfo(
            "DBA",
            "DoctoralDegree",
            frozenset({8}),
            N_("Postgraduate diploma, Doctor of Business Administration"),
        ),
        SeriesInfo("CMD", "Certificate", frozenset({7}), N_("Certificate to the master's diploma")),
        SeriesInfo("CPR", "Certificate", frozenset({6, 7}), N_("Certificate of pedagogical retraining")),
        SeriesInfo("PhD", "DoctoralDegree", frozenset({8}), N_("Postgraduate diploma, Doctor of Philosophy")),
        SeriesInfo("PD", "DoctoralDegree", frozenset({8}), N_("Postgraduate diploma, doctor by profile")),
    )
}
_SERIES_BY_UPPER = {code.upper(): code for code in SERIES}

MAX_NUMBER_DIGITS = 12
_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]{0,63}$")

# Cyrillic and Greek characters that look like a Latin letter or a digit.
CONFUSABLES: dict[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "З": "3", "Ԛ": "Q",
    "Ԝ": "W", "Ӏ": "I",
    # Cyrillic small
    "а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "к": "k", "м": "m", "н": "h", "т": "t",
    "в": "b", "з": "3", "ь": "b",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small
    "ο": "o", "ν": "v", "ρ": "p", "κ": "k", "ι": "i", "α": "a", "τ": "t", "χ": "x", "υ": "u",
}


# the scripts whose look-alikes of Latin letters are named (in the genitive in Russian: "знак письма кириллицы")
_SCRIPTS = {"Cyrillic": N_("Cyrillic"), "Greek": N_("Greek")}


class InputError(ValueError):
    """A typed value is unacceptable: `text` (the English source text of the message) with
    `params`; :meth:`message` says it in a language."""

    def __init__(self, text: str, **params: object) -> None:
        self.text = text
        self.params = params
        super().__init__(i18n.t(text, "en", **params))

    def message(self, lang: str | None) -> str:
        params = dict(self.params)
        script = params.get("script")
        if script:
            params["script"] = i18n.t(_SCRIPTS[str(script)], lang)
        return i18n.t(self.text, lang, **params)


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return "Cyrillic"
    if name.startswith("GREEK"):
        return "Greek"
    return None


def _check_ascii(value: str) -> None:
    """Raise InputError naming the first non-ASCII character (look-alikes named as such)."""
    for index, char in enumerate(value, start=1):
        if ord(char) < 128:
            continue
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        script = _script(char)
        latin = CONFUSABLES.get(char)
        if script and latin:
            raise InputError(
                N_(
                    "“{char}” ({name}) at position {position} is a {script} look-alike of Latin “{latin}”; type it in Latin letters"
                ),
                char=char,
                name=name,
                position=index,
                latin=latin,
                script=script,
            )
        raise InputError(N_("Character “{char}” ({name}) at position {position} is not allowed"), char=char, name=name, position=index)


def _prepare(value: object) -> str:
    if value is None:
        raise InputError(N_("The value is empty"))
    text_value = unicodedata.normalize("NFKC", str(value)).strip()
    if not text_value:
        raise InputError(N_("The value is empty"))
    return text_value


def normalise_series(value: object) -> str:
    """The canonical series (e.g. ``"phd"`` -> ``"PhD"``); InputError otherwise."""
    raw = _prepare(value)
    _check_ascii(raw)
    canonical = _SERIES_BY_UPPER.get(raw.upper())
    if canonical is None:
        raise InputError(N_("Unknown series “{value}”; allowed: {allowed}"), value=raw, allowed=", ".join(SERIES))
    return canonical


def normalise_number(value: object, width: int = 8) -> str:
    """Digits, left-padded with zeros to `width` (``"12345"`` -> ``"00012345"``)."""
    raw = _prepare(value)
    raw = re.sub(r"[ \u00a0]", "", raw) if raw.isascii() else raw
    _check_ascii(raw)
    if not raw.isdigit() or len(raw) > MAX_NUMBER_DIGITS:
        raise InputError(N_("The number must be digits only (1–{max} digits), got “{value}”"), value=raw, max=MAX_NUMBER_DIGITS)
    return raw.zfill(width)


def normalise_code(value: object) -> str:
    """A programme code (Latin letters, digits, dots, hyphens; upper-cased)."""
    raw = _prepare(value)
    _check_ascii(raw)
    if not _CODE_RE.match(raw):
        raise InputError(N_("The code may hold only Latin letters, digits, dots and hyphens: “{value}”"), value=raw)
    return raw.upper()


def parse_display(value: str, width: int = 8) -> tuple[str, str]:
    """``"BD 00012345"`` / ``"BD00012345"`` -> (series, number)."""
    raw = _prepare(value)
    _check_ascii(raw)
    match = re.match(r"^([A-Za-z]{2,3})\s*[-/]?\s*(\d+)$", raw)
    if not match:
        raise InputError(N_("The number must be digits only (1–{max} digits), got “{value}”"), value=raw, max=MAX_NUMBER_DIGITS)
    return normalise_series(match.group(1)), normalise_number(match.group(2), width)


def display(series: str, number: str) -> str:
    return f"{series} {number}"


# --------------------------------------------------------------------------- allocation


def number_exists(session: Session, series: str, number: str) -> bool:
    found = session.exec(select(Diploma.id).where(Diploma.series == series, Diploma.number == number)).first()
    return found is not None


def _advance(session: Session, series: str) -> int:
    """Take the next value of the series' counter (row-locked until the transaction ends)."""
    session.execute(
        text("INSERT INTO issuer_series_counter (series, next_value) VALUES (:s, 1) ON CONFLICT (series) DO NOTHING"),
        {"s": series},
    )
    row = session.execute(
        text(
            "UPDATE issuer_series_counter SET next_value = next_value + 1 WHERE series = :s RETURNING next_value"
        ),
        {"s": series},
    ).one()
    return int(row[0]) - 1


def allocate_number(session: Session, series: str, width: int = 8, *, taken: set[str] | None = None) -> str:
    """The next free number of `series`, inside the caller's transaction. Numbers supplied by
    an institution (issued elsewhere) are skipped. `taken` lists numbers already chosen in
    this transaction but not yet flushed."""
    series = normalise_series(series)
    while True:
        value = _advance(session, series)
        if value < 1:
            continue
        number = str(value).zfill(width)
        if len(number) > MAX_NUMBER_DIGITS:
            raise BadInput("invalid-number", i18n.t("The numbers of series {series} are exhausted", None, series=series))
        if taken and number in taken:
            continue
        if not number_exists(session, series, number):
            return number
