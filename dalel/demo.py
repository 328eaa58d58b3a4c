"""`dalel demo`: seeds a demo university and its diplomas (grows with each capability)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from dalel.settings import Settings


def run_demo(settings: Settings, engine: Engine, *, out_dir: Path | None, say: Callable[..., None], lang: str) -> dict[str, Any]:
    """Prepare demo data; return the manifest (written by the CLI when --out is given)."""
    base = settings.public_url
    return {"public_url": base, "urls": {"docs": f"{base}/docs", "health": f"{base}/health"}}


# wallet: the QR code and signed PDF of every demo diploma (manifest keys qr_png, pdf)
_seed_demo = run_demo


def run_demo(settings: Settings, engine: Engine, *, out_dir: Path | None, say: Callable[..., None], lang: str) -> dict[str, Any]:  # noqa: F811
    from dalel.demo_wallet import add_wallet_files

    manifest = _seed_demo(settings, engine, out_dir=out_dir, say=say, lang=lang)
    return add_wallet_files(settings, engine, manifest, out_dir)
