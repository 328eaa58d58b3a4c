"""Setting up the registrar's world: institutions (with their first key), accreditations,
programmes, responsible persons. Plain functions over a session; each commits."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any, Literal, overload

from sqlmodel import Session, select

from common import i18n
from common.problems import BadInput, Problem
from common.timestamps import as_utc, utcnow
from issuer.lookup import get_institution
from issuer.models import Accreditation, Institution, Programme, ResponsiblePerson, stored_id
from issuer.numbering import InputError, normalise_code
from issuer.pii import iin_check_digit
from keys.did import institution_did
from keys.service import check_institution, list_keys
from keys.service import create_key as create_signing_key

MINISTRY_SLUG = "ministry"
MODES_OF_STUDY = ("full-time", "part-time", "distance", "evening", "blended")


MAX_PROGRAMME_CREDITS = 1000


@overload
def _text(value: Any, field: str, limit: int, code: str, lang: str | None, *, required: Literal[True] = ...) -> str: ...
@overload
def _text(value: Any, field: str, limit: int, code: str, lang: str | None, *, required: bool) -> str | None: ...
def _text(value: Any, field: str, limit: int, code: str, lang: str | None, *, required: bool = True) -> str | None:
    """`value` stripped; BadInput(`code`) with a translated detail if it is missing (and
    `required`), longer than the database column (`limit`) or holds control characters."""
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise BadInput(code, i18n.t("{field}: a value is required", lang, field=field))
        return None
    if len(text) > limit:
        raise BadInput(code, i18n.t("{field}: at most {limit} characters", lang, field=field, limit=limit))
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        raise BadInput(code, i18n.t("{field}: the value holds a control or invisible character", lang, field=field))
    return text


def validate_bin(value: str | None) -> str | None:
    """A business identification number: 12 digits, check digit as for the IIN."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if len(text) != 12 or not text.isascii() or not text.isdigit() or iin_check_digit(text[:11]) != int(text[11]):
        raise BadInput("invalid-bin", text)
    return text


def _names(name_kk: str, name_ru: str, name_en: str, code: str, lang: str | None = None) -> tuple[str, str, str]:
    return tuple(  # type: ignore[return-value]
        _text(value, field, 512, code, lang) for field, value in
        (("name_kk", name_kk), ("name_ru", name_ru), ("name_en", name_en))
    )


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
    lang: str | None = None,
) -> Institution:
    """A new institution with its did:web and (unless told otherwise) its first signing key."""
    slug = check_institution(slug)
    if slug == MINISTRY_SLUG:
        raise BadInput("reserved-slug", slug)
    if session.exec(select(Institution).where(Institution.slug == slug)).first():
        raise Problem(409, "institution-exists", slug)
    kk, ru, en = _names(name_kk, name_ru, name_en, "invalid-institution-data", lang)
    country = (country or "KZ").strip().upper()
    if len(country) != 2 or not country.isascii() or not country.isalpha():
        raise BadInput(
            "invalid-institution-data",
            i18n.t(
                "The country code must be two Latin letters (ISO 3166-1), e.g. KZ: “{value}”",
                lang,
                value=country,
            ),
        )
    address = _text(address, "address", 1024, "invalid-institution-data", lang, required=False)
    inst = Institution(
        slug=slug, name_kk=kk, name_ru=ru, name_en=en, country=country, address=address,
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
    if any(k.status == "active" for k in list_keys(session, MINISTRY_SLUG)):
        return False
    create_signing_key(session, keystore, institution=MINISTRY_SLUG)
    return True


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
        raise BadInput(
            "invalid-programme",
            i18n.t("The ISCED-F field code is 4 digits, e.g. 0613: “{value}”", lang, value=isced[:16]),
        )
    if not 1 <= int(level) <= 8:
        raise BadInput("invalid-programme", i18n.t("The NQF level is 1 to 8: {value}", lang, value=level))
    if not 0 < int(credits) <= MAX_PROGRAMME_CREDITS:
        raise BadInput(
            "invalid-programme",
            i18n.t("Credits must be 1 to {limit}: {value}", lang, value=credits, limit=MAX_PROGRAMME_CREDITS),
        )
    if mode_of_study not in MODES_OF_STUDY:
        raise BadInput("invalid-programme",
                       i18n.t("{field}: one of {choices}", lang, field="mode", choices=", ".join(MODES_OF_STUDY)))
    language = _text(language, "language", 32, "invalid-programme", lang, required=False) or "kk"
    kk, ru, en = _names(name_kk, name_ru, name_en, "invalid-programme", lang)
    if session.exec(select(Programme).where(Programme.institution_id == inst.id, Programme.code == code)).first():
        raise Problem(409, "programme-exists", code)
    programme = Programme(
        institution_id=stored_id(inst), code=code, name_kk=kk, name_ru=ru, name_en=en, isced_f=isced,
        nqf_level=int(level), ects_credits=int(credits), mode_of_study=mode_of_study,
        language_of_instruction=language, created_at=utcnow(),
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
    lang: str | None = None,
) -> ResponsiblePerson:
    inst = get_institution(session, institution)
    name = _text(name, "name", 512, "invalid-person", lang)
    position = _text(position, "position", 512, "invalid-person", lang)
    order_number = _text(order_number, "order number", 128, "invalid-person", lang)
    start = as_utc(active_from) if active_from else utcnow()
    end = as_utc(active_until) if active_until else None
    if end is not None and end <= start:
        raise BadInput("invalid-person", i18n.t("The end date must be after the start date", lang))
    person = ResponsiblePerson(
        institution_id=stored_id(inst), name=name, position=position, order_number=order_number,
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
        raise BadInput("invalid-accreditation",
                       i18n.t("{field}: one of {choices}", lang, field="scope", choices="institution, programme"))
    if scope == "programme":
        if not programme_code:
            raise BadInput(
                "invalid-accreditation",
                i18n.t("A programme accreditation needs a programme code (--programme)", lang),
            )
        try:
            programme_code = normalise_code(programme_code)
        except InputError as exc:
            raise BadInput("invalid-code", exc.message(lang)) from None
        known = session.exec(
            select(Programme).where(Programme.institution_id == inst.id, Programme.code == programme_code)
        ).first()
        if known is None:
            raise BadInput(
                "invalid-accreditation",
                i18n.t(
                    "Programme “{value}” is not registered for this institution", lang, value=programme_code
                ),
            )
    else:
        programme_code = None
    agency = _text(agency, "agency", 512, "invalid-accreditation", lang)
    if valid_until is not None and valid_until < valid_from:
        raise BadInput("invalid-accreditation", i18n.t("The end date must be after the start date", lang))
    row = Accreditation(institution_id=stored_id(inst), agency=agency, scope=scope, programme_code=programme_code,
                        valid_from=valid_from, valid_until=valid_until)
    session.add(row)
    session.commit()
    session.refresh(row)
    return row
