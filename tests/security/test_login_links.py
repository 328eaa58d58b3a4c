"""Graduate login links made by a responsible person reach only that institution's diplomas."""

from __future__ import annotations


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_staff_login_link_does_not_open_another_institutions_diplomas(client, campuses):
    a, b = campuses
    r = client.post(f"/api/v1/diplomas/{a.series}/{a.number}/login-link", headers=_auth(a.token))
    assert r.status_code == 201, r.text
    login = client.get(r.json()["url"].removeprefix("http://testserver"), follow_redirects=False)
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


def _csrf(html: str) -> str:
    import re

    return re.search(r'name=csrf value="([^"]+)"', html).group(1)
