"""Graduate sessions: a fresh id at every login, gone from the server at logout, CSRF on every
state-changing form."""

from __future__ import annotations

from sqlmodel import Session

from tests.support.pages import csrf_of
from wallet_export.service import create_login_link


def _login(client, engine, graduate_id) -> str:
    with Session(engine) as s:
        url = create_login_link(s, graduate_id, "http://testserver")
    assert client.get(url.removeprefix("http://testserver")).status_code == 200
    r = client.post(url.removeprefix("http://testserver"), follow_redirects=False)
    assert r.status_code == 303
    return r.cookies["dalel_session"]


_csrf = csrf_of


def test_logout_needs_csrf_and_ends_the_session_on_the_server(client, engine, campuses):
    cookie = _login(client, engine, campuses[0].graduate_id)
    page = client.get("/me")
    assert client.post("/logout", data={"csrf": "forged"}).status_code == 403
    assert client.get("/me").status_code == 200  # a forged logout did nothing
    r = client.post("/logout", data={"csrf": _csrf(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    # the old cookie, replayed, no longer opens the page
    client.cookies.clear()
    client.cookies.set("dalel_session", cookie)
    assert client.get("/me").status_code == 401


def test_a_planted_session_id_is_not_adopted(client, engine, campuses):
    client.cookies.set("dalel_session", "attacker-chosen-session-id-0123456789")
    cookie = _login(client, engine, campuses[0].graduate_id)
    assert cookie != "attacker-chosen-session-id-0123456789"
    client.cookies.clear()
    client.cookies.set("dalel_session", "attacker-chosen-session-id-0123456789")
    assert client.get("/me").status_code == 401


def test_csrf_token_of_one_session_does_not_work_in_another(client, engine, campuses):
    a, b = campuses
    _login(client, engine, b.graduate_id)
    foreign = _csrf(client.get("/me").text)
    client.cookies.clear()
    _login(client, engine, a.graduate_id)
    form = {"csrf": foreign, "series": a.series, "number": a.number}
    assert client.post("/me/share", data=form).status_code == 403
