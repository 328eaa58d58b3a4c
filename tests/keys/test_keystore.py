"""The encrypted keystore: round trips, permissions, wrong passphrase, damaged files."""

from __future__ import annotations

import base64
import json
import pickle
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from keys.keystore import Keystore, KeystoreError, generate_demo_passphrase, read_passphrase_file
from keys.multikey import decode_multikey
from keys.signer import Signer, verify_signature

PASS = "correct horse battery staple"


def _raw_private(keystore: Keystore, key_id: str) -> bytes:
    """The private key bytes, recovered the way an operator would (derived PEM password)."""
    pem = (keystore.directory / f"{key_id}.pem").read_bytes()
    key = serialization.load_pem_private_key(pem, password=keystore._password)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return key.private_numbers().private_value.to_bytes(32, "big")


@pytest.mark.parametrize("algorithm", ["Ed25519", "P-256"])
def test_generate_load_sign_verify(keystore, algorithm):
    new = keystore.generate(algorithm)
    assert new.key_id.startswith("key-")
    signer = keystore.load_signer(new.key_id, "did:web:uni.kz:institutions:demo#" + new.key_id)
    assert isinstance(signer, Signer)
    assert signer.algorithm == algorithm
    assert signer.public_key_multibase == new.public_key_multibase
    assert signer.verification_method.endswith("#" + new.key_id)
    signature = signer.sign(b"diploma BD 00000001")
    assert len(signature) == 64
    alg, raw = decode_multikey(new.public_key_multibase)
    assert verify_signature(alg, raw, b"diploma BD 00000001", signature)
    assert not verify_signature(alg, raw, b"diploma BD 00000002", signature)


def test_reopened_keystore_signs_with_the_same_key(tmp_path):
    first = Keystore(tmp_path / "ks", PASS)
    new = first.generate()
    again = Keystore.open(tmp_path / "ks", passphrase=PASS)
    signer = again.load_signer(new.key_id, "did:example:x#k", public_key_multibase=new.public_key_multibase)
    assert signer.public_key_multibase == new.public_key_multibase


def test_files_are_private_and_encrypted(keystore):
    new = keystore.generate("Ed25519")
    p256 = keystore.generate("P-256")
    assert stat.S_IMODE(keystore.directory.stat().st_mode) == 0o700
    for path in keystore.directory.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert not [p for p in keystore.directory.iterdir() if p.name.endswith(".tmp")]
    for key_id in (new.key_id, p256.key_id):
        content = (keystore.directory / f"{key_id}.pem").read_bytes()
        assert content.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
        raw = _raw_private(keystore, key_id)
        everything = content + (keystore.directory / "keystore.json").read_bytes()
        for form in (raw, raw.hex().encode(), base64.b64encode(raw), base64.urlsafe_b64encode(raw).rstrip(b"=")):
            assert form not in everything
        assert PASS.encode() not in everything
        # the passphrase alone does not open the PEM: the password is derived with scrypt
        with pytest.raises((ValueError, TypeError)):
            serialization.load_pem_private_key(content, password=PASS.encode())


def test_wrong_passphrase_is_one_clear_error(tmp_path):
    Keystore(tmp_path / "ks", PASS).generate()
    with pytest.raises(KeystoreError) as info:
        Keystore.open(tmp_path / "ks", passphrase="Correct horse battery staple")
    assert info.value.code == "keystore-passphrase-wrong"
    assert "\n" not in str(info.value) and "Wrong keystore passphrase" in str(info.value)
    assert info.value.message("ru").startswith("Неверный пароль")
    assert info.value.message("kk").startswith("Кілттер қоймасының құпия сөзі қате")


def test_no_passphrase_refuses_to_open(tmp_path):
    with pytest.raises(KeystoreError) as info:
        Keystore.open(tmp_path / "ks")
    assert info.value.code == "keystore-passphrase-missing"
    assert "DALEL_KEYSTORE_PASSPHRASE" in str(info.value)
    assert not (tmp_path / "ks").exists()


def test_passphrase_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(PASS + "\n")
    assert read_passphrase_file(secret) == PASS
    Keystore(tmp_path / "ks", PASS).generate()
    Keystore.open(tmp_path / "ks", passphrase_file=secret)  # same passphrase: opens
    (tmp_path / "empty").write_text("")
    for bad in (tmp_path / "empty", tmp_path / "missing"):
        with pytest.raises(KeystoreError) as info:
            Keystore.open(tmp_path / "ks", passphrase_file=bad)
        assert info.value.code == "keystore-passphrase-file-unreadable"


def test_demo_passphrase_is_private_random_and_kept(tmp_path):
    path = generate_demo_passphrase(tmp_path / "data")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_text()
    assert len(first.strip()) >= 32
    assert generate_demo_passphrase(tmp_path / "data") == path
    assert path.read_text() == first  # a second demo run keeps the keys readable
    new = Keystore.open(tmp_path / "data" / "keystore", passphrase_file=path).generate()
    Keystore.open(tmp_path / "data" / "keystore", passphrase_file=path).load_signer(new.key_id, "did:x:y#z")
    assert generate_demo_passphrase(tmp_path / "other").read_text() != first


def _pem_bytes(text: str) -> bytes | None:
    import base64
    import binascii

    body = "".join(line for line in text.splitlines() if line and not line.startswith("-----"))
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return None


def test_every_single_character_change_of_a_key_file_is_detected(keystore):
    new = keystore.generate()
    path = keystore.directory / f"{new.key_id}.pem"
    original = path.read_text()
    lines = original.splitlines(keepends=True)
    body_start = len(lines[0])
    body_end = len(original) - len(lines[-1])
    for i in range(body_start, body_end):
        char = original[i]
        if char == "\n":
            continue
        replacement = "B" if char != "B" else "C"
        changed = original[:i] + replacement + original[i + 1 :]
        if _pem_bytes(changed) is not None and _pem_bytes(changed) == _pem_bytes(original):
            continue  # the last base64 character's padding bits: the stored bytes are unchanged
        path.write_text(changed)
        with pytest.raises(KeystoreError) as info:
            keystore.load_signer(new.key_id, "did:x:y#z", public_key_multibase=new.public_key_multibase)
        assert info.value.code == "keystore-file-corrupt", i


def test_swapped_key_file_is_detected(keystore):
    a, b = keystore.generate(), keystore.generate()
    (keystore.directory / f"{a.key_id}.pem").write_bytes((keystore.directory / f"{b.key_id}.pem").read_bytes())
    with pytest.raises(KeystoreError) as info:
        keystore.load_signer(a.key_id, "did:x:y#z", public_key_multibase=a.public_key_multibase)
    assert info.value.code == "keystore-file-corrupt"
    assert "public key mismatch" in str(info.value)


def test_truncated_or_garbage_key_file(keystore):
    new = keystore.generate()
    path = keystore.directory / f"{new.key_id}.pem"
    for content in (b"", b"garbage", path.read_bytes()[:100]):
        path.write_bytes(content)
        with pytest.raises(KeystoreError) as info:
            keystore.load_signer(new.key_id, "did:x:y#z")
        assert info.value.code == "keystore-file-corrupt"


def test_missing_key_and_bad_key_ids(keystore):
    for key_id in ("key-1111111111111111111111", "../keystore", "key-../../etc/passwd", ""):
        with pytest.raises(KeystoreError) as info:
            keystore.load_signer(key_id, "did:x:y#z")
        assert info.value.code == "keystore-key-missing"


def test_damaged_or_missing_metadata(tmp_path):
    ks = Keystore(tmp_path / "ks", PASS)
    ks.generate()
    meta = tmp_path / "ks" / "keystore.json"
    data = json.loads(meta.read_text())
    meta.write_text(json.dumps({**data, "check": "AAAA"}))
    with pytest.raises(KeystoreError) as info:
        Keystore(tmp_path / "ks", PASS)
    assert info.value.code == "keystore-passphrase-wrong"
    meta.write_text("{not json")
    with pytest.raises(KeystoreError) as info:
        Keystore(tmp_path / "ks", PASS)
    assert info.value.code == "keystore-file-corrupt"
    meta.unlink()
    with pytest.raises(KeystoreError) as info:
        Keystore(tmp_path / "ks", PASS)
    assert info.value.code == "keystore-file-corrupt"


def test_signer_does_not_leak_the_key(keystore):
    new = keystore.generate()
    signer = keystore.load_signer(new.key_id, "did:x:y#z")
    assert _raw_private(keystore, new.key_id).hex() not in repr(signer)
    with pytest.raises(TypeError):
        pickle.dumps(signer)
