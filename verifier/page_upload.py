"""The upload page ``/verify``: paste a verification link or a credential, or upload the PDF
diploma, a photo of its QR code or the credential file, and see the result. A plain HTML form
(``multipart/form-data``), no JavaScript, in kk/ru/en."""

from __future__ import annotations

from html import escape
from typing import Any

from common import i18n
from verifier.page_layout import document, t


def _form(lang: str) -> str:
    return (
        f'<section class="card"><form method="post" action="/verify?lang={lang}" enctype="multipart/form-data">'
        f'<label for="input">{t("verifier.page.upload.input", lang)}</label>'
        '<textarea id="input" name="input" rows="3" autocomplete="off"></textarea>'
        f'<label for="file">{t("verifier.page.upload.file", lang)}</label>'
        '<input id="file" name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,.json,.jwt,application/pdf,image/png,image/jpeg,application/json">'
        f'<button type="submit">{t("verifier.page.upload.submit", lang)}</button></form></section>'
    )


def _presentation(outcome: Any, lang: str) -> str:
    items = []
    for index, report in enumerate(outcome.reports):
        verdict = report.verdict if report is not None else "invalid"
        holder = (report.credential.get("holder") if report is not None and report.credential.get("confirmed") else "") or ""
        items.append(f'<li data-credential="{index}" data-verdict="{verdict}"><b>{t("verifier.verdict." + verdict, lang)}</b>'
                     f'<span class="msg">{escape(holder)}</span></li>')
    colour = {"valid": "green", "invalid": "red"}.get(outcome.verdict, "amber")
    return (
        f'<section class="verdict {colour}" role="status" data-verdict="{outcome.verdict}">'
        f'<h1>{t("verifier.verdict." + outcome.verdict, lang)}</h1></section>'
        f'<section class="card"><h2>{t("verifier.page.upload.presentation", lang)}</h2><ul>{"".join(items)}</ul></section>'
    )


def render_upload(lang: str, *, problem: Any = None, presentation: Any = None) -> str:
    """The form; above it, why the last upload could not be verified, or a presentation's result."""
    title = i18n.t("verifier.page.upload.title", lang)
    top = ""
    if problem is not None:
        detail = problem.detail_in(lang) if hasattr(problem, "detail_in") else ""
        top = (
            f'<section class="verdict red" role="alert" data-problem="{escape(problem.code)}">'
            f"<h1>{t('verifier.page.upload.error', lang)}</h1><p>{escape(problem.title(lang))}</p>"
            + (f"<p>{escape(detail)}</p>" if detail else "") + "</section>"
        )
    elif presentation is not None:
        top = _presentation(presentation, lang)
    lead = f'<section class="card"><h2>{escape(title)}</h2><p>{t("verifier.page.upload.lead", lang)}</p></section>'
    return document(lang, title, top + lead + _form(lang), "/verify")
