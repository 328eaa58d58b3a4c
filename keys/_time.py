"""Timestamps as the specs write them: the keys package's name for :mod:`common.timestamps`
(one parser and one format for every package; its module doc says what is accepted)."""

from __future__ import annotations

from common.timestamps import as_utc, format_datetime, parse_datetime, utcnow

__all__ = ["as_utc", "format_datetime", "parse_datetime", "utcnow"]
