from sqlalchemy import text

from issuer import audit


def _log(session, n=4):
    for i in range(n):
        audit.append(session, action="issue", subject=f"BD 0000000{i + 1}", actor_person_id=1, order_number="12-к",
                     details={"credential": f"http://x/credentials/{i}"}, request_id=f"req{i}")
    session.commit()


def test_intact_chain(session):
    _log(session)
    report = audit.verify_chain(session)
    assert report.ok and report.rows == 4 and report.head == audit.head(session)


def test_edited_row_is_detected(session):
    _log(session)
    session.execute(text("UPDATE issuer_audit_entry SET subject = 'BD 00000099' WHERE seq = 2"))
    session.commit()
    report = audit.verify_chain(session)
    assert not report.ok
    assert {"seq": 2, "problem": "hash_mismatch"} in report.problems


def test_deleted_row_is_detected(session):
    _log(session)
    session.execute(text("DELETE FROM issuer_audit_entry WHERE seq = 2"))
    session.commit()
    report = audit.verify_chain(session)
    assert not report.ok and {p["problem"] for p in report.problems} >= {"gap", "broken_link"}


def test_reordered_rows_are_detected(session):
    _log(session)
    session.execute(text("UPDATE issuer_audit_entry SET seq = 100 WHERE seq = 2"))
    session.execute(text("UPDATE issuer_audit_entry SET seq = 2 WHERE seq = 3"))
    session.execute(text("UPDATE issuer_audit_entry SET seq = 3 WHERE seq = 100"))
    session.commit()
    report = audit.verify_chain(session)
    assert not report.ok and any(p["problem"] == "broken_link" for p in report.problems)


def test_personal_data_refused_in_details(session):
    import pytest

    with pytest.raises(ValueError):
        audit.append(session, action="issue", subject="x", details={"iin": "123"})
