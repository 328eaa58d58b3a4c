"""The graduate's world: QR codes, share links, the PDF diploma, downloads. May import
`keys`, `issuer` and `common`."""
