"""The person on the page is the person on the paper (issue 11, item 8): the diplomas
`dalel demo` issues carry the holder's and the institution's names in the scripts the diploma
is printed in, and the verify page and the CLI show each in the reader's language, with dates
in that language and Kazakhstan's time zone, not ISO UTC."""

from __future__ import annotations

import re

import pytest

NURLAN = {"kk": "Сәрсенбаев Нұрлан Асқарұлы", "ru": "Сәрсенбаев Нұрлан Асқарұлы", "en": "Nurlan Sarsenbayev"}
LUKAS = {"kk": "Мюллер Лукас", "ru": "Мюллер Лукас", "en": "Lukas Müller"}
UNIVERSITY = {"kk": "Дәлел демо университеті", "ru": "Демо-университет Дәлел", "en": "Dalel Demo University"}
AWARDED = {"kk": "2025 ж. 30 маусым", "ru": "30 июня 2025 г.", "en": "June 30, 2025"}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def demo(app, client, settings, engine, tmp_path):
    """`dalel demo`'s own issuing path on the test deployment; the verifier fetches its DID
    documents and status lists from the test app."""
    from common.fetch import Fetcher
    from dalel.demo import run_demo
    from dalel.resources import open_keystore
    from verifier.context import VerificationContext
    from verifier.ratelimit import RateLimiter

    manifest = run_demo(settings, engine, open_keystore(settings), out_dir=tmp_path / "out", say=lambda *a, **k: None, lang="en")
    ctx = app.state.ctx
    ctx.fetcher = Fetcher.from_settings(settings, transport=client._transport)
    ctx.extras["verification_context"] = VerificationContext.from_settings(settings, ctx.fetcher)
    ctx.extras["verify_rate_limiter"] = RateLimiter(0, 1)  # off
    by_name = {d["graduate"]["name"]: d for d in manifest["diplomas"]}
    return {"manifest": manifest, "by_name": by_name, "dir": tmp_path / "out", "ctx": ctx}


def _page(client, diploma, lang):
    path = "/v/" + diploma["verify_url"].rsplit("/v/", 1)[1]
    response = client.get(f"{path}?lang={lang}")
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_page_names_holder_and_institution_in_its_language(client, demo, lang):
    html = _page(client, demo["by_name"]["Nurlan Sarsenbayev"], lang)
    assert 'data-verdict="valid"' in html
    text = text_of(html)
    assert NURLAN[lang] in text and UNIVERSITY[lang] in text
    others = {NURLAN[o] for o in NURLAN} - {NURLAN[lang]}
    assert not any(other in text for other in others), "the other script's name is not shown as the holder"
    assert text_of(AWARDED[lang]) in text and "2025-06-30" not in text
    # the moment of verification too: the reader's language and Kazakhstan's offset, not "…Z"
    footer = text[text.index({"kk": "Тексерілген уақыты", "ru": "Время проверки", "en": "Verified at"}[lang]):]
    assert "+0500" in footer and not re.search(r"\d{4}-\d{2}-\d{2}T", footer)
    foreign = text_of(_page(client, demo["by_name"]["Lukas Müller"], lang))
    assert LUKAS[lang] in foreign


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_supplement_section_names_the_holder_in_both_scripts(client, demo, settings, engine, lang):
    from sqlmodel import Session, select

    from issuer.models import Diploma
    from wallet_export.service import create_share_link

    number = demo["by_name"]["Nurlan Sarsenbayev"]["number"]
    with Session(engine) as session:
        diploma = session.exec(select(Diploma).where(Diploma.series == "BD", Diploma.number == number)).one()
        token = create_share_link(session, diploma, scope="diploma+supplement").token
    text = text_of(client.get(f"/v/{token}?lang={lang}").text)
    other = NURLAN["en"] if lang != "en" else NURLAN["kk"]
    assert f"{NURLAN[lang]} ({other})" in text  # the reader's script first, the other for matching
    assert text_of(AWARDED[lang]) in text
    # the official length in years and ECTS credits (Diploma Supplement 3.2)
    assert {"kk": "4 жыл · 240 ECTS", "ru": "4 г. · 240 ECTS", "en": "4 years · 240 ECTS"}[lang] in text


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_cli_names_the_holder_in_its_language(demo, lang):
    import json

    from rich.console import Console

    from dalel import cli as cli_module
    from dalel.cli_verify import _print_text
    from verifier.pipeline import verify_credential

    diploma = demo["by_name"]["Nurlan Sarsenbayev"]
    credential = json.loads((demo["dir"] / diploma["credential"]).read_text("utf-8"))
    report = verify_credential(credential, context=demo["ctx"].extras["verification_context"])
    assert report.verdict == "valid"
    saved = cli_module.console
    cli_module.console = Console(record=True, width=200)
    try:
        _print_text(report, lang)
        out = cli_module.console.export_text()
    finally:
        cli_module.console = saved
    assert NURLAN[lang] in out and UNIVERSITY[lang] in out
    assert text_of(AWARDED[lang]) in text_of(out) and "2025-06-30" not in out


def test_summary_gives_names_as_language_maps(demo):
    import json

    from verifier.summary import credential_summary

    diploma = demo["by_name"]["Nurlan Sarsenbayev"]
    summary = credential_summary(json.loads((demo["dir"] / diploma["credential"]).read_text("utf-8")))
    assert summary["holder_names"] == NURLAN and summary["institution"] == UNIVERSITY
    assert summary["holder"] == "Nurlan Sarsenbayev"  # the report's field keeps its meaning (a string)
    assert summary["series_number"] == f"BD {diploma['number']}" and summary["honours"] is True
    assert summary["award_date"] == "2025-06-30" and summary["awarded_at"] == "2025-06-30T00:00:00Z"
