"""Graduate login links made by a responsible person reach only that institution's diplomas."""

from __future__ import annotations

import re

from tests.support.pages import csrf_of


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_staff_login_link_does_not_open_another_institutions_diplomas(client, campuses):
    a, b = campuses
    r = client.post(f"/api/v1/diplomas/{a.series}/{a.number}/login-link", headers=_auth(a.token))
    assert r.status_code == 201, r.text
    assert client.get(r.json()["url"].removeprefix("http://testserver")).status_code == 200
    login = client.post(r.json()["url"].removeprefix("http://testserver"), follow_redirects=False)
    assert login.status_code == 303
    page = client.get("/me")
    assert page.status_code == 200 and f"{a.series} {a.number}" in page.text
    # the same person's diploma at institution B: neither listed nor downloadable with A's link
    assert f"{b.series} {b.number}" not in page.text
    for path in ("credential.json", "presentation.json", "qr.png"):
        assert client.get(f"/api/v1/diplomas/{b.series}/{b.number}/{path}").status_code == 404
    share = client.post("/me/share", data={"csrf": _csrf(page.text), "series": b.series, "number": b.number,
                                           "scope": "diploma+supplement"}, follow_redirects=False)
    assert share.status_code == 404


_csrf = csrf_of


def _link(client, a) -> str:
    r = client.post(f"/api/v1/diplomas/{a.series}/{a.number}/login-link", headers=_auth(a.token))
    assert r.status_code == 201, r.text
    return r.json()["url"].removeprefix("http://testserver")


def test_opening_the_link_does_not_spend_it(client, campuses):
    """Mail scanners and link previews GET the link: it shows a Sign in button, and only the POST
    of that button spends the link."""
    path = _link(client, campuses[0])
    buttons = {"kk": "Кіру", "ru": "Войти", "en": "Sign in"}
    for lang, label in buttons.items():
        page = client.get(f"{path}?lang={lang}")
        assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
        assert re.search(rf'<button type="?submit"?>{label}</button>', page.text)
        assert re.search(r'<form method="?post"?', page.text)
        assert "<script" not in page.text.lower() and "dalel_session" not in page.headers.get("set-cookie", "")
    client.cookies.clear()  # the language chosen above is kept (a cookie); a new reader's browser decides
    page = client.get(path, headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert "Войти" in page.text
    assert client.get("/me").status_code == 401  # no GET signed anyone in
    login = client.post(path, follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/me"
    assert "dalel_session=" in login.headers["set-cookie"]
    # now used: the page says so in the reader's language, and a second POST is refused
    client.cookies.clear()
    used = client.get(f"{path}?lang=kk")
    assert used.status_code == 400 and "бұрын пайдаланылған" in used.text and "<button" not in used.text
    again = client.post(f"{path}?lang=en", follow_redirects=False)
    assert again.status_code == 400 and "already used" in again.text
    assert "dalel_session" not in again.headers.get("set-cookie", "")


def test_expired_link_page_is_clear(client, engine, campuses):
    from datetime import timedelta

    from sqlmodel import Session

    from wallet_export.service import create_login_link

    with Session(engine) as s:
        url = create_login_link(s, campuses[0].graduate_id, "http://testserver", ttl=timedelta(seconds=-1))
    page = client.get(url.removeprefix("http://testserver") + "?lang=ru")
    assert page.status_code == 400 and "истекла" in page.text and "<button" not in page.text


def test_login_csrf_from_another_site_is_refused(client, campuses):
    path = _link(client, campuses[0])
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"},
                    {"Referer": "https://evil.example/page"},
                    {"Referer": "http://[::1/page"}, {"Origin": "http://[bad"}):  # malformed: 403, not a 500
        r = client.post(path, headers=headers, follow_redirects=False)
        assert r.status_code == 403 and "dalel_session" not in r.headers.get("set-cookie", "")
    assert client.get("/me").status_code == 401
    # the link survived the forged attempts; the deployment's own origin signs in
    ok = client.post(path, headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert ok.status_code == 303 and "dalel_session=" in ok.headers["set-cookie"]


def _token_of(engine, institution_id: int, scopes: str) -> str:
    from sqlmodel import Session, select

    from issuer.auth import create_token
    from issuer.models import ResponsiblePerson

    with Session(engine) as s:
        person = s.exec(select(ResponsiblePerson).where(ResponsiblePerson.institution_id == institution_id)).first()
        token, _ = create_token(s, person.id, scopes)
    return token


def test_only_registrars_who_issue_or_correct_make_login_links(client, engine, campuses):
    a = campuses[0]
    path = f"/api/v1/diplomas/{a.series}/{a.number}/login-link"
    revoke_only = client.post(path, headers={**_auth(_token_of(engine, a.institution_id, "revoke")), "Accept-Language": "en"})
    assert revoke_only.status_code == 403 and revoke_only.json()["code"] == "missing-scope"
    assert revoke_only.json()["title"] == "The token does not allow this action" and "url" not in revoke_only.json()
    for scopes in ("issue", "correct"):
        r = client.post(path, headers=_auth(_token_of(engine, a.institution_id, scopes)))
        assert r.status_code == 201 and "/login/" in r.json()["url"], (scopes, r.text)
