"""The ``dalel`` command line. Exit codes: 0 ok, 1 operation failed, 2 usage or input error,
3 the port to serve on is in use. A user error prints one line and no traceback (``--debug``
shows it). What the commands share (language, consoles, settings, the process's engine and
keystore) is in :mod:`dalel.cli_runtime`; ``serve`` and ``demo`` are in :mod:`dalel.cli_serve`."""

from __future__ import annotations

import importlib
import sys
from typing import Annotated

import typer

from common import i18n
from common.errors import DalelError
from common.problems import Problem
from dalel import __version__, cli_help
from dalel.cli_runtime import (  # re-exported: the command modules' and tests' names
    console,
    db_label,
    err_console,
    exit_code_for,
    init_database,
    lang,
    report,
    say,
    settings,
    state,
)

i18n.register(
    {
        "cli.init.done": {
            "kk": "Деректер қалтасы дайын: {data_dir}; дерекқор: {db}",
            "ru": "Каталог данных готов: {data_dir}; база данных: {db}",
            "en": "Data directory ready: {data_dir}; database: {db}",
        },
        "cli.error.unexpected": {
            "kk": "Күтпеген қате: {error} (толығырақ: --debug)",
            "ru": "Непредвиденная ошибка: {error} (подробнее: --debug)",
            "en": "Unexpected error: {error} (details: --debug)",
        },
        "cli.error.os": {
            "kk": "Файлды немесе қалтаны жасау, оқу не жазу мүмкін емес: {path}",
            "ru": "Не удаётся создать, прочитать или записать файл или каталог: {path}",
            "en": "Cannot create, read or write the file or directory {path}",
        },
    }
)

app = typer.Typer(
    name="dalel",
    help="Dalel: diplomas as W3C Verifiable Credentials — issue, share, verify.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)



@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
    language: Annotated[str | None, typer.Option("--lang", help="Language of messages: kk, ru or en.")] = None,
) -> None:
    state.debug = debug
    if language:
        if language not in i18n.LANGUAGES:
            raise typer.BadParameter("kk | ru | en", param_hint="--lang")
        state.lang = language


@app.command()
def init() -> None:
    """Create the data directory and apply every database migration."""
    s = settings()
    init_database(s)
    say("cli.init.done", data_dir=s.data_dir, db=db_label(s.effective_database_url))


@app.command()
def version() -> None:
    """Print Dalel's version."""
    console.print(f"dalel {__version__}")


# modules with a `register(app: typer.Typer)` function
SUBCOMMANDS: list[str] = [
    "dalel.cli_serve",
    "dalel.cli_keys",
    "dalel.cli_issuer",
    "dalel.cli_status",
    "dalel.cli_verify",
    "dalel.cli_wallet",
]
_registered: list[str] = []


def _register_subcommands() -> None:
    """Sub-command groups contributed by the modules in SUBCOMMANDS (each a Typer app)."""
    for module_name in SUBCOMMANDS:
        if module_name not in _registered:
            importlib.import_module(module_name).register(app)
            _registered.append(module_name)


def main() -> None:
    _register_subcommands()
    try:
        cli_help.run(app, sys.argv[1:])  # help and usage errors in the command line's language
    except (Problem, DalelError) as exc:
        if state.debug:
            raise
        report(exc)
        sys.exit(exit_code_for(exc))
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:  # a file or directory that cannot be created, read or written
        if state.debug:
            raise
        err_console.print(
            f"{i18n.t('cli.error.prefix', lang())}: {i18n.t('cli.error.os', lang(), path=exc.filename or '')}",
            soft_wrap=True, markup=False, highlight=False,
        )
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - never a traceback for the user
        if state.debug:
            raise
        err_console.print(i18n.t("cli.error.unexpected", lang(), error=type(exc).__name__), highlight=False)
        sys.exit(1)


__all__ = ["app", "console", "err_console", "init_database", "lang", "main", "say", "settings", "state"]

if __name__ == "__main__":  # pragma: no cover
    main()
