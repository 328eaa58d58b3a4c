"""Credentials inside the files people hold: the PDF diploma Dalel issues, which carries the
signed credential as an embedded file (a PDF/A-3 associated file) beside its QR code, and a
photo or scan of a QR code (PNG, JPEG).

:func:`read_file` returns what a file offers, best first: embedded credentials (JSON text of
a file named in the PDF's ``/AF`` or ``/EmbeddedFiles``), then the payloads of the QR codes on
its first pages, or in the image. The verifier tries them in that order; nothing here is
trusted, every candidate is verified as any presented credential is.

Bounded work: the file is at most the input limit (1 MiB); pypdf runs with tight
decompression limits; at most :data:`MAX_PAGES` pages, :data:`MAX_IMAGES` images and
:data:`MAX_ATTACHMENTS` attachments are looked at; an image larger than
``Limits.max_image_pixels`` is refused before it is decoded (``input-image-too-large``), and
a large one is scanned downscaled to :data:`SCAN_SIDE` pixels. QR decoding is zxing-cpp's.

pypdf, Pillow and zxing-cpp are imported when a file is read, not when the verifier starts.
"""

from __future__ import annotations

import contextlib
import io
import logging
from dataclasses import dataclass, field
from typing import Any

from common.problems import BadInput

log = logging.getLogger("dalel.verifier.files")

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
MAX_PAGES = 4
MAX_IMAGES = 16
MAX_ATTACHMENTS = 16
MAX_ATTACHMENT_BYTES = 1024 * 1024
SCAN_SIDE = 2000
_PDF_LIMITS = {
    "zlib_maximum_output_length": 16 * 1024 * 1024,
    "lzw_maximum_output_length": 16 * 1024 * 1024,
    "run_length_maximum_output_length": 16 * 1024 * 1024,
    "array_based_stream_maximum_output_length": 16 * 1024 * 1024,
    "image_maximum_buffer_size": 64 * 1024 * 1024,
    "stream_decoding_work_maximum_length": 64 * 1024 * 1024,
    "maximum_declared_stream_length": 16 * 1024 * 1024,
    "jbig2dec_binary": None,
}


@dataclass
class FileContents:
    kind: str  # "pdf" | "image"
    credentials: list[bytes] = field(default_factory=list)  # embedded credential files
    qr: list[str] = field(default_factory=list)  # QR code payloads


def kind_of(data: bytes) -> str | None:
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(PNG_MAGIC) or data.startswith(JPEG_MAGIC):
        return "image"
    return None


def read_file(data: bytes, *, max_pixels: int, want_qr: bool = True) -> FileContents:
    """What a PDF or image file offers (see the module docstring). Raises BadInput for a file
    that cannot be read at all."""
    kind = kind_of(data)
    if kind == "pdf":
        return _read_pdf(data, max_pixels, want_qr)
    if kind == "image":
        return FileContents("image", qr=_qr_from_image_bytes(data, max_pixels))
    raise BadInput("input-unrecognised")


def _bounded_pypdf() -> Any:
    """pypdf's resource limits, tightened for one read (a no-op where pypdf has none)."""
    import pypdf

    if not hasattr(pypdf, "apply_configuration"):
        return contextlib.nullcontext()
    return pypdf.apply_configuration(pypdf.get_configuration().with_overwrites(**_PDF_LIMITS))


def _read_pdf(data: bytes, max_pixels: int, want_qr: bool) -> FileContents:
    import pypdf
    from pypdf.errors import PyPdfError

    out = FileContents("pdf")
    try:
        with _bounded_pypdf():
            reader = pypdf.PdfReader(io.BytesIO(data))
            out.credentials = _attachments(reader)
            if want_qr and not out.credentials:
                for page in list(reader.pages)[:MAX_PAGES]:
                    out.qr.extend(_qr_from_page(page, max_pixels))
    except BadInput:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        log.info("unreadable PDF", extra={"error": type(exc).__name__})
        if not out.credentials and not out.qr:
            raise BadInput("input-unreadable-file") from None
    return out


def _attachments(reader: Any) -> list[bytes]:
    """Embedded files that may be credentials: JSON ones, ``application/vc`` first."""
    found: list[tuple[int, bytes]] = []
    attachments = reader.attachments or {}
    for name in list(attachments)[:MAX_ATTACHMENTS]:
        for content in attachments[name][:MAX_ATTACHMENTS]:
            if not isinstance(content, bytes) or len(content) > MAX_ATTACHMENT_BYTES:
                continue
            if content.lstrip()[:1] in (b"{", b'"') or content.count(b".") == 2:
                found.append((0 if str(name).lower().endswith(".json") else 1, content))
    return [content for _rank, content in sorted(found, key=lambda item: item[0])]


def _qr_from_page(page: Any, max_pixels: int) -> list[str]:
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is None:
        return []
    payloads: list[str] = []
    for count, (name, ref) in enumerate(xobjects.get_object().items()):
        if count >= MAX_IMAGES:
            break
        xobject = ref.get_object()
        if xobject.get("/Subtype") != "/Image":
            continue
        width, height = xobject.get("/Width"), xobject.get("/Height")
        if not isinstance(width, int) or not isinstance(height, int) or width * height > max_pixels:
            continue
        try:
            image = page.images[name].image
        except (KeyError, ValueError, OSError, TypeError, IndexError) as exc:
            log.info("PDF image not decoded", extra={"error": type(exc).__name__})
            continue
        if image is not None:
            payloads.extend(_qr_from_image(image))
    return payloads


def _qr_from_image_bytes(data: bytes, max_pixels: int) -> list[str]:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > max_pixels:
            raise BadInput("input-image-too-large", f"{width}×{height} pixels, at most {max_pixels}")
        if image.format == "JPEG":
            image.draft("L", (SCAN_SIDE, SCAN_SIDE))  # decode at a reduced scale: fast, bounded
        image.load()
    except BadInput:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise BadInput("input-unreadable-file") from None
    return _qr_from_image(image)


def _qr_from_image(image: Any) -> list[str]:
    import zxingcpp

    if max(image.size) > SCAN_SIDE:
        image = image.copy()
        image.thumbnail((SCAN_SIDE, SCAN_SIDE))
    if image.mode not in ("L", "RGB"):
        image = image.convert("L")
    try:
        barcodes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    except (ValueError, RuntimeError, TypeError):
        return []
    return [b.text for b in barcodes if isinstance(b.text, str) and b.text]
