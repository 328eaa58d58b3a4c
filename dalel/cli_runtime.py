"""What every ``dalel`` command shares: the language of its messages, the two consoles, the
settings, the process's database engine and keystore (:mod:`dalel.resources`), one line for a
problem, the exit code of an error, and the confirmation of a final action.

The command modules (``cli``, ``cli_issuer``, ``cli_keys``, ``cli_status``, ``cli_wallet``,
``demo``) import this module and never one another, so none of them needs a function-level
import to dodge a cycle.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import typer
from pydantic import ValidationError
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlmodel import Session
from typer._click.globals import get_current_context

from common import i18n
from common.errors import DalelError
from common.files import ensure_private_dir
from common.problems import Problem
from dalel import resources
from dalel.settings import Settings, get_settings
from keys.keystore import Keystore


@dataclass
class CliState:
    """One invocation's state: ``--debug`` and ``--lang`` (set by the root callback) and the
    settings, read once per invocation. It rides on the Click context (``ctx.obj`` of the root
    command), so two invocations in one process (tests, ``CliRunner``) share nothing."""

    debug: bool = False
    lang: str | None = None
    settings: Settings | None = None


console = Console(stderr=False, emoji=False, highlight=False)
err_console = Console(stderr=True, emoji=False, highlight=False)


def state() -> CliState:
    """The running command's state; outside a command (a function called directly), a fresh one."""
    ctx = get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return obj if isinstance(obj, CliState) else CliState()


def lang() -> str:
    chosen = state().lang
    if chosen:
        return chosen
    return i18n.normalise_language(os.environ.get("DALEL_DEFAULT_LANGUAGE"), i18n.DEFAULT_LANGUAGE)


def say(message: str, **params: object) -> None:
    """`message` (its English source text) in the command's language, on standard output."""
    console.print(i18n.t(message, lang(), **params), soft_wrap=True, markup=False)


def out(text: str) -> None:
    """`text` as it is (data: JSON, a token, a URL), on standard output."""
    console.print(text, soft_wrap=True, markup=False, highlight=False)


def warn(text: str) -> None:
    err_console.print(text, soft_wrap=True, markup=False, highlight=False)


def settings() -> Settings:
    """The invocation's settings, read once; invalid settings are a usage error, not a traceback."""
    current = state()
    if current.settings is None:
        current.settings = _read_settings()
    return current.settings


def _read_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        error = f"{where}: {first.get('msg')}"
        detail = i18n.t("Invalid settings: {error}", lang(), error=error)
        raise Problem(400, "bad-request", detail) from None
    except Exception as exc:  # noqa: BLE001 - e.g. an unreadable TOML file
        raise Problem(400, "bad-request", i18n.t("Invalid settings: {error}", lang(), error=str(exc))) from None


def reload_settings() -> Settings:
    """Settings read again, after a command changed the environment they come from (the app
    factory, run in this process by ``serve``, reads them through ``get_settings``)."""
    get_settings.cache_clear()
    state().settings = None
    return settings()


def prepare_data_dir(s: Settings) -> None:
    try:
        ensure_private_dir(s.data_dir)
    except FileExistsError:
        raise OSError(0, "not a directory", str(s.data_dir)) from None


def db_label(url: str) -> str:
    """The database URL without credentials, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return url


def init_database(s: Settings | None = None) -> Engine:
    """The process's migrated engine for the database of `s` (default: the current settings);
    an unusable URL or an unreachable database is one clear line (the URL without its
    password), not a traceback."""
    s = s or settings()
    prepare_data_dir(s)
    url = s.effective_database_url
    try:
        resources.engine_for(url)
    except (ArgumentError, ValueError, ImportError):
        raise Problem(400, "bad-request", i18n.t("Invalid database URL: {db}", lang(), db=db_label(url))) from None
    try:
        return resources.migrated_engine(url)
    except OperationalError:
        raise DalelError(i18n.t("Cannot connect to the database: {db}", lang(), db=db_label(url))) from None


@contextmanager
def session() -> Iterator[Session]:
    """A session on the process's engine for the current settings."""
    with Session(init_database()) as s:
        yield s


def keystore(s: Settings | None = None) -> Keystore:
    """The process's keystore for `s` (default: the current settings)."""
    return resources.open_keystore(s or settings())


def problem_line(exc: BaseException, language: str | None = None) -> str:
    """A problem or an error as one line in the command's language (or `language`)."""
    text = exc.message(language or lang()) if isinstance(exc, Problem) else str(exc)
    return " ".join(text.split())


def exit_code_for(exc: BaseException) -> int:
    """1 when an operation failed (including a missing thing or a conflict), 2 for a usage or
    input error."""
    if isinstance(exc, Problem):
        return 2 if 400 <= exc.status < 500 and exc.status not in (404, 409) else 1
    return getattr(exc, "exit_code", 1)


def report(exc: BaseException, language: str | None = None) -> None:
    """Print `exc` as the one error line of the command."""
    warn(error_line(problem_line(exc, language), language))


def error_line(text: str, language: str | None = None) -> str:
    """``Error: <text>`` in the command's language (or `language`)."""
    return i18n.t("Error: {message}", language or lang(), message=text)


def confirm(question: str, *, yes: bool) -> None:
    """Ask before a change that cannot be undone. `--yes` skips the question; without a
    terminal to ask on, the command refuses (exit 2) instead of guessing."""
    if yes:
        return
    if not (sys.stdin.isatty() and err_console.is_terminal):
        raise Problem(400, "confirmation-required",
                      i18n.t("This cannot be undone: without a terminal (in a script), confirm it with --yes", lang()))
    err_console.print(question, soft_wrap=True, markup=False, highlight=False)
    answer = typer.prompt(i18n.t("Continue? [y/N]", lang()), default="", show_default=False,
                          err=True, prompt_suffix=" ")
    if answer.strip().lower() not in ("y", "yes", "д", "да", "и", "иә", "ия"):
        warn(i18n.t("Cancelled: nothing was changed.", lang()))
        raise typer.Exit(1)


