"""Messages a person reads, in Kazakh, Russian and English: gettext catalogues.

The source text of every message is its English wording, written where the message is used::

    from common.i18n import N_, all_languages, nt, t

    t("No such institution on this service", lang)
    t("Diploma {display} revoked", lang, display=display)
    nt("{count} row has errors", "{count} rows have errors", count, lang)
    TITLES = {"not-found": N_("Not found")}          # a table: marked, translated where read

Babel extracts those calls (``t``, ``nt``, ``pt``, ``all_languages``, ``N_``, and the same in
Jinja2 templates) into ``common/locale/dalel.pot``; translators work in
``common/locale/{kk,ru,en}/LC_MESSAGES/dalel.po`` (docs/TRANSLATING.md); the ``.mo`` files are
compiled when the package is built or installed (``setup.py``), and from the ``.po`` files
when a checkout has none or an older one. ``tests/foundation/test_catalogues.py`` fails when a
message lacks a translation in one of the three languages, when a catalogue keeps a message
the code no longer uses, or when a translation's ``{placeholders}`` differ from the source's.

Placeholders are ``str.format`` names (``{count}``); ``nt`` passes ``count`` itself. Plural
forms follow each language's rule (kk and en two forms, ru three).

:func:`register` is the catalogue of the previous design (Python dicts keyed by a dotted
name), kept only while ``verifier/`` and ``keys/`` move their messages to the catalogues
(``common``, ``issuer``, ``wallet_export`` and ``dalel`` call it no more); a key registered
there is still answered by :func:`t`.
"""

from __future__ import annotations

import gettext as _gettext
import io
import threading
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from babel.dates import format_date as _babel_format_date

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}  # each in itself
DEFAULT_LANGUAGE = "kk"
DOMAIN = "dalel"
LOCALE_DIR = Path(__file__).with_name("locale")

_CATALOGUE: dict[str, dict[str, str]] = {}


def N_(message: str) -> str:
    """Mark `message` for the catalogue where it cannot be translated yet (a table read later
    with :func:`t`); returns it unchanged."""
    return message


# --------------------------------------------------------------------------- catalogues

_lock = threading.Lock()
_translations: dict[str, _gettext.NullTranslations] = {}


def _compiled(po_file: Path) -> bytes:
    """The .mo bytes of a .po file (Babel), for a checkout whose .mo is missing or stale."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as fh:
        catalog = read_po(fh)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _load(lang: str) -> _gettext.NullTranslations:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    mo_file, po_file = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo_file.is_file() and (not po_file.is_file() or mo_file.stat().st_mtime >= po_file.stat().st_mtime):
        with mo_file.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po_file.is_file():
        return _gettext.GNUTranslations(io.BytesIO(_compiled(po_file)))
    return _gettext.NullTranslations()


def translations(lang: str | None) -> _gettext.NullTranslations:
    """The gettext translations of `lang` (normalised), loaded once per process."""
    lang = normalise_language(lang)
    found = _translations.get(lang)
    if found is None:
        with _lock:
            found = _translations.get(lang)
            if found is None:
                found = _translations[lang] = _load(lang)
    return found


def reload() -> None:
    """Forget loaded catalogues (after the translation tools rewrote them)."""
    with _lock:
        _translations.clear()


def _format(text: str, params: Mapping[str, object]) -> str:
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        return text


def t(message: str, lang: str | None = None, /, **params: object) -> str:
    """`message` (its English source text) in `lang`, formatted with `params`."""
    legacy = _CATALOGUE.get(message)
    if legacy is not None:
        return _format(legacy[normalise_language(lang)], params)
    message = _RENAMED.get(message, message)
    return _format(translations(lang).gettext(message), params)


def nt(singular: str, plural: str, count: int, lang: str | None = None, /, **params: object) -> str:
    """The plural form of `lang` for `count`; ``{count}`` is available to the text."""
    text = translations(lang).ngettext(singular, plural, count)
    return _format(text, {"count": count, **params})


def pt(context: str, message: str, lang: str | None = None, /, **params: object) -> str:
    """`message` in a named context, where one English text needs two translations."""
    return _format(translations(lang).pgettext(context, message), params)


def one_line(text: str) -> str:
    """`text` with its whitespace collapsed: how a command's help text (which Typer re-wraps)
    is its catalogue entry."""
    return " ".join(text.split())


def format_date(value: date, lang: str | None) -> str:
    """A calendar date as the reader's language writes it (CLDR, Babel): "30 июня 2025 г.",
    "2025 ж. 30 маусым", "June 30, 2025"."""
    return _babel_format_date(value, "long", locale=normalise_language(lang))


def all_languages(message: str, /, **params: object) -> dict[str, str]:
    """The message in every language, e.g. for a verification check's `message`."""
    return {lang: t(message, lang, **params) for lang in LANGUAGES}


# --------------------------------------------------------------------------- the previous design


# Dotted keys whose message moved to the catalogues while code not converted yet still asks for
# the key (transitional, like register: dalel/cli_verify.py, converted with the verifier).
_RENAMED: dict[str, str] = {"cli.error.prefix": N_("Error")}


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add messages of the previous design; each value maps every language to its text."""
    for key, texts in messages.items():
        missing = [lang for lang in LANGUAGES if not texts.get(lang)]
        if missing:
            raise ValueError(f"message {key!r} lacks {', '.join(missing)}")
        existing = _CATALOGUE.get(key)
        if existing is not None and existing != dict(texts):
            raise ValueError(f"message {key!r} registered twice with different texts")
        _CATALOGUE[key] = dict(texts)


def catalogue() -> dict[str, dict[str, str]]:
    """The messages of the previous design (see :func:`register`)."""
    return dict(_CATALOGUE)


# --------------------------------------------------------------------------- languages


def normalise_language(lang: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    if lang:
        lang = lang.strip().lower().replace("_", "-").split("-")[0]
        if lang in LANGUAGES:
            return lang
    return default


FALLBACK_LANGUAGE = "en"
"""The language of a reader who asked only for languages Dalel does not speak (``de-DE,de``,
``?lang=fr``): a recognition officer in Berlin reads English sooner than Kazakh."""


def negotiate(query_lang: str | None, accept_language: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """`?lang=` when it names one of LANGUAGES, then the best match of an Accept-Language
    header (``*`` stands for `default`), then `default` when the reader asked for nothing,
    else :data:`FALLBACK_LANGUAGE` (they asked, only not for a language we have)."""
    asked = bool(query_lang and query_lang.strip())
    if asked and normalise_language(query_lang, "") in LANGUAGES:
        return normalise_language(query_lang)
    if accept_language:
        ranked: list[tuple[float, int, str]] = []
        for pos, part in enumerate(accept_language.split(",")):
            tag, _, params = part.strip().partition(";")
            tag = tag.strip()
            if not tag:
                continue
            q = 1.0
            params = params.strip()
            if params.startswith("q="):
                try:
                    q = float(params[2:])
                except ValueError:
                    q = 0.0
            if q <= 0:
                continue
            asked = True
            lang = normalise_language(default) if tag == "*" else normalise_language(tag, "")
            if lang:
                ranked.append((-q, pos, lang))
        if ranked:
            return sorted(ranked)[0][2]
    return FALLBACK_LANGUAGE if asked else normalise_language(default)
