"""The import rules of ARCHITECTURE.md, checked on the source: who may import whom."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "common": set(),
    "keys": {"common"},
    "issuer": {"common", "keys"},
    "verifier": {"common", "keys"},
    "wallet_export": {"common", "keys", "issuer"},
}
PROJECT = {"common", "keys", "issuer", "verifier", "wallet_export", "dalel"}
# split by the verifier rebuild and the keys/verifier house work (then empty this set)
KNOWN_LONG_MODULES = {
    "common/fetch.py", "keys/dataintegrity.py", "keys/jsonld.py", "verifier/messages.py", "verifier/page.py",
    "verifier/pipeline.py", "verifier/status.py",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & PROJECT


def test_packages_import_only_what_they_may():
    problems = []
    for package, allowed in ALLOWED.items():
        for path in (ROOT / package).rglob("*.py"):
            bad = _imports(path) - allowed - {package}
            if bad:
                problems.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert not problems, "\n".join(problems)


def test_the_import_contracts_hold():
    """The contracts of [tool.importlinter] (pyproject.toml): the layers, the verifier apart
    from the issuer's world, no private module imported from outside its package, no import
    cycle inside a package. The same check as `lint-imports` in .ci/run."""
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def test_no_module_of_one_idea_is_longer_than_400_lines():
    """Modules of one idea (migrations and shipped contexts are data, not ideas)."""
    long = []
    for package in PROJECT:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or "contexts" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            where = str(path.relative_to(ROOT))
            if lines > 400 and where not in KNOWN_LONG_MODULES:
                long.append(f"{where}: {lines} lines")
    assert not long, "split by idea:\n" + "\n".join(sorted(long))
