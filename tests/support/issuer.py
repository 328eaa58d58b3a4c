"""Helpers for issuer tests (imported by conftest and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from issuer.auth import Actor, authenticate, create_token
from issuer.batch import EXAMPLE_ROW
from issuer.pii import make_iin
from issuer.setup import add_accreditation, add_institution, add_person, add_programme


@dataclass
class Seed:
    slug: str
    person_id: int
    token: str
    actor: Actor


def seed_institution(session: Session, keystore, settings, slug: str = "kaznu") -> Seed:
    add_institution(session, keystore, slug=slug, name_kk="Әл-Фараби атындағы ҚазҰУ",
                    name_ru="КазНУ имени аль-Фараби", name_en="Al-Farabi Kazakh National University",
                    public_url=settings.public_url)
    add_accreditation(session, institution=slug, agency="IAAR", scope="institution",
                      valid_from=date(2020, 1, 1), valid_until=date(2030, 1, 1))
    add_programme(session, institution=slug, code="6B06101", name_kk="Ақпараттық жүйелер",
                  name_ru="Информационные системы", name_en="Information Systems", isced="0613", level=6,
                  credits=240)
    add_programme(session, institution=slug, code="7M06101", name_kk="Ақпараттық жүйелер (магистратура)",
                  name_ru="Информационные системы (магистратура)", name_en="Information Systems (master)",
                  isced="0613", level=7, credits=120)
    person = add_person(session, institution=slug, name="Aigerim Registrar", position="Registrar",
                        order_number="№ 12-к", order_date=date(2024, 9, 1))
    token, _ = create_token(session, person.id, "issue,revoke,correct")
    return Seed(slug, person.id, token, authenticate(session, token))


def seed_app(app, engine, settings) -> tuple[Seed, dict[str, str]]:
    """An institution (and the ministry's key) in the app's database, the app holding the
    keystore; returns the seed and the registrar's Authorization header."""
    from issuer.setup import ensure_ministry_key
    from keys.keystore import Keystore

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    app.state.ctx._keystore = keystore
    with Session(engine) as s:
        seed = seed_institution(s, keystore, settings)
        ensure_ministry_key(s, keystore)
    return seed, {"Authorization": f"Bearer {seed.token}"}


def row(n: int = 1, **overrides) -> dict:
    """The cohort template's example row (issuer.batch.EXAMPLE_ROW), graduate `n` of the cohort."""
    return {**EXAMPLE_ROW, "iin": make_iin(date(2001, 3, 14), "m", n), **overrides}


def resolver_for(session: Session, public_url: str):
    """A KeyResolver that reads institution DID documents from the database (no network)."""
    from urllib.parse import urlsplit

    from keys.resolve import DidResolver
    from keys.service import institution_did_document

    def fetch_json(url: str):
        parts = urlsplit(url).path.strip("/").split("/")
        return institution_did_document(session, parts[1], public_url)

    return DidResolver(fetch_json, allow_http_localhost=True)


def verify(session: Session, public_url: str, document: dict) -> list:
    from keys.dataintegrity import verify_proofs

    return verify_proofs(document, resolver_for(session, public_url))
