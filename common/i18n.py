"""Messages a person reads, in Kazakh, Russian and English.

Every package registers its catalogue with :func:`register`; a key must carry all three
languages (a test walks every registered catalogue). :func:`t` formats one message.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"

_CATALOGUE: dict[str, dict[str, str]] = {}


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add messages; each value maps every language in LANGUAGES to its text."""
    for key, texts in messages.items():
        missing = [lang for lang in LANGUAGES if not texts.get(lang)]
        if missing:
            raise ValueError(f"message {key!r} lacks {', '.join(missing)}")
        existing = _CATALOGUE.get(key)
        if existing is not None and existing != dict(texts):
            raise ValueError(f"message {key!r} registered twice with different texts")
        _CATALOGUE[key] = dict(texts)


def catalogue() -> dict[str, dict[str, str]]:
    return dict(_CATALOGUE)


def normalise_language(lang: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    if lang:
        lang = lang.strip().lower().replace("_", "-").split("-")[0]
        if lang in LANGUAGES:
            return lang
    return default


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message `key` in `lang`, formatted with `params`; the key itself if unknown."""
    texts = _CATALOGUE.get(key)
    if texts is None:
        return key
    text = texts[normalise_language(lang)]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def all_languages(key: str, /, **params: object) -> dict[str, str]:
    """The message in every language, e.g. for a verification check's `message`."""
    return {lang: t(key, lang, **params) for lang in LANGUAGES}


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
