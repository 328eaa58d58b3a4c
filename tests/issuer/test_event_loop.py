"""Signing and writing a diploma or a cohort takes time (key decryption, canonicalisation,
database work). It must not hold the event loop: while one registrar's batch is being issued,
the same worker serves everyone else. The issuance below is held on an event until another
request has been answered; no clock is read."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest
from sqlmodel import Session

import issuer.http
from tests.support.issuer import row, seed_institution


@pytest.mark.parametrize(
    ("path", "service", "request_kwargs"),
    [
        ("/api/v1/diplomas", "issue_diploma", {"json": row(1)}),
        ("/api/v1/batches", "issue_batch", {"json": {"rows": [row(1)]}}),
        ("/api/v1/batches", "issue_batch", {"files": {"file": ("cohort.csv", b"series,number\nBD,\n", "text/csv")}}),
    ],
    ids=["diploma", "batch-json", "batch-upload"],
)
def test_other_requests_are_served_while_an_issuance_runs(app, engine, settings, monkeypatch, path, service,
                                                           request_kwargs):
    from keys.keystore import Keystore

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    app.state.ctx._keystore = keystore
    with Session(engine) as s:
        token = seed_institution(s, keystore, settings).token
    started, release = threading.Event(), threading.Event()
    order: list[str] = []

    def slow_issuance(*args, **kwargs):
        started.set()
        release.wait(timeout=20)  # a blocked event loop would only get here by this timeout
        order.append("issuance finished")
        raise issuer.http.BadInput("validation-error", "held for the test")

    monkeypatch.setattr(issuer.http, service, slow_issuance)
    monkeypatch.setattr(issuer.http.batch_io, "read_rows", lambda *a, **k: ([row(1)], []))

    async def scenario() -> int:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            issuing = asyncio.create_task(
                client.post(path, headers={"Authorization": f"Bearer {token}"}, **request_kwargs))
            while not started.is_set():  # the issuance has begun (in a worker thread, we hope)
                await asyncio.sleep(0.01)
                assert not issuing.done(), issuing.result().text
            health = await client.get("/health")
            order.append(f"health {health.status_code}")
            release.set()
            return (await issuing).status_code

    assert asyncio.run(scenario()) == 400
    assert order == ["health 200", "issuance finished"]
