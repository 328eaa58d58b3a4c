"""`dalel serve` as a real process: it migrates, listens and answers health, ready and docs."""

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stdout.read()}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


@pytest.mark.parametrize("role", ["verifier"])
def test_serve_answers_health_ready_docs(tmp_path, role):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DALEL_") and k != "DATABASE_URL"}
    env.update({"DALEL_DATA_DIR": str(tmp_path / "data"), "DALEL_DEFAULT_LANGUAGE": "en"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "dalel", "serve", "--port", str(port), "--role", role],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/health", proc)
        assert httpx.get(base + "/health").json()["role"] == role
        assert httpx.get(base + "/ready").status_code == 200
        assert httpx.get(base + "/docs").status_code == 200
        r = httpx.post(base + "/api/v1/verify", content=b"{oops", headers={"content-type": "application/json"})
        assert 400 <= r.status_code < 500 and r.headers["content-type"].startswith("application/problem+json")
        r = httpx.get(base + "/health", headers={"x-request-id": "req-12345678"})
        assert r.headers["x-request-id"] == "req-12345678"
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    # structured logs (stderr is not a TTY): JSON lines carrying the request id, no raw paths
    assert '"request_id": "req-12345678"' in out
    assert '"route": "/health"' in out
