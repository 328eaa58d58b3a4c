"""Pages for people: Jinja2 templates with autoescape and the gettext catalogues.

Each package keeps its templates in ``<package>/templates/``; ``common/templates/base.html`` is
the one layout (language switcher, noindex, no JavaScript, inline CSS). In a template, ``t``,
``nt`` and ``pt`` are :mod:`common.i18n`'s functions bound to the page's language::

    <h1>{{ t("Diploma verified") }}</h1>
    <p>{{ nt("{count} check passed", "{count} checks passed", passed) }}</p>

Every value is escaped unless a template says otherwise with ``|safe`` (never applied to
anything a presenter sent). ``lang``, ``languages`` and ``language_names`` are always
available; a page passes ``switcher_links`` (:func:`language_links`) for the layout's switcher.

House rules (docs/ARCHITECTURE.md): a page is a template extending ``base.html``; Python
prepares plain values (no HTML is built in Python); the text is English source text in
``t()``/``nt()``/``pt()`` calls, translated in the catalogues; no JavaScript; ``noindex``; a page
stays under 60 KB.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, partial
from typing import Any
from urllib.parse import urlencode

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

from common import i18n


@cache
def environment(*packages: str) -> Environment:
    """The template environment of `packages` (first match wins), then ``common``'s layout."""
    loaders = [PackageLoader(package, "templates") for package in (*packages, "common")]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(("html", "htm", "xml"), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.globals["languages"] = i18n.LANGUAGES
    env.globals["language_names"] = i18n.LANGUAGE_NAMES
    return env


def language_links(path: str, query: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """[(lang, href)] for the switcher: this page (`path`, its other `query` parameters kept)
    in each language."""
    kept = {k: v for k, v in (query or {}).items() if k != "lang"}
    return [(code, f"{path}?{urlencode({**kept, 'lang': code})}") for code in i18n.LANGUAGES]


def render(packages: tuple[str, ...] | str, name: str, lang: str, /, **context: Any) -> str:
    """Render template `name` in `lang` (kk, ru or en)."""
    packages = (packages,) if isinstance(packages, str) else packages
    lang = i18n.normalise_language(lang)
    template = environment(*packages).get_template(name)
    return template.render(
        lang=lang,
        t=partial(_t, lang),
        nt=partial(_nt, lang),
        pt=partial(_pt, lang),
        **context,
    )


def _t(lang: str, message: str, **params: Any) -> str:
    return i18n.t(message, lang, **params)


def _nt(lang: str, singular: str, plural: str, count: int, **params: Any) -> str:
    return i18n.nt(singular, plural, count, lang, **params)


def _pt(lang: str, context: str, message: str, **params: Any) -> str:
    return i18n.pt(context, message, lang, **params)
