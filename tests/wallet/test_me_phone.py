"""The graduate's page /me on a phone: headless Chromium at 412 px wide (a common Android
width) over the demo's real diplomas and a few share links; nothing may stick out sideways.

Chromium is driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``:
JSON messages separated by NUL on file descriptors 3 and 4), so no driver package is needed
and the page's own Content-Security-Policy (no scripts) stays as it is.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

pytestmark = pytest.mark.browser

PHONE_WIDTH = 412


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("chromium is required in CI (apt-get install -y chromium)")
    pytest.skip("chromium is not installed (apt-get install -y chromium); CI runs these")


class DevTools:
    """A headless Chromium and one page, spoken to over the DevTools pipe."""

    def __init__(self, chromium: str, profile: Path) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_fds() -> None:  # in the child: fd 3 reads our commands, fd 4 writes answers
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)  # out of 3 and 4's way
            os.dup2(read_end, 3, inheritable=True)
            os.dup2(write_end, 4, inheritable=True)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds, pass_fds=(3, 4),  # kept open after wire_fds (it runs first)
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next = 0
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_child, 65536)
            if not chunk:
                raise AssertionError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, *, session: str | None = None, **params) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next:
                assert "error" not in answer, answer
                return answer["result"]

    def page(self, method: str, **params) -> dict:
        return self.call(method, session=self.session, **params)

    def open(self, url: str) -> None:
        self.page("Page.enable")
        self.page("Page.navigate", url=url)
        while True:
            event = self._read()
            if event.get("method") == "Page.loadEventFired":
                return

    def evaluate(self, expression: str):
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"]["value"]

    def close(self) -> None:
        with contextlib.suppress(AssertionError, OSError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._to_child)
        os.close(self._from_child)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def demo_server(cli, tmp_path):
    """`dalel demo`'s data served on 127.0.0.1, and a graduate's session with share links."""
    import uvicorn

    from dalel.app import create_app
    from dalel.settings import Settings
    from issuer.models import Diploma
    from wallet_export.service import consume_login_link, create_login_link, create_share_link

    port = _free_port()
    public_url = f"http://127.0.0.1:{port}"
    code, _, err = cli("demo", "--no-serve", env={"DALEL_PUBLIC_URL": public_url})
    assert code == 0, err
    settings = Settings(data_dir=tmp_path / "cli-data", public_url=public_url)
    app = create_app(settings)
    with Session(app.state.ctx.engine) as s:
        diploma = s.exec(select(Diploma).where(Diploma.series == "MD", Diploma.number == "00000001")).one()
        for days, label in ((7, "Kazakhtelecom HR"), (None, "Technische Universität München — Zulassungsstelle"),
                            (365, "")):
            create_share_link(s, diploma, scope="diploma+supplement", expires_in_days=days, label=label)
        link = create_login_link(s, diploma.graduate_id, public_url)
        session_id, _ = consume_login_link(s, link.rsplit("/", 1)[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False,
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started
    yield public_url, session_id
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_me_fits_a_412_px_phone(demo_server, tmp_path, lang):
    public_url, session_id = demo_server
    browser = DevTools(_chromium(), tmp_path / f"profile-{lang}")
    try:
        browser.page("Emulation.setDeviceMetricsOverride", width=PHONE_WIDTH, height=915, deviceScaleFactor=2,
                     mobile=True)
        browser.page("Network.enable")
        browser.page("Network.setCookie", name="dalel_session", value=session_id, url=public_url, httpOnly=True)
        browser.open(f"{public_url}/me?lang={lang}")
        assert browser.evaluate("document.documentElement.lang") == lang
        assert browser.evaluate("document.querySelectorAll('form[action^=\"/me/share/\"]').length") == 3
        width = browser.evaluate("document.documentElement.scrollWidth")
        wider = browser.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
            f"{PHONE_WIDTH} + 0.5).map(e => e.tagName + (e.className ? '.' + e.className : ''))"
        )
        assert width <= PHONE_WIDTH and not wider, (width, wider)
    finally:
        browser.close()
