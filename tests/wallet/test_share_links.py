from datetime import timedelta

import pytest
from sqlalchemy import inspect
from sqlmodel import Session, select

from common.problems import Problem
from common.timestamps import utcnow
from wallet_export.lookup import make_lookup, resolve_token
from wallet_export.models import AccessLogEntry
from wallet_export.service import (
    access_log_of,
    consume_login_link,
    create_login_link,
    create_share_link,
    parse_expiry_days,
    revoke_share_link,
    session_for,
)


def test_permanent_token_resolves_to_the_diploma_only(engine, seeded):
    lookup = make_lookup(engine)
    r = lookup(seeded.diploma.verify_token, None)
    assert r.status == "ok"
    assert [c["id"] for c in r.credentials] == [seeded.diploma.credential["id"]]
    assert r.expires_at is None and r.superseded_by is None
    assert lookup("1" * 27, None).status == "unknown"
    assert lookup("not a token!", None).status == "unknown"


def test_share_link_scope_expiry_and_revocation(engine, seeded):
    t0 = utcnow()
    with Session(engine) as s:
        link = create_share_link(s, seeded.diploma, scope="diploma+supplement", now=t0)
        token, link_id, expires_at = link.token, link.id, link.expires_at
        assert link.expires_at - link.created == timedelta(days=30)
        forever = create_share_link(s, seeded.diploma, expires_in_days=None, now=t0)
        forever_token, forever_id = forever.token, forever.id
    assert len(token) >= 22 and token != seeded.diploma.verify_token
    clock = {"now": t0 + timedelta(days=29, hours=23)}
    lookup = make_lookup(engine, clock=lambda: clock["now"])
    r = lookup(token, "ACME Hiring")
    assert r.status == "ok"
    assert len(r.credentials) == 2 and "DiplomaSupplementCredential" in r.credentials[1]["type"]
    assert r.expires_at == expires_at
    clock["now"] = t0 + timedelta(days=30)
    r = lookup(token, None)
    assert (r.status, r.credentials) == ("expired", [])
    # until revoked: still valid after a year and a day, then revoked
    clock["now"] = t0 + timedelta(days=366)
    assert lookup(forever_token, None).status == "ok"
    with Session(engine) as s:
        revoke_share_link(s, seeded.graduate_id, forever_id)
    r = lookup(forever_token, None)
    assert (r.status, r.credentials) == ("revoked", [])
    with Session(engine) as s:
        log = access_log_of(s, seeded.graduate_id)
        outcomes = sorted(e.outcome for e, _ in log)
        assert outcomes == ["expired", "ok", "ok", "revoked"]
        assert {e.organisation for e, _ in log} == {"ACME Hiring", None}
        assert link_id in {link.id for _, link in log}


def test_expiry_bounds_and_scope_checks(engine, seeded):
    assert parse_expiry_days(None) == 30
    assert parse_expiry_days("never") is None
    assert parse_expiry_days("365") == 365
    for bad in ("366", "0.5", "-1", 400):
        with pytest.raises(Problem):
            parse_expiry_days(bad)
    with Session(engine) as s:
        with pytest.raises(Problem):
            create_share_link(s, seeded.diploma, expires_in_days=366)
        with pytest.raises(Problem):
            create_share_link(s, seeded.diploma, scope="everything")
        with pytest.raises(Problem):  # the other diploma has no supplement
            create_share_link(s, seeded.other, scope="diploma+supplement")
        with pytest.raises(Problem):  # no profile credential exists yet
            create_share_link(s, seeded.diploma, scope="diploma+profile")
        link = create_share_link(s, seeded.other)
        with pytest.raises(Problem):  # not this graduate's link
            revoke_share_link(s, seeded.graduate_id, link.id)


def test_access_log_keeps_no_ip(engine, seeded):
    ip = "203.0.113.77"
    with Session(engine) as s:
        link = create_share_link(s, seeded.diploma)
        resolve_token(s, link.token, "Kaspi", secret=b"k" * 32, ip=ip)
        resolve_token(s, link.token, None, secret=b"k" * 32, ip=ip)
        rows = s.exec(select(AccessLogEntry)).all()
    assert len(rows) == 2
    assert rows[0].ip_hash and rows[0].ip_hash == rows[1].ip_hash
    columns = [c["name"] for c in inspect(engine).get_columns("wallet_access_log")]
    with engine.connect() as conn:
        dump = repr(conn.exec_driver_sql("SELECT * FROM wallet_access_log").fetchall())
    assert ip not in dump and "203.0.113" not in dump
    assert not any(c == "ip" or c.endswith("_ip") for c in columns)


def test_login_link_is_one_time_and_expires(engine, seeded):
    with Session(engine) as s:
        url = create_login_link(s, seeded.graduate_id, "http://testserver")
        token = url.rsplit("/", 1)[1]
        sid, row = consume_login_link(s, token)
        assert session_for(s, sid).graduate_id == seeded.graduate_id
        with pytest.raises(Problem):
            consume_login_link(s, token)
        late = create_login_link(s, seeded.graduate_id, "http://testserver").rsplit("/", 1)[1]
        with pytest.raises(Problem):
            consume_login_link(s, late, now=utcnow() + timedelta(hours=2))
        assert session_for(s, sid, now=utcnow() + timedelta(days=2)) is None
        # nothing secret is stored in clear
        with engine.connect() as conn:
            dump = repr(conn.exec_driver_sql("SELECT * FROM wallet_login_link").fetchall())
            dump += repr(conn.exec_driver_sql("SELECT * FROM wallet_session").fetchall())
        assert token not in dump and sid not in dump and late not in dump
