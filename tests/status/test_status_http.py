"""GET /status/{id} (ETag, Cache-Control, 304, timestamp), the status API and the CLI."""

from __future__ import annotations

from sqlmodel import Session

from issuer.status import list_id_from_url
from verifier.status import check_status


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def fetch_via(client):
    def fetch_json(url: str):
        from common.errors import ResourceUnavailable

        path = url.replace("http://testserver", "").replace("https://testserver", "")
        response = client.get(path)
        if response.status_code != 200:
            raise ResourceUnavailable(f"{url}: HTTP {response.status_code}")
        return response.json()

    return fetch_json


def test_status_list_is_served_with_etag_and_cache_headers(client, university):
    issued = university.issue()
    url = issued.diploma["credentialStatus"][0]["statusListCredential"]
    path = "/status/" + list_id_from_url(url)
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("application/json")
    assert first.headers["cache-control"] == "public, max-age=60"
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    body = first.json()
    assert body["id"] == url and "BitstringStatusListCredential" in body["type"]
    again = client.get(path)
    assert again.headers["etag"] == etag and again.content == first.content  # not re-signed per request
    not_modified = client.get(path, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["etag"] == etag
    assert client.get(path, headers={"If-None-Match": '"other", W/' + etag}).status_code == 304
    assert client.get(path, headers={"Accept": "application/vc"}).headers["content-type"].startswith("application/vc")
    head = client.head(path)
    assert head.status_code == 200 and head.headers["etag"] == etag


def test_change_regenerates_the_list_and_its_etag(client, university, network):
    issued = university.issue()
    entry = issued.diploma["credentialStatus"][0]
    path = "/status/" + list_id_from_url(entry["statusListCredential"])
    etag = client.get(path).headers["etag"]
    response = client.post(
        f"/api/v1/diplomas/{issued.series}/{issued.number}/status",
        json={"action": "revoke", "reason": "fraud", "note": "forged"},
        headers=auth(university.token),
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "revoked"
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    result = check_status(entry, issued.diploma["issuer"]["id"], fetch_json=fetch_via(client),
                          resolve_key=network.resolve_key)
    assert result.code == "revoked"


def test_timestamp_serves_an_earlier_version(client, university):
    issued = university.issue()
    path = "/status/" + list_id_from_url(issued.diploma["credentialStatus"][0]["statusListCredential"])
    assert client.get(path + "?timestamp=2000-01-01T00:00:00Z").status_code == 404
    assert client.get(path + "?timestamp=yesterday").status_code == 400
    first = client.get(path)
    stamp = first.json()["validFrom"]
    assert client.get(path, params={"timestamp": stamp}).json() == first.json()


def test_unknown_list_is_a_problem(client, university):
    response = client.get("/status/doesnotexist")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "status-list-not-found"


def test_another_institution_cannot_touch_it(client, university, second_university):
    issued = university.issue()
    url = f"/api/v1/diplomas/{issued.series}/{issued.number}/status"
    response = client.post(url, json={"action": "revoke", "reason": "fraud"}, headers=auth(second_university.token))
    # as if the number did not exist: no probing of another institution's numbers
    assert (response.status_code, response.json()["code"]) == (404, "diploma-not-found")
    assert client.get(url, headers=auth(second_university.token)).status_code == 404


def test_status_api_auth_and_history(client, university, engine):
    from issuer.auth import create_token

    issued = university.issue()
    url = f"/api/v1/diplomas/{issued.series}/{issued.number}/status"
    assert client.post(url, json={"action": "suspend", "reason": "other"}).status_code == 401
    with Session(engine) as s:
        weak, _ = create_token(s, university.person_id, "issue")
    denied = client.post(url, json={"action": "suspend", "reason": "other"}, headers=auth(weak))
    assert (denied.status_code, denied.json()["code"]) == (403, "missing-scope")
    bad = client.post(url, json={"action": "suspend", "reason": "whim"}, headers=auth(university.token))
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid-reason-code")
    ok = client.post(url, json={"action": "suspend", "reason": "graduate_request"}, headers=auth(university.token))
    assert ok.status_code == 200 and ok.json()["status"] == "suspended"
    conflict = client.post(url, json={"action": "suspend", "reason": "other"}, headers=auth(university.token))
    assert (conflict.status_code, conflict.json()["code"]) == (409, "already-suspended")
    assert client.get(url).status_code == 401
    history = client.get(url, params={"at": "2000-01-01"}, headers=auth(weak)).json()
    assert history["status"] == "active" and history["changes"] == []
    now = client.get(url, headers=auth(weak)).json()
    assert now["status"] == "suspended" and now["changes"][0]["reason"] == "graduate_request"
    assert client.get(url, params={"at": "31.12.2020"}, headers=auth(weak)).status_code == 400
    missing = client.post("/api/v1/diplomas/BD/99999999/status", json={"action": "revoke", "reason": "fraud"},
                          headers=auth(university.token))
    assert missing.status_code == 404


def test_request_id_reaches_history_and_audit(client, university, engine):
    from sqlmodel import select

    from issuer.models import AuditEntry

    issued = university.issue()
    url = f"/api/v1/diplomas/{issued.series}/{issued.number}/status"
    response = client.post(url, json={"action": "suspend", "reason": "other"},
                           headers={**auth(university.token), "X-Request-Id": "req-abcdef12"})
    assert response.status_code == 200
    history = client.get(url, headers=auth(university.token)).json()
    assert history["changes"][0]["request_id"] == "req-abcdef12"
    with Session(engine) as s:
        row = s.exec(select(AuditEntry).where(AuditEntry.action == "status.suspend")).one()
        assert row.request_id == "req-abcdef12"
