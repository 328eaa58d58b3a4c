"""The credentials `dalel demo` actually issues, in a throwaway in-process deployment: the
demo university, its five diplomas and supplements, BD 00000002 revoked and BD 00000003
suspended, plus credentials the demo key signs for tests (expired, not matching the schema).

Built once per test module (issuing takes a few seconds); the verifier tests reach the
deployment's DID documents, status lists and trust list through its ASGI transport."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PUBLIC_URL = "http://testserver"
SLUG = "demo-university"


@dataclass
class DemoWorld:
    settings: Any
    engine: Any
    app: Any
    client: Any
    out: Path
    manifest: dict[str, Any]
    signer: Any
    credentials: dict[str, dict[str, Any]] = field(default_factory=dict)

    def diploma(self, name: str) -> dict[str, Any]:
        """A copy of one demo credential: "BD-00000001", "BD-00000002-supplement", …"""
        if name not in self.credentials:
            self.credentials[name] = json.loads((self.out / f"{name}.json").read_text("utf-8"))
        return copy.deepcopy(self.credentials[name])

    def sign(self, credential: dict[str, Any]) -> dict[str, Any]:
        """`credential` (its proof dropped) signed again by the demo university's key."""
        from keys.dataintegrity import add_proof

        unsigned = {k: v for k, v in credential.items() if k != "proof"}
        return add_proof(unsigned, self.signer, cryptosuite="eddsa-rdfc-2022")

    def fetcher(self, **kwargs: Any) -> Any:
        from common.fetch import Fetcher

        return Fetcher.from_settings(self.settings, transport=self.client._transport, **kwargs)

    def context(self) -> Any:
        from verifier.context import VerificationContext

        return VerificationContext.from_settings(self.settings, self.fetcher())

    def install(self) -> Any:
        """Make the app's own verifier reach the deployment through the test transport."""
        fetcher = self.fetcher()
        ctx = self.app.state.ctx
        ctx.fetcher = fetcher
        from verifier.context import VerificationContext

        ctx.extras["verification_context"] = VerificationContext.from_settings(self.settings, fetcher)
        return ctx.extras["verification_context"]

    def bundle(self, directory: Path, credentials: list[dict[str, Any]]) -> dict[str, Any]:
        from verifier.bundle import build_bundle

        return build_bundle(directory, self.fetcher(), source=PUBLIC_URL, credentials=credentials)


def build_demo_world(tmp: Path) -> DemoWorld:
    from fastapi.testclient import TestClient
    from sqlmodel import Session

    from dalel.app import create_app
    from dalel.db import make_engine, migrate
    from dalel.demo import run_demo
    from dalel.settings import Settings
    from issuer.status import set_status
    from keys.keystore import Keystore
    from keys.service import active_signer

    settings = Settings(
        data_dir=tmp / "data", public_url=PUBLIC_URL, keystore_passphrase="demo world passphrase",
        fetch_allow_http=True, fetch_allow_private=True, fetch_allow_hosts=["testserver"],
        verify_rate_per_minute=0,
    )
    (tmp / "data").mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.effective_database_url)
    migrate(engine)
    out = tmp / "out"
    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    manifest = run_demo(settings, engine, keystore, out_dir=out, say=lambda *a, **k: None, lang="en")
    with Session(engine) as session:
        set_status(session, "BD", "00000002", "revoke", "other", actor=None, keystore=keystore, public_url=PUBLIC_URL)
        set_status(session, "BD", "00000003", "suspend", "other", actor=None, keystore=keystore, public_url=PUBLIC_URL)
        signer = active_signer(session, keystore, SLUG, PUBLIC_URL)
    app = create_app(settings, engine=engine)
    client = TestClient(app, raise_server_exceptions=False)
    client.__enter__()
    world = DemoWorld(settings, engine, app, client, out, manifest, signer)
    world.install()
    return world


def close(world: DemoWorld) -> None:
    world.client.__exit__(None, None, None)
    world.engine.dispose()
