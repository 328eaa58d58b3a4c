"""HTTP: QR and downloads (a responsible person's token of the diploma's institution, or the
graduate's session), the one-time login link, and the graduate's page ``/me``.

Session cookie: ``dalel_session``, HttpOnly, SameSite=Lax, Secure unless the public URL is
plain-http on 127.0.0.1, localhost or testserver. Every form POST carries the session's CSRF
token (and SameSite keeps cross-site POSTs from carrying the cookie at all).
"""

from __future__ import annotations

import hmac
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlmodel import Session

from common import i18n
from common.problems import NotFound, Problem
from common.web import db_session, get_ctx, request_language
from issuer.models import Diploma
from keys._time import as_utc, utcnow
from wallet_export import exports
from wallet_export.models import GraduateSession
from wallet_export.qr import verify_url
from wallet_export.service import (
    DEFAULT_SHARE_DAYS,
    LOGIN_LINK_TTL,
    SESSION_COOKIE,
    SESSION_TTL,
    access_log_of,
    consume_login_link,
    create_login_link,
    create_share_link,
    diploma_view,
    diplomas_of,
    end_session,
    find_diploma,
    graduate_names,
    login_link_usable,
    owned_diploma,
    parse_expiry_days,
    require_login_link_scope,
    revoke_share_link,
    session_for,
    share_links_of,
    supplement_of,
)

router = APIRouter(tags=["wallet"])

i18n.register(
    {
        "wallet.title": {"kk": "Менің дипломдарым", "ru": "Мои дипломы", "en": "My diplomas"},
        "wallet.hello": {"kk": "Сәлеметсіз бе, {name}", "ru": "Здравствуйте, {name}", "en": "Hello, {name}"},
        "wallet.logout": {"kk": "Шығу", "ru": "Выйти", "en": "Sign out"},
        "wallet.status": {"kk": "Күйі", "ru": "Статус", "en": "Status"},
        "wallet.status.active": {"kk": "Жарамды", "ru": "Действителен", "en": "Valid"},
        "wallet.status.superseded": {
            "kk": "Түзетілген нұсқамен ауыстырылған",
            "ru": "Заменён исправленной версией",
            "en": "Replaced by a corrected version",
        },
        "wallet.status.revoked": {"kk": "Кері қайтарылған", "ru": "Отозван", "en": "Revoked"},
        "wallet.status.suspended": {"kk": "Уақытша тоқтатылған", "ru": "Приостановлен", "en": "Suspended"},
        "wallet.number": {"kk": "Сериясы мен нөмірі", "ru": "Серия и номер", "en": "Series and number"},
        "wallet.award_date": {"kk": "Берілген күні", "ru": "Дата выдачи", "en": "Date of award"},
        "wallet.institution": {"kk": "Оқу орны", "ru": "Учебное заведение", "en": "Institution"},
        "wallet.programme": {"kk": "Бағдарлама", "ru": "Программа", "en": "Programme"},
        "wallet.verify_link": {"kk": "Тексеру сілтемесі", "ru": "Ссылка для проверки", "en": "Verification link"},
        "wallet.downloads": {"kk": "Жүктеп алу", "ru": "Скачать", "en": "Downloads"},
        "wallet.dl.pdf": {"kk": "PDF диплом (қол қойылған)", "ru": "Диплом PDF (подписан)", "en": "PDF diploma (signed)"},
        "wallet.dl.json": {"kk": "Куәлік (JSON-LD)", "ru": "Удостоверение (JSON-LD)", "en": "Credential (JSON-LD)"},
        "wallet.dl.jwt": {"kk": "Куәлік (VC-JWT)", "ru": "Удостоверение (VC-JWT)", "en": "Credential (VC-JWT)"},
        "wallet.dl.vp": {
            "kk": "Ұсыным (Verifiable Presentation)",
            "ru": "Презентация (Verifiable Presentation)",
            "en": "Presentation (Verifiable Presentation)",
        },
        "wallet.dl.qr_png": {"kk": "QR код (PNG)", "ru": "QR-код (PNG)", "en": "QR code (PNG)"},
        "wallet.dl.qr_svg": {"kk": "QR код (SVG)", "ru": "QR-код (SVG)", "en": "QR code (SVG)"},
        "wallet.share": {"kk": "Бөлісу сілтемелері", "ru": "Ссылки для доступа", "en": "Share links"},
        "wallet.share.create": {"kk": "Сілтеме жасау", "ru": "Создать ссылку", "en": "Create link"},
        "wallet.share.scope": {"kk": "Не көрсетіледі", "ru": "Что показать", "en": "What to show"},
        "wallet.scope.diploma": {"kk": "Тек диплом", "ru": "Только диплом", "en": "Diploma only"},
        "wallet.scope.diploma+supplement": {
            "kk": "Диплом және қосымша",
            "ru": "Диплом и приложение",
            "en": "Diploma and supplement",
        },
        "wallet.scope.diploma+profile": {
            "kk": "Диплом және түлек профилі",
            "ru": "Диплом и профиль выпускника",
            "en": "Diploma and graduate profile",
        },
        "wallet.share.expiry": {"kk": "Жарамдылық мерзімі", "ru": "Срок действия", "en": "Valid for"},
        "wallet.share.days": {"kk": "{n} күн", "ru": "{n} дн.", "en": "{n} days"},
        "wallet.share.never": {"kk": "Кері қайтарғанша", "ru": "До отзыва", "en": "Until revoked"},
        "wallet.share.label": {
            "kk": "Белгі (мысалы, кімге жібердіңіз)",
            "ru": "Пометка (например, кому отправили)",
            "en": "Note (e.g. whom you sent it to)",
        },
        "wallet.share.link": {"kk": "Сілтеме", "ru": "Ссылка", "en": "Link"},
        "wallet.share.created": {"kk": "Жасалған", "ru": "Создана", "en": "Created"},
        "wallet.share.expires": {"kk": "Мерзімі", "ru": "Истекает", "en": "Expires"},
        "wallet.share.revoke": {"kk": "Кері қайтару", "ru": "Отозвать", "en": "Revoke"},
        "wallet.share.none": {"kk": "Сілтемелер әлі жоқ", "ru": "Ссылок пока нет", "en": "No share links yet"},
        "wallet.link.ok": {"kk": "Белсенді", "ru": "Активна", "en": "Active"},
        "wallet.link.expired": {"kk": "Мерзімі өткен", "ru": "Истекла", "en": "Expired"},
        "wallet.link.revoked": {"kk": "Кері қайтарылған", "ru": "Отозвана", "en": "Revoked"},
        "wallet.log": {"kk": "Кім қарады", "ru": "Журнал просмотров", "en": "Access log"},
        "wallet.log.when": {"kk": "Уақыты", "ru": "Когда", "en": "When"},
        "wallet.log.organisation": {"kk": "Ұйым", "ru": "Организация", "en": "Organisation"},
        "wallet.log.unknown_org": {"kk": "(көрсетілмеген)", "ru": "(не указана)", "en": "(not given)"},
        "wallet.log.none": {"kk": "Әлі ешкім қарамаған", "ru": "Просмотров пока нет", "en": "No views yet"},
        "wallet.log.note": {
            "kk": "IP мекенжайлар сақталмайды.",
            "ru": "IP-адреса не сохраняются.",
            "en": "IP addresses are not stored.",
        },
        "wallet.login.required": {
            "kk": "Кіру үшін оқу орныңыз жіберген бір реттік сілтемені ашыңыз.",
            "ru": "Чтобы войти, откройте одноразовую ссылку, которую прислало ваше учебное заведение.",
            "en": "To sign in, open the one-time link your institution sent you.",
        },
        "wallet.login.invalid": {
            "kk": "Кіру сілтемесі жарамсыз, мерзімі өткен немесе бұрын пайдаланылған. Оқу орнынан жаңасын сұраңыз.",
            "ru": "Ссылка для входа недействительна, истекла или уже использована. Запросите новую в учебном заведении.",
            "en": "This login link is invalid, expired or already used. Ask your institution for a new one.",
        },
        "wallet.login.prompt": {
            "kk": "Дипломдарыңызды көру үшін төмендегі батырманы басыңыз. Сілтеме бір рет қана жұмыс істейді.",
            "ru": "Чтобы открыть свои дипломы, нажмите кнопку ниже. Ссылка действует один раз.",
            "en": "To open your diplomas, press the button below. The link works once.",
        },
        "wallet.login.button": {"kk": "Кіру", "ru": "Войти", "en": "Sign in"},
        "wallet.signed_out": {"kk": "Сіз шықтыңыз.", "ru": "Вы вышли.", "en": "You have signed out."},
        "wallet.language": {"kk": "Тіл", "ru": "Язык", "en": "Language"},
        "problem.csrf-failed": {
            "kk": "Пішін ескірген: бетті жаңартып, қайталап көріңіз",
            "ru": "Форма устарела: обновите страницу и повторите",
            "en": "The form is stale: reload the page and try again",
        },
    }
)

PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}
_LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
_EXPIRY_CHOICES = (7, 30, 90, 180, 365)


# --------------------------------------------------------------------------- auth helpers


LANG_COOKIE = "dalel_lang"


def _lang(request: Request) -> str:
    """`?lang=`, then the language chosen earlier (cookie), then Accept-Language."""
    if request.query_params.get("lang") in i18n.LANGUAGES:
        return request.query_params["lang"]
    if request.cookies.get(LANG_COOKIE) in i18n.LANGUAGES:
        return request.cookies[LANG_COOKIE]
    return request_language(request)


def _session_id(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE)


def _graduate_session(request: Request, session: Session) -> GraduateSession | None:
    return session_for(session, _session_id(request))


def _cookie_secure(public_url: str) -> bool:
    parts = urlsplit(public_url)
    return not (parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "testserver"))


def _staff_diploma(request: Request, session: Session, series: str, number: str, *, login_link: bool = False) -> Diploma:
    """The diploma, if the bearer token is a responsible person's of its institution (any
    scope; the operator token too; for a graduate's login link, scope issue or correct); 401
    otherwise, 403 without the scope, 404 (as for a missing number) when it is another
    institution's."""
    from issuer.auth import authenticate, bearer

    ctx = get_ctx(request)
    actor = authenticate(session, bearer(request), operator_token=getattr(ctx.settings, "vcapi_token", None))
    if login_link:
        require_login_link_scope(actor.scopes, operator=actor.operator)
    diploma = find_diploma(session, series, number, request_language(request))
    if not actor.operator and actor.institution_id != diploma.institution_id:
        # as if it did not exist: another institution's numbers are not probed through this
        raise NotFound(f"{diploma.series} {diploma.number}", code="diploma-not-found")
    return diploma


def _authorised_diploma(request: Request, session: Session, series: str, number: str) -> Diploma:
    """The diploma, if the caller is its graduate (session cookie) or a responsible person of
    its institution (bearer token, any scope)."""
    if request.headers.get("authorization"):
        return _staff_diploma(request, session, series, number)
    grad = _graduate_session(request, session)
    if grad is None:  # before any lookup: an anonymous caller learns nothing about numbers
        raise Problem(401, "unauthorized", headers={"WWW-Authenticate": "Bearer"})
    return owned_diploma(session, grad.graduate_id, series, number, _lang(request))


def _download(request: Request, session: Session, series: str, number: str, fmt: str, *, inline: bool = False) -> Response:
    diploma = _authorised_diploma(request, session, series, number)
    ctx = get_ctx(request)
    body = exports.export_bytes(session, ctx.settings, diploma, fmt, keystore_factory=lambda: ctx.keystore)
    disposition = "inline" if inline else "attachment"
    return Response(
        body,
        media_type=exports.MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'{disposition}; filename="{exports.file_name(diploma, fmt)}"',
            "Cache-Control": "private, max-age=300",
            "X-Content-Type-Options": "nosniff",
        },
    )


# --------------------------------------------------------------------------- downloads


@router.get("/api/v1/diplomas/{series}/{number}/qr.png", summary="QR code of the verify URL (PNG)")
def qr_png(series: str, number: str, request: Request, session: Session = Depends(db_session)) -> Response:
    return _download(request, session, series, number, "qr-png", inline=True)


@router.get("/api/v1/diplomas/{series}/{number}/qr.svg", summary="QR code of the verify URL (SVG)")
def qr_svg(series: str, number: str, request: Request, session: Session = Depends(db_session)) -> Response:
    return _download(request, session, series, number, "qr-svg", inline=True)


@router.get("/api/v1/diplomas/{series}/{number}/diploma.pdf", summary="The signed PDF diploma")
def diploma_pdf(series: str, number: str, request: Request, session: Session = Depends(db_session)) -> Response:
    return _download(request, session, series, number, "pdf")


@router.get("/api/v1/diplomas/{series}/{number}/credential.json", summary="The diploma credential (JSON-LD)")
def credential_json(series: str, number: str, request: Request, session: Session = Depends(db_session)) -> Response:
    return _download(request, session, series, number, "json")


@router.get("/api/v1/diplomas/{series}/{number}/credential.jwt", summary="The diploma credential (VC-JWT)")
def credential_jwt(series: str, number: str, request: Request, session: Session = Depends(db_session)) -> Response:
    return _download(request, session, series, number, "jwt")


@router.get("/api/v1/diplomas/{series}/{number}/presentation.json", summary="Unsigned verifiable presentation")
def presentation_json(series: str, number: str, request: Request, session: Session = Depends(db_session)) -> Response:
    return _download(request, session, series, number, "vp")


@router.post(
    "/api/v1/diplomas/{series}/{number}/login-link",
    summary="A one-time login link for the diploma's graduate (for the registrar's system to send)",
)
def post_login_link(series: str, number: str, request: Request, session: Session = Depends(db_session)) -> JSONResponse:
    diploma = _staff_diploma(request, session, series, number, login_link=True)
    ctx = get_ctx(request)
    created = utcnow()
    url = create_login_link(session, diploma.graduate_id, ctx.settings.public_url, now=created)
    expires = created + LOGIN_LINK_TTL
    return JSONResponse(
        {"url": url, "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%SZ")},
        status_code=201,
        headers={"Cache-Control": "no-store"},
    )


# --------------------------------------------------------------------------- login


def _page(lang: str, title: str, body: str, *, status: int = 200, path: str = "/me") -> HTMLResponse:
    current = ' aria-current="true"'
    switcher = " · ".join(
        f'<a href="{escape(path)}?lang={code}"{current if code == lang else ""}>{name}</a>'
        for code, name in _LANG_NAMES.items()
    )
    html = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>{escape(title)} — Dalel</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1f24}}
nav{{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}}section{{border:1px solid #ccd;border-radius:8px;padding:1rem;margin:1rem 0}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #dde;padding:.3rem;text-align:left;vertical-align:top}}
.ok{{color:#0a6b2d}}.bad{{color:#a11}}.warn{{color:#8a5a00}}code{{word-break:break-all}}img.qr{{width:9rem;height:9rem}}
form.inline{{display:inline}}</style></head>
<body><nav><strong>Dalel</strong><span>{escape(i18n.t("wallet.language", lang))}: {switcher}</span></nav>
{body}</body></html>"""
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)


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


def _login_invalid_page(lang: str, path: str) -> HTMLResponse:
    return _page(
        lang,
        i18n.t("wallet.title", lang),
        f"<h1>{escape(i18n.t('wallet.title', lang))}</h1><p class=bad>{escape(i18n.t('wallet.login.invalid', lang))}</p>",
        status=400,
        path=path,
    )


@router.get("/login/{token}", include_in_schema=False)
def login_page(token: str, request: Request, session: Session = Depends(db_session)) -> Response:
    """The link's landing page: a "Sign in" button that POSTs back. A GET never spends the link
    (mail scanners and link previews fetch it before the graduate does)."""
    lang = _lang(request)
    path = request.url.path
    if not login_link_usable(session, token):
        return _login_invalid_page(lang, path)
    t = lambda key: escape(i18n.t(key, lang))  # noqa: E731
    body = (
        f"<h1>{t('wallet.title')}</h1><p>{t('wallet.login.prompt')}</p>"
        f'<form method=post action="{escape(path)}?lang={lang}"><button type=submit>{t("wallet.login.button")}</button></form>'
    )
    response = _page(lang, i18n.t("wallet.title", lang), body, path=path)
    # no-referrer would make the browser send "Origin: null" with the form; same-origin keeps
    # the Origin check possible and still tells no other site the link
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@router.post("/login/{token}", include_in_schema=False)
def login(token: str, request: Request, session: Session = Depends(db_session)) -> Response:
    lang = _lang(request)
    settings = get_ctx(request).settings
    if not _same_origin(request, settings.public_url):
        raise Problem(403, "csrf-failed")
    try:
        session_id, _row = consume_login_link(session, token)
    except Problem:
        return _login_invalid_page(lang, request.url.path)
    response = RedirectResponse("/me", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=int(SESSION_TTL.total_seconds()),
        path="/",
        httponly=True,
        secure=_cookie_secure(settings.public_url),
        samesite="lax",
    )
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


def _fmt_time(value: datetime | None, lang: str) -> str:
    if value is None:
        return "—"
    return as_utc(value).strftime("%Y-%m-%d %H:%M UTC")


def _diploma_status(session: Session, diploma: Diploma) -> tuple[str, str]:
    """(status key, css class): revoked, suspended (the credential's status-list bits),
    superseded by a corrected diploma, else active."""
    from issuer.status import credential_entries, entries_state, state_name

    state = state_name(entries_state(session, credential_entries(diploma.credential)))
    if state == "revoked":
        return "revoked", "bad"
    if state == "suspended":
        return "suspended", "warn"
    if diploma.superseded_by_id is not None:
        return "superseded", "warn"
    return "active", "ok"


def _lang_value(value: Any, lang: str) -> str:
    from wallet_export.pdf import _language_map, _pick

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
        rows.append(
            f"<tr><td>{escape(d.series + ' ' + d.number) if d else ''}<br>{escape(link.label or '')}</td>"
            f"<td><code>{escape(link_url)}</code></td><td>{t('wallet.scope.' + link.scope)}</td>"
            f"<td>{_fmt_time(link.created, lang)}</td><td>{_fmt_time(link.expires_at, lang) if link.expires_at else t('wallet.share.never')}</td>"
            f"<td class={css}>{t('wallet.link.' + status)}</td><td>{revoke}</td></tr>"
        )
    share_table = (
        f"<table><tr><th></th><th>{t('wallet.share.link')}</th><th>{t('wallet.share.scope')}</th><th>{t('wallet.share.created')}</th>"
        f"<th>{t('wallet.share.expires')}</th><th>{t('wallet.status')}</th><th></th></tr>{''.join(rows)}</table>"
        if rows
        else f"<p>{t('wallet.share.none')}</p>"
    )
    log_rows = [
        f"<tr><td>{_fmt_time(entry.at, lang)}</td><td><code>…{escape(link.token[-6:])}</code> {escape(link.label or '')}</td>"
        f"<td>{escape(entry.organisation) if entry.organisation else t('wallet.log.unknown_org')}</td>"
        f"<td>{t('wallet.link.' + entry.outcome) if entry.outcome in ('ok', 'expired', 'revoked') else ''}</td></tr>"
        for entry, link in access_log_of(session, grad.graduate_id)
    ]
    log_table = (
        f"<table><tr><th>{t('wallet.log.when')}</th><th>{t('wallet.share.link')}</th><th>{t('wallet.log.organisation')}</th><th>{t('wallet.status')}</th></tr>{''.join(log_rows)}</table>"
        if log_rows
        else f"<p>{t('wallet.log.none')}</p>"
    )
    body = f"""<h1>{t("wallet.title")}</h1><p>{t("wallet.hello", name=name)}</p>
<form method=post action="/logout"><input type=hidden name=csrf value="{escape(grad.csrf_token)}"><button type=submit>{t("wallet.logout")}</button></form>
{"".join(parts)}
<section><h2>{t("wallet.share")}</h2>{share_table}</section>
<section><h2>{t("wallet.log")}</h2>{log_table}<p><small>{t("wallet.log.note")}</small></p></section>"""
    return _page(lang, i18n.t("wallet.title", lang), body)


@router.get("/me", include_in_schema=False)
def me(request: Request, session: Session = Depends(db_session)) -> Response:
    lang = _lang(request)
    grad = _graduate_session(request, session)
    if grad is None:
        response: Response = _page(
            lang,
            i18n.t("wallet.title", lang),
            f"<h1>{escape(i18n.t('wallet.title', lang))}</h1><p>{escape(i18n.t('wallet.login.required', lang))}</p>",
            status=401,
        )
    else:
        response = _render_me(request, session, grad, lang)
    if request.query_params.get("lang") in i18n.LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, path="/", samesite="lax", httponly=True)
    return response


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
    diploma = owned_diploma(session, grad.graduate_id, series, number, _lang(request))
    days = parse_expiry_days(expiry)
    create_share_link(session, diploma, scope=scope, expires_in_days=days, label=label)
    return RedirectResponse("/me", status_code=303)


@router.post("/me/share/{link_id}/revoke", include_in_schema=False)
def share_revoke(link_id: int, request: Request, csrf: str = Form(""), session: Session = Depends(db_session)) -> Response:
    grad = _check_csrf(_graduate_session(request, session), csrf)
    revoke_share_link(session, grad.graduate_id, link_id)
    return RedirectResponse("/me", status_code=303)
