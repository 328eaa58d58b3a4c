"""Every presented form, and a clear problem for each kind of malformed input."""

from __future__ import annotations

import base64
import json

import pytest

from common.problems import Problem
from verifier.inputs import MAX_INPUT_BYTES, parse_bytes, parse_presented, parse_text


def _code(value) -> str:
    with pytest.raises(Problem) as exc:
        parse_presented(value)
    assert exc.value.status == 400
    return exc.value.code


def _b64(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def test_object_and_text_forms():
    credential = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}
    assert parse_presented(credential).credential == credential
    assert parse_presented(json.dumps(credential)).credential == credential
    assert parse_presented("\ufeff  " + json.dumps(credential) + "\n").kind == "credential"
    assert parse_bytes(json.dumps(credential).encode()).credential == credential
    assert parse_text(json.dumps(json.dumps(credential))).credential == credential  # JSON string holding JSON


def test_vc_jwt_forms():
    credential = {"type": ["VerifiableCredential"], "issuer": "did:key:z6Mk"}
    token = f"{_b64({'alg': 'EdDSA', 'typ': 'vc+jwt'})}.{_b64(credential)}.c2ln"
    presented = parse_presented(token)
    assert (presented.kind, presented.credential, presented.jwt) == ("jwt", credential, token)
    legacy = f"{_b64({'alg': 'EdDSA'})}.{_b64({'vc': credential, 'iss': 'x'})}.c2ln"
    assert parse_presented(legacy).credential == credential


def test_links_and_qr_payloads():
    page = parse_presented("https://dalel.example/v/3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")
    assert (page.kind, page.token, page.origin) == ("token_url", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "https://dalel.example")
    prefixed = parse_presented("https://host.example/dalel/v/abcDEF123456789x?lang=ru")
    assert prefixed.origin == "https://host.example/dalel"
    other = parse_presented("https://uni.example/credentials/123")
    assert (other.kind, other.url) == ("url", "https://uni.example/credentials/123")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "input-empty"),
        ("   ", "input-empty"),
        (None, "input-empty"),
        ("{not json", "malformed-json"),
        ("[1, 2]", "input-not-json-object"),
        ("hello world", "input-unrecognised"),
        ("ftp://example/x", "input-unrecognised"),
        ("eyJhbGciOiJ9.eyJ4Ijo.sig", "input-malformed-jwt"),
        (f"{_b64([1])}.{_b64([2])}.x", "input-malformed-jwt"),
        (b"\xff\xfe\x00garbage", "input-not-utf8"),
        (42, "input-not-json-object"),
    ],
)
def test_malformed_inputs_have_their_own_problem(value, code):
    assert _code(value) == code


def test_size_limit():
    big = json.dumps({"a": "x" * MAX_INPUT_BYTES})
    assert _code(big) == "input-too-large"
    assert _code(big.encode()) == "input-too-large"
    assert _code({"a": "x" * MAX_INPUT_BYTES}) == "input-too-large"


def test_nesting_limit():
    deep: dict = {}
    node = deep
    for _ in range(40):
        node["a"] = {}
        node = node["a"]
    assert _code(deep) == "input-too-deep"
    assert _code(json.dumps(deep)) in ("input-too-deep", "malformed-json")  # the strict parser refuses it first
    assert _code("[" * 100_000 + "]" * 100_000) in ("input-too-deep", "input-not-json-object", "malformed-json")
