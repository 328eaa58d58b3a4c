"""VC Data Model 2.0 structural rules (keys.vcdm)."""

from __future__ import annotations

import pytest

from keys import jsonld
from keys.vcdm import credential_problems

BASE = {
    "@context": [jsonld.CREDENTIALS_V2],
    "type": ["VerifiableCredential"],
    "issuer": "did:web:university.example",
    "credentialSubject": {"name": "Alice"},
}
SRI = "sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg"
MB = "uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k"
V2 = "https://www.w3.org/ns/credentials/v2"


def codes(**changes):
    return [p.code for p in credential_problems({**BASE, **changes})]


def test_minimal_credential_is_fine():
    assert codes() == []


@pytest.mark.parametrize(
    "value",
    [
        {"id": V2, "digestSRI": SRI},
        {"id": V2, "digestMultibase": MB},
        [{"id": V2, "mediaType": "application/ld+json", "digestSRI": SRI}],
    ],
)
def test_related_resource_accepted(value):
    assert codes(relatedResource=value) == []


@pytest.mark.parametrize(
    "value",
    [
        [V2],
        [{"digestMultibase": MB}],
        [{"id": V2, "digestSRI": SRI}, {"id": V2, "digestMultibase": MB}],
        [{"id": V2}],
        [{"id": V2, "digestSRI": "sha384-_rCVIV7fSXXTNIvpiq26jRDyj8JG8TDjij-tD0ewLk4JpnXEz6a5AeeY_1qQ0d0P"}],
        [{"id": V2, "digestSRI": "sha384-AAAA"}],
        [],
    ],
)
def test_related_resource_rejected(value):
    assert codes(relatedResource=value) == ["related_resource_invalid"]


def test_status_entries_are_checked_wherever_they_are():
    good = {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": "https://dalel.example/status/1",
    }
    assert codes(credentialStatus=good) == []
    assert codes(credentialStatus=[good, {**good, "statusPurpose": "suspension"}]) == []
    for bad in (
        {**good, "statusListIndex": 94567},
        {**good, "statusListIndex": "007"},
        {**good, "statusListIndex": True},
        {**good, "statusPurpose": None},
        {**good, "statusListCredential": "not a url"},
        {**good, "statusSize": 2},
        {**good, "statusSize": 0},
    ):
        assert codes(credentialStatus=bad) == ["status_entry_invalid"], bad
    assert codes(statusEntry={**good, "statusListIndex": True}) == ["status_entry_invalid"]


def test_messages_exist_in_three_languages():
    [problem] = credential_problems({**BASE, "validFrom": "yesterday"})
    texts = {lang: problem.message(lang) for lang in ("kk", "ru", "en")}
    assert all("validFrom" in t for t in texts.values()) and len(set(texts.values())) == 3
    assert problem.to_dict("en")["field"] == "validFrom"


def test_validity_compares_instants_not_strings():
    assert codes(validFrom="2023-02-26T01:21:23Z", validUntil="2023-02-25T19:21:29-06:00") == []
    assert codes(validFrom="2023-02-26T01:21:23Z", validUntil="2023-02-25T19:21:22-06:00") == [
        "validity_order"
    ]
    assert codes(validFrom="2023-02-26T01:21:23") == ["datetime_invalid"]  # dateTimeStamp needs a zone


def test_not_an_object():
    assert [p.code for p in credential_problems("text")] == ["not_object"]
