"""Throwaway keys, diplomas and trust lists for the verifier tests (no keystore, no issuer)."""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from keys.dataintegrity import add_proof
from keys.multikey import encode_multikey

DALEL_CONTEXT = "https://dalel.kz/ns/credentials/v1"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
V2 = "https://www.w3.org/ns/credentials/v2"


@dataclass
class Key:
    """An Ed25519 signer whose DID is a did:key (offline) or a given did:web."""

    __test__ = False
    private: ed25519.Ed25519PrivateKey
    did: str
    fragment: str
    algorithm: str = "Ed25519"

    @classmethod
    def generate(cls, did: str | None = None, fragment: str = "key-1") -> Key:
        private = ed25519.Ed25519PrivateKey.generate()
        raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        multibase = encode_multikey("Ed25519", raw)
        if did is None:
            return cls(private, "did:key:" + multibase, multibase)
        return cls(private, did, fragment)

    @property
    def public_key_multibase(self) -> str:
        raw = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return encode_multikey("Ed25519", raw)

    @property
    def verification_method(self) -> str:
        return f"{self.did}#{self.fragment}"

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

    def did_document(self, *, revoked: str | None = None, extra_keys: list[Key] = ()) -> dict[str, Any]:
        methods = []
        for key in [self, *extra_keys]:
            method = {
                "id": key.verification_method,
                "type": "Multikey",
                "controller": self.did,
                "publicKeyMultibase": key.public_key_multibase,
            }
            if revoked and key is self:
                method["revoked"] = revoked
            methods.append(method)
        return {
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": self.did,
            "verificationMethod": methods,
            "assertionMethod": [m["id"] for m in methods],
        }


def diploma(issuer: Key, *, valid_from: str = "2024-06-30T00:00:00Z", programme: str = "6B06101",
            status: bool = True, valid_until: str | None = None, base: str = "https://uni.example") -> dict[str, Any]:
    credential: dict[str, Any] = {
        "@context": [V2, OB_CONTEXT, DALEL_CONTEXT],
        "id": f"{base}/credentials/{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer.did, "type": ["Profile"], "name": "Demo University"},
        "validFrom": valid_from,
        "name": "Bachelor of Science",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": "Aigerim Nurlanovna",
            "identifier": [{
                "type": "IdentityObject",
                "identityHash": "sha256$" + "ab" * 32,
                "identityType": "nationalIdentityNumber",
                "hashed": True,
            }],
            "achievement": {
                "id": f"{base}/institutions/demo/programmes/{programme}",
                "type": ["Achievement"],
                "achievementType": "BachelorDegree",
                "name": [
                    {"@value": "Информатика", "@language": "kk"},
                    {"@value": "Информатика", "@language": "ru"},
                    {"@value": "Computer Science", "@language": "en"},
                ],
                "criteria": {"narrative": "240 ECTS"},
                "humanCode": programme,
                "creditsAvailable": 240,
                "alignment": [{"type": ["Alignment"], "targetName": "EQF level 6",
                               "targetUrl": "https://europa.eu/europass/en/description-eight-eqf-levels"}],
            },
        },
        "documentNumber": {"series": "BD", "number": "00012345"},
    }
    if valid_until:
        credential["validUntil"] = valid_until
    if status:
        credential["credentialStatus"] = [
            {
                "id": f"{base}/status/rev-1#{n}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(n),
                "statusListCredential": f"{base}/status/{purpose}-1",
            }
            for n, purpose in ((1234, "revocation"), (4321, "suspension"))
        ]
    return credential


def sign(credential: dict[str, Any], key: Key, *, cryptosuite: str = "eddsa-jcs-2022", created: str | None = None) -> dict[str, Any]:
    return add_proof(copy.deepcopy(credential), key, cryptosuite=cryptosuite, created=created)


def trust_list(ministry: Key, entries: list[dict[str, Any]], *, valid_until: str = "2099-01-01T00:00:00Z",
               base: str = "https://ministry.example") -> dict[str, Any]:
    document = {
        "@context": [V2, DALEL_CONTEXT],
        "id": f"{base}/trust-list#{uuid.uuid4()}",
        "type": ["VerifiableCredential", "DalelTrustListCredential"],
        "issuer": ministry.did,
        "validFrom": "2020-01-01T00:00:00Z",
        "validUntil": valid_until,
        "credentialSubject": {
            "id": f"{base}/trust-list",
            "type": "DalelTrustList",
            "jurisdiction": "KZ",
            "entries": entries,
        },
    }
    return add_proof(document, ministry, cryptosuite="eddsa-jcs-2022")


def entry(did: str, *accreditations: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": did,
        "name": [{"@value": "Demo University", "@language": "en"}],
        "country": "KZ",
        "accreditations": list(accreditations) or [institution_accreditation()],
    }


def institution_accreditation(valid_from: str = "2020-01-01", valid_until: str | None = "2030-12-31") -> dict[str, Any]:
    out = {"agency": "IAAR", "scope": "institution", "validFrom": valid_from}
    if valid_until:  # JSON null is not signable in safe mode: absent means open-ended
        out["validUntil"] = valid_until
    return out


def programme_accreditation(code: str, valid_from: str = "2020-01-01", valid_until: str | None = None) -> dict[str, Any]:
    out = {"agency": "IQAA", "scope": "programme", "programme": code, "validFrom": valid_from}
    if valid_until:
        out["validUntil"] = valid_until
    return out


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


@dataclass(frozen=True)
class FakeResult:
    status: str
    code: str
    purpose: str

    def messages(self) -> dict[str, str]:
        return {"kk": self.code, "ru": self.code, "en": self.code}


_OUTCOMES = {
    ("revocation", "set"): ("failed", "revoked"),
    ("revocation", "unset"): ("passed", "not_revoked"),
    ("suspension", "set"): ("failed", "suspended"),
    ("suspension", "unset"): ("passed", "not_suspended"),
}


class FakeStatus:
    """Stands in for verifier.status.check_credential_status: per purpose 'set', 'unset',
    'unavailable' (list could not be obtained) or 'forged' (list proof invalid)."""

    def __init__(self, revocation: str = "unset", suspension: str = "unset") -> None:
        self.outcomes = {"revocation": revocation, "suspension": suspension}
        self.calls = 0

    def result(self, purpose: str, outcome: str) -> FakeResult:
        if outcome == "unavailable":
            return FakeResult("indeterminate", "list_unavailable", purpose)
        if outcome == "forged":
            return FakeResult("failed", "list_proof_invalid", purpose)
        status, code = _OUTCOMES[(purpose, outcome)]
        return FakeResult(status, code, purpose)

    def __call__(self, credential, *, fetch_json=None, resolve_key=None, at=None, cache=None):
        self.calls += 1
        return [self.result(p, s) for p, s in self.outcomes.items()]
