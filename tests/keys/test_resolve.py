"""Resolving verification methods: did:key by computation, did:web through a fetcher."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from common.errors import ResourceUnavailable
from keys.jwk import multikey_to_jwk
from keys.resolve import DidResolver
from keys.signer import KeyResolutionError

ED = "z6Mkf5rGMoatrSj1f4CyvuHBeXJELe9RPdzo2PKGNCKVtZxP"
P256 = "zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv"
DID = "did:web:uni.kz:institutions:demo"
URL = "https://uni.kz/institutions/demo/did.json"


def doc(**overrides):
    base = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": DID,
        "verificationMethod": [
            {"id": f"{DID}#key-1", "type": "Multikey", "controller": DID, "publicKeyMultibase": ED},
            {
                "id": "#key-2",
                "type": "Multikey",
                "controller": DID,
                "publicKeyMultibase": P256,
                "revoked": "2026-03-01T10:00:00Z",
            },
            {"id": f"{DID}#jwk", "type": "JsonWebKey", "controller": DID, "publicKeyJwk": multikey_to_jwk(P256)},
            {"id": f"{DID}#auth", "type": "Multikey", "controller": DID, "publicKeyMultibase": ED},
            {"id": f"{DID}#other", "type": "Multikey", "controller": "did:web:evil.kz", "publicKeyMultibase": ED},
        ],
        "assertionMethod": [f"{DID}#key-1", "#key-2", f"{DID}#jwk", f"{DID}#other"],
        "authentication": [f"{DID}#auth"],
    }
    base.update(overrides)
    return base


def resolver(document=None, error: Exception | None = None):
    calls = []

    def fetch_json(url):
        calls.append(url)
        if error is not None:
            raise error
        return document if document is not None else doc()

    r = DidResolver(fetch_json)
    r.calls = calls  # type: ignore[attr-defined]
    return r


def code_of(r, vm):
    with pytest.raises(KeyResolutionError) as info:
        r.resolve_key(vm)
    return info.value.code, info.value.unreachable


def test_did_key_by_computation_without_fetching():
    r = DidResolver()
    key = r(f"did:key:{ED}#{ED}")
    assert key.algorithm == "Ed25519" and key.public_key_multibase == ED
    assert key.controller == f"did:key:{ED}" and key.id == f"did:key:{ED}#{ED}"
    assert r.resolve_key(f"did:key:{P256}#{P256}").algorithm == "P-256"
    assert code_of(r, f"did:key:{ED}#{P256}") == ("key_not_found", False)
    assert code_of(r, f"did:key:{ED}") == ("invalid_did", False)
    assert code_of(r, "did:key:zBAD#zBAD") == ("invalid_did", False)


def test_did_web_fetches_the_did_json_and_fills_revocation():
    r = resolver()
    key = r.resolve_key(f"{DID}#key-1")
    assert r.calls == [URL]
    assert key.public_key_multibase == ED and key.controller == DID and key.revoked is None
    revoked = r.resolve_key(f"{DID}#key-2")  # relative id and reference
    assert revoked.revoked == datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert revoked.usable_at(datetime(2026, 2, 28, tzinfo=UTC)) is None
    assert revoked.usable_at(datetime(2026, 3, 2, tzinfo=UTC)) == "key_revoked"
    jwk_key = r.resolve_key(f"{DID}#jwk")
    assert jwk_key.algorithm == "P-256" and jwk_key.public_key_multibase == P256


def test_expires_is_read_as_a_creation_time_limit():
    document = doc()
    document["verificationMethod"][0]["expires"] = "2030-01-01T00:00:00+06:00"
    key = resolver(document).resolve_key(f"{DID}#key-1")
    assert key.expires == datetime(2029, 12, 31, 18, tzinfo=UTC)
    assert key.usable_at(datetime(2029, 12, 31, 17, 59, tzinfo=UTC)) is None
    assert key.usable_at(datetime(2029, 12, 31, 18, tzinfo=UTC)) == "key_expired"


def test_resolution_failures_are_named():
    r = resolver()
    assert code_of(r, f"{DID}#auth") == ("not_assertion_method", False)
    assert code_of(r, f"{DID}#other") == ("controller_mismatch", False)
    assert code_of(r, f"{DID}#missing") == ("key_not_found", False)
    assert code_of(r, "did:example:123#key-1") == ("unsupported_did_method", False)
    assert code_of(r, "did:web:10.0.0.1#key-1") == ("invalid_did", False)
    assert code_of(resolver(doc(id="did:web:evil.kz")), f"{DID}#key-1") == ("did_document_invalid", False)
    assert code_of(resolver(["not", "an", "object"]), f"{DID}#key-1") == ("did_document_invalid", False)
    bad_time = doc()
    bad_time["verificationMethod"][0]["revoked"] = "yesterday"
    assert code_of(resolver(bad_time), f"{DID}#key-1") == ("did_document_invalid", False)
    bad_key = doc()
    bad_key["verificationMethod"][0]["publicKeyMultibase"] = "zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"
    assert code_of(resolver(bad_key), f"{DID}#key-1") == ("unsupported_key_type", False)
    twice = doc()
    twice["verificationMethod"].append({**twice["verificationMethod"][0], "publicKeyMultibase": P256})
    assert code_of(resolver(twice), f"{DID}#key-1") == ("did_document_invalid", False)


def test_unreachable_is_indeterminate_not_invalid():
    r = resolver(error=ResourceUnavailable("timeout"))
    assert code_of(r, f"{DID}#key-1") == ("did_unreachable", True)
    assert code_of(DidResolver(), f"{DID}#key-1") == ("did_unreachable", True)
    assert code_of(resolver(error=ValueError("not JSON")), f"{DID}#key-1") == ("did_document_invalid", False)


def test_every_reason_code_is_translated():
    from common import i18n

    codes = [
        "invalid_did", "unsupported_did_method", "did_unreachable", "did_document_invalid", "key_not_found",
        "not_assertion_method", "controller_mismatch", "unsupported_key_type", "key_revoked", "key_expired",
    ]  # fmt: skip
    for code in codes:
        texts = i18n.all_languages(f"key_resolution.{code}")
        assert len(set(texts.values())) == 3, code


LOCAL = "did:web:127.0.0.1%3A8443:institutions:demo"


def _local_fetcher(served: dict[str, dict], calls: list[str]):
    """Answers only the URLs in `served`; anything else is unreachable (as Dalel's fetcher
    refuses http://127.0.0.1:8443 when the deployment is https://127.0.0.1:8443)."""

    def fetch_json(url):
        calls.append(url)
        if url not in served:
            raise ResourceUnavailable(f"{url}: only https is allowed")
        return served[url]

    return fetch_json


def test_local_did_web_is_also_tried_over_https():
    """A local deployment served over HTTPS (test certificate) resolves its own did:web."""
    local_doc = {**doc(), "id": LOCAL}
    local_doc["verificationMethod"] = [{**local_doc["verificationMethod"][0], "id": f"{LOCAL}#key-1", "controller": LOCAL}]
    local_doc["assertionMethod"] = [f"{LOCAL}#key-1"]
    https_url = "https://127.0.0.1:8443/institutions/demo/did.json"
    calls: list[str] = []
    r = DidResolver(_local_fetcher({https_url: local_doc}, calls), allow_http_localhost=True)
    assert r.resolve_key(f"{LOCAL}#key-1").public_key_multibase == ED
    assert calls == ["http://127.0.0.1:8443/institutions/demo/did.json", https_url]
    # neither answers: unreachable, with the first reason
    calls.clear()
    r = DidResolver(_local_fetcher({}, calls), allow_http_localhost=True)
    with pytest.raises(KeyResolutionError) as info:
        r.resolve_key(f"{LOCAL}#key-1")
    assert info.value.code == "did_unreachable" and info.value.unreachable
    assert "http://127.0.0.1:8443" in str(info.value) and len(calls) == 2


def test_public_did_web_is_only_tried_over_https():
    calls: list[str] = []
    r = DidResolver(_local_fetcher({URL: doc()}, calls), allow_http_localhost=True)
    assert r.resolve_key(f"{DID}#key-1").public_key_multibase == ED
    assert calls == [URL]
