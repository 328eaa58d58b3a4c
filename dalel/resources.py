"""What one process holds, whatever runs in it (a command, the server, or ``dalel demo`` and then
its server): one database engine per database URL, migrated at most once, and one opened
keystore per keystore directory and passphrase.

One engine per process is a rule, not an economy: SQLite keeps its locks per process, and two
engines (or any other open-and-close of the database file) beside live connections let
another process take the database for unused and delete the WAL this one still writes to
(see :mod:`common.files`). Every command, the app factory and the demo take their engine here.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy.engine import Engine

from dalel.db import make_engine, migrate
from dalel.settings import Settings
from keys.keystore import Keystore

__all__ = ["engine_for", "migrated_engine", "open_keystore", "release_all"]

_lock = threading.RLock()
_engines: dict[str, Engine] = {}
_migrated: set[str] = set()
_keystores: dict[tuple[Path, str | None, Path | None], Keystore] = {}


def engine_for(url: str) -> Engine:
    """This process's engine for `url`, created on first use."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        return engine


def migrated_engine(url: str) -> Engine:
    """:func:`engine_for` with every migration applied (once per process)."""
    with _lock:
        engine = engine_for(url)
        if url not in _migrated:
            migrate(engine)
            _migrated.add(url)
        return engine


def open_keystore(settings: Settings) -> Keystore:
    """The issuer keystore of `settings`, unlocked once per process. The passphrase comes from
    ``DALEL_KEYSTORE_PASSPHRASE``, else ``DALEL_KEYSTORE_PASSPHRASE_FILE``, else the file
    ``dalel demo`` keeps in the data directory (when it is this user's private file)."""
    passphrase_file = settings.effective_keystore_passphrase_file
    key = (Path(settings.keystore_dir).resolve(), settings.keystore_passphrase, passphrase_file)
    with _lock:
        keystore = _keystores.get(key)
        if keystore is None:
            keystore = _keystores[key] = Keystore.open(
                settings.keystore_dir, passphrase=settings.keystore_passphrase, passphrase_file=passphrase_file
            )
        return keystore


def release_all() -> None:
    """Dispose every engine and forget every keystore (tests that run many deployments in one
    process; a process that only ends needs nothing of the kind)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _migrated.clear()
        _keystores.clear()
