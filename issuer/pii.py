"""Personal data of graduates: the IIN and the date of birth.

* :func:`validate_iin` checks the 12-digit individual identification number of Kazakhstan:
  digits 1-6 are the birth date (YYMMDD), digit 7 the century and sex (1-6; 0 for some
  foreign residents' numbers), digit 12 a check digit: the sum of digits 1-11 weighted
  1..11 modulo 11; when that is 10, weights 3,4,5,6,7,8,9,10,11,1,2 are used, and when the
  second sum modulo 11 is 10 again the number is invalid.
* The IIN is stored as HMAC-SHA256 under a per-deployment secret (``<data_dir>/pii.key``,
  32 random bytes, mode 0600), so the database alone reveals nothing, and encrypted with
  AES-256-GCM (key derived from the same secret) where the registrar needs it back.
* In a credential the graduate is identified by an Open Badges 3.0 ``IdentityObject`` whose
  ``identityHash`` is ``sha256$`` + SHA-256(IIN + salt), where the salt is **secret**: derived
  per credential as HMAC-SHA256(identity key, credential id) from the same per-deployment secret,
  and never published (no ``salt`` member). A published salt would not protect a 12-digit IIN
  (birth date + 5 digits + a check digit: at most a few million candidates, seconds of SHA-256),
  so only the issuer, which holds the secret, can test an IIN against a credential
  (:func:`identity_matches`). The salt differs per credential, so hashes do not link a person's
  credentials to each other. See docs/ISSUANCE.md, "Holder identity".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from common import i18n
from common.files import private_secret
from common.i18n import N_

SECRET_FILE = "pii.key"
_W1 = tuple(range(1, 12))
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def iin_check_digit(first11: str) -> int | None:
    """The check digit of the first 11 digits, or None if no check digit exists."""
    digits = [int(c) for c in first11]
    check = sum(d * w for d, w in zip(digits, _W1, strict=True)) % 11
    if check == 10:
        check = sum(d * w for d, w in zip(digits, _W2, strict=True)) % 11
        if check == 10:
            return None
    return check


def iin_birth_date(iin: str) -> date | None:
    """The birth date encoded in an IIN (century from digit 7), or None."""
    try:
        yy, mm, dd = int(iin[0:2]), int(iin[2:4]), int(iin[4:6])
    except ValueError:
        return None
    century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}.get(iin[6])
    years = [century + yy] if century else [1900 + yy, 2000 + yy]
    for year in years:
        try:
            return date(year, mm, dd)
        except ValueError:
            continue
    return None


class IinError(ValueError):
    """An unacceptable IIN: `code` says what is wrong (``format``, ``date``, ``checksum``),
    `message` is the English source text of what a person reads."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(i18n.t(message, "en"))
        self.code = code
        self.message = message


def validate_iin(value: object) -> str:
    """The IIN as 12 ASCII digits; raises IinError."""
    iin = str(value or "").strip().replace(" ", "")
    if len(iin) != 12 or not iin.isascii() or not iin.isdigit():
        raise IinError("format", N_("The IIN must be 12 digits"))
    if not (1 <= int(iin[2:4]) <= 12 and 1 <= int(iin[4:6]) <= 31):
        raise IinError("date", N_("The first 6 digits of the IIN are not a birth date (YYMMDD)"))
    if iin_check_digit(iin[:11]) != int(iin[11]):
        raise IinError("checksum", N_("The IIN check digit does not match"))
    return iin


def make_iin(birth: date, sex: str = "m", serial: int = 1) -> str:
    """A synthetic, checksum-valid IIN (tests and the demo)."""
    century = (birth.year // 100) - 18  # 1800s -> 0, 1900s -> 1, 2000s -> 2
    digit7 = 1 + 2 * century + (0 if sex == "m" else 1)
    for attempt in range(serial, serial + 100):
        first11 = f"{birth:%y%m%d}{digit7}{attempt % 10000:04d}"
        check = iin_check_digit(first11)
        if check is not None:
            return first11 + str(check)
    raise ValueError("no IIN")  # pragma: no cover


class PiiVault:
    """Keyed hashing and encryption of personal data under the deployment's secret."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 32:
            raise ValueError("PII secret must be at least 32 bytes")
        self._hmac_key = HKDF(hashes.SHA256(), 32, b"dalel-pii", b"hmac").derive(secret)
        self._aead = AESGCM(HKDF(hashes.SHA256(), 32, b"dalel-pii", b"aes-gcm").derive(secret))
        self._identity_key = HKDF(hashes.SHA256(), 32, b"dalel-pii", b"identity-salt").derive(secret)

    @classmethod
    def from_data_dir(cls, data_dir: Path | str) -> PiiVault:
        """Open (or create, mode 0600) ``<data_dir>/pii.key``. Creation is atomic: the
        secret is written to a temporary file and linked into place, so a concurrent reader
        never sees a half-written file and two creators never end up with different secrets."""
        path = Path(data_dir) / SECRET_FILE
        data = private_secret(path, lambda: base64.b64encode(secrets.token_bytes(32)) + b"\n")
        raw = base64.b64decode(data.strip())
        return cls(raw)

    def iin_hash(self, iin: str) -> str:
        return hmac.new(self._hmac_key, iin.encode("ascii"), hashlib.sha256).hexdigest()

    def identity_salt(self, credential_id: str) -> str:
        """The secret salt of the identity hash in the credential `credential_id` (64 hex digits;
        never published: without it an IIN cannot be tested against the hash)."""
        message = b"dalel-identity-salt/v1\x00" + credential_id.encode("utf-8")
        return hmac.new(self._identity_key, message, hashlib.sha256).hexdigest()

    def identity_hash(self, iin: str, credential_id: str) -> str:
        """The ``identityHash`` of `iin` in the credential `credential_id`: ``sha256$<hex>``."""
        return identity_hash(iin, self.identity_salt(credential_id))

    def encrypt(self, value: str) -> str:
        nonce = secrets.token_bytes(12)
        sealed = self._aead.encrypt(nonce, value.encode("utf-8"), b"dalel-pii")
        return "v1." + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, token: str) -> str:
        raw = base64.urlsafe_b64decode(token.removeprefix("v1.").encode("ascii"))
        return self._aead.decrypt(raw[:12], raw[12:], b"dalel-pii").decode("utf-8")


def identity_hash(iin: str, salt: str) -> str:
    """Open Badges 3.0 ``identityHash`` of the IIN with `salt` appended: ``sha256$<hex>``.
    Dalel's salts are secret (:meth:`PiiVault.identity_salt`)."""
    return "sha256$" + hashlib.sha256((iin + salt).encode("utf-8")).hexdigest()


def _identity_objects(credential: dict[str, Any]) -> list[dict[str, Any]]:
    subject = credential.get("credentialSubject")
    subjects = subject if isinstance(subject, list) else [subject]
    found: list[dict[str, Any]] = []
    for item in subjects:
        if not isinstance(item, dict):
            continue
        holder = item.get("holderOfQualification")
        for value in (item.get("identifier"), holder.get("identifier") if isinstance(holder, dict) else None):
            for obj in value if isinstance(value, list) else [value]:
                if isinstance(obj, dict) and obj.get("type") == "IdentityObject":
                    found.append(obj)
    return found


def identity_matches(vault: PiiVault, credential: dict[str, Any], iin: str) -> bool:
    """Whether `iin` is the IIN of the graduate `credential` (a Dalel diploma or supplement,
    issued under this deployment's secret) identifies. Only the issuer can answer: the salt is
    secret. An invalid IIN never matches."""
    try:
        iin = validate_iin(iin)
    except IinError:
        return False
    credential_id = credential.get("id")
    if not isinstance(credential_id, str):
        return False
    expected = vault.identity_hash(iin, credential_id)
    return any(
        isinstance(obj.get("identityHash"), str) and hmac.compare_digest(obj["identityHash"], expected)
        for obj in _identity_objects(credential)
    )
