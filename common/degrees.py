"""The one table of degree types (Open Badges 3.0 ``achievementType``) and their names in
kk, ru and en: the issuer builds credential names from it, the PDF prints it, the verify page
and the CLI show it. It lives in ``common`` because the verifier may not import the issuer
and the issuer may not import the verifier; it is data about education, not about keys."""

from __future__ import annotations

from dataclasses import dataclass

from common import i18n


@dataclass(frozen=True)
class DegreeType:
    """`title`: the short form that opens a qualification's name ("Bachelor — Information
    Systems"); `name`: the kind of award as a label says it ("Bachelor's degree")."""

    achievement_type: str
    title: dict[str, str]
    name: dict[str, str]


DEGREE_TYPES: dict[str, DegreeType] = {
    d.achievement_type: d
    for d in (
        DegreeType("BachelorDegree", {"kk": "Бакалавр", "ru": "Бакалавр", "en": "Bachelor"},
                   {"kk": "Бакалавр дәрежесі", "ru": "Степень бакалавра", "en": "Bachelor's degree"}),
        DegreeType("MasterDegree", {"kk": "Магистр", "ru": "Магистр", "en": "Master"},
                   {"kk": "Магистр дәрежесі", "ru": "Степень магистра", "en": "Master's degree"}),
        DegreeType("DoctoralDegree", {"kk": "Доктор", "ru": "Доктор", "en": "Doctor"},
                   {"kk": "Доктор дәрежесі", "ru": "Докторская степень", "en": "Doctoral degree"}),
        DegreeType("Diploma", {"kk": "Біліктілік", "ru": "Квалификация", "en": "Qualification"},
                   {"kk": "Біліктілік", "ru": "Квалификация", "en": "Qualification"}),
        DegreeType("Certificate", {"kk": "Сертификат", "ru": "Сертификат", "en": "Certificate"},
                   {"kk": "Сертификат", "ru": "Сертификат", "en": "Certificate"}),
        DegreeType("AssociateDegree", {"kk": "Қолданбалы бакалавр", "ru": "Прикладной бакалавр", "en": "Associate"},
                   {"kk": "Қолданбалы бакалавр", "ru": "Прикладной бакалавр", "en": "Associate degree"}),
    )
}

i18n.register({f"degree.{kind}": d.name for kind, d in DEGREE_TYPES.items()})


def degree_name(achievement_type: object, lang: str | None) -> str | None:
    """The kind of award in `lang` ("Степень бакалавра"), or None for a type not in the table."""
    if not isinstance(achievement_type, str) or achievement_type not in DEGREE_TYPES:
        return None
    return i18n.t(f"degree.{achievement_type}", lang)


def degree_names(achievement_type: str) -> dict[str, str]:
    """The kind of award in every language; empty for a type not in the table."""
    degree = DEGREE_TYPES.get(achievement_type)
    return dict(degree.name) if degree else {}
