"""Signing the graduate in and out: the one-time login link's landing page (a button that
POSTs back: a GET never spends the link, which mail scanners and link previews fetch before
the graduate does), the login itself, and sign-out.

Session cookie: ``dalel_session``, HttpOnly, SameSite=Lax, Secure unless the public URL is
plain-http on 127.0.0.1, localhost or testserver. The login form is refused when the browser
says it came from another site (login CSRF); sign-out carries the session's CSRF token. The
language the reader chose on the landing page (``?lang=``) is kept for /me.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from common import i18n
from common.problems import Problem
from common.web import db_session, get_ctx
from wallet_export.models import GraduateSession
from wallet_export.pages import PageRoute, message_page, page_language, remember_language, render_page
from wallet_export.service import (
    SESSION_COOKIE,
    SESSION_TTL,
    consume_login_link,
    end_session,
    login_link_usable,
    session_for,
)

router = APIRouter(tags=["wallet"], include_in_schema=False, route_class=PageRoute)  # pages for people, not an API


def cookie_secure(public_url: str) -> bool:
    parts = urlsplit(public_url)
    return not (parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "testserver"))


def graduate_session(request: Request, session: Session) -> GraduateSession | None:
    """The graduate's session of this request's cookie, if it is current."""
    return session_for(session, request.cookies.get(SESSION_COOKIE))


def check_csrf(grad: GraduateSession | None, token: str) -> GraduateSession:
    """The session, if the form carries its CSRF token; 401 without a session, 403 otherwise."""
    if grad is None:
        raise Problem(401, "unauthorized")
    if not token or not hmac.compare_digest(token.encode(), grad.csrf_token.encode()):
        raise Problem(403, "csrf-failed")
    return grad


def _same_origin(request: Request, public_url: str) -> bool:
    """Refuse login CSRF: when the browser names where the form came from (Origin, else
    Referer), it must be this deployment (DALEL_PUBLIC_URL) or the host the request reached."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source:
        return True
    if source == "null":
        return False
    try:
        parts = urlsplit(source)
    except ValueError:  # a malformed header (e.g. "http://[::1") is no proof of this origin
        return False
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    public = urlsplit(public_url)
    allowed = {f"{public.scheme}://{public.netloc}".lower(), f"{request.url.scheme}://{request.url.netloc}".lower()}
    return origin in allowed


def _link_unusable(request: Request, lang: str) -> Response:
    message = i18n.t("This login link is invalid, expired or already used. Ask your institution for a new one.", lang)
    return message_page(request, lang, message, status=400, css="bad")


@router.get("/login/{token}", include_in_schema=False)
def login_page(token: str, request: Request, session: Session = Depends(db_session)) -> Response:
    """The link's landing page: a "Sign in" button that POSTs back."""
    lang = page_language(request)
    if not login_link_usable(session, token):
        return _link_unusable(request, lang)
    action = f"{request.url.path}?{urlencode({'lang': lang})}"
    response = remember_language(render_page(request, "login.html", lang, action=action), request)
    # no-referrer would make the browser send "Origin: null" with the form; same-origin keeps
    # the Origin check possible and still tells no other site the link
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@router.post("/login/{token}", include_in_schema=False)
def login(token: str, request: Request, session: Session = Depends(db_session)) -> Response:
    lang = page_language(request)
    settings = get_ctx(request).settings
    if not _same_origin(request, settings.public_url):
        raise Problem(403, "csrf-failed")
    try:
        session_id, _row = consume_login_link(session, token)
    except Problem:
        return _link_unusable(request, lang)
    response = RedirectResponse("/me", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=int(SESSION_TTL.total_seconds()),
        path="/",
        httponly=True,
        secure=cookie_secure(settings.public_url),
        samesite="lax",
    )
    remember_language(response, request)  # the sign-in page's language (its form names it) is /me's
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, csrf: str = Form(""), session: Session = Depends(db_session)) -> Response:
    grad = graduate_session(request, session)
    if grad is not None:
        check_csrf(grad, csrf)
        end_session(session, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/me", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


__all__ = ["check_csrf", "cookie_secure", "graduate_session", "router"]
