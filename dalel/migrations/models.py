"""Modules holding SQLModel tables; imported so that their metadata is known to Alembic."""

import importlib

MODEL_MODULES: list[str] = [
    "dalel.models",
    "keys.models",
    "issuer.models",
    "issuer.status.models",
    "wallet_export.models",
]


def import_models() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(name)
