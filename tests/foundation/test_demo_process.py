"""`dalel demo` as a newcomer runs it: a real server process, other `dalel` commands against the
same data directory while it runs, a revocation, and the running server's page and API saying
so at once.

SQLite keeps its locks per process (POSIX advisory locks): a process that opens and closes the
database file beside its live connections drops every lock it holds, and the next command to
close its connection then takes the database for unused and deletes the WAL the server still
writes to and reads from (the server then answered "valid" for minutes after a revocation, then
500). The process must hold one engine and never touch the database file outside it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DALEL_") and k != "DATABASE_URL"}
    env.update({
        "DALEL_DATA_DIR": str(data_dir),
        "DALEL_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "DALEL_DEFAULT_LANGUAGE": "en",
        "DALEL_LOG_FORMAT": "json",
    })
    return env


def _dalel(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dalel", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def _wait_for(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"dalel demo exited with {proc.returncode}: {proc.stdout.read()}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("dalel demo did not start serving")


def _revoked(answer: httpx.Response) -> bool:
    return answer.status_code == 200 and any(
        c["id"] == "status_revocation" and c["status"] == "failed" and c["code"] == "revoked"
        for c in answer.json()["checks"]
    )


def _open_database_files(pid: int, data_dir: Path) -> list[str]:
    fd_dir = Path(f"/proc/{pid}/fd")
    names = []
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(data_dir)) and "dalel.sqlite3" in target:
            names.append(target)
    return names


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the server's open files")
def test_revocation_by_a_second_command_shows_on_the_running_demo(tmp_path):
    port = _free_port()
    data_dir = tmp_path / ".dalel"
    env = _env(data_dir, port)
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "dalel", "demo", "--port", str(port), "--out", str(tmp_path / "out")],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        _wait_for(base + "/health", proc)
        manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
        target = next(d for d in manifest["diplomas"] if (d["series"], d["number"]) == ("BD", "00000003"))
        token = target["verify_url"].rsplit("/", 1)[1]
        assert httpx.get(f"{base}/api/v1/verify/{token}").json()["verdict"] == "valid"

        # any other command against the same data directory, while the demo serves
        listed = _dalel(env, tmp_path, "keys", "list")
        assert listed.returncode == 0, listed.stderr
        assert not [f for f in _open_database_files(proc.pid, data_dir) if f.endswith("(deleted)")]

        registrar = (data_dir / "demo-token").read_text("utf-8").strip()
        assert registrar == manifest["token"]
        revoked = _dalel({**env, "DALEL_TOKEN": registrar}, tmp_path,
                         "revoke", "BD", "00000003", "--reason", "other", "--yes")
        assert revoked.returncode == 0, revoked.stderr

        answers: list[httpx.Response] = []
        deadline = time.monotonic() + 2
        while True:
            answer = httpx.get(f"{base}/api/v1/verify/{token}", headers={"accept-language": "en"})
            answers.append(answer)
            if _revoked(answer) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert all(a.status_code < 500 for a in answers), [a.status_code for a in answers]
        assert _revoked(answers[-1]) and answers[-1].json()["verdict"] == "invalid"
        page = httpx.get(f"{base}/v/{token}", headers={"accept-language": "en"})
        assert page.status_code == 200 and "REVOKED" in page.text

        # the server still writes where the commands read: a second revocation from the API
        # is seen by the next command
        other = next(d for d in manifest["diplomas"] if (d["series"], d["number"]) == ("BD", "00000002"))
        r = httpx.post(f"{base}/api/v1/diplomas/BD/00000002/status",
                       json={"action": "suspend", "reason": "court_decision"},
                       headers={"authorization": f"Bearer {registrar}"})
        assert r.status_code == 200, r.text
        shown = _dalel({**env, "DALEL_TOKEN": registrar}, tmp_path, "status", other["series"], other["number"],
                       "--json")
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["status"] == "suspended"
        assert not [f for f in _open_database_files(proc.pid, data_dir) if f.endswith("(deleted)")]
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
