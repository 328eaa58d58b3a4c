"""Regressions for defects the HTTP fuzzing found: each request once gave a 500."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from common.problems import Problem
from common.web import parse_json


@pytest.fixture
def auth(app, engine, settings):
    from datetime import date

    from issuer.auth import create_token
    from issuer.setup import add_institution, add_person, add_programme
    from keys.keystore import Keystore

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    app.state.ctx._keystore = keystore
    with Session(engine) as s:
        add_institution(s, keystore, slug="kaznu", name_kk="ҚазҰУ", name_ru="КазНУ", name_en="KazNU",
                        public_url=settings.public_url)
        add_programme(s, institution="kaznu", code="6B06101", name_kk="АЖ", name_ru="ИС", name_en="IS",
                      isced="0613", level=6, credits=240)
        person = add_person(s, institution="kaznu", name="Registrar", position="Registrar", order_number="1",
                            order_date=date(2024, 9, 1))
        token, _ = create_token(s, person.id, "issue")
    return {"Authorization": f"Bearer {token}"}


def _problem(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["code"] == code
    return body


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 5000 + b"]" * 5000,  # RecursionError in the parser
        b'{"a":' * 100 + b"1" + b"}" * 100,  # parses, but deeper than any credential
        b'{"iin": NaN}',
        b'{"rows": [{"gpa": Infinity}]}',
        b'{"iin": 1e400}',  # overflows to inf
        b'{"name_latin": "\\ud800"}',  # unpaired surrogate: cannot be stored or sent as UTF-8
        b"\xff\xfe{}",
        b"{" + b'"a"' * 3,
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/diplomas", "/api/v1/batches"])
def test_hostile_json_bodies_are_malformed_json(client, auth, path, raw):
    r = client.post(path, content=raw, headers={**auth, "Content-Type": "application/json", "Accept-Language": "ru"})
    body = _problem(r, 400, "malformed-json")
    assert body["title"] == "JSON-документ повреждён"
    assert "detail" in body and not body["detail"].isascii()  # translated, not a parser's English


def test_parse_json_accepts_ordinary_json():
    assert parse_json(b'{"a": [1, 2.5, "\\u00e9", {"b": null}]}') == {"a": [1, 2.5, "é", {"b": None}]}
    assert parse_json(b"") is None
    with pytest.raises(Problem) as info:
        parse_json(b'{"a": -Infinity}', "en")
    assert "NaN" in info.value.detail


def test_fastapi_body_syntax_error_has_no_english_parser_text(client, auth):
    r = client.post("/credentials/issue", content=b'{"credential": ', headers={
        **auth, "Content-Type": "application/json", "Accept-Language": "kk"})
    body = _problem(r, 400, "malformed-json")
    assert "detail" not in body or "JSON parse error" not in body["detail"]
    json.dumps(body)
