"""Parsing whatever a verifier is shown: a credential as a JSON object or text, a VC-JWT,
the URL of a Dalel verify page or of a credential, the payload of a QR code, a file (JSON or
JWT text; a PDF or a PNG/JPEG image, kind ``file``, opened by :mod:`verifier.files`).

Limits: 1 MiB and a nesting depth of 32. Each kind of malformed input raises a
:class:`common.problems.BadInput` with its own code (titles in :mod:`verifier.messages`).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from common.problems import BadInput, Problem
from common.strictjson import parse_json

MAX_INPUT_BYTES = 1024 * 1024
MAX_DEPTH = 32

_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_VERIFY_PATH = re.compile(r"^(?P<prefix>.*?)/v/(?P<token>[^/?#]+)/?$")


@dataclass
class Presented:
    """What was presented. `kind` is ``credential`` (a JSON object), ``jwt``, ``token_url``
    (a Dalel verify page: `token` and `origin`), ``url`` (anything else to fetch) or ``file``
    (a PDF or an image: `data`)."""

    kind: str
    credential: dict[str, Any] | None = None
    jwt: str | None = None
    url: str | None = None
    token: str | None = None
    origin: str | None = None  # base URL of the Dalel deployment serving /v/{token}
    data: bytes | None = None  # a PDF or image file


def depth_of(value: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of a JSON value (iterative; stops counting past `limit` + 1)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def check_json_limits(value: Any) -> None:
    if depth_of(value) > MAX_DEPTH:
        raise BadInput("input-too-deep", f"nesting deeper than {MAX_DEPTH} levels")
    try:
        size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    except (TypeError, ValueError, RecursionError):
        raise BadInput("input-not-json-object", "not a JSON value") from None
    if size > MAX_INPUT_BYTES:
        raise BadInput("input-too-large", f"more than {MAX_INPUT_BYTES} bytes")


def _parse_json_text(text: str) -> Any:
    value = parse_json(text)  # the one strict parser (common.strictjson): depth, NaN, UTF-8
    check_json_limits(value)
    return value


def _b64url_json(part: str) -> Any:
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        return parse_json(raw)
    except (ValueError, Problem):
        raise BadInput("input-malformed-jwt", "a JWT part is not base64url-encoded JSON") from None


def decode_jwt_credential(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, credential) of a VC-JWT, unverified: the payload itself (VC-JOSE-COSE) or its
    ``vc`` claim (VC 1.1 JWT)."""
    parts = token.split(".")
    if len(parts) != 3:
        raise BadInput("input-malformed-jwt", "a JWS has three parts")
    header, payload = _b64url_json(parts[0]), _b64url_json(parts[1])
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise BadInput("input-malformed-jwt", "JWT header and payload must be JSON objects")
    check_json_limits(payload)
    credential = payload.get("vc") if isinstance(payload.get("vc"), dict) else payload
    return header, credential


def parse_url(url: str) -> Presented:
    try:
        parts = urlsplit(url)
    except ValueError:
        raise BadInput("input-unrecognised", "not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput("input-unrecognised", "only http(s) links can be verified")
    match = _VERIFY_PATH.match(parts.path)
    if match:
        token = unquote(match.group("token"))
        origin = f"{parts.scheme}://{parts.netloc}{match.group('prefix')}"
        return Presented("token_url", url=url, token=token, origin=origin.rstrip("/"))
    return Presented("url", url=url)


def parse_text(text: str) -> Presented:
    """A credential as JSON text, a VC-JWT, a link, or a QR payload (any of those)."""
    if len(text.encode("utf-8", errors="replace")) > MAX_INPUT_BYTES:
        raise BadInput("input-too-large", f"more than {MAX_INPUT_BYTES} bytes")
    text = text.lstrip("\ufeff").strip()
    if not text:
        raise BadInput("input-empty")
    if text[0] in "{[":
        value = _parse_json_text(text)
        if not isinstance(value, dict):
            raise BadInput("input-not-json-object", "a credential is a JSON object, not a list")
        return Presented("credential", credential=value)
    if text.startswith('"'):
        value = _parse_json_text(text)
        if isinstance(value, str):
            return parse_text(value)
        raise BadInput("input-not-json-object")
    if _JWT.match(text):
        header, credential = decode_jwt_credential(text)
        return Presented("jwt", credential=credential, jwt=text)
    if text.lower().startswith(("http://", "https://")):
        return parse_url(text)
    raise BadInput("input-unrecognised")


def parse_bytes(data: bytes) -> Presented:
    """A file's content: a PDF or image as kind ``file``, else UTF-8 text."""
    if len(data) > MAX_INPUT_BYTES:
        raise BadInput("input-too-large", f"more than {MAX_INPUT_BYTES} bytes")
    if data.startswith((b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return Presented("file", data=bytes(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput("input-not-utf8") from None
    return parse_text(text)


def parse_presented(value: Any) -> Presented:
    """Any presented form: dict (a credential), str, bytes."""
    if isinstance(value, Presented):
        return value
    if isinstance(value, dict):
        check_json_limits(value)
        return Presented("credential", credential=value)
    if isinstance(value, bytes | bytearray):
        return parse_bytes(bytes(value))
    if isinstance(value, str):
        return parse_text(value)
    if value is None:
        raise BadInput("input-empty")
    raise BadInput("input-not-json-object", f"cannot verify a {type(value).__name__}")


__all__ = [
    "MAX_DEPTH",
    "MAX_INPUT_BYTES",
    "Presented",
    "Problem",
    "check_json_limits",
    "decode_jwt_credential",
    "depth_of",
    "parse_bytes",
    "parse_presented",
    "parse_text",
    "parse_url",
]
