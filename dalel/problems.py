"""The problem codes of the composition layer (the database edge, the command line) and their
titles (English source texts; the catalogues translate them); ``dalel/__init__`` imports this
module."""

from __future__ import annotations

from common.i18n import N_
from common.problems import declare_titles

TITLES = declare_titles(
    {
        # dalel.db: what no database may store, refused as the user's input
        "number-out-of-range": N_("The number is too large"),
        "nul-character": N_("The text holds a NUL (0x00) character, which cannot be stored"),
        # the command line (dalel.cli_runtime, dalel.cli_wallet)
        "confirmation-required": N_("Confirmation required"),
        "unknown-export-format": N_("Format must be pdf, json, jwt, vp, qr-png or qr-svg"),
    }
)
