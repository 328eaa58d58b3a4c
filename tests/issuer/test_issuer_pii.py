import stat
from datetime import date

import pytest

from issuer.pii import IinError, PiiVault, iin_birth_date, iin_check_digit, make_iin, validate_iin


def test_check_digit_algorithm():
    # weights 1..11; when the sum mod 11 is 10, weights 3..11,1,2
    first11 = "90010140000"
    first = sum(int(d) * w for d, w in zip(first11, range(1, 12), strict=True)) % 11
    assert iin_check_digit(first11) == (first if first != 10 else iin_check_digit(first11))
    iin = make_iin(date(1990, 1, 1), "m", 1)
    assert validate_iin(iin) == iin and iin[6] == "3"
    assert iin_birth_date(iin) == date(1990, 1, 1)
    assert make_iin(date(2004, 2, 29), "f", 3)[6] == "6"


@pytest.mark.parametrize("bad", ["", "12345", "1234567890123", "abcdefghijkl", "９００１０１３０００１５"])
def test_format_errors(bad):
    with pytest.raises(IinError) as info:
        validate_iin(bad)
    assert info.value.key in ("pii.iin.format", "pii.iin.date")


def test_wrong_check_digit():
    iin = make_iin(date(1995, 6, 7), "f", 5)
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(IinError) as info:
        validate_iin(wrong)
    assert info.value.key == "pii.iin.checksum"


def test_vault_secret_file_and_roundtrip(tmp_path):
    vault = PiiVault.from_data_dir(tmp_path)
    mode = stat.S_IMODE((tmp_path / "pii.key").stat().st_mode)
    assert mode == 0o600
    iin = make_iin(date(2000, 1, 2), "m", 1)
    assert vault.iin_hash(iin) == PiiVault.from_data_dir(tmp_path).iin_hash(iin)
    assert iin not in vault.iin_hash(iin)
    token = vault.encrypt(iin)
    assert iin not in token and vault.decrypt(token) == iin
    other = PiiVault.from_data_dir(tmp_path / "other")
    assert other.iin_hash(iin) != vault.iin_hash(iin)  # keyed per deployment
