"""`dalel demo --out DIR`, wallet part: per diploma of the manifest, the QR code (PNG) and the
signed PDF diploma written to DIR, their file names added as ``qr_png`` and ``pdf``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from dalel.settings import Settings
from issuer.lookup import find_diploma
from keys.keystore import Keystore
from wallet_export import exports


def add_wallet_files(
    settings: Settings, engine: Engine, manifest: dict[str, Any], out_dir: Path | None, *, keystore: Keystore
) -> dict[str, Any]:
    """Write ``<series>-<number>-qr.png`` and ``<series>-<number>.pdf`` per diploma in
    ``manifest["diplomas"]`` (each with ``series`` and ``number``) and name them in it."""
    diplomas = manifest.get("diplomas") or []
    if out_dir is None or not diplomas:
        return manifest
    out_dir.mkdir(parents=True, exist_ok=True)
    with Session(engine) as session:
        for entry in diplomas:
            diploma = find_diploma(session, str(entry["series"]), str(entry["number"]))
            stem = f"{diploma.series}-{diploma.number}"
            (out_dir / f"{stem}-qr.png").write_bytes(exports.qr(settings, diploma, "png"))
            (out_dir / f"{stem}.pdf").write_bytes(exports.pdf(session, keystore, settings, diploma))
            entry["qr_png"] = f"{stem}-qr.png"
            entry["pdf"] = f"{stem}.pdf"
    return manifest
