import json

from sqlmodel import Session, select

from common.vocab import document_number
from issuer.pii import make_iin


def _setup(cli, tmp_path):
    env = {"DALEL_KEYSTORE_PASSPHRASE": "cli test passphrase"}
    code, out, err = cli("institution", "add", "--slug", "kaznu", "--name-kk", "ҚазҰУ", "--name-ru", "КазНУ",
                         "--name-en", "KazNU", "--bin", "990140000384", env=env)
    assert code == 0, err
    assert "did:web:" in out
    code, out, err = cli("programme", "add", "--institution", "kaznu", "--code", "6B06101", "--level", "6",
                         "--credits", "240", "--isced", "0613", "--name-kk", "Ақпараттық жүйелер",
                         "--name-ru", "Информационные системы", "--name-en", "Information Systems")
    assert code == 0, err and "EQF 6" in out
    code, out, err = cli("accreditation", "add", "--institution", "kaznu", "--agency", "IAAR",
                         "--valid-from", "2020-01-01", "--valid-until", "2030-01-01")
    assert code == 0, err
    code, out, err = cli("person", "add", "--institution", "kaznu", "--name", "A. Registrar",
                         "--position", "Registrar", "--order-number", "12-к", "--order-date", "2024-09-01")
    assert code == 0, err
    person_id = out.strip()
    assert person_id.isdigit()
    code, out, err = cli("token", "create", "--person", person_id, "--scopes", "issue,revoke,correct")
    assert code == 0, err
    token = out.strip()
    assert token.startswith("dalel_") and "once" in err
    return env, token


def _write_cohort(path, rows):
    from issuer.service import REQUIRED_COLUMNS

    lines = [",".join(REQUIRED_COLUMNS)]
    for r in rows:
        lines.append(",".join(str(r.get(c, "")) for c in REQUIRED_COLUMNS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _row(n, **kw):
    from datetime import date

    base = {"series": "BD", "number": "", "family_name": "Иванов", "given_name": "Иван", "patronymic": "",
            "name_latin": "Ivan Ivanov", "iin": make_iin(date(2001, 2, 3), "m", n), "date_of_birth": "2001-02-03",
            "programme_code": "6B06101", "award_date": "2025-06-30", "honours": "no", "gpa": "3.1"}
    base.update(kw)
    return base


def test_cli_setup_batch_and_audit(cli, tmp_path):
    env, token = _setup(cli, tmp_path)
    cohort = tmp_path / "cohort.csv"
    _write_cohort(cohort, [_row(1), _row(2, iin="12345"), _row(3, series="ВD")])
    code, out, err = cli("issue", "batch", str(cohort), "--institution", "kaznu", "--token", token, env=env)
    assert code == 2
    assert "row 3" in err and "row 4" in err and "iin" in err and "nothing was issued" in err
    _write_cohort(cohort, [_row(1), _row(2)])
    code, out, err = cli("issue", "batch", str(cohort), "--institution", "kaznu", "--dry-run", env={**env, "DALEL_TOKEN": token})
    assert code == 0 and "2 rows would be issued" in out
    manifest = tmp_path / "m.json"
    code, out, err = cli("issue", "batch", str(cohort), "--institution", "kaznu", "--manifest", str(manifest),
                         env={**env, "DALEL_TOKEN": token})
    assert code == 0, err
    assert manifest.stat().st_mode & 0o777 == 0o600  # graduates' names and verify links: the registrar's only
    data = json.loads(manifest.read_text())
    assert [d["display"] for d in data["diplomas"]] == ["BD 00000001", "BD 00000002"]
    assert all(d["verify_url"].startswith("http://127.0.0.1:8000/v/") for d in data["diplomas"])
    for r in (_row(1), _row(2)):
        assert r["iin"] not in manifest.read_text() and r["iin"] not in out + err
    code, out, err = cli("issue", "batch", str(cohort), "--institution", "kaznu", env={**env, "DALEL_TOKEN": token})
    assert code == 0 and "Issued: 0; issued before: 2" in out
    code, out, err = cli("audit", "verify")
    assert code == 0 and "2 rows" in out
    # tamper with the log: `dalel audit verify` exits 1
    from sqlalchemy import text

    from dalel.db import make_engine
    from dalel.settings import Settings

    engine = make_engine(Settings(data_dir=tmp_path / "cli-data").effective_database_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE issuer_audit_entry SET subject = 'BD 00000009' WHERE seq = 1"))
    engine.dispose()
    code, out, err = cli("audit", "verify")
    assert code == 1 and "row 1" in err


def test_cli_template(cli, tmp_path):
    code, out, err = cli("issue", "template", str(tmp_path / "t.xlsx"))
    assert code == 0 and (tmp_path / "t.xlsx").exists()


def test_cli_usage_errors(cli, tmp_path):
    env, token = _setup(cli, tmp_path)
    code, out, err = cli("programme", "add", "--institution", "kaznu", "--code", "6В06101", "--level", "6",
                         "--credits", "240", "--isced", "0613", "--name-kk", "a", "--name-ru", "b", "--name-en", "c")
    assert code == 2 and "position 2" in err
    code, out, err = cli("institution", "add", "--slug", "x1", "--name-kk", "a", "--name-ru", "b", "--name-en", "c",
                         "--bin", "123", env=env)
    assert code == 2 and "Traceback" not in err


def test_demo_manifest_and_idempotency(cli, tmp_path):
    out_dir = tmp_path / "demo"
    code, out, err = cli("demo", "--no-serve", "--out", str(out_dir))
    assert code == 0, err
    manifest = json.loads((out_dir / "manifest.json").read_text())
    assert set(manifest) == {"institution", "token", "diplomas"}
    assert set(manifest["institution"]) == {"slug", "did"}
    assert len(manifest["diplomas"]) == 5
    for d in manifest["diplomas"]:
        assert set(d) >= {"series", "number", "credential", "supplement", "verify_url", "graduate"}
        credential = (out_dir / d["credential"]).read_text()
        supplement = (out_dir / d["supplement"]).read_text()
        assert d["graduate"]["iin"] not in credential + supplement + d["verify_url"]
        assert d["graduate"]["iin"] not in out
        assert document_number(json.loads(credential)) == (d["series"], d["number"])
        assert document_number(json.loads(supplement)) == (d["series"], d["number"])
    names = [d["graduate"]["name"] for d in manifest["diplomas"]]
    assert "Lukas Müller" in names and "Aigerim Zhaksybekova" in names and "Anna Petrova" in names
    code, out, err = cli("demo", "--no-serve", "--out", str(out_dir))
    assert code == 0, err
    assert json.loads((out_dir / "manifest.json").read_text()) == manifest
    # the token works
    from dalel.db import make_engine
    from dalel.settings import Settings
    from issuer.auth import authenticate
    from issuer.models import Diploma

    engine = make_engine(Settings(data_dir=tmp_path / "cli-data").effective_database_url)
    with Session(engine) as s:
        assert authenticate(s, manifest["token"]).scopes == {"issue", "revoke", "correct"}
        assert len(s.exec(select(Diploma)).all()) == 5
    engine.dispose()


def test_counts_are_said_with_each_languages_plural_forms(cli, tmp_path):
    """«1 ошибка», «2 ошибки», «5 ошибок»: a count is a real plural form, never "error(s)"."""
    env, token = _setup(cli, tmp_path)
    cohort = tmp_path / "cohort.csv"
    env = {**env, "DALEL_TOKEN": token}
    _write_cohort(cohort, [_row(1, iin="12345")])
    code, _, err = cli("--lang", "ru", "issue", "batch", str(cohort), "--institution", "kaznu", env=env)
    assert code == 2 and "1 ошибка; ничего не выдано:" in err
    _write_cohort(cohort, [_row(1, iin="12345"), _row(2, iin="1"), _row(3, iin="2"), _row(4, iin="3"), _row(5, iin="4")])
    code, _, err = cli("--lang", "ru", "issue", "batch", str(cohort), "--institution", "kaznu", env=env)
    assert code == 2 and "5 ошибок; ничего не выдано:" in err
    code, _, err = cli("--lang", "en", "issue", "batch", str(cohort), "--institution", "kaznu", env=env)
    assert code == 2 and "5 errors; nothing was issued:" in err and "(s)" not in err
    _write_cohort(cohort, [_row(1), _row(2)])
    code, out, _ = cli("--lang", "ru", "issue", "batch", str(cohort), "--institution", "kaznu", "--dry-run", env=env)
    assert code == 0 and "будет выдано 2 строки" in out
    code, out, _ = cli("--lang", "kk", "issue", "batch", str(cohort), "--institution", "kaznu", "--dry-run", env=env)
    assert code == 0 and "2 жол беріледі" in out
