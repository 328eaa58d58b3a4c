"""The JSON Schemas of Dalel credentials shipped with the verifier (README.md here), and which
one applies to a credential: chosen by its signed ``type`` and ``@context`` only."""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

from common import vocab

SCHEMAS_DIR = Path(__file__).resolve().parent
TRUST_LIST_TYPE = "DalelTrustListCredential"


def schema_files() -> list[Path]:
    return sorted(SCHEMAS_DIR.glob("*.json"))


@lru_cache(maxsize=16)
def load_schema(name: str) -> dict[str, Any] | None:
    """The schema `name` (``diploma-v2``…), or None for a name that is not shipped."""
    path = SCHEMAS_DIR / f"{name}.json"
    if path not in schema_files():
        return None
    return json.loads(path.read_text("utf-8"))


def schema_name_for(credential: Any) -> str | None:
    """The schema of a Dalel credential type, from its signed ``type`` and ``@context``; None
    for any other credential (``credentialSchema`` is never consulted)."""
    kinds = vocab.types(credential)
    if TRUST_LIST_TYPE in kinds:
        return "trust-list"
    if vocab.SUPPLEMENT_TYPE in kinds:
        return "supplement-v2"
    if vocab.DIPLOMA_TYPE in kinds:
        return "diploma-v2"
    if vocab.is_legacy(credential):
        if vocab.LEGACY_SUPPLEMENT_TYPE in kinds:
            return "supplement"
        if vocab.OPEN_BADGE_TYPE in kinds:
            return "diploma"
    return None


def copy_to(directory: Path) -> list[Path]:
    """Write byte-identical copies of every schema into `directory` (the issuer's copy)."""
    written = []
    for path in schema_files():
        target = directory / path.name
        shutil.copyfile(path, target)
        written.append(target)
    return written

