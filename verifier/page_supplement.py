"""The Diploma Supplement that came with a diploma under one link, on the verify page: its own
verdict line, then what a recognition officer needs from its eight sections, in the reader's
language, every value escaped; nothing of it when its signature failed, "NOT confirmed" when
its signature could not be checked."""

from __future__ import annotations

from html import escape
from typing import Any

from common import i18n
from verifier.display import holder_line, local_date
from verifier.page_layout import banner_symbol, check_list, institution_rows, reason, t, verdict_view
from verifier.report import VerificationReport
from verifier.summary import pick


def _codes(value: str | None, prefix: str, lang: str) -> str:
    """A code (mode of study, language of instruction: "kk", "kk, ru"…) in the reader's language
    where it is a known one, else as written."""
    if not value:
        return ""
    catalogue = i18n.catalogue()
    parts = [p for p in value.replace(";", ",").split(",") if p.strip()]
    out = []
    for part in parts:
        key = f"verifier.page.supplement.{prefix}.{part.strip().lower()}"
        out.append(i18n.t(key, lang) if key in catalogue else part.strip())
    return ", ".join(out)


def _credit_total(courses: list[dict[str, Any]]) -> str:
    total = 0.0
    for course in courses:
        try:
            total += float(course.get("credits", 0))
        except (TypeError, ValueError):
            return ""
    return f"{total:g}" if total else ""


def render_supplement(report: VerificationReport, lang: str) -> str:
    """The Diploma Supplement that came with the diploma: its own verdict line, then what a
    recognition officer needs from its sections, in the reader's language, every value escaped."""
    info = report.credential.get("supplement") or {}
    colour, _headline, _detail = verdict_view(report)
    kind = "revoked" if report.revoked else "suspended" if report.suspended else report.verdict
    if report.genuine is False:
        info = {}  # nothing of a supplement whose signature failed is shown
    symbol = banner_symbol(colour)

    def s(key: str, **params: Any) -> str:
        return t(f"verifier.page.supplement.{key}", lang, **params)

    line = (
        f'<p class="line {colour}" role="status" data-supplement-verdict="{escape(report.verdict)}">'
        f'<span aria-hidden="true">{symbol}</span> {s("verdict." + kind)}'
    )
    why = reason(report, lang)
    if why:
        line += f"<br><small>{t('verifier.page.reason', lang)}: {why}</small>"
    if not report.confirmed:
        line += f"<br>{s('unconfirmed')}"
    line += "</p>"

    level = " · ".join(
        f"{name} {escape(info[key])}"
        for name, key in (("NQF", "nqf_level"), ("EQF", "eqf_level"), ("QF-EHEA", "qf_ehea_cycle"))
        if info.get(key)
    )
    length = " · ".join(
        part
        for part in (
            s("years", years=info["years"]) if info.get("years") else "",
            f"{escape(info['ects_credits'])} ECTS" if info.get("ects_credits") else "",
        )
        if part
    )
    programme = pick(info.get("programme"), lang)
    if info.get("programme_code"):
        programme = f"{info['programme_code']} {programme}".strip()
    holder = holder_line(info, lang)
    awarded = local_date(info.get("awarded_at") or info.get("award_date"), lang)
    certified = " · ".join(v for v in (local_date(info.get("awarded_at") or info.get("certification_date"), lang),
                                       info.get("certified_by")) if v)
    # the awarding institution as the trust list names the issuer; the supplement's own words beside
    names = dict(report.credential)
    if not names.get("institution"):
        names["institution_claimed"] = names.get("institution_claimed") or info.get("institution")
    text_fields = [
        ("holder", holder),
        ("qualification", pick(info.get("qualification"), lang)),
        ("verifier.page.programme", programme),
        ("level", level),
        ("length", length),
        ("field_of_study", info.get("field_of_study")),
        *[(key, text) for key, text, _css in institution_rows(names, lang)],
        ("language_of_instruction", _codes(info.get("language_of_instruction"), "language", lang)),
        ("access_requirements", pick(info.get("access_requirements"), lang)),
        ("mode_of_study", _codes(info.get("mode_of_study"), "mode", lang)),
    ]
    rows = []
    for key, value in text_fields:
        if value:
            label = t(key, lang) if key.startswith("verifier.") else s(key)
            shown = value if key in ("level", "length") else escape(str(value))  # built from escaped parts
            rows.append(f"<dt>{label}</dt><dd>{shown}</dd>")
    results = [
        ("gpa", info.get("gpa")),
        ("classification", pick(info.get("classification"), lang)),
        ("grading_scheme", pick(info.get("grading_scheme"), lang)),
        ("further_study", pick(info.get("further_study"), lang)),
        ("professional_status", pick(info.get("professional_status"), lang)),
        ("verifier.page.award_date", awarded),
        ("certification", certified),
    ]
    after = []
    for key, value in results:
        if value:
            label = t(key, lang) if key.startswith("verifier.") else s(key)
            after.append(f'<dt>{label}</dt><dd data-field="{key.rsplit(".", 1)[-1]}">{escape(str(value))}</dd>')

    courses = info.get("courses") or []
    table = ""
    if courses:
        body = []
        for course in courses:
            title = pick(course.get("title"), lang)
            code = course.get("code") or ""
            term = f" <small>{escape(course['term'])}</small>" if course.get("term") else ""
            grade = course.get("grade") or ""
            if course.get("grade_points"):
                grade = f"{grade} ({course['grade_points']})" if grade else course["grade_points"]
            body.append(
                f"<tr><td>{escape(title)}<br><small>{escape(code)}</small>{term}</td>"
                f'<td class="n">{escape(course.get("credits") or "")}</td><td class="n">{escape(grade)}</td></tr>'
            )
        total = _credit_total(courses)
        foot = (
            f'<tfoot><tr><th>{s("total_credits")}</th><th class="n">{escape(total)}</th><th></th></tr></tfoot>' if total else ""
        )
        table = (
            f"<h2>{s('courses')}</h2><table><thead><tr><th>{s('course')}</th><th class=\"n\">{s('credits')}</th>"
            f"<th class=\"n\">{s('grade')}</th></tr></thead><tbody>{''.join(body)}</tbody>{foot}</table>"
        )
    national = pick(info.get("national_system"), lang)
    national_block = (
        f"<details><summary>{s('national_system')}</summary><p>{escape(national)}</p></details>" if national else ""
    )
    checks = f"<details><summary>{s('checks')}</summary>{check_list(report, lang, 'data-supplement-check')}</details>"
    return (
        f'<section class="card" id="supplement" data-section="supplement"><h2>{s("title")}</h2>{line}'
        f'<dl>{"".join(rows)}</dl>{table}<dl>{"".join(after)}</dl>{national_block}{checks}</section>'
    )
