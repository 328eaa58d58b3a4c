"""The canonicalisation memo is keyed by content: an edited document is never served a stale form."""

from keys import jsonld

DOC = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": "did:example:issuer",
    "credentialSubject": {"id": "did:example:subject"},
}


def test_edit_in_place_changes_the_canonical_form():
    doc = {**DOC, "credentialSubject": dict(DOC["credentialSubject"])}
    first = jsonld.canonize(doc)
    assert jsonld.canonize(doc) == first
    doc["credentialSubject"]["id"] = "did:example:someone-else"
    second = jsonld.canonize(doc)
    assert second != first and "someone-else" in second


def test_memo_does_not_bypass_safe_mode():
    bad = {**DOC, "gpa": "4.0"}
    for _ in range(2):
        try:
            jsonld.canonize(bad)
        except jsonld.JsonLdError as exc:
            assert exc.code == "undefined_term"
        else:
            raise AssertionError("an undefined term must fail every time")
