"""The command line under bad input: bad arguments, unreadable files, malformed CSV and XLSX
(wrong encoding, BOM, missing columns, huge cells, formulas, empty file, binary junk). Each
exits non-zero with one clear line on stderr, never a traceback, and writes nothing."""

from __future__ import annotations

import io
import os
import secrets
import zipfile
from datetime import date

import pytest
from sqlalchemy import MetaData, select

from issuer.pii import make_iin
from issuer.service import REQUIRED_COLUMNS
from tests.conftest import PG_URL

PASS = {"DALEL_KEYSTORE_PASSPHRASE": "cli hardening passphrase"}


@pytest.fixture(params=["sqlite"] + (["postgresql"] if PG_URL else []))
def database(request, monkeypatch):
    """The CLI's database: its default SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield {}
        return
    request.applymarker(pytest.mark.postgres)
    from sqlalchemy import text

    from dalel.db import make_engine

    schema = "c_" + secrets.token_hex(6)
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield {"DALEL_DATABASE_URL": f"{PG_URL}{sep}options=-csearch_path%3D{schema}"}
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def registrar(cli, database):
    """An institution with a programme, a responsible person and their token."""
    env = {**PASS, **database}
    steps = [
        ("institution", "add", "--slug", "kaznu", "--name-kk", "ҚазҰУ", "--name-ru", "КазНУ", "--name-en", "KazNU"),
        ("programme", "add", "--institution", "kaznu", "--code", "6B06101", "--level", "6", "--credits", "240",
         "--isced", "0613", "--name-kk", "АЖ", "--name-ru", "ИС", "--name-en", "IS"),
        ("person", "add", "--institution", "kaznu", "--name", "A. Registrar", "--position", "Registrar",
         "--order-number", "12-к", "--order-date", "2024-09-01"),
    ]
    for args in steps:
        code, out, err = cli(*args, env=env)
        assert code == 0, err
    code, out, err = cli("token", "create", "--person", out.strip(), "--scopes", "issue", env=env)
    assert code == 0, err
    return env, out.strip()


def snapshot(env) -> dict:
    """Every row of every table (the whole database), to compare before and after."""
    from dalel.db import make_engine

    url = env.get("DALEL_DATABASE_URL") or f"sqlite:///{os.environ['DALEL_DATA_DIR']}/dalel.sqlite3"
    engine = make_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            return {name: sorted(map(repr, conn.execute(select(table)).all())) for name, table in meta.tables.items()}
    finally:
        engine.dispose()


def assert_clean_failure(result, *, before=None, env=None, what=""):
    code, out, err = result
    assert code != 0, (what, out, err)
    assert "Traceback" not in err + out
    assert "Unexpected error" not in err, err  # the catch-all: the error was not understood
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "no message"
    row_report = lines[0].endswith(":") and all(line.startswith("  ") for line in lines[1:])
    assert len(lines) == 1 or row_report or lines[0].startswith(("Usage:", "Error")), err
    if before is not None:
        assert snapshot(env) == before, "the database changed"
    return err


def row(n: int = 1, **overrides) -> dict:
    base = {"series": "BD", "number": "", "family_name": "Иванов", "given_name": "Иван", "patronymic": "",
            "name_latin": "Ivan Ivanov", "iin": make_iin(date(2001, 2, 3), "m", n), "date_of_birth": "2001-02-03",
            "programme_code": "6B06101", "award_date": "2025-06-30", "honours": "no", "gpa": "3.1"}
    base.update(overrides)
    return base


def csv_bytes(rows, columns=REQUIRED_COLUMNS, sep=",") -> bytes:
    lines = [sep.join(columns)] + [sep.join(str(r.get(c, "")) for c in columns) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(rows, columns=REQUIRED_COLUMNS, formula_in: str | None = None, sheet: str = "diplomas") -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(columns))
    for r in rows:
        ws.append([r.get(c, "") for c in columns])
    if formula_in:
        ws.cell(row=2, column=list(columns).index(formula_in) + 1, value="=1+1")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


COHORTS = {
    "empty.csv": b"",
    "header-only.csv": csv_bytes([]),
    "blank-lines.csv": b"\n\n\n",
    "utf16.csv": csv_bytes([row()]).decode("utf-8").encode("utf-16"),
    "cp1251.csv": csv_bytes([row()]).decode("utf-8").encode("cp1251"),
    "bom-only.csv": b"\xef\xbb\xbf",
    "missing-columns.csv": csv_bytes([row()], columns=("series", "family_name", "given_name")),
    "huge-cell.csv": csv_bytes([row(family_name="Я" * 300_000)]),
    "huge-line.csv": b"a" * 2_000_000 + b"\n",
    "nul.csv": csv_bytes([row(family_name="Ив\x00анов")]),
    "unclosed-quote.csv": csv_bytes([row()]) + b'"BD,"unclosed\n',
    "formula.csv": csv_bytes([row(gpa="=1+1", family_name="=HYPERLINK(\"http://x\")")]),
    "binary.csv": bytes(range(256)) * 40,
    "binary.xlsx": b"\x00\x01\x02" * 100,
    "zip-not-xlsx.xlsx": b"PK\x03\x04" + b"\x00" * 200,
    "empty-zip.xlsx": b"PK\x05\x06" + b"\x00" * 18,
    "formula.xlsx": xlsx_bytes([row()], formula_in="gpa"),
    "formula-iin.xlsx": xlsx_bytes([row()], formula_in="iin"),
    "missing-columns.xlsx": xlsx_bytes([row()], columns=("series", "family_name")),
    "header-only.xlsx": xlsx_bytes([]),
    "huge-cell.xlsx": xlsx_bytes([row(family_name="Я" * 40_000)]),
    "other-sheet.xlsx": xlsx_bytes([row()], columns=("x", "y"), sheet="notes"),
}


def _zip_with(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, data)
    return buf.getvalue()


COHORTS["zip-with-junk.xlsx"] = _zip_with("[Content_Types].xml", b"<not xml")


def test_bad_cohort_files(cli, registrar, tmp_path):
    env, token = registrar
    before = snapshot(env)
    for name in sorted(COHORTS):
        path = tmp_path / name
        path.write_bytes(COHORTS[name])
        for extra in ([], ["--dry-run"]):
            result = cli("issue", "batch", str(path), "--institution", "kaznu", "--token", token, *extra, env=env)
            assert_clean_failure(result, what=name)
    assert snapshot(env) == before, "the database changed"


def test_bad_supplement_file(cli, registrar, tmp_path):
    env, token = registrar
    cohort = tmp_path / "cohort.csv"
    cohort.write_bytes(csv_bytes([row()]))
    before = snapshot(env)
    for name in ("binary.csv", "utf16.csv", "zip-not-xlsx.xlsx", "huge-line.csv"):
        supplements = tmp_path / ("s-" + name)
        supplements.write_bytes(COHORTS[name])
        result = cli("issue", "batch", str(cohort), "--institution", "kaznu", "--token", token,
                     "--supplements", str(supplements), env=env)
        assert_clean_failure(result, before=before, env=env)


def test_missing_directory_and_unreadable_files(cli, registrar, tmp_path):
    env, token = registrar
    before = snapshot(env)
    for target in (tmp_path / "nope.csv", tmp_path):
        assert_clean_failure(cli("issue", "batch", str(target), "--institution", "kaznu", "--token", token, env=env),
                             before=before, env=env)
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.csv"
        locked.write_bytes(csv_bytes([row()]))
        locked.chmod(0)
        assert_clean_failure(cli("issue", "batch", str(locked), "--institution", "kaznu", "--token", token, env=env),
                             before=before, env=env)


def test_manifest_that_cannot_be_written_issues_nothing(cli, registrar, tmp_path):
    env, token = registrar
    cohort = tmp_path / "cohort.csv"
    cohort.write_bytes(csv_bytes([row()]))
    before = snapshot(env)
    for manifest in (tmp_path / "no-such-dir" / "m.json", tmp_path):
        result = cli("issue", "batch", str(cohort), "--institution", "kaznu", "--token", token,
                     "--manifest", str(manifest), env=env)
        assert_clean_failure(result, before=before, env=env)


def test_a_failed_run_keeps_an_existing_manifest(cli, registrar, tmp_path):
    env, token = registrar
    cohort = tmp_path / "cohort.csv"
    cohort.write_bytes(csv_bytes([row(iin="123")]))
    manifest = tmp_path / "manifest.json"
    manifest.write_text("{}", encoding="utf-8")
    result = cli("issue", "batch", str(cohort), "--institution", "kaznu", "--token", token,
                 "--manifest", str(manifest), env=env)
    assert result[0] == 2 and manifest.read_text(encoding="utf-8") == "{}"
    fresh = tmp_path / "fresh.json"
    cli("issue", "batch", str(cohort), "--institution", "kaznu", "--token", token, "--manifest", str(fresh), env=env)
    assert not fresh.exists()


def test_token_and_institution_problems(cli, registrar, tmp_path):
    env, token = registrar
    cohort = tmp_path / "cohort.csv"
    cohort.write_bytes(csv_bytes([row()]))
    before = snapshot(env)
    for args in (
        ["--institution", "kaznu"],
        ["--institution", "kaznu", "--token", "dalel_wrong"],
        ["--institution", "kaznu", "--token", "x" * 10_000],
        ["--institution", "kaznu", "--token", "dalel_\x00"],
        ["--institution", "nowhere", "--token", token],
        ["--institution", "", "--token", token],
    ):
        assert_clean_failure(cli("issue", "batch", str(cohort), *args, env=env), before=before, env=env)


BAD_COMMANDS = [
    ("institution", "add", "--slug", "kaznu", "--name-kk", "a", "--name-ru", "b", "--name-en", "c"),  # exists
    ("institution", "add", "--slug", "Bad Slug!", "--name-kk", "a", "--name-ru", "b", "--name-en", "c"),
    ("institution", "add", "--slug", "x" * 200, "--name-kk", "a", "--name-ru", "b", "--name-en", "c"),
    ("institution", "add", "--slug", "ok", "--name-kk", "a" * 600, "--name-ru", "b", "--name-en", "c"),
    ("institution", "add", "--slug", "ok", "--name-kk", "a", "--name-ru", "b", "--name-en", "c", "--country", "KAZ"),
    ("institution", "add", "--slug", "ok", "--name-kk", "a", "--name-ru", "b", "--name-en", "c", "--bin", "12"),
    ("institution", "add", "--slug", "ok", "--name-kk", "a", "--name-ru", "b", "--name-en", "c",
     "--address", "x" * 2000),
    ("institution", "add", "--slug", "ok", "--name-kk", "a\x00", "--name-ru", "b", "--name-en", "c"),
    ("institution", "add", "--slug", "ok", "--name-kk", "", "--name-ru", "b", "--name-en", "c"),
    ("institution", "add", "--slug", "ok"),
    ("programme", "add", "--institution", "nowhere", "--code", "6B1", "--level", "6", "--credits", "240",
     "--isced", "0613", "--name-kk", "a", "--name-ru", "b", "--name-en", "c"),
    ("programme", "add", "--institution", "kaznu", "--code", "6B06101", "--level", "6", "--credits", "240",
     "--isced", "0613", "--name-kk", "a", "--name-ru", "b", "--name-en", "c"),  # exists
    ("programme", "add", "--institution", "kaznu", "--code", "X" * 100, "--level", "6", "--credits", "240",
     "--isced", "0613", "--name-kk", "a", "--name-ru", "b", "--name-en", "c"),
    ("programme", "add", "--institution", "kaznu", "--code", "6B2", "--level", "9", "--credits", "240",
     "--isced", "0613", "--name-kk", "a", "--name-ru", "b", "--name-en", "c"),
    ("programme", "add", "--institution", "kaznu", "--code", "6B2", "--level", "6", "--credits", "lots",
     "--isced", "0613", "--name-kk", "a", "--name-ru", "b", "--name-en", "c"),
    ("programme", "add", "--institution", "kaznu", "--code", "6B2", "--level", "6", "--credits", "240",
     "--isced", "99999", "--name-kk", "a", "--name-ru", "b", "--name-en", "c"),
    ("programme", "add", "--institution", "kaznu", "--code", "6B2", "--level", "6", "--credits", "240",
     "--isced", "0613", "--name-kk", "a", "--name-ru", "b", "--name-en", "c", "--mode", "x" * 100),
    ("programme", "add", "--institution", "kaznu", "--code", "6B2", "--level", "6", "--credits", "240",
     "--isced", "0613", "--name-kk", "a", "--name-ru", "b", "--name-en", "c", "--language", "klingon" * 10),
    ("accreditation", "add", "--institution", "kaznu", "--agency", "IAAR", "--valid-from", "yesterday"),
    ("accreditation", "add", "--institution", "kaznu", "--agency", "IAAR", "--valid-from", "2020-01-01",
     "--scope", "galaxy"),
    ("accreditation", "add", "--institution", "kaznu", "--agency", "IAAR", "--valid-from", "2020-01-01",
     "--scope", "programme", "--programme", "NOPE"),
    ("accreditation", "add", "--institution", "kaznu", "--agency", "IAAR", "--valid-from", "2020-01-01",
     "--valid-until", "2019-01-01"),
    ("accreditation", "add", "--institution", "kaznu", "--agency", "A" * 1000, "--valid-from", "2020-01-01"),
    ("person", "add", "--institution", "kaznu", "--name", "N", "--position", "P", "--order-number", "1",
     "--order-date", "31.02.2024"),
    ("person", "add", "--institution", "nowhere", "--name", "N", "--position", "P", "--order-number", "1",
     "--order-date", "2024-01-01"),
    ("person", "add", "--institution", "kaznu", "--name", "N" * 1000, "--position", "P", "--order-number", "1",
     "--order-date", "2024-01-01"),
    ("person", "add", "--institution", "kaznu", "--name", "N", "--position", "P", "--order-number", "1" * 200,
     "--order-date", "2024-01-01"),
    ("person", "add", "--institution", "kaznu", "--name", "N", "--position", "P", "--order-number", "1",
     "--order-date", "2024-01-01", "--active-until", "9999-99-99"),
    ("token", "create", "--person", "999999"),
    ("token", "create", "--person", "abc"),
    ("token", "create", "--person", "1", "--scopes", "everything"),
    ("token", "create", "--person", "99999999999999999999999"),
    ("token", "revoke", "999999"),
    ("token", "revoke", "-1"),
    ("keys", "create", "--institution", "kaznu", "--alg", "rsa"),
    ("keys", "retire", "key-doesnotexist"),
    ("keys", "compromise", "key-doesnotexist", "--at", "2024-01-01T00:00:00Z"),
    ("keys", "compromise", "key-doesnotexist", "--at", "last tuesday"),
    ("issue", "nothing"),
    ("nonsense",),
    ("--lang", "fr", "version"),
    ("serve", "--role", "emperor"),
    ("serve", "--port", "0"),
    ("serve", "--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"),
    ("serve", "--tls-cert", "/etc/hostname"),
]


def test_bad_arguments(cli, registrar):
    env, _token = registrar
    before = snapshot(env)
    for args in BAD_COMMANDS:
        assert_clean_failure(cli(*args, env=env), what=" ".join(args)[:80])
    assert snapshot(env) == before, "the database changed"


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DALEL_PUBLIC_URL", "not a url"), ("DALEL_ROLE", "emperor"), ("DALEL_NUMBER_WIDTH", "99"),
     ("DALEL_DATABASE_URL", "nosuchdb://x"), ("DALEL_DATABASE_URL", "postgresql://dalel:secret@127.0.0.1:1/x"),
     ("DALEL_KEYSTORE_PASSPHRASE_FILE", "/nonexistent/passphrase")],
)
def test_bad_settings(cli, registrar, variable, value):
    env, _token = registrar
    before = snapshot(env)
    result = cli("institution", "add", "--slug", "other", "--name-kk", "a", "--name-ru", "b", "--name-en", "c",
                 env={**env, "DALEL_KEYSTORE_PASSPHRASE": "", variable: value}
                 if variable == "DALEL_KEYSTORE_PASSPHRASE_FILE" else {**env, variable: value})
    err = assert_clean_failure(result, before=before, env=env)
    assert "secret" not in err


def test_template_to_a_bad_place(cli, tmp_path):
    for target in (tmp_path / "no-such-dir" / "t.xlsx", tmp_path / "no-such-dir" / "t.csv", tmp_path):
        assert_clean_failure(cli("issue", "template", str(target)))


def test_formula_without_a_value_names_its_cell(cli, registrar, tmp_path):
    env, token = registrar
    path = tmp_path / "formula.xlsx"
    path.write_bytes(COHORTS["formula.xlsx"])  # gpa (column L) holds =1+1, never computed
    code, _out, err = cli("issue", "batch", str(path), "--institution", "kaznu", "--token", token, env=env)
    assert code == 2 and "L2" in err and "formula" in err


def test_empty_cohort_is_an_error_not_a_success(cli, registrar, tmp_path):
    env, token = registrar
    path = tmp_path / "empty.csv"
    path.write_bytes(csv_bytes([]))
    code, _out, err = cli("issue", "batch", str(path), "--institution", "kaznu", "--token", token, env=env)
    assert code == 2 and "no diploma rows" in err


def test_xlsx_bombs_are_refused_without_unpacking(tmp_path, monkeypatch):
    """A small upload that claims a huge sheet: refused by the sizes in the zip directory, and
    a sheet of blank rows stops at a bound instead of being walked to the end."""
    from common.problems import BadInput
    from issuer import batch

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b" " * 2_000_001)
    monkeypatch.setattr(batch, "MAX_XLSX_UNCOMPRESSED", 2_000_000)
    with pytest.raises(BadInput) as info:
        batch.read_xlsx(buf.getvalue(), "en")
    assert info.value.code == "batch-too-large" and len(buf.getvalue()) < 10_000
    monkeypatch.undo()

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(REQUIRED_COLUMNS))
    ws.cell(row=batch.MAX_SCANNED_ROWS + 5, column=1, value="BD")  # everything between is blank
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(BadInput) as info:
        batch.read_xlsx(out.getvalue(), "en")
    assert info.value.code == "batch-too-large"


@pytest.mark.parametrize("args", [("init",), ("institution", "list"), ("audit", "verify"), ("keys", "list")])
def test_a_data_directory_that_cannot_be_created(cli, tmp_path, args):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    err = assert_clean_failure(cli(*args, env={**PASS, "DALEL_DATA_DIR": str(blocker / "data")}))
    assert str(blocker / "data") in err


def test_demo_with_an_unwritable_out_writes_nothing(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    data = tmp_path / "demo-data"
    assert_clean_failure(cli("demo", "--no-serve", "--out", str(blocker / "out"), env={"DALEL_DATA_DIR": str(data)}))
    assert not data.exists()
