"""Key lifecycle on the database (SQLite and PostgreSQL through the `session` fixture)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from common.problems import Problem
from keys.keystore import KeystoreError
from keys.models import IssuerKey
from keys.resolve import DidResolver
from keys.service import (
    active_signer,
    compromise_key,
    create_key,
    institution_did_document,
    key_info,
    list_keys,
    retire_key,
    rotate_key,
    signer_for_key,
)

PUBLIC_URL = "https://dalel.uni.kz"
DID = "did:web:dalel.uni.kz:institutions:demo"
DOC_URL = "https://dalel.uni.kz/institutions/demo/did.json"


def resolver_for(session: Session) -> DidResolver:
    """A resolver whose did:web fetches come from the live DID document."""

    def fetch_json(url: str):
        assert url == DOC_URL
        return institution_did_document(session, "demo", PUBLIC_URL)

    return DidResolver(fetch_json)


def problem_code(excinfo) -> tuple[int, str]:
    return excinfo.value.status, excinfo.value.code


@pytest.mark.parametrize(("alg", "algorithm", "prefix"), [("ed25519", "Ed25519", "did:key:z6Mk"), ("p256", "P-256", "did:key:zDn")])
def test_create_key_info(session, keystore, alg, algorithm, prefix):
    key = create_key(session, keystore, institution="demo", algorithm=alg)
    info = key_info(key, PUBLIC_URL)
    assert info["algorithm"] == algorithm
    assert info["did_key"].startswith(prefix)
    assert info["did_key"] == "did:key:" + info["public_key_multibase"]
    assert info["did_web"] == DID
    assert info["verification_method"] == f"{DID}#{key.id}"
    assert info["status"] == "active"
    assert info["created"].endswith("Z") and info["activated"] == info["created"]
    assert info["retired_at"] is None and info["compromised_at"] is None
    assert keystore.has_key(key.id)


def test_times_come_back_timezone_aware(session, keystore):
    key = create_key(session, keystore, institution="demo")
    key_id = key.id
    session.expunge_all()
    reloaded = session.get(IssuerKey, key_id)
    assert reloaded.created.tzinfo is not None
    assert reloaded.created.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - reloaded.created) < timedelta(minutes=5)


def test_active_signer_names_its_did_web_method_and_verifies(session, keystore):
    key = create_key(session, keystore, institution="demo")
    signer = active_signer(session, keystore, "demo", PUBLIC_URL)
    assert signer.verification_method == f"{DID}#{key.id}"
    signature = signer.sign(b"credential")
    public = resolver_for(session).resolve_key(signer.verification_method)
    assert public.verify(b"credential", signature)
    assert public.controller == DID and public.revoked is None


def test_rotation_keeps_old_signatures_verifiable(session, keystore):
    old = create_key(session, keystore, institution="demo")
    old_signer = active_signer(session, keystore, "demo", PUBLIC_URL)
    old_signature = old_signer.sign(b"diploma of 2025")

    new = rotate_key(session, keystore, institution="demo")
    assert new.id != old.id and new.algorithm == old.algorithm
    statuses = {k.id: k.status for k in list_keys(session, "demo")}
    assert statuses == {old.id: "retired", new.id: "active"}

    signer = active_signer(session, keystore, "demo", PUBLIC_URL)
    assert signer.verification_method == f"{DID}#{new.id}"
    new_signature = signer.sign(b"diploma of 2026")

    doc = institution_did_document(session, "demo", PUBLIC_URL)
    assert doc["id"] == DID
    assert [vm["id"] for vm in doc["verificationMethod"]] == [f"{DID}#{old.id}", f"{DID}#{new.id}"]
    assert doc["assertionMethod"] == [f"{DID}#{old.id}", f"{DID}#{new.id}"]
    assert all("expires" not in vm and "revoked" not in vm for vm in doc["verificationMethod"])

    resolver = resolver_for(session)
    old_public = resolver.resolve_key(f"{DID}#{old.id}")
    assert old_public.verify(b"diploma of 2025", old_signature)
    assert old_public.usable_at(datetime.now(UTC)) is None
    assert resolver.resolve_key(f"{DID}#{new.id}").verify(b"diploma of 2026", new_signature)


def test_rotation_to_another_algorithm_keeps_other_algorithms(session, keystore):
    ed = create_key(session, keystore, institution="demo")
    p256 = rotate_key(session, keystore, institution="demo", algorithm="p256")
    assert p256.algorithm == "P-256"
    assert {k.id: k.status for k in list_keys(session, "demo")} == {ed.id: "active", p256.id: "active"}
    assert active_signer(session, keystore, "demo", PUBLIC_URL, algorithm="ed25519").algorithm == "Ed25519"
    assert active_signer(session, keystore, "demo", PUBLIC_URL, algorithm="P-256").algorithm == "P-256"


def test_signature_dated_after_compromise_fails(session, keystore):
    key = create_key(session, keystore, institution="demo")
    signer = active_signer(session, keystore, "demo", PUBLIC_URL)
    signature = signer.sign(b"credential")
    leaked = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    compromise_key(session, key.id, leaked.isoformat())

    doc = institution_did_document(session, "demo", PUBLIC_URL)
    assert doc["verificationMethod"][0]["revoked"] == leaked.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert doc["assertionMethod"] == [f"{DID}#{key.id}"]  # still listed: old proofs stay explainable

    public = resolver_for(session).resolve_key(f"{DID}#{key.id}")
    assert public.revoked == leaked
    assert public.verify(b"credential", signature)  # the bytes still check out …
    assert public.usable_at(leaked - timedelta(seconds=1)) is None  # … before the compromise
    assert public.usable_at(leaked) == "key_revoked"  # at it
    assert public.usable_at(datetime.now(UTC)) == "key_revoked"  # and after it
    assert key_info(session.get(IssuerKey, key.id), PUBLIC_URL)["status"] == "compromised"


def test_retired_and_compromised_keys_refuse_to_sign(session, keystore):
    retired = create_key(session, keystore, institution="demo")
    retire_key(session, retired.id)
    with pytest.raises(Problem) as info:
        signer_for_key(session, keystore, retired.id, PUBLIC_URL)
    assert problem_code(info) == (409, "key-retired")
    with pytest.raises(Problem) as info:
        active_signer(session, keystore, "demo", PUBLIC_URL)
    assert problem_code(info) == (409, "no-active-key")

    compromised = create_key(session, keystore, institution="demo")
    compromise_key(session, compromised.id, datetime.now(UTC) - timedelta(minutes=1))
    with pytest.raises(Problem) as info:
        signer_for_key(session, keystore, compromised.id, PUBLIC_URL)
    assert problem_code(info) == (409, "key-compromised")
    with pytest.raises(Problem) as info:
        active_signer(session, keystore, "demo", PUBLIC_URL)
    assert problem_code(info) == (409, "no-active-key")

    fresh = rotate_key(session, keystore, institution="demo")
    assert active_signer(session, keystore, "demo", PUBLIC_URL).verification_method.endswith(fresh.id)


def test_a_retired_key_can_still_be_marked_compromised(session, keystore):
    key = create_key(session, keystore, institution="demo")
    retire_key(session, key.id)
    compromise_key(session, key.id, "2020-01-01T00:00:00Z")
    assert session.get(IssuerKey, key.id).status == "compromised"


def test_user_errors_are_problems(session, keystore):
    key = create_key(session, keystore, institution="demo")
    cases = [
        (lambda: retire_key(session, "key-nope"), (404, "key-not-found")),
        (lambda: compromise_key(session, "key-nope", "2020-01-01T00:00:00Z"), (404, "key-not-found")),
        (lambda: compromise_key(session, key.id, "yesterday"), (400, "invalid-time")),
        (lambda: compromise_key(session, key.id, "2020-01-01T00:00:00"), (400, "invalid-time")),
        (lambda: compromise_key(session, key.id, datetime(2020, 1, 1)), (400, "invalid-time")),
        (lambda: compromise_key(session, key.id, (datetime.now(UTC) + timedelta(hours=1)).isoformat()), (400, "time-in-future")),
        (lambda: create_key(session, keystore, institution="Bad Slug"), (400, "invalid-institution")),
        (lambda: create_key(session, keystore, institution="demo", algorithm="rsa"), (400, "unsupported-algorithm")),
        (lambda: rotate_key(session, keystore, institution="unknown"), (404, "institution-not-found")),
        (lambda: institution_did_document(session, "unknown", PUBLIC_URL), (404, "institution-not-found")),
        (lambda: active_signer(session, keystore, "unknown", PUBLIC_URL), (409, "no-active-key")),
    ]
    for action, expected in cases:
        with pytest.raises(Problem) as info:
            action()
        assert problem_code(info) == expected
        for lang in ("kk", "ru", "en"):
            assert info.value.title(lang) != info.value.code
    compromise_key(session, key.id, "2020-01-01T06:00:00+06:00")
    assert session.get(IssuerKey, key.id).compromised_at == datetime(2020, 1, 1, tzinfo=UTC)
    with pytest.raises(Problem) as info:
        compromise_key(session, key.id, "2021-01-01T00:00:00Z")
    assert problem_code(info) == (409, "key-already-compromised")
    retire_key(session, key.id)
    with pytest.raises(Problem) as info:
        retire_key(session, key.id)
    assert problem_code(info) == (409, "key-already-retired")


def test_a_tampered_public_key_in_the_database_stops_signing(session, keystore):
    key = create_key(session, keystore, institution="demo")
    other = keystore.generate()
    key.public_key_multibase = other.public_key_multibase
    session.add(key)
    session.commit()
    with pytest.raises(KeystoreError) as info:
        active_signer(session, keystore, "demo", PUBLIC_URL)
    assert info.value.code == "keystore-file-corrupt"


def test_list_keys_filters_and_orders(session, keystore):
    a1 = create_key(session, keystore, institution="alpha")
    b1 = create_key(session, keystore, institution="beta")
    a2 = rotate_key(session, keystore, institution="alpha")
    assert [k.id for k in list_keys(session)] == [a1.id, a2.id, b1.id]
    assert [k.id for k in list_keys(session, "beta")] == [b1.id]
    assert list_keys(session, "gamma") == []
