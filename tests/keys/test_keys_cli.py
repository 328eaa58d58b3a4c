"""`dalel keys …` as a person runs it: one line per error, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

PASS = {"DALEL_KEYSTORE_PASSPHRASE": "cli passphrase", "DALEL_PUBLIC_URL": "https://dalel.uni.kz"}
DID = "did:web:dalel.uni.kz:institutions:demo"


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_create_then_list_json_then_served_document(cli, tmp_path):
    code, out, err = cli("keys", "create", "--institution", "demo", env=PASS)
    assert code == 0, err
    assert "did:key:z6Mk" in out and DID in out

    code, out, err = cli("keys", "list", "--json")
    assert code == 0, err
    keys = json.loads(out)
    assert len(keys) == 1
    key = keys[0]
    for field in ("id", "institution", "algorithm", "did_key", "did_web", "verification_method",
                  "public_key_multibase", "status"):  # fmt: skip
        assert key[field], field
    assert key["did_key"].startswith("did:key:z6Mk")
    assert key["did_web"] == DID and key["verification_method"] == f"{DID}#{key['id']}"
    assert key["status"] == "active" and key["institution"] == "demo"

    # the did:web document the server publishes lists the same publicKeyMultibase
    from dalel.app import create_app
    from dalel.settings import Settings

    settings = Settings(data_dir=tmp_path / "cli-data", public_url="https://dalel.uni.kz", keystore_passphrase="x")
    with TestClient(create_app(settings)) as client:
        doc = client.get("/institutions/demo/did.json").json()
    assert doc["id"] == DID
    assert [vm["publicKeyMultibase"] for vm in doc["verificationMethod"]] == [key["public_key_multibase"]]


def test_lifecycle_commands(cli):
    assert cli("keys", "create", "--institution", "demo", "--alg", "p256", "--json", env=PASS)[0] == 0
    code, out, err = cli("keys", "list", "--json")
    (p256,) = json.loads(out)
    assert p256["algorithm"] == "P-256" and p256["did_key"].startswith("did:key:zDn")

    code, out, err = cli("keys", "rotate", "--institution", "demo", "--json")
    assert code == 0, err
    rotated = json.loads(out)
    assert rotated["retired"] == [p256["id"]] and rotated["algorithm"] == "P-256"

    code, out, err = cli("keys", "retire", rotated["id"])
    assert code == 0 and rotated["id"] in out

    at = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    code, out, err = cli("keys", "compromise", p256["id"], "--at", at)
    assert code == 2 and "--yes" in one_error_line(err)  # final: a script must say so
    code, out, err = cli("keys", "compromise", p256["id"], "--at", at, "--yes")
    assert code == 0 and at in out and "rotate" in out

    code, out, err = cli("keys", "list", "--json")
    statuses = {k["id"]: (k["status"], k["compromised_at"]) for k in json.loads(out)}
    assert statuses == {p256["id"]: ("compromised", at), rotated["id"]: ("retired", None)}

    code, out, err = cli("keys", "list")
    assert code == 0 and "compromised" in out and "retired" in out


def test_errors_are_one_line_with_exit_codes(cli):
    # no passphrase: the keystore refuses to open
    code, out, err = cli("keys", "create", "--institution", "demo")
    assert code == 1
    assert "DALEL_KEYSTORE_PASSPHRASE" in one_error_line(err)

    assert cli("keys", "create", "--institution", "demo", env=PASS)[0] == 0
    key_id = json.loads(cli("keys", "list", "--json")[1])[0]["id"]

    # wrong passphrase
    code, out, err = cli("keys", "rotate", "--institution", "demo", env={"DALEL_KEYSTORE_PASSPHRASE": "wrong"})
    assert code == 1 and "Wrong keystore passphrase" in one_error_line(err)
    cli("keys", "list", env=PASS)

    # input errors: exit 2
    for args in (
        ("keys", "create", "--institution", "demo", "--alg", "rsa"),
        ("keys", "create", "--institution", "Not A Slug"),
        ("keys", "compromise", key_id, "--at", "last tuesday"),
        ("keys", "compromise", key_id, "--at", "2026-01-01T00:00:00"),
        ("keys", "compromise", key_id, "--at", (datetime.now(UTC) + timedelta(days=1)).isoformat()),
        ("keys", "compromise", key_id),
    ):
        code, out, err = cli(*args)
        assert code == 2, (args, err)
        assert "Traceback" not in err

    # the operation cannot be done: exit 1
    code, out, err = cli("keys", "retire", "key-doesnotexist")
    assert code == 1 and "Key not found" in one_error_line(err)
    assert cli("keys", "compromise", key_id, "--at", "2020-01-01T00:00:00Z", "--yes")[0] == 0
    code, out, err = cli("keys", "compromise", key_id, "--at", "2020-01-01T00:00:00Z")
    assert code == 1 and "already" in one_error_line(err)
    code, out, err = cli("keys", "rotate", "--institution", "nobody")
    assert code == 1 and "No such institution" in one_error_line(err)
    code, out, err = cli("keys", "list", "--institution", "nobody")
    assert code == 1 and "No such institution" in one_error_line(err)


def test_messages_follow_the_language(cli):
    code, out, err = cli("--lang", "ru", "keys", "retire", "key-doesnotexist")
    assert code == 1 and "Ключ не найден" in one_error_line(err)
    code, out, err = cli("--lang", "kk", "keys", "list")
    assert code == 0 and "Кілттер жоқ" in out
