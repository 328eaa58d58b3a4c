"""The public world: parsing presented credentials, resolvers, the check pipeline, the
verification page and API. May import `keys` and `common`; never `issuer`."""
