"""The registrar's world: institutions, programmes, graduates, diplomas, numbering, status
lists, the audit log and the issuer HTTP API. May import `keys` and `common`."""
