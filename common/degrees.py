"""The one table of degree types (Open Badges 3.0 ``achievementType``) and their names in
kk, ru and en: the issuer builds credential names from it, the PDF prints it, the verify page
and the CLI show it. It lives in ``common`` because the verifier may not import the issuer
and the issuer may not import the verifier; it is data about education, not about keys."""

from __future__ import annotations

from dataclasses import dataclass

from common import i18n
from common.i18n import N_


@dataclass(frozen=True)
class DegreeType:
    """`short`: the short form that opens a qualification's name ("Bachelor — Information
    Systems"); `label`: the kind of award as a label says it ("Bachelor's degree"). Both are
    English source texts of the catalogues; :attr:`title` and :attr:`name` give every language."""

    achievement_type: str
    short: str
    label: str

    @property
    def title(self) -> dict[str, str]:
        return i18n.all_languages(self.short)

    @property
    def name(self) -> dict[str, str]:
        return i18n.all_languages(self.label)


DEGREE_TYPES: dict[str, DegreeType] = {
    d.achievement_type: d
    for d in (
        DegreeType("BachelorDegree", N_("Bachelor"), N_("Bachelor's degree")),
        DegreeType("MasterDegree", N_("Master"), N_("Master's degree")),
        DegreeType("DoctoralDegree", N_("Doctor"), N_("Doctoral degree")),
        DegreeType("Diploma", N_("Qualification"), N_("Qualification")),
        DegreeType("Certificate", N_("Certificate"), N_("Certificate")),
        DegreeType("AssociateDegree", N_("Associate"), N_("Associate degree")),
    )
}


def degree_name(achievement_type: object, lang: str | None) -> str | None:
    """The kind of award in `lang` ("Степень бакалавра"), or None for a type not in the table."""
    if not isinstance(achievement_type, str) or achievement_type not in DEGREE_TYPES:
        return None
    return i18n.t(DEGREE_TYPES[achievement_type].label, lang)


def degree_names(achievement_type: str) -> dict[str, str]:
    """The kind of award in every language; empty for a type not in the table."""
    degree = DEGREE_TYPES.get(achievement_type)
    return degree.name if degree else {}
