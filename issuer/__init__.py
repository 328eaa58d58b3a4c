"""The registrar's world: institutions, programmes, graduates, diplomas, numbering, status
lists, the audit log and the issuer HTTP API. May import `keys` and `common`."""

from issuer import problems as _problems  # noqa: F401 - the problem titles, declared with the package
