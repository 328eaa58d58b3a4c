"""`dalel demo`: seeds a demo university (kk/ru/en names, accreditation, a responsible person
and token, two programmes), issues diplomas and supplements to five synthetic graduates, and
returns the manifest. Running it twice on the same data directory changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from common.files import write_private
from dalel.demo_wallet import add_wallet_files
from dalel.settings import Settings
from issuer.auth import authenticate, create_token
from issuer.models import Accreditation, Institution, Programme, ResponsiblePerson, stored_id
from issuer.pii import make_iin
from issuer.service import issue_batch
from issuer.setup import add_accreditation, add_institution, add_person, add_programme, ensure_ministry_key
from keys.keystore import Keystore

DEMO_SLUG = "demo-university"
DEMO_TOKEN_FILE = "demo-token"
AWARD_DATE = "2025-06-30"

PROGRAMMES: list[dict[str, Any]] = [
    dict(code="6B06101", name_kk="Ақпараттық жүйелер", name_ru="Информационные системы", name_en="Information Systems",
         isced="0613", level=6, credits=240, language="kk,ru,en"),
    dict(code="7M04101", name_kk="Іскерлік әкімшілендіру", name_ru="Деловое администрирование",
         name_en="Business Administration", isced="0413", level=7, credits=120, language="ru,en"),
]

# (family, given, patronymic, latin, birth date, sex, serial, series, programme, honours, gpa): the
# names as the paper diploma prints them, in Cyrillic for kk and ru (a foreign graduate's name
# transcribed, as on Kazakhstani diplomas), and the Latin spelling of the passport for en
GRADUATES = [
    (
        "Сәрсенбаев",
        "Нұрлан",
        "Асқарұлы",
        "Nurlan Sarsenbayev",
        date(2002, 3, 14),
        "m",
        11,
        "BD",
        "6B06101",
        True,
        "3.91",
    ),
    (
        "Жақсыбекова",
        "Әйгерім",
        "Серікқызы",
        "Aigerim Zhaksybekova",
        date(2002, 11, 2),
        "f",
        23,
        "BD",
        "6B06101",
        False,
        "3.42",
    ),
    (
        "Иванов",
        "Дмитрий",
        "Сергеевич",
        "Dmitriy Ivanov",
        date(2001, 7, 21),
        "m",
        35,
        "BD",
        "6B06101",
        False,
        "3.05",
    ),
    (
        "Петрова",
        "Анна",
        "Викторовна",
        "Anna Petrova",
        date(1998, 5, 9),
        "f",
        47,
        "MD",
        "7M04101",
        False,
        "3.67",
    ),
    ("Мюллер", "Лукас", "", "Lukas Müller", date(1999, 1, 30), "m", 59, "MD", "7M04101", True, "3.88"),
]

COURSES = {
    "6B06101": [
        ("CSS1101", "Бағдарламалау негіздері", "Основы программирования", "Foundations of Programming", 5),
        ("DB2204", "Деректер базасы", "Базы данных", "Databases", 6),
        ("NET3107", "Компьютерлік желілер", "Компьютерные сети", "Computer Networks", 5),
        ("DIP4000", "Дипломдық жоба", "Дипломный проект", "Graduation Project", 12),
    ],
    "7M04101": [
        ("MGT5101", "Стратегиялық менеджмент", "Стратегический менеджмент", "Strategic Management", 6),
        ("FIN5203", "Корпоративтік қаржы", "Корпоративные финансы", "Corporate Finance", 6),
        ("THS6000", "Магистрлік диссертация", "Магистерская диссертация", "Master's Thesis", 24),
    ],
}
GRADES = [("A", "4.00"), ("A-", "3.67"), ("B+", "3.33"), ("A", "4.00")]


def _graduate_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str]]]:
    rows, courses, people = [], [], []
    for index, (
        family,
        given,
        patronymic,
        latin,
        birth,
        sex,
        serial,
        series,
        programme,
        honours,
        gpa,
    ) in enumerate(GRADUATES):
        iin = make_iin(birth, sex, serial)
        rows.append({
            "series": series, "number": "", "family_name": family, "given_name": given, "patronymic": patronymic,
            "name_latin": latin, "iin": iin, "date_of_birth": birth.isoformat(), "programme_code": programme,
            "award_date": AWARD_DATE, "honours": "yes" if honours else "no", "gpa": gpa,
        })
        for n, (code, kk, ru, en, credits) in enumerate(COURSES[programme]):
            grade, points = GRADES[(n + index) % len(GRADES)]
            courses.append({"iin": iin, "course_code": code, "course_title_kk": kk, "course_title_ru": ru,
                            "course_title_en": en, "credits": str(credits), "grade": grade, "grade_points": points})
        people.append((latin, iin))
    return rows, courses, people


def _demo_token(session: Session, settings: Settings, person_id: int) -> str:
    """The demo's token, kept in the data dir (0600) so a second run returns the same one."""
    path = Path(settings.data_dir) / DEMO_TOKEN_FILE
    if path.exists():
        token = path.read_text("utf-8").strip()
        try:
            actor = authenticate(session, token)
            if actor.person_id == person_id:
                return token
        except Exception:  # noqa: BLE001 - a stale file: make a new token
            pass
    token, _ = create_token(session, person_id, "issue,revoke,correct")
    write_private(path, token + "\n", overwrite=True)
    return token


def seed(session: Session, keystore: Keystore, settings: Settings) -> tuple[Any, int]:
    """The demo institution, accreditation, programmes and responsible person (idempotent)."""
    inst = session.exec(select(Institution).where(Institution.slug == DEMO_SLUG)).first()
    if inst is None:
        inst = add_institution(
            session, keystore, slug=DEMO_SLUG, name_kk="Дәлел демо университеті", name_ru="Демо-университет Дәлел",
            name_en="Dalel Demo University", public_url=settings.public_url, country="KZ",
            address="Abay Avenue 1, Almaty", bin="990140000384",
        )
    ensure_ministry_key(session, keystore)
    if not session.exec(select(Accreditation).where(Accreditation.institution_id == inst.id)).first():
        add_accreditation(
            session,
            institution=DEMO_SLUG,
            agency="Independent Agency for Accreditation and Rating (IAAR)",
            scope="institution",
            valid_from=date(2021, 1, 1),
            valid_until=date(2031, 1, 1),
        )
    for spec in PROGRAMMES:
        exists = session.exec(
            select(Programme).where(Programme.institution_id == inst.id, Programme.code == spec["code"])
        ).first()
        if not exists:
            add_programme(session, institution=DEMO_SLUG, **spec)
    person = session.exec(select(ResponsiblePerson).where(ResponsiblePerson.institution_id == inst.id)).first()
    if person is None:
        person = add_person(
            session,
            institution=DEMO_SLUG,
            name="Aliya Demo-Registrar",
            position="Head of Registrar Office",
            order_number="DEMO-1/к",
            order_date=date(2024, 9, 1),
        )
    return inst, stored_id(person)


def run_demo(settings: Settings, engine: Engine, keystore: Keystore, *, out_dir: Path | None,
             say: Callable[..., None], lang: str) -> dict[str, Any]:
    """Prepare demo data and diplomas on the process's `engine` and `keystore`; return the
    manifest (the CLI writes it when --out is given)."""
    rows, courses, people = _graduate_rows()
    with Session(engine) as session:
        inst, person_id = seed(session, keystore, settings)
        token = _demo_token(session, settings, person_id)
        result = issue_batch(session, keystore, settings, institution=DEMO_SLUG, rows=rows, supplement_rows=courses,
                             actor=authenticate(session, token), lang=lang, request_id="demo")
        slug, did = inst.slug, inst.did
    say("Demo university: {slug} ({did})", slug=slug, did=did)
    diplomas = []
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    for item, (name, iin) in zip(result.diplomas, people, strict=True):
        base = f"{item.series}-{item.number}"
        credential_file, supplement_file = f"{base}.json", f"{base}-supplement.json"
        if out_dir is not None:
            (out_dir / credential_file).write_text(json.dumps(item.diploma, ensure_ascii=False, indent=2), "utf-8")
            (out_dir / supplement_file).write_text(json.dumps(item.supplement, ensure_ascii=False, indent=2), "utf-8")
        say("{display} — {name}; verify: {url}", display=item.display, name=name, url=item.verify_url)
        diplomas.append({
            "series": item.series,
            "number": item.number,
            "credential": credential_file,
            "supplement": supplement_file,
            "verify_url": item.verify_url,
            "graduate": {"name": name, "iin": iin},
        })
    manifest = {"institution": {"slug": slug, "did": did}, "token": token, "diplomas": diplomas}
    return add_wallet_files(settings, engine, manifest, out_dir, keystore=keystore)  # QR PNG and signed PDF
