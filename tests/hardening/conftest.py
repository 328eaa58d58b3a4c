"""Fixtures shared by the hardening tests."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session


@pytest.fixture
def auth(app, engine, settings):
    """An institution with a programme, a responsible person and an `issue` token; the
    Authorization header of that token."""
    from issuer.auth import create_token
    from issuer.setup import add_institution, add_person, add_programme
    from keys.keystore import Keystore

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    app.state.ctx._keystore = keystore
    with Session(engine) as s:
        add_institution(s, keystore, slug="kaznu", name_kk="ҚазҰУ", name_ru="КазНУ", name_en="KazNU",
                        public_url=settings.public_url)
        add_programme(s, institution="kaznu", code="6B06101", name_kk="АЖ", name_ru="ИС", name_en="IS",
                      isced="0613", level=6, credits=240)
        person = add_person(s, institution="kaznu", name="Registrar", position="Registrar", order_number="1",
                            order_date=date(2024, 9, 1))
        token, _ = create_token(s, person.id, "issue")
    return {"Authorization": f"Bearer {token}"}
