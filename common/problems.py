"""RFC 9457 problem details. Raise :class:`Problem` anywhere; the app turns it into an
``application/problem+json`` response whose ``title`` is translated, and the CLI into one line.

``type`` is stable: ``urn:dalel:problem:<code>``; ``code`` repeats the last part for clients
that prefer a short string. The ``code`` is the contract; the title is its translated name.

Titles: each package declares the codes it raises, once, in a table of English titles marked
for the catalogue, in its ``problems`` module (``issuer/problems.py``), which the package's
``__init__`` imports so the table is there whenever any of its modules is::

    from common.i18n import N_
    from common.problems import declare_titles

    TITLES = declare_titles({"diploma-not-found": N_("No diploma with this series and number")})

A code declared twice with different titles is an error at import; a code raised without a
declared title shows a readable form of the code (``tests/foundation/test_problem_titles.py``
fails on it). Codes are shared across packages (``not-found``, ``institution-not-found``): the
package that owns the concept declares it, the others raise it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from common import i18n
from common.i18n import N_

PROBLEM_TYPE_PREFIX = "urn:dalel:problem:"
MEDIA_TYPE = "application/problem+json"

_TITLES: dict[str, str] = {}


def declare_titles(titles: Mapping[str, str]) -> Mapping[str, str]:
    """Declare the title (its English source text, marked with ``N_``) of each problem code in
    `titles`; returns `titles`. Declaring a code again with the same title is harmless."""
    for code, title in titles.items():
        known = _TITLES.get(code)
        if known is not None and known != title:
            raise ValueError(f"problem code {code!r} declared with two titles: {known!r} and {title!r}")
        _TITLES[code] = title
    return titles


def declared_titles() -> dict[str, str]:
    """Every declared code and its (English) title."""
    return dict(_TITLES)


def title_of(code: str, lang: str | None = None) -> str | None:
    """The title of `code` in `lang`, or None when no package declared one."""
    title = _TITLES.get(code)
    if title is not None:
        return i18n.t(title, lang)
    legacy = f"problem.{code}"  # a package not converted yet registers "problem.<code>" (i18n.register)
    text = i18n.t(legacy, lang)
    return None if text == legacy else text


# the HTTP edge's own problems (dalel.http_edge) and the ones every package raises
TITLES = declare_titles(
    {
        "bad-request": N_("Bad request"),
        "malformed-json": N_("Malformed JSON document"),
        "validation-error": N_("The request data failed validation"),
        "unsupported-media-type": N_("Unsupported content type"),
        "payload-too-large": N_("Request body too large"),
        "not-found": N_("Not found"),
        "method-not-allowed": N_("Method not allowed"),
        "unauthorized": N_("Authentication required"),
        "forbidden": N_("Forbidden"),
        "conflict": N_("Conflict"),
        "too-many-requests": N_("Too many requests"),
        "not-acceptable": N_("Requested format not available"),
        "service-unavailable": N_("Service temporarily unavailable"),
        "internal-error": N_("Internal server error"),
    }
)


class Problem(Exception):
    """A user-facing error. `code` is stable and names a declared title (:func:`declare_titles`);
    `detail` is a human sentence (already translated or language-neutral); `headers` go on the
    HTTP response (``WWW-Authenticate``, ``Retry-After``); `extra` members are added to the
    body (e.g. ``errors`` with per-field problems)."""

    def __init__(
        self, status: int, code: str, detail: str | None = None, *, headers: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or code)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers: dict[str, str] = dict(headers or {})
        self.extra = extra

    @property
    def type(self) -> str:
        return PROBLEM_TYPE_PREFIX + self.code

    def title(self, lang: str | None = None) -> str:
        return title_of(self.code, lang) or self.code.replace("-", " ").capitalize()

    def message(self, lang: str | None = None) -> str:
        """One line for a person: the translated title, then the detail if it adds anything
        (a detail that already says the title is not said twice)."""
        title = self.title(lang)
        detail = (self.detail or "").strip()
        if not detail or detail == title:
            return title
        if detail.startswith(title):
            return detail
        return f"{title}: {detail}"

    def to_dict(self, lang: str | None = None, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.type, "title": self.title(lang), "status": self.status, "code": self.code}
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body

    def __str__(self) -> str:  # one line for the CLI
        return self.detail or self.title("en")


class BadInput(Problem):
    """400 with a code; for input a person or client sent."""

    def __init__(self, code: str, detail: str | None = None, **extra: Any) -> None:
        super().__init__(400, code, detail, **extra)


class NotFound(Problem):
    def __init__(self, detail: str | None = None, code: str = "not-found", **extra: Any) -> None:
        super().__init__(404, code, detail, **extra)
