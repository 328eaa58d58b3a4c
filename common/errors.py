"""Errors that are not HTTP-shaped: an operation that failed for a reason a person can act on."""


class DalelError(Exception):
    """An operation failed; the message is one clear line for the user (CLI exit 1)."""

    exit_code = 1


class ResourceUnavailable(DalelError):
    """A remote or bundled resource (DID document, status list, trust list) could not be
    obtained. Verification then ends `indeterminate`, never "valid" or "not revoked"."""
