"""The translation catalogues' tools (Babel), run from a checkout:

    python -m common.i18n_tools extract   # code and templates -> common/locale/dalel.pot
    python -m common.i18n_tools update    # .pot -> kk, ru, en .po (new messages empty; en = source)
    python -m common.i18n_tools compile   # .po -> .mo (setup.py does this at build/install time)
    python -m common.i18n_tools check     # what tests/foundation/test_catalogues.py asserts

Output is deterministic (sorted, file names without line numbers, fixed header dates) so two
branches that add messages merge line by line (``.gitattributes``: ``merge=union``).
docs/TRANSLATING.md is the translators' guide.
"""

from __future__ import annotations

import io
import re
import string
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from common.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

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
}
METHOD_MAP = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**/templates/**.txt", "jinja2.ext:babel_extract"),
    ("**/migrations/**", "ignore"),
    ("**.py", "python"),
]
OPTIONS = {"**/templates/**": {"trim_blocks": "true", "lstrip_blocks": "true"}}
PROJECT = "Dalel"


def po_file(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _new_catalog(locale: str | None) -> Catalog:
    return Catalog(
        locale=locale, domain=DOMAIN, project=PROJECT, copyright_holder="Dalel contributors",
        msgid_bugs_address="https://github.com/dalel-kz/dalel/issues",
        creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False,
    )


_LEGACY_KEY = re.compile(r"^[@a-z_][a-z0-9_-]*(\.[a-z0-9_-]*)*$")


def _legacy(message: str | tuple[str, ...]) -> bool:
    """A dotted key of the previous design (``problem.not-found``) or a call of a local
    function that happens to be named ``t``: not a source text. Transitional, until every
    package has moved its messages to the catalogues and :func:`common.i18n.register` is gone."""
    return isinstance(message, str) and bool(_LEGACY_KEY.match(message))


def extract() -> Catalog:
    """Every message the code and the templates use, as a template catalogue."""
    catalog = _new_catalog(None)
    for package in PACKAGES:
        folder = ROOT / package
        for filename, _lineno, message, comments, context in extract_from_dir(
            str(folder), METHOD_MAP, OPTIONS, KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
        ):
            if _legacy(message):
                continue
            location = (f"{package}/{filename}", None)
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


def message_problems(label: str, message: Message) -> list[str]:
    """What is wrong with one translated message: fuzzy, untranslated, or placeholders that
    differ from the source's (a translation may leave ``{count}`` out of a plural form)."""
    found = []
    if message.fuzzy:
        found.append(f"{label} is marked fuzzy: review it")
    if not _complete(message):
        return [*found, f"{label} has no translation"]
    sources = message.id if isinstance(message.id, tuple) else (message.id,)
    wanted = set().union(*(_fields(s) for s in sources))
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    for text in strings:
        if not _fields(text) <= wanted or (len(sources) == 1 and _fields(text) != wanted):
            found.append(f"{label}: placeholders {sorted(_fields(text))} differ from {sorted(wanted)}")
            break
    return found


def problems() -> list[str]:
    """Everything wrong with the catalogues, one line each (empty when all is well)."""
    found: list[str] = []
    template = extract()
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
