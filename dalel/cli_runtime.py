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

from common import i18n
from common.errors import DalelError
from common.files import ensure_private_dir
from common.problems import Problem
from dalel import resources
from dalel.settings import Settings, get_settings
from keys.keystore import Keystore

i18n.register(
    {
        "cli.error.prefix": {"kk": "Қате", "ru": "Ошибка", "en": "Error"},
        "cli.error.database_url": {
            "kk": "Дерекқор мекенжайы жарамсыз: {db}",
            "ru": "Недопустимый адрес базы данных: {db}",
            "en": "Invalid database URL: {db}",
        },
        "cli.error.database": {
            "kk": "Дерекқорға қосылу мүмкін емес: {db}",
            "ru": "Не удаётся подключиться к базе данных: {db}",
            "en": "Cannot connect to the database: {db}",
        },
        "cli.error.settings": {
            "kk": "Баптаулар қате: {error}",
            "ru": "Ошибка в настройках: {error}",
            "en": "Invalid settings: {error}",
        },
        "cli.confirm.abort": {
            "kk": "Тоқтатылды: ештеңе өзгерген жоқ.",
            "ru": "Отменено: ничего не изменено.",
            "en": "Cancelled: nothing was changed.",
        },
        "cli.confirm.no_tty": {
            "kk": "Бұл әрекетті кері қайтару мүмкін емес: терминалсыз (скриптте) оны --yes арқылы растаңыз",
            "ru": "Это действие необратимо: без терминала (в скрипте) подтвердите его флагом --yes",
            "en": "This cannot be undone: without a terminal (in a script), confirm it with --yes",
        },
        "cli.confirm.answer": {
            "kk": "Жалғастыру керек пе? [y/N]",
            "ru": "Продолжить? [y/N]",
            "en": "Continue? [y/N]",
        },
    }
)


@dataclass
class CliState:
    """Set by the root callback from ``--debug`` and ``--lang``."""

    debug: bool = False
    lang: str | None = None


state = CliState()
console = Console(stderr=False, emoji=False, highlight=False)
err_console = Console(stderr=True, emoji=False, highlight=False)


def lang() -> str:
    if state.lang:
        return state.lang
    return i18n.normalise_language(os.environ.get("DALEL_DEFAULT_LANGUAGE"), i18n.DEFAULT_LANGUAGE)


def say(key: str, **params: object) -> None:
    """The message `key` in the command's language, on standard output."""
    console.print(i18n.t(key, lang(), **params), soft_wrap=True, markup=False)


def out(text: str) -> None:
    """`text` as it is (data: JSON, a token, a URL), on standard output."""
    console.print(text, soft_wrap=True, markup=False, highlight=False)


def warn(text: str) -> None:
    err_console.print(text, soft_wrap=True, markup=False, highlight=False)


def settings() -> Settings:
    """Current settings; invalid settings are a usage error, not a traceback."""
    try:
        return get_settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        detail = i18n.t("cli.error.settings", lang(), error=f"{where}: {first.get('msg')}")
        raise Problem(400, "bad-request", detail) from None
    except Exception as exc:  # noqa: BLE001 - e.g. an unreadable TOML file
        raise Problem(400, "bad-request", i18n.t("cli.error.settings", lang(), error=str(exc))) from None


def reload_settings() -> Settings:
    """Settings read again (after a command changed the environment they come from)."""
    get_settings.cache_clear()
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
        raise Problem(400, "bad-request", i18n.t("cli.error.database_url", lang(), db=db_label(url))) from None
    try:
        return resources.migrated_engine(url)
    except OperationalError:
        raise DalelError(i18n.t("cli.error.database", lang(), db=db_label(url))) from None


@contextmanager
def session() -> Iterator[Session]:
    """A session on the process's engine for the current settings."""
    with Session(init_database()) as s:
        yield s


def keystore(s: Settings | None = None) -> Keystore:
    """The process's keystore for `s` (default: the current settings)."""
    return resources.open_keystore(s or settings())


def problem_line(exc: BaseException) -> str:
    """A problem or an error as one line in the command's language."""
    text = exc.message(lang()) if isinstance(exc, Problem) else str(exc)
    return " ".join(text.split())


def exit_code_for(exc: BaseException) -> int:
    """1 when an operation failed (including a missing thing or a conflict), 2 for a usage or
    input error."""
    if isinstance(exc, Problem):
        return 2 if 400 <= exc.status < 500 and exc.status not in (404, 409) else 1
    return getattr(exc, "exit_code", 1)


def report(exc: BaseException) -> None:
    """Print `exc` as the one error line of the command."""
    warn(f"{i18n.t('cli.error.prefix', lang())}: {problem_line(exc)}")


def confirm(question: str, *, yes: bool) -> None:
    """Ask before a change that cannot be undone. `--yes` skips the question; without a
    terminal to ask on, the command refuses (exit 2) instead of guessing."""
    if yes:
        return
    if not (sys.stdin.isatty() and err_console.is_terminal):
        raise Problem(400, "confirmation-required", i18n.t("cli.confirm.no_tty", lang()))
    err_console.print(question, soft_wrap=True, markup=False, highlight=False)
    answer = typer.prompt(i18n.t("cli.confirm.answer", lang()), default="", show_default=False,
                          err=True, prompt_suffix=" ")
    if answer.strip().lower() not in ("y", "yes", "д", "да", "и", "иә", "ия"):
        warn(i18n.t("cli.confirm.abort", lang()))
        raise typer.Exit(1)


i18n.register(
    {
        "problem.confirmation-required": {
            "kk": "Растау қажет",
            "ru": "Требуется подтверждение",
            "en": "Confirmation required",
        },
    }
)
