import re

from sqlmodel import Session

from tests.support.pages import csrf_of
from wallet_export.service import create_login_link


def _login(client, engine, graduate_id):
    with Session(engine) as s:
        url = create_login_link(s, graduate_id, "http://testserver")
    path = url.removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200 and "dalel_session" not in page.headers.get("set-cookie", "")
    response = client.post(path, follow_redirects=False)
    return path, response


def test_login_link_sets_a_safe_cookie_once(client, engine, seeded):
    path, r = _login(client, engine, seeded.graduate_id)
    assert r.status_code == 303 and r.headers["location"] == "/me"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("dalel_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie  # http://testserver is a test deployment
    # the same link a second time, in a fresh browser: refused
    client.cookies.clear()
    again = client.post(path, follow_redirects=False)
    assert again.status_code == 400 and "dalel_session" not in again.headers.get("set-cookie", "")
    assert client.get("/me").status_code == 401


def test_cookie_is_secure_on_a_real_deployment():
    from wallet_export.login import cookie_secure as _cookie_secure

    assert _cookie_secure("https://dalel.example.kz")
    assert _cookie_secure("http://dalel.example.kz")
    assert not _cookie_secure("http://127.0.0.1:8000")
    assert not _cookie_secure("http://localhost:8000")


def test_me_in_three_languages_without_personal_data(client, engine, seeded):
    _login(client, engine, seeded.graduate_id)
    expected = {"kk": "Менің дипломдарым", "ru": "Мои дипломы", "en": "My diplomas"}
    for lang, title in expected.items():
        r = client.get(f"/me?lang={lang}")
        assert r.status_code == 200
        assert f'<html lang="{lang}">' in r.text and title in r.text
        assert "BD 00012345" in r.text and "00012346" not in r.text  # only their own diploma
        assert seeded.diploma.verify_token in r.text
        assert r.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    # the chosen language sticks
    assert "Мои дипломы" in client.get("/me?lang=ru").text and "Мои дипломы" in client.get("/me").text
    assert "Әсел" in client.get("/me?lang=kk").text


def test_me_names_the_award_in_the_readers_language(client, engine, seeded):
    import re as _re

    _login(client, engine, seeded.graduate_id)
    achievement = seeded.diploma.credential["credentialSubject"]["achievement"]["name"]
    names = {v["@language"]: v["@value"] for v in achievement}
    for lang in ("kk", "ru", "en"):
        heading = _re.search(r"<h2>([^<]*)</h2>", client.get(f"/me?lang={lang}").text).group(1)
        assert heading == names[lang]


def test_share_link_forms_need_the_csrf_token(client, engine, seeded):
    _login(client, engine, seeded.graduate_id)
    page = client.get("/me?lang=en").text
    csrf = csrf_of(page)
    form = {"series": "BD", "number": "00012345", "scope": "diploma+supplement", "expiry": "7", "label": "ACME"}
    assert client.post("/me/share", data=form).status_code == 403
    assert client.post("/me/share", data={**form, "csrf": "forged"}).status_code == 403
    r = client.post("/me/share", data={**form, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/me?lang=en").text
    token = re.search(r"http://testserver/v/([1-9A-HJ-NP-Za-km-z]{22,})</code></td>", page).group(1)
    assert token != seeded.diploma.verify_token
    assert "Active" in page and "ACME" in page
    # someone else's diploma cannot be shared
    other = {**form, "number": "00012346", "scope": "diploma", "csrf": csrf}
    assert client.post("/me/share", data=other).status_code == 404
    # revoke
    link_id = re.search(r'action="/me/share/(\d+)/revoke"', page).group(1)
    assert client.post(f"/me/share/{link_id}/revoke", data={"csrf": "x"}).status_code == 403
    assert client.post(f"/me/share/{link_id}/revoke", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    page = client.get("/me?lang=en").text
    assert "Revoked" in page and f'action="/me/share/{link_id}/revoke"' not in page
    lookup = client.app.state.ctx.credential_lookup
    assert lookup(token, None).status == "revoked"


def test_downloads_need_the_graduate_or_staff(client, engine, seeded, qr):
    base = "/api/v1/diplomas/BD/00012345"
    for path in ("qr.png", "qr.svg", "credential.json", "presentation.json"):
        r = client.get(f"{base}/{path}")
        assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/v1/diplomas/BD/99999999/qr.png").status_code == 401  # no probing of numbers
    _login(client, engine, seeded.graduate_id)
    png = client.get(f"{base}/qr.png")
    assert png.headers["content-type"] == "image/png"
    assert qr.decode_png(png.content) == f"http://testserver/v/{seeded.diploma.verify_token}"
    svg = client.get(f"{base}/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert qr.decode_svg(svg.content) == f"http://testserver/v/{seeded.diploma.verify_token}"
    cred = client.get(f"{base}/credential.json").json()
    assert cred["id"] == seeded.diploma.credential["id"]
    vp = client.get(f"{base}/presentation.json").json()
    assert vp["type"] == ["VerifiablePresentation"] and len(vp["verifiableCredential"]) == 2
    assert "proof" not in vp and "holder" not in vp
    # another graduate's diploma is not theirs
    assert client.get("/api/v1/diplomas/BD/00012346/qr.png").status_code == 404
    assert client.get("/api/v1/diplomas/BD/99999999/qr.png").status_code == 404


def test_me_keeps_the_language_chosen_on_the_sign_in_page(client, engine, seeded):
    """A graduate switches the sign-in page to Russian, signs in: /me is in Russian, whatever
    the browser's Accept-Language says."""
    with Session(engine) as s:
        url = create_login_link(s, seeded.graduate_id, "http://testserver")
    path = url.removeprefix("http://testserver")
    browser = {"accept-language": "en-GB,en;q=0.9"}
    landing = client.get(path, headers=browser)
    assert '<html lang="en">' in landing.text
    switch = re.search(r'<a href="([^"]+\?lang=ru)"', landing.text).group(1)
    chosen = client.get(switch, headers=browser)
    assert '<html lang="ru">' in chosen.text
    action = re.search(r'<form method="?post"? action="([^"]+)"', chosen.text).group(1)
    me = client.post(action, headers={**browser, "origin": "http://testserver"}, follow_redirects=True)
    assert me.url.path == "/me" and '<html lang="ru">' in me.text and "Мои дипломы" in me.text
    assert '<html lang="ru">' in client.get("/me", headers=browser).text  # and it stays


def test_an_unsupported_language_reads_english(client, engine, seeded):
    for headers, query in (({"accept-language": "de-DE,de"}, ""), ({}, "?lang=fr")):
        r = client.get("/institutions/nosuch/did.json" + query, headers=headers)
        assert r.status_code == 404 and r.json()["title"] == "No such institution on this service"
        assert client.get("/me" + query, headers=headers).text.count('<html lang="en">') == 1
