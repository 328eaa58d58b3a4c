"""The credentials `dalel demo` issues verify in DCC's verifier-core configured as VerifierPlus
configures it, and in Dalel; their tampered copies fail in both (issue 11, item 2).

What runs: `dalel demo --no-serve --out DIR` in a fresh data directory, then a real
`dalel serve` on that directory (its public URL is the server's address). Every diploma and
supplement in DIR goes to verifier-core through `verify.mjs --engine verifier-plus`: the call
VerifierPlus makes (app/lib/validate.ts: ``verifyCredential({credential,
knownDIDRegistries})``), with verifier-core's own security document loader and its bundled
contexts; the harness serves no context at all, so a context that loader does not bundle is a
web fetch, which offline is refused, as ``https://dalel.kz/ns/credentials/v1`` is refused by
the web (no server answers it). DID documents and status lists are fetched over HTTP from the
running Dalel server, as VerifierPlus fetches them (the harness only maps the ``https://``
of did:web to the test server's ``http://``). The registry VerifierPlus consults is a local
DCC-legacy registry naming the demo university, as a registered deployment would be named.
"""

from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.interop

ROOT = Path(__file__).resolve().parents[2]
REGISTRY_URL = "https://registry.dalel.test/known-did-registry.json"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(data_dir: Path, public_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DALEL_") and k != "DATABASE_URL"}
    env.update({"DALEL_DATA_DIR": str(data_dir), "DALEL_PUBLIC_URL": public_url, "DALEL_DEFAULT_LANGUAGE": "en"})
    return env


@pytest.fixture(scope="module")
def demo(tmp_path_factory, node_harness):
    """`dalel demo --no-serve --out DIR`, then `dalel serve` on its data directory."""
    base = tmp_path_factory.mktemp("demo-interop")
    port = _free_port()
    public_url = f"http://127.0.0.1:{port}"
    env = _env(base / "data", public_url)
    out = base / "out"
    made = subprocess.run([sys.executable, "-m", "dalel", "demo", "--no-serve", "--out", str(out)], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr
    env["DALEL_KEYSTORE_PASSPHRASE_FILE"] = str(base / "data" / "keystore-passphrase")
    server = subprocess.Popen([sys.executable, "-m", "dalel", "serve", "--port", str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read()
            try:
                if httpx.get(f"{public_url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "dalel serve did not start"
            time.sleep(0.3)
        manifest = json.loads((out / "manifest.json").read_text("utf-8"))
        credentials = {}
        for d in manifest["diplomas"]:
            for kind in ("credential", "supplement"):
                credentials[d[kind]] = json.loads((out / d[kind]).read_text("utf-8"))
        yield {"url": public_url, "port": port, "manifest": manifest, "credentials": credentials}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _registry(demo) -> dict:
    did = demo["manifest"]["institution"]["did"]
    return {"registry": {did: {"name": "Dalel Demo University", "url": demo["url"], "location": "Almaty, KZ"}}}


def _verifier_plus(interop, demo, credential) -> dict:
    host = f"127.0.0.1:{demo['port']}/"
    return interop.verify(
        credential,
        engine="verifier-plus",
        rewrite={f"https://{host}": f"http://{host}", f"http://{host}": f"http://{host}"},
        known_did_registries=[{"type": "dcc-legacy", "name": "Dalel test registry", "url": REGISTRY_URL}],
        resources={REGISTRY_URL: _registry(demo)},
    )


def _dalel(demo, credential) -> str:
    r = httpx.post(f"{demo['url']}/api/v1/verify", json={"credential": credential}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()["verdict"]


def _fetched(out: dict) -> set[str]:
    return {entry["url"].split("#")[0] for entry in out["network"]}


def test_the_demo_issued_every_credential_in_published_contexts_only(interop, demo):
    """Every context a demo credential names is one verifier-core bundles, identical to the
    copy Dalel pins (so both canonicalise the same RDF)."""
    from keys.jsonld import load_context

    bundled = interop.bundled_contexts()
    assert len(demo["credentials"]) == 10
    for name, credential in demo["credentials"].items():
        for url in credential["@context"]:
            assert url in bundled, f"{name} names {url}, which DCC's loader does not bundle"
            assert bundled[url] == load_context(url), url
        assert "https://dalel.kz/ns/credentials/v1" not in credential["@context"]


def test_every_demo_credential_verifies_in_verifier_plus_and_in_dalel(interop, demo):
    for name, credential in demo["credentials"].items():
        out = _verifier_plus(interop, demo, credential)
        summary = out["summary"]
        assert summary["signature"] == "valid", (name, summary)
        steps = {step["id"]: step.get("valid") for step in summary["log"]}
        assert steps == {"valid_signature": True, "revocation_status": True, "suspension_status": True,
                         "expiration": True, "registered_issuer": True}, (name, summary)
        assert summary["verified"] is True, (name, summary)
        # no context was fetched: the DID document, the two status lists, the registry, and the
        # schema verifier-core's informational schema check reads (with its meta-schema)
        status_lists = {entry["statusListCredential"] for entry in credential["credentialStatus"]}
        did_doc = f"https://127.0.0.1:{demo['port']}/institutions/demo-university/did.json"
        schema = credential["credentialSchema"]["id"]
        assert _fetched(out) <= {did_doc, *status_lists, REGISTRY_URL, schema,
                                 "https://json-schema.org/draft/2020-12/schema"}, (name, out["network"])
        assert _dalel(demo, credential) == "valid", name


def _holder(credential: dict) -> dict:
    return credential["credentialSubject"]["name"][0]


def _number(credential: dict) -> dict:
    return next(i for i in credential["credentialSubject"]["identifier"] if i["identityType"] == "ext:DiplomaNumber")


def _grade(credential: dict) -> dict:
    subject = credential["credentialSubject"]
    return next(r for r in subject["result"] if r["resultDescription"].endswith("#course-1"))


TAMPERINGS = {
    "name": lambda c: _holder(c).update({"@value": "Басқа Адам"}),
    "number": lambda c: _number(c).update({"identityHash": "BD 00099999"}),
    "grade": lambda c: _grade(c).update({"value": "A" if _grade(c)["value"] != "A" else "A-"}),
}


@pytest.mark.parametrize("how", sorted(TAMPERINGS))
def test_tampered_demo_credentials_fail_in_verifier_plus_and_in_dalel(interop, demo, how):
    kinds = ("supplement",) if how == "grade" else ("credential", "supplement")
    for d in demo["manifest"]["diplomas"][:2]:
        for kind in kinds:
            tampered = copy.deepcopy(demo["credentials"][d[kind]])
            TAMPERINGS[how](tampered)
            out = _verifier_plus(interop, demo, tampered)
            assert out["summary"]["signature"] == "invalid", (d[kind], out["summary"])
            assert out["summary"]["verified"] is False
            assert _dalel(demo, tampered) == "invalid", d[kind]
