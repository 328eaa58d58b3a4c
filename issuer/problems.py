"""The problem codes the issuer raises and their titles (English source texts; the catalogues
translate them). The codes are the contract clients test against; ``issuer/__init__`` imports
this module, so the titles are declared whenever any issuer module is loaded."""

from __future__ import annotations

from common.i18n import N_
from common.problems import declare_titles

TITLES = declare_titles(
    {
        # numbering (issuer.numbering)
        "invalid-series": N_("Invalid series"),
        "invalid-number": N_("Invalid number"),
        "invalid-code": N_("Invalid code"),
        "number-taken": N_("This series and number have already been issued"),
        # cohort files and issuance (issuer.batch, issuer.service)
        "bad-file": N_("The file cannot be read"),
        "batch-too-large": N_("Too many rows in the file"),
        "batch-invalid": N_("The file has errors; nothing was issued"),
        "person-required": N_("Only a responsible person may issue documents"),
        "issuance-failed": N_("Issuance failed"),
        # tokens and responsible persons (issuer.auth)
        "invalid-token": N_("The access token is invalid or revoked"),
        "missing-scope": N_("The token does not allow this action"),
        "person-inactive": N_("The responsible person's appointment is not active now"),
        "wrong-institution": N_("A responsible person may act only for their own institution"),
        "invalid-scope": N_("Unknown scope (issue, revoke, correct)"),
        "person-not-found": N_("Responsible person not found"),
        # institutions, programmes, accreditations, persons (issuer.setup)
        "invalid-bin": N_("The BIN must be 12 digits with a valid check digit"),
        "institution-exists": N_("An institution with this identifier already exists"),
        "reserved-slug": N_("This identifier is reserved for the ministry"),
        "programme-exists": N_("A programme with this code already exists"),
        "invalid-programme": N_("Invalid programme data"),
        "invalid-accreditation": N_("Invalid accreditation data"),
        "invalid-person": N_("Invalid responsible person data"),
        "invalid-institution-data": N_("Invalid institution data"),
        # status lists and status changes (issuer.status)
        "status-list-not-found": N_("Status list not found"),
        "status-list-unavailable": N_("The status list cannot be published right now"),
        "invalid-status-action": N_("Unknown action (revoke, suspend, reinstate)"),
        "invalid-reason-code": N_(
            "Unknown reason code (issued_in_error, fraud, superseded_by_correction, court_decision, "
            "graduate_request, other)"
        ),
        "note-too-long": N_("The note is too long (up to 2000 characters)"),
        "diploma-not-found": N_("No diploma with this series and number"),
        "no-status-entry": N_("The diploma has no status entry in this issuer's lists"),
        "already-revoked": N_("The diploma is already revoked; revocation is final"),
        "already-suspended": N_("The diploma is already suspended"),
        "not-suspended": N_("The diploma is not suspended: nothing to reinstate"),
        "invalid-date": N_("Give the date as YYYY-MM-DD or ISO 8601"),
        # the VC-API issuer (issuer.vcapi)
        "invalid-credential": N_("The credential cannot be signed: it does not conform"),
        "unknown-issuer": N_("This service does not sign for that issuer"),
        "unsupported-cryptosuite": N_("Unsupported cryptosuite"),
        "invalid-options": N_("Invalid request options"),
        "numbered-credential": N_("Diplomas and supplements are not issued through the VC-API"),
    }
)
