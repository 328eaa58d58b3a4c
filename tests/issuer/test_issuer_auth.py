from datetime import UTC, date, datetime, timedelta

import pytest

from common.problems import Problem
from issuer.auth import authenticate, create_token, revoke_token
from issuer.service import issue_batch
from issuer.setup import add_person
from tests.support.issuer import row, seed_institution


def test_scope_issue_is_required(session, keystore, settings, seeded):
    token, _ = create_token(session, seeded.person_id, "revoke")
    actor = authenticate(session, token)
    with pytest.raises(Problem) as info:
        issue_batch(session, keystore, settings, institution="kaznu", rows=[row(1)], actor=actor)
    assert info.value.status == 403 and info.value.code == "missing-scope"


def test_only_own_institution(session, keystore, settings, seeded):
    other = seed_institution(session, keystore, settings, slug="enu")
    with pytest.raises(Problem) as info:
        issue_batch(session, keystore, settings, institution="kaznu", rows=[row(1)], actor=other.actor)
    assert info.value.status == 403 and info.value.code == "wrong-institution"


def test_revoked_and_unknown_tokens(session, seeded):
    token, tok = create_token(session, seeded.person_id, "issue")
    revoke_token(session, tok.id)
    for value in (token, "dalel_nope", None):
        with pytest.raises(Problem) as info:
            authenticate(session, value)
        assert info.value.status == 401


def test_inactive_person(session, seeded):
    now = datetime.now(UTC)
    past = add_person(session, institution="kaznu", name="Former", position="Registrar", order_number="1",
                      order_date=date(2020, 1, 1), active_from=now - timedelta(days=400),
                      active_until=now - timedelta(days=1))
    token, _ = create_token(session, past.id, "issue")
    with pytest.raises(Problem) as info:
        authenticate(session, token)
    assert info.value.status == 403 and info.value.code == "person-inactive"


def test_token_is_stored_hashed(session, seeded):
    from sqlalchemy import text

    token, _ = create_token(session, seeded.person_id, "issue")
    stored = [r[0] for r in session.execute(text("SELECT token_hash FROM issuer_api_token"))]
    assert token not in stored and all(len(h) == 64 for h in stored)


def test_invalid_scope(session, seeded):
    with pytest.raises(Problem):
        create_token(session, seeded.person_id, "issue,admin")
