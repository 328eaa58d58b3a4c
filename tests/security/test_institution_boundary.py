"""A responsible person acts only for their own institution, and cannot tell another
institution's diploma numbers from numbers that do not exist."""

from __future__ import annotations

import pytest


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


REQUESTS = [
    ("get", "/api/v1/diplomas/{s}/{n}", None),
    ("get", "/api/v1/diplomas/{s}/{n}/status", None),
    ("post", "/api/v1/diplomas/{s}/{n}/status", {"action": "revoke", "reason": "fraud"}),
    ("post", "/api/v1/diplomas/{s}/{n}/login-link", None),
    ("get", "/api/v1/diplomas/{s}/{n}/qr.png", None),
    ("get", "/api/v1/diplomas/{s}/{n}/credential.json", None),
    ("get", "/api/v1/diplomas/{s}/{n}/diploma.pdf", None),
]


@pytest.mark.parametrize(("method", "template", "body"), REQUESTS)
def test_other_institutions_diploma_looks_like_a_missing_one(client, campuses, method, template, body):
    a, b = campuses
    kwargs = {"headers": _auth(a.token)} | ({"json": body} if body else {})
    theirs = getattr(client, method)(template.format(s=b.series, n=b.number), **kwargs)
    missing = getattr(client, method)(template.format(s=b.series, n="09999999"), **kwargs)
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json()["code"] == missing.json()["code"]
    assert b.slug not in theirs.text


def test_other_institutions_diploma_is_not_revoked(client, campuses):
    a, b = campuses
    client.post(f"/api/v1/diplomas/{b.series}/{b.number}/status", headers=_auth(a.token),
                json={"action": "revoke", "reason": "fraud"})
    mine = client.get(f"/api/v1/diplomas/{b.series}/{b.number}/status", headers=_auth(b.token))
    assert mine.status_code == 200 and mine.json()["changes"] == []
