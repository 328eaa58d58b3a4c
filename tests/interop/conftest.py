"""Interoperability harness: run the Node.js scripts next to this file.

`js_verify` verifies with DCC's @digitalcredentials/verifier-core (or the Digital Bazaar
libraries), `js_sign` signs with the Digital Bazaar libraries and a fresh did:key. Both run
offline: nothing reaches the network unless a test passes `rewrite` (to a local server) or
`allow_network=True`. See README.md here for the options and what verifier-core returns.

Node.js is needed. Without `node` the tests skip, except under CI (env CI set), where they
fail. `npm ci` runs once when node_modules is missing.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

HARNESS_DIR = Path(__file__).resolve().parent
SUITES = ("eddsa-rdfc-2022", "eddsa-jcs-2022", "Ed25519Signature2020")
NODE_TIMEOUT = 120  # seconds for one sign or verify run (imports take ~1 s; status lists more)
NPM_CI_TIMEOUT = 900


class HarnessError(RuntimeError):
    """The Node.js harness itself failed (not a verification failure: that is in the result)."""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"interop harness unavailable under CI: {reason}")
    pytest.skip(f"interop harness unavailable: {reason}")


def ensure_node_harness() -> str:
    """Path of `node` once tests/interop/node_modules is installed (`npm ci`, run once)."""
    node = shutil.which("node")
    if node is None:
        _unavailable("`node` is not on PATH (install Node.js 20)")
    version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    try:
        major = int(version.lstrip("v").split(".")[0])
    except ValueError:
        major = 0
    if major < 20:
        _unavailable(f"Node.js >= 20 is needed, found {version or 'unknown'}")
    marker = HARNESS_DIR / "node_modules" / ".package-lock.json"
    if marker.exists():
        return node
    npm = shutil.which("npm")
    if npm is None:
        _unavailable("`npm` is not on PATH")
    # a lock so that two test processes do not run `npm ci` into the same folder at once
    with open(HARNESS_DIR / ".npm-ci.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not marker.exists():
            proc = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund"],
                cwd=HARNESS_DIR,
                capture_output=True,
                text=True,
                timeout=NPM_CI_TIMEOUT,
            )
            if proc.returncode != 0:
                _unavailable(f"`npm ci` failed in {HARNESS_DIR}: {proc.stderr[-2000:]}")
    return node


def _run(script: str, args: list[str], *, timeout: float) -> str:
    node = ensure_node_harness()
    proc = subprocess.run(
        [node, str(HARNESS_DIR / script), *args],
        cwd=HARNESS_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise HarnessError(f"{script} exited {proc.returncode}: {proc.stderr[-4000:]}")
    return proc.stdout


def js_verify(
    credential: dict[str, Any],
    *,
    engine: str = "verifier-core",
    resources: dict[str, Any] | None = None,
    contexts: dict[str, Any] | None = None,
    rewrite: dict[str, str] | None = None,
    known_did_registries: list[dict[str, Any]] | None = None,
    allow_network: bool = False,
    presentation: bool = False,
    challenge: str | None = None,
    unsigned_presentation: bool = False,
    timeout: float = NODE_TIMEOUT,
) -> dict[str, Any]:
    """Verify with a second implementation; returns verify.mjs's JSON output:
    ``{"engine", "summary": {"signature": "valid"|"invalid"|"unsigned"|"error", "log": [...],
    "errors": [...]}, "network": [{"url", "via", ...}], "result": <engine's full result>}``.

    `engine` ``verifier-plus`` is verifier-core as VerifierPlus calls it: no context is served
    here (only those its security document loader bundles resolve; `contexts` is refused), and
    the summary adds VerifierPlus's overall ``verified``.

    `resources` answers fetches of exact URLs (did:web's ``https://host/.well-known/did.json``,
    status list credentials, registry files); `rewrite` maps URL prefixes to a local server,
    e.g. ``{"https://127.0.0.1:8000/": "http://127.0.0.1:8000/"}``; `contexts` adds JSON-LD
    contexts. Anything else is answered 404 without touching the network.
    """
    options: dict[str, Any] = {
        "engine": engine,
        "resources": resources or {},
        "contexts": contexts or {},
        "rewrite": rewrite or {},
        "knownDIDRegistries": known_did_registries or [],
        "allowNetwork": allow_network,
        "presentation": presentation,
        "unsignedPresentation": unsigned_presentation,
    }
    if challenge is not None:
        options["challenge"] = challenge
    with tempfile.TemporaryDirectory(prefix="dalel-interop-") as tmp:
        cred_path = Path(tmp) / "input.json"
        opts_path = Path(tmp) / "options.json"
        cred_path.write_text(json.dumps(credential), encoding="utf-8")
        opts_path.write_text(json.dumps(options), encoding="utf-8")
        out = _run("verify.mjs", ["--options", str(opts_path), str(cred_path)], timeout=timeout)
    return json.loads(out)


def bundled_contexts(timeout: float = NODE_TIMEOUT) -> dict[str, Any]:
    """{url: document} of every JSON-LD context DCC's security document loader bundles: what
    verifier-core (VerifierPlus, the Learner Credential Wallet) resolves without the network."""
    return json.loads(_run("contexts.mjs", [], timeout=timeout))


def _sign(
    credential: dict[str, Any],
    suite: str,
    *,
    contexts: dict[str, Any] | None,
    seed: bytes | None,
    keep_issuer: bool,
    created: str | None,
    did_web: str | None,
    timeout: float,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    if suite not in SUITES:
        raise ValueError(f"suite must be one of {SUITES}")
    with tempfile.TemporaryDirectory(prefix="dalel-interop-") as tmp:
        cred_path = Path(tmp) / "input.json"
        cred_path.write_text(json.dumps(credential), encoding="utf-8")
        args = ["--suite", suite]
        if contexts:
            ctx_path = Path(tmp) / "contexts.json"
            ctx_path.write_text(json.dumps(contexts), encoding="utf-8")
            args += ["--contexts", str(ctx_path)]
        if seed is not None:
            if len(seed) != 32:
                raise ValueError("seed must be 32 bytes")
            args += ["--seed", seed.hex()]
        if keep_issuer:
            args.append("--keep-issuer")
        if created:
            args += ["--created", created]
        did_doc_path = Path(tmp) / "did.json"
        if did_web:
            args += ["--did-web", did_web, "--did-doc-out", str(did_doc_path)]
        out = _run("sign.mjs", [*args, str(cred_path)], timeout=timeout)
        did_document = json.loads(did_doc_path.read_text(encoding="utf-8")) if did_web else None
    return json.loads(out), did_document


def js_sign(
    credential: dict[str, Any],
    suite: str = "eddsa-rdfc-2022",
    *,
    contexts: dict[str, Any] | None = None,
    seed: bytes | None = None,
    keep_issuer: bool = False,
    created: str | None = None,
    timeout: float = NODE_TIMEOUT,
) -> dict[str, Any]:
    """Sign with the Digital Bazaar libraries (`suite`: eddsa-rdfc-2022, eddsa-jcs-2022 or
    Ed25519Signature2020) and a fresh did:key Ed25519 key (deterministic with `seed`). The
    issuer is set to that did:key unless `keep_issuer`."""
    signed, _ = _sign(
        credential,
        suite,
        contexts=contexts,
        seed=seed,
        keep_issuer=keep_issuer,
        created=created,
        did_web=None,
        timeout=timeout,
    )
    return signed


def js_sign_did_web(
    credential: dict[str, Any],
    suite: str,
    did_web: str,
    *,
    contexts: dict[str, Any] | None = None,
    seed: bytes | None = None,
    keep_issuer: bool = False,
    created: str | None = None,
    timeout: float = NODE_TIMEOUT,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Like `js_sign` with the key as `did_web#key-1`; returns (signed credential, DID document)."""
    signed, did_document = _sign(
        credential,
        suite,
        contexts=contexts,
        seed=seed,
        keep_issuer=keep_issuer,
        created=created,
        did_web=did_web,
        timeout=timeout,
    )
    assert did_document is not None
    return signed, did_document


def did_web_document_url(did: str) -> str:
    """The https URL a did:web DID resolves to (did:web:host -> /.well-known/did.json)."""
    from urllib.parse import unquote

    parts = [unquote(p) for p in did.removeprefix("did:web:").split(":")]
    host, path = parts[0], parts[1:]
    return f"https://{host}/{'/'.join(path)}/did.json" if path else f"https://{host}/.well-known/did.json"


@pytest.fixture(scope="session")
def node_harness() -> str:
    """Skips (or fails under CI) when Node.js is unavailable; installs node_modules once."""
    return ensure_node_harness()


@pytest.fixture
def interop(node_harness) -> SimpleNamespace:
    """The harness functions, for tests: interop.verify(...), interop.sign(...), ..."""
    return SimpleNamespace(
        verify=js_verify,
        bundled_contexts=bundled_contexts,
        sign=js_sign,
        sign_did_web=js_sign_did_web,
        did_web_document_url=did_web_document_url,
        HarnessError=HarnessError,
    )
