"""W3C Data Integrity proofs: add and verify, as the specifications define them.

Cryptosuites (``DataIntegrityProof``): ``eddsa-rdfc-2022`` and ``eddsa-jcs-2022``
(vc-di-eddsa), ``ecdsa-rdfc-2019`` and ``ecdsa-jcs-2019`` with P-256 (vc-di-ecdsa).
Legacy suite, verify only: ``Ed25519Signature2020``.

Signed bytes for every suite: SHA-256(canonical proof configuration) followed by
SHA-256(canonical document without proof); RDFC-1.0 (safe mode, :mod:`keys.jsonld`) for the
``-rdfc-`` suites and Ed25519Signature2020, RFC 8785 for the ``-jcs-`` suites. Ed25519
signs those 64 bytes; ECDSA P-256 signs them with SHA-256 (IEEE P1363 ``r||s``).
``proofValue`` is multibase base58btc.

A proof set is a ``proof`` list; :func:`add_proof` appends to it, and ``previous_proof``
makes a proof chain. :func:`verify_proofs` never raises: every problem becomes a failed
:class:`ProofResult` with a reason code.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import rfc8785

from common import timestamps
from keys import jsonld
from keys.multikey import MultikeyError, base58btc_encode
from keys.signer import KeyResolutionError, KeyResolver, PublicKey, Signer

DATA_INTEGRITY_PROOF = "DataIntegrityProof"
ED25519_SIGNATURE_2020 = "Ed25519Signature2020"

EDDSA_RDFC_2022 = "eddsa-rdfc-2022"
EDDSA_JCS_2022 = "eddsa-jcs-2022"
ECDSA_RDFC_2019 = "ecdsa-rdfc-2019"
ECDSA_JCS_2019 = "ecdsa-jcs-2019"

SUPPORTED_CRYPTOSUITES: tuple[str, ...] = (EDDSA_RDFC_2022, EDDSA_JCS_2022, ECDSA_RDFC_2019, ECDSA_JCS_2019)
"""Cryptosuites Dalel signs and verifies. It also verifies ``Ed25519Signature2020`` proofs."""
VERIFY_ONLY_SUITES: tuple[str, ...] = (ED25519_SIGNATURE_2020,)

_SUITE_ALGORITHM = {
    EDDSA_RDFC_2022: "Ed25519",
    EDDSA_JCS_2022: "Ed25519",
    ECDSA_RDFC_2019: "P-256",
    ECDSA_JCS_2019: "P-256",
    ED25519_SIGNATURE_2020: "Ed25519",
}
_JCS_SUITES = frozenset({EDDSA_JCS_2022, ECDSA_JCS_2019})

# ProofResult.code values
OK = "ok"
NO_PROOF = "no_proof"
MALFORMED_PROOF = "malformed_proof"
UNKNOWN_CRYPTOSUITE = "unknown_cryptosuite"
INVALID_SIGNATURE = "invalid_signature"
KEY_NOT_FOUND = "key_not_found"
KEY_UNREACHABLE = "key_unreachable"
KEY_REVOKED = "key_revoked"
KEY_EXPIRED = "key_expired"
KEY_TYPE_MISMATCH = "key_type_mismatch"
PURPOSE_MISMATCH = "purpose_mismatch"
CHALLENGE_MISMATCH = "challenge_mismatch"
DOMAIN_MISMATCH = "domain_mismatch"
PROOF_EXPIRED = "proof_expired"
CONTEXT_ERROR = "context_error"
CONTROLLER_MISMATCH = "controller_mismatch"

MAX_PROOFS = 16
"""Proofs verified per document (each costs a canonicalisation and a key resolution)."""


@dataclass(frozen=True)
class ProofResult:
    """The outcome of verifying one proof. `ok` is True only for code ``ok``."""

    ok: bool
    code: str
    cryptosuite: str | None = None  # the cryptosuite, or the proof type for legacy suites
    verification_method: str | None = None
    created: str | None = None
    message: str = ""
    proof_id: str | None = None
    controller: str | None = None  # controller of the resolved key, when resolved

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class SigningError(ValueError):
    """A document or request that cannot be signed; `code` is a reason code (a
    :mod:`keys.jsonld` code for JSON-LD problems)."""

    def __init__(self, code: str, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail  # the term, IRI or URL concerned, when there is one


# --------------------------------------------------------------------------- helpers

def parse_datetime(value: Any) -> datetime | None:
    """An XML Schema dateTime as an aware datetime (no zone = UTC); None if invalid."""
    return timestamps.parse_datetime_or_none(value, assume_utc=True)


def format_datetime(moment: datetime) -> str:
    """XSD dateTime in UTC with seconds precision: ``2024-06-30T12:00:00Z``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


_OUTSIDE_BMP = re.compile("[\U00010000-\U0010ffff]")
_SAFE_INT = 2**53


def _jcs_fast_ok(value: Any) -> bool:
    """True when json.dumps(sort_keys, ensure_ascii=False) yields the RFC 8785 form: no
    floats, integers within the IEEE 754 exact range, and member names whose code point order
    is their UTF-16 order (no characters outside the Basic Multilingual Plane). Strings need
    no check: both serialise them the same way (lone surrogates fail at UTF-8 encoding)."""
    kind = type(value)
    if kind is not dict and kind is not list:
        return (
            kind is str or kind is bool or value is None or (kind is int and -_SAFE_INT < value < _SAFE_INT)
        )
    stack = [value]
    push = stack.append
    while stack:
        item = stack.pop()
        if type(item) is dict:
            for key in item:
                if type(key) is not str or (not key.isascii() and _OUTSIDE_BMP.search(key)):
                    return False
            values = item.values()
        else:
            values = item
        for member in values:
            kind = type(member)
            if kind is str or kind is bool or member is None:
                continue
            if kind is dict or kind is list:
                push(member)
            elif kind is int:
                if not -_SAFE_INT < member < _SAFE_INT:
                    return False
            else:
                return False
    return True


def jcs(value: Any) -> bytes:
    """RFC 8785 JSON Canonicalization Scheme bytes of `value`."""
    if _jcs_fast_ok(value):
        try:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(
                "utf-8"
            )
        except (UnicodeEncodeError, RecursionError, ValueError):
            pass
    return rfc8785.dumps(value)


_B58_DIGITS = {c: i for i, c in enumerate("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")}


def decode_proof_value(value: str) -> bytes:
    """Bytes of a multibase base58btc ``proofValue`` (``z…``); MultikeyError if invalid.
    (A direct loop: about three times faster than the base58 package on signatures.)"""
    if not isinstance(value, str) or len(value) < 2 or value[0] != "z" or len(value) > 512:
        raise MultikeyError("not a multibase base58btc value (must start with 'z')")
    number = 0
    digits = _B58_DIGITS
    try:
        for ch in value[1:]:
            number = number * 58 + digits[ch]
    except KeyError:
        raise MultikeyError("invalid base58btc") from None
    body = value[1:]
    zeros = len(body) - len(body.lstrip("1"))
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _contexts(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def issuer_id(document: dict[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def holder_id(document: dict[str, Any]) -> str | None:
    holder = document.get("holder")
    if isinstance(holder, dict):
        holder = holder.get("id")
    return holder if isinstance(holder, str) else None


def _proof_list(document: dict[str, Any]) -> list[Any]:
    proof = document.get("proof")
    if proof is None:
        return []
    return list(proof) if isinstance(proof, list) else [proof]


def _did_of(verification_method: str) -> str:
    return verification_method.split("#", 1)[0]


# --------------------------------------------------------------------------- hashing


def _hash_data(
    suite: str, unsecured: dict[str, Any], proof_config: dict[str, Any], *, strict_contexts: bool = False
) -> bytes:
    """SHA-256(canonical proof config) || SHA-256(canonical document)."""
    if suite in _JCS_SUITES:
        return _sha256(jcs(proof_config)) + _sha256(jcs(unsecured))
    # RDFC suites (and Ed25519Signature2020): the proof config is read with the document's context
    config = dict(proof_config)
    config["@context"] = unsecured.get("@context")
    canonical_config = jsonld.canonize(config, strict_contexts=strict_contexts)
    canonical_document = jsonld.canonize(unsecured, strict_contexts=strict_contexts)
    return _sha256(canonical_config.encode("utf-8")) + _sha256(canonical_document.encode("utf-8"))


def _needs_data_integrity_context(context: list[Any]) -> bool:
    return jsonld.CREDENTIALS_V2 not in context and jsonld.DATA_INTEGRITY_V2 not in context


# --------------------------------------------------------------------------- signing


def add_proof(
    document: dict[str, Any],
    signer: Signer,
    *,
    cryptosuite: str = EDDSA_RDFC_2022,
    created: datetime | str | None = None,
    proof_purpose: str = "assertionMethod",
    challenge: str | None = None,
    domain: str | list[str] | None = None,
    expires: datetime | str | None = None,
    proof_id: str | None = None,
    previous_proof: str | list[str] | None = None,
) -> dict[str, Any]:
    """A new document: `document` with a Data Integrity proof by `signer` added (a proof
    set if it already had proofs). Raises SigningError (with `.code`) if the document or the
    options cannot be signed: unsupported cryptosuite, a key that does not fit it, or a
    document that fails safe-mode JSON-LD processing (also checked for ``-jcs-`` suites, so
    Dalel never signs a credential whose terms do not all have a meaning)."""
    if not isinstance(document, dict):
        raise SigningError("invalid_document", "the document to sign must be a JSON object")
    if cryptosuite not in SUPPORTED_CRYPTOSUITES:
        raise SigningError(UNKNOWN_CRYPTOSUITE, f"unsupported cryptosuite {cryptosuite!r}")
    if signer.algorithm != _SUITE_ALGORITHM[cryptosuite]:
        raise SigningError(
            KEY_TYPE_MISMATCH,
            f"cryptosuite {cryptosuite} needs a {_SUITE_ALGORITHM[cryptosuite]} key, not {signer.algorithm}",
        )
    if "@context" not in document:
        raise SigningError(jsonld.MISSING_CONTEXT, "the document has no @context")
    try:
        jsonld.check_structure(document)  # before any recursive walk (deepcopy, JCS)
    except jsonld.JsonLdError as exc:
        raise SigningError(exc.code, str(exc), detail=exc.detail) from None

    output = copy.deepcopy(document)
    existing = _proof_list(output)
    output.pop("proof", None)
    context = _contexts(output.get("@context"))
    if _needs_data_integrity_context(context):
        output["@context"] = context + [jsonld.DATA_INTEGRITY_V2]

    if isinstance(created, datetime):
        created_value = format_datetime(created)
    elif created is None:
        created_value = format_datetime(datetime.now(UTC))
    else:
        created_value = created
    if parse_datetime(created_value) is None:
        raise SigningError("invalid_created", f"created {created_value!r} is not an XML Schema dateTime")

    options: dict[str, Any] = {"type": DATA_INTEGRITY_PROOF, "cryptosuite": cryptosuite}
    if proof_id:
        options["id"] = proof_id
    options["created"] = created_value
    if expires is not None:
        options["expires"] = format_datetime(expires) if isinstance(expires, datetime) else expires
        if parse_datetime(options["expires"]) is None:
            raise SigningError("invalid_expires", "expires is not an XML Schema dateTime")
    options["verificationMethod"] = signer.verification_method
    options["proofPurpose"] = proof_purpose
    if challenge is not None:
        options["challenge"] = challenge
    if domain is not None:
        options["domain"] = domain

    unsecured = dict(output)
    if previous_proof is not None:
        wanted = [previous_proof] if isinstance(previous_proof, str) else list(previous_proof)
        by_id = {p.get("id"): p for p in existing if isinstance(p, dict) and p.get("id")}
        missing = [w for w in wanted if w not in by_id]
        if missing:
            raise SigningError(
                "previous_proof_not_found", f"previousProof {missing[0]!r} is not in the proof set"
            )
        options["previousProof"] = previous_proof
        unsecured["proof"] = [by_id[w] for w in wanted]

    proof_config = dict(options)
    if cryptosuite in _JCS_SUITES and "@context" in unsecured:
        proof_config["@context"] = copy.deepcopy(unsecured["@context"])
        options["@context"] = copy.deepcopy(unsecured["@context"])
    try:
        if cryptosuite in _JCS_SUITES:
            jsonld.expand(unsecured)  # meaning check only; the signature covers the JSON itself
        hash_data = _hash_data(cryptosuite, unsecured, proof_config)
    except jsonld.JsonLdError as exc:
        raise SigningError(exc.code, str(exc), detail=exc.detail) from None

    signature = signer.sign(hash_data)
    proof = dict(options)
    proof["proofValue"] = base58btc_encode(signature)
    output["proof"] = proof if not existing else existing + [proof]
    return output


# --------------------------------------------------------------------------- verification


class _Fail(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def verify_proofs(
    document: Any,
    resolve_key: KeyResolver,
    *,
    expected_purpose: str | None = "assertionMethod",
    challenge: str | None = None,
    domain: str | list[str] | None = None,
    now: datetime | None = None,
    strict_contexts: bool = False,
    check_controller: bool = True,
) -> list[ProofResult]:
    """One result per proof of `document` (a single failed ``no_proof`` result when it
    has none). Never raises on malformed input.

    For ``assertionMethod`` proofs the key's controller must be the document's issuer
    (``issuer`` or ``issuer.id``); for ``authentication`` proofs, the holder if present. A key
    revoked at or before the proof's ``created`` fails (``key_revoked``), as does one
    retired before it (``key_expired``). ``check_controller=False`` leaves the key-to-issuer
    binding to the caller (a proof set may hold proofs of other parties, e.g. a proof chain
    endorsed by another key); each result still names the key's ``controller``."""
    try:
        if not isinstance(document, dict):
            return [ProofResult(False, MALFORMED_PROOF, message="the document is not a JSON object")]
        proofs = _proof_list(document)
        if not proofs:
            return [ProofResult(False, NO_PROOF, message="the document has no proof")]
        if len(proofs) > MAX_PROOFS:
            return [ProofResult(False, jsonld.TOO_COMPLEX, message=f"more than {MAX_PROOFS} proofs")]
        try:
            jsonld.check_structure(document)  # bounded work for every proof below
        except jsonld.JsonLdError as exc:
            return [ProofResult(False, exc.code, message=str(exc))]
        unsecured = {k: v for k, v in document.items() if k != "proof"}
        results = []
        for proof in proofs:
            results.append(
                _verify_one(
                    unsecured,
                    proof,
                    proofs,
                    resolve_key,
                    expected_purpose=expected_purpose,
                    challenge=challenge,
                    domain=domain,
                    now=now or datetime.now(UTC),
                    strict_contexts=strict_contexts,
                    check_controller=check_controller,
                )
            )
        return results
    except Exception as exc:  # last resort: a verifier never raises
        return [ProofResult(False, MALFORMED_PROOF, message=f"unverifiable document: {type(exc).__name__}")]


def _verify_one(
    unsecured: dict[str, Any],
    proof: Any,
    all_proofs: list[Any],
    resolve_key: KeyResolver,
    *,
    expected_purpose: str | None,
    challenge: str | None,
    domain: str | list[str] | None,
    now: datetime,
    strict_contexts: bool,
    check_controller: bool = True,
) -> ProofResult:
    if not isinstance(proof, dict):
        return ProofResult(False, MALFORMED_PROOF, message="a proof is not a JSON object")
    proof_type = proof.get("type")
    suite = proof.get("cryptosuite") if proof_type == DATA_INTEGRITY_PROOF else proof_type
    vm = proof.get("verificationMethod")
    created_raw = proof.get("created")
    info = {
        "cryptosuite": suite if isinstance(suite, str) else None,
        "verification_method": vm if isinstance(vm, str) else None,
        "created": created_raw if isinstance(created_raw, str) else None,
        "proof_id": proof.get("id") if isinstance(proof.get("id"), str) else None,
    }
    key: PublicKey | None = None
    try:
        key = _check_and_verify(
            unsecured,
            proof,
            all_proofs,
            resolve_key,
            suite,
            expected_purpose=expected_purpose,
            challenge=challenge,
            domain=domain,
            now=now,
            strict_contexts=strict_contexts,
            check_controller=check_controller,
        )
    except _Fail as fail:
        controller = getattr(fail, "controller", None)
        return ProofResult(False, fail.code, message=fail.message, controller=controller, **info)
    except Exception as exc:
        return ProofResult(
            False, MALFORMED_PROOF, message=f"unverifiable proof: {type(exc).__name__}", **info
        )
    return ProofResult(True, OK, message="the proof is valid", controller=key.controller, **info)


def _check_and_verify(
    unsecured: dict[str, Any],
    proof: dict[str, Any],
    all_proofs: list[Any],
    resolve_key: KeyResolver,
    suite: Any,
    *,
    expected_purpose: str | None,
    challenge: str | None,
    domain: str | list[str] | None,
    now: datetime,
    strict_contexts: bool,
    check_controller: bool = True,
) -> PublicKey:
    proof_type = proof.get("type")
    if not isinstance(proof_type, str):
        raise _Fail(MALFORMED_PROOF, "the proof has no type")
    if proof_type == DATA_INTEGRITY_PROOF:
        if suite not in SUPPORTED_CRYPTOSUITES:
            raise _Fail(UNKNOWN_CRYPTOSUITE, f"unsupported cryptosuite {suite!r}")
    elif proof_type not in VERIFY_ONLY_SUITES:
        raise _Fail(UNKNOWN_CRYPTOSUITE, f"unsupported proof type {proof_type!r}")
    vm = proof.get("verificationMethod")
    purpose = proof.get("proofPurpose")
    proof_value = proof.get("proofValue")
    if not isinstance(vm, str) or not vm:
        raise _Fail(MALFORMED_PROOF, "the proof has no verificationMethod")
    if not isinstance(purpose, str):
        raise _Fail(MALFORMED_PROOF, "the proof has no proofPurpose")
    if not isinstance(proof_value, str):
        raise _Fail(MALFORMED_PROOF, "the proof has no proofValue")
    try:
        signature = decode_proof_value(proof_value)
    except MultikeyError:
        raise _Fail(MALFORMED_PROOF, "proofValue is not multibase base58btc") from None

    created = None
    if "created" in proof:
        created = parse_datetime(proof["created"])
        if created is None:
            raise _Fail(MALFORMED_PROOF, "created is not an XML Schema dateTime")
    if "expires" in proof:
        expires = parse_datetime(proof["expires"])
        if expires is None:
            raise _Fail(MALFORMED_PROOF, "expires is not an XML Schema dateTime")
        if expires < now:
            raise _Fail(PROOF_EXPIRED, "the proof has expired")

    if expected_purpose is not None and purpose != expected_purpose:
        raise _Fail(PURPOSE_MISMATCH, f"proof purpose {purpose!r}, expected {expected_purpose!r}")
    if domain is not None:
        want = {domain} if isinstance(domain, str) else set(domain)
        got_raw = proof.get("domain")
        got = {got_raw} if isinstance(got_raw, str) else set(got_raw) if isinstance(got_raw, list) else None
        if got != want:
            raise _Fail(DOMAIN_MISMATCH, "the proof's domain does not match")
    if challenge is not None and proof.get("challenge") != challenge:
        raise _Fail(CHALLENGE_MISMATCH, "the proof's challenge does not match")

    # the document as it was when this proof was made (proof chains bind previous proofs)
    document = dict(unsecured)
    previous = proof.get("previousProof")
    if previous is not None:
        wanted = [previous] if isinstance(previous, str) else previous
        if not isinstance(wanted, list) or not all(isinstance(w, str) for w in wanted):
            raise _Fail(MALFORMED_PROOF, "previousProof must be a string or a list of strings")
        by_id = {p.get("id"): p for p in all_proofs if isinstance(p, dict) and isinstance(p.get("id"), str)}
        if any(w not in by_id for w in wanted):
            raise _Fail(MALFORMED_PROOF, "previousProof names a proof that is not in the proof set")
        document["proof"] = [by_id[w] for w in wanted]

    proof_config = {k: v for k, v in proof.items() if k != "proofValue"}
    algorithm = _SUITE_ALGORITHM[suite if proof_type == DATA_INTEGRITY_PROOF else proof_type]
    hash_suite = suite if proof_type == DATA_INTEGRITY_PROOF else proof_type
    try:
        if hash_suite in _JCS_SUITES:
            if "@context" in proof_config:
                proof_ctx = _contexts(proof_config["@context"])
                doc_ctx = _contexts(document.get("@context"))
                if doc_ctx[: len(proof_ctx)] != proof_ctx:
                    raise _Fail(
                        CONTEXT_ERROR, "the document's @context does not start with the proof's @context"
                    )
                document["@context"] = proof_config["@context"]
        else:
            if "@context" in proof_config:
                proof_ctx = _contexts(proof_config["@context"])
                doc_ctx = _contexts(document.get("@context"))
                if doc_ctx[: len(proof_ctx)] != proof_ctx:
                    raise _Fail(CONTEXT_ERROR, "the proof's @context differs from the document's")
                del proof_config["@context"]
            if proof_type == ED25519_SIGNATURE_2020 and jsonld.ED25519_2020_V1 not in _contexts(
                document.get("@context")
            ):
                raise _Fail(
                    CONTEXT_ERROR, f"an Ed25519Signature2020 document must use {jsonld.ED25519_2020_V1}"
                )
        hash_data = _hash_data(hash_suite, document, proof_config, strict_contexts=strict_contexts)
    except jsonld.JsonLdError as exc:
        raise _Fail(CONTEXT_ERROR, f"{exc.code}: {exc}") from None

    try:
        key = resolve_key(vm)
    except KeyResolutionError as exc:
        code = KEY_UNREACHABLE if exc.unreachable else (exc.code or KEY_NOT_FOUND)
        raise _Fail(code, str(exc) or "the verification method could not be resolved") from None
    except Exception as exc:
        raise _Fail(KEY_UNREACHABLE, f"key resolution failed: {type(exc).__name__}") from None
    if not isinstance(key, PublicKey):
        raise _Fail(KEY_NOT_FOUND, "the verification method did not resolve to a public key")
    if key.id != vm:
        raise _Fail(KEY_NOT_FOUND, "the resolved key is not the proof's verification method")
    if key.algorithm != algorithm:
        raise _Fail(KEY_TYPE_MISMATCH, f"{hash_suite} needs a {algorithm} key, the method is {key.algorithm}")

    if not key.verify(hash_data, signature):
        raise _Fail(INVALID_SIGNATURE, "the signature does not match the document")

    if check_controller and purpose == "assertionMethod":
        expected_controller = issuer_id(unsecured)
        if expected_controller is None or key.controller != expected_controller:
            fail = _Fail(CONTROLLER_MISMATCH, "the signing key is not controlled by the issuer")
            fail.controller = key.controller  # type: ignore[attr-defined]
            raise fail
    elif check_controller and purpose == "authentication":
        holder = holder_id(unsecured)
        if holder is not None and key.controller != holder:
            fail = _Fail(CONTROLLER_MISMATCH, "the signing key is not controlled by the holder")
            fail.controller = key.controller  # type: ignore[attr-defined]
            raise fail
    if key.revoked is not None and (created is None or created >= key.revoked):
        raise _Fail(KEY_REVOKED, "the key was revoked (compromised) when the proof was created")
    if key.expires is not None and (created is None or created > key.expires):
        raise _Fail(KEY_EXPIRED, "the key was retired before the proof was created")
    return key
