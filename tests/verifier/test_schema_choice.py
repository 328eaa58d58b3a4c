"""Which shipped JSON Schema checks a credential follows from its signed type and @context only,
never from ``credentialSchema`` (which the issuer, or a presenter before the proof is checked,
picks): a third party's Open Badge that names Dalel's schema URL is not held to it, and a Dalel
diploma cannot escape its schema by naming another."""

from __future__ import annotations

from verifier.pipeline import verify_credential
from verifier.schemas import schema_name_for

V2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DALEL_V1 = "https://dalel.kz/ns/credentials/v1"
DIPLOMA = "https://dalel.kz/ns/credentials#DiplomaCredential"
SUPPLEMENT = "https://dalel.kz/ns/credentials#DiplomaSupplementCredential"


def _doc(types, contexts=(V2, OB3), schema=None):
    doc = {"@context": list(contexts), "type": ["VerifiableCredential", *types]}
    if schema:
        doc["credentialSchema"] = {"id": f"https://dalel.example/schemas/{schema}.json", "type": "JsonSchema"}
    return doc


def test_the_signed_type_and_context_choose():
    assert schema_name_for(_doc(["OpenBadgeCredential", DIPLOMA])) == "diploma-v2"
    assert schema_name_for(_doc(["OpenBadgeCredential", SUPPLEMENT])) == "supplement-v2"
    assert schema_name_for(_doc(["OpenBadgeCredential"], (V2, OB3, DALEL_V1))) == "diploma"
    assert schema_name_for(_doc(["DiplomaSupplementCredential"], (V2, DALEL_V1))) == "supplement"
    assert schema_name_for(_doc(["DalelTrustListCredential"], (V2, DALEL_V1))) == "trust-list"


def test_credential_schema_never_chooses():
    assert schema_name_for(_doc(["OpenBadgeCredential"], schema="diploma")) is None
    assert schema_name_for(_doc(["OpenBadgeCredential"], schema="supplement-v2")) is None
    # a v2 diploma naming the (laxer) trust-list schema is still checked as a diploma
    assert schema_name_for(_doc(["OpenBadgeCredential", DIPLOMA], schema="trust-list")) == "diploma-v2"


def test_a_third_party_open_badge_naming_dalels_schema_passes_the_format_check(make_ctx):
    badge = {
        "@context": [V2, OB3],
        "id": "urn:uuid:0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:web:badges.example", "type": ["Profile"], "name": "Badges"},
        "validFrom": "2025-01-01T00:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": {
            "id": "https://badges.example/a/1", "type": ["Achievement"], "name": "Teamwork",
            "description": "Works in teams.", "criteria": {"narrative": "Did it."}}},
        "credentialSchema": [{"id": "https://dalel.example/schemas/diploma.json", "type": "JsonSchema"}],
    }
    check = verify_credential(badge, context=make_ctx()).check("format")
    assert (check.status, check.code) == ("passed", "well_formed"), check
