import os

import pytest
from sqlalchemy import inspect, text

from dalel.db import pending_migrations
from dalel.settings import Settings


def test_defaults(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for k in list(os.environ):
        if k.startswith("DALEL_") or k == "DATABASE_URL":
            monkeypatch.delenv(k)
    s = Settings()
    assert s.public_url == "http://127.0.0.1:8000"
    assert s.role == "all" and s.default_language == "kk"
    assert s.max_body_bytes == 1024 * 1024
    assert s.effective_database_url == f"sqlite:///{(tmp_path / '.dalel' / 'dalel.sqlite3')}"


def test_toml_file_and_environment_wins(monkeypatch, tmp_path):
    cfg = tmp_path / "dalel.toml"
    cfg.write_text('public_url = "https://diplomas.example.kz"\nrole = "verifier"\ndefault_language = "ru"\n')
    monkeypatch.setenv("DALEL_CONFIG", str(cfg))
    monkeypatch.delenv("DALEL_ROLE", raising=False)
    monkeypatch.setenv("DALEL_PUBLIC_URL", "https://env.example.kz/")
    s = Settings()
    assert s.role == "verifier" and s.default_language == "ru"
    assert s.public_url == "https://env.example.kz"


def test_database_url_env_and_postgres_scheme(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db:5432/dalel")
    assert Settings().effective_database_url == "postgresql+psycopg://u@db:5432/dalel"


@pytest.mark.parametrize("bad", ["ftp://x", "not a url", "https://x.kz/?a=1"])
def test_bad_public_url_rejected(monkeypatch, bad):
    monkeypatch.setenv("DALEL_PUBLIC_URL", bad)
    with pytest.raises(ValueError):
        Settings()


def test_migrations_applied_on_both_backends(engine):
    assert pending_migrations(engine) == set()
    assert "dalel_meta" in inspect(engine).get_table_names()
    if engine.dialect.name == "sqlite":
        with engine.connect() as c:
            assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_postgres_runs_on_ci():
    """CI must not silently skip the PostgreSQL variants."""
    if os.environ.get("CI"):
        assert os.environ.get("DALEL_TEST_DATABASE_URL"), "CI must set DALEL_TEST_DATABASE_URL"
