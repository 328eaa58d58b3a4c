"""One table of degree types and their names (issue 13, item 5): the issuer's credential names,
the PDF and the verify page name every degree type as common.degrees does, and no other module
carries its own translation of one."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.degrees import DEGREE_TYPES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("common", "keys", "issuer", "verifier", "wallet_export", "dalel")


@pytest.mark.parametrize("kind", sorted(DEGREE_TYPES))
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_page_and_pdf_name_a_degree_alike(kind, lang):
    from verifier.page import degree_name as _degree
    from wallet_export.pdf import print_data_from_credential

    credential = {"credentialSubject": {"achievement": {"achievementType": kind}}, "name": "Something else"}
    printed = print_data_from_credential(credential, verify_url="https://x/v/t", qr_png=b"")
    assert printed.degree[lang] == DEGREE_TYPES[kind].name[lang]
    assert _degree({"achievement_type": kind, "degree": "Something else"}, lang) == DEGREE_TYPES[kind].name[lang]


def test_no_other_module_translates_a_degree_type():
    names = {text for d in DEGREE_TYPES.values() for text in d.name.values() if " " in text}
    offenders = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "common" / "degrees.py":
                continue
            source = path.read_text("utf-8")
            offenders += [f"{path.relative_to(ROOT)}: {name}" for name in names if f'"{name}"' in source]
    assert not offenders, offenders
