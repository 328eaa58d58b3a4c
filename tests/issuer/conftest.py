"""Fixtures for issuer tests: a keystore and a seeded institution with a responsible person
and their token (see tests/support/issuer.py)."""

from __future__ import annotations

import pytest

from tests.support.issuer import Seed, seed_institution


@pytest.fixture
def keystore(settings):
    from keys.keystore import Keystore

    return Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)


@pytest.fixture
def seeded(session, keystore, settings) -> Seed:
    return seed_institution(session, keystore, settings)
