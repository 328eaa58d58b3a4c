"""The public page in a real browser: headless Chromium against a uvicorn server on 127.0.0.1,
for a valid, a revoked and a tampered diploma in kk, ru and en. Screenshots (390x844, a phone)
are kept under tests/artifacts/ (gitignored)."""

from __future__ import annotations

import copy
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.support.verifier import FakeStatus, diploma, sign
from verifier.lookup import TokenResolution
from verifier.ratelimit import RateLimiter

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TOKENS = {
    "valid": "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4",
    "revoked": "6JrmcDxrHzkXh7Q9j1bYBnq8fS2aVwEt3P",
    "tampered": "7KsndEysJalYi8R1k2cZCor9gT3bWxFu4Q",
}
EXPECTED = {
    "valid": {"kk": "Диплом жарамды", "ru": "Диплом действителен", "en": "The diploma is valid"},
    "revoked": {"kk": "Диплом КЕРІ ҚАЙТАРЫЛДЫ", "ru": "Диплом ОТОЗВАН", "en": "The diploma has been REVOKED"},
    "tampered": {"kk": "Диплом ТҮПНҰСҚА ЕМЕС", "ru": "Диплом НЕ ПОДЛИННЫЙ", "en": "The diploma is NOT genuine"},
}
COLOUR = {"valid": "green", "revoked": "red", "tampered": "red"}


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    path = _chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (apt-get install -y chromium)")
        pytest.skip("chromium is not installed (apt-get install -y chromium); CI runs these")
    return path


class _StatusByToken(FakeStatus):
    def __init__(self, revoked_id: str) -> None:
        super().__init__()
        self.revoked_id = revoked_id

    def __call__(self, credential, **kwargs):
        state = "set" if credential.get("id") == self.revoked_id else "unset"
        return [self.result("revocation", state), self.result("suspension", "unset")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(app, uni, make_ctx):
    import uvicorn

    valid = sign(diploma(uni), uni)
    revoked = sign(diploma(uni), uni)
    tampered = copy.deepcopy(sign(diploma(uni), uni))
    tampered["documentNumber"]["number"] = "00099999"
    table = {
        TOKENS["valid"]: TokenResolution("ok", [valid]),
        TOKENS["revoked"]: TokenResolution("ok", [revoked]),
        TOKENS["tampered"]: TokenResolution("ok", [tampered]),
    }
    app.state.ctx.extras["verification_context"] = make_ctx(status=_StatusByToken(revoked["id"]))
    app.state.ctx.extras["credential_lookup"] = lambda token, org=None: table.get(token, TokenResolution("unknown"))
    app.state.ctx.extras["verify_rate_limiter"] = RateLimiter(0, 1)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _run(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--window-size=390,844",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("state", ["valid", "revoked", "tampered"])
def test_page_in_chromium(chromium, server, tmp_path, state, lang):
    url = f"{server}/v/{TOKENS[state]}?lang={lang}"
    dom = _run(chromium, tmp_path / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert EXPECTED[state][lang] in html
    assert f'class="verdict {COLOUR[state]}"' in html
    assert f'<html lang="{lang}">' in html
    if state == "valid":
        assert "Aigerim Nurlanovna" in html and "BD 00012345" in html
    if state == "tampered":
        assert 'data-check="proof" data-status="failed"' in html
        assert "00099999" not in html  # nothing the forgery claims is shown
    if state == "revoked":
        assert 'data-check="status_revocation" data-status="failed"' in html

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"verify-{state}-{lang}.png"
    shot.unlink(missing_ok=True)
    result = _run(chromium, tmp_path / "profile-shot", f"--screenshot={shot}", url)
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.is_file() and shot.stat().st_size > 1000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_upload_page_in_chromium(chromium, server, tmp_path, lang):
    """The upload form renders without JavaScript, in the reader's language."""
    url = f"{server}/verify?lang={lang}"
    dom = _run(chromium, tmp_path / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'enctype="multipart/form-data"' in dom.stdout and f'<html lang="{lang}">' in dom.stdout
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"verify-upload-{lang}.png"
    shot.unlink(missing_ok=True)
    result = _run(chromium, tmp_path / "profile-shot", f"--screenshot={shot}", url)
    assert result.returncode == 0 and shot.is_file() and shot.stat().st_size > 1000
