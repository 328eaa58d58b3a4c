from __future__ import annotations

import pytest

from keys.keystore import Keystore


@pytest.fixture
def keystore(tmp_path) -> Keystore:
    return Keystore(tmp_path / "keystore", "correct horse battery staple")
