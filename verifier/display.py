"""How a page or the CLI shows a value of a credential summary to a person: a name in the
reader's language (each name is issued in the scripts of the paper diploma: kk and ru in
Cyrillic, en in Latin), and dates and times in the reader's language and in the time zone of
Kazakhstan's institutions (Asia/Almaty), never as ISO UTC. Pure functions; Babel formats."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_datetime

from common.i18n import LANGUAGES, normalise_language
from verifier.summary import pick
from verifier.trust import parse_datetime

DEFAULT_TIME_ZONE = "Asia/Almaty"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


def _moment(value: Any) -> datetime | date | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value:
        return None
    if len(value) == 10:  # a calendar date: no time zone to convert
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    try:
        return parse_datetime(value)
    except ValueError:
        return None


def _locale(lang: str | None) -> str:
    lang = normalise_language(lang)
    return lang if lang in LANGUAGES else "en"


def local_date(value: Any, lang: str | None, time_zone: str = DEFAULT_TIME_ZONE) -> str:
    """A date (or the date of a moment, in `time_zone`) as the reader's language writes it:
    "30 июня 2025 г.", "2025 ж. 30 маусым", "June 30, 2025". "" for nothing readable."""
    moment = _moment(value)
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = moment.astimezone(_zone(time_zone)).date()
    return format_date(moment, "long", locale=_locale(lang))


def local_datetime(value: Any, lang: str | None, time_zone: str = DEFAULT_TIME_ZONE) -> str:
    """A moment in `time_zone`, with its UTC offset: "30 июня 2025 г., 14:05:00 +0500"."""
    moment = _moment(value)
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        return local_date(moment, lang, time_zone)
    return format_datetime(moment, "long", tzinfo=_zone(time_zone), locale=_locale(lang))


def name_in(value: Any, lang: str | None) -> str:
    """A name (a language map, language values or a plain string) in the reader's language."""
    return pick(value, normalise_language(lang))


def award_date(summary: dict[str, Any], lang: str | None, time_zone: str = DEFAULT_TIME_ZONE) -> str:
    """The award date of a credential summary, in the reader's language and time zone."""
    return local_date(summary.get("awarded_at") or summary.get("award_date"), lang, time_zone)


def holder_line(section: dict[str, Any], lang: str | None) -> str:
    """A Diploma Supplement's holder: the name in the reader's language, then the other script
    in brackets ("Сәрсенбаев Нұрлан Асқарұлы (Nurlan Sarsenbayev)"; on the en page the other
    way round), so a recognition officer can match both documents."""
    names = section.get("holder_names") or {}
    native = section.get("holder") or ""
    latin = section.get("holder_latin") or ""
    first = name_in(names, lang) if names else (latin if normalise_language(lang) == "en" else native) or latin
    other = native if first == latin else latin
    return f"{first} ({other})" if other and other != first else first
