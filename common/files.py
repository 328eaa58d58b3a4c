"""Private files: one way to write what only the service's user may read (keys, secrets,
tokens, manifests with personal data, the database itself), whatever the umask.

* :func:`write_private` writes a whole file atomically with mode 0600: readers see the old file
  or the complete new one, never a half-written or briefly world-readable one.
* :func:`private_secret` reads a secret file, creating it once (concurrent creators agree on
  the first one written).
* :func:`ensure_private_file` creates an empty 0600 file, or narrows an existing one, without
  ever opening an existing file: closing any descriptor of a file drops every POSIX lock the
  process holds on it, and SQLite keeps its locks that way (an open-and-close beside a live
  connection made a second process delete the WAL the first was writing to).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700

__all__ = [
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "ensure_private_dir",
    "ensure_private_file",
    "is_private_file",
    "narrow",
    "private_secret",
    "write_private",
]


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_private(path: Path | str, data: bytes | str, *, overwrite: bool) -> None:
    """Write `data` (text as UTF-8) to `path` with mode 0600, atomically. With
    ``overwrite=False`` an existing `path` is never replaced (a key, a secret others already
    use): FileExistsError, the file untouched."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), PRIVATE_FILE_MODE)  # O_CREAT's mode is masked by the umask only downwards
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if `path` exists: never replace it
            except FileExistsError:
                raise
            except OSError:  # a filesystem without hard links
                if path.exists():
                    raise FileExistsError(str(path)) from None
                os.replace(tmp, path)
            else:
                os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def private_secret(path: Path | str, make: Callable[[], bytes], *, valid: Callable[[bytes], bool] = bool) -> bytes:
    """The content of the secret file `path`; created with ``make()`` (mode 0600) when missing
    or not `valid`. When two processes create it at once, both return the first one written."""
    path = Path(path)
    try:
        data = path.read_bytes()
        if valid(data):
            return data
    except FileNotFoundError:
        data = None
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # another process won: use its secret
        write_private(path, make(), overwrite=data is not None)  # an invalid file is replaced
    return path.read_bytes()


def ensure_private_file(path: Path | str) -> None:
    """Create `path` empty with mode 0600 if it does not exist; narrow an existing file of ours
    to 0600. An existing file is never opened (see the module's note on locks)."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        narrow(path)
        return
    except OSError:
        return  # e.g. a read-only directory: whoever opens the file reports it
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
    except OSError:
        pass
    finally:
        os.close(fd)  # nobody else can hold a lock on a file this call just created


def narrow(path: Path | str, mode: int = PRIVATE_FILE_MODE) -> None:
    """Set `path`'s permission bits to `mode` if they differ, by name (no descriptor opened);
    a file that is missing or not ours is left as it is."""
    try:
        if stat.S_IMODE(os.stat(path).st_mode) != mode:
            os.chmod(path, mode)
    except OSError:
        pass


def ensure_private_dir(path: Path | str) -> None:
    """Create the directory `path` (and parents) and narrow it to 0700."""
    path = Path(path)
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    narrow(path, PRIVATE_DIR_MODE)


def is_private_file(path: Path | str) -> bool:
    """Whether `path` is a regular file owned by this process's user that nobody else may read
    or write (what a secret picked up without being configured must be)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077
