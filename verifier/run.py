"""One verification in progress: what the checks of :mod:`verifier.checks` share besides the
view and the time. Results that two checks read (the trust-list lookup for ``issuer_trust``
and ``accreditation``, the status lists for ``status_revocation`` and ``status_suspension``)
are obtained once, on first use."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from common.errors import ResourceUnavailable
from verifier.check import Check
from verifier.context import VerificationContext
from verifier.inputs import Presented
from verifier.securing import Secured
from verifier.status import check_credential_status
from verifier.trust import issuer_of
from verifier.view import VerifiedView, ViewError

log = logging.getLogger("dalel.verifier")

STATUS_LIST_MAX_BYTES = 3 * 1024 * 1024


@dataclass
class Options:
    """What the caller knows about where the credential came from."""

    via_token: bool = False  # from a Dalel link or token
    superseded_by: str | None = None  # the link's newer version
    registry_confirmed: bool = False  # the issuing deployment's own registry holds this credential
    related_to: dict[str, Any] | None = None  # the diploma this credential came with (its view)
    holder: str | None = None  # holder binding asked: the DID that presented it


@dataclass
class Run:
    ctx: VerificationContext
    at: datetime  # the moment the credential is judged at
    as_of: datetime | None  # `at` when the caller asked for a past moment, else None (now)
    presented: Presented
    view: VerifiedView | None
    view_error: ViewError | None
    secured: Secured | None
    options: Options = field(default_factory=Options)
    results: dict[str, Check] = field(default_factory=dict)
    _trust: Any = None
    _statuses: Any = None

    @property
    def document(self) -> dict[str, Any]:
        return self.view.document if self.view is not None else {}

    @property
    def issuer(self) -> str | None:
        return issuer_of(self.document)

    def passed(self, check_id: str) -> bool:
        check = self.results.get(check_id)
        return check is not None and check.ok

    # ---------------------------------------------------------------- shared lookups
    def trust(self) -> tuple[list[Any], list[Any]]:
        """(found (trust list, entry) pairs, errors of the unusable lists), looked up once."""
        if self._trust is None:
            if not self.ctx.trust.configured:
                self._trust = ([], [])
            else:
                self._trust = self.ctx.trust.find(self.issuer or "")
        return self._trust

    def statuses(self) -> list[Any] | None:
        """The status results of the credential's entries (None: the checker raised)."""
        if self._statuses is None:
            checker = self.ctx.status_checker or check_credential_status
            try:
                self._statuses = list(
                    checker(
                        self.document,
                        fetch_json=self._fetch_json(),
                        resolve_key=self.ctx.resolver,
                        at=self.as_of,
                        cache=self.ctx.status_cache,
                    )
                )
            except ResourceUnavailable:
                self._statuses = []
            except Exception as exc:  # noqa: BLE001 - the verifier never raises on a credential
                log.warning("status check raised", extra={"error": type(exc).__name__})
                self._statuses = False
        return None if self._statuses is False else self._statuses

    def _fetch_json(self) -> Any:
        fetcher = self.ctx.fetcher
        if fetcher is None:
            def unavailable(url: str) -> Any:
                raise ResourceUnavailable(f"{url}: no fetcher")

            return unavailable
        return lambda url: fetcher.get_json(url, max_bytes=STATUS_LIST_MAX_BYTES)
