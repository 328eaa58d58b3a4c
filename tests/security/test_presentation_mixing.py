"""A presentation pairing one graduate's diploma with another graduate's supplement says so."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from tests.support import issuer as issuer_helpers


def test_another_graduates_supplement_makes_the_presentation_unverified(app, client, settings, engine):
    """One graduate's diploma with another graduate's supplement is not `verified` (issue 12.5)."""
    from common.fetch import Fetcher
    from issuer.service import issue_diploma
    from issuer.setup import ensure_ministry_key
    from keys.keystore import Keystore
    from verifier.context import VerificationContext

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    with Session(engine) as session:
        seed = issuer_helpers.seed_institution(session, keystore, settings)
        ensure_ministry_key(session, keystore)
        course = {"course_code": "CS101", "course_title_en": "Programming", "credits": "5", "grade": "A"}
        mine = issue_diploma(session, keystore, settings, institution=seed.slug,
                             data={**issuer_helpers.row(), "courses": [course]}, actor=seed.actor)
        theirs = issue_diploma(session, keystore, settings, institution=seed.slug,
                               data={**issuer_helpers.row(2, name_latin="Aigerim Sarsenbayeva"),
                                     "courses": [{**course, "grade": "A+"}]}, actor=seed.actor)
    fetcher = Fetcher.from_settings(settings, transport=client._transport)
    app.state.ctx.fetcher = fetcher
    app.state.ctx.extras["verification_context"] = VerificationContext.from_settings(settings, fetcher)
    vp = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
          "verifiableCredential": [mine.diploma, theirs.supplement]}
    body = client.post("/presentations/verify", json={"verifiablePresentation": vp}).json()
    assert body["verified"] is False
    assert ("credential[1].related_resource", "related_resource_absent") in {
        (e["id"], e["code"]) for e in body["errors"]}
    # the genuine pair verifies
    vp["verifiableCredential"] = [mine.diploma, mine.supplement]
    body = client.post("/presentations/verify", json={"verifiablePresentation": vp}).json()
    assert body["verified"] is True, body
    assert not [e for e in body["errors"] + body["warnings"] if e["code"] == "related_resource_absent"]


@pytest.mark.parametrize("related", [{"id": ["urn:uuid:x"]}, [{"id": {"a": 1}, "digestMultibase": "uEi"}]])
def test_related_resource_with_an_object_id_is_no_500(client, related):
    """A relatedResource whose id is a list or an object (not a string) is simply not a match:
    the presentation is answered, never a 500 (the ids were looked up in a dict)."""
    supplement = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:uuid:s",
                  "type": ["VerifiableCredential", "DiplomaSupplementCredential"], "issuer": "did:web:x.example",
                  "credentialSubject": {"id": "did:example:1"}, "relatedResource": related}
    diploma = {**supplement, "id": "urn:uuid:d", "type": ["VerifiableCredential"]}
    diploma.pop("relatedResource")
    vp = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
          "verifiableCredential": [diploma, supplement]}
    r = client.post("/presentations/verify", json={"verifiablePresentation": vp})
    assert r.status_code in (200, 400, 422) and r.json().get("verified") is False, r.text


def test_share_link_supplement_with_an_object_related_id_is_reported_not_raised():
    from verifier.context import VerificationContext
    from verifier.tokens import related_report

    diploma = {"id": "urn:uuid:d", "type": ["VerifiableCredential"]}
    supplement = {"type": ["VerifiableCredential", "DiplomaSupplementCredential"], "relatedResource": {"id": ["a"]}}
    report = related_report(diploma, supplement, VerificationContext.build(None))
    assert report.verdict == "invalid"
    assert report.check("format").status == "failed"  # not a credential at all: nothing else is read
