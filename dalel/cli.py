"""The ``dalel`` command line. Exit codes: 0 ok, 1 operation failed, 2 usage or input error,
3 the port to serve on is in use. A user error prints one line and no traceback (``--debug``
shows it). What the commands share (language, consoles, settings, the process's engine and
keystore) is in :mod:`dalel.cli_runtime`; ``serve`` and ``demo`` are in :mod:`dalel.cli_serve`.

The root command is a :class:`DalelGroup`: its ``main`` decides the language, translates the
help of the command tree (:mod:`dalel.cli_help`), runs the command with a fresh
:class:`~dalel.cli_runtime.CliState` and turns every error into one line and an exit code.
``dalel`` (the console script), ``python -m dalel`` and ``typer.testing.CliRunner().invoke(app,
…)`` all go through it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer import _click as click
from typer import rich_utils
from typer.core import TyperGroup

from common import i18n
from common.errors import DalelError
from common.problems import Problem
from dalel import __version__, cli_help, cli_issuer, cli_keys, cli_serve, cli_status, cli_verify, cli_wallet
from dalel.cli_runtime import (  # re-exported: the command modules' names (dalel.cli_verify)
    CliState,
    console,
    db_label,
    err_console,
    error_line,
    exit_code_for,
    init_database,
    lang,
    report,
    say,
    settings,
    state,
)


class DalelGroup(TyperGroup):
    """The root command: help and usage errors in the command line's language, and every
    error of a command as one line with its exit code."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        language = cli_help.language_from_argv(argv)
        cli_help.localise(self, language)
        current = CliState()
        with cli_help.fixed_strings(language):
            try:
                result = super().main(argv, prog_name=cli_help.PROG_NAME, standalone_mode=False,
                                      windows_expand_args=windows_expand_args, obj=current, **extra)
            except click.exceptions.ClickException as exc:
                cli_help.show_error(exc, self, language)
                sys.exit(exc.exit_code)
            except typer.Abort:
                rich_utils.rich_abort_error()
                sys.exit(1)
            except KeyboardInterrupt:
                sys.exit(130)
            except Exception as exc:  # never a traceback for the user (--debug re-raises it)
                if current.debug:
                    raise
                self._report(exc, current, language)
        if isinstance(result, int) and not isinstance(result, bool) and result != 0:
            sys.exit(result)
        return result

    @staticmethod
    def _report(exc: Exception, current: CliState, language: str) -> None:
        language = current.lang or language  # the command has ended: its state is passed on
        if isinstance(exc, Problem | DalelError):
            report(exc, language)
            sys.exit(exit_code_for(exc))
        if isinstance(exc, OSError):  # a file or directory that cannot be created, read or written
            text = i18n.t(
                "Cannot create, read or write the file or directory {path}", language, path=exc.filename or ""
            )
            err_console.print(error_line(text, language), soft_wrap=True, markup=False, highlight=False)
            sys.exit(1)
        err_console.print(i18n.t("Unexpected error: {error} (details: --debug)", language, error=type(exc).__name__),
                          highlight=False)
        sys.exit(1)


app = typer.Typer(
    name="dalel",
    cls=DalelGroup,
    help="Dalel: diplomas as W3C Verifiable Credentials — issue, share, verify.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
    language: Annotated[str | None, typer.Option("--lang", help="Language of messages: kk, ru or en.")] = None,
) -> None:
    current = ctx.ensure_object(CliState)
    current.debug = debug
    if language:
        if language not in i18n.LANGUAGES:
            raise typer.BadParameter("kk | ru | en", param_hint="--lang")
        current.lang = language


@app.command()
def init() -> None:
    """Create the data directory and apply every database migration."""
    s = settings()
    init_database(s)
    say("Data directory ready: {data_dir}; database: {db}", data_dir=s.data_dir, db=db_label(s.effective_database_url))


@app.command()
def version() -> None:
    """Print Dalel's version."""
    console.print(f"dalel {__version__}")


# the command modules, each adding its commands with `register(app)`
SUBCOMMANDS = (cli_serve, cli_keys, cli_issuer, cli_status, cli_verify, cli_wallet)
for _module in SUBCOMMANDS:
    _module.register(app)


def main() -> None:
    """The console script ``dalel``."""
    app()


__all__ = ["DalelGroup", "app", "console", "err_console", "init_database", "lang", "main", "say", "settings",
           "state"]

if __name__ == "__main__":  # pragma: no cover
    main()
