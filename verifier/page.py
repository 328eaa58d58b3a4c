"""The public verification page (the URL in every QR): server-rendered HTML, mobile first, no
JavaScript, a few KB. The result comes first, in words and colour; then the diploma's details
and every check. Never an IIN, a birth date or an identity hash."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any
from urllib.parse import urlencode

from common import i18n
from common.degrees import degree_name
from verifier.display import award_date, holder_line, local_date, local_datetime, name_in
from verifier.report import VerificationReport
from verifier.summary import pick


def _degree(summary: dict, lang: str) -> str:
    """The kind of award in the reader's language (from achievementType), else the credential's name."""
    return degree_name(summary.get("achievement_type"), lang) or pick(summary.get("degree"), lang)


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

_SUPPLEMENT_TEXTS = {
    "title": {"kk": "Дипломға қосымша", "ru": "Приложение к диплому", "en": "Diploma Supplement"},
    "verdict.valid": {"kk": "Қосымша жарамды", "ru": "Приложение действительно", "en": "The supplement is valid"},
    "verdict.invalid": {"kk": "Қосымша ЖАРАМСЫЗ", "ru": "Приложение НЕДЕЙСТВИТЕЛЬНО", "en": "The supplement is NOT valid"},
    "verdict.untrusted": {
        "kk": "Қосымшаны берген ұйым сенімді тізімде жоқ",
        "ru": "Издатель приложения не найден в доверенном списке",
        "en": "The supplement's issuer is not in a trusted list",
    },
    "verdict.indeterminate": {
        "kk": "Қосымшаны қазір толық тексеру мүмкін емес",
        "ru": "Приложение сейчас невозможно проверить полностью",
        "en": "The supplement could not be fully checked right now",
    },
    "verdict.revoked": {"kk": "Қосымша КЕРІ ҚАЙТАРЫЛДЫ", "ru": "Приложение ОТОЗВАНО", "en": "The supplement has been REVOKED"},
    "verdict.suspended": {
        "kk": "Қосымшаның күші ТОҚТАТЫЛДЫ",
        "ru": "Действие приложения ПРИОСТАНОВЛЕНО",
        "en": "The supplement is SUSPENDED",
    },
    "unconfirmed": {
        "kk": "Төмендегі мәліметтер РАСТАЛМАҒАН",
        "ru": "Сведения ниже НЕ ПОДТВЕРЖДЕНЫ",
        "en": "The details below are NOT confirmed",
    },
    "holder": {"kk": "Біліктілік иесі", "ru": "Обладатель квалификации", "en": "Holder of the qualification"},
    "qualification": {"kk": "Біліктілік", "ru": "Квалификация", "en": "Qualification"},
    "field_of_study": {"kk": "Білім саласы", "ru": "Область образования", "en": "Field of study"},
    "language_of_instruction": {"kk": "Оқыту тілі", "ru": "Язык обучения", "en": "Language of instruction"},
    "level": {"kk": "Біліктілік деңгейі", "ru": "Уровень квалификации", "en": "Level of the qualification"},
    "length": {"kk": "Ресми оқу мерзімі", "ru": "Нормативный срок обучения", "en": "Official length of the programme"},
    "years": {"kk": "{years} жыл", "ru": "{years} г.", "en": "{years} years"},
    "access_requirements": {"kk": "Түсу талаптары", "ru": "Требования к поступлению", "en": "Access requirements"},
    "mode_of_study": {"kk": "Оқу нысаны", "ru": "Форма обучения", "en": "Mode of study"},
    "courses": {"kk": "Пәндер мен бағалар", "ru": "Дисциплины и оценки", "en": "Courses and grades"},
    "course": {"kk": "Пән", "ru": "Дисциплина", "en": "Course"},
    "credits": {"kk": "Кредит", "ru": "Кредиты", "en": "Credits"},
    "grade": {"kk": "Баға", "ru": "Оценка", "en": "Grade"},
    "total_credits": {"kk": "Барлық кредит", "ru": "Всего кредитов", "en": "Total credits"},
    "grading_scheme": {"kk": "Бағалау жүйесі", "ru": "Система оценивания", "en": "Grading scheme"},
    "gpa": {"kk": "Орташа балл (GPA)", "ru": "Средний балл (GPA)", "en": "Grade point average (GPA)"},
    "classification": {"kk": "Жалпы нәтиже", "ru": "Общая классификация", "en": "Overall classification"},
    "further_study": {"kk": "Әрі қарай оқуға мүмкіндік", "ru": "Доступ к дальнейшему обучению", "en": "Access to further study"},
    "professional_status": {"kk": "Кәсіби мәртебе", "ru": "Профессиональный статус", "en": "Professional status"},
    "certification": {"kk": "Куәландырылды", "ru": "Заверено", "en": "Certified"},
    "national_system": {
        "kk": "Ұлттық жоғары білім жүйесі",
        "ru": "Национальная система высшего образования",
        "en": "National higher education system",
    },
    "checks": {"kk": "Қосымшаны тексерулер", "ru": "Проверки приложения", "en": "Checks of the supplement"},
    "mode.full-time": {"kk": "күндізгі", "ru": "очная", "en": "full-time"},
    "mode.part-time": {"kk": "сырттай", "ru": "заочная", "en": "part-time"},
    "mode.evening": {"kk": "кешкі", "ru": "вечерняя", "en": "evening"},
    "mode.distance": {"kk": "қашықтықтан", "ru": "дистанционная", "en": "distance"},
    "mode.online": {"kk": "онлайн", "ru": "онлайн", "en": "online"},
    "language.kk": {"kk": "қазақ тілі", "ru": "казахский", "en": "Kazakh"},
    "language.ru": {"kk": "орыс тілі", "ru": "русский", "en": "Russian"},
    "language.en": {"kk": "ағылшын тілі", "ru": "английский", "en": "English"},
}
i18n.register({f"verifier.page.supplement.{key}": value for key, value in _SUPPLEMENT_TEXTS.items()})

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
    ".line{border-radius:.5rem;padding:.5rem .75rem;color:#fff;margin:0 0 .75rem;font-weight:700}"
    "table{width:100%;border-collapse:collapse;font-size:.9rem;margin:0 0 .6rem}th,td{text-align:left;padding:.3rem .25rem;"
    "border-top:1px solid #e3e5e8;vertical-align:top}th{font-size:.8rem;color:#5f6368;font-weight:400}td.n{text-align:right;"
    "white-space:nowrap}small{color:#5f6368}.line small{color:#fff;font-weight:400}details{margin-top:.5rem}summary{cursor:pointer;color:#0b57d0}"
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


def _check_list(report: VerificationReport, lang: str, attribute: str = "data-check") -> str:
    items = []
    for check in report.checks:
        items.append(
            f'<li class="{check.status}" {attribute}="{escape(check.id)}" data-status="{check.status}">'
            f'<span class="st" aria-hidden="true">{_SYMBOL[check.status]}</span>'
            f'<b>{_t("verifier.check.name." + check.id, lang)}</b>: {_t("verifier.check.status." + check.status, lang)}'
            f'<span class="msg">{escape(check.message.get(lang, ""))}</span></li>'
        )
    return f'<ul>{"".join(items)}</ul>'


def _reason(report: VerificationReport, lang: str) -> str:
    """Why a report is not valid: its first failed check, else the first that lacked a resource."""
    reason = next((c for c in report.checks if c.status == "failed"), None) or next(
        (c for c in report.checks if c.unavailable), None
    )
    return escape(reason.message.get(lang, "")) if reason is not None else ""


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
    symbol = {"green": "✓", "red": "✗"}.get(colour, "!")

    def s(key: str, **params: Any) -> str:
        return _t(f"verifier.page.supplement.{key}", lang, **params)

    line = (
        f'<p class="line {colour}" role="status" data-supplement-verdict="{escape(report.verdict)}">'
        f'<span aria-hidden="true">{symbol}</span> {s("verdict." + kind)}'
    )
    if report.verdict != "valid" and not (report.revoked or report.suspended):
        reason = _reason(report, lang)
        if reason:
            line += f"<br><small>{_t('verifier.page.reason', lang)}: {reason}</small>"
        if report.verdict == "invalid":
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
    text_fields = [
        ("holder", holder),
        ("qualification", pick(info.get("qualification"), lang)),
        ("verifier.page.programme", programme),
        ("level", level),
        ("length", length),
        ("field_of_study", info.get("field_of_study")),
        ("verifier.page.institution", pick(info.get("institution"), lang)),
        ("language_of_instruction", _codes(info.get("language_of_instruction"), "language", lang)),
        ("access_requirements", pick(info.get("access_requirements"), lang)),
        ("mode_of_study", _codes(info.get("mode_of_study"), "mode", lang)),
    ]
    rows = []
    for key, value in text_fields:
        if value:
            label = _t(key, lang) if key.startswith("verifier.") else s(key)
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
            label = _t(key, lang) if key.startswith("verifier.") else s(key)
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
    checks = f"<details><summary>{s('checks')}</summary>{_check_list(report, lang, 'data-supplement-check')}</details>"
    return (
        f'<section class="card" id="supplement" data-section="supplement"><h2>{s("title")}</h2>{line}'
        f'<dl>{"".join(rows)}</dl>{table}<dl>{"".join(after)}</dl>{national_block}{checks}</section>'
    )


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
    colour, headline, detail = verdict_view(report)
    symbol = {"green": "✓", "red": "✗"}.get(colour, "!")
    summary = report.credential
    banner = (
        f'<section class="verdict {colour}" role="status" data-verdict="{escape(report.verdict)}">'
        f'<h1><span class="sym" aria-hidden="true">{symbol}</span>{_t(headline, lang)}</h1>'
        f"<p>{_t(detail, lang)}</p>"
    )
    if report.verdict != "valid" and not (report.revoked or report.suspended):
        reason = _reason(report, lang)
        if reason:
            banner += f"<p><b>{_t('verifier.page.reason', lang)}:</b> {reason}</p>"
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
        ("verifier.page.holder", name_in(summary.get("holder_names") or summary.get("holder"), lang)),
        ("verifier.page.degree", _degree(summary, lang)),
        ("verifier.page.programme", programme),
        ("verifier.page.institution", pick(summary.get("institution"), lang) or summary.get("issuer") or ""),
        ("verifier.page.series_number", summary.get("series_number") or ""),
        ("verifier.page.award_date", award_date(summary, lang)),
    ]
    for key, value in fields:
        if value:
            rows.append(f"<dt>{_t(key, lang)}</dt><dd>{escape(str(value))}</dd>")
    heading = "verifier.page.details" if report.verdict != "invalid" or report.revoked or report.suspended else "verifier.page.details_unconfirmed"
    details = f'<section class="card"><h2>{_t(heading, lang)}</h2><dl>{"".join(rows)}</dl></section>'

    checks = f'<section class="card"><h2>{_t("verifier.page.checks", lang)}</h2>{_check_list(report, lang)}</section>'
    checks += "".join(render_supplement(r, lang) for r in related if "supplement" in r.credential)

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
        f"<footer><p>{_t('verifier.page.verified_at', lang)}: {escape(local_datetime(report.verified_at, lang))}"
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
