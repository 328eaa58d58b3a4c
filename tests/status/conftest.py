"""Fixtures for status list tests: a keystore with keys for two institutions, a resolver of
their did:web documents and a fetcher that serves this deployment's status lists."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import Session

from common.errors import ResourceUnavailable
from issuer import status as status_service
from keys.did import did_web_url, institution_did
from keys.keystore import Keystore
from keys.resolve import DidResolver
from keys.service import create_key, institution_did_document
from tests.support.issuer import row

PUBLIC_URL = "http://testserver"


@pytest.fixture
def keystore(settings):
    """The deployment's keystore (the app fixture opens the same one)."""
    return Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)


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
            for slug in ("demo", "other", "kaznu"):
                if url == did_web_url(institution_did(PUBLIC_URL, slug)):
                    return institution_did_document(s, slug, PUBLIC_URL)
            list_id = status_service.list_id_from_url(base)
            if list_id is None:
                raise ResourceUnavailable(url)
            query = parse_qs(urlsplit(url).query)
            try:
                if "timestamp" in query:
                    from common.timestamps import parse_datetime

                    status_service.ensure_published(s, self.keystore, list_id, PUBLIC_URL)
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


@dataclass
class University:
    slug: str
    person_id: int
    token: str
    actor: object
    settings: object
    keystore: object
    engine: object
    issued: int = 0

    def issue(self, **overrides):
        """Issue one diploma (and its supplement); returns issuer.service.IssuedDiploma."""
        from issuer.service import issue_diploma

        self.issued += 1
        data = row(self.issued, **overrides)
        with Session(self.engine) as s:
            return issue_diploma(s, self.keystore, self.settings, institution=self.slug, data=data, actor=self.actor)


def seed_university(engine, keystore, settings, slug: str = "kaznu", scopes: str = "issue,revoke,correct"):
    from issuer.auth import authenticate, create_token
    from issuer.setup import add_accreditation, add_institution, add_person, add_programme

    with Session(engine) as s:
        add_institution(s, keystore, slug=slug, name_kk="Әл-Фараби атындағы ҚазҰУ", name_ru="КазНУ имени аль-Фараби",
                        name_en="Al-Farabi Kazakh National University", public_url=settings.public_url)
        add_accreditation(s, institution=slug, agency="IAAR", scope="institution", valid_from=date(2020, 1, 1),
                          valid_until=date(2030, 1, 1))
        add_programme(s, institution=slug, code="6B06101", name_kk="Ақпараттық жүйелер",
                      name_ru="Информационные системы", name_en="Information Systems", isced="0613", level=6,
                      credits=240)
        person = add_person(s, institution=slug, name="Aigerim Registrar", position="Registrar",
                            order_number="№ 12-к", order_date=date(2024, 9, 1))
        token, _ = create_token(s, person.id, scopes)
        actor = authenticate(s, token)
    return University(slug, person.id, token, actor, settings, keystore, engine)


@pytest.fixture
def university(engine, keystore, settings):
    return seed_university(engine, keystore, settings)


@pytest.fixture
def second_university(university, engine, keystore, settings):
    return seed_university(engine, keystore, settings, slug="enu")


@pytest.fixture
def seed():
    """seed_university, for tests that build their own deployment."""
    return seed_university
