"""Decentralized identifiers for issuer keys: ``did:key`` (by computation) and ``did:web``.

* ``did:key:<publicKeyMultibase>`` — W3C CCG did:key: the DID document is computed from the
  identifier; its one verification method is ``<did>#<publicKeyMultibase>``, referenced from
  ``authentication``, ``assertionMethod``, ``capabilityInvocation`` and ``capabilityDelegation``.
* ``did:web:<host>[%3A<port>][:<path>:…]`` — W3C CCG did:web: ``:`` becomes ``/``, the port
  colon is percent-encoded, a path resolves to ``https://host/path/did.json`` and a bare host to
  ``https://host/.well-known/did.json``. An institution is
  ``did:web:<host>:institutions:<slug>`` and its keys are ``<did>#<key_id>``.

Documents use the contexts ``https://www.w3.org/ns/did/v1`` and
``https://w3id.org/security/multikey/v1`` (the latter defines ``Multikey``,
``publicKeyMultibase``, ``revoked`` and ``expires``). Verifiers that process them as JSON-LD
need both pinned.

**Retired and compromised keys in an institution's document** (see :func:`did_document`):

Controlled Identifiers 1.0 §2.2 gives verification methods two optional times.
``revoked``: "when the verification method MUST NOT be used … systems … are expected to not
verify any proofs associated with the verification method at or after the time of
revocation"; its security considerations read revocation as "proofs … created after its
revocation should be treated as invalid". ``expires``: when the method "SHOULD cease to be
used", and verifiers "are expected to not verify any proofs associated with the verification
method at or after the time of expiration" — read literally, and as some libraries do, that
is the *verification* time, so a key published with ``expires`` would make every diploma it
ever signed fail to verify once that time passes.

Hence Dalel's representation:

* a **compromised** key stays listed (so the document still explains proofs made before the
  compromise) and carries ``revoked`` = the compromise time; Dalel's verifier rejects proofs
  whose ``created`` is at or after it (stricter verifiers, e.g. jsonld-signatures, reject every
  proof of a revoked method, which is also a safe reading);
* a **retired** key is listed exactly like an active one, with **no** ``expires``: retirement
  only means the issuer stops signing with it (enforced by the issuer, which refuses), and
  diplomas signed before retirement must keep verifying at every verifier for decades. A
  signature made after retirement could only come from someone holding the private key,
  which is a compromise and is published as such.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from keys._time import format_datetime
from keys.multikey import Algorithm, decode_multikey, encode_multikey

__all__ = [
    "DidError",
    "MethodEntry",
    "did_key",
    "did_key_from_multibase",
    "did_key_verification_method",
    "did_key_document",
    "did_web",
    "did_web_url",
    "institution_did",
    "institution_verification_method",
    "split_did_url",
    "did_document",
    "DOCUMENT_CONTEXT",
]

DID_CONTEXT = "https://www.w3.org/ns/did/v1"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
DOCUMENT_CONTEXT: list[str] = [DID_CONTEXT, MULTIKEY_CONTEXT]

_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1"})
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_SEGMENT = re.compile(r"^(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+$")


class DidError(ValueError):
    """A DID or DID URL that is malformed or of an unsupported method."""


# --------------------------------------------------------------------------- did:key


def did_key(algorithm: Algorithm, raw_public_key: bytes) -> str:
    return "did:key:" + encode_multikey(algorithm, raw_public_key)


def did_key_from_multibase(public_key_multibase: str) -> str:
    decode_multikey(public_key_multibase)  # validates type and length
    return "did:key:" + public_key_multibase


def did_key_verification_method(public_key_multibase: str) -> str:
    """The DID URL of the one verification method of a did:key."""
    return f"{did_key_from_multibase(public_key_multibase)}#{public_key_multibase}"


def did_key_document(did: str) -> dict[str, Any]:
    """The DID document of a did:key, by the did:key Document Creation Algorithm
    (publicKeyFormat ``Multikey``, no derived encryption key)."""
    if not did.startswith("did:key:"):
        raise DidError("not a did:key")
    parts = did.split(":")
    if len(parts) == 4:  # did:key:<version>:<mb>
        if parts[2] != "1":
            raise DidError("unsupported did:key version")
        multibase = parts[3]
    elif len(parts) == 3:
        multibase = parts[2]
    else:
        raise DidError("malformed did:key")
    if not multibase.startswith("z"):
        raise DidError("did:key value must be multibase base58btc ('z')")
    try:
        decode_multikey(multibase)
    except ValueError as exc:
        raise DidError(f"invalid did:key: {exc}") from None
    vm_id = f"{did}#{multibase}"
    return {
        "@context": list(DOCUMENT_CONTEXT),
        "id": did,
        "verificationMethod": [
            {"id": vm_id, "type": "Multikey", "controller": did, "publicKeyMultibase": multibase}
        ],
        "authentication": [vm_id],
        "assertionMethod": [vm_id],
        "capabilityDelegation": [vm_id],
        "capabilityInvocation": [vm_id],
    }


# --------------------------------------------------------------------------- did:web


def _web_host(public_url: str) -> tuple[str, str, list[str]]:
    """(scheme, host with percent-encoded port, path segments) of a deployment's public URL."""
    parts = urlsplit(public_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DidError(f"public URL must be an http(s) URL with a host: {public_url!r}")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise DidError("public URL must not carry credentials, a query or a fragment")
    try:
        host = parts.hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise DidError(f"invalid host name {parts.hostname!r}") from None
    try:
        port = parts.port
    except ValueError:
        raise DidError("invalid port in public URL") from None
    default_port = 443 if parts.scheme == "https" else 80
    if port is not None and port != default_port:
        host = f"{host}%3A{port}"
    segments = [quote(unquote(s), safe="-._") for s in parts.path.split("/") if s]
    return parts.scheme, host, segments


def did_web(public_url: str, path_segments: Sequence[str] = ()) -> str:
    """``did:web`` for a document under the deployment's public URL (its path included).
    ``did_web("https://uni.kz:8443", ["institutions", "demo"])`` ->
    ``did:web:uni.kz%3A8443:institutions:demo``."""
    _scheme, host, base_segments = _web_host(public_url)
    segments = list(base_segments)
    for segment in path_segments:
        if not isinstance(segment, str) or not segment:
            raise DidError("empty did:web path segment")
        segments.append(quote(segment, safe="-._"))
    return ":".join(["did:web", host, *segments])


def institution_did(public_url: str, slug: str) -> str:
    return did_web(public_url, ["institutions", slug])


def institution_verification_method(public_url: str, slug: str, key_id: str) -> str:
    return f"{institution_did(public_url, slug)}#{key_id}"


def did_web_url(did: str, *, allow_http_localhost: bool = False) -> str:
    """The URL of a did:web DID document, by the did:web Read algorithm.

    ``https`` always, except ``http`` for ``localhost``/``127.0.0.1`` when
    `allow_http_localhost` is set (local development and tests). IP addresses are refused
    (the spec forbids them), except 127.0.0.1 under the same switch."""
    if not isinstance(did, str) or not did.startswith("did:web:"):
        raise DidError("not a did:web")
    msid = did[len("did:web:"):]
    if not msid or any(c in msid for c in "#?/@ "):
        raise DidError("malformed did:web")
    parts = msid.split(":")
    host_part = unquote(parts[0])
    host, _, port = host_part.partition(":")
    host = host.lower()
    if port and (not port.isdigit() or not 0 < int(port) < 65536):
        raise DidError("invalid port in did:web")
    is_ip = True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        is_ip = False
    if is_ip:
        if not (allow_http_localhost and host == "127.0.0.1"):
            raise DidError("did:web must not use an IP address")
    elif not all(_HOST_LABEL.match(label) for label in host.split(".")):
        raise DidError("invalid host in did:web")
    segments = parts[1:]
    if any(not _SEGMENT.match(s) for s in segments):
        raise DidError("invalid path in did:web")
    decoded = [unquote(s) for s in segments]
    if any(s in (".", "..") or "/" in s for s in decoded):
        raise DidError("invalid path in did:web")
    scheme = "http" if allow_http_localhost and host in _LOCAL_HOSTS else "https"
    authority = f"{host}:{port}" if port else host
    path = "/" + "/".join(segments) + "/did.json" if segments else "/.well-known/did.json"
    return f"{scheme}://{authority}{path}"


def did_web_urls(did: str, *, allow_http_localhost: bool = False) -> list[str]:
    """The URLs to try for a did:web DID document, in order: :func:`did_web_url`, and for a
    local host under `allow_http_localhost` also its ``https`` twin, since a local deployment
    may be served over HTTPS (e.g. with a test certificate) as well as plain HTTP."""
    url = did_web_url(did, allow_http_localhost=allow_http_localhost)
    if url.startswith("http://"):
        return [url, "https://" + url[len("http://") :]]
    return [url]


# --------------------------------------------------------------------------- DID URLs


def split_did_url(did_url: str) -> tuple[str, str | None]:
    """(DID, fragment or None) of a DID URL such as ``did:web:host#key-1``."""
    if not isinstance(did_url, str) or not did_url.startswith("did:"):
        raise DidError("not a DID URL")
    did, sep, fragment = did_url.partition("#")
    if "?" in did or "/" in did:
        raise DidError("DID URLs with a path or query are not supported")
    if did.count(":") < 2 or not did.split(":", 2)[2]:
        raise DidError("malformed DID")
    return did, (fragment if sep else None)


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class MethodEntry:
    """One verification method of an institution's DID document."""

    fragment: str  # the key id, e.g. ``key-3xQ…``
    public_key_multibase: str
    revoked: datetime | None = None  # compromise time


def did_document(did: str, methods: Iterable[MethodEntry]) -> dict[str, Any]:
    """A DID document listing every given method as a ``Multikey``, all of them under
    ``assertionMethod`` (old diplomas keep verifying). A compromised method carries
    ``revoked``; a retired one carries nothing extra (see the module docstring for why
    ``expires`` is not used)."""
    vms: list[dict[str, Any]] = []
    for method in methods:
        decode_multikey(method.public_key_multibase)
        vm: dict[str, Any] = {
            "id": f"{did}#{method.fragment}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": method.public_key_multibase,
        }
        if method.revoked is not None:
            vm["revoked"] = format_datetime(method.revoked)
        vms.append(vm)
    return {
        "@context": list(DOCUMENT_CONTEXT),
        "id": did,
        "verificationMethod": vms,
        "assertionMethod": [vm["id"] for vm in vms],
    }
