"""Exceptions shared across packages that are not user-facing problems by themselves."""

from __future__ import annotations


class ResourceUnavailable(Exception):
    """A remote or bundled resource (DID document, status list, JSON-LD context) could not be
    obtained: network error, timeout, HTTP 5xx/404, size cap exceeded, or missing from an
    offline bundle. Raised by the allowlisted fetcher; callers turn it into an
    *indeterminate* verdict, never into "invalid"."""

    def __init__(self, url: str, reason: str = "unavailable") -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
