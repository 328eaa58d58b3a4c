"""The graduate's world: QR codes, share links, the PDF diploma, downloads. May import
`keys`, `issuer` and `common`."""

from wallet_export import problems as _problems  # noqa: F401 - the problem titles, declared with the package
