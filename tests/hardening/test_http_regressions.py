"""Regressions for defects the HTTP fuzzing found: each request once gave a 500."""

from __future__ import annotations

import json

import pytest

from common.problems import Problem
from common.web import parse_json


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


VALID_ROW = {
    "series": "BD", "number": "", "family_name": "Сәрсенбаев", "given_name": "Нұрлан", "patronymic": "Асқарұлы",
    "name_latin": "Nurlan Sarsenbayev", "iin": "010314500170", "date_of_birth": "2001-03-14",
    "programme_code": "6B06101", "award_date": "2025-06-30", "honours": "no", "gpa": "3.45",
}


def _row_errors(r) -> list[dict]:
    body = _problem(r, 422, "batch-invalid")
    return body["errors"]


@pytest.mark.parametrize("value", ["x", {}, [], 1.5, True, -3])
def test_client_row_numbers_are_ignored(client, auth, value):
    r = client.post("/api/v1/batches", json={"rows": [{**VALID_ROW, "_row": value, "gpa": "9"}]}, headers=auth)
    assert [(e["row"], e["column"]) for e in _row_errors(r)] == [(1, "gpa")]


@pytest.mark.parametrize("courses", [True, 5, "CS1", {"course_code": "CS1"}])
def test_courses_must_be_a_list(client, auth, courses):
    r = client.post("/api/v1/diplomas", json={**VALID_ROW, "courses": courses}, headers={**auth, "Accept-Language": "en"})
    errors = _problem(r, 422, "validation-error")["errors"]  # the request model's shape, translated
    assert errors[0]["column"] == "courses" and "list" in errors[0]["message"]


@pytest.mark.parametrize("credits", ["Infinity", "-Infinity", "NaN", "1e999999999", "1001", "0"])
def test_course_credits_must_be_a_sensible_number(client, auth, credits):
    course = {"course_code": "CS1", "course_title_en": "Programming", "credits": credits, "grade": "A"}
    r = client.post("/api/v1/diplomas", json={**VALID_ROW, "courses": [course]}, headers=auth)
    assert [e["column"] for e in _row_errors(r)] == ["credits"]


@pytest.mark.parametrize(
    ("column", "value"),
    [("name_en", "x" * 513), ("name_kk", "x" * 513), ("classification", "x" * 257),
     ("grading_scheme", "x" * 1025), ("patronymic", "x" * 257)],
)
def test_optional_text_columns_have_the_database_lengths(client, auth, column, value):
    # PostgreSQL refused these with a DataError (500); SQLite stored them
    r = client.post("/api/v1/diplomas", json={**VALID_ROW, column: value}, headers=auth)
    assert [(e["column"], e["code"]) for e in _row_errors(r)] == [(column, "too_long")]


@pytest.mark.parametrize(("column", "value"), [("family_name", "Сәр\x00сенбаев"), ("name_latin", "Nurlan\x1b[31m"),
                                               ("classification", "\x00")])
def test_control_characters_in_rows_are_row_errors(client, auth, column, value):
    r = client.post("/api/v1/diplomas", json={**VALID_ROW, column: value}, headers=auth)
    assert (column, "control_char") in [(e["column"], e["code"]) for e in _row_errors(r)]


def test_control_characters_in_course_rows_are_row_errors(client, auth):
    course = {"course_code": "CS1", "course_title_en": "Pro\x00gramming", "credits": 5, "grade": "A"}
    r = client.post("/api/v1/diplomas", json={**VALID_ROW, "courses": [course]}, headers=auth)
    assert [(e["file"], e["column"]) for e in _row_errors(r)] == [("supplements", "course_title_en")]


@pytest.mark.parametrize(
    "path",
    ["/institutions/a%00b/programmes/x", "/institutions/kaznu/programmes/%00", "/credentials/" + "a" * 34 + "%00b"],
)
def test_nul_in_a_path_is_a_400_on_every_backend(client, auth, path):
    # PostgreSQL raised DataError ("cannot contain NUL") for any lookup with such text
    _problem(client.get(path), 400, "nul-character")


def test_nul_in_a_looked_up_json_value_is_a_400(client, auth):
    _problem(client.post("/api/v1/diplomas", json={**VALID_ROW, "institution": "\x00"}, headers=auth),
             400, "nul-character")


def test_database_errors_do_not_carry_statement_parameters(engine):
    """A database error's text (what the log of an unexpected error shows) has no values."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError) as info, engine.connect() as conn:
        conn.execute(text("SELECT CAST(:name AS INTEGER) + no_such_column"), {"name": "Сәрсенбаев Нұрлан"})
    assert "Сәрсенбаев" not in str(info.value)


@pytest.mark.parametrize("depth", [100, 500, 900])
def test_vcapi_deep_credential_is_refused(client, auth, depth):
    # copy.deepcopy in add_proof raised RecursionError (500) from about 300 levels in a worker thread
    subject: dict = {"id": "did:example:graduate"}
    cursor = subject
    for _ in range(depth):
        cursor["name"] = {}
        cursor = cursor["name"]
    credential = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                  "issuer": "did:web:testserver:institutions:kaznu", "credentialSubject": subject}
    r = client.post("/credentials/issue", content=json.dumps({"credential": credential}),
                    headers={**auth, "Content-Type": "application/json", "Accept-Language": "en"})
    # the one JSON body parser refuses it before anything walks it (nesting over 32 levels)
    body = _problem(r, 400, "malformed-json")
    assert "nested too deeply" in body["detail"]


@pytest.mark.parametrize(("column", "value"), [("given_name", "\u200b"), ("family_name", "Сәр\u202eнаб"),
                                               ("name_latin", "Nurlan\u2066 Sarsenbayev")])
def test_invisible_format_characters_in_names_are_row_errors(client, auth, column, value):
    # a zero-width space made a name look empty; a bidi override reorders what a verifier reads
    r = client.post("/api/v1/diplomas", json={**VALID_ROW, column: value}, headers=auth)
    assert (column, "control_char") in [(e["column"], e["code"]) for e in _row_errors(r)]
