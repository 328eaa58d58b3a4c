"""The JSON Schemas the verifier ships and the issuer checks and publishes come from one source
(verifier/schemas, README.md there): the issuer's copies are byte-identical, and the schemas
of the v2 diploma and supplement share their definitions."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "verifier" / "schemas"
COPY = ROOT / "issuer" / "schemas"


def test_issuer_copies_are_the_verifier_schemas():
    source = {p.name: p.read_bytes() for p in SOURCE.glob("*.json")}
    copies = {p.name: p.read_bytes() for p in COPY.glob("*.json")}
    assert sorted(copies) == sorted(source)
    different = [name for name in source if copies[name] != source[name]]
    assert not different, f"issuer/schemas differs from verifier/schemas: {different} " \
                          "(python -m verifier.schemas --copy-to issuer/schemas)"


def test_both_packages_load_the_same_schemas():
    from issuer.credentials import SCHEMA_NAMES, load_schema
    from verifier.schemas import load_schema as verifier_schema

    assert sorted(SCHEMA_NAMES) == sorted(p.stem for p in SOURCE.glob("*.json"))
    for name in SCHEMA_NAMES:
        schema = load_schema(name)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema == verifier_schema(name)


def test_v2_diploma_and_supplement_share_their_definitions():
    diploma = json.loads((SOURCE / "diploma-v2.json").read_text("utf-8"))
    supplement = json.loads((SOURCE / "supplement-v2.json").read_text("utf-8"))
    shared = set(diploma["$defs"]) & set(supplement["$defs"])
    assert shared == set(diploma["$defs"])
    assert {k: diploma["$defs"][k] for k in shared} == {k: supplement["$defs"][k] for k in shared}
