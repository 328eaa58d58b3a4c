"""The problem codes of the graduate's world and their titles (English source texts; the
catalogues translate them); ``wallet_export/__init__`` imports this module. ``diploma-not-found``
is the issuer's (:mod:`issuer.problems`)."""

from __future__ import annotations

from common.i18n import N_
from common.problems import declare_titles

TITLES = declare_titles(
    {
        "invalid-share-scope": N_("Share scope must be diploma, diploma+supplement or diploma+profile"),
        "scope-unavailable": N_("This diploma has no such additional document"),
        "invalid-expiry": N_("The expiry must be 1 to 365 days (or until revoked)"),
        "share-link-not-found": N_("Share link not found"),
        "login-link-invalid": N_("The login link is invalid, expired or already used"),
        "csrf-failed": N_("The form is stale: reload the page and try again"),
    }
)
