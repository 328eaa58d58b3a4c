"""Issuer keys and proofs: the root of trust. Raw private key bytes never leave this package;
callers hold a :class:`keys.signer.Signer`. Imports third-party libraries only (and `common`)."""
