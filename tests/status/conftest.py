"""Fixtures for status list tests: a keystore with keys for two institutions, a resolver of
their did:web documents and a fetcher that serves this deployment's status lists."""

from __future__ import annotations

import json
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import Session

from common.errors import ResourceUnavailable
from issuer import status as status_service
from keys.did import did_web_url, institution_did
from keys.keystore import Keystore
from keys.resolve import DidResolver
from keys.service import create_key, institution_did_document

PUBLIC_URL = "http://testserver"


@pytest.fixture
def keystore(tmp_path):
    return Keystore.open(tmp_path / "keystore", passphrase="status tests " + secrets.token_hex(4))


@pytest.fixture
def institutions(engine, keystore):
    """Keys for "demo" and "other"; returns their DIDs."""
    with Session(engine) as s:
        for slug in ("demo", "other"):
            create_key(s, keystore, institution=slug)
    return {slug: institution_did(PUBLIC_URL, slug) for slug in ("demo", "other")}


class Network:
    """What a verifier on this host can fetch: DID documents and status lists (by URL), with
    switches to take a list away or replace it."""

    def __init__(self, engine, keystore) -> None:
        self.engine = engine
        self.keystore = keystore
        self.overrides: dict[str, object] = {}
        self.down: set[str] = set()
        self.fetched: list[str] = []

    def fetch_json(self, url: str):
        self.fetched.append(url)
        base = url.split("?", 1)[0]
        if base in self.down:
            raise ResourceUnavailable(f"{base} unreachable")
        if base in self.overrides:
            return json.loads(json.dumps(self.overrides[base]))
        with Session(self.engine) as s:
            for slug in ("demo", "other"):
                if url == did_web_url(institution_did(PUBLIC_URL, slug)):
                    return institution_did_document(s, slug, PUBLIC_URL)
            list_id = status_service.list_id_from_url(base)
            if list_id is None:
                raise ResourceUnavailable(url)
            query = parse_qs(urlsplit(url).query)
            try:
                if "timestamp" in query:
                    from keys._time import parse_datetime

                    published = status_service.published_as_of(s, list_id, parse_datetime(query["timestamp"][0]))
                else:
                    published = status_service.ensure_published(s, self.keystore, list_id, PUBLIC_URL)
            except Exception as exc:  # noqa: BLE001 - 404 and friends
                raise ResourceUnavailable(str(exc)) from None
            return json.loads(published.text)

    def resolve_key(self, vm: str):
        return DidResolver(self.fetch_json).resolve_key(vm)


@pytest.fixture
def network(engine, keystore, institutions):
    return Network(engine, keystore)
