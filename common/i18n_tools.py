"""The translation catalogues' tools (Babel), run from a checkout:

    python -m common.i18n_tools extract   # code and templates -> common/locale/dalel.pot
    python -m common.i18n_tools update    # .pot -> kk, ru, en .po (new messages empty; en = source)
    python -m common.i18n_tools compile   # .po -> .mo (setup.py does this at build/install time)
    python -m common.i18n_tools check     # what tests/foundation/test_catalogues.py asserts

Besides the calls of ``t``, ``nt``, ``pt``, ``all_languages``, ``N_`` (and ``say``, the
command line's "print this message"), the help texts of the ``dalel`` commands are extracted
from where Typer reads them (:func:`extract_python`): the docstring of a command function and
every ``help="…"`` of ``typer.Typer``, ``typer.Option``, ``typer.Argument``, ``.command`` and
``.add_typer``, each with its whitespace collapsed as ``dalel.cli_help`` looks it up. So a
command's English help stays in its source and is translated without a second copy of it.

Output is deterministic (sorted, file names without line numbers, fixed header dates) so two
branches that add messages merge line by line (``.gitattributes``: ``merge=union``).
docs/TRANSLATING.md is the translators' guide.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
import re
import string
import sys
import tokenize
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.extract import extract_python as _babel_extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from common.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, one_line

ROOT = LOCALE_DIR.parent.parent
PACKAGES = ("common", "keys", "issuer", "verifier", "wallet_export", "dalel")
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)

KEYWORDS = {
    "t": None,
    "all_languages": None,
    "N_": None,
    "nt": (1, 2),
    "pt": ((1, "c"), 2),
    "say": None,  # dalel.cli_runtime.say(message, **params): prints t(message) in the command's language
}
METHOD_MAP = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**/templates/**.txt", "jinja2.ext:babel_extract"),
    ("**/migrations/**", "ignore"),
    ("**.py", "common.i18n_tools:extract_python"),
]
OPTIONS = {"**/templates/**": {"trim_blocks": "true", "lstrip_blocks": "true"}}
PROJECT = "Dalel"


# --------------------------------------------------------------------------- Typer help texts

_HELP_CALLS = {"Typer", "Option", "Argument", "command", "callback", "add_typer"}
_COMMAND_DECORATORS = {"command", "callback"}
HELP_COMMENT = "Command-line help (dalel --help)"


def _call_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def typer_help_texts(source: str | bytes) -> Iterator[tuple[int, str]]:
    """(line, text) of every help text Typer takes from this module's source: ``help="…"``
    (or ``help=NAME`` of a module-level string) in the calls Typer reads, and the docstrings
    of the functions made commands (decorated, or passed to ``app.command(…)``)."""
    tree = ast.parse(source)
    constants = {
        target.id: node.value.value
        for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets if isinstance(target, ast.Name)
    }
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    commands: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call) and _call_name(d.func) in _COMMAND_DECORATORS for d in node.decorator_list
        ):
            commands.add(node.name)
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Call) and _call_name(node.func.func) in _COMMAND_DECORATORS:
            commands.update(a.id for a in node.args if isinstance(a, ast.Name))
        if _call_name(node.func) not in _HELP_CALLS:
            continue
        for keyword in node.keywords:
            if keyword.arg != "help":
                continue
            value = keyword.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                yield value.lineno, one_line(value.value)
            elif isinstance(value, ast.Name) and value.id in constants:
                yield value.lineno, one_line(constants[value.id])
    for name in sorted(commands):
        function = functions.get(name)
        doc = ast.get_docstring(function, clean=False) if function is not None else None
        if function is not None and doc:
            yield function.body[0].lineno, one_line(inspect.cleandoc(doc))


def _without_subscripts(data: bytes, keywords: Iterable[str]) -> bytes:
    """The source with ``t[...]`` (a variable that happens to be named like a keyword, then
    subscripted) renamed, since Babel takes ``[`` for a call as well as ``(``."""
    names = set(keywords)
    tokens = list(tokenize.tokenize(io.BytesIO(data).readline))
    hits = [
        tok.start for tok, following in zip(tokens, tokens[1:], strict=False)
        if tok.type == tokenize.NAME and tok.string in names and following.type == tokenize.OP
        and following.string == "[" and following.start == tok.end
    ]
    if not hits:
        return data
    lines = data.decode("utf-8").splitlines(keepends=True)
    for row, col in sorted(hits, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + "_subscripted_" + line[col:]
    return "".join(lines).encode("utf-8")


def extract_python(fileobj, keywords, comment_tags, options):  # Babel calls an extractor with these
    """Babel's Python extraction, and the Typer help texts of the module (see the module doc)."""
    data = fileobj.read()
    source = io.BytesIO(_without_subscripts(data, keywords))
    source.name = getattr(fileobj, "name", "(unknown)")  # Babel names the file in its warnings
    yield from _babel_extract_python(source, keywords, comment_tags, options)
    for lineno, text in typer_help_texts(data):
        yield lineno, "N_", text, [HELP_COMMENT]


def po_file(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _new_catalog(locale: str | None) -> Catalog:
    return Catalog(
        locale=locale, domain=DOMAIN, project=PROJECT, copyright_holder="Dalel contributors",
        msgid_bugs_address="https://github.com/dalel-kz/dalel/issues",
        creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False,
    )


_LEGACY_KEY = re.compile(r"^[@a-z_][a-z0-9_-]*(\.[a-z0-9_+-]*)+$")


def _legacy(message: str | tuple[str, ...]) -> bool:
    """A dotted key of the previous design (``securing.proof_invalid``): not a source text.
    Transitional, until ``verifier/`` and ``keys/`` have moved their messages to the catalogues
    and :func:`common.i18n.register` is gone."""
    return isinstance(message, str) and bool(_LEGACY_KEY.match(message))


def extract(*, quiet: bool = False) -> Catalog:
    """Every message the code and the templates use, as a template catalogue. Babel warns on
    standard error of calls it cannot extract (``t(f"…")``); `quiet` keeps that to itself."""
    catalog = _new_catalog(None)
    with contextlib.redirect_stderr(io.StringIO()) if quiet else contextlib.nullcontext():
        for package in PACKAGES:
            folder = ROOT / package
            for filename, _lineno, message, comments, context in extract_from_dir(
                str(folder), METHOD_MAP, OPTIONS, KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
            ):
                if _legacy(message):
                    continue
                location: tuple[str, int] = (f"{package}/{filename}", None)  # type: ignore[assignment]  # no line numbers
                catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    data = out.getvalue()
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain=DOMAIN)


def write_template() -> Catalog:
    template = extract()
    _write(template, TEMPLATE)
    return template


def update(template: Catalog | None = None) -> None:
    """Bring every language's .po in line with the template; English gets the source text."""
    template = template or _read(TEMPLATE)
    for lang in LANGUAGES:
        path = po_file(lang)
        catalog = _read(path, lang) if path.is_file() else _new_catalog(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.revision_date = FIXED_DATE
        if lang == "en":
            for message in catalog:
                if message.id and not _complete(message):
                    message.string = message.id
        _write(catalog, path)


def compile_catalogues(target: Path | None = None) -> list[Path]:
    """.po -> .mo beside it (or under `target`, a build directory's copy of common/locale)."""
    written = []
    for lang in LANGUAGES:
        source = po_file(lang)
        if not source.is_file():
            continue
        destination = (target / lang / "LC_MESSAGES" if target else source.parent) / f"{DOMAIN}.mo"
        destination.parent.mkdir(parents=True, exist_ok=True)
        out = io.BytesIO()
        write_mo(out, _read(source, lang), use_fuzzy=False)
        destination.write_bytes(out.getvalue())
        written.append(destination)
    return written


def _complete(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings)


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def _texts(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """A message's source or translated text(s) as a tuple (a plural entry has several)."""
    if value is None:
        return ()
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def message_problems(label: str, message: Message) -> list[str]:
    """What is wrong with one translated message: fuzzy, untranslated, or placeholders that
    differ from the source's (a translation may leave ``{count}`` out of a plural form)."""
    found = []
    if message.fuzzy:
        found.append(f"{label} is marked fuzzy: review it")
    if not _complete(message):
        return [*found, f"{label} has no translation"]
    sources = _texts(message.id)
    wanted = set().union(*(_fields(s) for s in sources))
    for text in _texts(message.string):
        if not _fields(text) <= wanted or (len(sources) == 1 and _fields(text) != wanted):
            found.append(f"{label}: placeholders {sorted(_fields(text))} differ from {sorted(wanted)}")
            break
    return found


def problems() -> list[str]:
    """Everything wrong with the catalogues, one line each (empty when all is well)."""
    found: list[str] = []
    template = extract(quiet=True)
    expected = {(m.id if not isinstance(m.id, tuple) else m.id[0], m.context) for m in template if m.id}
    if not TEMPLATE.is_file():
        found.append(f"{TEMPLATE.relative_to(ROOT)} is missing: run python -m common.i18n_tools extract")
    else:
        committed = {(m.id if not isinstance(m.id, tuple) else m.id[0], m.context) for m in _read(TEMPLATE) if m.id}
        if committed != expected:
            found.append(f"{TEMPLATE.relative_to(ROOT)} is not what the code uses: run python -m common.i18n_tools extract")
    for lang in LANGUAGES:
        path = po_file(lang)
        if not path.is_file():
            found.append(f"{lang}: {path.relative_to(ROOT)} is missing")
            continue
        catalog = _read(path, lang)
        present = {}
        for message in catalog:
            if not message.id:
                continue
            key = (message.id if not isinstance(message.id, tuple) else message.id[0], message.context)
            present[key] = message
            label = f"{lang}: {key[0]!r}" + (f" (context {key[1]!r})" if key[1] else "")
            if key not in expected:
                found.append(f"{label} is no longer used by the code")
                continue
            found.extend(message_problems(label, message))
        for key in sorted(expected - set(present), key=lambda k: (k[0], k[1] or "")):
            found.append(f"{lang}: {key[0]!r} has no entry: run python -m common.i18n_tools update")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        write_template()
    elif command == "update":
        update(write_template())
    elif command == "compile":
        for path in compile_catalogues():
            print(path.relative_to(ROOT))
    elif command == "check":
        issues = problems()
        for line in issues:
            print(line)
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
