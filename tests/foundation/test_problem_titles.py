"""Every problem code the code raises has a title in kk, ru and en, declared once (the package's
``problems`` module), and the codes and types stay what clients test against."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

from common import i18n
from common.problems import Problem, declare_titles, declared_titles, title_of

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("common", "keys", "issuer", "verifier", "wallet_export", "dalel")


def _raised_codes() -> dict[str, str]:
    """code -> where, for every Problem, BadInput or NotFound made with a literal code."""
    found: dict[str, str] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
                candidates = [k.value for k in node.keywords if k.arg == "code"]
                if name == "Problem" and len(node.args) > 1:
                    candidates.append(node.args[1])
                elif name == "BadInput" and node.args:
                    candidates.append(node.args[0])
                elif name == "NotFound" and not candidates:
                    found.setdefault("not-found", f"{path.relative_to(ROOT)}:{node.lineno}")
                elif name not in ("Problem", "NotFound", "BadInput"):
                    continue
                for value in candidates:
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        found.setdefault(value.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _import_everything() -> None:
    for package in PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if ".migrations" not in info.name and not info.name.endswith("__main__"):
                importlib.import_module(info.name)


def test_every_raised_code_has_a_title_in_every_language():
    _import_everything()
    codes = _raised_codes()
    assert len(codes) > 60, codes  # the scan sees the code base
    missing = [f"{code} ({where})" for code, where in sorted(codes.items()) if title_of(code, "en") is None]
    assert not missing, "problem codes without a declared title:\n" + "\n".join(missing)
    for code in codes:
        titles = {lang: title_of(code, lang) for lang in i18n.LANGUAGES}
        assert titles["kk"] != titles["en"] and titles["ru"] != titles["en"], (code, titles)


def test_a_title_is_its_catalogue_entry():
    declared = declared_titles()
    assert declared["diploma-not-found"] == "No diploma with this series and number"
    problem = Problem(404, "diploma-not-found", "BD 00012345")
    assert problem.type == "urn:dalel:problem:diploma-not-found" and problem.code == "diploma-not-found"
    assert problem.title("ru") == "Диплом с такой серией и номером не найден"
    assert problem.to_dict("kk")["title"] == "Бұл сериясы мен нөмірі бар диплом табылмады"
    assert Problem(400, "no-such-code-anywhere").title("ru") == "No such code anywhere"


def test_a_code_cannot_have_two_titles():
    declare_titles({"diploma-not-found": "No diploma with this series and number"})  # the same again: fine
    with pytest.raises(ValueError, match="two titles"):
        declare_titles({"diploma-not-found": "Something else"})
