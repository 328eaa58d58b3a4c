"""Pages for people: Jinja2 templates with autoescape and the gettext catalogues.

Each package keeps its templates in ``<package>/templates/``; ``common/templates/base.html`` is
the one layout (language switcher, noindex, no JavaScript, inline CSS). In a template, ``t``,
``nt`` and ``pt`` are :mod:`common.i18n`'s functions bound to the page's language::

    <h1>{{ t("Diploma verified") }}</h1>
    <p>{{ nt("{count} check passed", "{count} checks passed", passed) }}</p>

Every value is escaped unless a template says otherwise with ``|safe`` (never applied to
anything a presenter sent). ``lang`` and ``languages`` are always available.
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

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
    return env


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
