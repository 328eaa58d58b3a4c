"""The public verification page (the URL in every QR): server-rendered HTML, mobile first, no
JavaScript, a few KB, noindex. The result comes first, in words and colour; then the diploma's
details and every check. Never an IIN, a birth date or an identity hash.

Honest headlines: a failed signature (or a key that is not the issuer's) says "NOT genuine",
never "REVOKED"; a credential whose signature did not pass shows no detail as a fact (none at
all when it failed, "NOT confirmed" when it could not be checked). The institution is named as
the trust list names it; where the credential calls itself otherwise, both are shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from common import i18n, vocab
from common.degrees import degree_name as kind_name
from verifier.display import award_date, local_datetime, name_in
from verifier.page_layout import (
    CSS,
    LANG_NAMES,
    SYMBOL,
    banner_symbol,
    check_list,
    document,
    institution_rows,
    reason,
    t,
    verdict_view,
)
from verifier.page_supplement import render_supplement
from verifier.report import VerificationReport
from verifier.summary import pick

__all__ = ["CSS", "LANG_NAMES", "SYMBOL", "check_list", "degree_name", "document", "reason", "render_message",
           "render_report", "render_supplement", "verdict_view"]

def degree_name(summary: dict, lang: str) -> str:
    """The kind of award in the reader's language (from achievementType), else the credential's name."""
    return kind_name(summary.get("achievement_type"), lang) or pick(summary.get("degree"), lang)



def details_rows(report: VerificationReport, lang: str) -> tuple[str, list[tuple[str, str, str]]]:
    """(heading key, rows (label key, text, css class)) of what the credential says, as far as
    its signature confirms it: nothing when the signature failed."""
    summary = report.credential
    if report.genuine is False or len(summary) <= 1:
        return "verifier.page.not_genuine_details", []
    programme = pick(summary.get("programme"), lang)
    if summary.get("programme_code"):
        programme = f"{summary['programme_code']} {programme}".strip()
    fields: list[tuple[str, str, str]] = [
        ("verifier.page.holder", name_in(summary.get("holder_names") or summary.get("holder"), lang), ""),
        ("verifier.page.degree", degree_name(summary, lang), ""),
        ("verifier.page.programme", programme, ""),
        *institution_rows(summary, lang),
        ("verifier.page.series_number", summary.get("series_number") or "", ""),
        ("verifier.page.award_date", award_date(summary, lang), ""),
    ]
    heading = "verifier.page.details" if report.confirmed else "verifier.page.details_unconfirmed"
    return heading, [(key, str(value), css) for key, value, css in fields if value]


def _css_class(css: str) -> str:
    return f' class="{css}"' if css else ""


def details_card(report: VerificationReport, lang: str) -> str:
    heading, rows = details_rows(report, lang)
    if not rows:
        return f'<section class="card" data-details="omitted"><p>{t(heading, lang)}</p></section>'
    items = "".join(
        f"<dt>{t(key, lang)}</dt><dd{_css_class(css)}>{escape(value)}</dd>" for key, value, css in rows
    )
    confirmed = "true" if report.confirmed else "false"
    return f'<section class="card" data-confirmed="{confirmed}"><h2>{t(heading, lang)}</h2><dl>{items}</dl></section>'


def banner(report: VerificationReport, lang: str) -> tuple[str, str]:
    """(the result banner's HTML, its headline key)."""
    colour, headline, detail = verdict_view(report)
    symbol = banner_symbol(colour)
    html = (
        f'<section class="verdict {colour}" role="status" data-verdict="{escape(report.verdict)}">'
        f'<h1><span class="sym" aria-hidden="true">{symbol}</span>{t(headline, lang)}</h1>'
        f"<p>{t(detail, lang)}</p>"
    )
    why = reason(report, lang)
    if why:
        html += f"<p><b>{t('verifier.page.reason', lang)}:</b> {why}</p>"
    superseded = report.check("supersession")
    if superseded is not None and superseded.link:
        html += (
            f"<p>{escape(superseded.message[lang])} — "
            f'<a class="newer" href="{escape(superseded.link)}">{t("verifier.page.newer_version", lang)}</a></p>'
        )
    return html + "</section>", headline


def render_report(
    report: VerificationReport,
    lang: str,
    *,
    path: str,
    token: str | None = None,
    related: Sequence[VerificationReport] = (),
) -> str:
    """The page of a verified diploma; `related`: the further credentials that came with it
    under the same link (a Diploma Supplement is shown, verified, after the diploma's checks)."""
    top, headline = banner(report, lang)
    checks = f'<section class="card"><h2>{t("verifier.page.checks", lang)}</h2>{check_list(report, lang)}</section>'
    checks += "".join(render_supplement(r, lang) for r in related if vocab.is_supplement(r.credential))
    extra = ""
    if token:
        extra = (
            f'<section class="card"><form method="get" action="{escape(path)}">'
            f'<label for="org">{t("verifier.page.organisation", lang)}</label>'
            f'<input type="hidden" name="lang" value="{lang}">'
            f'<input id="org" name="org" maxlength="200" autocomplete="organization">'
            f'<button type="submit">{t("verifier.page.send", lang)}</button></form></section>'
        )
    json_link = f"/api/v1/verify/{escape(token)}" if token else ""
    footer = (
        f"<footer><p>{t('verifier.page.verified_at', lang)}: {escape(local_datetime(report.verified_at, lang))}"
        + (f' · <a href="{json_link}">{t("verifier.page.json", lang)}</a>' if json_link else "")
        + "</p></footer>"
    )
    body = top + details_card(report, lang) + checks + extra + footer
    return document(lang, i18n.t(headline, lang), body, path)


def render_message(kind: str, lang: str, *, path: str, colour: str = "amber", problem: Any = None, **params: Any) -> str:
    """A page for an unknown, expired or withdrawn link, an outage, or a problem."""
    title = i18n.t(f"verifier.page.{kind}.title", lang)
    if problem is not None:
        colour = "red"
        text = escape(problem.detail_in(lang) if hasattr(problem, "detail_in") else problem.title(lang))
    else:
        text = t(f"verifier.page.{kind}.detail", lang, **params)
    body = (
        f'<section class="verdict {colour}" role="status" data-page="{kind}"><h1>{escape(title)}</h1>'
        f"<p>{text}</p></section>"
    )
    return document(lang, title, body, path)
