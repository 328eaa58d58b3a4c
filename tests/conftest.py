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
    """Runs `dalel …` in-process; returns (exit_code, stdout, stderr)."""
    import io
    import sys

    from dalel import cli as cli_module
    from dalel import cli_runtime, resources
    from dalel.settings import get_settings

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> tuple[int, str, str]:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "argv", ["dalel", *args])
        monkeypatch.setattr(sys, "stdin", io.StringIO(input or ""))
        cli_module.console.file = out
        cli_module.err_console.file = err
        cli_runtime.state.debug, cli_runtime.state.lang = False, None
        old_out, old_err = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        try:
            cli_module.main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.stdout, sys.stderr = old_out, old_err
            cli_module.console.file = None
            cli_module.err_console.file = None
            get_settings.cache_clear()
        return code, out.getvalue(), err.getvalue()

    saved_environ = dict(os.environ)  # commands may set variables (e.g. the demo passphrase file)
    for key in list(os.environ):
        if key.startswith("DALEL_") and key != "DALEL_TEST_DATABASE_URL" or key == "DATABASE_URL":
            monkeypatch.delenv(key)
    monkeypatch.setenv("DALEL_DATA_DIR", str(tmp_path / "cli-data"))
    monkeypatch.setenv("DALEL_DEFAULT_LANGUAGE", "en")
    yield run
    resources.release_all()  # this test's deployments: their engines and keystores
    os.environ.clear()
    os.environ.update(saved_environ)
