"""QR codes of a diploma's verify URL (``<public_url>/v/<token>``), PNG and SVG, made on demand.

Print-suitable: error correction level Q (about 25 % of the symbol may be damaged or covered),
a quiet zone of 4 modules (ISO/IEC 18004), PNG at 10 pixels a module (a 37-module symbol is
370 px: 31 mm at 300 dpi), SVG in millimetres
(1 mm a module, scalable without loss).

Images are never made during batch issuance. They are cached: an in-process LRU, and a file
cache in ``<data_dir>/cache/qr/`` keyed by the SHA-256 of the URL (the token itself never
appears in a file name).
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_Q

QrFormat = Literal["png", "svg"]
MEDIA_TYPES: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml"}
BOX_SIZE = 10
BORDER = 4


def verify_url(public_url: str, token: str) -> str:
    """The URL a QR encodes and a printout shows."""
    return f"{public_url.rstrip('/')}/v/{token}"


def _qr(data: str) -> qrcode.QRCode:
    code = qrcode.QRCode(version=None, error_correction=ERROR_CORRECT_Q, box_size=BOX_SIZE, border=BORDER)
    code.add_data(data)
    code.make(fit=True)
    return code


def render_png(data: str) -> bytes:
    img = _qr(data).make_image(fill_color="black", back_color="white")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def render_svg(data: str) -> bytes:
    code = _qr(data)
    img = code.make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue()


@lru_cache(maxsize=256)
def _cached(data: str, fmt: str) -> bytes:
    return render_png(data) if fmt == "png" else render_svg(data)


def _cache_file(cache_dir: Path, data: str, fmt: str) -> Path:
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
    return cache_dir / digest[:2] / f"{digest}.{fmt}"


def qr_image(data: str, fmt: QrFormat = "png", *, cache_dir: Path | None = None) -> bytes:
    """The QR image of `data` (PNG or SVG bytes), from the caches when present."""
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown QR format {fmt!r}")
    if cache_dir is not None:
        path = _cache_file(cache_dir, data, fmt)
        try:
            return path.read_bytes()
        except OSError:
            pass
        image = _cached(data, fmt)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
            tmp.write_bytes(image)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only data dir only costs the file cache
        return image
    return _cached(data, fmt)


def qr_cache_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "cache" / "qr"


def diploma_qr(public_url: str, token: str, fmt: QrFormat = "png", *, data_dir: Path | None = None) -> bytes:
    """The QR image of a diploma's verify URL."""
    return qr_image(verify_url(public_url, token), fmt, cache_dir=qr_cache_dir(data_dir) if data_dir else None)
