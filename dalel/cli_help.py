"""The ``dalel`` command line in the reader's language: help texts, Typer's and Click's own words.

The language is decided before the Click command tree is built: ``--lang X`` / ``--lang=X``
anywhere on the command line (before a bare ``--``), else DALEL_DEFAULT_LANGUAGE, else kk.
The commands keep their English help in their source (docstrings, ``help=``); the catalogue
tools extract it from there (``common.i18n_tools.extract_python``) and :func:`localise`
replaces every help text of the Click tree by its translation (looked up by the English text,
its whitespace collapsed), so a command module needs no change to be translated, only its
catalogue entries.

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
from collections.abc import Iterator, Sequence

import typer
import typer.main
from typer import _click, rich_utils

from common import i18n
from common.i18n import N_

PROG_NAME = "dalel"

# rich_utils constant -> its text (translated while a command runs)
_RICH_CONSTANTS = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
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


def translate_help(text: str | None, language: str) -> str | None:
    """`text` (an English help text from the source) in `language`; unchanged if not catalogued."""
    if not text:
        return text
    key = i18n.one_line(text)
    translated = i18n.t(key, language)
    return text if translated == key else translated


def _context_class(base: type[_click.Context], language: str) -> type[_click.Context]:
    usage = i18n.t("Usage: ", language)

    class LocalisedFormatter(base.formatter_class):  # type: ignore[name-defined]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, usage if prefix is None else prefix)

    return type("LocalisedContext", (base,), {"formatter_class": LocalisedFormatter})


def localise(command: _click.Command, language: str) -> _click.Command:
    """Put every help text of the Click tree under `command` into `language` (in place)."""
    help_option_text = i18n.t("Show this message and exit.", language)
    options_metavar = i18n.t("[OPTIONS]", language)
    subcommand_metavar = i18n.t("COMMAND [ARGS]...", language)

    def walk(cmd: _click.Command, name: str, parent: _click.Context | None) -> None:
        cmd.help = translate_help(cmd.help, language)
        if cmd.short_help:
            cmd.short_help = translate_help(cmd.short_help, language)
        for param in cmd.params:
            if getattr(param, "help", None):
                param.help = translate_help(param.help, language)  # type: ignore[attr-defined]
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
        for name, text in _RICH_CONSTANTS.items():
            setattr(rich_utils, name, i18n.t(text, language))
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
    (re.compile(r"^Option (?P<name>'[^']*') requires an argument\.$"), N_("Option {name} requires an argument.")),
    (re.compile(r"^Option (?P<name>'[^']*') does not take a value\.$"), N_("Option {name} does not take a value.")),
    (re.compile(r"^Missing command\.$"), N_("Missing command.")),
]
_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S)
# the kind of path Click names in "file '…' does not exist."
_PATH_KINDS = {"file": N_("file"), "directory": N_("directory"), "path": N_("path")}
# details of "Invalid value for …" that Typer (and pydantic under it) write in English
_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Input should be a valid integer\b.*$", re.S), N_("Input should be a valid integer")),
    (
        re.compile(r"^Input should be greater than or equal to (?P<n>\S+)$"),
        N_("Input should be greater than or equal to {n}"),
    ),
    (
        re.compile(r"^Input should be less than or equal to (?P<n>\S+)$"),
        N_("Input should be less than or equal to {n}"),
    ),
    (
        re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') does not exist\.$", re.S),
        N_("{label} {path} does not exist."),
    ),
    (
        re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') is a directory\.$", re.S),
        N_("{label} {path} is a directory."),
    ),
    (
        re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') is a file\.$", re.S),
        N_("{label} {path} is a file."),
    ),
    (
        re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') is not readable\.$", re.S),
        N_("{label} {path} is not readable."),
    ),
    (
        re.compile(r"^(?P<label>file|directory|path) (?P<path>'.*') is not writable\.$", re.S),
        N_("{label} {path} is not writable."),
    ),
]


def _detail(message: str, language: str) -> str:
    for pattern, text in _DETAILS:
        match = pattern.match(message)
        if match:
            params = match.groupdict()
            if "label" in params:
                params["label"] = i18n.t(_PATH_KINDS[params["label"]], language)
            return i18n.t(text, language, **params)
    return message


_NO_SUCH_COMMAND = re.compile(r"^No such command (?P<name>'[^']*')(?:\. Did you mean (?P<names>.*)\?|\.)$", re.S)


def error_message(exc: _click.exceptions.ClickException, language: str) -> str:
    """The message of a usage error in `language` (English details from Typer stay as they are)."""
    if language == "en":
        return exc.format_message()
    if isinstance(exc, _click.exceptions.MissingParameter):
        return _missing(exc, language)
    if isinstance(exc, _click.exceptions.BadParameter):
        hint = _hint(exc)
        message = _detail(exc.message, language)
        if hint is None:
            return i18n.t("Invalid value: {message}", language, message=message)
        return i18n.t("Invalid value for {hint}: {message}", language, hint=hint, message=message)
    if isinstance(exc, _click.exceptions.NoSuchOption) and exc.message.startswith("No such option: "):
        text = i18n.t("No such option: {name}", language, name=exc.option_name)
        if exc.possibilities:
            text += " " + i18n.t("(Possible options: {names})", language, names=", ".join(sorted(exc.possibilities)))
        return text
    return _usage(exc.format_message(), language)


def _missing(exc: _click.exceptions.MissingParameter, language: str) -> str:
    hint = _hint(exc) or ""
    kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
    if kind == "argument":
        text = i18n.t("Missing argument {hint}.", language, hint=hint)
    elif kind == "option":
        text = i18n.t("Missing option {hint}.", language, hint=hint)
    else:
        text = i18n.t("Missing parameter {hint}.", language, hint=hint)
    extra = exc.param.get_missing_message(ctx=exc.ctx) if exc.param is not None else None
    details = ". ".join(x for x in (exc.message, extra) if x)
    return f"{text} {details}" if details else text


def _usage(message: str, language: str) -> str:
    """Click's other usage errors, recognised by their English wording."""
    match = _NO_SUCH_COMMAND.match(message)
    if match:
        text = i18n.t("No such command {name}.", language, name=match["name"])
        if match["names"]:
            text += " " + i18n.t("Did you mean {names}?", language, names=match["names"])
        return text
    match = _EXTRA_ARGUMENTS.match(message)
    if match:
        count = len(match["args"].split()) or 1
        return i18n.nt("Unexpected extra argument ({args})", "Unexpected extra arguments ({args})", count, language,
                       args=match["args"])
    for pattern, text in _PATTERNS:
        match = pattern.match(message)
        if match:
            return i18n.t(text, language, **match.groupdict())
    return message


def show_error(exc: _click.exceptions.ClickException, command: _click.Command, language: str) -> None:
    if exc.__class__.__name__ == "NoArgsIsHelpError":  # the help was printed already
        return
    localised = _click.exceptions.UsageError(error_message(exc, language), getattr(exc, "ctx", None))
    if getattr(command, "rich_markup_mode", None) is not None:
        rich_utils.rich_format_error(localised)
    else:
        localised.show()


__all__ = ["build_command", "error_message", "fixed_strings", "language_from_argv", "localise", "show_error",
           "translate_help"]
