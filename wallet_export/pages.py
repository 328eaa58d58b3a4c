"""What the graduate's pages share: their words in kk/ru/en, the layout (a phone first: the
tables turn into cards on a narrow screen), the security headers, and the reader's language,
which a choice on any page (``?lang=``, kept in a cookie) carries to the next one."""

from __future__ import annotations

from datetime import datetime
from html import escape

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from common import i18n
from common.web import request_language
from keys._time import as_utc

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
LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
LANG_COOKIE = "dalel_lang"

# a phone first: under 40rem a table's rows become cards, each cell labelled by its column
_STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1f24}
nav{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
section{border:1px solid #ccd;border-radius:8px;padding:1rem;margin:1rem 0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde;padding:.3rem;text-align:left;
vertical-align:top;overflow-wrap:anywhere}.ok{color:#0a6b2d}.bad{color:#a11}.warn{color:#8a5a00}
code{word-break:break-all}img.qr{width:9rem;height:9rem}form.inline{display:inline}label{display:inline-block}
input,select{max-width:100%}
@media (max-width:40rem){table.cards thead{display:none}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:auto}
table.cards tr{border:1px solid #dde;border-radius:6px;margin:.5rem 0;padding:.3rem}
table.cards td{border:0;padding:.15rem .3rem}table.cards td[data-label]::before{content:attr(data-label) ": ";
font-weight:600}}"""


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


def page(lang: str, title: str, body: str, *, status: int = 200, path: str = "/me") -> HTMLResponse:
    current = ' aria-current="true"'
    switcher = " · ".join(
        f'<a href="{escape(path)}?lang={code}"{current if code == lang else ""}>{name}</a>'
        for code, name in LANG_NAMES.items()
    )
    html = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>{escape(title)} — Dalel</title>
<style>{_STYLE}</style></head>
<body><nav><strong>Dalel</strong><span>{escape(i18n.t("wallet.language", lang))}: {switcher}</span></nav>
{body}</body></html>"""
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)


def cards(headers: list[str], rows: list[list[str]]) -> str:
    """A table that reads as cards on a phone: `headers` are plain text, `rows` HTML cells."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td data-label="{escape(h)}">{cell}</td>' if h else f"<td>{cell}</td>"
                         for h, cell in zip(headers, row, strict=True)) + "</tr>"
        for row in rows
    )
    return f'<table class=cards><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def format_time(value: datetime | None, lang: str) -> str:
    if value is None:
        return "—"
    return as_utc(value).strftime("%Y-%m-%d %H:%M UTC")


__all__ = ["LANG_COOKIE", "PAGE_HEADERS", "cards", "format_time", "page", "page_language", "remember_language"]
