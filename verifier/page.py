"""The public verification page (the URL in every QR): server-rendered HTML, mobile first, no
JavaScript, a few KB. The result comes first, in words and colour; then the diploma's details
and every check. Never an IIN, a birth date or an identity hash."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

from common import i18n
from verifier.pipeline import pick
from verifier.report import VerificationReport

_DEGREE_TYPES = {
    "BachelorDegree": {"kk": "Бакалавр дәрежесі", "ru": "Степень бакалавра", "en": "Bachelor's degree"},
    "MasterDegree": {"kk": "Магистр дәрежесі", "ru": "Степень магистра", "en": "Master's degree"},
    "DoctoralDegree": {"kk": "Доктор дәрежесі", "ru": "Докторская степень", "en": "Doctoral degree"},
    "Diploma": {"kk": "Диплом", "ru": "Диплом", "en": "Diploma"},
    "Certificate": {"kk": "Сертификат", "ru": "Сертификат", "en": "Certificate"},
}
i18n.register({f"verifier.degree.{name}": texts for name, texts in _DEGREE_TYPES.items()})


def _degree(summary: dict, lang: str) -> str:
    """The kind of award in the reader's language (from achievementType), else the credential's name."""
    kind = summary.get("achievement_type")
    if isinstance(kind, str) and kind in _DEGREE_TYPES:
        return i18n.t(f"verifier.degree.{kind}", lang)
    return pick(summary.get("degree"), lang)


i18n.register(
    {
        "verifier.page.title": {"kk": "Дипломды тексеру", "ru": "Проверка диплома", "en": "Diploma verification"},
        "verifier.page.details": {"kk": "Диплом туралы", "ru": "Сведения о дипломе", "en": "About the diploma"},
        "verifier.page.checks": {"kk": "Тексерулер", "ru": "Проверки", "en": "Checks"},
        "verifier.page.details_unconfirmed": {
            "kk": "Құжатта жазылғаны (РАСТАЛМАҒАН)",
            "ru": "Что написано в документе (НЕ ПОДТВЕРЖДЕНО)",
            "en": "What the document claims (NOT confirmed)",
        },
        "verifier.page.reason": {"kk": "Себебі", "ru": "Причина", "en": "Reason"},
        "verifier.page.holder": {"kk": "Иесі", "ru": "Владелец", "en": "Holder"},
        "verifier.page.degree": {"kk": "Дәреже / біліктілік", "ru": "Степень / квалификация", "en": "Degree"},
        "verifier.page.programme": {"kk": "Білім беру бағдарламасы", "ru": "Образовательная программа", "en": "Programme"},
        "verifier.page.institution": {"kk": "Жоғары оқу орны", "ru": "Вуз", "en": "Institution"},
        "verifier.page.series_number": {"kk": "Сериясы мен нөмірі", "ru": "Серия и номер", "en": "Series and number"},
        "verifier.page.award_date": {"kk": "Берілген күні", "ru": "Дата выдачи", "en": "Award date"},
        "verifier.page.verified_at": {"kk": "Тексерілген уақыты", "ru": "Время проверки", "en": "Verified at"},
        "verifier.page.newer_version": {
            "kk": "Жаңа нұсқасын ашу",
            "ru": "Открыть новую версию",
            "en": "Open the newer version",
        },
        "verifier.page.organisation": {
            "kk": "Ұйымыңыз (міндетті емес, диплом иесі көреді)",
            "ru": "Ваша организация (необязательно, увидит владелец диплома)",
            "en": "Your organisation (optional, shown to the diploma holder)",
        },
        "verifier.page.send": {"kk": "Жіберу", "ru": "Отправить", "en": "Send"},
        "verifier.page.json": {"kk": "Машинаға арналған нұсқа (JSON)", "ru": "Версия для программ (JSON)", "en": "Machine-readable (JSON)"},
        "verifier.page.language": {"kk": "Тіл", "ru": "Язык", "en": "Language"},
        "verifier.page.unknown.title": {
            "kk": "Тексеру сілтемесі табылмады",
            "ru": "Ссылка для проверки не найдена",
            "en": "Verification link not found",
        },
        "verifier.page.unknown.detail": {
            "kk": "Сілтемені немесе QR кодты қайта тексеріңіз. Дұрыс сілтеме дипломды жарамды деп көрсетеді.",
            "ru": "Проверьте ссылку или QR-код ещё раз. По правильной ссылке диплом открывается с результатом проверки.",
            "en": "Check the link or QR code again. A genuine link opens the diploma with its verification result.",
        },
        "verifier.page.expired.title": {
            "kk": "Бұл сілтеменің мерзімі өтіп кетті",
            "ru": "Срок действия этой ссылки истёк",
            "en": "This link has expired",
        },
        "verifier.page.expired.detail": {
            "kk": "Диплом иесінен жаңа сілтеме сұраңыз. Бұл дипломның жарамсыз екенін білдірмейді.",
            "ru": "Попросите владельца диплома прислать новую ссылку. Это не значит, что диплом недействителен.",
            "en": "Ask the diploma holder for a new link. This does not mean the diploma is invalid.",
        },
        "verifier.page.withdrawn.title": {
            "kk": "Бұл сілтемені диплом иесі жойған",
            "ru": "Владелец диплома отозвал эту ссылку",
            "en": "The diploma holder has withdrawn this link",
        },
        "verifier.page.withdrawn.detail": {
            "kk": "Диплом иесінен жаңа сілтеме сұраңыз. Бұл дипломның жарамсыз екенін білдірмейді.",
            "ru": "Попросите владельца диплома прислать новую ссылку. Это не значит, что диплом недействителен.",
            "en": "Ask the diploma holder for a new link. This does not mean the diploma is invalid.",
        },
        "verifier.page.unavailable.title": {
            "kk": "Қазір тексеру мүмкін емес",
            "ru": "Проверка сейчас недоступна",
            "en": "Verification is unavailable right now",
        },
        "verifier.page.unavailable.detail": {
            "kk": "Кейінірек қайталап көріңіз.",
            "ru": "Попробуйте позже.",
            "en": "Please try again later.",
        },
        "verifier.page.too_many.title": {
            "kk": "Сұраулар тым көп",
            "ru": "Слишком много запросов",
            "en": "Too many requests",
        },
        "verifier.page.too_many.detail": {
            "kk": "{seconds} секундтан кейін қайталаңыз.",
            "ru": "Повторите через {seconds} с.",
            "en": "Try again in {seconds} seconds.",
        },
    }
)

LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

_CSS = (
    "*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "color:#1b1f24;background:#f4f5f7}header,main,footer{max-width:40rem;margin:0 auto;padding:.75rem 1rem}"
    "header{display:flex;justify-content:space-between;align-items:center;gap:.5rem;flex-wrap:wrap}"
    ".brand{font-weight:700;font-size:1.1rem}nav a{margin-left:.6rem;color:#0b57d0}nav a[aria-current]{font-weight:700;"
    "color:#1b1f24;text-decoration:none}.verdict{border-radius:.75rem;padding:1rem 1.1rem;color:#fff;margin:.25rem 0 1rem}"
    ".verdict h1{margin:0 0 .3rem;font-size:1.45rem;line-height:1.2}.verdict p{margin:0}.sym{font-size:1.6rem;margin-right:.4rem}"
    ".green{background:#12703a}.amber{background:#8a5a00}.red{background:#b3261e}"
    "section.card{background:#fff;border-radius:.75rem;padding:.9rem 1.1rem;margin-bottom:1rem;box-shadow:0 1px 2px #0002}"
    "h2{font-size:1.1rem;margin:0 0 .6rem}dl{margin:0}dt{font-size:.85rem;color:#5f6368}dd{margin:0 0 .55rem;font-weight:600}"
    "ul{list-style:none;margin:0;padding:0}li{padding:.45rem 0;border-top:1px solid #e3e5e8}li:first-child{border-top:0}"
    ".st{display:inline-block;min-width:1.3rem;font-weight:700}.passed .st{color:#12703a}.failed .st{color:#b3261e}"
    ".warning .st,.skipped .st{color:#8a5a00}.msg{display:block;font-size:.92rem;color:#3c4043}"
    "form{display:flex;gap:.5rem;flex-wrap:wrap}label{width:100%;font-size:.9rem}input{flex:1;min-width:10rem;padding:.5rem;"
    "font:inherit;border:1px solid #9aa0a6;border-radius:.4rem}button{padding:.5rem 1rem;font:inherit;border:0;border-radius:.4rem;"
    "background:#0b57d0;color:#fff}footer{font-size:.85rem;color:#5f6368}a.newer{color:#fff;font-weight:700}"
)

_SYMBOL = {"passed": "✓", "failed": "✗", "warning": "!", "skipped": "–"}


def _t(key: str, lang: str, **params: Any) -> str:
    return escape(i18n.t(key, lang, **params))


def _switcher(lang: str, path: str, query: dict[str, str]) -> str:
    links = []
    for code, name in LANG_NAMES.items():
        href = escape(path + "?" + urlencode({**query, "lang": code}))
        current = ' aria-current="true"' if code == lang else ""
        links.append(f'<a href="{href}" hreflang="{code}" lang="{code}"{current}>{name}</a>')
    return f'<nav aria-label="{_t("verifier.page.language", lang)}">{"".join(links)}</nav>'


def _document(lang: str, title: str, body: str, path: str, query: dict[str, str] | None = None) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex,nofollow">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)} · Dalel</title><style>{_CSS}</style></head><body>"
        f'<header><span class="brand">Dalel</span>{_switcher(lang, path, query or {})}</header>'
        f"<main>{body}</main></body></html>"
    )


def verdict_view(report: VerificationReport) -> tuple[str, str, str]:
    """(colour class, headline key, detail key) for the result banner."""
    verdict = report.verdict
    if report.revoked:
        return "red", "verifier.verdict.revoked", "verifier.verdict.revoked.detail"
    if report.suspended:
        return "red", "verifier.verdict.suspended", "verifier.verdict.suspended.detail"
    colour = {"valid": "green", "invalid": "red"}.get(verdict, "amber")
    return colour, f"verifier.verdict.{verdict}", f"verifier.verdict.{verdict}.detail"


def render_report(report: VerificationReport, lang: str, *, path: str, token: str | None = None) -> str:
    colour, headline, detail = verdict_view(report)
    symbol = {"green": "✓", "red": "✗"}.get(colour, "!")
    summary = report.credential
    banner = (
        f'<section class="verdict {colour}" role="status" data-verdict="{escape(report.verdict)}">'
        f'<h1><span class="sym" aria-hidden="true">{symbol}</span>{_t(headline, lang)}</h1>'
        f"<p>{_t(detail, lang)}</p>"
    )
    if report.verdict != "valid" and not (report.revoked or report.suspended):
        reason = next((c for c in report.checks if c.status == "failed"), None) or next(
            (c for c in report.checks if c.unavailable), None
        )
        if reason is not None:
            banner += f"<p><b>{_t('verifier.page.reason', lang)}:</b> {escape(reason.message.get(lang, ''))}</p>"
    superseded = report.check("supersession")
    if superseded is not None and superseded.link:
        banner += (
            f"<p>{escape(superseded.message[lang])} — "
            f'<a class="newer" href="{escape(superseded.link)}">{_t("verifier.page.newer_version", lang)}</a></p>'
        )
    banner += "</section>"

    rows = []
    programme = pick(summary.get("programme"), lang)
    if summary.get("programme_code"):
        programme = f"{summary['programme_code']} {programme}".strip()
    fields = [
        ("verifier.page.holder", summary.get("holder") or ""),
        ("verifier.page.degree", _degree(summary, lang)),
        ("verifier.page.programme", programme),
        ("verifier.page.institution", pick(summary.get("institution"), lang) or summary.get("issuer") or ""),
        ("verifier.page.series_number", summary.get("series_number") or ""),
        ("verifier.page.award_date", summary.get("award_date") or ""),
    ]
    for key, value in fields:
        if value:
            rows.append(f"<dt>{_t(key, lang)}</dt><dd>{escape(str(value))}</dd>")
    heading = "verifier.page.details" if report.verdict != "invalid" or report.revoked or report.suspended else "verifier.page.details_unconfirmed"
    details = f'<section class="card"><h2>{_t(heading, lang)}</h2><dl>{"".join(rows)}</dl></section>'

    items = []
    for check in report.checks:
        items.append(
            f'<li class="{check.status}" data-check="{check.id}" data-status="{check.status}">'
            f'<span class="st" aria-hidden="true">{_SYMBOL[check.status]}</span>'
            f'<b>{_t("verifier.check.name." + check.id, lang)}</b>: {_t("verifier.check.status." + check.status, lang)}'
            f'<span class="msg">{escape(check.message.get(lang, ""))}</span></li>'
        )
    checks = f'<section class="card"><h2>{_t("verifier.page.checks", lang)}</h2><ul>{"".join(items)}</ul></section>'

    extra = ""
    if token:
        extra = (
            f'<section class="card"><form method="get" action="{escape(path)}">'
            f'<label for="org">{_t("verifier.page.organisation", lang)}</label>'
            f'<input type="hidden" name="lang" value="{lang}">'
            f'<input id="org" name="org" maxlength="200" autocomplete="organization">'
            f'<button type="submit">{_t("verifier.page.send", lang)}</button></form></section>'
        )
    json_link = f"/api/v1/verify/{escape(token)}" if token else ""
    footer = (
        f"<footer><p>{_t('verifier.page.verified_at', lang)}: {escape(report.verified_at)}"
        + (f' · <a href="{json_link}">{_t("verifier.page.json", lang)}</a>' if json_link else "")
        + "</p></footer>"
    )
    return _document(lang, i18n.t(headline, lang), banner + details + checks + extra + footer, path)


def render_message(kind: str, lang: str, *, path: str, colour: str = "amber", **params: Any) -> str:
    """A page for an unknown, expired or withdrawn link, or an outage."""
    title = i18n.t(f"verifier.page.{kind}.title", lang)
    body = (
        f'<section class="verdict {colour}" role="status" data-page="{kind}"><h1>{escape(title)}</h1>'
        f"<p>{_t(f'verifier.page.{kind}.detail', lang, **params)}</p></section>"
    )
    return _document(lang, title, body, path)
