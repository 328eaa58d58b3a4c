"""Revoke, suspend, reinstate diplomas: the rules, the audit log, the history, and what a
verifier on the same host sees right after each change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from common.problems import Problem
from common.timestamps import utcnow
from issuer.audit import verify_chain
from issuer.models import AuditEntry
from issuer.status import set_status, status_history
from verifier.status import check_credential_status


def statuses(network, credential):
    checks = check_credential_status(credential, fetch_json=network.fetch_json, resolve_key=network.resolve_key)
    return {c.purpose: c.code for c in checks}


def change(university, issued, action, reason="other", **kwargs):
    with Session(university.engine) as s:
        return set_status(
            s, issued.series, issued.number, action, reason, kwargs.pop("note", None), university.actor,
            keystore=university.keystore, public_url=university.settings.public_url, **kwargs,
        )


def test_issued_diploma_and_supplement_carry_two_entries_each(university):
    issued = university.issue()
    for credential in (issued.diploma, issued.supplement):
        purposes = [e["statusPurpose"] for e in credential["credentialStatus"]]
        assert purposes == ["revocation", "suspension"]
    keys = {
        (e["statusListCredential"], e["statusListIndex"])
        for c in (issued.diploma, issued.supplement)
        for e in c["credentialStatus"]
    }
    assert len(keys) == 4


def test_revocation_reaches_diploma_and_supplement_and_is_final(university, network):
    issued = university.issue()
    other = university.issue()
    assert statuses(network, issued.diploma) == {"revocation": "not_revoked", "suspension": "not_suspended"}
    result = change(university, issued, "revoke", "fraud", note="forged transcript", request_id="req-12345678")
    assert result.state == "revoked"
    assert statuses(network, issued.diploma)["revocation"] == "revoked"
    assert statuses(network, issued.supplement)["revocation"] == "revoked"
    assert statuses(network, other.diploma)["revocation"] == "not_revoked"
    for action in ("revoke", "suspend", "reinstate"):
        with pytest.raises(Problem) as caught:
            change(university, issued, action)
        assert (caught.value.status, caught.value.code) == (409, "already-revoked")
    with Session(university.engine) as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.action == "status.revoke")).all()
        assert len(rows) == 1
        row = rows[0]
        assert row.subject == f"{issued.series} {issued.number}"
        assert row.details["reason"] == "fraud"
        assert row.actor_person_id == university.person_id and row.order_number == "№ 12-к"
        assert row.request_id == "req-12345678"
        assert "forged transcript" not in str(row.details)  # notes stay in the status history
        assert verify_chain(s).ok


def test_suspend_and_reinstate(university, network):
    issued = university.issue()
    with pytest.raises(Problem) as caught:
        change(university, issued, "reinstate")
    assert caught.value.code == "not-suspended"
    assert change(university, issued, "suspend", "court_decision").state == "suspended"
    assert statuses(network, issued.diploma) == {"revocation": "not_revoked", "suspension": "suspended"}
    assert statuses(network, issued.supplement)["suspension"] == "suspended"
    with pytest.raises(Problem) as caught:
        change(university, issued, "suspend")
    assert caught.value.code == "already-suspended"
    assert change(university, issued, "reinstate", "court_decision").state == "active"
    assert statuses(network, issued.diploma) == {"revocation": "not_revoked", "suspension": "not_suspended"}
    # a suspended diploma can still be revoked
    change(university, issued, "suspend")
    assert change(university, issued, "revoke", "issued_in_error").state == "revoked"


@pytest.mark.parametrize(
    ("series", "number", "action", "reason", "status", "code"),
    [
        ("BD", "99999999", "revoke", "fraud", 404, "diploma-not-found"),
        (None, None, "revoke", "because", 400, "invalid-reason-code"),
        (None, None, "delete", "fraud", 400, "invalid-status-action"),
        ("ВD", "1", "revoke", "fraud", 400, "invalid-number"),  # Cyrillic В
    ],
)
def test_bad_requests(university, series, number, action, reason, status, code):
    issued = university.issue()
    with Session(university.engine) as s, pytest.raises(Problem) as caught:
        set_status(s, series or issued.series, number or issued.number, action, reason, None, university.actor)
    assert (caught.value.status, caught.value.code) == (status, code)


def test_other_institution_may_not_change_it(university):
    issued = university.issue()
    with Session(university.engine) as s, pytest.raises(Problem) as caught:
        set_status(s, issued.series, issued.number, "revoke", "fraud", None, university.actor,
                   institution_slug="another-uni")
    assert caught.value.status == 404


def test_history_answers_as_of_questions(university):
    issued = university.issue()
    now = utcnow()
    change(university, issued, "suspend", "court_decision", now=now - timedelta(days=20), note="court ruling 1")
    change(university, issued, "reinstate", "court_decision", now=now - timedelta(days=10))
    change(university, issued, "revoke", "fraud", now=now - timedelta(days=2))
    with Session(university.engine) as s:
        def at(days):
            return status_history(s, issued.series, issued.number, now - timedelta(days=days))

        assert at(30)["status"] == "active" and at(30)["changes"] == []
        assert at(15)["status"] == "suspended"
        assert at(15)["changes"][0]["reason"] == "court_decision"
        assert at(15)["changes"][0]["note"] == "court ruling 1"
        assert at(5)["status"] == "active"
        assert at(1)["status"] == "revoked"
        full = status_history(s, issued.series, issued.number)
        assert [c["action"] for c in full["changes"]] == ["suspend", "reinstate", "revoke"]  # one row per operation
        day = (now - timedelta(days=15)).date().isoformat()
        assert status_history(s, issued.series, issued.number, day)["status"] == "suspended"
        public = status_history(s, issued.series, issued.number, include_notes=False)
        assert all(set(c) == {"at", "action", "reason"} for c in public["changes"])


def test_concurrent_revocations_of_one_diploma_apply_once(university):
    import threading

    issued = university.issue()
    outcomes: list[str] = []
    barrier = threading.Barrier(3)

    def revoke() -> None:
        with Session(university.engine) as s:
            barrier.wait(timeout=30)
            try:
                set_status(s, issued.series, issued.number, "revoke", "fraud", None, university.actor)
                outcomes.append("ok")
            except Problem as exc:
                outcomes.append(exc.code)

    threads = [threading.Thread(target=revoke) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["already-revoked", "already-revoked", "ok"]
    with Session(university.engine) as s:
        assert len(s.exec(select(AuditEntry).where(AuditEntry.action == "status.revoke")).all()) == 1
        assert len(status_history(s, issued.series, issued.number)["changes"]) == 1
