"""The SQLite database (graduates' records) and its -wal/-shm files are the service user's alone,
whatever the umask."""

from __future__ import annotations

import os
import stat

from sqlalchemy import text

from dalel.db import make_engine, migrate


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_database_files_are_0600_under_a_lax_umask(tmp_path):
    db = tmp_path / "data" / "dalel.sqlite3"
    old = os.umask(0o000)  # the worst case: everything would be world-writable
    try:
        engine = make_engine(f"sqlite:///{db}")
        migrate(engine)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
            conn.execute(text("INSERT INTO probe VALUES (1)"))
            files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
            assert all(f.exists() for f in files), files  # WAL mode: both sidecars exist while connected
            assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
        engine.dispose()
    finally:
        os.umask(old)
    assert _mode(db) == 0o600


def test_an_existing_world_readable_database_is_narrowed(tmp_path):
    db = tmp_path / "dalel.sqlite3"
    engine = make_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    engine.dispose()
    os.chmod(db, 0o644)
    for suffix in ("-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            os.chmod(side, 0o644)
    engine = make_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM t"))
        assert _mode(db) == 0o600
        for suffix in ("-wal", "-shm"):
            side = db.with_name(db.name + suffix)
            if side.exists():
                assert _mode(side) == 0o600
    engine.dispose()


def test_memory_database_still_works():
    engine = make_engine("sqlite:///:memory:")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
