"""Structured logging: JSON lines when stderr is not a terminal, short text otherwise.
Every record carries the request id of the request being served, if any. Callers must log
no personal data (no IIN, birth date, names); URLs are logged as route templates."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str | None] = ContextVar("dalel_request_id", default=None)

_STANDARD = set(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {"message", "asctime"}
WITHHELD = "(message withheld: it may carry personal data)"


def redacted_exception(exc_info) -> str:
    """The traceback of an exception and of its causes, each with its type and stack but not
    its message: messages echo values (a birth date that failed to parse, a name a database
    refused), and logs must hold no personal data. Uvicorn re-logs every error that Starlette
    re-raises after our 500 response through these formatters too."""
    exc = exc_info[1] if isinstance(exc_info, tuple) else exc_info
    if exc is None:
        return ""
    chain: list[BaseException] = []
    while exc is not None and all(exc is not seen for seen in chain) and len(chain) < 16:
        chain.append(exc)
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    parts = []
    for item in reversed(chain):  # the root cause first, as Python prints it
        kind = type(item)
        name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
        stack = "".join(traceback.format_tb(item.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{stack}{name}: {WITHHELD}")
    return "\n\nThe above exception led to the following:\n\n".join(parts)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = request_id_var.get()
        if rid:
            entry["request_id"] = rid
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = redacted_exception(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        rid = request_id_var.get()
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}
        tail = " ".join(f"{k}={v}" for k, v in extras.items())
        base = f"{record.levelname.lower():7} {record.name}: {record.getMessage()}"
        if rid:
            base += f" [{rid}]"
        if tail:
            base += " " + tail
        if record.exc_info:
            base += "\n" + redacted_exception(record.exc_info)
        return base


def configure_logging(fmt: str = "auto", level: str = "INFO") -> None:
    use_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if use_json else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper() if isinstance(level, str) else level)
    # uvicorn's access log prints raw paths (tokens); ours logs route templates instead
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
