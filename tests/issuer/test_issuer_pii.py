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
    assert info.value.code in ("format", "date")


def test_wrong_check_digit():
    iin = make_iin(date(1995, 6, 7), "f", 5)
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(IinError) as info:
        validate_iin(wrong)
    assert info.value.code == "checksum"


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


# --------------------------------------------------------------------------- holder identity


def _iins_born_on(birth: date) -> list[str]:
    """Every checksum-valid IIN of a person born on `birth`: digit 7 (century and sex) and the
    4-digit serial are all an attacker who knows the birth date has to guess."""
    century = (birth.year // 100) - 18
    found = []
    for digit7 in (1 + 2 * century, 2 + 2 * century):
        for serial in range(10000):
            first11 = f"{birth:%y%m%d}{digit7}{serial:04d}"
            check = iin_check_digit(first11)
            if check is not None:
                found.append(first11 + str(check))
    return found


def _brute_force(identity: dict, credential: dict, candidates: list[str]) -> str | None:
    """Try every candidate IIN with every salt an outsider can find in the credential (none, the
    published `salt`, any string member of the identity object, the credential id)."""
    from issuer.pii import identity_hash

    salts = {"", credential.get("id", "")} | {v for v in identity.values() if isinstance(v, str)}
    for iin in candidates:
        for salt in salts:
            if identity_hash(iin, salt) == identity["identityHash"]:
                return iin
    return None


def _diploma_of(vault, iin: str) -> dict:
    from issuer.credentials import identity_object

    credential_id = "https://dalel.example/credentials/3f1c2b7e-1d2a-4c5b-9e8f-0a1b2c3d4e5f"
    return {"id": credential_id, "credentialSubject": {"identifier": [identity_object(iin, credential_id, vault)]}}


def test_the_identity_hash_cannot_be_brute_forced_without_the_secret(tmp_path):
    from issuer.pii import identity_hash, identity_matches

    birth = date(2001, 3, 14)
    iin = make_iin(birth, "f", 4321)
    candidates = _iins_born_on(birth)
    assert iin in candidates and len(candidates) > 15000
    vault = PiiVault.from_data_dir(tmp_path / "issuer")
    credential = _diploma_of(vault, iin)
    identity = credential["credentialSubject"]["identifier"][0]
    assert "salt" not in identity and iin not in str(credential)
    # an outsider who even knows the birth date finds nothing
    assert _brute_force(identity, credential, candidates) is None
    # nor does another deployment's secret
    other = PiiVault.from_data_dir(tmp_path / "elsewhere")
    assert not any(identity_matches(other, credential, candidate) for candidate in candidates[:2000] + [iin])
    # the issuer can still answer for one IIN
    assert identity_matches(vault, credential, iin)
    assert not identity_matches(vault, credential, candidates[0] if candidates[0] != iin else candidates[1])
    assert not identity_matches(vault, credential, "not an iin")
    # the attack this prevents: with the salt published (the former shape) it succeeds
    legacy_salt = "0c304bdf95fc8c04eb34fba3e741d487"
    legacy = {"type": "IdentityObject", "identityHash": identity_hash(iin, legacy_salt), "hashed": True,
              "salt": legacy_salt}
    assert _brute_force(legacy, credential, candidates) == iin


def test_identity_hashes_differ_per_credential_and_deployment(tmp_path):
    vault = PiiVault.from_data_dir(tmp_path)
    iin = make_iin(date(1999, 12, 31), "m", 7)
    a = vault.identity_hash(iin, "https://dalel.example/credentials/a")
    b = vault.identity_hash(iin, "https://dalel.example/credentials/b")
    assert a != b and a == PiiVault.from_data_dir(tmp_path).identity_hash(iin, "https://dalel.example/credentials/a")
    assert a != PiiVault(b"x" * 32).identity_hash(iin, "https://dalel.example/credentials/a")
    assert vault.identity_salt("https://dalel.example/credentials/a") not in a
