"""The ``dalel`` command line in the reader's language: help texts, Typer's and Click's own words.

The language is decided before the Click command tree is built: ``--lang X`` / ``--lang=X``
anywhere on the command line (before a bare ``--``), else DALEL_DEFAULT_LANGUAGE, else kk.
The commands keep their English help in their source (docstrings, ``help=``); :func:`build_command`
builds the tree with Typer and replaces every help text by its translation from the catalogue
(:mod:`dalel.cli_help_texts`, looked up by the English text), so sub-command modules need no
changes to be translated, only a catalogue entry.

Also translated: the panel titles and markers of Typer's rich help ("Options", "Arguments",
"Commands", "[required]", "[default: …]", "[env var: …]"), the "Usage:" prefix, the help
option's "Show this message and exit.", the error box of a usage error and the usual Click
usage errors ("Invalid value for", "Missing argument/option", "No such option", "No such
command", extra arguments, an option without its value). The detail inside "Invalid value for
'--port': …" is English text built by Typer (and pydantic) with no hook; the common ones (not an
integer, out of range, a file missing/a directory/unreadable) are recognised by their wording
and translated, anything else stays English. Not translated: the type hints (<int>, <path>).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator, Sequence

import typer
import typer.main
from typer import _click, rich_utils

from common import i18n
from dalel import cli_help_texts

PROG_NAME = "dalel"
HELP_PREFIX = "cli.help."

# rich_utils constant -> catalogue key
_RICH_CONSTANTS = {
    "DEPRECATED_STRING": "cli.click.deprecated",
    "DEFAULT_STRING": "cli.click.default",
    "ENVVAR_STRING": "cli.click.envvar",
    "REQUIRED_LONG_STRING": "cli.click.required",
    "ARGUMENTS_PANEL_TITLE": "cli.click.arguments",
    "OPTIONS_PANEL_TITLE": "cli.click.options",
    "COMMANDS_PANEL_TITLE": "cli.click.commands",
    "ERRORS_PANEL_TITLE": "cli.click.error",
    "ABORTED_TEXT": "cli.click.aborted",
    "RICH_HELP": "cli.click.try_help",
}


def language_from_argv(argv: Sequence[str], environ: os._Environ | dict | None = None) -> str:
    """The language of the command line: the last valid ``--lang`` on it, else the default."""
    env = os.environ if environ is None else environ
    chosen: str | None = None
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None and value in i18n.LANGUAGES:
            chosen = value
    return chosen or i18n.normalise_language(env.get("DALEL_DEFAULT_LANGUAGE"), i18n.DEFAULT_LANGUAGE)


def _english_index() -> dict[str, str]:
    return {" ".join(texts["en"].split()): key for key, texts in i18n.catalogue().items() if key.startswith(HELP_PREFIX)}


def translate_help(text: str | None, language: str, index: dict[str, str] | None = None) -> str | None:
    """`text` (an English help text from the source) in `language`; unchanged if not catalogued."""
    if not text:
        return text
    key = (index if index is not None else _english_index()).get(" ".join(text.split()))
    return i18n.t(key, language) if key else text


def _context_class(base: type[_click.Context], language: str) -> type[_click.Context]:
    usage = i18n.t("cli.click.usage", language)

    class LocalisedFormatter(base.formatter_class):  # type: ignore[name-defined,misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, usage if prefix is None else prefix)

    return type("LocalisedContext", (base,), {"formatter_class": LocalisedFormatter})


def localise(command: _click.Command, language: str) -> _click.Command:
    """Put every help text of the Click tree under `command` into `language` (in place)."""
    index = _english_index()
    help_option_text = i18n.t("cli.click.help_option", language)
    options_metavar = i18n.t("cli.click.options_metavar", language)
    subcommand_metavar = i18n.t("cli.click.subcommand_metavar", language)

    def walk(cmd: _click.Command, name: str, parent: _click.Context | None) -> None:
        cmd.help = translate_help(cmd.help, language, index)
        if cmd.short_help:
            cmd.short_help = translate_help(cmd.short_help, language, index)
        for param in cmd.params:
            if getattr(param, "help", None):
                param.help = translate_help(param.help, language, index)  # type: ignore[attr-defined]
        if cmd.options_metavar == "[OPTIONS]":
            cmd.options_metavar = options_metavar
        if getattr(cmd, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            cmd.subcommand_metavar = subcommand_metavar  # type: ignore[attr-defined]
        cmd.context_class = _context_class(type(cmd).context_class, language)
        ctx = cmd.context_class(cmd, info_name=name, parent=parent, **cmd.context_settings)
        help_option = cmd.get_help_option(ctx)  # created once and cached by the command
        if help_option is not None:
            help_option.help = help_option_text
        for sub_name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, sub_name, ctx)

    walk(command, PROG_NAME, None)
    return command


def build_command(app: typer.Typer, language: str) -> _click.Command:
    """The Click command of `app` with its help in `language`."""
    return localise(typer.main.get_command(app), language)


@contextlib.contextmanager
def fixed_strings(language: str) -> Iterator[None]:
    """Typer's rich help and error words in `language` while the command runs."""
    saved = {name: getattr(rich_utils, name) for name in _RICH_CONSTANTS}
    try:
        for name, key in _RICH_CONSTANTS.items():
            setattr(rich_utils, name, i18n.t(key, language))
        yield
    finally:
        for name, value in saved.items():
            setattr(rich_utils, name, value)


def _hint(exc: _click.exceptions.BadParameter) -> str | None:
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(x) for x in hint)
    return hint


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S), "cli.click.extra_arguments"),
    (re.compile(r"^Option (?P<name>'[^']*') requires an argument\.$"), "cli.click.requires_argument"),
    (re.compile(r"^Option (?P<name>'[^']*') does not take a value\.$"), "cli.click.takes_no_value"),
    (re.compile(r"^Missing command\.$"), "cli.click.missing_command"),
]
# details of "Invalid value for …" that Typer (and pydantic under it) write in English
_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Input should be a valid integer\b.*$", re.S), "cli.click.detail.integer"),
    (re.compile(r"^Input should be greater than or equal to (?P<n>\S+)$"), "cli.click.detail.min"),
    (re.compile(r"^Input should be less than or equal to (?P<n>\S+)$"), "cli.click.detail.max"),
    (re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') does not exist\.$", re.S), "cli.click.detail.missing"),
    (re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') is a directory\.$", re.S), "cli.click.detail.is_dir"),
    (re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') is a file\.$", re.S), "cli.click.detail.is_file"),
    (re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') is not readable\.$", re.S), "cli.click.detail.unreadable"),
    (re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') is not writable\.$", re.S), "cli.click.detail.unwritable"),
]


def _detail(message: str, language: str) -> str:
    for pattern, key in _DETAILS:
        match = pattern.match(message)
        if match:
            params = match.groupdict()
            if "label" in params:
                params["label"] = i18n.t(f"cli.click.label.{params['label']}", language)
            return i18n.t(key, language, **params)
    return message


_NO_SUCH_COMMAND = re.compile(r"^No such command (?P<name>'[^']*')(?:\. Did you mean (?P<names>.*)\?|\.)$", re.S)


def error_message(exc: _click.exceptions.ClickException, language: str) -> str:
    """The message of a usage error in `language` (English details from Typer stay as they are)."""
    if language == "en":
        return exc.format_message()
    t = i18n.t
    if isinstance(exc, _click.exceptions.MissingParameter):
        hint = _hint(exc) or ""
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        key = f"cli.click.missing.{kind}" if kind in ("argument", "option") else "cli.click.missing.parameter"
        text = t(key, language, hint=hint)
        extra = exc.param.get_missing_message(ctx=exc.ctx) if exc.param is not None else None
        details = ". ".join(x for x in (exc.message, extra) if x)
        return f"{text} {details}" if details else text
    if isinstance(exc, _click.exceptions.BadParameter):
        hint = _hint(exc)
        if hint is None:
            return t("cli.click.invalid_value", language, message=_detail(exc.message, language))
        return t("cli.click.invalid_value_for", language, hint=hint, message=_detail(exc.message, language))
    if isinstance(exc, _click.exceptions.NoSuchOption) and exc.message.startswith("No such option: "):
        text = t("cli.click.no_such_option", language, name=exc.option_name)
        if exc.possibilities:
            text += " " + t("cli.click.possible_options", language, names=", ".join(sorted(exc.possibilities)))
        return text
    message = exc.format_message()
    match = _NO_SUCH_COMMAND.match(message)
    if match:
        text = t("cli.click.no_such_command", language, name=match["name"])
        if match["names"]:
            text += " " + t("cli.click.did_you_mean", language, names=match["names"])
        return text
    for pattern, key in _PATTERNS:
        match = pattern.match(message)
        if match:
            return t(key, language, **match.groupdict())
    return message


def _show_error(exc: _click.exceptions.ClickException, command: _click.Command, language: str) -> None:
    if exc.__class__.__name__ == "NoArgsIsHelpError":  # the help was printed already
        return
    localised = _click.exceptions.UsageError(error_message(exc, language), getattr(exc, "ctx", None))
    if getattr(command, "rich_markup_mode", None) is not None:
        rich_utils.rich_format_error(localised)
    else:
        localised.show()


def run(app: typer.Typer, argv: Sequence[str]) -> None:
    """Run the command line `argv` (without the program name) with help and usage errors in the
    language it asks for; exits with Click's codes (2 for a usage error)."""
    language = language_from_argv(argv)
    command = build_command(app, language)
    with fixed_strings(language):
        try:
            result = command.main(list(argv), prog_name=PROG_NAME, standalone_mode=False)
        except _click.exceptions.ClickException as exc:
            _show_error(exc, command, language)
            sys.exit(exc.exit_code)
        except typer.Abort:
            rich_utils.rich_abort_error()
            sys.exit(1)
    if isinstance(result, int) and not isinstance(result, bool) and result != 0:
        sys.exit(result)


__all__ = ["build_command", "cli_help_texts", "error_message", "language_from_argv", "localise", "run"]
