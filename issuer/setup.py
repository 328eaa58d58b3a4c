"""Setting up the registrar's world: institutions (with their first key), accreditations,
programmes, responsible persons. Plain functions over a session; each commits."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from common import i18n
from common.problems import BadInput, Problem
from issuer.models import Accreditation, Institution, Programme, ResponsiblePerson
from issuer.numbering import InputError, normalise_code
from issuer.pii import iin_check_digit
from keys._time import as_utc, utcnow

MINISTRY_SLUG = "ministry"
MODES_OF_STUDY = ("full-time", "part-time", "distance", "evening", "blended")

i18n.register(
    {
        "problem.invalid-bin": {
            "kk": "БСН 12 цифрдан тұруы және бақылау цифры дұрыс болуы керек",
            "ru": "БИН должен состоять из 12 цифр с верной контрольной цифрой",
            "en": "The BIN must be 12 digits with a valid check digit",
        },
        "problem.institution-exists": {
            "kk": "Мұндай идентификаторы бар ұйым бар",
            "ru": "Организация с таким идентификатором уже существует",
            "en": "An institution with this identifier already exists",
        },
        "problem.reserved-slug": {
            "kk": "Бұл идентификатор министрлікке арналған",
            "ru": "Этот идентификатор зарезервирован за министерством",
            "en": "This identifier is reserved for the ministry",
        },
        "problem.programme-exists": {
            "kk": "Бұл коды бар бағдарлама бар",
            "ru": "Программа с этим кодом уже существует",
            "en": "A programme with this code already exists",
        },
        "problem.invalid-programme": {
            "kk": "Бағдарлама деректері жарамсыз",
            "ru": "Недопустимые данные программы",
            "en": "Invalid programme data",
        },
        "problem.invalid-accreditation": {
            "kk": "Аккредиттеу деректері жарамсыз",
            "ru": "Недопустимые данные аккредитации",
            "en": "Invalid accreditation data",
        },
        "problem.invalid-person": {
            "kk": "Жауапты тұлға деректері жарамсыз",
            "ru": "Недопустимые данные ответственного лица",
            "en": "Invalid responsible person data",
        },
    }
)


def validate_bin(value: str | None) -> str | None:
    """A business identification number: 12 digits, check digit as for the IIN."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if len(text) != 12 or not text.isascii() or not text.isdigit() or iin_check_digit(text[:11]) != int(text[11]):
        raise BadInput("invalid-bin", text)
    return text


def _names(name_kk: str, name_ru: str, name_en: str, code: str) -> tuple[str, str, str]:
    out = tuple((n or "").strip() for n in (name_kk, name_ru, name_en))
    if not all(out):
        raise BadInput(code, "name_kk, name_ru, name_en")
    return out  # type: ignore[return-value]


def add_institution(
    session: Session,
    keystore: Any,
    *,
    slug: str,
    name_kk: str,
    name_ru: str,
    name_en: str,
    public_url: str,
    country: str = "KZ",
    address: str | None = None,
    bin: str | None = None,
    create_key: bool = True,
) -> Institution:
    """A new institution with its did:web and (unless told otherwise) its first signing key."""
    from keys.did import institution_did
    from keys.service import check_institution
    from keys.service import create_key as create_signing_key

    slug = check_institution(slug)
    if slug == MINISTRY_SLUG:
        raise BadInput("reserved-slug", slug)
    if session.exec(select(Institution).where(Institution.slug == slug)).first():
        raise Problem(409, "institution-exists", slug)
    kk, ru, en = _names(name_kk, name_ru, name_en, "invalid-institution")
    country = (country or "KZ").strip().upper()
    if len(country) != 2 or not country.isascii() or not country.isalpha():
        raise BadInput("invalid-institution", f"country {country!r}")
    inst = Institution(
        slug=slug, name_kk=kk, name_ru=ru, name_en=en, country=country, address=(address or None),
        bin=validate_bin(bin), did=institution_did(public_url, slug), created_at=utcnow(),
    )
    session.add(inst)
    session.commit()
    session.refresh(inst)
    if create_key and keystore is not None:
        create_signing_key(session, keystore, institution=slug)
    return inst


def ensure_ministry_key(session: Session, keystore: Any) -> bool:
    """The ministry role's signing key (reserved slug ``ministry``); True if one was created."""
    from keys.service import create_key, list_keys

    if any(k.status == "active" for k in list_keys(session, MINISTRY_SLUG)):
        return False
    create_key(session, keystore, institution=MINISTRY_SLUG)
    return True


def get_institution(session: Session, slug: str) -> Institution:
    from issuer.service import get_institution as _get

    return _get(session, slug)


def add_programme(
    session: Session,
    *,
    institution: str,
    code: str,
    name_kk: str,
    name_ru: str,
    name_en: str,
    isced: str,
    level: int,
    credits: int,
    mode_of_study: str = "full-time",
    language: str = "kk",
    lang: str | None = None,
) -> Programme:
    inst = get_institution(session, institution)
    try:
        code = normalise_code(code)
    except InputError as exc:
        raise BadInput("invalid-code", exc.message(lang)) from None
    isced = str(isced).strip()
    if not (len(isced) == 4 and isced.isascii() and isced.isdigit()):
        raise BadInput("invalid-programme", f"ISCED-F field code {isced!r}: 4 digits, e.g. 0613")
    if not 1 <= int(level) <= 8:
        raise BadInput("invalid-programme", f"NQF level {level}: 1-8")
    if int(credits) <= 0:
        raise BadInput("invalid-programme", f"credits {credits}")
    if mode_of_study not in MODES_OF_STUDY:
        raise BadInput("invalid-programme", f"mode of study: {', '.join(MODES_OF_STUDY)}")
    kk, ru, en = _names(name_kk, name_ru, name_en, "invalid-programme")
    if session.exec(select(Programme).where(Programme.institution_id == inst.id, Programme.code == code)).first():
        raise Problem(409, "programme-exists", code)
    programme = Programme(
        institution_id=inst.id, code=code, name_kk=kk, name_ru=ru, name_en=en, isced_f=isced,
        nqf_level=int(level), ects_credits=int(credits), mode_of_study=mode_of_study,
        language_of_instruction=language.strip() or "kk", created_at=utcnow(),
    )
    session.add(programme)
    session.commit()
    session.refresh(programme)
    return programme


def add_person(
    session: Session,
    *,
    institution: str,
    name: str,
    position: str,
    order_number: str,
    order_date: date,
    active_from: datetime | None = None,
    active_until: datetime | None = None,
) -> ResponsiblePerson:
    inst = get_institution(session, institution)
    if not (name or "").strip() or not (position or "").strip() or not (order_number or "").strip():
        raise BadInput("invalid-person", "name, position, order number")
    start = as_utc(active_from) if active_from else utcnow()
    end = as_utc(active_until) if active_until else None
    if end is not None and end <= start:
        raise BadInput("invalid-person", "active_until must be after active_from")
    person = ResponsiblePerson(
        institution_id=inst.id, name=name.strip(), position=position.strip(), order_number=order_number.strip(),
        order_date=order_date, active_from=start, active_until=end,
    )
    session.add(person)
    session.commit()
    session.refresh(person)
    return person


def add_accreditation(
    session: Session,
    *,
    institution: str,
    agency: str,
    scope: str = "institution",
    programme_code: str | None = None,
    valid_from: date,
    valid_until: date | None = None,
    lang: str | None = None,
) -> Accreditation:
    inst = get_institution(session, institution)
    if scope not in ("institution", "programme"):
        raise BadInput("invalid-accreditation", "scope: institution | programme")
    if scope == "programme":
        if not programme_code:
            raise BadInput("invalid-accreditation", "a programme accreditation needs --programme")
        try:
            programme_code = normalise_code(programme_code)
        except InputError as exc:
            raise BadInput("invalid-code", exc.message(lang)) from None
    else:
        programme_code = None
    if not (agency or "").strip():
        raise BadInput("invalid-accreditation", "agency")
    if valid_until is not None and valid_until < valid_from:
        raise BadInput("invalid-accreditation", "valid_until before valid_from")
    row = Accreditation(institution_id=inst.id, agency=agency.strip(), scope=scope, programme_code=programme_code,
                        valid_from=valid_from, valid_until=valid_until)
    session.add(row)
    session.commit()
    session.refresh(row)
    return row
