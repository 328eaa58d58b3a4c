"""Offline bundles: everything a verification needs from the network, in one directory, so
that verification works air-gapped (a border post, an exam hall).

``DIR/manifest.json``::

    {"resources": {"<url>": "<file relative to DIR>", ...},
     "trust_lists": ["<url>", ...],      # which resources are trust lists
     "trust_anchors": ["<did>", ...],    # the DIDs that signed them (used when none are configured)
     "created": "<dateTime>", "source": "<url of the Dalel it was built from>"}

:func:`build_bundle` collects trust lists, the DID documents of their signers and of every
institution they name, and for given credentials their issuers' DID documents, their status
lists and the DID documents of the status lists' issuers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common.errors import ResourceUnavailable
from keys.did import DidError, did_web_urls, split_did_url

MAX_RESOURCE_BYTES = 4 * 1024 * 1024


def _did_document_urls(did_or_vm: str) -> list[str]:
    """Where the DID document may be, in the order the verifier's resolver tries them."""
    try:
        did, _fragment = split_did_url(did_or_vm)
    except DidError:
        return []
    if not did.startswith("did:web:"):
        return []  # did:key needs nothing
    try:
        return did_web_urls(did, allow_http_localhost=True)
    except DidError:
        return []


def _issuer(document: dict[str, Any]) -> str | None:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _listify(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []


def _verification_methods(document: dict[str, Any]) -> list[str]:
    out = []
    for proof in _listify(document.get("proof")):
        if isinstance(proof, dict) and isinstance(proof.get("verificationMethod"), str):
            out.append(proof["verificationMethod"])
    return out


class BundleBuilder:
    def __init__(self, fetcher: Any, out_dir: Path) -> None:
        self.fetcher = fetcher
        self.out_dir = Path(out_dir)
        self.resources: dict[str, str] = {}
        self.documents: dict[str, Any] = {}
        self.errors: list[str] = []

    def add(self, url: str | None, *, note_failure: bool = True) -> Any:
        if not url or url in self.documents:
            return self.documents.get(url) if url else None
        try:
            body = self.fetcher.get_bytes(url, max_bytes=MAX_RESOURCE_BYTES)
            document = json.loads(body.decode("utf-8"))
        except (ResourceUnavailable, ValueError, UnicodeDecodeError) as exc:
            if note_failure:
                self.errors.append(f"{url}: {exc}")
            self.documents[url] = None
            return None
        name = "r/" + hashlib.sha256(url.encode()).hexdigest()[:32] + ".json"
        path = self.out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        self.resources[url] = name
        self.documents[url] = document
        return document

    def add_did(self, did_or_vm: str | None) -> None:
        urls = _did_document_urls(did_or_vm) if did_or_vm else []
        for number, url in enumerate(urls, start=1):
            if self.add(url, note_failure=number == len(urls)) is not None:
                return

    def add_credential(self, credential: dict[str, Any]) -> None:
        self.add_did(_issuer(credential))
        for vm in _verification_methods(credential):
            self.add_did(vm)
        for entry in _listify(credential.get("credentialStatus")):
            if isinstance(entry, dict) and isinstance(entry.get("statusListCredential"), str):
                status_list = self.add(entry["statusListCredential"])
                if isinstance(status_list, dict):
                    self.add_did(_issuer(status_list))
                    for vm in _verification_methods(status_list):
                        self.add_did(vm)


def build_bundle(
    out_dir: Path | str,
    fetcher: Any,
    *,
    source: str | None = None,
    trust_lists: Iterable[str] = (),
    credentials: Iterable[dict[str, Any]] = (),
) -> dict[str, Any]:
    """Write an offline bundle to `out_dir`; returns its manifest (with ``errors``: what could
    not be fetched). `source`: a running Dalel (its ``/trust-list`` is included)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    builder = BundleBuilder(fetcher, out)
    lists = list(trust_lists)
    if source:
        lists.insert(0, source.rstrip("/") + "/trust-list")
    found_lists, anchors = [], []
    for url in dict.fromkeys(lists):
        document = builder.add(url)
        if not isinstance(document, dict):
            continue
        found_lists.append(url)
        signer = _issuer(document)
        if signer and signer not in anchors:
            anchors.append(signer)
        builder.add_did(signer)
        for vm in _verification_methods(document):
            builder.add_did(vm)
        subject = document.get("credentialSubject")
        entries = subject.get("entries") if isinstance(subject, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                builder.add_did(entry["id"])
    for credential in credentials:
        if isinstance(credential, dict):
            builder.add_credential(credential)
    manifest = {
        "resources": builder.resources,
        "trust_lists": found_lists,
        "trust_anchors": anchors,
        "created": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "source": source,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    manifest["errors"] = builder.errors
    return manifest
