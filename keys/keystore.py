"""Private keys at rest: one encrypted PKCS#8 PEM file per key, ``<directory>/<key_id>.pem``.

Layout of the keystore directory (mode 0700, files 0600, every file written atomically):

* ``keystore.json`` — format version, the scrypt salt and parameters, and a check value that
  tells a wrong passphrase apart from a damaged key file.
* ``<key_id>.pem`` — an encrypted PKCS#8 PEM block (PKCS#8, PBES2/AES-256-CBC via
  ``cryptography``'s ``BestAvailableEncryption``).

The PEM password is not the passphrase itself: it is ``base64url(scrypt(passphrase, salt,
N=2**15, r=8, p=1, 32 bytes))``, so guessing the passphrase costs a memory-hard KDF instead of
PKCS#8's 2048 PBKDF2 rounds. To take a key out for an HSM or a backup check, derive that
password and run ``openssl pkcs8 -in <key_id>.pem -passin pass:<derived>``.

Callers get a :class:`keys.signer.Signer`; private key objects never leave this module.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import base58
from cryptography.exceptions import InternalError, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from common import i18n
from common.files import narrow, write_private
from common.problems import Problem
from keys.multikey import Algorithm, encode_multikey
from keys.signer import Signer

__all__ = [
    "Keystore",
    "KeystoreError",
    "NewKey",
    "generate_demo_passphrase",
    "read_passphrase_file",
    "DEMO_PASSPHRASE_FILENAME",
]

DEMO_PASSPHRASE_FILENAME = "keystore-passphrase"
_META_FILENAME = "keystore.json"
_META_FORMAT = "dalel-keystore-1"
_CHECK_LABEL = b"dalel keystore passphrase check v1"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
KEY_ID_PATTERN = re.compile(r"^key-[1-9A-HJ-NP-Za-km-z]{16,32}$")
ALGORITHMS: tuple[Algorithm, ...] = ("Ed25519", "P-256")

i18n.register(
    {
        "problem.keystore-passphrase-missing": {
            "kk": "Кілттер қоймасының құпия сөзі берілмеген: DALEL_KEYSTORE_PASSPHRASE немесе "
            "DALEL_KEYSTORE_PASSPHRASE_FILE орнатыңыз",
            "ru": "Не задан пароль хранилища ключей: укажите DALEL_KEYSTORE_PASSPHRASE или "
            "DALEL_KEYSTORE_PASSPHRASE_FILE",
            "en": "No keystore passphrase: set DALEL_KEYSTORE_PASSPHRASE or DALEL_KEYSTORE_PASSPHRASE_FILE",
        },
        "problem.keystore-passphrase-file-unreadable": {
            "kk": "Кілттер қоймасының құпия сөз файлын оқу мүмкін емес",
            "ru": "Не удаётся прочитать файл с паролем хранилища ключей",
            "en": "Cannot read the keystore passphrase file",
        },
        "problem.keystore-passphrase-wrong": {
            "kk": "Кілттер қоймасының құпия сөзі қате",
            "ru": "Неверный пароль хранилища ключей",
            "en": "Wrong keystore passphrase",
        },
        "problem.keystore-file-corrupt": {
            "kk": "Кілттер қоймасының файлы бүлінген немесе өзгертілген",
            "ru": "Файл хранилища ключей повреждён или изменён",
            "en": "Keystore file is corrupt or has been tampered with",
        },
        "problem.keystore-key-missing": {
            "kk": "Кілттер қоймасында бұл кілттің файлы жоқ",
            "ru": "В хранилище ключей нет файла этого ключа",
            "en": "The keystore has no file for this key",
        },
        "problem.keystore-io-error": {
            "kk": "Кілттер қоймасына жазу немесе одан оқу мүмкін емес",
            "ru": "Не удаётся прочитать или записать хранилище ключей",
            "en": "Cannot read or write the keystore",
        },
    }
)


class KeystoreError(Problem):
    """The keystore cannot be used: no/wrong passphrase, a damaged file, a missing key.

    A :class:`~common.problems.Problem` (503: the issuer cannot sign until an operator acts);
    ``code`` is one of ``keystore-passphrase-missing``, ``keystore-passphrase-file-unreadable``,
    ``keystore-passphrase-wrong``, ``keystore-file-corrupt``, ``keystore-key-missing``,
    ``keystore-io-error``; ``detail`` names the file or key (language-neutral).
    ``str()`` is one line: the English title and the detail; :meth:`message` translates."""

    def __init__(self, code: str, detail: str | None = None) -> None:
        super().__init__(503, code, detail)

    def __str__(self) -> str:
        return self.message("en")


@dataclass(frozen=True)
class NewKey:
    key_id: str
    algorithm: Algorithm
    public_key_multibase: str


def new_key_id() -> str:
    """``key-`` + base58btc of 16 random bytes."""
    return "key-" + base58.b58encode(secrets.token_bytes(16)).decode("ascii")


def _raw_public(private_key: Any) -> tuple[Algorithm, bytes]:
    if isinstance(private_key, ed25519.Ed25519PrivateKey):
        raw = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return "Ed25519", raw
    if isinstance(private_key, ec.EllipticCurvePrivateKey) and isinstance(private_key.curve, ec.SECP256R1):
        raw = private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
        )
        return "P-256", raw
    raise TypeError("unsupported private key type")


class _KeystoreSigner:
    """A :class:`keys.signer.Signer` over a private key held in memory."""

    __slots__ = ("_key", "_algorithm", "_verification_method", "_public_key_multibase")

    def __init__(self, private_key: Any, verification_method: str) -> None:
        self._key = private_key
        self._algorithm, raw = _raw_public(private_key)
        self._public_key_multibase = encode_multikey(self._algorithm, raw)
        self._verification_method = verification_method

    @property
    def algorithm(self) -> Algorithm:
        return self._algorithm

    @property
    def verification_method(self) -> str:
        return self._verification_method

    @property
    def public_key_multibase(self) -> str:
        return self._public_key_multibase

    def sign(self, data: bytes) -> bytes:
        if self._algorithm == "Ed25519":
            return self._key.sign(data)
        der = self._key.sign(data, ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    def __repr__(self) -> str:
        return f"<Signer {self._algorithm} {self._verification_method}>"

    def __reduce__(self) -> Any:  # never pickle a private key by accident
        raise TypeError("a Signer cannot be pickled")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=256 * 1024 * 1024
    )


class Keystore:
    """Encrypted private keys in one directory, unlocked with one passphrase.

    Opening checks the passphrase against ``keystore.json`` (created on first use), so a wrong
    passphrase fails at start-up with :class:`KeystoreError` ``keystore-passphrase-wrong``."""

    def __init__(self, directory: Path, passphrase: str) -> None:
        if not isinstance(passphrase, str) or not passphrase:
            raise KeystoreError("keystore-passphrase-missing")
        self.directory = Path(directory)
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            if self.directory.stat().st_mode & 0o077:
                os.chmod(self.directory, 0o700)
        except OSError as exc:
            raise KeystoreError("keystore-io-error", f"{self.directory}: {exc.strerror}") from None
        self._password = self._unlock(passphrase)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        directory: Path,
        passphrase: str | None = None,
        passphrase_file: Path | str | None = None,
    ) -> Keystore:
        """The keystore in `directory` (``settings.keystore_dir``, i.e. ``<data_dir>/keystore``).
        The passphrase comes from `passphrase`, else from the first line of `passphrase_file`;
        without either it raises ``keystore-passphrase-missing`` (the issuer refuses to start)."""
        if not passphrase and passphrase_file:
            passphrase = read_passphrase_file(Path(passphrase_file))
        if not passphrase:
            raise KeystoreError("keystore-passphrase-missing")
        return cls(Path(directory), passphrase)

    def _unlock(self, passphrase: str) -> bytes:
        meta_path = self.directory / _META_FILENAME
        meta = self._read_meta(meta_path)
        if meta is None:
            if any(self.directory.glob("key-*.pem")):
                raise KeystoreError("keystore-file-corrupt", f"{meta_path}: missing")
            salt = secrets.token_bytes(16)
            derived = _derive(passphrase, salt, **_SCRYPT)
            meta = {
                "format": _META_FORMAT,
                "kdf": {"name": "scrypt", **_SCRYPT, "salt": _b64url(salt)},
                "check": _b64url(hmac.new(derived, _CHECK_LABEL, hashlib.sha256).digest()),
            }
            try:
                write_private(meta_path, (json.dumps(meta, indent=2) + "\n").encode(), overwrite=False)
            except FileExistsError:  # another process created it first: use theirs
                meta = self._read_meta(meta_path)
                if meta is None:
                    raise KeystoreError("keystore-file-corrupt", str(meta_path)) from None
            except OSError as exc:
                raise KeystoreError("keystore-io-error", f"{meta_path}: {exc.strerror}") from None
        try:
            kdf = meta["kdf"]
            if meta.get("format") != _META_FORMAT or kdf.get("name") != "scrypt":
                raise ValueError("unknown format")
            salt = _b64url_decode(kdf["salt"])
            n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
            if not (2**14 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16 and len(salt) >= 16):
                raise ValueError("KDF parameters out of range")
            expected = _b64url_decode(meta["check"])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise KeystoreError("keystore-file-corrupt", str(meta_path)) from None
        derived = _derive(passphrase, salt, n, r, p)
        if not hmac.compare_digest(hmac.new(derived, _CHECK_LABEL, hashlib.sha256).digest(), expected):
            raise KeystoreError("keystore-passphrase-wrong", str(self.directory))
        return _b64url(derived).encode("ascii")

    @staticmethod
    def _read_meta(path: Path) -> dict[str, Any] | None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise KeystoreError("keystore-io-error", f"{path}: {exc.strerror}") from None
        try:
            meta = json.loads(text)
        except ValueError:
            raise KeystoreError("keystore-file-corrupt", str(path)) from None
        if not isinstance(meta, dict):
            raise KeystoreError("keystore-file-corrupt", str(path))
        return meta

    # ------------------------------------------------------------------ keys

    def _path(self, key_id: str) -> Path:
        if not isinstance(key_id, str) or not KEY_ID_PATTERN.match(key_id):
            raise KeystoreError("keystore-key-missing", repr(key_id))
        return self.directory / f"{key_id}.pem"

    def generate(self, algorithm: Algorithm = "Ed25519") -> NewKey:
        """Create a key pair, store the private key encrypted, return its id and public key."""
        if algorithm == "Ed25519":
            private_key: Any = ed25519.Ed25519PrivateKey.generate()
        elif algorithm == "P-256":
            private_key = ec.generate_private_key(ec.SECP256R1())
        else:
            raise ValueError(f"unsupported algorithm {algorithm!r}")
        key_id = new_key_id()
        pem = private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(self._password),
        )
        path = self._path(key_id)
        try:
            write_private(path, pem, overwrite=False)  # never replace a key
        except OSError as exc:
            raise KeystoreError("keystore-io-error", f"{path}: {exc.strerror}") from None
        _alg, raw = _raw_public(private_key)
        return NewKey(key_id, algorithm, encode_multikey(algorithm, raw))

    def has_key(self, key_id: str) -> bool:
        try:
            return self._path(key_id).is_file()
        except KeystoreError:
            return False

    def load_signer(
        self, key_id: str, verification_method: str, *, public_key_multibase: str | None = None
    ) -> Signer:
        """A :class:`keys.signer.Signer` for `key_id` that names itself `verification_method`.

        With `public_key_multibase` (the value recorded in the database), a key file that
        decrypts to a different key is reported as tampered."""
        private_key = self._load_private_key(key_id)
        signer = _KeystoreSigner(private_key, verification_method)
        if public_key_multibase is not None and not hmac.compare_digest(
            signer.public_key_multibase, public_key_multibase
        ):
            raise KeystoreError("keystore-file-corrupt", f"{self._path(key_id)}: public key mismatch")
        return signer

    def _load_private_key(self, key_id: str) -> Any:
        path = self._path(key_id)
        try:
            pem = path.read_bytes()
        except FileNotFoundError:
            raise KeystoreError("keystore-key-missing", f"{key_id} ({path})") from None
        except OSError as exc:
            raise KeystoreError("keystore-io-error", f"{path}: {exc.strerror}") from None
        try:
            private_key = serialization.load_pem_private_key(pem, password=self._password)
            _raw_public(private_key)
        except (ValueError, TypeError, UnsupportedAlgorithm, InternalError):
            # InternalError: some damaged ciphertexts leave OpenSSL's error stack unexplained
            # The passphrase was checked when the keystore was opened, so this file is damaged.
            raise KeystoreError("keystore-file-corrupt", str(path)) from None
        return private_key


def read_passphrase_file(path: Path) -> str:
    """The passphrase in `path`: its first line, without the line ending."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise KeystoreError("keystore-passphrase-file-unreadable", str(path)) from None
    passphrase = text.splitlines()[0] if text else ""
    if not passphrase:
        raise KeystoreError("keystore-passphrase-file-unreadable", f"{path}: empty")
    return passphrase


def generate_demo_passphrase(data_dir: Path) -> Path:
    """Write a random passphrase to ``<data_dir>/keystore-passphrase`` (mode 0600) for
    ``dalel demo`` and return its path. An existing file is kept (narrowed to 0600): the keys
    already encrypted with it must stay readable."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DEMO_PASSPHRASE_FILENAME
    if path.exists():
        narrow(path)  # the demo's own file: commands pick it up only while it is private
        return path
    try:
        write_private(path, (secrets.token_urlsafe(32) + "\n").encode("ascii"), overwrite=False)
    except FileExistsError:
        pass
    return path
