"""``/me``, the graduate's page: their diplomas with status, files and a form to share each,
their share links (create, revoke) and who opened them. Every form carries the session's
CSRF token (and SameSite keeps cross-site POSTs from carrying the cookie at all); what the
page shows is prepared here as plain values and laid out by ``templates/me.html``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from common import i18n
from common.timestamps import utcnow
from common.vocab import language_map, pick
from common.web import db_session, get_ctx
from issuer.models import Diploma, stored_id
from issuer.status import credential_entries, entries_state, state_name
from wallet_export.login import check_csrf, graduate_session
from wallet_export.models import GraduateSession
from wallet_export.pages import (
    PageRoute,
    format_time,
    message_page,
    page_language,
    remember_language,
    render_page,
)
from wallet_export.qr import verify_url
from wallet_export.service import (
    DEFAULT_SHARE_DAYS,
    access_log_of,
    create_share_link,
    diploma_view,
    diplomas_of,
    graduate_names,
    owned_diploma,
    parse_expiry_days,
    revoke_share_link,
    share_links_of,
    supplement_of,
)

router = APIRouter(tags=["wallet"], include_in_schema=False, route_class=PageRoute)  # pages for people

EXPIRY_CHOICES = (7, 30, 90, 180, 365)
_STATUS_CSS = {"active": "ok", "superseded": "warn", "suspended": "warn", "revoked": "bad"}
_LINK_CSS = {"ok": "ok", "expired": "warn", "revoked": "bad"}


@dataclass(frozen=True)
class DiplomaCard:
    title: str
    status: str  # active | superseded | suspended | revoked
    css: str
    institution: str
    programme: str
    series: str
    number: str
    award_date: str
    verify_url: str
    files: str  # the base path of its downloads
    scopes: tuple[str, ...]


@dataclass(frozen=True)
class LinkRow:
    id: int
    diploma: str
    label: str
    url: str
    scope: str
    created: str
    expires: str | None
    status: str  # ok | expired | revoked
    css: str


@dataclass(frozen=True)
class ViewRow:
    at: str
    token_tail: str
    label: str
    organisation: str | None
    outcome: str | None


def diploma_status(session: Session, diploma: Diploma) -> str:
    """revoked or suspended (the credential's status-list bits), superseded by a corrected
    diploma, else active."""
    state = state_name(entries_state(session, credential_entries(diploma.credential)))
    if state in ("revoked", "suspended"):
        return state
    return "superseded" if diploma.superseded_by_id is not None else "active"


def _in(value: Any, lang: str) -> str:
    names = language_map(value)
    return pick(names, lang) if names else ""


def _card(session: Session, public_url: str, diploma: Diploma, lang: str) -> DiplomaCard:
    view = diploma_view(session, diploma)
    achievement = (diploma.credential.get("credentialSubject") or {}).get("achievement", {})
    programme = view.programme.names()[lang] if view.programme else _in(achievement.get("name"), lang)
    # the achievement carries the award's name in kk/ru/en; the credential's `name` is one string
    title = _in(achievement.get("name"), lang) or _in(diploma.credential.get("name"), lang) or programme
    status = diploma_status(session, diploma)
    scopes = ("diploma", "diploma+supplement") if supplement_of(session, diploma) is not None else ("diploma",)
    return DiplomaCard(
        title=title, status=status, css=_STATUS_CSS[status], institution=view.institution.names()[lang],
        programme=programme, series=diploma.series, number=diploma.number, award_date=diploma.award_date.isoformat(),
        verify_url=verify_url(public_url, diploma.verify_token),
        files=f"/api/v1/diplomas/{diploma.series}/{diploma.number}", scopes=scopes,
    )


def _me(request: Request, session: Session, grad: GraduateSession, lang: str) -> Response:
    public_url = get_ctx(request).settings.public_url
    diplomas = diplomas_of(session, grad.graduate_id)
    by_id = {d.id: d for d in diplomas}
    now = utcnow()
    links = []
    for link in share_links_of(session, grad.graduate_id):
        status = link.status_at(now)
        diploma = by_id.get(link.diploma_id)
        links.append(LinkRow(
            id=stored_id(link), diploma=f"{diploma.series} {diploma.number}" if diploma else "", label=link.label or "",
            url=verify_url(public_url, link.token), scope=link.scope, created=format_time(link.created),
            expires=format_time(link.expires_at) if link.expires_at else None, status=status, css=_LINK_CSS[status],
        ))
    views = [
        ViewRow(at=format_time(entry.at), token_tail=link.token[-6:], label=link.label or "",
                organisation=entry.organisation or None,
                outcome=entry.outcome if entry.outcome in _LINK_CSS else None)
        for entry, link in access_log_of(session, grad.graduate_id)
    ]
    name = graduate_names(diploma_view(session, diplomas[0]).graduate)[lang] if diplomas else ""
    return render_page(
        request, "me.html", lang, name=name, csrf=grad.csrf_token,
        diplomas=[_card(session, public_url, d, lang) for d in diplomas], links=links, views=views,
        expiry_choices=EXPIRY_CHOICES, default_days=DEFAULT_SHARE_DAYS,
    )


@router.get("/me", include_in_schema=False)
def me(request: Request, session: Session = Depends(db_session)) -> Response:
    lang = page_language(request)
    grad = graduate_session(request, session)
    response: Response
    if grad is None:
        message = i18n.t("To sign in, open the one-time link your institution sent you.", lang)
        response = message_page(request, lang, message, status=401)
    else:
        response = _me(request, session, grad, lang)
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
    grad = check_csrf(graduate_session(request, session), csrf)
    diploma = owned_diploma(session, grad.graduate_id, series, number, page_language(request))
    days = parse_expiry_days(expiry)
    create_share_link(session, diploma, scope=scope, expires_in_days=days, label=label)
    return RedirectResponse("/me", status_code=303)


@router.post("/me/share/{link_id}/revoke", include_in_schema=False)
def share_revoke(
    link_id: int, request: Request, csrf: str = Form(""), session: Session = Depends(db_session)
) -> Response:
    grad = check_csrf(graduate_session(request, session), csrf)
    revoke_share_link(session, grad.graduate_id, link_id)
    return RedirectResponse("/me", status_code=303)


__all__ = ["DiplomaCard", "LinkRow", "ViewRow", "diploma_status", "router"]
