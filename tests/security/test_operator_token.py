"""The operator token acts for every institution: a short, guessable one is refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from dalel.settings import Settings


@pytest.mark.parametrize("token", ["x", "secret", "operator-token-123"])
def test_short_operator_token_is_refused(tmp_path, token):
    with pytest.raises(ValidationError):
        Settings(data_dir=tmp_path, vcapi_token=token)


def test_long_operator_token_is_accepted(tmp_path):
    assert Settings(data_dir=tmp_path, vcapi_token="k" * 24).vcapi_token == "k" * 24
