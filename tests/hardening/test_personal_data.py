"""No IIN, birth date or graduate name reaches a log or an echoing problem detail."""

from __future__ import annotations

import json
import logging

import pytest

from dalel.logging import JsonFormatter, TextFormatter, redacted_exception

IIN = "010314500170"
BIRTH = "2001-03-14"
NAME = "Сәрсенбаев"


def _raise_chained():
    try:
        raise ValueError(f"{BIRTH} is not a date of {NAME}")
    except ValueError as exc:
        raise RuntimeError(f"row with IIN {IIN} failed") from exc


def _record() -> logging.LogRecord:
    try:
        _raise_chained()
    except RuntimeError:
        import sys

        return logging.LogRecord("dalel.http", logging.ERROR, __file__, 1, "unhandled error", None, sys.exc_info())
    raise AssertionError("unreachable")


@pytest.mark.parametrize("formatter", [JsonFormatter(), TextFormatter()], ids=["json", "text"])
def test_logged_exceptions_keep_type_and_stack_but_not_messages(formatter):
    text = formatter.format(_record())
    for secret in (IIN, BIRTH, NAME):
        assert secret not in text
    assert "RuntimeError" in text and "ValueError" in text and "_raise_chained" in text


def test_redacted_exception_of_nothing():
    assert redacted_exception((None, None, None)) == ""


def test_an_unexpected_error_in_a_request_is_logged_without_its_message(app, client):
    from fastapi import APIRouter

    router = APIRouter()

    @router.get("/boom")
    def boom():
        raise ValueError(f"{IIN} {BIRTH} {NAME}")

    app.include_router(router)
    stream_records: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record):
            stream_records.append(JsonFormatter().format(record))

    handler = Capture()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        r = client.get("/boom")
    finally:
        root.removeHandler(handler)
    assert r.status_code == 500 and r.headers["content-type"].startswith("application/problem+json")
    assert IIN not in r.text
    logged = "\n".join(stream_records)
    assert "ValueError" in logged
    for secret in (IIN, BIRTH, NAME):
        assert secret not in logged


@pytest.mark.parametrize(
    "overrides",
    [{"iin": "010314500171"}, {"iin": "0103145001"}, {"date_of_birth": "2001-14-03"},
     {"date_of_birth": "2002-03-14"}, {"iin": IIN, "date_of_birth": "14/03/2001"}],
)
def test_row_errors_never_echo_an_iin_or_a_birth_date(client, auth, overrides):
    row = {"series": "BD", "family_name": NAME, "given_name": "Нұрлан", "name_latin": "Nurlan Sarsenbayev",
           "iin": IIN, "date_of_birth": BIRTH, "programme_code": "6B06101", "award_date": "2025-06-30",
           **overrides}
    r = client.post("/api/v1/batches", json={"rows": [row], "dry_run": True}, headers=auth)
    assert r.status_code == 422, r.text
    body = json.dumps(r.json(), ensure_ascii=False)
    for value in {IIN, BIRTH, overrides.get("iin", IIN), overrides.get("date_of_birth", BIRTH)}:
        assert value not in body


def test_validation_problems_never_echo_input(client, auth):
    r = client.post("/credentials/issue", json=[IIN], headers=auth)
    assert r.status_code in (400, 422) and IIN not in r.text
