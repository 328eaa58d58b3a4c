"""The graduate's pages: the one-time login link's landing page, sign-out, and ``/me`` with
their diplomas and statuses, downloads, share links (create, revoke) and who opened them.

Session cookie: ``dalel_session``, HttpOnly, SameSite=Lax, Secure unless the public URL is
plain-http on 127.0.0.1, localhost or testserver. Every form POST carries the session's CSRF
token (and SameSite keeps cross-site POSTs from carrying the cookie at all). The language the
reader chose on one page (``?lang=``) is kept for the next (the sign-in page's reaches /me).
"""

from __future__ import annotations

import hmac
from html import escape
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from common import i18n
from common.problems import Problem
from common.web import db_session, get_ctx
from issuer.models import Diploma
from issuer.status import credential_entries, entries_state, state_name
from keys._time import utcnow
from wallet_export.models import GraduateSession
from wallet_export.pages import cards, format_time, page, page_language, remember_language
from wallet_export.pdf import _language_map, _pick
from wallet_export.qr import verify_url
from wallet_export.service import (
    DEFAULT_SHARE_DAYS,
    SESSION_COOKIE,
    SESSION_TTL,
    access_log_of,
    consume_login_link,
    create_share_link,
    diploma_view,
    diplomas_of,
    end_session,
    graduate_names,
    login_link_usable,
    owned_diploma,
    parse_expiry_days,
    revoke_share_link,
    session_for,
    share_links_of,
    supplement_of,
)

router = APIRouter(tags=["wallet"], include_in_schema=False)  # pages for people, not an API

_EXPIRY_CHOICES = (7, 30, 90, 180, 365)


def cookie_secure(public_url: str) -> bool:
    parts = urlsplit(public_url)
    return not (parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "testserver"))


def _session_id(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE)


def _graduate_session(request: Request, session: Session) -> GraduateSession | None:
    return session_for(session, _session_id(request))


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


def _login_invalidpage(lang: str, path: str) -> HTMLResponse:
    return page(
        lang,
        i18n.t("wallet.title", lang),
        f"<h1>{escape(i18n.t('wallet.title', lang))}</h1><p class=bad>{escape(i18n.t('wallet.login.invalid', lang))}</p>",
        status=400,
        path=path,
    )


@router.get("/login/{token}", include_in_schema=False)
def loginpage(token: str, request: Request, session: Session = Depends(db_session)) -> Response:
    """The link's landing page: a "Sign in" button that POSTs back. A GET never spends the link
    (mail scanners and link previews fetch it before the graduate does)."""
    lang = page_language(request)
    path = request.url.path
    if not login_link_usable(session, token):
        return _login_invalidpage(lang, path)
    t = lambda key: escape(i18n.t(key, lang))  # noqa: E731
    body = (
        f"<h1>{t('wallet.title')}</h1><p>{t('wallet.login.prompt')}</p>"
        f'<form method=post action="{escape(path)}?lang={lang}"><button type=submit>{t("wallet.login.button")}</button></form>'
    )
    response = remember_language(page(lang, i18n.t("wallet.title", lang), body, path=path), request)
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
        return _login_invalidpage(lang, request.url.path)
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


def _check_csrf(grad: GraduateSession | None, token: str) -> GraduateSession:
    if grad is None:
        raise Problem(401, "unauthorized")
    if not token or not hmac.compare_digest(token.encode(), grad.csrf_token.encode()):
        raise Problem(403, "csrf-failed")
    return grad


@router.post("/logout", include_in_schema=False)
def logout(request: Request, csrf: str = Form(""), session: Session = Depends(db_session)) -> Response:
    grad = _graduate_session(request, session)
    if grad is not None:
        _check_csrf(grad, csrf)
        end_session(session, _session_id(request))
    response = RedirectResponse("/me", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response



# --------------------------------------------------------------------------- the graduate's page


def _diploma_status(session: Session, diploma: Diploma) -> tuple[str, str]:
    """(status key, css class): revoked, suspended (the credential's status-list bits),
    superseded by a corrected diploma, else active."""
    state = state_name(entries_state(session, credential_entries(diploma.credential)))
    if state == "revoked":
        return "revoked", "bad"
    if state == "suspended":
        return "suspended", "warn"
    if diploma.superseded_by_id is not None:
        return "superseded", "warn"
    return "active", "ok"


def _lang_value(value: Any, lang: str) -> str:
    mapped = _language_map(value)
    return _pick(mapped, lang) if mapped else ""


def _render_me(request: Request, session: Session, grad: GraduateSession, lang: str) -> HTMLResponse:
    t = lambda key, **kw: escape(i18n.t(key, lang, **kw))  # noqa: E731
    settings = get_ctx(request).settings
    diplomas = diplomas_of(session, grad.graduate_id)
    now = utcnow()
    parts: list[str] = []
    name = ""
    for diploma in diplomas:
        view = diploma_view(session, diploma)
        name = name or graduate_names(view.graduate)[lang]
        status_key, css = _diploma_status(session, diploma)
        base = f"/api/v1/diplomas/{escape(diploma.series)}/{escape(diploma.number)}"
        url = verify_url(settings.public_url, diploma.verify_token)
        programme = view.programme.names()[lang] if view.programme else _lang_value(
            (diploma.credential.get("credentialSubject") or {}).get("achievement", {}).get("name"), lang
        )
        # the achievement carries the award's name in kk/ru/en; the credential's `name` is one string
        title = _lang_value(
            (diploma.credential.get("credentialSubject") or {}).get("achievement", {}).get("name"), lang
        ) or _lang_value(diploma.credential.get("name"), lang) or programme
        downloads = " · ".join(
            f'<a href="{base}/{path}">{t(key)}</a>'
            for path, key in (
                ("diploma.pdf", "wallet.dl.pdf"),
                ("credential.json", "wallet.dl.json"),
                ("credential.jwt", "wallet.dl.jwt"),
                ("presentation.json", "wallet.dl.vp"),
                ("qr.png", "wallet.dl.qr_png"),
                ("qr.svg", "wallet.dl.qr_svg"),
            )
        )
        scopes = ["diploma"] + (["diploma+supplement"] if supplement_of(session, diploma) is not None else [])
        scope_options = "".join(f'<option value="{s}">{t("wallet.scope." + s)}</option>' for s in scopes)
        expiry_options = "".join(
            f'<option value="{d}"{" selected" if d == DEFAULT_SHARE_DAYS else ""}>{t("wallet.share.days", n=d)}</option>'
            for d in _EXPIRY_CHOICES
        ) + f'<option value="never">{t("wallet.share.never")}</option>'
        parts.append(
            f"""<section><h2>{escape(title)}</h2>
<img class=qr src="{base}/qr.svg" alt="QR"><p><strong>{t("wallet.status")}:</strong> <span class={css}>{t("wallet.status." + status_key)}</span></p>
<p>{t("wallet.institution")}: {escape(view.institution.names()[lang])}<br>{t("wallet.programme")}: {escape(programme)}<br>
{t("wallet.number")}: {escape(diploma.series)} {escape(diploma.number)}<br>{t("wallet.award_date")}: {diploma.award_date.isoformat()}<br>
{t("wallet.verify_link")}: <a href="{escape(url)}"><code>{escape(url)}</code></a></p>
<p><strong>{t("wallet.downloads")}:</strong> {downloads}</p>
<form method=post action="/me/share"><input type=hidden name=csrf value="{escape(grad.csrf_token)}">
<input type=hidden name=series value="{escape(diploma.series)}"><input type=hidden name=number value="{escape(diploma.number)}">
<label>{t("wallet.share.scope")} <select name=scope>{scope_options}</select></label>
<label>{t("wallet.share.expiry")} <select name=expiry>{expiry_options}</select></label>
<label>{t("wallet.share.label")} <input name=label maxlength=200></label>
<button type=submit>{t("wallet.share.create")}</button></form></section>"""
        )
    links = share_links_of(session, grad.graduate_id)
    by_id = {d.id: d for d in diplomas}
    rows = []
    for link in links:
        status = link.status_at(now)
        css = {"ok": "ok", "expired": "warn", "revoked": "bad"}[status]
        d = by_id.get(link.diploma_id)
        link_url = verify_url(settings.public_url, link.token)
        revoke = (
            f'<form class=inline method=post action="/me/share/{link.id}/revoke"><input type=hidden name=csrf value="{escape(grad.csrf_token)}">'
            f'<button type=submit>{t("wallet.share.revoke")}</button></form>'
            if status == "ok"
            else ""
        )
        rows.append([
            f"{escape(d.series + ' ' + d.number) if d else ''}<br>{escape(link.label or '')}",
            f"<code>{escape(link_url)}</code>",
            t("wallet.scope." + link.scope),
            format_time(link.created, lang),
            format_time(link.expires_at, lang) if link.expires_at else t("wallet.share.never"),
            f"<span class={css}>{t('wallet.link.' + status)}</span>",
            revoke,
        ])
    share_table = cards(
        ["", i18n.t("wallet.share.link", lang), i18n.t("wallet.share.scope", lang), i18n.t("wallet.share.created", lang),
         i18n.t("wallet.share.expires", lang), i18n.t("wallet.status", lang), ""],
        rows,
    ) if rows else f"<p>{t('wallet.share.none')}</p>"
    log_rows = [
        [
            format_time(entry.at, lang),
            f"<code>…{escape(link.token[-6:])}</code> {escape(link.label or '')}",
            escape(entry.organisation) if entry.organisation else t("wallet.log.unknown_org"),
            t("wallet.link." + entry.outcome) if entry.outcome in ("ok", "expired", "revoked") else "",
        ]
        for entry, link in access_log_of(session, grad.graduate_id)
    ]
    log_table = cards(
        [i18n.t("wallet.log.when", lang), i18n.t("wallet.share.link", lang), i18n.t("wallet.log.organisation", lang),
         i18n.t("wallet.status", lang)],
        log_rows,
    ) if log_rows else f"<p>{t('wallet.log.none')}</p>"
    body = f"""<h1>{t("wallet.title")}</h1><p>{t("wallet.hello", name=name)}</p>
<form method=post action="/logout"><input type=hidden name=csrf value="{escape(grad.csrf_token)}"><button type=submit>{t("wallet.logout")}</button></form>
{"".join(parts)}
<section><h2>{t("wallet.share")}</h2>{share_table}</section>
<section><h2>{t("wallet.log")}</h2>{log_table}<p><small>{t("wallet.log.note")}</small></p></section>"""
    return page(lang, i18n.t("wallet.title", lang), body)


@router.get("/me", include_in_schema=False)
def me(request: Request, session: Session = Depends(db_session)) -> Response:
    lang = page_language(request)
    grad = _graduate_session(request, session)
    if grad is None:
        response: Response = page(
            lang,
            i18n.t("wallet.title", lang),
            f"<h1>{escape(i18n.t('wallet.title', lang))}</h1><p>{escape(i18n.t('wallet.login.required', lang))}</p>",
            status=401,
        )
    else:
        response = _render_me(request, session, grad, lang)
    return remember_language(response, request)


@router.post("/me/share", include_in_schema=False)
def share_create(
    request: Request,
    csrf: str = Form(""),
    series: str = Form(...),
    number: str = Form(...),
    scope: str = Form("diploma"),
    expiry: str = Form(""),
    label: str = Form(""),
    session: Session = Depends(db_session),
) -> Response:
    grad = _check_csrf(_graduate_session(request, session), csrf)
    diploma = owned_diploma(session, grad.graduate_id, series, number, page_language(request))
    days = parse_expiry_days(expiry)
    create_share_link(session, diploma, scope=scope, expires_in_days=days, label=label)
    return RedirectResponse("/me", status_code=303)


@router.post("/me/share/{link_id}/revoke", include_in_schema=False)
def share_revoke(link_id: int, request: Request, csrf: str = Form(""), session: Session = Depends(db_session)) -> Response:
    grad = _check_csrf(_graduate_session(request, session), csrf)
    revoke_share_link(session, grad.graduate_id, link_id)
    return RedirectResponse("/me", status_code=303)
