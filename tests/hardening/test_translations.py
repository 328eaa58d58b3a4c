"""Messages a person reads, which were English-only: each now follows the language asked for."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from common.problems import Problem


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


@pytest.fixture
def auth(app, engine, settings):
    from datetime import date

    from issuer.auth import create_token
    from issuer.setup import add_institution, add_person
    from keys.keystore import Keystore

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    app.state.ctx._keystore = keystore
    with Session(engine) as s:
        add_institution(s, keystore, slug="kaznu", name_kk="ҚазҰУ", name_ru="КазНУ", name_en="KazNU",
                        public_url=settings.public_url)
        person = add_person(s, institution="kaznu", name="Registrar", position="Registrar", order_number="1",
                            order_date=date(2024, 9, 1))
        token, _ = create_token(s, person.id, "issue")
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("path", "body"),
    [("/api/v1/batches", {"rows": "x"}), ("/api/v1/diplomas", [1]), ("/api/v1/batches", {"rows": []})],
)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_request_shape_problems_are_translated(client, auth, path, body, lang):
    r = client.post(path, json=body, headers={**auth, "Accept-Language": lang})
    assert 400 <= r.status_code < 500
    problem = r.json()
    texts = [problem.get("detail", "")] + [e["message"] for e in problem.get("errors", [])]
    assert any(_cyrillic(t) for t in texts), problem


def test_multipart_without_a_file_is_translated(client, auth):
    r = client.post("/api/v1/batches?lang=ru", files={"other": ("a.csv", b"x")}, headers=auth)
    assert r.status_code == 400 and _cyrillic(r.json()["detail"])


def test_public_credential_stub_note_follows_the_language(client, app, engine, settings):
    from keys.keystore import Keystore
    from tests.support.issuer import row, seed_institution

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    app.state.ctx._keystore = keystore
    with Session(engine) as s:
        seed = seed_institution(s, keystore, settings)
    issued = client.post("/api/v1/diplomas", json=row(1), headers={"Authorization": f"Bearer {seed.token}"})
    assert issued.status_code == 201, issued.text
    uuid = issued.json()["credential_id"].rsplit("/", 1)[1]
    notes = {lang: client.get(f"/credentials/{uuid}?lang={lang}").json()["note"] for lang in ("kk", "ru", "en")}
    assert _cyrillic(notes["kk"]) and _cyrillic(notes["ru"]) and notes["en"].isascii()
    assert len(set(notes.values())) == 3


@pytest.mark.parametrize(
    "kwargs",
    [{"isced": "061"}, {"level": 9}, {"credits": 0}, {"mode_of_study": "weekend"}, {"name_kk": ""},
     {"name_en": "x" * 600}],
)
def test_programme_problems_are_translated(session, kwargs):
    from issuer.setup import add_institution, add_programme

    add_institution(session, None, slug="kaznu", name_kk="ҚазҰУ", name_ru="КазНУ", name_en="KazNU",
                    public_url="http://testserver", create_key=False)
    args = {"institution": "kaznu", "code": "6B1", "name_kk": "a", "name_ru": "b", "name_en": "c",
            "isced": "0613", "level": 6, "credits": 240, **kwargs}
    with pytest.raises(Problem) as info:
        add_programme(session, lang="ru", **args)
    assert _cyrillic(info.value.detail)


def test_cli_date_problem_is_translated(cli):
    code, _out, err = cli("--lang", "ru", "person", "add", "--institution", "x", "--name", "N", "--position", "P",
                          "--order-number", "1", "--order-date", "31.02.2024")
    assert code == 2 and "ГГГГ-ММ-ДД" in err


@pytest.mark.parametrize(
    ("files", "data", "ctype"),
    [(None, None, "multipart/form-data"), ({"file": ("a.csv", b"a")}, {f"f{i}": "x" for i in range(1500)}, None)],
)
def test_framework_errors_carry_no_english_detail(client, auth, files, data, ctype):
    headers = {**auth, "Accept-Language": "ru"}
    if ctype:
        r = client.post("/api/v1/batches", content=b"abc", headers={**headers, "Content-Type": ctype})
    else:
        r = client.post("/api/v1/batches", files=files, data=data, headers=headers)
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert _cyrillic(problem["title"]) and "detail" not in problem


def test_serve_tls_problems_are_translated(cli):
    code, out, err = cli("--lang", "kk", "serve", "--tls-cert", "/nonexistent/cert.pem")
    assert code == 2 and "бірге беріледі" in out + err
