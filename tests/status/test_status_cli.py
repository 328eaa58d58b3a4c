"""dalel revoke / suspend / reinstate / status."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session

PASSPHRASE = "cli status passphrase"


@pytest.fixture
def deployment(cli, monkeypatch, seed):
    """The CLI's data directory with a university and one issued diploma."""
    from dalel.cli import init_database
    from dalel.settings import Settings, get_settings
    from keys.keystore import Keystore

    monkeypatch.setenv("DALEL_KEYSTORE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("DALEL_PUBLIC_URL", "http://testserver")
    get_settings.cache_clear()
    settings = Settings()
    engine = init_database(settings)
    keystore = Keystore.open(settings.keystore_dir, passphrase=PASSPHRASE)
    university = seed(engine, keystore, settings)
    issued = university.issue()
    yield university, issued
    engine.dispose()


def current(university, issued):
    from issuer.status import credential_entries, entries_state

    with Session(university.engine) as s:
        return entries_state(s, credential_entries(issued.diploma) + credential_entries(issued.supplement))


def test_revoke_with_token(cli, deployment):
    university, issued = deployment
    code, out, err = cli("revoke", issued.series, issued.number, "--reason", "fraud", "--note", "forged",
                         "--token", university.token, "--yes")
    assert code == 0, err
    assert f"{issued.series} {issued.number}" in out and "Revoked" in out and "Fraud" in out
    assert current(university, issued) == {"revoked": True, "suspended": False}
    code, out, err = cli("reinstate", issued.series, issued.number, "--reason", "other", "--token", university.token)
    assert code == 1 and "final" in err  # 409: revocation is final


def test_suspend_and_reinstate_as_console_operator(cli, deployment):
    university, issued = deployment
    code, out, err = cli("suspend", issued.series, issued.number.lstrip("0"), "--reason", "court_decision",
                         "--person", str(university.person_id))
    assert code == 0, err
    assert current(university, issued) == {"revoked": False, "suspended": True}
    code, out, err = cli("--lang", "ru", "reinstate", issued.series, issued.number, "--reason", "court_decision",
                         env={"DALEL_TOKEN": university.token})
    assert code == 0, err
    assert "Действителен" in out
    code, out, err = cli("status", issued.series, issued.number, "--json", "--person", str(university.person_id))
    assert code == 0, err
    answer = json.loads(out)
    assert answer["status"] == "active" and [c["action"] for c in answer["changes"]] == ["suspend", "reinstate"]
    from sqlmodel import select

    from issuer.audit import verify_chain
    from issuer.models import AuditEntry

    with Session(university.engine) as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.action.like("status.%"))).all()
        assert [r.action for r in rows] == ["status.suspend", "status.reinstate"]
        assert rows[0].request_id.startswith("cli-operator-") and rows[1].request_id.startswith("cli-token-")
        assert all(r.actor_person_id == university.person_id for r in rows)
        assert verify_chain(s).ok


def test_who_acts_is_required(cli, deployment):
    university, issued = deployment
    code, out, err = cli("revoke", issued.series, issued.number, "--reason", "fraud")
    assert code == 2 and "--person" in err
    code, out, err = cli("revoke", issued.series, issued.number, "--reason", "fraud", "--person", "999")
    assert code == 1  # 404 person
    code, out, err = cli("revoke", issued.series, issued.number, "--reason", "fraud", "--token", "dalel_nope")
    assert code == 2
    code, out, err = cli("revoke", issued.series, issued.number, "--reason", "maybe", "--token", university.token)
    assert code == 2
    assert current(university, issued) == {"revoked": False, "suspended": False}


def test_revoke_without_a_terminal_needs_yes(cli, deployment):
    """A script that forgot --yes is refused with a clear message, and nothing changes."""
    university, issued = deployment
    code, out, err = cli("revoke", issued.series, issued.number, "--reason", "fraud", "--token", university.token)
    assert code == 2 and "--yes" in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1, err
    assert current(university, issued) == {"revoked": False, "suspended": False}


def _on_a_terminal(args: list[str], answer: str) -> tuple[int, str]:
    """`dalel ARGS` with a terminal on stdin and stderr (a pseudo-terminal), answering `answer`."""
    import os
    import subprocess
    import sys

    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "dalel", *args], stdin=slave, stderr=slave,
                            stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    os.close(slave)
    shown = b""
    while b"[y/N]" not in shown:  # the question comes before the answer is read
        chunk = os.read(master, 4096)
        if not chunk:
            break
        shown += chunk
    os.write(master, answer.encode() + b"\n")
    proc.wait(timeout=60)
    try:
        while True:
            chunk = os.read(master, 4096)
            if not chunk:
                break
            shown += chunk
    except OSError:  # the terminal closes with the process
        pass
    os.close(master)
    return proc.returncode, shown.decode("utf-8", "replace")


def test_revoke_on_a_terminal_asks_first(cli, deployment):
    university, issued = deployment
    args = ["revoke", issued.series, issued.number, "--reason", "fraud", "--token", university.token]
    code, shown = _on_a_terminal(args, "n")
    assert code == 1 and "cannot be reinstated" in shown and "nothing was changed" in shown
    assert current(university, issued) == {"revoked": False, "suspended": False}
    code, shown = _on_a_terminal(args, "y")
    assert code == 0, shown
    assert current(university, issued) == {"revoked": True, "suspended": False}
