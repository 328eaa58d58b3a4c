"""The graduate's pages as a person gets them: from the templates on the common layout, small,
not indexed, without scripts, escaped, in the reader's language with its plural forms, and a
problem with a form as a page (not JSON) that keeps its status."""

from __future__ import annotations

import re

from sqlmodel import Session

from issuer.lookup import find_diploma
from tests.support.pages import csrf_of
from wallet_export.service import create_login_link, create_share_link

MAX_PAGE_BYTES = 60 * 1024


def _sign_in(client, engine, graduate_id) -> None:
    with Session(engine) as s:
        path = create_login_link(s, graduate_id, "http://testserver").removeprefix("http://testserver")
    assert client.post(path, follow_redirects=False).status_code == 303


def _pages(client, engine, seeded):
    with Session(engine) as s:
        login = create_login_link(s, seeded.graduate_id, "http://testserver").removeprefix("http://testserver")
    yield "sign-in", client.get(login + "?lang=ru")
    yield "not signed in", client.get("/me?lang=kk")
    _sign_in(client, engine, seeded.graduate_id)
    yield "me", client.get("/me?lang=en")
    yield "stale form", client.post("/me/share?lang=ru", data={"csrf": "forged", "series": "BD", "number": "1"})


def test_every_page_is_small_noindex_without_scripts_on_the_common_layout(client, engine, seeded):
    with Session(engine) as s:
        diploma = find_diploma(s, "BD", "00012345")
        for days in (7, None, 365):  # a full page: the diploma, three links
            create_share_link(s, diploma, scope="diploma+supplement", expires_in_days=days, label="x" * 200)
    for what, page in _pages(client, engine, seeded):
        html = page.text
        assert page.headers["content-type"].startswith("text/html"), what
        assert len(page.content) <= MAX_PAGE_BYTES, (what, len(page.content))
        assert '<meta name="robots" content="noindex,nofollow">' in html, what
        assert "<script" not in html.lower() and not re.search(r"<[^>]*\son[a-z]+\s*=", html), what
        assert "</header><main>" in html.replace("\n", "") and 'class="brand"' in html, what  # base.html
        names = re.findall(r'<a href="[^"]*\?lang=(kk|ru|en)" hreflang="\1" lang="\1"[^>]*>([^<]+)</a>', html)
        assert [n for _, n in names] == ["Қазақша", "Русский", "English"], what
        assert page.headers["content-security-policy"].startswith("default-src 'none'"), what


def test_a_stale_form_is_a_page_in_the_readers_language_with_its_status(client, engine, seeded):
    _sign_in(client, engine, seeded.graduate_id)
    page = client.post("/me/share?lang=ru", data={"csrf": "forged", "series": "BD", "number": "00012345"})
    assert page.status_code == 403 and page.headers["content-type"].startswith("text/html")
    assert "Форма устарела: обновите страницу и повторите" in page.text and 'href="/me"' in page.text
    not_theirs = client.post("/me/share?lang=en", data={"csrf": csrf_of(client.get("/me").text), "series": "BD",
                                                        "number": "00012346"})
    assert not_theirs.status_code == 404 and "No diploma with this series and number" in not_theirs.text


def test_expiry_choices_say_days_in_each_languages_plural_forms(client, engine, seeded):
    _sign_in(client, engine, seeded.graduate_id)
    options = {lang: re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', client.get(f"/me?lang={lang}").text)
               for lang in ("kk", "ru", "en")}
    assert options["en"] == ["7 days", "30 days", "90 days", "180 days", "365 days"]
    assert options["ru"] == ["7 дней", "30 дней", "90 дней", "180 дней", "365 дней"]
    assert options["kk"] == ["7 күн", "30 күн", "90 күн", "180 күн", "365 күн"]


def test_what_a_graduate_typed_is_shown_escaped(client, engine, seeded):
    with Session(engine) as s:
        create_share_link(s, find_diploma(s, "BD", "00012345"), label='<img src=x onerror="alert(1)">')
    _sign_in(client, engine, seeded.graduate_id)
    html = client.get("/me?lang=en").text
    assert "<img src=x" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
