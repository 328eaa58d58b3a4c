"""Property: no meaning-preserving JSON-LD respelling of a signed demo credential improves its
verdict (issue 12.7). The credentials are the demo's own (revoked, suspended) and ones the demo
key signs (expired, not matching the diploma schema); the respellings keep the signed RDF
graph byte-for-byte (their canonical N-Quads equal the original's, so the signature holds):
absolute-IRI and compact-IRI keys, keyword keys, inline aliases, one-element arrays, value
and node objects, an extra ``@vocab`` context, member order."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from keys import jsonld

CRED = "https://www.w3.org/2018/credentials#"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
SEVERITY = {"valid": 0, "untrusted": 1, "indeterminate": 2, "invalid": 3}
TOP_TERMS = ("credentialStatus", "validFrom", "validUntil", "credentialSchema", "credentialSubject", "issuer")


def _entries(doc):
    status = doc.get("credentialStatus")
    return status if isinstance(status, list) else [status] if isinstance(status, dict) else []


def _typed(term, value):
    """A value as it means under `term`, written where no term gives it a type."""
    if term in ("validFrom", "validUntil") and isinstance(value, str):
        return {"@value": value, "@type": XSD_DATETIME}
    return value


def iri_key(term):
    def rewrite(doc):
        if term in doc:
            doc[CRED + term] = _typed(term, doc.pop(term))
        return doc
    rewrite.__name__ = f"iri_key({term})"
    return rewrite


def compact_iri_key(term):
    def rewrite(doc):
        if term in doc:
            doc["@context"] = [*doc["@context"], {"c": CRED}]
            doc[f"c:{term}"] = _typed(term, doc.pop(term))
        return doc
    rewrite.__name__ = f"compact_iri_key({term})"
    return rewrite


def alias(term):
    def rewrite(doc):
        if term in doc:
            doc["@context"] = [*doc["@context"], {"x" + term[:2]: {"@id": CRED + term, "@type": "@id"}}]
            doc["x" + term[:2]] = doc.pop(term)
        return doc
    rewrite.__name__ = f"alias({term})"
    return rewrite


def keyword_keys(doc):
    for old, new in (("id", "@id"), ("type", "@type")):
        if old in doc:
            doc[new] = doc.pop(old)
    return doc


def wrap_entry_values(doc):
    for entry in _entries(doc):
        for key in ("type", "statusPurpose", "statusListIndex"):
            if isinstance(entry.get(key), str):
                entry[key] = [entry[key]]
    return doc


def node_object_list_url(doc):
    for entry in _entries(doc):
        if isinstance(entry.get("statusListCredential"), str):
            entry["statusListCredential"] = {"id": entry["statusListCredential"]}
    return doc


def status_as_object(doc):
    entries = _entries(doc)
    if len(entries) == 1:
        doc["credentialStatus"] = entries[0]
    return doc


def unwrap_single_arrays(doc):
    issuer = doc.get("issuer")
    if isinstance(issuer, dict) and isinstance(issuer.get("type"), list) and len(issuer["type"]) == 1:
        issuer["type"] = issuer["type"][0]
    if isinstance(doc.get("credentialSchema"), list) and len(doc["credentialSchema"]) == 1:
        doc["credentialSchema"] = doc["credentialSchema"][0]
    return doc


def dates_as_value_objects(doc):
    for key in ("validFrom", "validUntil"):
        if isinstance(doc.get(key), str):
            doc[key] = {"@value": doc[key], "@type": XSD_DATETIME}
    return doc


def wrap_dates(doc):
    for key in ("validFrom", "validUntil"):
        if isinstance(doc.get(key), str):
            doc[key] = [doc[key]]
    return doc


def vocab_context(doc):
    doc["@context"] = [*doc["@context"], jsonld.UNDEFINED_TERMS_V2]
    return doc


def reorder(doc):
    return dict(reversed(list(doc.items())))


REWRITES = [
    *(iri_key(t) for t in TOP_TERMS), *(compact_iri_key(t) for t in ("credentialStatus", "validUntil")),
    *(alias(t) for t in ("credentialStatus", "credentialSchema")), keyword_keys, wrap_entry_values,
    node_object_list_url, status_as_object, unwrap_single_arrays, dates_as_value_objects, wrap_dates, vocab_context,
    reorder,
]


@pytest.fixture(scope="module")
def signed(demo):
    """name -> (signed credential, its verdict unrespelled)."""
    from verifier import verify_credential

    expired = demo.diploma("BD-00000001")
    expired["validUntil"] = "2025-12-31T00:00:00Z"
    wrong_schema = demo.diploma("BD-00000001")
    wrong_schema.pop("awardedDate")  # the diploma schema requires it
    credentials = {
        "revoked": demo.diploma("BD-00000002"),
        "suspended": demo.diploma("BD-00000003"),
        "expired": demo.sign(expired),
        "wrong_schema": demo.sign(wrong_schema),
        "revoked_supplement": demo.diploma("BD-00000002-supplement"),
    }
    ctx = demo.context()
    out = {}
    for name, credential in credentials.items():
        report = verify_credential(credential, context=ctx)
        assert report.verdict == "invalid", (name, [(c.id, c.status, c.code) for c in report.checks])
        out[name] = (credential, report.verdict)
    return out


@settings(max_examples=60, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(name=st.sampled_from(["revoked", "suspended", "expired", "wrong_schema", "revoked_supplement"]),
       rewrites=st.lists(st.sampled_from(REWRITES), min_size=1, max_size=4))
def test_no_respelling_improves_the_verdict(demo, signed, name, rewrites):
    from verifier import verify_credential

    credential, verdict = signed[name]
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    respelled = copy.deepcopy(unsecured)
    for rewrite in rewrites:
        respelled = rewrite(respelled)
    try:
        same_graph = jsonld.canonize(respelled) == jsonld.canonize(unsecured)
    except jsonld.JsonLdError:
        same_graph = False
    assume(same_graph)  # only what the signature cannot tell apart
    respelled["proof"] = credential["proof"]
    report = verify_credential(respelled, context=demo.context())
    assert report.check("proof").status == "passed"
    assert SEVERITY[report.verdict] >= SEVERITY[verdict], (
        [r.__name__ for r in rewrites], [(c.id, c.status, c.code) for c in report.checks])


@pytest.mark.parametrize("rewrite", REWRITES, ids=lambda r: r.__name__)
def test_each_respelling_keeps_the_signed_graph_and_the_verdict(demo, signed, rewrite):
    """Every rewrite of the catalogue is a true respelling of the revoked diploma, and is read
    as revoked (or refused), never as valid."""
    from verifier import verify_credential

    credential, _verdict = signed["revoked"]
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    respelled = rewrite(copy.deepcopy(unsecured))
    assert jsonld.canonize(respelled) == jsonld.canonize(unsecured), rewrite.__name__
    report = verify_credential({**respelled, "proof": credential["proof"]}, context=demo.context())
    assert report.verdict == "invalid", [(c.id, c.status, c.code) for c in report.checks]
