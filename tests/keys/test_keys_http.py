"""GET /institutions/{slug}/did.json, and resolving through it end to end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlmodel import Session

from keys.keystore import Keystore
from keys.resolve import DidResolver
from keys.service import active_signer, compromise_key, create_key, rotate_key

DID = "did:web:testserver:institutions:demo"


def make_keys(settings, engine):
    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    with Session(engine) as session:
        first = create_key(session, keystore, institution="demo")
        signature = active_signer(session, keystore, "demo", settings.public_url).sign(b"old diploma")
        second = rotate_key(session, keystore, institution="demo")
        return first.id, first.public_key_multibase, signature, second.id


def test_did_json_lists_every_key(client, settings, engine):
    first, first_mb, _sig, second = make_keys(settings, engine)
    response = client.get("/institutions/demo/did.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["access-control-allow-origin"] == "*"
    assert "max-age=" in response.headers["cache-control"]
    doc = response.json()
    assert doc["id"] == DID
    assert doc["assertionMethod"] == [f"{DID}#{first}", f"{DID}#{second}"]
    assert doc["verificationMethod"][0]["publicKeyMultibase"] == first_mb
    assert {vm["type"] for vm in doc["verificationMethod"]} == {"Multikey"}


def test_did_json_caching_and_media_types(client, settings, engine):
    make_keys(settings, engine)
    first = client.get("/institutions/demo/did.json")
    etag = first.headers["etag"]
    again = client.get("/institutions/demo/did.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    ld = client.get("/institutions/demo/did.json", headers={"Accept": "application/did+ld+json"})
    assert ld.headers["content-type"].startswith("application/did+ld+json")
    assert ld.json() == first.json() and ld.headers["etag"] != etag


def test_compromise_shows_in_the_served_document(client, settings, engine):
    first, _mb, _sig, second = make_keys(settings, engine)
    with Session(engine) as session:
        compromise_key(session, second, datetime.now(UTC) - timedelta(minutes=5))
    vms = {vm["id"]: vm for vm in client.get("/institutions/demo/did.json").json()["verificationMethod"]}
    assert "revoked" in vms[f"{DID}#{second}"] and "revoked" not in vms[f"{DID}#{first}"]


def test_unknown_institution_is_a_translated_404_problem(client):
    for path in ("/institutions/nobody/did.json", "/institutions/Bad_Slug/did.json"):
        response = client.get(path, headers={"Accept-Language": "ru"})
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")
        body = response.json()
        assert body["code"] == "institution-not-found"
        assert body["title"] == "На этом сервисе нет такой организации"
    for lang, title in (("kk", "Бұл сервисте мұндай ұйым жоқ"), ("en", "No such institution on this service")):
        assert client.get("/institutions/nosuch/did.json", headers={"Accept-Language": lang}).json()["title"] == title


def test_old_signature_verifies_through_the_served_document(client, settings, engine):
    first, _mb, signature, _second = make_keys(settings, engine)

    def fetch_json(url):
        assert url == "https://testserver/institutions/demo/did.json"
        return client.get(urlsplit(url).path).json()

    key = DidResolver(fetch_json).resolve_key(f"{DID}#{first}")
    assert key.verify(b"old diploma", signature)
    assert not key.verify(b"forged diploma", signature)
