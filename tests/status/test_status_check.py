"""verifier.status.check_status against lists this deployment publishes, and against forged,
foreign, wrong-purpose, unobtainable, expired, short and gzip-bomb lists."""

from __future__ import annotations

import gzip
import json
from base64 import urlsafe_b64decode
from datetime import timedelta

import pytest
from sqlmodel import Session

from common.timestamps import utcnow
from issuer import status as status_service
from issuer.status import allocate_status_entries, change_entries, encode_bitstring, publish_list
from keys.dataintegrity import add_proof
from keys.did import institution_did
from keys.service import active_signer
from verifier.status import (
    MAX_DECODED_BYTES,
    StatusListCache,
    check_credential_status,
    check_status,
    decode_encoded_list,
)

PUBLIC_URL = "http://testserver"


def issue(engine, slug="demo"):
    with Session(engine) as s:
        entries = allocate_status_entries(s, slug, PUBLIC_URL)
        s.commit()
    return {"issuer": institution_did(PUBLIC_URL, slug), "credentialStatus": entries}


def check(network, credential, entry_no=0, **kwargs):
    return check_status(
        credential["credentialStatus"][entry_no],
        credential["issuer"],
        fetch_json=network.fetch_json,
        resolve_key=network.resolve_key,
        **kwargs,
    )


def signed_list(engine, keystore, slug, *, purpose="revocation", url, bits=None, encoded=None, **fields):
    """A list credential signed by `slug`'s key, built by hand (for hostile cases)."""
    now = utcnow()
    doc = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": institution_did(PUBLIC_URL, slug),
        "validFrom": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "validUntil": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": {
            "id": url + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded or encode_bitstring(bits if bits is not None else bytes(16384)),
        },
    }
    doc.update(fields)
    with Session(engine) as s:
        signer = active_signer(s, keystore, slug, PUBLIC_URL)
    return add_proof(doc, signer)


def test_published_list_is_a_conforming_signed_credential(engine, network):
    credential = issue(engine)
    doc = network.fetch_json(credential["credentialStatus"][0]["statusListCredential"])
    assert doc["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert doc["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert doc["issuer"] == credential["issuer"]  # a string, the institution's did:web
    assert doc["id"] == credential["credentialStatus"][0]["statusListCredential"]
    subject = doc["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    assert subject["ttl"] == status_service.TTL_SECONDS * 1000
    assert doc["validFrom"] < doc["validUntil"]
    encoded = subject["encodedList"]
    assert encoded.startswith("u") and "=" not in encoded
    raw = gzip.decompress(urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(raw) * 8 >= 131072 and not any(raw)
    assert doc["proof"]["cryptosuite"] == "eddsa-rdfc-2022"


def test_fresh_credential_passes_both(engine, network):
    credential = issue(engine)
    checks = check_credential_status(credential, fetch_json=network.fetch_json, resolve_key=network.resolve_key)
    assert [(c.purpose, c.status, c.code) for c in checks] == [
        ("revocation", "passed", "not_revoked"),
        ("suspension", "passed", "not_suspended"),
    ]
    assert checks[0].message("en") == "The credential has not been revoked"
    assert checks[0].messages()["kk"] and checks[0].messages()["ru"]


def test_change_is_seen_at_once_without_explicit_publishing(engine, network):
    credential = issue(engine)
    cache = StatusListCache()
    assert check(network, credential, 0, cache=cache).status == "passed"  # published and cached
    with Session(engine) as s:
        change_entries(s, credential["credentialStatus"], "revocation", 1, reason="fraud")
        change_entries(s, credential["credentialStatus"], "suspension", 1, reason="other")
        s.commit()
    revoked = check(network, credential, 0, cache=cache)
    assert (revoked.status, revoked.code) == ("failed", "revoked")
    assert revoked.message("ru") == "Издатель отозвал этот документ"
    suspended = check(network, credential, 1, cache=cache)
    assert (suspended.status, suspended.code) == ("failed", "suspended")
    with Session(engine) as s:
        change_entries(s, credential["credentialStatus"], "suspension", 0, reason="other")
        s.commit()
    assert check(network, credential, 1, cache=cache).code == "not_suspended"


def test_other_credentials_on_the_same_list_are_unaffected(engine, network):
    a, b = issue(engine), issue(engine)
    assert a["credentialStatus"][0]["statusListCredential"] == b["credentialStatus"][0]["statusListCredential"]
    with Session(engine) as s:
        change_entries(s, a["credentialStatus"], "revocation", 1)
        s.commit()
    assert check(network, a).code == "revoked"
    assert check(network, b).code == "not_revoked"


def test_forged_list_bit_flipped_after_signing_is_rejected(engine, network):
    credential = issue(engine)
    entry = credential["credentialStatus"][0]
    with Session(engine) as s:
        change_entries(s, credential["credentialStatus"], "revocation", 1)
        s.commit()
    genuine = network.fetch_json(entry["statusListCredential"])
    forged = json.loads(json.dumps(genuine))
    forged["credentialSubject"]["encodedList"] = encode_bitstring(bytes(16384))  # "nobody is revoked"
    network.overrides[entry["statusListCredential"]] = forged
    result = check(network, credential)
    assert (result.status, result.code) == ("failed", "list_proof_invalid")
    assert result.spec_error == "STATUS_VERIFICATION_ERROR"


def test_list_signed_by_another_issuer_leaves_the_status_unknown(engine, keystore, network):
    """Not the issuer's list: the status is unknown, never `invalid` (issue 11.3)."""
    credential = issue(engine, "demo")
    url = credential["credentialStatus"][0]["statusListCredential"]
    network.overrides[url] = signed_list(engine, keystore, "other", url=url)
    result = check(network, credential)
    assert (result.status, result.code) == ("indeterminate", "list_issuer_mismatch")
    assert result.messages()["kk"] and result.messages()["ru"] and "unknown" in result.message("en")


class _DidKeySigner:
    """The same private key as `signer`, named by its did:key (as some issuers sign lists)."""

    def __init__(self, signer):
        self._signer = signer
        self.algorithm = signer.algorithm
        self.public_key_multibase = signer.public_key_multibase
        self.did = f"did:key:{signer.public_key_multibase}"
        self.verification_method = f"{self.did}#{signer.public_key_multibase}"

    def sign(self, data: bytes) -> bytes:
        return self._signer.sign(data)


def _did_key_list(engine, keystore, slug, url, bits=None):
    with Session(engine) as s:
        signer = _DidKeySigner(active_signer(s, keystore, slug, PUBLIC_URL))
    doc = signed_list(engine, keystore, slug, url=url, bits=bits)
    doc.pop("proof")
    doc["issuer"] = signer.did
    return add_proof(doc, signer)


def test_list_signed_by_the_did_key_of_the_issuers_own_key_is_accepted(engine, keystore, network):
    """Issuer did:web, list signed by the did:key of a key the issuer's DID document lists as an
    assertion method: the issuer's list (issue 11.3)."""
    from keys.resolve import DidResolver

    credential = issue(engine, "demo")
    entry = credential["credentialStatus"][0]
    url = entry["statusListCredential"]
    index = int(entry["statusListIndex"])
    bits = bytearray(16384)
    bits[index // 8] |= 0x80 >> (index % 8)
    resolver = DidResolver(network.fetch_json)
    network.overrides[url] = _did_key_list(engine, keystore, "demo", url)
    result = check_status(entry, credential["issuer"], fetch_json=network.fetch_json, resolve_key=resolver)
    assert (result.status, result.code) == ("passed", "not_revoked")
    network.overrides[url] = _did_key_list(engine, keystore, "demo", url, bits=bytes(bits))
    result = check_status(entry, credential["issuer"], fetch_json=network.fetch_json, resolve_key=resolver)
    assert (result.status, result.code) == ("failed", "revoked")
    # the did:key of another institution's key is not the issuer's: unknown, not invalid
    network.overrides[url] = _did_key_list(engine, keystore, "other", url, bits=bytes(bits))
    result = check_status(entry, credential["issuer"], fetch_json=network.fetch_json, resolve_key=resolver)
    assert (result.status, result.code) == ("indeterminate", "list_issuer_mismatch")
    # the issuer's DID document cannot be read: unknown
    from keys.did import did_web_url

    network.down.add(did_web_url(credential["issuer"]))
    network.overrides[url] = _did_key_list(engine, keystore, "demo", url)
    result = check_status(entry, credential["issuer"], fetch_json=network.fetch_json, resolve_key=DidResolver(network.fetch_json))
    assert (result.status, result.code) == ("indeterminate", "list_issuer_unconfirmed")


def test_list_claiming_the_issuer_but_signed_by_another_key_is_rejected(engine, keystore, network):
    credential = issue(engine, "demo")
    url = credential["credentialStatus"][0]["statusListCredential"]
    forged = signed_list(engine, keystore, "other", url=url)
    forged["issuer"] = credential["issuer"]
    network.overrides[url] = forged
    assert check(network, credential).code == "list_proof_invalid"


def test_wrong_purpose_list_is_rejected(engine, network):
    credential = issue(engine)
    tampered = dict(credential["credentialStatus"][1])  # points at the suspension list
    tampered["statusPurpose"] = "revocation"
    result = check_status(
        tampered, credential["issuer"], fetch_json=network.fetch_json, resolve_key=network.resolve_key
    )
    assert (result.status, result.code) == ("failed", "purpose_mismatch")


def test_another_list_served_at_the_url_is_rejected(engine, network):
    credential = issue(engine)
    revocation_url = credential["credentialStatus"][0]["statusListCredential"]
    network.overrides[revocation_url] = network.fetch_json(credential["credentialStatus"][1]["statusListCredential"])
    assert check(network, credential).code == "list_id_mismatch"


def test_unobtainable_list_is_indeterminate_never_not_revoked(engine, network):
    credential = issue(engine)
    network.down.add(credential["credentialStatus"][0]["statusListCredential"])
    result = check(network, credential)
    assert (result.status, result.code) == ("indeterminate", "list_unavailable")
    assert result.spec_error == "STATUS_RETRIEVAL_ERROR"


def test_unresolvable_issuer_key_is_indeterminate(engine, network):
    from keys.did import did_web_url

    credential = issue(engine)
    network.fetch_json(credential["credentialStatus"][0]["statusListCredential"])  # published first
    network.down.add(did_web_url(credential["issuer"]))
    assert check(network, credential).status == "indeterminate"


def test_expired_list_is_indeterminate(engine, keystore, network):
    credential = issue(engine)
    url = credential["credentialStatus"][0]["statusListCredential"]
    past = (utcnow() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    network.overrides[url] = signed_list(engine, keystore, "demo", url=url, validUntil=past)
    result = check(network, credential)
    assert (result.status, result.code) == ("indeterminate", "list_expired")


def test_short_list_is_rejected(engine, keystore, network):
    credential = issue(engine)
    url = credential["credentialStatus"][0]["statusListCredential"]
    network.overrides[url] = signed_list(engine, keystore, "demo", url=url, bits=bytes(1024))
    result = check(network, credential)
    assert (result.code, result.spec_error) == ("list_too_short", "STATUS_LIST_LENGTH_ERROR")


def test_gzip_bomb_is_rejected(engine, keystore, network):
    bomb = encode_bitstring(bytes(MAX_DECODED_BYTES * 16))  # 64 MiB of zeros, ~64 KiB compressed
    assert len(bomb) < 200_000
    with pytest.raises(Exception) as caught:
        decode_encoded_list(bomb)
    assert getattr(caught.value, "code", None) == "list_too_large"
    credential = issue(engine)
    url = credential["credentialStatus"][0]["statusListCredential"]
    network.overrides[url] = signed_list(engine, keystore, "demo", url=url, encoded=bomb)
    result = check(network, credential)
    assert (result.status, result.code) == ("failed", "list_too_large")


@pytest.mark.parametrize(
    "encoded",
    ["", "zabc", "u***", "u" + "A" * 5, encode_bitstring(bytes(16384))[:-10]],
)
def test_malformed_encoded_list(encoded):
    with pytest.raises(Exception) as caught:
        decode_encoded_list(encoded)
    assert getattr(caught.value, "code", None) == "list_malformed"


@pytest.mark.parametrize(
    "change",
    [
        {"statusListIndex": 5},
        {"statusListIndex": "05"},
        {"statusListIndex": "-1"},
        {"statusListIndex": True},
        {"statusSize": 0},
        {"statusListCredential": "ftp://example.org/x"},
        {"statusPurpose": 7},
    ],
)
def test_malformed_entry_fails(engine, network, change):
    credential = issue(engine)
    entry = {**credential["credentialStatus"][0], **change}
    result = check_status(entry, credential["issuer"], fetch_json=network.fetch_json, resolve_key=network.resolve_key)
    assert (result.status, result.code, result.spec_error) == ("failed", "malformed_entry", "MALFORMED_VALUE_ERROR")


def test_index_outside_the_list(engine, network):
    credential = issue(engine)
    entry = {**credential["credentialStatus"][0], "statusListIndex": str(10**9)}
    result = check_status(entry, credential["issuer"], fetch_json=network.fetch_json, resolve_key=network.resolve_key)
    assert (result.code, result.spec_error) == ("index_out_of_range", "RANGE_ERROR")


def test_left_most_bit_is_index_zero(engine, keystore, network):
    credential = issue(engine)
    url = credential["credentialStatus"][0]["statusListCredential"]
    bits = bytearray(16384)
    bits[0] = 0b1000_0000  # index 0
    bits[1] = 0b0000_0001  # index 15
    network.overrides[url] = signed_list(engine, keystore, "demo", url=url, bits=bytes(bits))
    codes = {}
    for index in (0, 1, 14, 15, 16):
        entry = {**credential["credentialStatus"][0], "statusListIndex": str(index)}
        codes[index] = check_status(
            entry, credential["issuer"], fetch_json=network.fetch_json, resolve_key=network.resolve_key
        ).code
    assert codes == {0: "revoked", 1: "not_revoked", 14: "not_revoked", 15: "revoked", 16: "not_revoked"}


def test_cache_reuses_a_list_within_its_max_age(engine, network):
    credential = issue(engine)
    cache = StatusListCache(max_age_seconds=3600)
    check(network, credential, cache=cache)
    fetched = len(network.fetched)
    assert check(network, credential, cache=cache).code == "not_revoked"
    assert len(network.fetched) == fetched  # neither the list nor the DID document fetched again
    no_cache_cache = StatusListCache()  # max age 0: always asks again
    check(network, credential, cache=no_cache_cache)
    before = len(network.fetched)
    check(network, credential, cache=no_cache_cache)
    assert network.fetched[before:] == [credential["credentialStatus"][0]["statusListCredential"]]  # no re-verify


def test_status_as_of_a_date(engine, keystore, network):
    credential = issue(engine)
    entries = credential["credentialStatus"]
    list_id = status_service.list_id_from_url(entries[0]["statusListCredential"])
    now = utcnow()
    with Session(engine) as s:
        publish_list(s, keystore, list_id, PUBLIC_URL, now=now - timedelta(days=3))
        change_entries(s, entries, "revocation", 1, reason="fraud", now=now - timedelta(days=1))
        s.commit()
        publish_list(s, keystore, list_id, PUBLIC_URL, now=now - timedelta(days=1))
    before = check(network, credential, at=now - timedelta(days=2))
    assert (before.status, before.code) == ("passed", "not_revoked")
    after = check(network, credential, at=now - timedelta(hours=1))
    assert (after.status, after.code) == ("failed", "revoked")
    assert any("timestamp=" in url for url in network.fetched)
    # before the list existed: the issuer cannot answer; revoked today, so unknown then
    unknown = check(network, credential, at=now - timedelta(days=30))
    assert (unknown.status, unknown.code) == ("indeterminate", "history_unavailable")


def test_did_key_issuer_gets_its_own_lists_signed_under_that_did_key(engine, network):
    from keys.did import did_key_from_multibase
    from keys.service import list_keys

    with Session(engine) as s:
        did_key = did_key_from_multibase(list_keys(s, "demo")[0].public_key_multibase)
        entries = allocate_status_entries(s, "demo", PUBLIC_URL, issuer=did_key)
        web_entries = allocate_status_entries(s, "demo", PUBLIC_URL)
        s.commit()
    assert entries[0]["statusListCredential"] != web_entries[0]["statusListCredential"]
    credential = {"issuer": did_key, "credentialStatus": entries}
    doc = network.fetch_json(entries[0]["statusListCredential"])
    assert doc["issuer"] == did_key and doc["proof"]["verificationMethod"].startswith(did_key + "#")
    checks = check_credential_status(credential, fetch_json=network.fetch_json, resolve_key=network.resolve_key)
    assert [c.code for c in checks] == ["not_revoked", "not_suspended"]
    # the did:web credential's list is not accepted for the did:key credential
    wrong = {"issuer": did_key, "credentialStatus": web_entries}
    assert check(network, wrong).code == "list_issuer_mismatch"


def test_first_version_answers_for_the_time_before_it_was_signed(engine, network):
    from issuer.status.models import StatusList

    credential = issue(engine)
    now = utcnow()
    with Session(engine) as s:
        for entry in credential["credentialStatus"]:
            lst = s.get(StatusList, status_service.list_id_from_url(entry["statusListCredential"]))
            lst.created_at = now - timedelta(days=5)
            s.add(lst)
        s.commit()
    # first signed now (lazily, on first request), but its state held since the list's creation
    suspension = check(network, credential, 1, at=now - timedelta(days=2))
    assert (suspension.status, suspension.code) == ("passed", "not_suspended")
    assert check(network, credential, 1, at=now - timedelta(days=6)).code == "history_unavailable"


def _stamp(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_list_resigned_while_it_is_fetched_is_current(engine, keystore, network, monkeypatch):
    """The issuer regenerates a list when a bit changes, with validFrom = that change; when
    that happens during the verifier's fetch the list is the current one, not "not yet valid"
    (seen in the W3C suite runs as an indeterminate status)."""
    import verifier.status as verifier_status

    credential = issue(engine)
    url = credential["credentialStatus"][0]["statusListCredential"]
    clock = {"now": utcnow()}
    monkeypatch.setattr(verifier_status, "_now", lambda: clock["now"])
    import verifier.status_list as status_list

    monkeypatch.setattr(status_list, "now", lambda: clock["now"])

    def fetch_json(fetched):
        clock["now"] += timedelta(minutes=10)  # the fetch spans the change (time is ours to move)
        return signed_list(engine, keystore, "demo", url=url, validFrom=_stamp(clock["now"]))

    result = check_status(
        credential["credentialStatus"][0], credential["issuer"], fetch_json=fetch_json, resolve_key=network.resolve_key
    )
    assert (result.status, result.code) == ("passed", "not_revoked")


def test_list_valid_from_slightly_ahead_of_our_clock_is_current(engine, keystore, network):
    credential = issue(engine)
    url = credential["credentialStatus"][0]["statusListCredential"]
    network.overrides[url] = signed_list(engine, keystore, "demo", url=url, validFrom=_stamp(utcnow() + timedelta(seconds=30)))
    assert check(network, credential).code == "not_revoked"
    network.overrides[url] = signed_list(engine, keystore, "demo", url=url, validFrom=_stamp(utcnow() + timedelta(hours=1)))
    result = check(network, credential)
    assert (result.status, result.code) == ("indeterminate", "list_not_yet_valid")
