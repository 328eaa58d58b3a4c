"""Shared fixtures. Database tests take `engine` or `session`: each runs on SQLite and, when
DALEL_TEST_DATABASE_URL is set, also on PostgreSQL, each on a fresh, migrated schema."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dalel.db import make_engine, migrate
from dalel.settings import Settings

PG_URL = os.environ.get("DALEL_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _fresh_engine(backend: str, tmp_path: Path) -> tuple[Engine, callable]:
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'test.sqlite3'}")
        return engine, engine.dispose
    schema = "t_" + secrets.token_hex(6)
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})

    def cleanup() -> None:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return engine, cleanup


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path) -> Iterator[Engine]:
    """A fresh database with every migration applied."""
    if request.param == "postgresql":
        request.applymarker(pytest.mark.postgres)
    eng, cleanup = _fresh_engine(request.param, tmp_path)
    try:
        migrate(eng)
        yield eng
    finally:
        cleanup()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    with Session(engine) as s:
        yield s


@pytest.fixture
def settings(tmp_path, engine) -> Settings:
    """Settings for a throwaway deployment on the fixture database."""
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    return Settings(
        data_dir=data_dir,
        database_url=str(engine.url.render_as_string(hide_password=False)),
        public_url="http://testserver",
        keystore_passphrase="test passphrase " + secrets.token_hex(4),
        fetch_allow_http=True,
        fetch_allow_private=True,
        fetch_allow_hosts=["testserver", "127.0.0.1", "localhost"],
    )


@pytest.fixture
def app(settings, engine):
    from dalel.app import create_app

    return create_app(settings, engine=engine)


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def cli(monkeypatch, tmp_path):
    """Runs `dalel …` in-process through Typer's CliRunner (the same root command as the console
    script: translated help, one-line errors, exit codes); returns (exit_code, stdout, stderr).
    Each run has its own state (language, settings), so nothing is reset between runs. `env`
    is exported for this run and the test's later ones, as in a shell."""
    from typer.testing import CliRunner

    from dalel import resources
    from dalel.cli import app as cli_app

    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> tuple[int, str, str]:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        result = runner.invoke(cli_app, list(args), input=input or "", catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    # the deployment of this test only: none of the caller's DALEL_ variables, a data dir of its own
    for key in list(os.environ):
        if key.startswith("DALEL_") and key != "DALEL_TEST_DATABASE_URL" or key == "DATABASE_URL":
            monkeypatch.delenv(key)
    monkeypatch.setenv("DALEL_DATA_DIR", str(tmp_path / "cli-data"))
    monkeypatch.setenv("DALEL_DEFAULT_LANGUAGE", "en")
    saved_environ = dict(os.environ)  # a command may set variables (serve sets DALEL_ROLE for its app)
    yield run
    resources.release_all()  # this test's deployments: their engines and keystores
    os.environ.clear()
    os.environ.update(saved_environ)
