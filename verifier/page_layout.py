"""The frame every verify page shares: the stylesheet (no JavaScript, a few KB), the language
switcher, the result banner's colour and headline, the list of checks."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

from common import i18n
from verifier import page_texts as _page_texts  # noqa: F401 - registers the catalogue
from verifier import texts as _texts  # noqa: F401 - registers the catalogue
from verifier.report import VerificationReport
from verifier.summary import pick

LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

CSS = (
    "*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "color:#1b1f24;background:#f4f5f7}header,main,footer{max-width:40rem;margin:0 auto;padding:.75rem 1rem}"
    "header{display:flex;justify-content:space-between;align-items:center;gap:.5rem;flex-wrap:wrap}"
    ".brand{font-weight:700;font-size:1.1rem}nav a{margin-left:.6rem;color:#0b57d0}nav a[aria-current]{font-weight:700;"
    "color:#1b1f24;text-decoration:none}.verdict{border-radius:.75rem;padding:1rem 1.1rem;color:#fff;margin:.25rem 0 1rem}"
    ".verdict h1{margin:0 0 .3rem;font-size:1.45rem;line-height:1.2}.verdict p{margin:0}.sym{font-size:1.6rem;margin-right:.4rem}"
    ".green{background:#12703a}.amber{background:#8a5a00}.red{background:#b3261e}"
    "section.card{background:#fff;border-radius:.75rem;padding:.9rem 1.1rem;margin-bottom:1rem;box-shadow:0 1px 2px #0002}"
    "h2{font-size:1.1rem;margin:0 0 .6rem}dl{margin:0}dt{font-size:.85rem;color:#5f6368}dd{margin:0 0 .55rem;font-weight:600}"
    "dd.warn{color:#8a5a00}"
    "ul{list-style:none;margin:0;padding:0}li{padding:.45rem 0;border-top:1px solid #e3e5e8}li:first-child{border-top:0}"
    ".st{display:inline-block;min-width:1.3rem;font-weight:700}.passed .st{color:#12703a}.failed .st{color:#b3261e}"
    ".warning .st,.indeterminate .st,.not_applicable .st{color:#8a5a00}.msg{display:block;font-size:.92rem;color:#3c4043}"
    "form{display:flex;gap:.5rem;flex-wrap:wrap}label{width:100%;font-size:.9rem}input,textarea{flex:1;min-width:10rem;"
    "padding:.5rem;font:inherit;border:1px solid #9aa0a6;border-radius:.4rem;max-width:100%}button{padding:.5rem 1rem;"
    "font:inherit;border:0;border-radius:.4rem;background:#0b57d0;color:#fff}footer{font-size:.85rem;color:#5f6368}"
    "a.newer{color:#fff;font-weight:700}"
    ".line{border-radius:.5rem;padding:.5rem .75rem;color:#fff;margin:0 0 .75rem;font-weight:700}"
    "table{width:100%;border-collapse:collapse;font-size:.9rem;margin:0 0 .6rem}th,td{text-align:left;padding:.3rem .25rem;"
    "border-top:1px solid #e3e5e8;vertical-align:top}th{font-size:.8rem;color:#5f6368;font-weight:400}td.n{text-align:right;"
    "white-space:nowrap}small{color:#5f6368}.line small{color:#fff;font-weight:400}details{margin-top:.5rem}summary{cursor:pointer;color:#0b57d0}"
)

SYMBOL = {"passed": "✓", "failed": "✗", "warning": "!", "indeterminate": "?", "not_applicable": "–", "skipped": "–"}


def t(key: str, lang: str, **params: Any) -> str:
    """A catalogue message, escaped for HTML."""
    return escape(i18n.t(key, lang, **params))


def _switcher(lang: str, path: str, query: dict[str, str]) -> str:
    links = []
    for code, name in LANG_NAMES.items():
        href = escape(path + "?" + urlencode({**query, "lang": code}))
        current = ' aria-current="true"' if code == lang else ""
        links.append(f'<a href="{href}" hreflang="{code}" lang="{code}"{current}>{name}</a>')
    return f'<nav aria-label="{t("verifier.page.language", lang)}">{"".join(links)}</nav>'


def document(lang: str, title: str, body: str, path: str, query: dict[str, str] | None = None) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex,nofollow">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)} · Dalel</title><style>{CSS}</style></head><body>"
        f'<header><span class="brand">Dalel</span>{_switcher(lang, path, query or {})}</header>'
        f"<main>{body}</main></body></html>"
    )


def verdict_view(report: VerificationReport) -> tuple[str, str, str]:
    """(colour class, headline key, detail key) for the result banner."""
    if any((c := report.check(i)) is not None and c.status == "failed" for i in ("proof", "issuer_key")):
        return "red", "verifier.verdict.not_genuine", "verifier.verdict.not_genuine.detail"
    if report.revoked:
        return "red", "verifier.verdict.revoked", "verifier.verdict.revoked.detail"
    if report.suspended:
        return "red", "verifier.verdict.suspended", "verifier.verdict.suspended.detail"
    verdict = report.verdict
    colour = {"valid": "green", "invalid": "red"}.get(verdict, "amber")
    return colour, f"verifier.verdict.{verdict}", f"verifier.verdict.{verdict}.detail"


def check_list(report: VerificationReport, lang: str, attribute: str = "data-check") -> str:
    items = []
    for check in report.checks:
        items.append(
            f'<li class="{check.status}" {attribute}="{escape(check.id)}" data-status="{check.status}">'
            f'<span class="st" aria-hidden="true">{SYMBOL.get(check.status, "–")}</span>'
            f'<b>{t("verifier.check.name." + check.id, lang)}</b>: {t("verifier.check.status." + check.status, lang)}'
            f'<span class="msg">{escape(check.message.get(lang, ""))}</span></li>'
        )
    return f'<ul>{"".join(items)}</ul>'


def reason(report: VerificationReport, lang: str) -> str:
    """Why a report is not valid (its first failed check, else the first not completed),
    escaped; "" for a valid one, or one whose headline already says it (revoked, suspended)."""
    if report.verdict == "valid" or report.revoked or report.suspended:
        return ""
    found = next((c for c in report.checks if c.status == "failed"), None) or next(
        (c for c in report.checks if c.unavailable), None
    )
    return escape(found.message.get(lang, "")) if found is not None else ""


def banner_symbol(colour: str) -> str:
    return {"green": "✓", "red": "✗"}.get(colour, "!")


def institution_rows(summary: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """(label key, text, css class) rows naming the institution: the trust list's name, and the
    credential's own where it differs or no trust list names it."""
    listed = pick(summary.get("institution"), lang)
    claimed = pick(summary.get("institution_claimed"), lang)
    if listed:
        rows = [("verifier.page.institution", listed, "")]
        if claimed:
            rows.append(("verifier.page.institution_claimed", claimed, "warn"))
        return rows
    name = claimed or summary.get("issuer") or ""
    if not name:
        return []
    return [("verifier.page.institution", i18n.t("verifier.page.institution_unlisted", lang, name=name), "warn")]
