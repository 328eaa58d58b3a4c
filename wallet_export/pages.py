"""What the graduate's pages share: rendering a template of ``wallet_export/templates`` on the
common layout (a phone first: the tables turn into cards on a narrow screen), the security
headers, and the reader's language, which a choice on any page (``?lang=``, kept in a cookie)
carries to the next one."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from common import i18n, templating
from common.problems import Problem
from common.timestamps import as_utc
from common.web import request_language

PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}
LANG_COOKIE = "dalel_lang"
TEMPLATES = ("wallet_export",)


def page_language(request: Request) -> str:
    """`?lang=`, then the language chosen earlier (cookie), then Accept-Language."""
    if request.query_params.get("lang") in i18n.LANGUAGES:
        return request.query_params["lang"]
    if request.cookies.get(LANG_COOKIE) in i18n.LANGUAGES:
        return request.cookies[LANG_COOKIE]
    return request_language(request)


def remember_language(response: Response, request: Request) -> Response:
    """Keep the language the reader chose on this page (``?lang=``) for their next pages: the
    sign-in page's choice reaches /me."""
    chosen = request.query_params.get("lang")
    if chosen in i18n.LANGUAGES:
        response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 86400, path="/", samesite="lax", httponly=True)
    return response


def render_page(request: Request, template: str, lang: str, /, *, status: int = 200, **context: Any) -> HTMLResponse:
    """`template` in `lang`, its switcher pointing at this page, with the page headers."""
    html = templating.render(TEMPLATES, template, lang, switcher_links=templating.language_links(request.url.path),
                             **context)
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)


def message_page(request: Request, lang: str, message: str, *, status: int, css: str = "", detail: str | None = None,
                 back: str | None = None, heading: str | None = None) -> HTMLResponse:
    """One sentence (already in `lang`) on the graduate's layout, under "My diplomas"."""
    return render_page(request, "message.html", lang, status=status, heading=heading or i18n.t("My diplomas", lang),
                       message=message, css=css, detail=detail, back=back)


def problem_page(request: Request, problem: Problem) -> HTMLResponse:
    """A problem with something the graduate sent from a page, as a page in their language
    (its title, its detail, the way back to /me), with the problem's status and headers."""
    lang = page_language(request)
    response = message_page(request, lang, problem.detail or problem.title(lang), status=problem.status, css="bad",
                            heading=problem.title(lang), back="/me")
    response.headers.update(problem.headers)
    return response


class PageRoute(APIRoute):
    """The route class of the graduate's pages: a Problem raised while answering (a stale form,
    a link that is not theirs) is a page for a person, not problem+json for a program."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except Problem as problem:
                return problem_page(request, problem)

        return page_handler


def format_time(value: datetime | None) -> str:
    """An instant as the pages show it (UTC, to the minute)."""
    if value is None:
        return "—"
    return as_utc(value).strftime("%Y-%m-%d %H:%M UTC")


__all__ = ["LANG_COOKIE", "PAGE_HEADERS", "PageRoute", "format_time", "message_page", "page_language", "problem_page",
           "remember_language", "render_page"]
