"""One engine factory for SQLite (embedded default) and PostgreSQL, and Alembic migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import create_engine

from common.files import PRIVATE_FILE_MODE, ensure_private_file, narrow
from common.problems import Problem

MIGRATIONS_DIR = Path(__file__).parent / "migrations"



_INT64 = 2**63


def _refuse_unstorable(_conn, _cursor, _statement, parameters, _context, _executemany) -> None:
    """No string with NUL and no integer beyond 64 bits reaches the database: PostgreSQL
    refuses NUL (a DataError, i.e. a 500, wherever user text is stored or looked up), SQLite
    would store what PostgreSQL cannot, and both fail on such integers (an id typed by a
    person). Only user input carries them, so each is a 400 on every backend."""
    # parameters: one set (dict or sequence), a list of sets (executemany), or the flat
    # sequence of a multi-row INSERT … VALUES ("insertmanyvalues" also sets executemany)
    pending = [parameters]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, (list, tuple)):
            pending.extend(item)
        elif isinstance(item, str):
            if "\x00" in item:
                raise Problem(400, "nul-character")
        elif isinstance(item, int) and not isinstance(item, bool) and not -_INT64 <= item < _INT64:
            raise Problem(400, "number-out-of-range")


def make_engine(url: str, **kwargs) -> Engine:
    """SQLite: WAL, foreign keys, busy timeout. PostgreSQL through psycopg 3.

    Statement parameters are kept out of error messages (``hide_parameters``): a database
    error would otherwise carry graduates' names into the log."""
    kwargs.setdefault("hide_parameters", True)
    engine = _make_engine(url, **kwargs)
    event.listen(engine, "before_cursor_execute", _refuse_unstorable)
    return engine


DB_FILE_MODE = PRIVATE_FILE_MODE


def _sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for an in-memory database."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _make_engine(url: str, **kwargs) -> Engine:
    if url.startswith("sqlite"):
        db_file = _sqlite_file(url)
        if db_file is not None:
            db_file.parent.mkdir(parents=True, exist_ok=True)
            # graduates' records: 0600 before SQLite first creates the file (it gives -wal and
            # -shm the database file's mode; they are narrowed at connect too, if older). An
            # existing file is narrowed by name, never opened: see common.files on locks
            ensure_private_file(db_file)
        connect_args = {"check_same_thread": False, "timeout": 30}
        connect_args.update(kwargs.pop("connect_args", {}))
        engine = create_engine(url, connect_args=connect_args, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
            if db_file is not None:
                for suffix in ("-wal", "-shm"):
                    narrow(db_file.with_name(db_file.name + suffix))  # not there (yet), or not ours: left

        return engine
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def migrate(engine: Engine) -> None:
    """Apply every migration (all heads) to the database behind `engine`."""
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "heads")


def pending_migrations(engine: Engine) -> set[str]:
    """Heads of the migration scripts that the database has not reached."""
    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return set(script.get_heads()) - current


def ping(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
