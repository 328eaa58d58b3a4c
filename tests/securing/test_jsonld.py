"""Pinned contexts and safe-mode JSON-LD."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from keys import jsonld
from keys.jsonld import ContextStore, JsonLdError
from tests.support.securing import vector

V1 = jsonld.CREDENTIALS_V1
V2 = jsonld.CREDENTIALS_V2


def vc11(**subject):
    return {
        "@context": [V1],
        "id": "urn:uuid:1d1a2c1e-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential"],
        "issuer": "did:web:university.example",
        "issuanceDate": "2024-06-30T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder", **subject},
    }


def vc20(**subject):
    return {
        "@context": [V2],
        "id": "urn:uuid:1d1a2c1e-0000-4000-8000-000000000002",
        "type": ["VerifiableCredential"],
        "issuer": "did:web:university.example",
        "validFrom": "2024-06-30T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder", **subject},
    }


def code_of(document, **kwargs) -> str:
    with pytest.raises(JsonLdError) as info:
        jsonld.canonize(document, **kwargs)
    return info.value.code


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_canonical_form_matches_the_spec_vector():
    assert jsonld.canonize(vector("unsigned.json")) == vector("eddsa-rdfc-2022-canonical-document.nq")


def test_every_pinned_context_loads_and_has_provenance():
    index = jsonld.default_store().index()
    sources = (Path(jsonld.CONTEXTS_DIR) / "SOURCES.md").read_text("utf-8")
    required = {
        V1,
        V2,
        jsonld.DATA_INTEGRITY_V2,
        jsonld.MULTIKEY_V1,
        jsonld.ED25519_2020_V1,
        jsonld.BITSTRING_STATUS_LIST_V1,
        jsonld.UNDEFINED_TERMS_V2,
        "https://w3id.org/vc/status-list/2021/v1",
        jsonld.DID_V1,
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        jsonld.OPEN_BADGES_V3,
        jsonld.DALEL_V1,
    }
    assert required <= set(index)
    for url, entry in index.items():
        assert "@context" in jsonld.load_context(url)
        assert len(entry["sha256"]) == 64 and entry["licence"] and entry["file"]
        assert url in sources


def test_dalel_context_is_protected():
    ctx = jsonld.load_context(jsonld.DALEL_V1)["@context"]
    assert ctx["@protected"] is True


def test_a_modified_context_file_is_refused(tmp_path):
    copy = tmp_path / "contexts"
    shutil.copytree(jsonld.CONTEXTS_DIR, copy)
    assert "@context" in ContextStore(copy).get(V2)  # an intact copy works
    target = copy / "credentials-v2.jsonld"
    target.write_bytes(target.read_bytes().replace(b"https://schema.org/name", b"https://schema.org/nome", 1))
    with pytest.raises(JsonLdError) as info:
        ContextStore(copy).get(V2)
    assert info.value.code == jsonld.CONTEXT_INTEGRITY
    with pytest.raises(JsonLdError):  # and the canonicaliser refuses to run with it
        jsonld.canonize(vc20(), store=ContextStore(copy))


def test_a_missing_context_file_is_refused(tmp_path):
    copy = tmp_path / "contexts"
    shutil.copytree(jsonld.CONTEXTS_DIR, copy)
    (copy / "did-v1.jsonld").unlink()
    with pytest.raises(JsonLdError) as info:
        ContextStore(copy).urls()
    assert info.value.code == jsonld.CONTEXT_INTEGRITY


def test_unknown_context_is_an_error_without_network(no_network):
    doc = vc20()
    doc["@context"] = [V2, "https://contexts.example/unknown/v1"]
    assert code_of(doc) == jsonld.UNKNOWN_CONTEXT
    with pytest.raises(JsonLdError) as info:
        jsonld.document_loader("https://www.w3.org/ns/activitystreams")
    assert info.value.code == jsonld.UNKNOWN_CONTEXT


def test_context_imported_from_an_inline_context_is_also_pinned_only(no_network):
    doc = vc20()
    doc["@context"] = [V2, {"@import": "https://contexts.example/evil.jsonld"}]
    assert code_of(doc) in (jsonld.UNKNOWN_CONTEXT, jsonld.INVALID_JSONLD)


def test_missing_context():
    doc = vc20()
    del doc["@context"]
    assert code_of(doc) == jsonld.MISSING_CONTEXT


def test_vc11_undefined_term_fails_instead_of_being_dropped():
    assert code_of(vc11(gpa="4.0")) == jsonld.UNDEFINED_TERM
    with pytest.raises(JsonLdError) as info:
        jsonld.expand(vc11(gpa="4.0"))
    assert info.value.detail == "gpa"


def test_vc11_undefined_nested_term_and_type_fail():
    assert code_of(vc11(degree={"id": "urn:x:1", "honours": "first class"})) == jsonld.UNDEFINED_TERM
    doc = vc11()
    doc["type"] = ["VerifiableCredential", "DiplomaCredential"]
    assert code_of(doc) == jsonld.UNDEFINED_TERM


def test_term_without_vocab_fails_in_a_did_document():
    doc = {"@context": jsonld.DID_V1, "id": "did:web:university.example", "motto": "Scientia"}
    assert code_of(doc) == jsonld.UNDEFINED_TERM


def test_vc20_undefined_term_fails_without_the_undefined_terms_context():
    # the final W3C v2 context has no @vocab: an undefined term would be dropped, unsigned
    assert code_of(vc20(gpa="4.0")) == jsonld.UNDEFINED_TERM
    doc = vc20(degree={"type": "DiplomaDegree", "name": "BSc"})
    assert code_of(doc) == jsonld.UNDEFINED_TERM


def test_vc20_undefined_term_is_signed_with_the_undefined_terms_context():
    doc = vc20(gpa="4.0")
    doc["@context"] = [V2, jsonld.UNDEFINED_TERMS_V2]
    canonical = jsonld.canonize(doc)
    assert '<https://www.w3.org/ns/credentials/undefined-term#gpa> "4.0"' in canonical


def test_examples_context_vocab_maps_terms():
    doc = vc20(alumniOf="The School of Examples")
    doc["@context"] = [V2, "https://www.w3.org/ns/credentials/examples/v2"]
    assert "https://www.w3.org/ns/credentials/examples#alumniOf" in jsonld.canonize(doc)


def test_vocab_removed_makes_undefined_type_fail():
    doc = vc20()
    doc["@context"] = [V2, {"@vocab": None}]
    doc["type"] = ["VerifiableCredential", "ExampleTestCredential"]
    with pytest.raises(JsonLdError):
        jsonld.canonize(doc)


def test_protected_term_redefinition_fails():
    doc = vc20()
    doc["@context"] = [V2, {"VerifiableCredential": "https://example.org/#BadVerifiableCredential"}]
    assert code_of(doc) == jsonld.PROTECTED_TERM_REDEFINITION
    doc["@context"] = [V2, {"name": "https://example.org/#name"}]
    assert code_of(doc) == jsonld.PROTECTED_TERM_REDEFINITION


def test_relative_identifier_fails():
    doc = vc20()
    doc["id"] = "credentials/42"
    assert code_of(doc) == jsonld.RELATIVE_IRI
    doc = vc20()
    doc["issuer"] = "university"
    assert code_of(doc) == jsonld.RELATIVE_IRI


def test_invalid_iri_in_inline_context_fails():
    doc = vc20()
    doc["@context"] = [V2, {"ExampleTestCredential": "https ://not-a-url#ExampleTestCredential"}]
    doc["type"] = ["VerifiableCredential", "ExampleTestCredential"]
    with pytest.raises(JsonLdError):
        jsonld.canonize(doc)


def test_null_member_fails():
    assert code_of(vc20(name=None)) == jsonld.NULL_VALUE


def test_keyword_lookalike_member_fails():
    assert code_of(vc20(**{"@gpa": "4.0"})) == jsonld.UNDEFINED_TERM


def test_index_maps_are_refused_because_their_keys_are_not_signed():
    doc = vc20(grades={"math": "A"})
    doc["@context"] = [V2, {"grades": {"@id": "https://grades.example/#grades", "@container": "@index"}}]
    assert code_of(doc) == jsonld.UNSIGNED_FEATURE


def test_inline_contexts_allowed_by_default_refused_when_strict():
    doc = vc20()
    doc["@context"] = [
        V2,
        {"ExampleVerifiableCredential": "https://example.org/#ExampleVerifiableCredential"},
    ]
    doc["type"] = ["VerifiableCredential", "ExampleVerifiableCredential"]
    assert "https://example.org/#ExampleVerifiableCredential" in jsonld.canonize(doc)
    assert code_of(doc, strict_contexts=True) == jsonld.INLINE_CONTEXT
    nested = vc20(degree={"@context": {"x": "https://x.example/x"}, "x": "1"})
    assert code_of(nested, strict_contexts=True) == jsonld.INLINE_CONTEXT


def test_empty_document_fails():
    assert code_of({"@context": V2}) == jsonld.EMPTY_DOCUMENT


def test_language_maps_and_open_badges_credential_canonicalise():
    doc = {
        "@context": [V2, jsonld.OPEN_BADGES_V3],
        "id": "urn:uuid:1d1a2c1e-0000-4000-8000-000000000003",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:web:university.example", "type": ["Profile"], "name": "University"},
        "validFrom": "2024-06-30T00:00:00Z",
        "name": [{"@value": "Дипломы", "@language": "kk"}, {"@value": "Diploma", "@language": "en"}],
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:1d1a2c1e-0000-4000-8000-000000000004",
                "type": ["Achievement"],
                "achievementType": "BachelorDegree",
                "name": "Bachelor of Science",
                "description": "Computer Science",
                "criteria": {"narrative": "240 ECTS"},
            },
        },
    }
    canonical = jsonld.canonize(doc)
    assert '"Дипломы"@kk' in canonical
    assert "https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType" in canonical


def test_processed_contexts_are_cached(tmp_path):
    class CountingStore(ContextStore):
        loads = 0

        def get(self, url):
            CountingStore.loads += 1
            return super().get(url)

    store = CountingStore()
    doc = vector("unsigned.json")
    first = jsonld.canonize(doc, store=store)
    after_first = CountingStore.loads
    assert after_first >= 2
    for _ in range(3):
        assert jsonld.canonize(doc, store=store) == first
    assert CountingStore.loads == after_first


def test_rehash_own_updates_only_dalel_contexts(tmp_path):
    copy = tmp_path / "contexts"
    shutil.copytree(jsonld.CONTEXTS_DIR, copy)
    own = copy / "dalel-credentials-v1.jsonld"
    data = json.loads(own.read_text("utf-8"))
    data["@context"]["graduationYear"] = {"@id": "dalel:graduationYear"}
    own.write_text(json.dumps(data), "utf-8")
    with pytest.raises(JsonLdError):
        ContextStore(copy).urls()
    assert jsonld.rehash_own_contexts(copy) == [jsonld.DALEL_V1]
    assert "graduationYear" in ContextStore(copy).get(jsonld.DALEL_V1)["@context"]


def test_every_reason_code_has_a_translated_message():
    from keys import dataintegrity, jose, messages

    codes = {
        v
        for k, v in vars(jsonld).items()
        if k.isupper() and isinstance(v, str) and "_" in v and "://" not in v
    }
    codes |= {v for k, v in vars(dataintegrity).items() if k.isupper() and isinstance(v, str) and v.islower()}
    codes |= {jose.UNSUPPORTED_ALGORITHM, jose.ISS_MISMATCH, jose.NOT_YET_VALID}
    codes -= set(dataintegrity.SUPPORTED_CRYPTOSUITES) | {"eddsa-rdfc-2022", "eddsa-jcs-2022"}
    codes = {c for c in codes if "-" not in c}
    assert {"undefined_term", "invalid_signature", "key_revoked", "controller_mismatch"} <= codes
    for code in codes:
        assert messages.known(code), code
        texts = messages.describe_all(code, detail="gpa")
        assert set(texts) == {"kk", "ru", "en"} and all(texts.values())
    assert "gpa" in messages.describe("undefined_term", "kk", detail="gpa")


def test_inline_contexts_do_not_fill_the_context_memo():
    def doc(i):
        d = vc20(**{f"claim{i}": "yes"})
        d["@context"] = [V2, {f"claim{i}": f"https://claims.example/{i}"}]
        return d

    for i in range(3):
        jsonld.canonize(doc(i))
    before = len(jsonld._process_memo)
    for i in range(200):
        assert f"https://claims.example/{i}" in jsonld.canonize(doc(i))
    assert len(jsonld._process_memo) - before < 20


def test_concurrent_canonicalisation_gives_one_answer():
    from concurrent.futures import ThreadPoolExecutor

    doc = vector("unsigned.json")
    expected = vector("eddsa-rdfc-2022-canonical-document.nq")
    jsonld._process_memo.clear()
    jsonld._context_cache.clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: jsonld.canonize(doc), range(64)))
    assert set(results) == {expected}


def test_graph_and_included_are_refused():
    doc = {"@context": V2, "@graph": [vc20(), {"id": "urn:uuid:dropped-node"}]}
    assert code_of(doc) == jsonld.UNSIGNED_FEATURE
    assert code_of(vc20(**{"@included": [{"id": "urn:x:1"}]})) == jsonld.UNSIGNED_FEATURE
